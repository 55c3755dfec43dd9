import { uuidV7 } from '@jixiao/core/ids.ts';
import type { TargetRow } from '@jixiao/core/submission/performance-target.ts';
import { newTargetRow } from '@jixiao/core/submission/target-row.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import { demoLibraryEntry } from '@jixiao/infra/local/demo-projects.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherTenant, seedOtherTenant } from '../support/other-tenant.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * The submission settings of a year (docs/domain/submission.md, "Settings of the year"): the
 * ex-ante threshold and the passing grades are the tenant's for each fiscal year, and every check
 * of a project of that year — its ex-ante flag, the budget gate — uses them; on DynamoDB Local
 * through the local gateway.
 */
let stack: TestStack;
const token: Record<string, string> = {};
const educationUnit = demoId('unit:102001');
const wan = (n: number) => n * 1_000_000;
const defaults = {
  weights: { OUTPUT: 50, BENEFIT: 30, SATISFACTION: 10, budgetExecution: 10, total: 100 },
  exAnteThresholdFen: wan(500),
  passingGrades: ['EXCELLENT', 'GOOD'],
};

beforeAll(async () => {
  stack = await startTestStack();
  for (const u of ['unit-preparer', 'unit-approver', 'dept-reviewer', 'business-reviewer', 'perf-reviewer']) {
    token[u] = await stack.tokenFor(u);
  }
  await seedOtherTenant(stack.store);
  token['other-perf'] = await stack.tokenForPerson({
    id: uuidV7(),
    displayName: '河西区绩效科',
    tenant: otherTenant.id,
    roles: ['performance-section-reviewer'],
  });
});
afterAll(() => stack?.stop());

