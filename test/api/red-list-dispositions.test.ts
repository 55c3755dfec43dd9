import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMonitoringReports, seedMonitoringRound } from '../support/monitoring-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Issue 12, item 9: the red list shows each project's disposition and, where it ordered one, its rectification's status,
 * followed here through a decision, the unit's feedback and the bureau's verification.
 */
let stack: TestStack;
const tokens: Record<string, string> = {};
let roundId = '';
let reports: string[] = [];

const as = (token: string, body?: unknown) => ({ token, ...(body === undefined ? {} : { body }) });

interface Entry {
  reportId: string;
  disposition: { id: string; decision: string; state: string; dueDate: string | null } | null;
  rectification: { id: string; state: string; dueDate: string; round: number; overdue: boolean } | null;
}

const redList = async (who = 'perf-reviewer', query = 'limit=100'): Promise<Map<string, Entry>> => {
  const page = await stack.call('GET', `/api/v1/monitoring-rounds/${roundId}/red-list?${query}`, as(tokens[who]!));
  expect(page.status, JSON.stringify(page.body)).toBe(200);
  return new Map((page.body.items as Entry[]).map((e) => [e.reportId, e]));
};

beforeAll(async () => {
  stack = await startTestStack();
  for (const user of ['unit-preparer', 'unit-approver', 'dept-reviewer', 'perf-reviewer'])
    tokens[user] = await stack.tokenFor(user);
  tokens.otherDepartment = await stack.tokenForPerson({
    id: 'dept-reviewer-101',
    displayName: 'dept-reviewer-101',
    tenant: demoTenant.id,
    roles: ['department-reviewer'],
    departmentId: demoId('department:101'),
  });
  roundId = await seedMonitoringRound(stack.store, demoTenant.id);
  reports = await seedMonitoringReports(
    stack.store,
    demoTenant.id,
    roundId,
    {
      id: demoId('department:102'),
      code: '102',
      name: '区教育局',
      series: 'GOVERNMENT',
      financeSectionId: demoId('section:JKW'),
      unitId: demoId('unit:102001'),
      unitName: '区教育局本级',
    },
    ['FINAL_APPROVED', 'FINAL_APPROVED', 'FINAL_APPROVED'],
  );
}, 300_000);
afterAll(() => stack?.stop());

describe('the red list', () => {
  it('shows each project’s disposition and its rectification as it moves, read by batch gets of known ids', async () => {
    const [rectified, suspended, undecided] = reports as [string, string, string];
    let list = await redList();
    expect(list.size).toBe(3);
    expect(list.get(undecided)).toMatchObject({ disposition: null, rectification: null });

    const decide = (reportId: string, body: Record<string, unknown>) =>
      stack.call(
        'POST',
        `/api/v1/monitoring-reports/${reportId}/disposition`,
        as(tokens['perf-reviewer']!, { version: 1, reason: '执行进度严重滞后', dueDate: '2026-09-30', ...body }),
      );
    const rectify = await decide(rectified, { decision: 'RECTIFY', requirements: '加快支出进度，报送佐证材料' });
    expect(rectify.status, JSON.stringify(rectify.body)).toBe(201);
    const suspend = await decide(suspended, { decision: 'SUSPEND_FUNDS', amountFen: 200_000_00 });
    expect(suspend.status, JSON.stringify(suspend.body)).toBe(201);

    list = await redList();
    expect(list.get(rectified)).toMatchObject({
      disposition: { id: rectify.body.id, decision: 'RECTIFY', state: 'DECIDED', dueDate: '2026-09-30' },
      rectification: { id: rectify.body.rectificationId, state: 'NOTICE_ISSUED', round: 1, dueDate: '2026-09-30' },
    });
    expect(list.get(suspended)).toMatchObject({
      disposition: { id: suspend.body.id, decision: 'SUSPEND_FUNDS', state: 'SUSPENDED' },
      rectification: null,
    });
    expect(list.get(undecided)).toMatchObject({ disposition: null, rectification: null });

    // The unit answers: the red list follows the rectification to feedback sent, then closed.
    const url = `/api/v1/rectifications/${rectify.body.rectificationId}`;
    const draft = await stack.call(
      'PATCH',
      url,
      as(tokens['unit-preparer']!, { version: 1, feedback: '已拨付 60%。' }),
    );
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect((await redList()).get(rectified)?.rectification?.state).toBe('FEEDBACK_DRAFT');
    const sent = await stack.call(
      'POST',
      `${url}/submit`,
      as(tokens['unit-approver']!, { version: draft.body.version }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect((await redList()).get(rectified)?.rectification?.state).toBe('FEEDBACK_SUBMITTED');
    const closed = await stack.call(
      'POST',
      `${url}/verify`,
      as(tokens['perf-reviewer']!, { version: sent.body.version, decision: 'accept', opinion: '整改到位' }),
    );
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect((await redList()).get(rectified)).toMatchObject({
      disposition: { decision: 'RECTIFY' },
      rectification: { state: 'CLOSED', overdue: false },
    });

    // The department sees its own projects with the same decisions; another department sees none.
    const own = await redList('dept-reviewer');
    expect(own.get(suspended)?.disposition?.decision).toBe('SUSPEND_FUNDS');
    expect((await redList('otherDepartment')).size).toBe(0);
  });

  it('pages at the limit it states, the decisions riding on each page', async () => {
    const first = await stack.call(
      'GET',
      `/api/v1/monitoring-rounds/${roundId}/red-list?limit=2`,
      as(tokens['perf-reviewer']!),
    );
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await stack.call(
      'GET',
      `/api/v1/monitoring-rounds/${roundId}/red-list?limit=2&cursor=${first.body.nextCursor}`,
      as(tokens['perf-reviewer']!),
    );
    expect(second.body.items).toHaveLength(1);
    const all = [...first.body.items, ...second.body.items] as Entry[];
    expect(all.filter((e) => e.disposition !== null)).toHaveLength(2);
    const tooMany = await stack.call(
      'GET',
      `/api/v1/monitoring-rounds/${roundId}/red-list?limit=101`,
      as(tokens['perf-reviewer']!),
    );
    expect(tooMany.status).toBe(400);
  });
});
