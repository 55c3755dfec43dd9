import { uuidV7 } from '@jixiao/core/ids.ts';
import { roundSummary } from '@jixiao/core/self-evaluation/round-summary.ts';
import { recountSelfEvaluations } from '@jixiao/core/self-evaluation/self-evaluation-tally.ts';
import { selfEvaluationKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import { selfEvaluationId } from '@jixiao/functions/self-evaluation/round-operations.ts';
import {
  type StoredSelfEvaluation,
  selfEvaluationTallyIncrement,
} from '@jixiao/functions/self-evaluation/tally-writes.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedManyBudgetedProjects } from '../support/many-budgeted-projects.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * The bureau's summary of a self-evaluation round (issue 11 item 8) through the local gateway: a
 * round issued to every department, two of them with projects, a few self-evaluations moved on;
 * the summary equals a recount from the records, is scoped like the monitoring dashboard, and
 * reads one item per department whatever the number of self-evaluations.
 */
let stack: TestStack;
const education = { department: '102', unit: '102001', section: 'JKW' };
const development = { department: '101', unit: '101001', section: 'JJJS' };
const tokens: Record<string, string> = {};
const roundId = uuidV7();
const projects: Record<string, string[]> = {};

const person = (id: string, roles: string[], where: { department?: string; section?: string } = {}) =>
  stack.tokenForPerson({
    id,
    displayName: id,
    tenant: demoTenant.id,
    roles,
    departmentId: where.department ? demoId(`department:${where.department}`) : null,
    unitId: null,
    sectionId: where.section ? demoId(`section:${where.section}`) : null,
  });

/** A self-evaluation moved on as the workflow would write it: the record and its tally's increment together. */
const move = async (projectId: string, change: Partial<StoredSelfEvaluation>) => {
  const id = selfEvaluationId(roundId, projectId);
  const before = (await stack.store.get<StoredSelfEvaluation>(demoTenant.id, selfEvaluationKind, id))!;
  const after = { ...before, ...change, version: before.version + 1 };
  const increment = selfEvaluationTallyIncrement(roundId, before.departmentId, [{ before, after }]);
  const at = new Date().toISOString();
  await stack.store.transact(
    demoTenant.id,
    [{ kind: selfEvaluationKind, before, after }, ...(increment ? [increment] : [])],
    { actor: 'fixture:summary', actorRoles: [], requestId: uuidV7(), at },
  );
};

const sent = (at: string) => ({ reviewStatus: 'UNIT_SUBMITTED' as const, firstSubmittedAt: at });
const approved = (total: number, grade: 'EXCELLENT' | 'GOOD' | 'FAIR') => ({
  reviewStatus: 'FINAL_APPROVED' as const,
  firstSubmittedAt: '2027-03-20T02:00:00.000Z',
  total,
  grade,
});

beforeAll(async () => {
  stack = await startTestStack();
  projects.education = await seedManyBudgetedProjects(stack.store, { ...education, count: 3, prefix: 'DL2026SU' });
  projects.development = await seedManyBudgetedProjects(stack.store, { ...development, count: 2, prefix: 'DL2026SV' });
  tokens.perf = await person('perf', ['performance-section-reviewer']);
  tokens.section = await person('section', ['business-section-reviewer'], { section: education.section });
  tokens.department = await person('dept', ['department-reviewer'], { department: development.department });
  tokens.observer = await person('observer', ['observer']);
  tokens.preparer = await person('preparer', ['unit-preparer'], { department: education.department });

  const body = { id: roundId, fiscalYear: 2026, name: '2026年度项目支出绩效自评', deadline: '2027-03-31' };
  let round = (await stack.call('POST', '/api/v1/self-evaluation-rounds', { token: tokens.perf!, body })).body;
  for (let calls = 0; round.roundStatus !== 'ISSUED' && calls < 20; calls += 1) {
    round = (
      await stack.call('POST', `/api/v1/self-evaluation-rounds/${roundId}/issue`, { token: tokens.perf!, body: {} })
    ).body;
  }
  expect(round.roundStatus).toBe('ISSUED');

  const [e1, e2, e3] = projects.education as [string, string, string];
  const [d1] = projects.development as [string, string];
  await move(e1, approved(90.01, 'EXCELLENT'));
  await move(e2, approved(80, 'GOOD'));
  // Sent on 1 April in Beijing (16:30 UTC on 31 March): after the deadline.
  await move(e3, sent('2027-03-31T16:30:00.000Z'));
  await move(d1, approved(70.5, 'FAIR'));
}, 600_000);
afterAll(() => stack?.stop());

const summaryOf = (token: string | undefined) =>
  stack.call('GET', `/api/v1/self-evaluation-rounds/${roundId}/summary`, { token: token! });

const recordsOf = async (departmentId: string): Promise<StoredSelfEvaluation[]> => {
  const all: StoredSelfEvaluation[] = [];
  let cursor: string | undefined;
  do {
    const page = await stack.store.list<StoredSelfEvaluation>(demoTenant.id, selfEvaluationKind, {
      limit: 100,
      cursor,
      ownerId: `${roundId}#${departmentId}`,
    });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
};

describe('the summary of a self-evaluation round', () => {
  it('equals a recount from the self-evaluations, per department, series and in total', async () => {
    const read = await summaryOf(tokens.perf);
    expect(read.status).toBe(200);
    const summary = read.body;
    expect(summary.round).toMatchObject({ id: roundId, deadline: '2027-03-31', roundStatus: 'ISSUED' });
    expect(summary.pastDeadline).toBe(false);

    const recounted = await Promise.all(
      summary.departments.map(
        async (d: { departmentId: string; departmentCode: string; departmentName: string; series: string }) => ({
          departmentId: d.departmentId,
          departmentCode: d.departmentCode,
          departmentName: d.departmentName,
          departmentSeries: d.series,
          ...recountSelfEvaluations(await recordsOf(d.departmentId)),
        }),
      ),
    );
    const round = (await stack.call('GET', `/api/v1/self-evaluation-rounds/${roundId}`, { token: tokens.perf! })).body;
    const expected = roundSummary(recounted, false, round.scoring.rounding);
    expect({ total: summary.total, series: summary.series, departments: summary.departments }).toEqual(expected);

    // The same figures by hand. The demo's own 2026 projects were issued too and stay drafts; of ours,
    // 4 were sent on (1 late), 3 final-approved: (90.01 + 80 + 70.5) / 3 = 80.17.
    const issued = (
      await Promise.all(summary.departments.map((d: { departmentId: string }) => recordsOf(d.departmentId)))
    ).flat().length;
    expect(issued).toBeGreaterThanOrEqual(5);
    expect(summary.total).toMatchObject({
      selfEvaluations: issued,
      submitted: 4,
      late: 1,
      approved: 3,
      overdue: 0,
      byGrade: { EXCELLENT: 1, GOOD: 1, FAIR: 1, POOR: 0 },
      averageCountedScore: 80.17,
      sampled: 0,
      meanGap: null,
    });
    expect(summary.total.approvedPct).toBe(Math.round((3 * 1000) / issued) / 10);
    const educationLine = summary.departments.find(
      (d: { departmentId: string }) => d.departmentId === demoId('department:102'),
    );
    expect(educationLine).toMatchObject({ submitted: 3, late: 1, approved: 2, averageCountedScore: 85.01 });
  });

  it('reads the round and one tally per department, however many self-evaluations there are', async () => {
    const summary = (await summaryOf(tokens.perf)).body;
    // Every active department got a tally when the round was issued, with or without projects.
    expect(summary.departments.length).toBeGreaterThan(2);
    expect(summary.itemsRead).toBe(summary.departments.length + 1);
  });

  it('shows a business section only its departments and a department reviewer only its own; the observer the district', async () => {
    const all = (await summaryOf(tokens.perf)).body;
    const section = (await summaryOf(tokens.section)).body;
    const sectionDepartments = section.departments.map((d: { departmentId: string }) => d.departmentId);
    expect(sectionDepartments).toContain(demoId('department:102'));
    expect(sectionDepartments).not.toContain(demoId('department:101'));
    expect(section.total).toMatchObject({ submitted: 3, late: 1, approved: 2, averageCountedScore: 85.01 });
    expect(section.itemsRead).toBe(all.itemsRead);

    const own = (await summaryOf(tokens.department)).body;
    expect(own.departments.map((d: { departmentId: string }) => d.departmentId)).toEqual([demoId('department:101')]);
    expect(own.total).toMatchObject({ submitted: 1, approved: 1, averageCountedScore: 70.5 });

    const observer = (await summaryOf(tokens.observer)).body;
    expect(observer.total).toEqual(all.total);
  });

  it('refuses a unit, and answers not found for a round that does not exist', async () => {
    expect((await summaryOf(tokens.preparer)).status).toBe(403);
    const missing = await stack.call('GET', `/api/v1/self-evaluation-rounds/${uuidV7()}/summary`, {
      token: tokens.perf!,
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404 });
  });
});
