import { uuidV7 } from '@jixiao/core/ids.ts';
import { HttpProblem } from '@jixiao/functions/http/http-problem.ts';
import type { RecordKind } from '@jixiao/functions/ports/record-store.ts';
import { listAll, listAllCap } from '@jixiao/functions/records/list-all.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Issue 10: `listAll` stopped reading at 5,000 records and said nothing, so whatever was built from
 * the list (assignments taken, an agency's people) was silently partial. It now follows the cursor
 * to the end and refuses a collection over its cap with a 422 naming the limit. The cap is lowered
 * here rather than writing 5,001 records; the records cross a page (100) as real ones would.
 */
let stack: TestStack;
const tenant = '120110000';
const owner = uuidV7();
const kind: RecordKind = {
  type: 'list-all-probe',
  sortField: 'code',
  ownerField: 'ownerId',
  searchFields: [],
  uniqueFields: [],
};
const count = 130;

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  for (let i = 0; i < count; i++) {
    const id = uuidV7();
    const outcome = await stack.store.create(
      tenant,
      kind,
      { id, version: 1, status: 'active', code: String(i).padStart(4, '0'), ownerId: owner },
      { hash: id, context: { actor: 'test', actorRoles: [], requestId: uuidV7(), at: new Date().toISOString() } },
    );
    expect(outcome.outcome).toBe('created');
  }
}, 300_000);
afterAll(() => stack?.stop());

describe('listAll', () => {
  it('states its cap', () => {
    expect(listAllCap).toBe(5000);
  });

  it('follows every page to the end', async () => {
    const items = await listAll(stack.store, tenant, kind, { ownerId: owner });
    expect(items).toHaveLength(count);
    expect(new Set(items.map((r) => r.id)).size).toBe(count);
  });

  it('reads a collection of exactly its cap', async () => {
    expect(await listAll(stack.store, tenant, kind, { ownerId: owner }, count)).toHaveLength(count);
  });

  it('refuses a collection over its cap, loudly, instead of returning part of it', async () => {
    for (const cap of [5, 100, count - 1]) {
      const refused = await listAll(stack.store, tenant, kind, { ownerId: owner }, cap).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused, `cap ${cap}`).toBeInstanceOf(HttpProblem);
      expect((refused as HttpProblem).code).toBe('rules-not-met');
      expect((refused as HttpProblem).errors).toEqual([
        expect.objectContaining({ code: 'max_items', message: expect.stringContaining(`最多 ${cap} 项`) }),
      ]);
    }
  });
});