const call = (who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  stack.call(method, `/api/v1${path}`, { token: token[who]!, headers, ...(body === undefined ? {} : { body }) });

let codeSeq = 0;
const projectBody = (fiscalYear: number, overrides: Record<string, unknown> = {}) => ({
  id: uuidV7(),
  fiscalYear,
  code: `S${Date.now().toString().slice(-9)}${String(++codeSeq).padStart(3, '0')}`,
  name: '设置测试项目',
  unitId: educationUnit,
  category: 'SPECIFIC_PURPOSE',
  nature: 'CONTINUING',
  recurrence: 'RECURRING',
  periodStart: fiscalYear,
  periodEnd: fiscalYear,
  funds: { fiscal: wan(100), carryOver: 0, other: 0 },
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

const completeRows = (year: number): TargetRow[] => [
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
    libraryIndicatorId: demoLibraryEntry('GX-TS-006', year),
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

/** A project of 2027 whose targets went all the way through the review and were graded `grade` (优 or 良). */
const approvedProject = async (grade: 'EXCELLENT' | 'GOOD') => {
  const project = await call('unit-preparer', 'POST', '/projects', projectBody(2027));
  expect(project.status).toBe(201);
  const created = await call('unit-preparer', 'POST', `/projects/${project.body.id}/targets`, { id: uuidV7() });
  const saved = await call('unit-preparer', 'PATCH', `/targets/${created.body.id}`, {
    version: created.body.version,
    annualGoal: '完成年度任务',
    rows: completeRows(2027),
  });
  expect(saved.body.checks).toEqual([]);
  let current = saved.body as { id: string; version: number };
  for (const [who, step, body] of [
    ['unit-approver', 'submit', {}],
    ['dept-reviewer', 'department-review', { decision: 'approve' }],
    ['business-reviewer', 'first-review', { decision: 'approve' }],
    ['perf-reviewer', 'final-review', { decision: 'approve', grade }],
  ] as const) {
    const response = await call(who, 'POST', `/targets/${current.id}/${step}`, { version: current.version, ...body });
    expect(response.status, `${who} ${step}: ${JSON.stringify(response.body)}`).toBe(200);
    current = response.body;
  }
  return String(project.body.id);
};

const budget = async (projectId: string) => {
  const { version } = (await call('perf-reviewer', 'GET', `/projects/${projectId}`)).body;
  return call('perf-reviewer', 'POST', `/projects/${projectId}/budget`, { version, overrideReason: '' });
};

const saveSettings = async (year: number, changes: Record<string, unknown>) => {
  const current = (await call('perf-reviewer', 'GET', `/submission-settings/${year}`)).body;
  const { fiscalYear: _year, ...body } = { ...current, ...changes };
  return call('perf-reviewer', 'PATCH', `/submission-settings/${year}`, body);
};

describe("the year's submission settings", () => {
  it('serve the defaults to everyone on projects until the performance section saves its own', async () => {
    for (const who of ['unit-preparer', 'dept-reviewer', 'business-reviewer', 'perf-reviewer']) {
      const read = await call(who, 'GET', '/submission-settings/2028');
      expect(read.status).toBe(200);
      expect(read.body).toEqual({ fiscalYear: 2028, version: 0, ...defaults });
    }
  });

  it('refuse a bad body with 400 problem+json in the caller’s language, and change nothing', async () => {
    const year = 2029;
    const body = { version: 0, ...defaults };
    const bad: [Record<string, unknown>, string, string][] = [
      [{ exAnteThresholdFen: 300.5 }, '/exAnteThresholdFen', 'integer'],
      [{ exAnteThresholdFen: 0 }, '/exAnteThresholdFen', 'ex_ante_threshold_zero'],
      [{ passingGrades: [] }, '/passingGrades', 'passing_grades_empty'],
      [{ passingGrades: ['GOOD'] }, '/passingGrades', 'passing_grades_gap'],
      [{ passingGrades: ['GOOD', 'EXCELLENT'] }, '/passingGrades', 'passing_grades_order'],
      [{ passingGrades: ['EXCELLENT', 'GOOD', 'FAIR', 'POOR'] }, '/passingGrades', 'passing_grades_poor'],
      [{ passingGrades: ['EXCELLENT', 'B'] }, '/passingGrades/1', ''],
      [{ weights: { ...defaults.weights, OUTPUT: 60 } }, '/weights/total', 'weights_settings_total'],
    ];
    for (const [change, pointer, code] of bad) {
      const refused = await call('perf-reviewer', 'PATCH', `/submission-settings/${year}`, { ...body, ...change });
      expect(refused.status, JSON.stringify(change)).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.title).toBe('提交的数据有误');
      expect(refused.body.errors[0].pointer).toBe(pointer);
      if (code) expect(refused.body.errors[0].code).toBe(code);
    }
    const missing = await call('perf-reviewer', 'PATCH', `/submission-settings/${year}`, {
      version: 0,
      weights: defaults.weights,
    });
    expect(missing.status).toBe(400);
    const english = await call(
      'perf-reviewer',
      'PATCH',
      `/submission-settings/${year}`,
      { ...body, passingGrades: ['FAIR'] },
      { 'accept-language': 'en' },
    );
    expect(english.status).toBe(400);
    expect(english.body.title).toBe('Some fields are invalid');
    expect(english.body.errors[0].message).toBe(
      'A grade better than a passing one must pass too (Excellent, Good is missing)',
    );
    const chinese = await call('perf-reviewer', 'PATCH', `/submission-settings/${year}`, {
      ...body,
      passingGrades: ['FAIR'],
    });
    expect(chinese.body.errors[0].message).toBe('比准入等级更好的等级也应准予纳入预算（缺少 优、良）');
    expect(
      (await call('unit-preparer', 'PATCH', `/submission-settings/${year}`, { ...body, exAnteThresholdFen: wan(300) }))
        .status,
    ).toBe(403);
    expect((await call('perf-reviewer', 'GET', `/submission-settings/${year}`)).body).toEqual({
      fiscalYear: year,
      version: 0,
      ...defaults,
    });
  });

  it('lowered to 300 万元 for 2027, ask a new 400 万元 project of 2027 for an ex-ante assessment but not one of 2026', async () => {
    const funds = { fiscal: wan(400), carryOver: 0, other: 0 };
    const before = await call('unit-preparer', 'POST', '/projects', projectBody(2027, { nature: 'NEW', funds }));
    expect(before.body.exAnteRequired).toBe(false);

    const saved = await saveSettings(2027, { exAnteThresholdFen: wan(300) });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toEqual({ fiscalYear: 2027, version: 1, ...defaults, exAnteThresholdFen: wan(300) });
    // The weights' own route reads the same record, as it did before.
    expect((await call('unit-preparer', 'GET', '/target-weights/2027')).body).toEqual({
      fiscalYear: 2027,
      version: 1,
      weights: defaults.weights,
    });

    const of2027 = await call('unit-preparer', 'POST', '/projects', projectBody(2027, { nature: 'NEW', funds }));
    expect(of2027.status).toBe(201);
    expect(of2027.body.exAnteRequired).toBe(true);
    const of2026 = await call('unit-preparer', 'POST', '/projects', projectBody(2026, { nature: 'NEW', funds }));
    expect(of2026.status).toBe(201);
    expect(of2026.body.exAnteRequired).toBe(false);
    const continuing = await call('unit-preparer', 'POST', '/projects', projectBody(2027, { funds }));
    expect(continuing.body.exAnteRequired).toBe(false);
    // A project registered before is judged again by the year's settings when its details change.
    const changed = await call('unit-preparer', 'PATCH', `/projects/${before.body.id}`, {
      version: before.body.version,
      name: '设置测试项目（修改）',
    });
    expect(changed.body.exAnteRequired).toBe(true);
    const under = await call('unit-preparer', 'PATCH', `/projects/${of2027.body.id}`, {
      version: of2027.body.version,
      funds: { fiscal: wan(300) - 1, carryOver: 0, other: 0 },
    });
    expect(under.body.exAnteRequired).toBe(false);

    // Another tenant's 2027 is its own.
    expect((await call('other-perf', 'GET', '/submission-settings/2027')).body).toEqual({
      fiscalYear: 2027,
      version: 0,
      ...defaults,
    });
    // A stale save is refused and changes nothing.
    const stale = await call('perf-reviewer', 'PATCH', '/submission-settings/2027', {
      version: 0,
      ...defaults,
    });
    expect(stale.status).toBe(409);
    expect((await call('perf-reviewer', 'GET', '/submission-settings/2027')).body.exAnteThresholdFen).toBe(wan(300));
  });

  it('let into the budget only what the year’s passing grades let through', async () => {
    const good = await approvedProject('GOOD');
    const excellent = await approvedProject('EXCELLENT');
    expect((await saveSettings(2027, { passingGrades: ['EXCELLENT'] })).status).toBe(200);

    const refused = await budget(good);
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { code: string }) => e.code)).toEqual(['grade_not_passing']);
    expect((await call('perf-reviewer', 'GET', `/projects/${good}`)).body.stage).not.toBe('BUDGETED');
    expect((await budget(excellent)).status).toBe(200);

    // Saving the weights through their own route keeps the threshold and the grades.
    const weights = (await call('perf-reviewer', 'GET', '/target-weights/2027')).body;
    const kept = await call('perf-reviewer', 'PATCH', '/target-weights/2027', {
      version: weights.version,
      weights: weights.weights,
    });
    expect(kept.status).toBe(200);
    expect((await call('perf-reviewer', 'GET', '/submission-settings/2027')).body).toMatchObject({
      version: weights.version + 1,
      exAnteThresholdFen: wan(300),
      passingGrades: ['EXCELLENT'],
    });

    // 良 added back: the same project goes in.
    expect((await saveSettings(2027, { passingGrades: ['EXCELLENT', 'GOOD'] })).status).toBe(200);
    const admitted = await budget(good);
    expect(admitted.status, JSON.stringify(admitted.body)).toBe(200);
    expect(admitted.body.stage).toBe('BUDGETED');
  });
});
