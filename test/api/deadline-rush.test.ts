import { beijingDay } from '@jixiao/core/beijing-day.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { countsOnly, recount } from '@jixiao/core/monitoring/monitoring-tally.ts';
import { monitoringTallyKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import { type StoredReport, type TallyRecord, tallyId } from '@jixiao/functions/monitoring/tally-writes.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RushReport, rushReports } from '../support/deadline-rush.ts';
import { seedManyBudgetedProjects } from '../support/many-budgeted-projects.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * The deadline rush (issue 10, item 1): on the last day the 300 reports of one department are
 * saved and sent on at 50 at a time, every write touching the department's one tally. Each must
 * land, or get an answer the client can retry (503 with Retry-After, or a 409 resolved by reading
 * the report again) until it lands; afterwards the tally equals the recount and the hand totals.
 */
let stack: TestStack;
const education = { department: '102', unit: '102001', section: 'JKW' };
const count = 300;
let roundId = '';
const tokens = { perf: '', preparer: '', approver: '' };

beforeAll(async () => {
  stack = await startTestStack();
  const person = (id: string, roles: string[], unit?: string) =>
    stack.tokenForPerson({
      id,
      displayName: id,
      tenant: demoTenant.id,
      roles,
      departmentId: unit ? demoId(`department:${education.department}`) : null,
      unitId: unit ? demoId(`unit:${unit}`) : null,
    });
  tokens.perf = await person('perf', ['performance-section-reviewer']);
  tokens.preparer = await person('rush-preparer', ['unit-preparer'], education.unit);
  tokens.approver = await person('rush-approver', ['unit-approver'], education.unit);
  const projectIds = await seedManyBudgetedProjects(stack.store, { ...education, count, prefix: 'DR2026JY' });
  roundId = uuidV7();
  const opened = await stack.call('POST', '/api/v1/monitoring-rounds', {
    token: tokens.perf,
    body: {
      id: roundId,
      fiscalYear: 2026,
      name: '2026 年 1–6 月重点项目绩效运行监控',
      dataDate: '2026-06-30',
      deadline: '2026-07-20',
      scope: 'KEY',
      projectIds,
    },
  });
  expect(opened.status).toBe(201);
  for (let i = 0; i < 20; i++) {
    const issued = await stack.call('POST', `/api/v1/monitoring-rounds/${roundId}/issue`, {
      token: tokens.perf,
      body: {},
    });
    if (issued.body.roundStatus === 'ISSUED') break;
  }
}, 300_000);
afterAll(() => stack?.stop());

const allReports = async (): Promise<StoredReport[]> => {
  const reports: StoredReport[] = [];
  let cursor: string | undefined;
  do {
    const page = await stack.call(
      'GET',
      `/api/v1/monitoring-rounds/${roundId}/reports?departmentId=${demoId(`department:${education.department}`)}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token: tokens.perf },
    );
    expect(page.status).toBe(200);
    reports.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return reports;
};

describe('the deadline rush of one department', () => {
  it('lands all 300 saves and sends at concurrency 50, and the tally equals the recount and the hand totals', async () => {
    const before = await allReports();
    expect(before).toHaveLength(count);
    const outcome = await rushReports(stack.call, before as unknown as RushReport[], tokens, 50);
    expect(outcome.failures.slice(0, 5)).toEqual([]);
    expect(outcome.landed).toBe(count);

    const after = await allReports();
    expect(after.every((r) => r.reviewStatus === 'UNIT_SUBMITTED')).toBe(true);
    const tally = await stack.store.get<TallyRecord>(
      demoTenant.id,
      monitoringTallyKind,
      tallyId(roundId, demoId(`department:${education.department}`)),
    );
    expect(countsOnly(tally!)).toEqual(countsOnly(recount(after)));
    // By hand: the i-th project has a budget of i million 元 (10^8 fen), half of it spent.
    const budgetFen = ((count * (count + 1)) / 2) * 1_000_000_00;
    expect(tally).toMatchObject({
      reports: count,
      submitted: count,
      // The local stack's clock is today's: sent after 20 July counts as late.
      late: beijingDay(new Date().toISOString()) > '2026-07-20' ? count : 0,
      budgetFen,
      executedFen: budgetFen / 2,
      byStatus: { DRAFT: 0, RETURNED: 0, UNIT_SUBMITTED: count, DEPT_APPROVED: 0 },
    });
    expect(tally!.byColour.GREEN + tally!.byColour.YELLOW + tally!.byColour.RED).toBe(count);
  }, 600_000);
});
