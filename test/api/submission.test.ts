import { createHash } from 'node:crypto';
import { uuidV7 } from '@jixiao/core/ids.ts';
import type { TargetRow } from '@jixiao/core/submission/performance-target.ts';
import { newTargetRow } from '@jixiao/core/submission/target-row.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoLibraryEntry, demoProjectYear } from '@jixiao/infra/local/demo-projects.ts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Projects, performance targets and their two-level review (docs/domain/submission.md: rules 1–4,
 * the year's weights, the budget gate) through the local gateway on DynamoDB Local, as the people
 * whose step it is.
 */
let stack: TestStack;
const token: Record<string, string> = {};
const education = demoId('department:102');
const educationUnit = demoId('unit:102001');

beforeAll(async () => {
  stack = await startTestStack();
  for (const u of [
    'unit-preparer',
    'unit-approver',
    'dept-reviewer',
    'business-reviewer',
    'perf-reviewer',
    'agency-lead',
    'observer',
  ]) {
    token[u] = await stack.tokenFor(u);
  }
  const person = (id: string, roles: string[], org: Record<string, string>) =>
    stack.tokenForPerson({ id, displayName: id, tenant: demoTenant.id, roles, ...org });
  token['second-dept-reviewer'] = await person('dept-reviewer-2', ['department-reviewer'], { departmentId: education });
  token['planning-reviewer'] = await person('dept-reviewer-101', ['department-reviewer'], {
    departmentId: demoId('department:101'),
  });
  token['civil-affairs-section'] = await person('business-reviewer-shbz', ['business-section-reviewer'], {
    sectionId: demoId('section:SHBZ'),
  });
  token['sibling-preparer'] = await person('preparer-102002', ['unit-preparer'], {
    departmentId: education,
    unitId: demoId('unit:102002'),
  });
});
afterAll(() => stack?.stop());

const call = (who: string, method: string, path: string, body?: unknown) =>
  stack.call(method, `/api/v1${path}`, { token: token[who]!, ...(body === undefined ? {} : { body }) });

let codeSeq = 0;
const projectBody = (overrides: Record<string, unknown> = {}) => ({
  id: uuidV7(),
  fiscalYear: demoProjectYear,
  code: `T${Date.now().toString().slice(-9)}${String(++codeSeq).padStart(3, '0')}`,
  name: '测试项目',
  unitId: educationUnit,
  category: 'SPECIFIC_PURPOSE',
  nature: 'CONTINUING',
  recurrence: 'RECURRING',
  periodStart: demoProjectYear,
  periodEnd: demoProjectYear,
  funds: { fiscal: 1_000_000_00, carryOver: 0, other: 0 },
  functionalClass: '20502',
  majorPolicy: false,
  ...overrides,
});

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

/** A project of the education bureau's own unit with a first target version saved complete. */
const projectWithTargets = async (overrides: Record<string, unknown> = {}) => {
  const project = await call('unit-preparer', 'POST', '/projects', projectBody(overrides));
  expect(project.status).toBe(201);
  const created = await call('unit-preparer', 'POST', `/projects/${project.body.id}/targets`, { id: uuidV7() });
  expect(created.status).toBe(201);
  const saved = await call('unit-preparer', 'PATCH', `/targets/${created.body.id}`, {
    version: created.body.version,
    annualGoal: '完成年度任务',
    mediumTermGoal: overrides.periodEnd ? '实施期目标' : '',
    rows: completeRows(),
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  expect(saved.body.checks).toEqual([]);
  return { projectId: String(project.body.id), target: saved.body };
};

type Step = [who: string, path: string, body?: Record<string, unknown>];
/** Takes a version through steps, each at the version the previous one left. */
const walk = async (target: { id: string; version: number }, steps: Step[]) => {
  let current = target;
  for (const [who, path, body] of steps) {
    const response = await call(who, 'POST', `/targets/${current.id}/${path}`, { version: current.version, ...body });
    expect(response.status, `${who} ${path}: ${JSON.stringify(response.body)}`).toBe(200);
    current = response.body;
  }
  return current as Record<string, unknown> & { id: string; version: number };
};
const toFirstReviewed: Step[] = [
  ['unit-approver', 'submit'],
  ['dept-reviewer', 'department-review', { decision: 'approve' }],
  ['business-reviewer', 'first-review', { decision: 'approve' }],
];
const approveGood: Step = ['perf-reviewer', 'final-review', { decision: 'approve', grade: 'GOOD' }];
const project = async (id: string) => (await call('perf-reviewer', 'GET', `/projects/${id}`)).body;

describe('projects', () => {
  it("registers a project for the caller's own unit, in its department, with money in whole fen", async () => {
    const body = projectBody();
    const created = await call('unit-preparer', 'POST', '/projects', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      departmentId: education,
      stage: 'PROPOSED',
      exAnteRequired: false,
      currentTargetId: null,
      approvedTargetId: null,
    });
    const other = await call('unit-preparer', 'POST', '/projects', projectBody({ unitId: demoId('unit:102002') }));
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([
      { pointer: '/unitId', code: 'unit_not_yours', message: '只能为本单位申报项目' },
    ]);
    const fractional = await call(
      'unit-preparer',
      'POST',
      '/projects',
      projectBody({ funds: { fiscal: 10.5, carryOver: 0, other: 0 } }),
    );
    expect(fractional.status).toBe(400);
    expect(fractional.body.errors[0].pointer).toBe('/funds/fiscal');
    const duplicate = await call('unit-preparer', 'POST', '/projects', { ...projectBody(), code: body.code });
    expect(duplicate.status).toBe(409);
    const nextYear = await call('unit-preparer', 'POST', '/projects', {
      ...projectBody({
        fiscalYear: demoProjectYear + 1,
        periodStart: demoProjectYear + 1,
        periodEnd: demoProjectYear + 1,
      }),
      code: body.code,
    });
    expect(nextYear.status).toBe(201);
  });

  it('marks major policies and large new projects as needing ex-ante assessment', async () => {
    const major = await call('unit-preparer', 'POST', '/projects', projectBody({ majorPolicy: true }));
    expect(major.body.exAnteRequired).toBe(true);
    const large = await call(
      'unit-preparer',
      'POST',
      '/projects',
      projectBody({ nature: 'NEW', funds: { fiscal: 5_000_000_00, carryOver: 0, other: 0 } }),
    );
    expect(large.body.exAnteRequired).toBe(true);
    const lowered = await call('unit-preparer', 'PATCH', `/projects/${large.body.id}`, {
      version: large.body.version,
      funds: { fiscal: 4_999_999_99, carryOver: 0, other: 0 },
    });
    expect(lowered.body.exAnteRequired).toBe(false);
  });

  it('shows a unit its own projects, a department its own, the bureau all; anything else is not found', async () => {
    const { projectId } = await projectWithTargets();
    for (const who of ['unit-preparer', 'unit-approver', 'dept-reviewer', 'business-reviewer', 'perf-reviewer']) {
      expect((await call(who, 'GET', `/projects/${projectId}`)).status, who).toBe(200);
    }
    for (const who of ['sibling-preparer', 'planning-reviewer']) {
      expect((await call(who, 'GET', `/projects/${projectId}`)).status, who).toBe(404);
      const list = await call(who, 'GET', `/projects?fiscalYear=${demoProjectYear}&limit=100`);
      expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(projectId);
    }
    // 人大/审计 observers read every project of the tenant (docs/domain/README.md, roles), and never write.
    expect((await call('observer', 'GET', `/projects/${projectId}`)).status).toBe(200);
    expect(
      (await call('observer', 'GET', `/projects?fiscalYear=${demoProjectYear}&limit=100`)).body.items.map(
        (p: { id: string }) => p.id,
      ),
    ).toContain(projectId);
    // Asking for another department's projects narrows to nothing rather than widening the scope.
    const asked = await call('dept-reviewer', 'GET', `/projects?departmentId=${demoId('department:101')}`);
    expect(asked.body.items).toEqual([]);
    const mine = await call('unit-preparer', 'GET', `/projects?fiscalYear=${demoProjectYear}&limit=100`);
    expect(mine.body.items.every((p: { unitId: string }) => p.unitId === educationUnit)).toBe(true);
  });
});

describe('performance targets', () => {
  it('saves an incomplete draft, but submit refuses it with the rules in Chinese and changes nothing', async () => {
    const created = await call('unit-preparer', 'POST', '/projects', projectBody());
    const target = await call('unit-preparer', 'POST', `/projects/${created.body.id}/targets`, { id: uuidV7() });
    const rows = completeRows();
    rows[0] = { ...rows[0]!, unit: '' };
    const saved = await call('unit-preparer', 'PATCH', `/targets/${target.body.id}`, {
      version: target.body.version,
      annualGoal: '目标',
      rows,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.checks).toEqual([
      { pointer: '/rows/0/unit', code: 'unit_required_quantitative', message: '定量指标必须填写计量单位' },
    ]);
    const submitted = await call('unit-approver', 'POST', `/targets/${target.body.id}/submit`, {
      version: saved.body.version,
    });
    expect(submitted.status).toBe(422);
    expect(submitted.body.type).toBe('urn:jixiao:problem:rules-not-met');
    expect(submitted.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/rows/0/unit']);
    const after = await call('unit-preparer', 'GET', `/targets/${target.body.id}`);
    expect(after.body).toMatchObject({ reviewStatus: 'DRAFT', version: saved.body.version, reviewLog: [] });
  });

  it("takes a library row's spending standard from the library, never from the client (rule 3)", async () => {
    const { target } = await projectWithTargets();
    const rows = target.rows as TargetRow[];
    const cost = rows.findIndex((r) => r.level2 === 'COST');
    expect(rows[cost]!.spendingStandardCap).toBe(2);
    const raised = rows.map((r, i) =>
      i === cost ? { ...r, value: '3', spendingStandardCap: 999 } : { ...r, spendingStandardCap: i === 0 ? 5 : null },
    );
    const saved = await call('unit-preparer', 'PATCH', `/targets/${target.id}`, {
      version: target.version,
      rows: raised,
    });
    expect(saved.body.rows[cost].spendingStandardCap).toBe(2);
    expect(saved.body.rows[0].spendingStandardCap).toBeNull();
    expect(saved.body.checks).toEqual([
      { pointer: `/rows/${cost}/value`, code: 'above_spending_cap', message: '成本指标不得高于支出标准（2）' },
    ]);
    expect(saved.body.libraryReferences[demoLibraryEntry('GX-TS-006', demoProjectYear)]).toMatchObject({
      code: 'GX-TS-006',
      referenceValue: '2',
      spendingStandardCap: 2,
    });
    const unknown = await call('unit-preparer', 'PATCH', `/targets/${target.id}`, {
      version: saved.body.version,
      rows: [{ ...raised[0]!, libraryIndicatorId: uuidV7() }],
    });
    expect(unknown.status).toBe(422);
  });

  it('goes unit → department → business section → performance section, returned once with a comment on one row', async () => {
    const { projectId, target } = await projectWithTargets();
    const rowId = (target.rows as TargetRow[])[1]!.rowId;
    const submitted = await walk(target, [['unit-approver', 'submit', { opinion: '同意送审' }]]);
    expect((await project(projectId)).stage).toBe('IN_REVIEW');

    const badComment = await call('dept-reviewer', 'POST', `/targets/${target.id}/department-review`, {
      version: submitted.version,
      decision: 'return',
      rowComments: { [uuidV7()]: '无此行' },
    });
    expect(badComment.status).toBe(400);
    const noReason = await call('dept-reviewer', 'POST', `/targets/${target.id}/department-review`, {
      version: submitted.version,
      decision: 'return',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].message).toBe('退回时请填写审核意见或针对具体指标的意见');

    const returned = await walk(submitted, [
      ['dept-reviewer', 'department-review', { decision: 'return', rowComments: { [rowId]: '合格率应不低于98%' } }],
    ]);
    expect(returned).toMatchObject({ reviewStatus: 'RETURNED' });
    expect((await project(projectId)).stage).toBe('PROPOSED');

    const rows = (returned.rows as TargetRow[]).map((r) => (r.rowId === rowId ? { ...r, value: '98' } : r));
    const fixed = await call('unit-preparer', 'PATCH', `/targets/${target.id}`, { version: returned.version, rows });
    expect(fixed.body.reviewStatus).toBe('DRAFT');
    const approved = await walk(fixed.body, [...toFirstReviewed, approveGood]);
    expect(approved).toMatchObject({ reviewStatus: 'FINAL_APPROVED', grade: 'GOOD' });
    expect(
      (approved.reviewLog as { action: string; by: string; role: string }[]).map((s) => `${s.action} ${s.role}`),
    ).toEqual([
      'submit unit-approver',
      'department-return department-reviewer',
      'submit unit-approver',
      'department-approve department-reviewer',
      'first-approve business-section-reviewer',
      'final-approve performance-section-reviewer',
    ]);
    const log = approved.reviewLog as { rowComments: Record<string, string>; opinion: string; byName: string }[];
    expect(log[0]!.opinion).toBe('同意送审');
    // Each step names the person who took it, as the timeline shows it.
    expect(log.map((step) => step.byName)).toEqual(['赵丽', '陈芳', '赵丽', '陈芳', '张伟', '李明']);
    expect(approved).toMatchObject({
      departmentName: '东丽区教育局',
      unitName: '区教育局（本级）',
      departmentSeries: 'GOVERNMENT',
    });
    expect(log[1]!.rowComments).toEqual({ [rowId]: '合格率应不低于98%' });
    expect(await project(projectId)).toMatchObject({
      stage: 'IN_LIBRARY',
      approvedTargetId: target.id,
      approvedGrade: 'GOOD',
      currentTargetStatus: 'FINAL_APPROVED',
    });
    const history = await call('perf-reviewer', 'GET', `/targets/${target.id}/history`);
    expect(history.body.items.map((e: { operation?: string }) => e.operation)).toEqual([
      'final-approve',
      'first-approve',
      'department-approve',
      'submit',
      'save-target',
      'department-return',
      'submit',
      'save-target',
      'create-target',
    ]);
    // An approved version is not edited again.
    const edit = await call('unit-preparer', 'PATCH', `/targets/${target.id}`, {
      version: approved.version,
      annualGoal: '改',
    });
    expect(edit.status).toBe(409);
  });

  it('refuses each step to every other role (403), and in the wrong state (409), with nothing changed', async () => {
    const { target } = await projectWithTargets();
    const steps: [string, string, Record<string, unknown>][] = [
      ['submit', 'unit-approver', {}],
      ['department-review', 'dept-reviewer', { decision: 'approve' }],
      ['first-review', 'business-reviewer', { decision: 'approve' }],
      ['final-review', 'perf-reviewer', { decision: 'approve', grade: 'GOOD' }],
      ['cancel-approval', 'perf-reviewer', { opinion: '撤回' }],
    ];
    const everyone = [
      'unit-preparer',
      'unit-approver',
      'dept-reviewer',
      'business-reviewer',
      'perf-reviewer',
      'agency-lead',
      'observer',
    ];
    for (const [path, owner, body] of steps) {
      for (const who of everyone.filter((w) => w !== owner)) {
        const refused = await call(who, 'POST', `/targets/${target.id}/${path}`, { version: target.version, ...body });
        expect(refused.status, `${who} ${path}`).toBe(403);
      }
      if (path !== 'submit') {
        const early = await call(owner, 'POST', `/targets/${target.id}/${path}`, { version: target.version, ...body });
        expect(early.status, `${owner} ${path} on a draft`).toBe(409);
        expect(early.body.type).toBe('urn:jixiao:problem:invalid-transition');
      }
    }
    // Another department's reviewer does not even see it.
    const submitted = await walk(target, [['unit-approver', 'submit']]);
    const outsider = await call('planning-reviewer', 'POST', `/targets/${target.id}/department-review`, {
      version: submitted.version,
      decision: 'approve',
    });
    expect(outsider.status).toBe(404);
    const again = await call('unit-approver', 'POST', `/targets/${target.id}/submit`, { version: submitted.version });
    expect(again.status).toBe(409);
    const unchanged = await call('unit-preparer', 'GET', `/targets/${target.id}`);
    expect(unchanged.body).toMatchObject({ version: submitted.version, reviewStatus: 'UNIT_SUBMITTED' });
  });

  it('lets only one of two reviewers act on the same version; the other gets 409 with the winner’s copy', async () => {
    const { target } = await projectWithTargets();
    const submitted = await walk(target, [['unit-approver', 'submit']]);
    const [a, b] = await Promise.all([
      call('dept-reviewer', 'POST', `/targets/${target.id}/department-review`, {
        version: submitted.version,
        decision: 'approve',
      }),
      call('second-dept-reviewer', 'POST', `/targets/${target.id}/department-review`, {
        version: submitted.version,
        decision: 'return',
        opinion: '退回',
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(loser.body.type).toBe('urn:jixiao:problem:version-conflict');
    expect(loser.body.current).toMatchObject({ version: winner.body.version, reviewStatus: winner.body.reviewStatus });
    const stored = await call('dept-reviewer', 'GET', `/targets/${target.id}`);
    expect(stored.body.reviewLog).toHaveLength(2);
    expect(stored.body.reviewStatus).toBe(winner.body.reviewStatus);
  });

  it('sends a 中 back for revision and stops a 差; a final return needs a reason and approval a grade', async () => {
    const fair = await projectWithTargets();
    const reviewed = await walk(fair.target, toFirstReviewed);
    const noGrade = await call('perf-reviewer', 'POST', `/targets/${reviewed.id}/final-review`, {
      version: reviewed.version,
      decision: 'approve',
    });
    expect(noGrade.status).toBe(400);
    const noReason = await call('perf-reviewer', 'POST', `/targets/${reviewed.id}/final-review`, {
      version: reviewed.version,
      decision: 'approve',
      grade: 'FAIR',
    });
    expect(noReason.status).toBe(400);
    const revised = await walk(reviewed, [
      ['perf-reviewer', 'final-review', { decision: 'approve', grade: 'FAIR', opinion: '指标偏低，请修改' }],
    ]);
    expect(revised).toMatchObject({ reviewStatus: 'RETURNED', grade: 'FAIR' });

    const poor = await projectWithTargets();
    await walk(poor.target, [
      ...toFirstReviewed,
      ['perf-reviewer', 'final-review', { decision: 'approve', grade: 'POOR', opinion: '目标与项目不符' }],
    ]);
    expect(await project(poor.projectId)).toMatchObject({ stage: 'REJECTED', approvedTargetId: null });
    const budget = await call('perf-reviewer', 'POST', `/projects/${poor.projectId}/budget`, {
      version: (await project(poor.projectId)).version,
    });
    expect(budget.status).toBe(422);
    expect(budget.body.errors.map((e: { code: string }) => e.code)).toEqual(['targets_not_approved']);
  });
});

describe('the budget gate and ex-ante assessment', () => {
  it('budgets a project approved 良 once, and only the performance section may', async () => {
    const { projectId, target } = await projectWithTargets();
    const before = await call('perf-reviewer', 'POST', `/projects/${projectId}/budget`, {
      version: (await project(projectId)).version,
    });
    expect(before.status).toBe(422);
    await walk(target, [...toFirstReviewed, approveGood]);
    const version = (await project(projectId)).version;
    expect((await call('business-reviewer', 'POST', `/projects/${projectId}/budget`, { version })).status).toBe(403);
    const budgeted = await call('perf-reviewer', 'POST', `/projects/${projectId}/budget`, { version });
    expect(budgeted.status).toBe(200);
    expect(budgeted.body).toMatchObject({ stage: 'BUDGETED' });
    const twice = await call('perf-reviewer', 'POST', `/projects/${projectId}/budget`, {
      version: budgeted.body.version,
    });
    expect(twice.status).toBe(422);
    expect(twice.body.errors[0].code).toBe('already_budgeted');
  });

  it('holds a major project at final review until its ex-ante assessment is concluded, by the commissioned agency', async () => {
    const { projectId, target } = await projectWithTargets({ majorPolicy: true, nature: 'NEW' });
    const reviewed = await walk(target, toFirstReviewed);
    const early = await call('perf-reviewer', 'POST', `/targets/${target.id}/final-review`, {
      version: reviewed.version,
      decision: 'approve',
      grade: 'GOOD',
    });
    expect(early.status).toBe(422);
    expect(early.body.errors.map((e: { code: string }) => e.code)).toEqual(['ex_ante_missing']);

    const agency = demoId('agency:91120110MA05JX8K2Q');
    const assessment = await call('perf-reviewer', 'POST', '/ex-ante-assessments', {
      id: uuidV7(),
      projectId,
      assessorType: 'THIRD_PARTY',
      agencyId: agency,
    });
    expect(assessment.status).toBe(201);
    expect(assessment.body).toMatchObject({ state: 'DRAFT', projectName: '测试项目', totalScore: null });
    const mine = await call('agency-lead', 'GET', '/ex-ante-assessments');
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(assessment.body.id);
    const incomplete = await call('agency-lead', 'POST', `/ex-ante-assessments/${assessment.body.id}/submit`, {
      version: assessment.body.version,
    });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.errors).toHaveLength(6);
    const dimension = (score: number) => ({ score, note: '依据充分' });
    const scored = await call('agency-lead', 'PATCH', `/ex-ante-assessments/${assessment.body.id}`, {
      version: assessment.body.version,
      dimensions: {
        NECESSITY: dimension(18),
        ECONOMY: dimension(16.5),
        TARGETS: dimension(17),
        FEASIBILITY: dimension(15),
        FUNDING: dimension(19),
      },
      conclusion: 'SUPPORT',
    });
    expect(scored.status).toBe(200);
    expect(scored.body.totalScore).toBe(85.5);
    // The agency cannot conclude: it submits, and the performance section accepts or returns.
    const own = await call('agency-lead', 'POST', `/ex-ante-assessments/${assessment.body.id}/conclude`, {
      version: scored.body.version,
    });
    expect(own.status).toBe(403);
    const submitted = await call('agency-lead', 'POST', `/ex-ante-assessments/${assessment.body.id}/submit`, {
      version: scored.body.version,
    });
    expect(submitted.body).toMatchObject({ state: 'SUBMITTED' });
    expect((await project(projectId)).exAnteConclusion).toBeNull();
    const sentBack = await call('perf-reviewer', 'POST', `/ex-ante-assessments/${assessment.body.id}/return`, {
      version: submitted.body.version,
      opinion: '请补充同类项目的价格比较',
    });
    expect(sentBack.body).toMatchObject({
      state: 'DRAFT',
      lastReturn: { byName: '李明', opinion: '请补充同类项目的价格比较' },
    });
    const resubmitted = await call('agency-lead', 'POST', `/ex-ante-assessments/${assessment.body.id}/submit`, {
      version: sentBack.body.version,
    });
    const concluded = await call('perf-reviewer', 'POST', `/ex-ante-assessments/${assessment.body.id}/conclude`, {
      version: resubmitted.body.version,
    });
    expect(concluded.status).toBe(200);
    const late = await call('perf-reviewer', 'PATCH', `/ex-ante-assessments/${assessment.body.id}`, {
      version: concluded.body.version,
      conclusion: 'REJECT',
    });
    expect(late.status).toBe(409);
    expect((await project(projectId)).exAnteConclusion).toBe('SUPPORT');
    await walk(reviewed, [approveGood]);
    const budgeted = await call('perf-reviewer', 'POST', `/projects/${projectId}/budget`, {
      version: (await project(projectId)).version,
    });
    expect(budgeted.status).toBe(200);
  });

  it('keeps a project out of the budget when its ex-ante conclusion is "do not support"', async () => {
    const { projectId, target } = await projectWithTargets({ majorPolicy: true });
    const assessment = await call('perf-reviewer', 'POST', '/ex-ante-assessments', {
      id: uuidV7(),
      projectId,
      assessorType: 'FINANCE',
    });
    const dimension = { score: 8, note: '必要性不足' };
    const scored = await call('perf-reviewer', 'PATCH', `/ex-ante-assessments/${assessment.body.id}`, {
      version: assessment.body.version,
      dimensions: {
        NECESSITY: dimension,
        ECONOMY: dimension,
        TARGETS: dimension,
        FEASIBILITY: dimension,
        FUNDING: dimension,
      },
      conclusion: 'REJECT',
    });
    await call('perf-reviewer', 'POST', `/ex-ante-assessments/${assessment.body.id}/conclude`, {
      version: scored.body.version,
    });
    expect(await project(projectId)).toMatchObject({ stage: 'REJECTED', exAnteConclusion: 'REJECT' });
    await walk(target, [...toFirstReviewed, approveGood]);
    expect((await project(projectId)).stage).toBe('REJECTED');
    const refused = await call('perf-reviewer', 'POST', `/projects/${projectId}/budget`, {
      version: (await project(projectId)).version,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { code: string }) => e.code)).toEqual(['ex_ante_rejected']);

    // Re-assessed after the project was adjusted, and supported: it is back in the library.
    const again = await call('perf-reviewer', 'POST', '/ex-ante-assessments', {
      id: uuidV7(),
      projectId,
      assessorType: 'EXPERT_PANEL',
    });
    const good = { score: 17, note: '调整后依据充分' };
    const rescored = await call('perf-reviewer', 'PATCH', `/ex-ante-assessments/${again.body.id}`, {
      version: again.body.version,
      dimensions: { NECESSITY: good, ECONOMY: good, TARGETS: good, FEASIBILITY: good, FUNDING: good },
      conclusion: 'SUPPORT_AFTER_ADJUSTMENT',
    });
    await call('perf-reviewer', 'POST', `/ex-ante-assessments/${again.body.id}/conclude`, {
      version: rescored.body.version,
    });
    expect(await project(projectId)).toMatchObject({
      stage: 'IN_LIBRARY',
      exAnteConclusion: 'SUPPORT_AFTER_ADJUSTMENT',
    });
    // "After adjustment": the targets approved before the conclusion do not count.
    const unrevised = await call('perf-reviewer', 'POST', `/projects/${projectId}/budget`, {
      version: (await project(projectId)).version,
    });
    expect(unrevised.body.errors.map((e: { code: string }) => e.code)).toEqual(['targets_not_revised']);
    const adjusted = await call('unit-preparer', 'POST', `/projects/${projectId}/targets`, { id: uuidV7() });
    await walk(adjusted.body, [...toFirstReviewed, approveGood]);
    const budgeted = await call('perf-reviewer', 'POST', `/projects/${projectId}/budget`, {
      version: (await project(projectId)).version,
    });
    expect(budgeted.status).toBe(200);
  });

  /** Concludes a finance-bureau assessment of the project with the given conclusion and recommended amount. */
  const conclude = async (projectId: string, conclusion: string, recommendedAmount: number | null) => {
    const created = await call('perf-reviewer', 'POST', '/ex-ante-assessments', {
      id: uuidV7(),
      projectId,
      assessorType: 'FINANCE',
    });
    const good = { score: 16, note: '测算偏高，建议压减' };
    const scored = await call('perf-reviewer', 'PATCH', `/ex-ante-assessments/${created.body.id}`, {
      version: created.body.version,
      dimensions: { NECESSITY: good, ECONOMY: good, TARGETS: good, FEASIBILITY: good, FUNDING: good },
      conclusion,
      recommendedAmount,
    });
    expect(scored.status, JSON.stringify(scored.body)).toBe(200);
    const concluded = await call('perf-reviewer', 'POST', `/ex-ante-assessments/${created.body.id}/conclude`, {
      version: scored.body.version,
    });
    expect(concluded.status).toBe(200);
  };

  it('after 调整完善后予以支持, needs revised targets and a reason to budget 1,200 万元 against a recommended 1,000 万元 (issue 10)', async () => {
    const wan = 1_000_000;
    const { projectId, target } = await projectWithTargets({
      majorPolicy: true,
      nature: 'NEW',
      funds: { fiscal: 1200 * wan, carryOver: 0, other: 0 },
    });
    const reviewed = await walk(target, toFirstReviewed);
    await conclude(projectId, 'SUPPORT_AFTER_ADJUSTMENT', 1000 * wan);
    // Approved now, but these are the targets the assessment asked to be adjusted: approved after
    // the conclusion, so they count as the revision.
    await walk(reviewed, [approveGood]);
    const noReason = await call('perf-reviewer', 'POST', `/projects/${projectId}/budget`, {
      version: (await project(projectId)).version,
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([
      {
        pointer: '/overrideReason',
        code: 'above_recommended_amount',
        message: '预算金额 1,200 万元超过事前评估建议金额 1,000 万元，须填写超出理由',
      },
    ]);
    expect((await project(projectId)).stage).toBe('IN_LIBRARY');

    // A second assessment after the approval: the standing targets predate it and must be revised.
    await conclude(projectId, 'SUPPORT_AFTER_ADJUSTMENT', 1000 * wan);
    const stale = await call('perf-reviewer', 'POST', `/projects/${projectId}/budget`, {
      version: (await project(projectId)).version,
      overrideReason: '新增两所学校接入，经区政府常务会议研究同意',
    });
    expect(stale.body.errors.map((e: { code: string }) => e.code)).toEqual(['targets_not_revised']);
    const adjusted = await call('unit-preparer', 'POST', `/projects/${projectId}/targets`, { id: uuidV7() });
    await walk(adjusted.body, [...toFirstReviewed, approveGood]);
    const budgeted = await call('perf-reviewer', 'POST', `/projects/${projectId}/budget`, {
      version: (await project(projectId)).version,
      overrideReason: '  新增两所学校接入，经区政府常务会议研究同意 ',
    });
    expect(budgeted.status, JSON.stringify(budgeted.body)).toBe(200);
    expect(budgeted.body).toMatchObject({
      stage: 'BUDGETED',
      budgetOverrideReason: '新增两所学校接入，经区政府常务会议研究同意',
    });
  });

  it('asks a renewal of an expiring project for an ex-ante assessment, whatever its amount', async () => {
    const created = await call('unit-preparer', 'POST', '/projects', projectBody({ renewal: true }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ renewal: true, exAnteRequired: true });
    const plain = await call('unit-preparer', 'POST', '/projects', projectBody());
    expect(plain.body).toMatchObject({ renewal: false, exAnteRequired: false });
    const changed = await call('unit-preparer', 'PATCH', `/projects/${plain.body.id}`, {
      version: plain.body.version,
      renewal: true,
    });
    expect(changed.body).toMatchObject({ renewal: true, exAnteRequired: true });
  });
});

describe("the year's weights (rule 4) and real tables", () => {
  const year = demoProjectYear + 1;
  const inYear = { fiscalYear: year, periodStart: year, periodEnd: year };

  it('serves the defaults until the performance section saves its own; only it may, and the parts must make the total', async () => {
    const defaults = await call('unit-preparer', 'GET', `/target-weights/${year}`);
    expect(defaults.body).toEqual({
      fiscalYear: year,
      version: 0,
      weights: { OUTPUT: 50, BENEFIT: 30, SATISFACTION: 10, budgetExecution: 10, total: 100 },
    });
    const weights = { OUTPUT: 40, BENEFIT: 30, SATISFACTION: 20, budgetExecution: 10, total: 100 };
    expect((await call('unit-preparer', 'PATCH', `/target-weights/${year}`, { version: 0, weights })).status).toBe(403);
    const wrong = await call('perf-reviewer', 'PATCH', `/target-weights/${year}`, {
      version: 0,
      weights: { ...weights, OUTPUT: 45 },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ pointer: '/weights/total', code: 'weights_settings_total' });
    const saved = await call('perf-reviewer', 'PATCH', `/target-weights/${year}`, { version: 0, weights });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ fiscalYear: year, version: 1, weights });
    expect((await call('perf-reviewer', 'PATCH', `/target-weights/${year}`, { version: 0, weights })).status).toBe(409);

    // A 50/30/10 target of that year now departs from it, and says why before it is sent.
    const p = await call('unit-preparer', 'POST', '/projects', projectBody(inYear));
    const t = await call('unit-preparer', 'POST', `/projects/${p.body.id}/targets`, { id: uuidV7() });
    const draft = await call('unit-preparer', 'PATCH', `/targets/${t.body.id}`, {
      version: t.body.version,
      annualGoal: '完成年度任务',
      rows: completeRows(),
    });
    expect(draft.body.checks.map((c: { code: string }) => c.code)).toEqual(['weights_reason_required']);
    const refused = await call('unit-approver', 'POST', `/targets/${t.body.id}/submit`, {
      version: draft.body.version,
    });
    expect(refused.status).toBe(422);
    const explained = await call('unit-preparer', 'PATCH', `/targets/${t.body.id}`, {
      version: draft.body.version,
      weightReason: '沿用上年口径',
    });
    expect(explained.body.checks).toEqual([]);
    expect(explained.body.warnings.map((w: { code: string }) => w.code)).toEqual(['weights_departed']);
    const sent = await call('unit-approver', 'POST', `/targets/${t.body.id}/submit`, {
      version: explained.body.version,
    });
    expect(sent.status).toBe(200);
    // Every reviewer reads the reason and the flag.
    const read = await call('business-reviewer', 'GET', `/targets/${t.body.id}`);
    expect(read.body.weightReason).toBe('沿用上年口径');
    expect(read.body.warnings[0].message).toContain('理由：沿用上年口径');
  });

  it('takes a real table: 60/20/10 with date targets, stored as dates, and money as output only warned', async () => {
    const p = await call('unit-preparer', 'POST', '/projects', projectBody());
    const t = await call('unit-preparer', 'POST', `/projects/${p.body.id}/targets`, { id: uuidV7() });
    const rows = [
      row({ name: '受助学生人数', value: '1200', unit: '人', weight: 30 }),
      row({ level2: 'QUALITY', name: '资助对象认定准确率', value: '100', unit: '%', weight: 10 }),
      row({ level2: 'TIMELINESS', name: '秋季学期资助发放', operator: 'LTE', value: '9月前', unit: '', weight: 10 }),
      row({ level2: 'TIMELINESS', name: '全年资金拨付', operator: 'LTE', value: '≤ 2027-11-30', unit: '', weight: 5 }),
      row({ name: '年度预算', value: '220', unit: '万元', weight: 5 }),
      row({
        level1: 'BENEFIT',
        level2: 'SOCIAL',
        name: '因贫辍学人数',
        operator: 'EQ',
        value: '0',
        unit: '人',
        weight: 20,
      }),
      row({
        level1: 'SATISFACTION',
        level2: 'SERVICE_RECIPIENT',
        name: '受助学生满意度',
        value: '95',
        unit: '%',
        weight: 10,
      }),
    ];
    const saved = await call('unit-preparer', 'PATCH', `/targets/${t.body.id}`, {
      version: t.body.version,
      annualGoal: '按时足额发放资助资金',
      rows,
      weightReason: '资助发放是本项目的主要产出',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.checks).toEqual([]);
    expect(saved.body.rows.map((r: TargetRow) => r.valueDate)).toEqual([
      null,
      null,
      `${demoProjectYear}-08-31`,
      '2027-11-30',
      null,
      null,
      null,
    ]);
    expect(saved.body.warnings.map((w: { pointer: string; code: string }) => `${w.pointer} ${w.code}`)).toEqual([
      '/weightReason weights_departed',
      '/rows/4/unit money_as_output',
    ]);
    const sent = await call('unit-approver', 'POST', `/targets/${t.body.id}/submit`, { version: saved.body.version });
    expect(sent.status).toBe(200);
  });
});

describe('versions', () => {
  it('adjusting approved targets makes version 2; version 1 stays as it was and is what counts until 2 is approved', async () => {
    const { projectId, target } = await projectWithTargets();
    const v1 = await walk(target, [...toFirstReviewed, approveGood]);
    const v2Id = uuidV7();
    const v2 = await call('unit-preparer', 'POST', `/projects/${projectId}/targets`, { id: v2Id });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ versionNo: 2, basedOnId: v1.id, reviewStatus: 'DRAFT', rows: v1.rows });
    const replay = await call('unit-preparer', 'POST', `/projects/${projectId}/targets`, { id: v2Id });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const third = await call('unit-preparer', 'POST', `/projects/${projectId}/targets`, { id: uuidV7() });
    expect(third.status).toBe(409);
    // Rule 14: the last approved version is what self-evaluation uses, while the adjustment is under way.
    expect(await project(projectId)).toMatchObject({
      stage: 'IN_LIBRARY',
      approvedTargetId: v1.id,
      currentTargetId: v2Id,
    });

    const rows = (v2.body.rows as TargetRow[]).map((r, i) => (i === 0 ? { ...r, value: '120' } : r));
    const saved = await call('unit-preparer', 'PATCH', `/targets/${v2Id}`, { version: v2.body.version, rows });
    const v2Approved = await walk(saved.body, [...toFirstReviewed, approveGood]);
    expect(v2Approved.reviewStatus).toBe('FINAL_APPROVED');
    expect(await project(projectId)).toMatchObject({ approvedTargetId: v2Id, targetVersionNo: 2 });
    const old = await call('unit-preparer', 'GET', `/targets/${v1.id}`);
    expect(old.body).toMatchObject({ superseded: true, reviewStatus: 'FINAL_APPROVED' });
    expect(old.body.rows[0].value).toBe('100');
    const versions = await call('dept-reviewer', 'GET', `/projects/${projectId}/targets`);
    expect(versions.body.items.map((t: { versionNo: number }) => t.versionNo)).toEqual([1, 2]);
  });

  it('withdraws a final approval (取消审核) back to the earlier approved version, but not once budgeted', async () => {
    const { projectId, target } = await projectWithTargets();
    const v1 = await walk(target, [...toFirstReviewed, approveGood]);
    const v2 = await call('unit-preparer', 'POST', `/projects/${projectId}/targets`, { id: uuidV7() });
    const v2Approved = await walk(v2.body, [...toFirstReviewed, approveGood]);
    const cancelled = await walk(v2Approved, [['perf-reviewer', 'cancel-approval', { opinion: '预算调整，撤回终审' }]]);
    expect(cancelled).toMatchObject({ reviewStatus: 'FIRST_REVIEWED', grade: null });
    expect(await project(projectId)).toMatchObject({ approvedTargetId: v1.id, stage: 'IN_LIBRARY' });
    expect((await call('perf-reviewer', 'GET', `/targets/${v1.id}`)).body.superseded).toBe(false);

    const reapproved = await walk(cancelled, [approveGood]);
    await call('perf-reviewer', 'POST', `/projects/${projectId}/budget`, {
      version: (await project(projectId)).version,
    });
    const refused = await call('perf-reviewer', 'POST', `/targets/${v2.body.id}/cancel-approval`, {
      version: reapproved.version,
      opinion: '再撤回',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].code).toBe('already_budgeted');
  });
});

describe('review queues', () => {
  it('lists what waits for each reviewer, oldest first, filtered by department, series and age', async () => {
    const { target } = await projectWithTargets();
    const submitted = await walk(target, [['unit-approver', 'submit']]);
    const ids = async (who: string, query = '') =>
      (await call(who, 'GET', `/review-queue?limit=100${query}`)).body.items.map((t: { id: string }) => t.id);
    expect(await ids('dept-reviewer')).toContain(target.id);
    expect(await ids('planning-reviewer')).not.toContain(target.id);
    expect(await ids('business-reviewer')).not.toContain(target.id);
    await walk(submitted, [['dept-reviewer', 'department-review', { decision: 'approve' }]]);
    expect(await ids('dept-reviewer')).not.toContain(target.id);
    const business = await call('business-reviewer', 'GET', '/review-queue?limit=100');
    const items = business.body.items as { id: string; statusSince: string; departmentId: string }[];
    expect(items.map((t) => t.id)).toContain(target.id);
    expect(items.map((t) => t.statusSince)).toEqual([...items.map((t) => t.statusSince)].sort());
    // A business section sees the departments it is responsible for (归口): 教科文科 the education
    // bureau, 社会保障科 the civil-affairs bureau, whose demo project waits there.
    const civil = demoId('department:103');
    expect(items.every((t) => t.departmentId !== civil)).toBe(true);
    const civilQueue = await call('civil-affairs-section', 'GET', '/review-queue?limit=100');
    expect(civilQueue.body.items.map((t: { departmentId: string }) => t.departmentId)).toContain(civil);
    expect(civilQueue.body.items.map((t: { id: string }) => t.id)).not.toContain(target.id);
    expect((await call('civil-affairs-section', 'GET', `/targets/${target.id}`)).status).toBe(404);
    expect(await ids('business-reviewer', `&departmentId=${civil}`)).toEqual([]);
    expect(await ids('business-reviewer', `&departmentId=${education}`)).toContain(target.id);
    expect(await ids('business-reviewer', '&series=PARTY_MASS')).toEqual([]);
    expect(await ids('business-reviewer', '&series=GOVERNMENT')).toContain(target.id);
    expect(await ids('business-reviewer', '&minAgeDays=1')).toEqual([]);
    expect(await ids('business-reviewer', '&minAgeDays=0')).toContain(target.id);

    const first = await call('business-reviewer', 'GET', '/review-queue?limit=1');
    expect(first.body.items).toHaveLength(1);
    const second = await call('business-reviewer', 'GET', `/review-queue?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    // A cursor from another queue is refused.
    const foreign = await call('perf-reviewer', 'GET', `/review-queue?limit=1&cursor=${first.body.nextCursor}`);
    expect(foreign.status).toBe(400);
  });
});

describe('export', () => {
  const download = async (who: string, path: string) => {
    const response = await fetch(`${stack.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token[who]}` } });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const cellTexts = (sheet: ExcelJS.Worksheet) => {
    const texts: string[] = [];
    sheet.eachRow((r) => {
      r.eachCell((c) => {
        texts.push(String(c.value));
      });
    });
    return texts;
  };

  it('gives one version as the 项目支出绩效目标申报表, holding the submitted values', async () => {
    const { projectId, target } = await projectWithTargets({ name: '导出测试项目' });
    await walk(target, [['unit-approver', 'submit']]);
    const { response, bytes } = await download('dept-reviewer', `/targets/${target.id}/declaration.xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(`${(await project(projectId)).code}-导出测试项目`)}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const [sheet, supplement] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    const texts = cellTexts(sheet);
    expect(texts).toContain('项目支出绩效目标申报表');
    expect(texts).toContain('导出测试项目');
    expect(texts).toContain('东丽区教育局（102）');
    expect(texts).toContain('完成年度任务');
    // 填报人 and 单位负责人 by name: the preparer who saved it and the approver who sent it.
    const footer = (sheet.lastRow!.values as unknown[]).map(String);
    expect(footer).toEqual(expect.arrayContaining(['填报人：', '刘洋', '单位负责人：', '赵丽']));
    expect(supplement.name).toBe('补充信息');
    expect(cellTexts(supplement)).toContain('单位已送审');
    // Every submitted row is there: its value on the official grid, its value and weight on 补充信息.
    const lineWith = (s: ExcelJS.Worksheet, wanted: string[]) => {
      let found = false;
      s.eachRow((line) => {
        const values = (line.values as unknown[]).map((v) => (v === null || v === undefined ? '' : String(v)));
        if (wanted.every((w) => values.includes(w))) found = true;
      });
      return found;
    };
    const symbols: Record<string, string> = { GTE: '≥', LTE: '≤', EQ: '=', GT: '>', LT: '<' };
    for (const r of target.rows as TargetRow[]) {
      const shown = r.operator === 'QUALITATIVE' ? r.value : `${symbols[r.operator]}${r.value}${r.unit}`;
      expect(lineWith(sheet, [r.name, shown]), r.name).toBe(true);
      expect(lineWith(supplement, [r.name, r.value, String(r.weight)]), r.name).toBe(true);
    }
    // 1,000,000.00 元 of fiscal funds is 100 万元.
    expect(texts).toContain('100');
    expect((await download('planning-reviewer', `/targets/${target.id}/declaration.xlsx`)).response.status).toBe(404);
  });

  it("gives a department's year as one workbook: a summary and a sheet per project", async () => {
    const { response, bytes } = await download(
      'dept-reviewer',
      `/target-declarations.xlsx?fiscalYear=${demoProjectYear}`,
    );
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names[0]).toBe('汇总');
    for (const code of ['DL2027JY0001', 'DL2027JY0002', 'DL2027JY0003', 'DL2027JY0004', 'DL2027JY0005']) {
      expect(names).toContain(code);
    }
    expect(names).not.toContain('DL2027FG0001');
    expect(cellTexts(workbook.getWorksheet('DL2027JY0002')!)).toContain('中小学校园安全视频监控系统运维');
    const other = await download(
      'dept-reviewer',
      `/target-declarations.xlsx?fiscalYear=${demoProjectYear}&departmentId=${demoId('department:101')}`,
    );
    expect(other.response.status).toBe(404);
  });
});

describe('ex-ante attachments', () => {
  const pdf = Buffer.from('%PDF-1.4\n% 东丽区智慧教育云平台事前绩效评估报告\n', 'utf8');
  const sha256 = createHash('sha256').update(pdf).digest('hex');

  it('uploads straight to the evidence store with a presigned PUT, lists the file, and gives it back', async () => {
    const { projectId } = await projectWithTargets({ majorPolicy: true });
    const assessment = await call('perf-reviewer', 'POST', '/ex-ante-assessments', {
      id: uuidV7(),
      projectId,
      assessorType: 'FINANCE',
    });
    const file = {
      id: uuidV7(),
      name: '事前绩效评估报告.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256,
    };
    const refused = await call(
      'unit-preparer',
      'POST',
      `/ex-ante-assessments/${assessment.body.id}/attachment-uploads`,
      file,
    );
    expect(refused.status).toBe(403);
    const tooBig = await call(
      'perf-reviewer',
      'POST',
      `/ex-ante-assessments/${assessment.body.id}/attachment-uploads`,
      {
        ...file,
        sizeBytes: 60 * 1024 * 1024,
      },
    );
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.errors[0].message).toBe('文件不能超过 50 MB');

    const ticket = await call(
      'perf-reviewer',
      'POST',
      `/ex-ante-assessments/${assessment.body.id}/attachment-uploads`,
      file,
    );
    expect(ticket.status).toBe(201);
    expect(ticket.body.attachment.key).toBe(`T/${demoTenant.id}/ex-ante-assessment/${assessment.body.id}/${file.id}`);
    expect(ticket.body.upload.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(pdf.length),
    });

    // Listing a file that is not in the store yet is refused.
    const early = await call('perf-reviewer', 'PATCH', `/ex-ante-assessments/${assessment.body.id}`, {
      version: assessment.body.version,
      attachments: [ticket.body.attachment],
    });
    expect(early.status).toBe(422);
    expect(early.body.errors[0].code).toBe('attachment_not_uploaded');

    const { 'content-length': _length, ...headers } = ticket.body.upload.headers as Record<string, string>;
    // S3 refuses a PUT whose signed type, size or checksum differ (see s3-evidence-store.test.ts),
    // and so does the local stand-in, which verifies the signature (infra/local/s3-guard.test.ts):
    // a file sent under another type never gets there, and the listing check refuses what is missing.
    const decoy = await call('perf-reviewer', 'POST', `/ex-ante-assessments/${assessment.body.id}/attachment-uploads`, {
      ...file,
      id: uuidV7(),
    });
    const { 'content-length': _decoyLength, ...decoyHeaders } = decoy.body.upload.headers as Record<string, string>;
    const disguised = await fetch(decoy.body.upload.url, {
      method: 'PUT',
      headers: { ...decoyHeaders, 'content-type': 'text/html' },
      body: pdf,
    });
    expect(disguised.status).toBe(403);
    const caught = await call('perf-reviewer', 'PATCH', `/ex-ante-assessments/${assessment.body.id}`, {
      version: assessment.body.version,
      attachments: [decoy.body.attachment],
    });
    expect(caught.status).toBe(422);
    // A file whose bytes are not the ones signed for is refused by the bucket.
    const tampered = await fetch(ticket.body.upload.url, { method: 'PUT', headers, body: Buffer.from('%PDF-evil') });
    // (its length is not the signed one: SignatureDoesNotMatch, as in S3)
    expect(tampered.status).toBe(403);
    const put = await fetch(ticket.body.upload.url, { method: 'PUT', headers, body: pdf });
    expect(put.status).toBe(200);
    // …and once there, it is never replaced: a second PUT at the same key is refused.
    expect((await fetch(ticket.body.upload.url, { method: 'PUT', headers, body: pdf })).status).toBe(412);

    const wrongSize = await call('perf-reviewer', 'PATCH', `/ex-ante-assessments/${assessment.body.id}`, {
      version: assessment.body.version,
      attachments: [{ ...ticket.body.attachment, sizeBytes: pdf.length + 1 }],
    });
    expect(wrongSize.status).toBe(422);
    const listed = await call('perf-reviewer', 'PATCH', `/ex-ante-assessments/${assessment.body.id}`, {
      version: assessment.body.version,
      attachments: [ticket.body.attachment],
    });
    expect(listed.status).toBe(200);
    expect(listed.body.attachments).toEqual([ticket.body.attachment]);

    const link = await call(
      'unit-preparer',
      'GET',
      `/ex-ante-assessments/${assessment.body.id}/attachments/${file.id}`,
    );
    expect(link.status).toBe(200);
    const download = await fetch(link.body.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    const missing = await call(
      'unit-preparer',
      'GET',
      `/ex-ante-assessments/${assessment.body.id}/attachments/${uuidV7()}`,
    );
    expect(missing.status).toBe(404);
  });
});

describe('guards', () => {
  it('moves only the newest version: an earlier, superseded approval cannot be withdrawn or re-reviewed', async () => {
    const { projectId, target } = await projectWithTargets();
    const v1 = await walk(target, [...toFirstReviewed, approveGood]);
    const v2 = await call('unit-preparer', 'POST', `/projects/${projectId}/targets`, { id: uuidV7() });
    await walk(v2.body, [...toFirstReviewed, approveGood]);
    const old = (await call('perf-reviewer', 'GET', `/targets/${v1.id}`)).body;
    const cancel = await call('perf-reviewer', 'POST', `/targets/${v1.id}/cancel-approval`, {
      version: old.version,
      opinion: '撤回旧版本',
    });
    expect(cancel.status).toBe(409);
    expect(cancel.body.type).toBe('urn:jixiao:problem:invalid-transition');
    expect(await project(projectId)).toMatchObject({ approvedTargetId: v2.body.id, currentTargetId: v2.body.id });
  });

  it('keeps an approved project as approved: its details and money change only with the budget, not by editing', async () => {
    const { projectId, target } = await projectWithTargets();
    await walk(target, [...toFirstReviewed, approveGood]);
    await call('unit-preparer', 'POST', `/projects/${projectId}/targets`, { id: uuidV7() });
    const current = await project(projectId);
    const raised = await call('unit-preparer', 'PATCH', `/projects/${projectId}`, {
      version: current.version,
      funds: { fiscal: 90_000_000_00, carryOver: 0, other: 0 },
    });
    expect(raised.status).toBe(409);
    expect((await project(projectId)).funds.fiscal).toBe(current.funds.fiscal);
  });

  it('takes a library row’s level, unit and spending standard from the library, and checks every row’s level', async () => {
    const { target } = await projectWithTargets();
    const rows = (target.rows as TargetRow[]).map((r) =>
      r.libraryIndicatorId
        ? { ...r, level1: 'OUTPUT' as const, level2: 'QUANTITY' as const, unit: '个', value: '999' }
        : r,
    );
    rows.push(row({ level1: 'SATISFACTION', level2: 'COST', weight: 0 }));
    const saved = await call('unit-preparer', 'PATCH', `/targets/${target.id}`, { version: target.version, rows });
    const cost = saved.body.rows.findIndex((r: TargetRow) => r.libraryIndicatorId);
    expect(saved.body.rows[cost]).toMatchObject({ level2: 'COST', unit: '万元/户', spendingStandardCap: 2 });
    expect(saved.body.checks.map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`)).toEqual([
      `/rows/${cost}/value above_spending_cap`,
      `/rows/${rows.length - 1}/level2 level2_mismatch`,
    ]);
  });

  it('adjusts again after an adjustment graded 差, from the version that still stands', async () => {
    const { projectId, target } = await projectWithTargets();
    const v1 = await walk(target, [...toFirstReviewed, approveGood]);
    const v2 = await call('unit-preparer', 'POST', `/projects/${projectId}/targets`, { id: uuidV7() });
    await walk(v2.body, [
      ...toFirstReviewed,
      ['perf-reviewer', 'final-review', { decision: 'approve', grade: 'POOR', opinion: '调整不合理' }],
    ]);
    expect(await project(projectId)).toMatchObject({ stage: 'IN_LIBRARY', approvedTargetId: v1.id });
    const v3 = await call('unit-preparer', 'POST', `/projects/${projectId}/targets`, { id: uuidV7() });
    expect(v3.status).toBe(201);
    expect(v3.body).toMatchObject({ versionNo: 3, basedOnId: v1.id });
  });

  it('lets a person act on a version only in the role the step belongs to', async () => {
    const both = await stack.tokenForPerson({
      id: 'dept-and-section',
      displayName: '两职人员',
      tenant: demoTenant.id,
      roles: ['department-reviewer', 'business-section-reviewer'],
      departmentId: education,
      sectionId: demoId('section:SHBZ'),
    });
    const { target } = await projectWithTargets();
    const approved = await walk(target, [
      ['unit-approver', 'submit'],
      ['dept-reviewer', 'department-review', { decision: 'approve' }],
    ]);
    // Sees it as the education bureau's reviewer; may not first-review it for 社会保障科.
    const first = await stack.call('POST', `/api/v1/targets/${target.id}/first-review`, {
      token: both,
      body: { version: approved.version, decision: 'approve' },
    });
    expect(first.status).toBe(403);
  });

  it('never lets a listed file be swapped for another object, or uploaded over', async () => {
    const { projectId } = await projectWithTargets({ majorPolicy: true });
    const agency = demoId('agency:91120110MA05JX8K2Q');
    const make = async () =>
      (
        await call('perf-reviewer', 'POST', '/ex-ante-assessments', {
          id: uuidV7(),
          projectId,
          assessorType: 'THIRD_PARTY',
          agencyId: agency,
        })
      ).body;
    const [a, b] = [await make(), await make()];
    const attach = async (assessment: { id: string; version: number }, text: string) => {
      const bytes = Buffer.from(text);
      const file = {
        id: uuidV7(),
        name: '报告.pdf',
        contentType: 'application/pdf',
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
      const ticket = await call(
        'agency-lead',
        'POST',
        `/ex-ante-assessments/${assessment.id}/attachment-uploads`,
        file,
      );
      const { 'content-length': _l, ...headers } = ticket.body.upload.headers as Record<string, string>;
      await fetch(ticket.body.upload.url, { method: 'PUT', headers, body: bytes });
      const listed = await call('agency-lead', 'PATCH', `/ex-ante-assessments/${assessment.id}`, {
        version: assessment.version,
        attachments: [ticket.body.attachment],
      });
      expect(listed.status).toBe(200);
      return { assessment: listed.body, attachment: ticket.body.attachment, file };
    };
    const first = await attach(a, '%PDF A 的报告');
    const second = await attach(b, '%PDF B 的报告');
    const swapped = await call('agency-lead', 'PATCH', `/ex-ante-assessments/${b.id}`, {
      version: second.assessment.version,
      attachments: [{ ...second.attachment, key: first.attachment.key }],
    });
    expect(swapped.status).toBe(422);
    expect(swapped.body.errors[0].code).toBe('attachment_changed');
    const again = await call('agency-lead', 'POST', `/ex-ante-assessments/${b.id}/attachment-uploads`, second.file);
    expect(again.status).toBe(409);
    const withFiles = await call('perf-reviewer', 'POST', '/ex-ante-assessments', {
      id: uuidV7(),
      projectId,
      assessorType: 'FINANCE',
      attachments: [first.attachment],
    });
    expect(withFiles.status).toBe(400);
    const link = await call('agency-lead', 'GET', `/ex-ante-assessments/${b.id}/attachments/${second.attachment.id}`);
    expect(Buffer.from(await (await fetch(link.body.url)).arrayBuffer()).toString()).toBe('%PDF B 的报告');
  });

  it('answers a version grown past what one item holds with 422, in Chinese, and keeps it as it was', async () => {
    const { target } = await projectWithTargets();
    const long = (n: number) => '绩'.repeat(n);
    // 30 wordy rows (20 output, 8 benefit, 2 satisfaction), each commented at length on every return.
    const wordy = (level1: TargetRow['level1'], level2: TargetRow['level2'], weight: number) =>
      row({ level1, level2, weight, explanation: long(150), scoringStandard: long(150) });
    const rows = [
      ...Array.from({ length: 20 }, () => wordy('OUTPUT', 'QUANTITY', 2.5)),
      ...Array.from({ length: 8 }, () => wordy('BENEFIT', 'SOCIAL', 3.75)),
      ...Array.from({ length: 2 }, () => wordy('SATISFACTION', 'SERVICE_RECIPIENT', 5)),
    ];
    const saved = await call('unit-preparer', 'PATCH', `/targets/${target.id}`, { version: target.version, rows });
    expect(saved.status).toBe(200);
    expect(saved.body.checks).toEqual([]);
    let current = saved.body;
    const comments = () => Object.fromEntries((current.rows as TargetRow[]).map((r) => [r.rowId, long(300)]));
    /** One step; a 422 ends the growth and is returned, anything else must succeed. */
    const step = async (who: string, path: string, body: Record<string, unknown>) => {
      const response = await call(who, 'POST', `/targets/${target.id}/${path}`, { version: current.version, ...body });
      if (response.status === 422) return response;
      expect(response.status).toBe(200);
      current = response.body;
      return undefined;
    };
    for (let round = 0; round < 12; round++) {
      const refused =
        (await step('unit-approver', 'submit', {})) ??
        (await step('dept-reviewer', 'department-review', {
          decision: 'return',
          opinion: long(1000),
          rowComments: comments(),
        }));
      if (refused) {
        expect(refused.body.type).toBe('urn:jixiao:problem:record-too-large');
        expect(refused.body.title).toBe('记录内容过多，无法保存，请精简后再试');
        const after = await call('unit-preparer', 'GET', `/targets/${target.id}`);
        expect(after.body.version).toBe(current.version);
        return;
      }
    }
    throw new Error('the version never grew too large');
  });
});
