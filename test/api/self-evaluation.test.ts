import { uuidV7 } from '@jixiao/core/ids.ts';
import { scoreSheetView } from '@jixiao/core/self-evaluation/score-sheet-view.ts';
import { defaultScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import {
  recountSelfEvaluations,
  selfEvaluationCountsOnly,
} from '@jixiao/core/self-evaluation/self-evaluation-tally.ts';
import { checkTable } from '@jixiao/core/self-evaluation/table-check/table-check.ts';
import { readXlsx } from '@jixiao/functions/import/xlsx/read-xlsx.ts';
import { selfEvaluationKind, selfEvaluationTallyKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import { selfEvaluationId } from '@jixiao/functions/self-evaluation/round-operations.ts';
import {
  type SelfEvaluationTally,
  type StoredSelfEvaluation,
  selfEvaluationTalliesOf,
  selfEvaluationTallyId,
} from '@jixiao/functions/self-evaluation/tally-writes.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedManyBudgetedProjects } from '../support/many-budgeted-projects.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Year-end self-evaluation through the local gateway (issue 11): the year's scoring settings, a
 * round issued to a department with 250 projects (resumable, safe to repeat), a unit filling the
 * table under rules 5–7 and the not-computable rule, the treasury's figure and a unit's change of
 * it (rule 9), the review to final approval, and the department tally equal to a recount.
 */
let stack: TestStack;
const education = { department: '102', unit: '102001', section: 'JKW' };
const tokens: Record<string, string> = {};
let projects: string[] = [];

const person = (id: string, roles: string[], where: { department?: string; unit?: string; section?: string } = {}) =>
  stack.tokenForPerson({
    id,
    displayName: id,
    tenant: demoTenant.id,
    roles,
    departmentId: where.department ? demoId(`department:${where.department}`) : null,
    unitId: where.unit ? demoId(`unit:${where.unit}`) : null,
    sectionId: where.section ? demoId(`section:${where.section}`) : null,
  });

beforeAll(async () => {
  stack = await startTestStack();
  projects = await seedManyBudgetedProjects(stack.store, { ...education, count: 250, prefix: 'DL2026SE' });
  tokens.perf = await person('perf', ['performance-section-reviewer']);
  tokens.preparer = await person('preparer', ['unit-preparer'], education);
  tokens.approver = await person('approver', ['unit-approver'], education);
  tokens.department = await person('dept', ['department-reviewer'], { department: education.department });
  tokens.section = await person('section', ['business-section-reviewer'], { section: education.section });
  tokens.otherPreparer = await person('other-preparer', ['unit-preparer'], { department: '101', unit: '101001' });
}, 600_000);
afterAll(() => stack?.stop());

const as = (token: string | undefined, body?: unknown) => ({ token: token!, ...(body === undefined ? {} : { body }) });
const roundId = uuidV7();
const department = demoId('department:102');

describe('scoring settings', () => {
  it('reads the defaults until the performance section saves its own, refuses stale and contradictory saves', async () => {
    const read = await stack.call('GET', '/api/v1/scoring-settings/2026', as(tokens.preparer));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      version: 0,
      scoring: { achievedMinPct: 80, partialMinPct: 60, excellentMin: 90 },
    });
    const scoring = { ...read.body.scoring, partialMinPct: 50 };
    const saved = await stack.call('PATCH', '/api/v1/scoring-settings/2026', as(tokens.perf, { version: 0, scoring }));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, scoring: { partialMinPct: 50 } });
    const stale = await stack.call('PATCH', '/api/v1/scoring-settings/2026', as(tokens.perf, { version: 0, scoring }));
    expect(stale.status).toBe(409);
    const crossed = await stack.call(
      'PATCH',
      '/api/v1/scoring-settings/2026',
      as(tokens.perf, { version: 1, scoring: { ...scoring, partialMinPct: 85 } }),
    );
    expect(crossed.status).toBe(400);
    expect(crossed.body.errors[0]).toMatchObject({ pointer: '/scoring/partialMinPct', code: 'bands_order' });
    const back = await stack.call(
      'PATCH',
      '/api/v1/scoring-settings/2026',
      as(tokens.perf, { version: 1, scoring: { ...scoring, partialMinPct: 60 } }),
    );
    expect(back.status).toBe(200);
  });
});

