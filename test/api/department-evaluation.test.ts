import { sampleEntries, sampleFigures, wan } from '@jixiao/core/department-evaluation/department-example.ts';
import { summariseProjects } from '@jixiao/core/department-evaluation/project-summary.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { defaultScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import { countedScore } from '@jixiao/core/self-evaluation/self-evaluation-tally.ts';
import { departmentEvaluationId } from '@jixiao/functions/department-evaluation/record-kinds.ts';
import { readXlsx } from '@jixiao/functions/import/xlsx/read-xlsx.ts';
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
 * The department overall self-evaluation (issue 11 items 5 and 9) through the local gateway: made per department
 * and year, figures entered and scored by core's formulas as worked by hand, judgement scores with their reasons,
 * the department's project self-evaluations summarised from its tally, the review with a return, and the table
 * as XLSX read back.
 */
let stack: TestStack;
const education = { department: '102', unit: '102001', section: 'JKW' };
const educationId = demoId('department:102');
const streetId = demoId('department:301');
const tokens: Record<string, string> = {};
const roundId = uuidV7();
let projects: string[] = [];
const base = '/api/v1/department-evaluations';
const evaluationId = departmentEvaluationId(2026, educationId);
const path = `${base}/${evaluationId}`;

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

/** A project self-evaluation moved on as its workflow writes it: the record and its tally's increment together. */
const move = async (projectId: string, change: Partial<StoredSelfEvaluation>) => {
  const id = selfEvaluationId(roundId, projectId);
  const before = (await stack.store.get<StoredSelfEvaluation>(demoTenant.id, selfEvaluationKind, id))!;
  const after = { ...before, ...change, version: before.version + 1 };
  const increment = selfEvaluationTallyIncrement(roundId, before.departmentId, [{ before, after }]);
  const at = new Date().toISOString();
  const result = await stack.store.transact(
    demoTenant.id,
    [{ kind: selfEvaluationKind, before, after }, ...(increment ? [increment] : [])],
    { actor: 'fixture:department-evaluation', actorRoles: [], requestId: uuidV7(), at },
  );
  expect(result.outcome).toBe('done');
};

const call = (method: string, url: string, who: string, body?: unknown) =>
  stack.call(method, url, { token: tokens[who]!, ...(body === undefined ? {} : { body }) });

const current = async () => (await call('GET', path, 'perf')).body;

beforeAll(async () => {
  stack = await startTestStack();
  projects = await seedManyBudgetedProjects(stack.store, { ...education, count: 3, prefix: 'DL2026DE' });
  tokens.perf = await person('perf', ['performance-section-reviewer']);
  tokens.section = await person('section', ['business-section-reviewer'], { section: education.section });
  tokens.otherSection = await person('other-section', ['business-section-reviewer'], { section: 'JJJS' });
  tokens.approver = await person('approver', ['department-reviewer'], { department: '102' });
  tokens.preparer = await person('preparer', ['unit-preparer'], { department: '102' });
  tokens.otherPreparer = await person('other-preparer', ['unit-preparer'], { department: '101' });
  tokens.observer = await person('observer', ['observer']);

  const body = { id: roundId, fiscalYear: 2026, name: '2026年度项目支出绩效自评', deadline: '2027-03-31' };
  let round = (await stack.call('POST', '/api/v1/self-evaluation-rounds', { token: tokens.perf!, body })).body;
  for (let calls = 0; round.roundStatus !== 'ISSUED' && calls < 20; calls += 1) {
    round = (await call('POST', `/api/v1/self-evaluation-rounds/${roundId}/issue`, 'perf', {})).body;
  }
  expect(round.roundStatus).toBe('ISSUED');
  const [p1, p2, p3] = projects as [string, string, string];
  const approved = (total: number, grade: 'EXCELLENT' | 'GOOD') => ({
    reviewStatus: 'FINAL_APPROVED' as const,
    firstSubmittedAt: '2027-03-20T02:00:00.000Z',
    total,
    grade,
  });
  await move(p1, approved(95.5, 'EXCELLENT'));
  await move(p2, approved(82.25, 'GOOD'));
  await move(p3, { reviewStatus: 'UNIT_SUBMITTED', firstSubmittedAt: '2027-03-21T02:00:00.000Z' });
});
afterAll(() => stack?.stop());

