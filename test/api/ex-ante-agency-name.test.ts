import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoAgencies, demoId } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Issue 10: the list of ex-ante assessments said 第三方机构 where it should name the agency. The name is
 * copied onto the assessment when it is commissioned, so the list shows it without a lookup per row.
 */
let stack: TestStack;
let perf: string;

beforeAll(async () => {
  stack = await startTestStack();
  perf = await stack.tokenFor('perf-reviewer');
}, 300_000);
afterAll(() => stack?.stop());

describe('the ex-ante list', () => {
  it('names the commissioned agency of each third-party assessment, and no agency for the bureau’s own', async () => {
    const code = '91120116MA06B3T71L';
    const agencyId = demoId(`agency:${code}`);
    const agency = { body: demoAgencies.find((a) => a.creditCode === code)! };
    const commissioned = await stack.call('POST', '/api/v1/ex-ante-assessments', {
      token: perf,
      body: { id: uuidV7(), projectId: demoId('project:DL2027JY0001'), assessorType: 'THIRD_PARTY', agencyId },
    });
    expect(commissioned.status, JSON.stringify(commissioned.body)).toBe(201);
    expect(commissioned.body.agencyName).toBe(agency.body.name);
    const own = await stack.call('POST', '/api/v1/ex-ante-assessments', {
      token: perf,
      body: { id: uuidV7(), projectId: demoId('project:DL2027JY0001'), assessorType: 'FINANCE' },
    });
    expect(own.status).toBe(201);

    const list = await stack.call('GET', '/api/v1/ex-ante-assessments?limit=100', { token: perf });
    expect(list.status).toBe(200);
    const byId = new Map(list.body.items.map((a: { id: string }) => [a.id, a]));
    expect(byId.get(commissioned.body.id)).toMatchObject({ agencyId, agencyName: agency.body.name });
    expect(byId.get(own.body.id)).toMatchObject({ agencyId: null, agencyName: null });
    // The demo's commissioned assessments were made the same way.
    const demo = list.body.items.filter(
      (a: { assessorType: string; id: string }) => a.assessorType === 'THIRD_PARTY' && a.id !== commissioned.body.id,
    );
    expect(demo.length).toBeGreaterThan(0);
    const names = new Map(demoAgencies.map((a) => [demoId(`agency:${a.creditCode}`), a.name]));
    for (const a of demo) expect(a.agencyName, a.projectName).toBe(names.get(a.agencyId));
  });
});