describe('a self-evaluation round', () => {
  it('refuses a deadline outside the year after the one evaluated', async () => {
    const early = await stack.call(
      'POST',
      '/api/v1/self-evaluation-rounds',
      as(tokens.perf, { id: uuidV7(), fiscalYear: 2026, name: '2026年度绩效自评', deadline: '2026-12-31' }),
    );
    expect(early.status).toBe(400);
    expect(early.body.errors[0]).toMatchObject({ pointer: '/deadline', code: 'deadline_in_next_year' });
  });

  it('opens once per year with the settings and weights of the year, and issues 250 projects of one department over several calls', async () => {
    const body = { id: roundId, fiscalYear: 2026, name: '2026年度项目支出绩效自评', deadline: '2027-03-31' };
    const opened = await stack.call('POST', '/api/v1/self-evaluation-rounds', as(tokens.perf, body));
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      roundStatus: 'OPENING',
      scoring: { partialMinPct: 60 },
      weights: { budgetExecution: 10, total: 100 },
    });
    const second = await stack.call(
      'POST',
      '/api/v1/self-evaluation-rounds',
      as(tokens.perf, { ...body, id: uuidV7(), name: '第二次自评' }),
    );
    expect(second.status).toBe(409);

    // A department of 250 is more than one call makes (200 at most, in 4 s): the first call leaves it opening.
    const first = await stack.call('POST', `/api/v1/self-evaluation-rounds/${roundId}/issue`, as(tokens.perf, {}));
    expect(first.status).toBe(200);
    expect(first.body.roundStatus).toBe('OPENING');
    let round = first.body;
    let calls = 0;
    while (round.roundStatus !== 'ISSUED') {
      // Two issuers at once (a double click, a retried request) resume it: both answer, what each made counts once.
      const racing = await Promise.all(
        [0, 1].map(() => stack.call('POST', `/api/v1/self-evaluation-rounds/${roundId}/issue`, as(tokens.perf, {}))),
      );
      expect(racing.map((r) => r.status)).toEqual([200, 200]);
      round = racing.find((r) => r.body.roundStatus === 'ISSUED')?.body ?? racing[0]!.body;
      calls += 1;
      expect(calls).toBeLessThan(40);
    }
    const again = await stack.call('POST', `/api/v1/self-evaluation-rounds/${roundId}/issue`, as(tokens.perf, {}));
    expect(again.body.selfEvaluationCount).toBe(round.selfEvaluationCount);

    const tally = await stack.store.get<SelfEvaluationTally>(
      demoTenant.id,
      selfEvaluationTallyKind,
      selfEvaluationTallyId(roundId, department),
    );
    const made = await stack.store.getMany<StoredSelfEvaluation>(
      demoTenant.id,
      selfEvaluationKind,
      projects.map((p) => selfEvaluationId(roundId, p)),
    );
    expect(made).toHaveLength(250);
    expect(tally!.selfEvaluations).toBeGreaterThanOrEqual(250);
    // Listed a page at a time, every one of the department's self-evaluations, once.
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await stack.call(
        'GET',
        `/api/v1/self-evaluation-rounds/${roundId}/self-evaluations?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        as(tokens.department),
      );
      expect(page.status).toBe(200);
      for (const item of page.body.items) seen.add(item.id);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(tally!.selfEvaluations);
    const tallies = await selfEvaluationTalliesOf(stack.store, demoTenant.id, roundId);
    expect(round.selfEvaluationCount).toBe(tallies.reduce((sum, t) => sum + t.selfEvaluations, 0));
    for (const p of projects) expect(seen.has(selfEvaluationId(roundId, p))).toBe(true);
  }, 300_000);
});

describe('filling, sending and reviewing a self-evaluation', () => {
  const path = () => `/api/v1/self-evaluations/${selfEvaluationId(roundId, projects[0]!)}`;

  it('is made from the last approved target version, with the budget and nothing executed yet', async () => {
    const read = await stack.call('GET', path(), as(tokens.preparer));
    expect(read.status).toBe(200);
    expect(read.body.rows.map((r: { name: string }) => r.name)).toEqual([
      '补贴覆盖小区数',
      '物业服务考核达标率',
      '补贴按季度拨付率',
      '每平方米月补贴标准',
      '小区环境卫生和秩序改善',
      '小区居民满意度',
    ]);
    expect(read.body.money[0]).toMatchObject({ source: 'FISCAL', annualBudgetFen: 1_000_000_00, executedFen: null });
    expect(read.body.checks.map((c: { code: string }) => c.code)).toContain('money_required');
    const elsewhere = await stack.call('GET', path(), as(tokens.otherPreparer));
    expect(elsewhere.status).toBe(404);
  });

  it('refuses to send a row below target without reasons and a not-computable row without a tier, then takes them', async () => {
    const current = (await stack.call('GET', path(), as(tokens.preparer))).body;
    const [r1, r2, r3, r4, r5, r6] = current.rows.map((r: { rowId: string }) => r.rowId);
    const entry = (rowId: string, fields: Record<string, unknown>) => ({
      rowId,
      actual: '',
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
      ...fields,
    });
    const saved = await stack.call(
      'PATCH',
      path(),
      as(tokens.preparer, {
        version: current.version,
        goalCompletion: '40 个小区物业服务正常运转，考核达标率 95%。',
        money: [
          { source: 'FISCAL', initialBudgetFen: 1_000_000_00, annualBudgetFen: 1_000_000_00, executedFen: 900_000_00 },
        ],
        rows: [
          entry(r1, { actual: '40' }),
          entry(r2, { actual: '95' }),
          entry(r3, { actual: '100' }),
          entry(r4, { actual: '达成预期' }),
          entry(r5, { tier: 'ACHIEVED', tierScore: '27' }),
          entry(r6, { actual: '88' }),
        ],
      }),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.sheet.execution.score).toBe(9);
    expect(saved.body.sheet.rows[0]).toMatchObject({ score: 17.39, belowTarget: true });
    expect(saved.body.sheet.rows[3]).toMatchObject({ kind: 'NOT_COMPUTABLE', score: null });
    // The sheet is sent as its contract says: rounded figures and words, never the engine's exact fractions.
    expect(v.safeParse(scoreSheetView, saved.body.sheet).issues).toBeUndefined();
    const refused = await stack.call('POST', `${path()}/submit`, as(tokens.approver, { version: saved.body.version }));
    expect(refused.status).toBe(422);
    const pointers = refused.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/rows/0/deviationReasons', '/rows/0/improvementMeasures', '/rows/3/tier']),
    );

    const fixed = await stack.call(
      'PATCH',
      path(),
      as(tokens.preparer, {
        version: saved.body.version,
        rows: [
          entry(r1, {
            actual: '40',
            deviationReasons: '6 个小区物业企业退出，补贴暂停',
            improvementMeasures: '年内重新招标引入物业企业',
          }),
          entry(r2, { actual: '95', claimedScore: '14' }),
          entry(r5, {
            tier: 'ACHIEVED',
            tierScore: '27',
            deviationReasons: '个别小区垃圾清运不及时',
            improvementMeasures: '将清运频次纳入物业考核',
          }),
          entry(r4, {
            actual: '达成预期',
            tier: 'PARTIAL',
            tierScore: '3.5',
            notComputableReason: '补贴标准按面积分档，无法折算为单一数值',
            deviationReasons: '部分小区面积核定滞后',
            improvementMeasures: '次年一季度完成面积复核',
          }),
        ],
      }),
    );
    expect(fixed.status).toBe(200);
    expect(fixed.body.checks).toEqual([]);
    // The unit's own score beside the formula's: a met target claimed below full marks is named as such.
    expect(fixed.body.claims).toEqual([
      expect.objectContaining({ pointer: '/rows/1/claimedScore', claimed: 14, computed: 15, cause: 'MET_BELOW_FULL' }),
    ]);
    // 9 + 17.39 + 15 + 10 + 3.5 + 27 + 10
    expect(fixed.body).toMatchObject({ total: 91.89, grade: 'EXCELLENT' });

    const sent = await stack.call('POST', `${path()}/submit`, as(tokens.approver, { version: fixed.body.version }));
    expect(sent.status).toBe(200);
    expect(sent.body.reviewStatus).toBe('UNIT_SUBMITTED');
    const late = await stack.call(
      'PATCH',
      path(),
      as(tokens.preparer, { version: sent.body.version, goalCompletion: '改' }),
    );
    expect(late.status).toBe(409);
  });

  it('goes through the department, the business section and the performance section, with row comments on a return', async () => {
    let current = (await stack.call('GET', path(), as(tokens.department))).body;
    const rowId = current.rows[0].rowId;
    const returned = await stack.call(
      'POST',
      `${path()}/department-review`,
      as(tokens.department, {
        version: current.version,
        decision: 'return',
        rowComments: { [rowId]: '请补充退出小区名单' },
      }),
    );
    expect(returned.status).toBe(200);
    expect(returned.body.reviewStatus).toBe('RETURNED');
    expect(returned.body.reviewLog.at(-1).rowComments[rowId]).toBe('请补充退出小区名单');
    current = returned.body;
    const resent = await stack.call('POST', `${path()}/submit`, as(tokens.approver, { version: current.version }));
    expect(resent.status).toBe(200);
    current = resent.body;
    for (const [step, token] of [
      ['department-review', tokens.department],
      ['first-review', tokens.section],
      ['final-review', tokens.perf],
    ] as const) {
      const wrongRole = await stack.call(
        'POST',
        `${path()}/final-review`,
        as(tokens.preparer, { version: current.version, decision: 'approve' }),
      );
      expect(wrongRole.status).toBe(403);
      const next = await stack.call(
        'POST',
        `${path()}/${step}`,
        as(token, { version: current.version, decision: 'approve' }),
      );
      expect(next.status, step).toBe(200);
      current = next.body;
    }
    expect(current).toMatchObject({ reviewStatus: 'FINAL_APPROVED', total: 91.89, grade: 'EXCELLENT' });
  });

  it('keeps the department tally equal to a recount of its self-evaluations', async () => {
    const tally = await stack.store.get<SelfEvaluationTally>(
      demoTenant.id,
      selfEvaluationTallyKind,
      selfEvaluationTallyId(roundId, department),
    );
    const all: StoredSelfEvaluation[] = [];
    let cursor: string | undefined;
    do {
      const page = await stack.store.list<StoredSelfEvaluation>(demoTenant.id, selfEvaluationKind, {
        limit: 100,
        cursor,
        ownerId: `${roundId}#${department}`,
      });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(selfEvaluationCountsOnly(tally!)).toEqual(selfEvaluationCountsOnly(recountSelfEvaluations(all)));
    expect(tally!.byGrade.EXCELLENT).toBe(1);
    expect(tally!.countedHundredths).toBe(9189);
    expect(tally!.submitted).toBe(1);
  });
});

