import { uuidV7 } from '@jixiao/core/ids.ts';
import type { TargetRow } from '@jixiao/core/submission/performance-target.ts';
import { newTargetRow } from '@jixiao/core/submission/target-row.ts';
import { departmentEvaluationKind } from '@jixiao/functions/department-evaluation/record-kinds.ts';
import { engagementKind } from '@jixiao/functions/fieldwork/record-kinds.ts';
import { readXlsx } from '@jixiao/functions/import/xlsx/read-xlsx.ts';
import { dispositionKind, monitoringRoundKind, rectificationKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import type { RecordKind, StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import { selfEvaluationKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import { createBudgetedProject } from '@jixiao/infra/local/budgeted-project.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoLibraryEntry, demoProjects } from '@jixiao/infra/local/demo-projects.ts';
import { operationRunner } from '@jixiao/infra/local/record-loader.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Results application (docs/domain/results-application.md) on DynamoDB Local through the local gateway: the policy of a
 * year, proposals from each source, the performance section's decisions, the trace, and the budget gate of next year's
 * continuation (above the recommendation, after 差, with a rectification open: refused without the performance
 * section's reason, let in with it and audited).
 */
let stack: TestStack;
const token: Record<string, string> = {};
const tenant = demoTenant.id;
const wan = (n: number) => n * 1_000_000;
const department = demoId('department:102');
const unit = demoId('unit:102001');
const where = { departmentId: department, unitId: unit, sectionId: demoId('section:JKW') };
const stamp = Date.now().toString().slice(-7);
const codes = { A: `RA${stamp}01`, B: `RA${stamp}02`, C: `RA${stamp}03`, D: `RA${stamp}04`, E: `RA${stamp}05` };
const projects2026: Record<string, string> = {};

beforeAll(async () => {
  stack = await startTestStack();
  for (const u of [
    'unit-preparer',
    'unit-approver',
    'dept-reviewer',
    'business-reviewer',
    'perf-reviewer',
    'observer',
  ]) {
    token[u] = await stack.tokenFor(u);
  }
  // This year's (2026) budgeted projects the results are about: A 200 万元, B 300 万元, C 100 万元, D and E 50 万元.
  const template = demoProjects.find((p) => p.fiscalYear === 2026)!;
  const run = operationRunner(stack.store, tenant);
  const funds = { A: 200, B: 300, C: 100, D: 50, E: 50 } as const;
  for (const [key, code] of Object.entries(codes)) {
    projects2026[key] = await createBudgetedProject(run, where, {
      id: uuidV7(),
      targetId: uuidV7(),
      fiscalYear: 2026,
      code,
      name: `结果应用测试${key}`,
      category: template.category,
      recurrence: template.recurrence,
      funds: { fiscal: wan(funds[key as keyof typeof funds]), carryOver: 0, other: 0 },
      functionalClass: template.functionalClass,
      annualGoal: template.annualGoal,
      rows: template.rows,
    });
  }
}, 120_000);
afterAll(() => stack?.stop());

const call = (who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  stack.call(method, `/api/v1${path}`, { token: token[who]!, headers, ...(body === undefined ? {} : { body }) });

const meta = () => {
  const at = new Date().toISOString();
  return { version: 1, status: 'active', createdAt: at, updatedAt: at, createdBy: 'test', updatedBy: 'test' };
};
const put = async (kind: RecordKind, record: StoredRecord) => {
  const at = new Date().toISOString();
  const outcome = await stack.store.create(tenant, kind, record, {
    hash: record.id,
    context: { actor: 'test', actorRoles: ['performance-section-reviewer'], requestId: uuidV7(), at },
  });
  expect(outcome.outcome).toBe('created');
  return record.id;
};

/** A key evaluation whose final report fixed its conclusion (written through the store: the report step is another feature's). */
const concludedEngagement = (projectKey: string, grade: string, score: number, conclusion = true) =>
  put(engagementKind, {
    id: uuidV7(),
    ...meta(),
    kind: 'PROJECT',
    fiscalYear: 2026,
    title: `重点评价${projectKey}`,
    state: conclusion ? 'FINAL_REPORT' : 'FIELDWORK',
    projectId: projects2026[projectKey]!,
    projectCode: codes[projectKey as keyof typeof codes],
    projectName: `结果应用测试${projectKey}`,
    approvedTargetId: null,
    departmentId: department,
    departmentName: '东丽区教育局',
    agencyId: null,
    agencyName: null,
    releasedAt: null,
    conclusion: conclusion
      ? { score, grade, finalizedAt: new Date().toISOString(), finalizedBy: 'perf', finalizedByName: '李明' }
      : null,
  });

const allProposals = async (fiscalYear: number, source: string) => {
  const items: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(
      'perf-reviewer',
      'GET',
      `/result-proposals?fiscalYear=${fiscalYear}&source=${source}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
};

const sources: Record<string, string> = {};

describe("the year's results-application policy", () => {
  const defaults = {
    EXCELLENT: { measure: 'SUPPORT', pct: null, amountFen: null },
    GOOD: { measure: 'KEEP', pct: null, amountFen: null },
    FAIR: { measure: 'REDUCE_PCT', pct: 10, amountFen: null },
    POOR: { measure: 'STOP', pct: null, amountFen: null },
  };

  it('serves the defaults to everyone on projects and the observer until the performance section saves its own', async () => {
    for (const who of ['unit-preparer', 'dept-reviewer', 'business-reviewer', 'perf-reviewer', 'observer']) {
      const read = await call(who, 'GET', '/results-policies/2030');
      expect(read.status, who).toBe(200);
      expect(read.body).toEqual({ fiscalYear: 2030, rules: defaults, version: 0 });
    }
  });

  it('is changed by the performance section at the version it read; bad or stale saves change nothing', async () => {
    const rules = { ...defaults, FAIR: { measure: 'REDUCE_PCT', pct: 15, amountFen: null } };
    const bad = await call('perf-reviewer', 'PATCH', '/results-policies/2030', {
      version: 0,
      rules: { ...defaults, FAIR: { measure: 'REDUCE_PCT', pct: null, amountFen: null } },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors[0]).toMatchObject({ pointer: '/rules/FAIR/pct', code: 'pct_required' });
    const unknown = await call('perf-reviewer', 'PATCH', '/results-policies/2030', {
      version: 0,
      rules: { ...defaults, POOR: { measure: 'HALVE' } },
    });
    expect(unknown.status).toBe(400);
    expect((await call('unit-preparer', 'PATCH', '/results-policies/2030', { version: 0, rules })).status).toBe(403);
    expect((await call('observer', 'PATCH', '/results-policies/2030', { version: 0, rules })).status).toBe(403);
    expect((await call('perf-reviewer', 'GET', '/results-policies/2030')).body.version).toBe(0);
    const saved = await call('perf-reviewer', 'PATCH', '/results-policies/2030', { version: 0, rules });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ fiscalYear: 2030, rules, version: 1 });
    const stale = await call('perf-reviewer', 'PATCH', '/results-policies/2030', { version: 0, rules: defaults });
    expect(stale.status).toBe(409);
    expect((await call('unit-preparer', 'GET', '/results-policies/2030')).body.rules.FAIR.pct).toBe(15);
  });
});

describe('proposals from each source', () => {
  it('read key evaluations with a conclusion, by the default policy (中 → cut 10 %: 200 → 180 万元)', async () => {
    sources.A = await concludedEngagement('A', 'FAIR', 72.5);
    sources.unfinished = await concludedEngagement('E', 'GOOD', 0, false);
    const items = await allProposals(2026, 'KEY_EVALUATION');
    const a = items.find((i) => i.sourceId === sources.A);
    expect(a).toMatchObject({
      source: 'KEY_EVALUATION',
      objectType: 'PROJECT',
      projectCode: codes.A,
      grade: 'FAIR',
      score: 72.5,
      amount: wan(200),
      targetYear: 2027,
      proposal: { measure: 'REDUCE_PCT', pct: 10, amountFen: null, recommendedAmount: wan(180) },
      decision: null,
    });
    expect(items.some((i) => i.sourceId === sources.unfinished)).toBe(false);
  });

  it('read final-approved self-evaluations with the score that counts (the spot-check’s reviewed 差 over the self-scored 优)', async () => {
    sources.B = await put(selfEvaluationKind, {
      id: uuidV7(),
      ...meta(),
      roundId: uuidV7(),
      roundDepartment: `r#${department}`,
      fiscalYear: 2026,
      projectId: projects2026.B!,
      projectCode: codes.B,
      projectName: '结果应用测试B',
      departmentId: department,
      departmentName: '东丽区教育局',
      unitId: unit,
      reviewStatus: 'FINAL_APPROVED',
      statusSince: new Date().toISOString(),
      total: 91,
      grade: 'EXCELLENT',
      spotCheck: { reviewedTotal: 58, reviewedGrade: 'POOR' },
    });
    const b = (await allProposals(2026, 'SELF_EVALUATION')).find((i) => i.sourceId === sources.B);
    expect(b).toMatchObject({
      grade: 'POOR',
      score: 58,
      basis: 'REVIEWED',
      amount: wan(300),
      proposal: { measure: 'STOP', recommendedAmount: 0 },
    });
  });

  it('read final-approved department evaluations by their grade, with no amount', async () => {
    sources.dept = await put(departmentEvaluationKind, {
      id: uuidV7(),
      ...meta(),
      fiscalYear: 2026,
      yearKey: '2026',
      departmentId: department,
      departmentCode: '102',
      departmentName: '东丽区教育局',
      reviewStatus: 'FINAL_APPROVED',
      total: 86,
      grade: 'GOOD',
    });
    const d = (await allProposals(2026, 'DEPARTMENT_EVALUATION')).find((i) => i.sourceId === sources.dept);
    expect(d).toMatchObject({
      objectType: 'DEPARTMENT',
      projectId: null,
      grade: 'GOOD',
      amount: null,
      proposal: { measure: 'KEEP', recommendedAmount: null },
    });
  });

  it("read monitoring dispositions of the year's rounds as the measure they order", async () => {
    const roundId = await put(monitoringRoundKind, {
      id: uuidV7(),
      ...meta(),
      fiscalYear: 2026,
      name: '2026年绩效运行监控',
      dataDate: '2026-07-31',
      roundStatus: 'ISSUED',
    });
    sources.C = await put(dispositionKind, {
      id: uuidV7(),
      ...meta(),
      reportId: uuidV7(),
      roundId,
      projectId: projects2026.C!,
      projectCode: codes.C,
      projectName: '结果应用测试C',
      departmentId: department,
      departmentName: '东丽区教育局',
      unitId: unit,
      decision: 'RECTIFY',
      reason: '执行严重滞后',
      state: 'DECIDED',
      decidedAt: new Date().toISOString(),
      decidedBy: 'perf',
    });
    const c = (await allProposals(2026, 'MONITORING')).find((i) => i.sourceId === sources.C);
    expect(c).toMatchObject({
      grade: null,
      orderedMeasure: 'NO_FUNDING_UNTIL_RECTIFIED',
      amount: wan(100),
      proposal: { measure: 'NO_FUNDING_UNTIL_RECTIFIED', recommendedAmount: 0 },
    });
    expect(await allProposals(2025, 'MONITORING')).toEqual([]);
  });

  it('are the performance section’s alone, and refuse a bad query', async () => {
    expect((await call('observer', 'GET', '/result-proposals?fiscalYear=2026&source=MONITORING')).status).toBe(403);
    expect((await call('unit-preparer', 'GET', '/result-proposals?fiscalYear=2026&source=MONITORING')).status).toBe(
      403,
    );
    const bad = await call('perf-reviewer', 'GET', '/result-proposals?fiscalYear=2026&source=GOSSIP');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});

const decisions: Record<string, Record<string, unknown>> = {};

describe('decisions', () => {
  it('keep the policy’s measure with the recommended amount, once; a replay answers the same', async () => {
    const body = { id: uuidV7(), source: 'KEY_EVALUATION', sourceId: sources.A, measure: 'REDUCE_PCT', pct: 10 };
    const decided = await call('perf-reviewer', 'POST', '/result-applications', body);
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({
      targetYear: 2027,
      nextKey: `2027#${codes.A}`,
      grade: 'FAIR',
      measure: 'REDUCE_PCT',
      pct: 10,
      recommendedAmount: wan(180),
      proposedMeasure: 'REDUCE_PCT',
      departed: false,
      decidedByName: '李明',
    });
    decisions.A = decided.body;
    const replay = await call('perf-reviewer', 'POST', '/result-applications', body);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(decided.body);
    const changed = await call('perf-reviewer', 'POST', '/result-applications', { ...body, pct: 20, reason: '改' });
    expect(changed.status).toBe(409);
    const again = await call('perf-reviewer', 'POST', '/result-applications', { ...body, id: uuidV7() });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].pointer).toBe('/sourceKey');
    const shown = (await allProposals(2026, 'KEY_EVALUATION')).find((i) => i.sourceId === sources.A);
    expect(shown?.decision).toMatchObject({ id: decided.body.id });
  });

  it('flag a departure from the policy and need its reason', async () => {
    const body = { id: uuidV7(), source: 'SELF_EVALUATION', sourceId: sources.B, measure: 'REDUCE_PCT', pct: 50 };
    const refused = await call('perf-reviewer', 'POST', '/result-applications', body);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ pointer: '/reason', code: 'departure_reason_required' });
    const english = await call('perf-reviewer', 'POST', '/result-applications', body, { 'accept-language': 'en' });
    expect(english.body.errors[0].message).toBe("The measure departs from the year's policy: give a reason");
    const decided = await call('perf-reviewer', 'POST', '/result-applications', {
      ...body,
      reason: '民生项目，区政府要求保留一半',
    });
    expect(decided.status).toBe(201);
    // 300 万元 cut by 50 %
    expect(decided.body).toMatchObject({
      grade: 'POOR',
      score: 58,
      measure: 'REDUCE_PCT',
      recommendedAmount: wan(150),
      proposedMeasure: 'STOP',
      departed: true,
      reason: '民生项目，区政府要求保留一半',
    });
    decisions.B = decided.body;
  });

  it('take the disposition’s measure and the department’s grade', async () => {
    const c = await call('perf-reviewer', 'POST', '/result-applications', {
      id: uuidV7(),
      source: 'MONITORING',
      sourceId: sources.C,
      measure: 'NO_FUNDING_UNTIL_RECTIFIED',
    });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ recommendedAmount: 0, departed: false });
    const d = await call('perf-reviewer', 'POST', '/result-applications', {
      id: uuidV7(),
      source: 'DEPARTMENT_EVALUATION',
      sourceId: sources.dept,
      measure: 'KEEP',
      note: '部门整体评价良好',
    });
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({
      objectType: 'DEPARTMENT',
      nextKey: `2027#D#${department}`,
      recommendedAmount: null,
    });
  });

  it('refuse a source without a result, a missing one, bad terms and other roles, changing nothing', async () => {
    const unfinished = await call('perf-reviewer', 'POST', '/result-applications', {
      id: uuidV7(),
      source: 'KEY_EVALUATION',
      sourceId: sources.unfinished,
      measure: 'KEEP',
    });
    expect(unfinished.status).toBe(422);
    expect(unfinished.body.errors[0].code).toBe('not_evaluated');
    const missing = await call('perf-reviewer', 'POST', '/result-applications', {
      id: uuidV7(),
      source: 'KEY_EVALUATION',
      sourceId: uuidV7(),
      measure: 'KEEP',
    });
    expect(missing.status).toBe(422);
    const noPct = await call('perf-reviewer', 'POST', '/result-applications', {
      id: uuidV7(),
      source: 'KEY_EVALUATION',
      sourceId: sources.unfinished,
      measure: 'REDUCE_PCT',
    });
    expect(noPct.status).toBe(400);
    expect(noPct.body.errors[0].pointer).toBe('/pct');
    for (const who of ['unit-preparer', 'business-reviewer', 'observer']) {
      const body = { id: uuidV7(), source: 'KEY_EVALUATION', sourceId: sources.unfinished, measure: 'KEEP' };
      expect((await call(who, 'POST', '/result-applications', body)).status).toBe(403);
    }
    const listed = await call('perf-reviewer', 'GET', '/result-applications?targetYear=2027&limit=100');
    expect(listed.body.items.some((r: { sourceId: string }) => r.sourceId === sources.unfinished)).toBe(false);
  });

  it('are listed by target year for the performance section and the observer, filtered by source and department', async () => {
    for (const who of ['perf-reviewer', 'observer']) {
      const listed = await call(
        who,
        'GET',
        `/result-applications?targetYear=2027&limit=100&departmentId=${department}`,
      );
      expect(listed.status).toBe(200);
      const ours = listed.body.items.filter((r: { sourceId: string }) => Object.values(sources).includes(r.sourceId));
      expect(ours).toHaveLength(4);
    }
    const keyOnly = await call('observer', 'GET', '/result-applications?targetYear=2027&limit=100&source=MONITORING');
    expect(keyOnly.body.items.every((r: { source: string }) => r.source === 'MONITORING')).toBe(true);
    expect(keyOnly.body.items.some((r: { sourceId: string }) => r.sourceId === sources.C)).toBe(true);
    expect((await call('unit-preparer', 'GET', '/result-applications?targetYear=2027')).status).toBe(403);
    expect((await call('perf-reviewer', 'GET', '/result-applications?targetYear=27')).status).toBe(400);
  });
});

