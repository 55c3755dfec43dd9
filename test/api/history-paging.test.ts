import { uuidV7 } from '@jixiao/core/ids.ts';
import { departmentKind } from '@jixiao/functions/organisation/record-kinds.ts';
import type { StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * A record's history (审计记录) used to answer its newest 100 audit entries and drop the rest
 * without a word. It is now paged like a list: `limit` (1–100, default 100) and a cursor, followed to
 * the end. One department gets 250 audit entries (its create through the API, then 249 changes
 * written through the store directly, a second apart after it, which is far faster than 249 requests and
 * gives every entry a distinct time), and its trail is read through the local gateway.
 */
let stack: TestStack;
let admin: string;
const id = uuidV7();
const entries = 250;
let base = 0;

beforeAll(async () => {
  stack = await startTestStack();
  admin = await stack.tokenFor('admin');
  const created = await stack.call('POST', '/api/v1/departments', {
    token: admin,
    body: { id, code: '778', name: '审计分页测试局', series: 'GOVERNMENT', financeSectionId: demoId('section:JKW') },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  let current = created.body as StoredRecord;
  // After the create (stamped with the time it arrived), a second apart.
  base = Date.parse(current.createdAt as string);
  for (let n = 2; n <= entries; n++) {
    const next = { ...current, name: `审计分页测试局${n}`, version: current.version + 1 };
    const at = new Date(base + n * 1000).toISOString();
    const outcome = await stack.store.update(demoTenant.id, departmentKind, current, next, {
      actor: 'test',
      actorRoles: ['tenant-admin'],
      requestId: uuidV7(),
      at,
    });
    expect(outcome.outcome).toBe('updated');
    current = next;
  }
}, 300_000);
afterAll(() => stack?.stop());

const historyPath = (query: string) => `/api/v1/departments/${id}/history${query}`;

const expectProblem = (response: Awaited<ReturnType<TestStack['call']>>, pointer: string) => {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  expect(response.body.type).toBe('urn:jixiao:problem:validation-failed');
  expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([pointer]);
};

describe('a record history of 250 entries', () => {
  it('is read to the end in pages of 100, 100 and 50, newest first, each entry once', async () => {
    const pages: { version: number }[][] = [];
    let cursor: string | undefined;
    do {
      const page = await stack.call(
        'GET',
        historyPath(`?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
        { token: admin },
      );
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      pages.push(page.body.items.map((entry: { after: { version: number } }) => entry.after));
      cursor = page.body.nextCursor;
      if (pages.length < 3) expect(cursor).toEqual(expect.any(String));
    } while (cursor && pages.length < 5);
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    // Versions 250 down to 1: the newest change first, the create last, none twice, none missing.
    expect(pages.flat().map((record) => record.version)).toEqual(
      Array.from({ length: entries }, (_, i) => entries - i),
    );
  });

  it('answers the newest 100 and a cursor when no limit is asked', async () => {
    const page = await stack.call('GET', historyPath(''), { token: admin });
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(100);
    expect(page.body.items[0]).toMatchObject({ entityId: id, action: 'update', after: { version: entries } });
    expect(page.body.nextCursor).toEqual(expect.any(String));
  });

  it('ends on a full page exactly when nothing older remains', async () => {
    const first = await stack.call('GET', historyPath('?limit=50'), { token: admin });
    let cursor: string | undefined = first.body.nextCursor;
    let read = first.body.items.length;
    let last = first;
    while (cursor) {
      last = await stack.call('GET', historyPath(`?limit=50&cursor=${encodeURIComponent(cursor)}`), { token: admin });
      read += last.body.items.length;
      cursor = last.body.nextCursor;
    }
    expect(read).toBe(entries);
    expect(last.body.items).toHaveLength(50);
    expect(last.body.items.at(-1)).toMatchObject({ action: 'create', after: { version: 1 } });
  });

  it('refuses a limit of 0 or 101 with problem+json', async () => {
    expectProblem(await stack.call('GET', historyPath('?limit=0'), { token: admin }), '/limit');
    expectProblem(await stack.call('GET', historyPath('?limit=101'), { token: admin }), '/limit');
  });

  it('refuses a cursor that is not a key of this record trail with problem+json', async () => {
    const first = await stack.call('GET', historyPath('?limit=10'), { token: admin });
    const key = JSON.parse(Buffer.from(first.body.nextCursor, 'base64url').toString('utf8'));
    const other = await stack.call('GET', `/api/v1/departments/${demoId('department:102')}/history?limit=10`, {
      token: admin,
    });
    expect(other.status).toBe(200);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const bad = [
      'not-a-cursor',
      encode({ ...key, sk: '#RECORD' }),
      encode({ ...key, pk: key.pk.replace(id, demoId('department:102')) }),
      encode({ ...key, gsi1pk: 'x', gsi1sk: 'y' }),
      encode([key.pk, key.sk]),
    ];
    for (const cursor of bad) {
      expectProblem(await stack.call('GET', historyPath(`?cursor=${cursor}`), { token: admin }), '/cursor');
    }
    // Another record's trail does not take this one's cursor either.
    expectProblem(
      await stack.call(
        'GET',
        `/api/v1/departments/${demoId('department:102')}/history?cursor=${first.body.nextCursor}`,
        { token: admin },
      ),
      '/cursor',
    );
  });
});
