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
import type { StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import { selfEvaluationKind, selfEvaluationTallyKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import { type StoredSelfEvaluation, selfEvaluationTallyId } from '@jixiao/functions/self-evaluation/tally-writes.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoLibraryEntry, demoProjectYear } from '@jixiao/infra/local/demo-projects.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onTrackReportBody, seedMonitoringReports, seedMonitoringRound } from '../support/monitoring-fixture.ts';
import { seedSelfEvaluation, seedSelfEvaluationRound } from '../support/self-evaluation-fixture.ts';
import { type CallResult, startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Withdrawal (撤回, docs/domain/submission.md#withdrawal) through the local gateway on DynamoDB Local:
 * each sender takes back its own step while nobody has acted since — targets, monitoring reports and
 * self-evaluations — audited in the log and the history, the review queues, the project's stage and
 * the department tallies following in the same transaction; refused once the next reviewer acted
 * (409 invalid-transition), at a stale version (409 version-conflict), to a role whose step it is not
 * (403) and to another department (404).
 */
let stack: TestStack;
const token: Record<string, string> = {};
const education = demoId('department:102');
const educationUnit = demoId('unit:102001');
const department = {
  id: education,
  code: '102',
  name: '东丽区教育局',
  series: 'GOVERNMENT',
  financeSectionId: demoId('section:JKW'),
  unitId: educationUnit,
  unitName: '东丽区教育局机关',
};

beforeAll(async () => {
  stack = await startTestStack();
  for (const u of ['unit-preparer', 'unit-approver', 'dept-reviewer', 'business-reviewer', 'perf-reviewer']) {
    token[u] = await stack.tokenFor(u);
  }
  const person = (id: string, roles: string[], org: Record<string, string>) =>
    stack.tokenForPerson({ id, displayName: id, tenant: demoTenant.id, roles, ...org });
  token['planning-reviewer'] = await person('dept-reviewer-101', ['department-reviewer'], {
    departmentId: demoId('department:101'),
  });
  token['planning-approver'] = await person('approver-101001', ['unit-approver'], {
    departmentId: demoId('department:101'),
    unitId: demoId('unit:101001'),
  });
  token['civil-affairs-section'] = await person('business-reviewer-shbz', ['business-section-reviewer'], {
    sectionId: demoId('section:SHBZ'),
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

/** A project of the education bureau's unit with a first target version complete, and sent (送审). */
const sentTarget = async () => {
  const project = await call('unit-preparer', 'POST', '/projects', {
    id: uuidV7(),
    fiscalYear: demoProjectYear,
    code: `W${Date.now().toString().slice(-9)}${String(++codeSeq).padStart(3, '0')}`,
    name: '撤回测试项目',
    unitId: educationUnit,
    category: 'SPECIFIC_PURPOSE',
    nature: 'CONTINUING',
    recurrence: 'RECURRING',
    periodStart: demoProjectYear,
    periodEnd: demoProjectYear,
    funds: { fiscal: 1_000_000_00, carryOver: 0, other: 0 },
    functionalClass: '20502',
    majorPolicy: false,
  });
  expect(project.status).toBe(201);
  const created = await call('unit-preparer', 'POST', `/projects/${project.body.id}/targets`, { id: uuidV7() });
  const saved = await call('unit-preparer', 'PATCH', `/targets/${created.body.id}`, {
    version: created.body.version,
    annualGoal: '完成年度任务',
    rows: completeRows(),
  });
  expect(saved.body.checks).toEqual([]);
  const sent = await call('unit-approver', 'POST', `/targets/${saved.body.id}/submit`, { version: saved.body.version });
  expect(sent.status).toBe(200);
  return { projectId: String(project.body.id), target: sent.body as { id: string; version: number } };
};

const queueIds = async (who: string, path = '/review-queue') =>
  (await call(who, 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=100`)).body.items.map(
    (t: { id: string }) => t.id,
  );

describe('withdrawing a target', () => {
  it('the unit takes back what it sent: a draft again, audited, out of the department’s queue, the project proposed', async () => {
    const { projectId, target } = await sentTarget();
    expect(await queueIds('dept-reviewer')).toContain(target.id);
    expect((await call('perf-reviewer', 'GET', `/projects/${projectId}`)).body.stage).toBe('IN_REVIEW');

    // At a stale version: a conflict, nothing changed.
    expectProblem(
      await call('unit-approver', 'POST', `/targets/${target.id}/withdraw`, { version: target.version - 1 }),
      409,
      'version-conflict',
    );
    // Bad input changes nothing either.
    expectProblem(
      await call('unit-approver', 'POST', `/targets/${target.id}/withdraw`, { version: target.version, why: 'x' }),
      400,
    );
    // The preparer did not send it; another department's people do not see it.
    expectProblem(
      await call('unit-preparer', 'POST', `/targets/${target.id}/withdraw`, { version: target.version }),
      403,
    );
    expectProblem(
      await call('planning-approver', 'POST', `/targets/${target.id}/withdraw`, { version: target.version }),
      404,
    );
    // The department reviewer has nothing of its own to withdraw yet: the state is not theirs.
    expectProblem(
      await call('dept-reviewer', 'POST', `/targets/${target.id}/withdraw`, { version: target.version }),
      409,
      'invalid-transition',
    );

    const withdrawn = await call('unit-approver', 'POST', `/targets/${target.id}/withdraw`, {
      version: target.version,
      comment: '发现指标值填写有误',
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body).toMatchObject({ reviewStatus: 'DRAFT', version: target.version + 1 });
    expect(withdrawn.body.reviewLog.at(-1)).toMatchObject({
      action: 'unit-withdraw',
      from: 'UNIT_SUBMITTED',
      to: 'DRAFT',
      role: 'unit-approver',
      opinion: '发现指标值填写有误',
    });
    expect(await queueIds('dept-reviewer')).not.toContain(target.id);
    expect((await call('perf-reviewer', 'GET', `/projects/${projectId}`)).body).toMatchObject({
      stage: 'PROPOSED',
      currentTargetStatus: 'DRAFT',
    });
    const history = await call('unit-approver', 'GET', `/targets/${target.id}/history`);
    expect(history.body.items[0]).toMatchObject({ operation: 'unit-withdraw' });

    // Twice is once too many: the state has moved.
    expectProblem(
      await call('unit-approver', 'POST', `/targets/${target.id}/withdraw`, { version: withdrawn.body.version }),
      409,
      'invalid-transition',
    );
    // Edited and sent again, it is the department's once more.
    const edited = await call('unit-preparer', 'PATCH', `/targets/${target.id}`, {
      version: withdrawn.body.version,
      annualGoal: '完成年度培训任务',
    });
    expect(edited.status).toBe(200);
    const resent = await call('unit-approver', 'POST', `/targets/${target.id}/submit`, {
      version: edited.body.version,
    });
    expect(resent.body.reviewStatus).toBe('UNIT_SUBMITTED');
    expect(await queueIds('dept-reviewer')).toContain(target.id);
  });

  it('is refused to the unit once its department acted (409 invalid-transition); the department withdraws its approval', async () => {
    const { target } = await sentTarget();
    const approved = await call('dept-reviewer', 'POST', `/targets/${target.id}/department-review`, {
      version: target.version,
      decision: 'approve',
    });
    expect(approved.body.reviewStatus).toBe('DEPT_APPROVED');
    // At the version the unit saw: stale; at the version it is now: the state moved on.
    expectProblem(
      await call('unit-approver', 'POST', `/targets/${target.id}/withdraw`, { version: target.version }),
      409,
      'version-conflict',
    );
    expectProblem(
      await call('unit-approver', 'POST', `/targets/${target.id}/withdraw`, { version: approved.body.version }),
      409,
      'invalid-transition',
    );
    expect(await queueIds('business-reviewer')).toContain(target.id);
    // Another department's reviewer, another section, the performance section: not theirs.
    expectProblem(
      await call('planning-reviewer', 'POST', `/targets/${target.id}/withdraw`, { version: approved.body.version }),
      404,
    );
    expectProblem(
      await call('civil-affairs-section', 'POST', `/targets/${target.id}/withdraw`, {
        version: approved.body.version,
      }),
      404,
    );
    expectProblem(
      await call('perf-reviewer', 'POST', `/targets/${target.id}/withdraw`, { version: approved.body.version }),
      403,
    );

    const back = await call('dept-reviewer', 'POST', `/targets/${target.id}/withdraw`, {
      version: approved.body.version,
    });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body).toMatchObject({ reviewStatus: 'UNIT_SUBMITTED' });
    expect(back.body.reviewLog.at(-1)).toMatchObject({ action: 'department-withdraw', role: 'department-reviewer' });
    expect(await queueIds('business-reviewer')).not.toContain(target.id);
    expect(await queueIds('dept-reviewer')).toContain(target.id);
    // Nobody has acted on what the unit sent: it may withdraw it now.
    const unit = await call('unit-approver', 'POST', `/targets/${target.id}/withdraw`, { version: back.body.version });
    expect(unit.body.reviewStatus).toBe('DRAFT');
  });

  it('the business section withdraws its first review until the final review happens', async () => {
    const { target } = await sentTarget();
    let current = target;
    for (const [who, path] of [
      ['dept-reviewer', 'department-review'],
      ['business-reviewer', 'first-review'],
    ] as const) {
      const r = await call(who, 'POST', `/targets/${current.id}/${path}`, {
        version: current.version,
        decision: 'approve',
      });
      current = r.body;
    }
    expect(await queueIds('perf-reviewer')).toContain(target.id);
    const back = await call('business-reviewer', 'POST', `/targets/${target.id}/withdraw`, {
      version: current.version,
    });
    expect(back.body).toMatchObject({ reviewStatus: 'DEPT_APPROVED' });
    expect(await queueIds('perf-reviewer')).not.toContain(target.id);
    const again = await call('business-reviewer', 'POST', `/targets/${target.id}/first-review`, {
      version: back.body.version,
      decision: 'approve',
    });
    const returned = await call('perf-reviewer', 'POST', `/targets/${target.id}/final-review`, {
      version: again.body.version,
      decision: 'return',
      opinion: '请补充成本指标依据',
    });
    expect(returned.body.reviewStatus).toBe('RETURNED');
    expectProblem(
      await call('business-reviewer', 'POST', `/targets/${target.id}/withdraw`, { version: returned.body.version }),
      409,
      'invalid-transition',
    );
    // Sent again after the return and withdrawn: a draft, the return still in its log for the unit to read.
    const resent = await call('unit-approver', 'POST', `/targets/${target.id}/submit`, {
      version: returned.body.version,
    });
    const withdrawn = await call('unit-approver', 'POST', `/targets/${target.id}/withdraw`, {
      version: resent.body.version,
    });
    expect(withdrawn.body.reviewStatus).toBe('DRAFT');
    expect(withdrawn.body.reviewLog.map((s: { action: string }) => s.action).slice(-3)).toEqual([
      'final-return',
      'submit',
      'unit-withdraw',
    ]);
  });
});

const sameCounts = (a: unknown, b: unknown) =>
  expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify(b)));

describe('withdrawing a monitoring report', () => {
  it('follows the department’s tally and the queue; refused once the next reviewer acted', async () => {
    const tenant = demoTenant.id;
    const roundId = await seedMonitoringRound(stack.store, tenant);
    const [id] = await seedMonitoringReports(stack.store, tenant, roundId, department);
    const url = `/monitoring-reports/${id}`;
    const draft = (await call('unit-preparer', 'GET', url)).body;
    const saved = await call('unit-preparer', 'PATCH', url, onTrackReportBody(draft));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.checks).toEqual([]);
    const tallyMatches = async () => {
      const tally = await stack.store.get<TallyRecord>(tenant, monitoringTallyKind, tallyId(roundId, education));
      const reports = (await stack.store.getMany<StoredReport>(tenant, monitoringReportKind, [id!])) as StoredReport[];
      sameCounts(countsOnly(tally!), countsOnly(recount(reports)));
      return tally!;
    };
    const sent = await call('unit-approver', 'POST', `${url}/submit`, { version: saved.body.version });
    expect(sent.body.reviewStatus).toBe('UNIT_SUBMITTED');
    expect((await tallyMatches()).byStatus.UNIT_SUBMITTED).toBe(1);
    expect(await queueIds('dept-reviewer', `/monitoring-review-queue?roundId=${roundId}`)).toContain(id);

    const approved = await call('dept-reviewer', 'POST', `${url}/department-review`, {
      version: sent.body.version,
      decision: 'approve',
    });
    expectProblem(
      await call('unit-approver', 'POST', `${url}/withdraw`, { version: approved.body.version }),
      409,
      'invalid-transition',
    );
    expectProblem(await call('planning-reviewer', 'POST', `${url}/withdraw`, { version: approved.body.version }), 404);
    const deptBack = await call('dept-reviewer', 'POST', `${url}/withdraw`, { version: approved.body.version });
    expect(deptBack.body).toMatchObject({ reviewStatus: 'UNIT_SUBMITTED' });
    expect((await tallyMatches()).byStatus).toMatchObject({ UNIT_SUBMITTED: 1, DEPT_APPROVED: 0 });

    const withdrawn = await call('unit-approver', 'POST', `${url}/withdraw`, {
      version: deptBack.body.version,
      comment: '执行数需更正',
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body).toMatchObject({ reviewStatus: 'DRAFT' });
    expect(withdrawn.body.reviewLog.at(-1)).toMatchObject({ action: 'unit-withdraw', opinion: '执行数需更正' });
    // No longer reported: its money and colour leave the department's figures; its first sending stays dated.
    const tally = await tallyMatches();
    expect(tally.byStatus).toMatchObject({ UNIT_SUBMITTED: 0, DRAFT: 1 });
    expect(tally.budgetFen).toBe(0);
    expect(withdrawn.body.firstSubmittedAt).toBe(sent.body.firstSubmittedAt);
    expect(await queueIds('dept-reviewer', `/monitoring-review-queue?roundId=${roundId}`)).not.toContain(id);
    const history = await call('unit-approver', 'GET', `${url}/history`);
    expect(history.body.items.map((e: { operation?: string }) => e.operation).slice(0, 3)).toEqual([
      'unit-withdraw',
      'department-withdraw',
      'department-approve',
    ]);
  });
});

describe('withdrawing a self-evaluation', () => {
  it('follows the department’s tally and the queue; the business section withdraws its first review', async () => {
    const tenant = demoTenant.id;
    const roundId = await seedSelfEvaluationRound(stack.store, tenant);
    const id = await seedSelfEvaluation(stack.store, tenant, roundId, department);
    const url = `/self-evaluations/${id}`;
    const draft = (await call('unit-preparer', 'GET', url)).body;
    const saved = await call('unit-preparer', 'PATCH', url, {
      version: draft.version,
      goalCompletion: '全年培训任务如期完成。',
      money: [
        { source: 'FISCAL', initialBudgetFen: 1_000_000_00, annualBudgetFen: 1_000_000_00, executedFen: 1_000_000_00 },
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
    expect(saved.body.checks).toEqual([]);
    const tallyMatches = async () => {
      const tally = await stack.store.get<StoredRecord>(
        tenant,
        selfEvaluationTallyKind,
        selfEvaluationTallyId(roundId, education),
      );
      const records = (await stack.store.getMany<StoredSelfEvaluation>(tenant, selfEvaluationKind, [
        id,
      ])) as StoredSelfEvaluation[];
      sameCounts(selfEvaluationCountsOnly(tally as never), selfEvaluationCountsOnly(recountSelfEvaluations(records)));
      return tally as unknown as { byStatus: Record<string, number> };
    };
    let current = (await call('unit-approver', 'POST', `${url}/submit`, { version: saved.body.version })).body;
    for (const [who, path] of [
      ['dept-reviewer', 'department-review'],
      ['business-reviewer', 'first-review'],
    ] as const) {
      current = (await call(who, 'POST', `${url}/${path}`, { version: current.version, decision: 'approve' })).body;
    }
    expect(current.reviewStatus).toBe('FIRST_REVIEWED');
    expect((await tallyMatches()).byStatus.FIRST_REVIEWED).toBe(1);
    expect(await queueIds('perf-reviewer', `/self-evaluation-review-queue?roundId=${roundId}`)).toContain(id);
    expectProblem(
      await call('dept-reviewer', 'POST', `${url}/withdraw`, { version: current.version }),
      409,
      'invalid-transition',
    );
    expectProblem(await call('civil-affairs-section', 'POST', `${url}/withdraw`, { version: current.version }), 404);

    const back = await call('business-reviewer', 'POST', `${url}/withdraw`, { version: current.version });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body).toMatchObject({ reviewStatus: 'DEPT_APPROVED' });
    expect(back.body.reviewLog.at(-1)).toMatchObject({ action: 'first-withdraw', role: 'business-section-reviewer' });
    expect((await tallyMatches()).byStatus).toMatchObject({ FIRST_REVIEWED: 0, DEPT_APPROVED: 1 });
    expect(await queueIds('perf-reviewer', `/self-evaluation-review-queue?roundId=${roundId}`)).not.toContain(id);
    expect(await queueIds('business-reviewer', `/self-evaluation-review-queue?roundId=${roundId}`)).toContain(id);
    const history = await call('unit-approver', 'GET', `${url}/history`);
    // (The fixture's own creation, dated in 2027 and without an operation, is left out.)
    expect(
      history.body.items
        .map((e: { operation?: string }) => e.operation)
        .filter(Boolean)
        .slice(0, 2),
    ).toEqual(['first-withdraw', 'first-approve']);
  });
});
