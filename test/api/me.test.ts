import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * `GET /me` names the person's organisation, the finance section of a bureau reviewer included;
 * and the demo's review steps name people, never a made-up id.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const me = async (username: string) =>
  (await stack.call('GET', '/api/v1/me', { token: await stack.tokenFor(username) })).body;

describe('the signed-in person', () => {
  it('names the finance section of bureau reviewers, and none for departments', async () => {
    expect(await me('business-reviewer')).toMatchObject({ section: { name: '教科文科' }, department: null });
    expect(await me('perf-reviewer')).toMatchObject({ section: { name: '预算绩效管理科' } });
    expect(await me('unit-preparer')).toMatchObject({ section: null, unit: { name: '区教育局（本级）' } });
  });
});

describe('the years the tenant works in', () => {
  it('come with the person, from the tenant’s calendar: the demo stays in 2026, preparing 2027', async () => {
    // The demo pins its years (infra/local/demo-data.ts); a tenant without a calendar gets the clock's
    // (core/src/organisation/tenant-calendar.test.ts).
    expect((await me('unit-preparer')).tenant).toEqual({
      id: '120110000',
      name: '天津市东丽区',
      fiscalYear: 2026,
      budgetYear: 2027,
    });
  });
});

describe('the demo’s review steps', () => {
  it('are recorded under the demo people’s names (or a role’s name), never an internal id', async () => {
    const token = await stack.tokenFor('perf-reviewer');
    const names = new Set<string>();
    const projects = [];
    for (const year of ['2026', '2027']) {
      const page = await stack.call('GET', `/api/v1/projects?limit=100&fiscalYear=${year}`, { token });
      expect(page.status).toBe(200);
      expect(page.body.nextCursor).toBeUndefined();
      projects.push(...page.body.items);
    }
    for (const project of projects) {
      const targets = await stack.call('GET', `/api/v1/projects/${project.id}/targets`, { token });
      for (const version of targets.body.items ?? []) {
        for (const step of version.reviewLog) {
          expect(step.byName, `${project.name} ${step.action}`).not.toMatch(/demo:|^[0-9a-f-]{36}$/);
          names.add(step.byName);
        }
      }
    }
    expect(names).toContain('陈芳');
    expect(names).toContain('李明');
  });
});