describe('making the department overall self-evaluation', () => {
  it('makes one per department and year, with the national framework for a government department', async () => {
    const made = await call('POST', base, 'perf', { fiscalYear: 2026, departmentId: educationId });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      id: evaluationId,
      version: 1,
      template: 'NATIONAL_2013',
      reviewStatus: 'DRAFT',
      departmentName: '东丽区教育局',
      total: null,
      grade: null,
    });
    expect(made.body.framework.fiscalYear).toBe(2026);
    // Asking again answers the same record, unchanged, whatever template is named.
    const again = await call('POST', base, 'perf', {
      fiscalYear: 2026,
      departmentId: educationId,
      template: 'SICHUAN',
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: evaluationId, version: 1, template: 'NATIONAL_2013' });
  });

  it('gives a street the streets-and-parks framework, and takes a named one', async () => {
    const street = await call('POST', base, 'perf', { fiscalYear: 2026, departmentId: streetId });
    expect(street.status).toBe(201);
    expect(street.body.template).toBe('STREET_PARK');
    const named = await call('POST', base, 'perf', {
      fiscalYear: 2027,
      departmentId: educationId,
      template: 'SICHUAN',
    });
    expect(named.body.template).toBe('SICHUAN');
  });

  it('refuses a department that does not exist and a body it does not know, making nothing', async () => {
    const missing = await call('POST', base, 'perf', { fiscalYear: 2026, departmentId: uuidV7() });
    expect(missing.status).toBe(422);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const bad = await call('POST', base, 'perf', { fiscalYear: 1999, departmentId: educationId, extra: 1 });
    expect(bad.status).toBe(400);
    const listed = await call('GET', `${base}?fiscalYear=2099`, 'perf');
    expect(listed.body.items).toEqual([]);
  });

  it('is made by the performance section only', async () => {
    const refused = await call('POST', base, 'approver', { fiscalYear: 2026, departmentId: educationId });
    expect(refused.status).toBe(403);
  });
});