/** A 2027 continuation (same code) whose targets went through the review graded 良, ready for 纳入预算. */
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
    libraryIndicatorId: demoLibraryEntry('GX-TS-006', 2027),
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
const continuation = async (key: keyof typeof codes, amountWan: number): Promise<string> => {
  const project = await call('unit-preparer', 'POST', '/projects', {
    id: uuidV7(),
    fiscalYear: 2027,
    code: codes[key],
    name: `结果应用测试${key}（2027）`,
    unitId: unit,
    category: 'SPECIFIC_PURPOSE',
    nature: 'CONTINUING',
    recurrence: 'RECURRING',
    periodStart: 2027,
    periodEnd: 2027,
    funds: { fiscal: wan(amountWan), carryOver: 0, other: 0 },
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
  let current = saved.body as { id: string; version: number };
  for (const [who, step, body] of [
    ['unit-approver', 'submit', {}],
    ['dept-reviewer', 'department-review', { decision: 'approve' }],
    ['business-reviewer', 'first-review', { decision: 'approve' }],
    ['perf-reviewer', 'final-review', { decision: 'approve', grade: 'GOOD' }],
  ] as const) {
    const response = await call(who, 'POST', `/targets/${current.id}/${step}`, { version: current.version, ...body });
    expect(response.status, `${who} ${step}: ${JSON.stringify(response.body)}`).toBe(200);
    current = response.body;
  }
  return String(project.body.id);
};

const budget = async (who: string, projectId: string, overrideReason = '') => {
  const { version } = (await call('perf-reviewer', 'GET', `/projects/${projectId}`)).body;
  return call(who, 'POST', `/projects/${projectId}/budget`, { version, overrideReason });
};

describe("the budget gate of next year's continuation", () => {
  it("shows a continuation's results to its unit, its reviewers and the observer", async () => {
    const a = await continuation('A', 200);
    for (const who of ['unit-preparer', 'dept-reviewer', 'business-reviewer', 'perf-reviewer', 'observer']) {
      const read = await call(who, 'GET', `/projects/${a}/results`);
      expect(read.status, who).toBe(200);
      expect(read.body).toMatchObject({
        code: codes.A,
        fiscalYear: 2027,
        recommendedAmount: wan(180),
        rectifications: [],
      });
      expect(read.body.results.map((r: { id: string }) => r.id)).toEqual([decisions.A!.id]);
    }
  });

  it('refuses 纳入预算 above the recommendation without the performance section’s reason, and audits the one given', async () => {
    const a = (await call('perf-reviewer', 'GET', `/projects?fiscalYear=2027&q=${codes.A}`)).body.items[0].id;
    const refused = await budget('perf-reviewer', a);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      {
        pointer: '/overrideReason',
        code: 'above_results_recommendation',
        message: '预算金额 200 万元超过上年度评价结果建议金额 180 万元，须由绩效科填写理由',
      },
    ]);
    expect((await call('perf-reviewer', 'GET', `/projects/${a}`)).body.stage).toBe('IN_LIBRARY');
    expect((await budget('business-reviewer', a, '理由')).status).toBe(403);
    expect((await budget('unit-approver', a, '理由')).status).toBe(403);
    const reason = '新增学位800个，经区政府常务会议研究维持原规模';
    const budgeted = await budget('perf-reviewer', a, reason);
    expect(budgeted.status).toBe(200);
    expect(budgeted.body).toMatchObject({ stage: 'BUDGETED', budgetOverrideReason: reason });
    const history = await call('perf-reviewer', 'GET', `/projects/${a}/history`);
    const entry = history.body.items.find((e: { operation?: string }) => e.operation === 'mark-budgeted');
    expect(entry.after.budgetOverrideReason).toBe(reason);
  });

  it('refuses a continuation of a project graded 差 without a reason, even at its recommendation', async () => {
    const b = await continuation('B', 150);
    const refused = await budget('perf-reviewer', b);
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { code: string }) => e.code)).toEqual(['predecessor_poor']);
    const budgeted = await budget('perf-reviewer', b, '抽查复核后整改到位，维持压减后的额度');
    expect(budgeted.status).toBe(200);
    expect(budgeted.body.budgetOverrideReason).toBe('抽查复核后整改到位，维持压减后的额度');
  });

  it('refuses a continuation whose predecessor has a rectification open, and lets it in with the reason', async () => {
    await put(rectificationKind, {
      id: uuidV7(),
      ...meta(),
      source: 'MONITORING',
      sourceId: sources.C!,
      reportId: null,
      roundId: null,
      fiscalYear: 2026,
      projectId: projects2026.D!,
      projectCode: codes.D,
      projectName: '结果应用测试D',
      departmentId: department,
      departmentName: '东丽区教育局',
      unitId: unit,
      unitName: '东丽区第一中学',
      state: 'NOTICE_ISSUED',
      requirements: '补齐验收资料',
      dueDate: '2027-03-31',
      round: 1,
      feedback: '',
      feedbackSubmittedAt: null,
      closedAt: null,
      log: [],
    });
    const d = await continuation('D', 50);
    const read = await call('unit-preparer', 'GET', `/projects/${d}/results`);
    expect(read.body.rectifications).toHaveLength(1);
    expect(read.body.recommendedAmount).toBeNull();
    const refused = await budget('perf-reviewer', d, '  ');
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { code: string }) => e.code)).toEqual(['rectification_open']);
    expect((await budget('perf-reviewer', d, '整改已实质完成，待验收')).status).toBe(200);
  });

  it('lets in a continuation without results, or at its recommendation, with no reason asked', async () => {
    const e = await continuation('E', 50);
    const budgeted = await budget('perf-reviewer', e);
    expect(budgeted.status).toBe(200);
    expect(budgeted.body.budgetOverrideReason).toBeNull();
  });

  it('traces grade → measure → next year’s amount, recommended against budgeted, with the override reason', async () => {
    for (const who of ['perf-reviewer', 'observer']) {
      const trace = await call(who, 'GET', `/result-trace?targetYear=2027&limit=100&departmentId=${department}`);
      expect(trace.status).toBe(200);
      const a = trace.body.items.find((i: { result: { sourceId: string } }) => i.result.sourceId === sources.A);
      expect(a).toMatchObject({
        result: { grade: 'FAIR', measure: 'REDUCE_PCT', recommendedAmount: wan(180) },
        next: {
          code: codes.A,
          stage: 'BUDGETED',
          amount: wan(200),
          overrideReason: '新增学位800个，经区政府常务会议研究维持原规模',
        },
      });
      const c = trace.body.items.find((i: { result: { sourceId: string } }) => i.result.sourceId === sources.C);
      expect(c.next).toBeNull();
      const dept = trace.body.items.find((i: { result: { sourceId: string } }) => i.result.sourceId === sources.dept);
      expect(dept.next).toBeNull();
    }
    expect((await call('unit-preparer', 'GET', '/result-trace?targetYear=2027')).status).toBe(403);
  });

  it('exports the trace of the year as XLSX, one row per decision, amounts in 元', async () => {
    const file = await fetch(`${stack.url}/api/v1/result-trace.xlsx?targetYear=2027&departmentId=${department}`, {
      headers: { authorization: `Bearer ${token.observer}` },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    const [sheet] = readXlsx(new Uint8Array(await file.arrayBuffer())).sheets;
    const text = (ref: string) => sheet!.cells.find((c) => c.ref === ref)?.text;
    expect(text('A1')).toBe('2027年度绩效评价结果应用追踪表');
    expect(text('K2')).toBe('下年度建议金额（元）');
    const row = sheet!.cells.find((c) => c.text === codes.A)!.row;
    const inRow = (column: string) => text(`${column}${row}`);
    expect([inRow('D'), inRow('F'), inRow('H'), inRow('M'), inRow('N')]).toEqual([
      '财政重点评价',
      '中',
      '压减（比例） 10%',
      '是',
      '新增学位800个，经区政府常务会议研究维持原规模',
    ]);
    expect(Number(inRow('J'))).toBe(2_000_000);
    expect(Number(inRow('K'))).toBe(1_800_000);
    const refused = await fetch(`${stack.url}/api/v1/result-trace.xlsx?targetYear=2027`, {
      headers: { authorization: `Bearer ${token['unit-preparer']}` },
    });
    expect(refused.status).toBe(403);
  });
});