describe('the 项目支出绩效自评表 as XLSX', () => {
  it('is the 10号 layout the table check reads back to the same scores, with nothing to flag', async () => {
    const path = `/api/v1/self-evaluations/${selfEvaluationId(roundId, projects[0]!)}/self-evaluation-table.xlsx`;
    const file = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${tokens.department}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = checkTable(readXlsx(bytes), defaultScoringSettings, { fiscalYear: 2026 });
    expect(result.findings).toEqual([]);
    const [table] = result.tables;
    expect(table!.findings.filter((f) => f.severity === 'ERROR')).toEqual([]);
    expect(table!.projectCode?.text).toBe('DL2026SE0001');
    expect(table!.rows).toHaveLength(6);
    expect(table!.rows.filter((r) => r.flagged)).toEqual([]);
    expect(table!.execution).toMatchObject({ claimed: 9, computed: 9, flagged: false });
    expect(table!.total).toMatchObject({ claimed: 91.89, computed: 91.89, flagged: false });
    expect(table!.grade.computed).toBe('EXCELLENT');
    const elsewhere = await stack.call('GET', path, as(tokens.otherPreparer));
    expect(elsewhere.status).toBe(404);
  });
});

describe('the treasury figure in the money block (rule 9)', () => {
  const path = () => `/api/v1/self-evaluations/${selfEvaluationId(roundId, projects[1]!)}`;

  it('fills an empty executed amount from the import, and asks for a reason when the unit changes it, flagged to reviewers', async () => {
    const code = 'DL2026SE00002';
    const csv = ['项目编码,资金来源,全年预算数（元）,全年执行数（元）', `${code},当年财政拨款,2000000,1800000`].join(
      '\r\n',
    );
    const imported = await stack.call(
      'POST',
      '/api/v1/execution-imports',
      as(tokens.perf, {
        fiscalYear: 2026,
        fileName: '国库执行数.csv',
        contentBase64: Buffer.from(csv).toString('base64'),
      }),
    );
    expect(imported.status).toBe(200);
    const read = (await stack.call('GET', path(), as(tokens.preparer))).body;
    expect(read.money[0]).toMatchObject({
      executedFen: 1_800_000_00,
      origin: 'TREASURY',
      importedExecutedFen: 1_800_000_00,
    });
    expect(read.sheet.execution.score).toBe(9);

    const changed = await stack.call(
      'PATCH',
      path(),
      as(tokens.preparer, {
        version: read.version,
        money: [
          {
            source: 'FISCAL',
            initialBudgetFen: 2_000_000_00,
            annualBudgetFen: 2_000_000_00,
            executedFen: 1_900_000_00,
          },
        ],
      }),
    );
    expect(changed.status).toBe(200);
    expect(changed.body.checks).toContainEqual(
      expect.objectContaining({ pointer: '/money/0/overrideReason', code: 'execution_override_reason' }),
    );
    expect(changed.body.flags).toContainEqual(
      expect.objectContaining({ pointer: '/money/0/executedFen', code: 'execution_overridden' }),
    );
    const reasoned = await stack.call(
      'PATCH',
      path(),
      as(tokens.preparer, {
        version: changed.body.version,
        money: [
          {
            source: 'FISCAL',
            initialBudgetFen: 2_000_000_00,
            annualBudgetFen: 2_000_000_00,
            executedFen: 1_900_000_00,
            overrideReason: '12 月 31 日支付的 100 万元国库次年入账',
          },
        ],
      }),
    );
    expect(reasoned.body.checks.map((c: { code: string }) => c.code)).not.toContain('execution_override_reason');
    expect(reasoned.body.flags.map((c: { code: string }) => c.code)).toContain('execution_overridden');
    expect(reasoned.body.money[0]).toMatchObject({ origin: 'UNIT', importedExecutedFen: 1_800_000_00 });
  });
});