describe('figures and formula indicators', () => {
  it('scores the formula indicators from the figures as worked by hand', async () => {
    const before = await current();
    const saved = await call('PATCH', path, 'preparer', { version: before.version, figures: sampleFigures });
    expect(saved.status).toBe(200);
    const score = (code: string) => saved.body.sheet.indicators.find((i: { code: string }) => i.code === code);
    // (120 + 1,000 + 80 − 43.2) ÷ (120 + 1,000 + 80) = 1,156.8 ÷ 1,200 = 96.4%: 3.6% short, one started step → 10 − 2 = 8.
    expect(score('BUDGET_COMPLETION')).toMatchObject({ valuePct: 96.4, score: 8, computed: true });
    // 48 ÷ 50 = 96% ≤ 100% → full 2.
    expect(score('STAFF_CONTROL')).toMatchObject({ valuePct: 96, score: 2 });
    // 1,080 ÷ 1,100 = 98.18…% → 4 × 0.9818… = 3.927… → 3.93.
    expect(score('PAYMENT_PROGRESS').score).toBe(3.93);
    // 190 ÷ 200 = 95% → 3 × 0.95 = 2.85.
    expect(score('PROCUREMENT_EXECUTION')).toMatchObject({ valuePct: 95, score: 2.85 });
    expect(score('BUDGET_COMPLETION').derivation['zh-CN']).toContain('年初预算 1,000 万元');
    // Judgements are not scored yet: no total, no grade, and the checks say what is missing.
    expect(saved.body.sheet.complete).toBe(false);
    expect(saved.body.grade).toBeNull();
    expect(saved.body.checks.some((c: { code: string }) => c.code === 'score_required')).toBe(true);
  });

  it('leaves a formula without its figures unscored, never at full marks, and says which figure is missing', async () => {
    const before = await current();
    const saved = await call('PATCH', path, 'preparer', {
      version: before.version,
      figures: { yearEndBalanceFen: null },
    });
    expect(saved.status).toBe(200);
    const completion = saved.body.sheet.indicators.find((i: { code: string }) => i.code === 'BUDGET_COMPLETION');
    expect(completion).toMatchObject({ score: null, computed: false });
    expect(saved.body.checks).toContainEqual(expect.objectContaining({ pointer: '/figures/yearEndBalanceFen' }));
    const back = await call('PATCH', path, 'preparer', {
      version: saved.body.version,
      figures: { yearEndBalanceFen: wan(43.2) },
    });
    expect(back.body.sheet.indicators.find((i: { code: string }) => i.code === 'BUDGET_COMPLETION').score).toBe(8);
  });

  it('refuses bad figures, an unknown indicator and a stale version, changing nothing', async () => {
    const before = await current();
    const negative = await call('PATCH', path, 'preparer', { version: before.version, figures: { paidFen: -1 } });
    expect(negative.status).toBe(400);
    const unknown = await call('PATCH', path, 'preparer', {
      version: before.version,
      entries: [{ code: 'NO_SUCH', score: '1', note: '', evidence: [] }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toContainEqual(expect.objectContaining({ pointer: '/entries/0/code' }));
    const stale = await call('PATCH', path, 'preparer', { version: before.version - 1, figures: { paidFen: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await current()).toEqual(before);
  });
});

describe('judgement indicators', () => {
  it('needs a reason and evidence below full marks, and refuses to send until every indicator is scored', async () => {
    const before = await current();
    const saved = await call('PATCH', path, 'preparer', {
      version: before.version,
      entries: [{ code: 'INDICATORS_CLEAR', score: '1.5', note: '', evidence: [] }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.checks).toContainEqual(
      expect.objectContaining({ code: 'reason_required', pointer: '/entries/0/note' }),
    );
    const sent = await call('POST', `${path}/submit`, 'preparer', { version: saved.body.version });
    expect(sent.status).toBe(422);
    expect(sent.body.errors.some((e: { code: string }) => e.code === 'reason_required')).toBe(true);
    expect((await current()).reviewStatus).toBe('DRAFT');
  });

  it('counts a score above the points for nothing', async () => {
    const before = await current();
    const saved = await call('PATCH', path, 'preparer', {
      version: before.version,
      entries: [{ code: 'TARGET_REASONABLE', score: '9', note: '', evidence: [] }],
    });
    expect(saved.body.checks).toContainEqual(expect.objectContaining({ code: 'score_above_points' }));
    expect(saved.body.sheet.indicators.find((i: { code: string }) => i.code === 'TARGET_REASONABLE').score).toBeNull();
  });

  it('adds up to the worked example: 92.98, 优, with evidence kept on each entry', async () => {
    const before = await current();
    const evidence = uuidV7();
    const entries = sampleEntries.map((e) => (e.code === 'ASSETS_SAFE' ? { ...e, evidence: [evidence] } : e));
    const saved = await call('PATCH', path, 'preparer', { version: before.version, entries });
    expect(saved.status).toBe(200);
    expect(saved.body.checks).toEqual([]);
    expect(saved.body.sheet).toMatchObject({ complete: true, total: 92.98, grade: 'EXCELLENT' });
    expect(saved.body).toMatchObject({ total: 92.98, grade: 'EXCELLENT' });
    expect(saved.body.entries.find((e: { code: string }) => e.code === 'ASSETS_SAFE').evidence).toEqual([evidence]);
    expect(saved.body.sheet.level1.map((l: { score: number }) => l.score)).toEqual([9.5, 54.28, 14.8, 14.4]);
  });
});

describe("the department's project self-evaluations", () => {
  it('are summarised from its tally, equal to a summary of the self-evaluations themselves', async () => {
    const listed = await call(
      'GET',
      `/api/v1/self-evaluation-rounds/${roundId}/self-evaluations?departmentId=${educationId}`,
      'perf',
    );
    // The demo's own projects of 2026 in the department and the three seeded here, all on one page.
    expect(listed.body.nextCursor).toBeUndefined();
    const lines = listed.body.items.map((s: StoredSelfEvaluation) => ({
      projectId: s.projectId,
      total: countedScore(s)?.total ?? null,
      grade: countedScore(s)?.grade ?? null,
      status: s.reviewStatus,
    }));
    const { sheet } = await current();
    expect(sheet.projects).toEqual(summariseProjects(lines, defaultScoringSettings.rounding));
    // (95.5 + 82.25) ÷ 2 = 88.875 → 88.88 by the year's rule (half up, two decimals).
    expect(sheet.projects).toMatchObject({
      issued: listed.body.items.length,
      submitted: 3,
      approved: 2,
      averageScore: 88.88,
    });
    expect(sheet.projects.grades).toMatchObject({ EXCELLENT: 1, GOOD: 1, FAIR: 0, POOR: 0 });
  });

  it('are none where the year has no round', async () => {
    const other = await call('GET', `${base}/${departmentEvaluationId(2027, educationId)}`, 'perf');
    expect(other.body.sheet.projects).toMatchObject({ issued: 0, averageScore: null });
  });
});

describe('scope', () => {
  it('is read by its department, its business section and the bureau; another department does not see it', async () => {
    for (const who of ['preparer', 'approver', 'section', 'perf']) {
      expect((await call('GET', path, who)).status, who).toBe(200);
    }
    for (const who of ['otherPreparer', 'otherSection', 'observer']) {
      expect((await call('GET', path, who)).status, who).toBe(404);
    }
    const own = await call('GET', `${base}?fiscalYear=2026`, 'preparer');
    expect(own.body.items.map((i: { id: string }) => i.id)).toEqual([evaluationId]);
    const others = await call('GET', `${base}?fiscalYear=2026`, 'otherPreparer');
    expect(others.body.items).toEqual([]);
    const all = await call('GET', `${base}?fiscalYear=2026`, 'perf');
    expect(all.body.items).toHaveLength(2);
    const refused = await call('PATCH', path, 'otherPreparer', { version: 1, figures: {} });
    expect(refused.status).toBe(404);
  });
});

describe('review', () => {
  it('goes preparer → department approver (who returns it with a comment) → business section → performance section', async () => {
    let now = await current();
    const step = async (url: string, who: string, body: object, status = 200) => {
      const answer = await call('POST', `${path}/${url}`, who, { version: now.version, ...body });
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      if (status === 200) now = answer.body;
      return answer;
    };
    // Only the department's preparer sends it.
    await step('submit', 'approver', {}, 403);
    await step('submit', 'preparer', {});
    expect(now.reviewStatus).toBe('UNIT_SUBMITTED');
    // Sent: the department can no longer change it, and the observer may read it.
    const locked = await call('PATCH', path, 'preparer', { version: now.version, figures: {} });
    expect(locked.status).toBe(409);
    expect((await call('GET', path, 'observer')).status).toBe(200);
    await step('department-review', 'approver', { decision: 'return', rowComments: { ASSETS_SAFE: '请附报废审批单' } });
    expect(now.reviewStatus).toBe('RETURNED');
    expect(now.reviewLog.at(-1)).toMatchObject({
      action: 'department-return',
      rowComments: { ASSETS_SAFE: '请附报废审批单' },
    });
    const fixed = await call('PATCH', path, 'preparer', {
      version: now.version,
      entries: [{ ...sampleEntries.find((e) => e.code === 'ASSETS_SAFE')!, evidence: [uuidV7(), uuidV7()] }],
    });
    expect(fixed.body.reviewStatus).toBe('DRAFT');
    now = fixed.body;
    await step('submit', 'preparer', {});
    // A stale step is refused and changes nothing.
    const stale = await call('POST', `${path}/department-review`, 'approver', {
      version: now.version - 1,
      decision: 'approve',
    });
    expect(stale.status).toBe(409);
    await step('department-review', 'approver', { decision: 'approve' });
    await step('first-review', 'otherSection', { decision: 'approve' }, 404);
    await step('first-review', 'section', { decision: 'approve', opinion: '同意' });
    await step('final-review', 'perf', { decision: 'approve' });
    expect(now).toMatchObject({ reviewStatus: 'FINAL_APPROVED', total: 92.98, grade: 'EXCELLENT' });
    expect(now.reviewLog.map((s: { action: string }) => s.action)).toEqual([
      'submit',
      'department-return',
      'submit',
      'department-approve',
      'first-approve',
      'final-approve',
    ]);
    const history = await call('GET', `${path}/history?limit=100`, 'approver');
    expect(history.status).toBe(200);
    expect(history.body.items.length).toBeGreaterThanOrEqual(10);
  });
});

describe('the 部门整体支出绩效自评表 as XLSX', () => {
  it('holds every indicator with its points, value, score and derivation, the total and the grade', async () => {
    const file = await fetch(`${stack.url}${path}/department-evaluation-table.xlsx`, {
      headers: { authorization: `Bearer ${tokens.approver}` },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    const grid = readXlsx(new Uint8Array(await file.arrayBuffer()));
    const [sheet] = grid.sheets;
    const cell = (ref: string) => sheet!.cells.find((c) => c.ref === ref)?.text;
    const rowOf = (text: string) => sheet!.cells.find((c) => c.text === text)?.row;
    expect(cell('A1')).toBe('部门整体支出绩效自评表');
    expect(cell('A2')).toBe('（2026年度）');
    expect(cell('B3')).toBe('东丽区教育局');
    const completion = rowOf('预算完成率')!;
    expect(cell(`D${completion}`)).toBe('10');
    expect(cell(`G${completion}`)).toBe('96.4%');
    expect(cell(`H${completion}`)).toBe('8');
    expect(cell(`I${completion}`)).toContain('10 − 2 × 1 = 8.00');
    expect(cell(`H${rowOf('支付进度率')}`)).toBe('3.93');
    const total = rowOf('合计')!;
    expect(cell(`H${total}`)).toBe('92.98');
    expect(cell(`D${rowOf('自评等级')}`)).toBe('优');
    expect(cell(`D${rowOf('项目支出绩效自评开展情况')}`)).toContain('平均得分 88.88');
    expect(cell(`D${rowOf('年初预算')}`)).toBe('1000');
    // Every indicator of the framework is a row, and the scores add up to the total.
    const current = await call('GET', path, 'perf');
    for (const indicator of current.body.sheet.indicators) {
      const row = sheet!.cells.find((c) => c.col === 3 && c.text === indicator.name['zh-CN'])?.row;
      expect(row, indicator.code).toBeDefined();
      expect(cell(`H${row}`), indicator.code).toBe(String(indicator.score));
    }
  });

  it('is not found outside the department’s scope', async () => {
    const file = await call('GET', `${path}/department-evaluation-table.xlsx`, 'otherPreparer');
    expect(file.status).toBe(404);
  });
});
