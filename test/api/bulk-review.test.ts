import { uuidV7 } from '@jixiao/core/ids.ts';
import { countsOnly, recount } from '@jixiao/core/monitoring/monitoring-tally.ts';
import {
  recountSelfEvaluations,
  selfEvaluationCountsOnly,
} from '@jixiao/core/self-evaluation/self-evaluation-tally.ts';
import type { TargetRow } from '@jixiao/core/submission/performance-target.ts';
import { newTargetRow } from '@jixiao/core/submission/target-row.ts';
import { monitoringReportKind, monitoringTallyKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import { type StoredReport, type TallyRecord, tallyId } from '@jixiao/functions/monitoring/tally-writes.ts';
import { selfEvaluationKind, selfEvaluationTallyKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import { type StoredSelfEvaluation, selfEvaluationTallyId } from '@jixiao/functions/self-evaluation/tally-writes.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoLibraryEntry, demoProjectYear } from '@jixiao/infra/local/demo-projects.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onTrackReportBody, seedMonitoringReports, seedMonitoringRound } from '../support/monitoring-fixture.ts';
import { seedSelfEvaluation, seedSelfEvaluationRound } from '../support/self-evaluation-fixture.ts';
import { type CallResult, startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Bulk review (批量审核, docs/domain/submission.md#bulk-review) through the local gateway on DynamoDB
 * Local: one opinion on many records, each decided and written as its single step — one outcome per
 * item in the order sent, a stale or foreign item failing alone, the queues, the project's stage and
 * the department tally following as a recount finds; bad input refused whole, nothing changed.
 */
let stack: TestStack;
const token: Record<string, string> = {};
const education = demoId('department:102');
const educationUnit = demoId('unit:102001');

beforeAll(async () => {
  stack = await startTestStack();
  for (const u of ['unit-preparer', 'unit-approver', 'dept-reviewer', 'business-reviewer', 'perf-reviewer']) {
    token[u] = await stack.tokenFor(u);
  }
  token['planning-reviewer'] = await stack.tokenForPerson({
    id: 'dept-reviewer-101',
    displayName: 'dept-reviewer-101',
    tenant: demoTenant.id,
    roles: ['department-reviewer'],
    departmentId: demoId('department:101'),
  });
  token['planning-approver'] = await stack.tokenForPerson({
    id: 'approver-101001',
    displayName: 'approver-101001',
    tenant: demoTenant.id,
    roles: ['unit-preparer', 'unit-approver'],
    departmentId: demoId('department:101'),
    unitId: demoId('unit:101001'),
  });
  token['two-roles'] = await stack.tokenForPerson({
    id: 'reviewer-both',
    displayName: 'reviewer-both',
    tenant: demoTenant.id,
    roles: ['business-section-reviewer', 'performance-section-reviewer'],
    sectionId: demoId('section:JKW'),
  });
}, 120_000);
afterAll(() => stack?.stop());

const call = (who: string, method: string, path: string, body?: unknown) =>
  stack.call(method, `/api/v1${path}`, { token: token[who]!, ...(body === undefined ? {} : { body }) });

const expectProblem = (response: CallResult, status: number, type?: string) => {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  if (type) expect(String(response.body.type)).toMatch(new RegExp(`${type}$`));
};

let codeSeq = 0;
const row = (overrides: Partial<TargetRow>): TargetRow =>
  newTargetRow(uuidV7(), {
    name: '培训人次',
    value: '100',
    unit: '人次',
    weight: 20,
    scoringStandard: '按完成比例计分',
    ...overrides,
  });
const completeRows = (): TargetRow[] => [
  row({ weight: 20 }),
  row({ level2: 'QUALITY', name: '合格率', unit: '%', value: '95', weight: 15 }),
  row({ level2: 'TIMELINESS', name: '完成时限', operator: 'LTE', unit: '月', value: '11', weight: 10 }),
  row({
    level2: 'COST',
    name: '户均补贴金额',
    operator: 'LTE',
    unit: '万元/户',
    value: '1.5',
    weight: 5,
    libraryIndicatorId: demoLibraryEntry('GX-TS-006', demoProjectYear),
    custom: false,
  }),
  row({
    level1: 'BENEFIT',
    level2: 'SOCIAL',
    name: '社会效益',
    operator: 'QUALITATIVE',
    value: '明显提升',
    unit: '',
    weight: 30,
  }),
  row({ level1: 'SATISFACTION', level2: 'SERVICE_RECIPIENT', name: '满意度', unit: '%', value: '90', weight: 10 }),
];

/** A project of a unit with a first target version complete and sent (送审). */
const sentTarget = async (preparer = 'unit-preparer', approver = 'unit-approver', unitId = educationUnit) => {
  const project = await call(preparer, 'POST', '/projects', {
    id: uuidV7(),
    fiscalYear: demoProjectYear,
    code: `B${Date.now().toString().slice(-9)}${String(++codeSeq).padStart(3, '0')}`,
    name: '批量审核测试项目',
    unitId,
    category: 'SPECIFIC_PURPOSE',
    nature: 'CONTINUING',
    recurrence: 'RECURRING',
    periodStart: demoProjectYear,
    periodEnd: demoProjectYear,
    funds: { fiscal: 1_000_000_00, carryOver: 0, other: 0 },
    functionalClass: '20502',
    majorPolicy: false,
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  const created = await call(preparer, 'POST', `/projects/${project.body.id}/targets`, { id: uuidV7() });
  const saved = await call(preparer, 'PATCH', `/targets/${created.body.id}`, {
    version: created.body.version,
    annualGoal: '完成年度任务',
    rows: completeRows(),
  });
  expect(saved.body.checks).toEqual([]);
  const sent = await call(approver, 'POST', `/targets/${saved.body.id}/submit`, { version: saved.body.version });
  expect(sent.status).toBe(200);
  return { projectId: String(project.body.id), id: String(sent.body.id), version: Number(sent.body.version) };
};

const queueIds = async (who: string, path = '/review-queue') => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await call(who, 'GET', `${path}${sep}limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((t: { id: string }) => t.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
};

describe('POST /api/v1/targets/bulk-review', () => {
  it('approves three of the department’s versions with one opinion; a stale one and a foreign one fail alone', async () => {
    const three = [await sentTarget(), await sentTarget(), await sentTarget()];
    const stale = await sentTarget();
    const foreign = await sentTarget('planning-approver', 'planning-approver', demoId('unit:101001'));
    const queueBefore = await queueIds('dept-reviewer');
    for (const t of [...three, stale]) expect(queueBefore).toContain(t.id);

    const items = [
      three[0]!,
      { id: stale.id, version: stale.version - 1 },
      three[1]!,
      { id: foreign.id, version: foreign.version },
      three[2]!,
    ].map(({ id, version }) => ({ id, version }));
    const answer = await call('dept-reviewer', 'POST', '/targets/bulk-review', {
      decision: 'approve',
      opinion: '同意，报财政局初审',
      items,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.role).toBe('department-reviewer');
    expect(answer.body.results.map((r: { id: string; outcome: string }) => [r.id, r.outcome])).toEqual([
      [three[0]!.id, 'done'],
      [stale.id, 'version-conflict'],
      [three[1]!.id, 'done'],
      [foreign.id, 'not-found'],
      [three[2]!.id, 'done'],
    ]);
    expect(answer.body.totals).toEqual({
      done: 3,
      'version-conflict': 1,
      'invalid-transition': 0,
      'not-found': 1,
      forbidden: 0,
      'rules-not-met': 0,
    });
    // The conflict carries the version as it stands, as the single step's 409 does; the foreign one nothing.
    expect(answer.body.results[1].record).toMatchObject({ id: stale.id, version: stale.version });
    expect(answer.body.results[3].record).toBeUndefined();

    // Each done item is exactly the single step: its log, its project, its queue; audited as bulk.
    for (const [i, t] of three.entries()) {
      const done = answer.body.results[[0, 2, 4][i]!].record;
      expect(done).toMatchObject({ reviewStatus: 'DEPT_APPROVED', version: t.version + 1 });
      expect(done.reviewLog.at(-1)).toMatchObject({
        action: 'department-approve',
        from: 'UNIT_SUBMITTED',
        to: 'DEPT_APPROVED',
        role: 'department-reviewer',
        opinion: '同意，报财政局初审',
      });
      const history = await call('dept-reviewer', 'GET', `/targets/${t.id}/history`);
      expect(history.body.items[0]).toMatchObject({ operation: 'bulk-department-approve' });
      const project = await call('perf-reviewer', 'GET', `/projects/${t.projectId}`);
      expect(project.body).toMatchObject({ currentTargetStatus: 'DEPT_APPROVED', currentTargetId: t.id });
    }
    const queueAfter = await queueIds('dept-reviewer');
    for (const t of three) expect(queueAfter).not.toContain(t.id);
    expect(queueAfter).toContain(stale.id);
    expect(queueAfter.length).toBe(queueBefore.length - 3);
    const sectionQueue = await queueIds('business-reviewer');
    for (const t of three) expect(sectionQueue).toContain(t.id);
    // The stale and the foreign versions are as they were.
    expect((await call('dept-reviewer', 'GET', `/targets/${stale.id}`)).body).toMatchObject({
      reviewStatus: 'UNIT_SUBMITTED',
      version: stale.version,
    });
    expect((await call('planning-reviewer', 'GET', `/targets/${foreign.id}`)).body).toMatchObject({
      reviewStatus: 'UNIT_SUBMITTED',
      version: foreign.version,
    });

    // The same request again finds newer versions: nothing is done twice.
    const again = await call('dept-reviewer', 'POST', '/targets/bulk-review', {
      decision: 'approve',
      opinion: '同意，报财政局初审',
      items,
    });
    expect(again.status).toBe(200);
    expect(again.body.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'version-conflict',
      'version-conflict',
      'version-conflict',
      'not-found',
      'version-conflict',
    ]);
    expect(again.body.totals.done).toBe(0);
  });

  it('returns with the opinion as the reason; a return without one is refused whole', async () => {
    const a = await sentTarget();
    const b = await sentTarget();
    const items = [a, b].map(({ id, version }) => ({ id, version }));
    for (const opinion of [undefined, '', '   ']) {
      expectProblem(
        await call('dept-reviewer', 'POST', '/targets/bulk-review', {
          decision: 'return',
          ...(opinion === undefined ? {} : { opinion }),
          items,
        }),
        400,
        'validation-failed',
      );
    }
    expect((await call('dept-reviewer', 'GET', `/targets/${a.id}`)).body.version).toBe(a.version);
    const returned = await call('dept-reviewer', 'POST', '/targets/bulk-review', {
      decision: 'return',
      opinion: '请补充绩效指标的测算依据',
      items,
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body.totals.done).toBe(2);
    for (const r of returned.body.results) {
      expect(r.record).toMatchObject({ reviewStatus: 'RETURNED' });
      expect(r.record.reviewLog.at(-1)).toMatchObject({
        action: 'department-return',
        opinion: '请补充绩效指标的测算依据',
      });
    }
    const project = await call('perf-reviewer', 'GET', `/projects/${a.projectId}`);
    expect(project.body.currentTargetStatus).toBe('RETURNED');
    // A returned version is no longer the department's to decide: invalid-transition, alone.
    const late = await call('dept-reviewer', 'POST', '/targets/bulk-review', {
      decision: 'approve',
      items: [{ id: a.id, version: returned.body.results[0].record.version }],
    });
    expect(late.body.results[0]).toMatchObject({ id: a.id, outcome: 'invalid-transition' });
  });

  it('refuses bad input whole: 51 items, none, a repeated id, an unknown field, a unit’s call', async () => {
    const t = await sentTarget();
    const item = { id: t.id, version: t.version };
    const fiftyOne = Array.from({ length: 51 }, () => ({ id: uuidV7(), version: 1 }));
    for (const body of [
      { decision: 'approve', items: fiftyOne },
      { decision: 'approve', items: [] },
      { decision: 'approve', items: [item, item] },
      { decision: 'approve', items: [item], why: 'x' },
      { decision: 'maybe', items: [item] },
      // A grade belongs to the final review only (the single department step refuses it too).
      { decision: 'approve', grade: 'GOOD', items: [item] },
    ]) {
      expectProblem(await call('dept-reviewer', 'POST', '/targets/bulk-review', body), 400, 'validation-failed');
    }
    // Exactly fifty is within the limit (not found, one by one: none of them exists).
    const fifty = await call('dept-reviewer', 'POST', '/targets/bulk-review', {
      decision: 'approve',
      items: fiftyOne.slice(0, 50),
    });
    expect(fifty.status).toBe(200);
    expect(fifty.body.results).toHaveLength(50);
    expect(fifty.body.totals['not-found']).toBe(50);
    expectProblem(
      await call('unit-approver', 'POST', '/targets/bulk-review', { decision: 'approve', items: [item] }),
      403,
    );
    expect((await call('dept-reviewer', 'GET', `/targets/${t.id}`)).body.version).toBe(t.version);
  });

  it('the final review takes one grade for all and needs it; a caller with two reviewer roles names the step', async () => {
    const t = await sentTarget();
    const dept = await call('dept-reviewer', 'POST', '/targets/bulk-review', {
      decision: 'approve',
      items: [{ id: t.id, version: t.version }],
    });
    const first = await call('two-roles', 'POST', '/targets/bulk-review', {
      decision: 'approve',
      items: [{ id: t.id, version: dept.body.results[0].record.version }],
    });
    expectProblem(first, 400, 'validation-failed');
    expect(first.body.errors[0].pointer).toBe('/role');
    const firstDone = await call('two-roles', 'POST', '/targets/bulk-review', {
      decision: 'approve',
      role: 'business-section-reviewer',
      items: [{ id: t.id, version: dept.body.results[0].record.version }],
    });
    expect(firstDone.body.results[0]).toMatchObject({ outcome: 'done', record: { reviewStatus: 'FIRST_REVIEWED' } });
    const version = firstDone.body.results[0].record.version;
    // Naming a role the caller lacks is refused.
    expectProblem(
      await call('dept-reviewer', 'POST', '/targets/bulk-review', {
        decision: 'approve',
        role: 'performance-section-reviewer',
        items: [{ id: t.id, version }],
      }),
      403,
    );
    const noGrade = await call('perf-reviewer', 'POST', '/targets/bulk-review', {
      decision: 'approve',
      items: [{ id: t.id, version }],
    });
    expectProblem(noGrade, 400, 'validation-failed');
    expect(noGrade.body.errors[0].code).toBe('grade_required');
    const graded = await call('perf-reviewer', 'POST', '/targets/bulk-review', {
      decision: 'approve',
      grade: 'GOOD',
      opinion: '目标明确',
      items: [{ id: t.id, version }],
    });
    expect(graded.body.results[0], JSON.stringify(graded.body)).toMatchObject({
      outcome: 'done',
      record: { reviewStatus: 'FINAL_APPROVED', grade: 'GOOD' },
    });
    const project = await call('perf-reviewer', 'GET', `/projects/${t.projectId}`);
    expect(project.body).toMatchObject({ approvedTargetId: t.id, approvedGrade: 'GOOD' });
  });
});

describe('POST /api/v1/monitoring-reports/bulk-review', () => {
  it('approves a department’s reports together; the tally follows as a recount finds, one audit entry per item', async () => {
    const tenant = demoTenant.id;
    const roundId = await seedMonitoringRound(stack.store, tenant);
    const department = {
      id: education,
      code: '102',
      name: '东丽区教育局',
      series: 'GOVERNMENT',
      financeSectionId: demoId('section:JKW'),
      unitId: educationUnit,
      unitName: '东丽区教育局机关',
    };
    const ids = await seedMonitoringReports(stack.store, tenant, roundId, department, ['DRAFT', 'DRAFT', 'DRAFT']);
    const sent: { id: string; version: number }[] = [];
    for (const id of ids) {
      const url = `/monitoring-reports/${id}`;
      const draft = (await call('unit-preparer', 'GET', url)).body;
      const saved = await call('unit-preparer', 'PATCH', url, onTrackReportBody(draft));
      expect(saved.body.checks).toEqual([]);
      const submitted = await call('unit-approver', 'POST', `${url}/submit`, { version: saved.body.version });
      expect(submitted.body.reviewStatus).toBe('UNIT_SUBMITTED');
      sent.push({ id, version: submitted.body.version });
    }
    const tallyMatches = async () => {
      const tally = await stack.store.get<TallyRecord>(tenant, monitoringTallyKind, tallyId(roundId, education));
      const reports = (await stack.store.getMany<StoredReport>(tenant, monitoringReportKind, ids)) as StoredReport[];
      expect(JSON.parse(JSON.stringify(countsOnly(tally!)))).toEqual(
        JSON.parse(JSON.stringify(countsOnly(recount(reports)))),
      );
      return tally!;
    };
    expect((await tallyMatches()).byStatus.UNIT_SUBMITTED).toBe(3);
    // A report form's return needs a reason too.
    expectProblem(
      await call('dept-reviewer', 'POST', '/monitoring-reports/bulk-review', { decision: 'return', items: sent }),
      400,
      'validation-failed',
    );
    const answer = await call('dept-reviewer', 'POST', '/monitoring-reports/bulk-review', {
      decision: 'approve',
      opinion: '同意',
      items: [sent[0], { id: sent[1]!.id, version: sent[1]!.version + 5 }, sent[2]],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'done',
      'version-conflict',
      'done',
    ]);
    expect((await tallyMatches()).byStatus).toMatchObject({ UNIT_SUBMITTED: 1, DEPT_APPROVED: 2 });
    const queue = await queueIds('dept-reviewer', `/monitoring-review-queue?roundId=${roundId}`);
    expect(queue).toEqual([sent[1]!.id]);
    // The tally's trail keeps an entry for each item, though both were written in the same request.
    const tallyHistory = await stack.store.history(tenant, monitoringTallyKind, tallyId(roundId, education), {
      limit: 50,
    });
    const bulkEntries = tallyHistory.items.filter((e) => e.operation === 'bulk-department-approve');
    expect(bulkEntries).toHaveLength(2);
  });
});

describe('POST /api/v1/self-evaluations/bulk-review', () => {
  it('returns the department’s self-evaluation with one opinion, an unknown one not found alone; the tally follows as a recount finds', async () => {
    const tenant = demoTenant.id;
    const department = {
      id: education,
      code: '102',
      name: '东丽区教育局',
      series: 'GOVERNMENT',
      financeSectionId: demoId('section:JKW'),
      unitId: educationUnit,
      unitName: '东丽区教育局机关',
    };
    // One self-evaluation (the fixture makes the round's tally with it), and an id that is nobody's.
    const seeded: { roundId: string; id: string; version: number }[] = [];
    for (let i = 0; i < 1; i++) {
      const roundId = await seedSelfEvaluationRound(stack.store, tenant);
      const id = await seedSelfEvaluation(stack.store, tenant, roundId, department);
      const url = `/self-evaluations/${id}`;
      const draft = (await call('unit-preparer', 'GET', url)).body;
      const saved = await call('unit-preparer', 'PATCH', url, {
        version: draft.version,
        goalCompletion: '全年培训任务如期完成。',
        money: [
          {
            source: 'FISCAL',
            initialBudgetFen: 1_000_000_00,
            annualBudgetFen: 1_000_000_00,
            executedFen: 1_000_000_00,
          },
        ],
        rows: [
          {
            rowId: 'r1',
            actual: '1200',
            notApplicable: false,
            notApplicableReason: '',
            tier: null,
            tierScore: null,
            notComputableReason: '',
            overExplanation: '',
            deviationReasons: '',
            improvementMeasures: '',
            deduction: null,
            deductionReason: '',
            claimedScore: null,
          },
        ],
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      const sent = await call('unit-approver', 'POST', `${url}/submit`, { version: saved.body.version });
      expect(sent.body.reviewStatus).toBe('UNIT_SUBMITTED');
      seeded.push({ roundId, id, version: sent.body.version });
    }
    const tallyMatches = async (roundId: string, id: string) => {
      const tally = await stack.store.get(tenant, selfEvaluationTallyKind, selfEvaluationTallyId(roundId, education));
      const records = (await stack.store.getMany<StoredSelfEvaluation>(tenant, selfEvaluationKind, [
        id,
      ])) as StoredSelfEvaluation[];
      expect(JSON.parse(JSON.stringify(selfEvaluationCountsOnly(tally as never)))).toEqual(
        JSON.parse(JSON.stringify(selfEvaluationCountsOnly(recountSelfEvaluations(records)))),
      );
      return tally as unknown as { byStatus: Record<string, number> };
    };
    // A grade is the targets' alone.
    expectProblem(
      await call('dept-reviewer', 'POST', '/self-evaluations/bulk-review', {
        decision: 'approve',
        grade: 'GOOD',
        items: seeded.map(({ id, version }) => ({ id, version })),
      }),
      400,
      'validation-failed',
    );
    const answer = await call('dept-reviewer', 'POST', '/self-evaluations/bulk-review', {
      decision: 'return',
      opinion: '请补充偏差原因分析',
      items: [...seeded.map(({ id, version }) => ({ id, version })), { id: uuidV7(), version: 1 }],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.totals).toMatchObject({ done: 1, 'not-found': 1 });
    expect(answer.body.results[1]).toMatchObject({ outcome: 'not-found' });
    for (const [i, s] of seeded.entries()) {
      expect(answer.body.results[i]).toMatchObject({ id: s.id, outcome: 'done', record: { reviewStatus: 'RETURNED' } });
      expect(answer.body.results[i].record.reviewLog.at(-1)).toMatchObject({
        action: 'department-return',
        opinion: '请补充偏差原因分析',
      });
      expect((await tallyMatches(s.roundId, s.id)).byStatus).toMatchObject({ UNIT_SUBMITTED: 0, RETURNED: 1 });
      // (The fixture's entry is dated in 2027, so it is not the newest: look the step up by its name.)
      const history = await call('dept-reviewer', 'GET', `/self-evaluations/${s.id}/history`);
      expect(history.body.items.map((e: { operation?: string }) => e.operation)).toContain('bulk-department-return');
    }
  });
});
