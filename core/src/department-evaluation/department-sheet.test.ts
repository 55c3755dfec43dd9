import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleEntries, sampleFigures, sampleProjects } from '#core/department-evaluation/department-example.ts';
import type { DepartmentFigures } from '#core/department-evaluation/department-figures.ts';
import { departmentFormulas } from '#core/department-evaluation/department-formulas.ts';
import { frameworkIndicators, frameworkTemplateIds } from '#core/department-evaluation/department-framework.ts';
import {
  type DepartmentSheetInput,
  departmentSheetErrors,
  scoreDepartmentSheet,
} from '#core/department-evaluation/department-sheet.ts';
import { copyTemplate, frameworkTemplates } from '#core/department-evaluation/framework-templates.ts';
import type { JudgementEntry } from '#core/department-evaluation/judgement-score.ts';
import { gradeOf } from '#core/self-evaluation/score-sheet.ts';
import { defaultScoringSettings as settings } from '#core/self-evaluation/scoring-settings.ts';

const worked: DepartmentSheetInput = {
  framework: frameworkTemplates.NATIONAL_2013,
  figures: sampleFigures,
  entries: sampleEntries,
  projects: sampleProjects,
};
const scoreOf = (input: DepartmentSheetInput, code: string, s = settings) =>
  scoreDepartmentSheet(input, s).indicators.find((i) => i.code === code);

describe('the department sheet, worked through (docs/domain/self-evaluation.md)', () => {
  const sheet = scoreDepartmentSheet(worked, settings);

  it('scores every formula indicator from the figures', () => {
    const formulas = sheet.indicators.filter((i) => i.kind === 'FORMULA').map((i) => [i.code, i.valuePct, i.score]);
    expect(formulas).toEqual([
      ['STAFF_CONTROL', 96, 2],
      ['THREE_PUBLIC_CHANGE', -5, 2],
      ['KEY_SPENDING_SHARE', 60, 2],
      ['BUDGET_COMPLETION', 96.4, 8],
      ['BUDGET_ADJUSTMENT', 15, 3],
      ['PAYMENT_PROGRESS', 98.2, 3.93],
      ['CARRY_OVER_BALANCE', 3.6, 4],
      ['CARRY_OVER_BALANCE_CHANGE', -64, 3],
      ['PUBLIC_FUNDS_CONTROL', 97.5, 4],
      ['THREE_PUBLIC_CONTROL', 95, 4],
      ['PROCUREMENT_EXECUTION', 95, 2.85],
      ['FIXED_ASSET_UTILISATION', 93, 2],
    ]);
    expect(sheet.indicators.filter((i) => i.kind === 'FORMULA').every((i) => i.computed)).toBe(true);
  });

  it('explains each score from the figures to the points', () => {
    const completion = sheet.indicators.find((i) => i.code === 'BUDGET_COMPLETION');
    expect(completion).toMatchObject({
      definition: departmentFormulas.BUDGET_COMPLETION.definition,
      level1: 'PROCESS',
      level2: 'BUDGET_EXECUTION',
      points: 10,
      standard: {
        'zh-CN': '≥ 100% 得满分，每低 5% 扣 2 分（不足一档按一档计），扣完为止',
        en: 'full marks at ≥ 100%, 2 off per 5% below (a started step counts), down to 0',
      },
      derivation: {
        'zh-CN':
          '预算完成率 = (上年结转结余 120 万元 + 年初预算 1,000 万元 + 年中追加（减） 80 万元 − 年末结转结余 43.2 万元) ÷ (上年结转结余 120 万元 + 年初预算 1,000 万元 + 年中追加（减） 80 万元) = 96.4%，每低 5% 扣 2 分（不足一档按一档计）：10 − 2 × 1 = 8.00',
        en: 'Budget completion rate = (carried over from last year 120 万元 + initial budget 1,000 万元 + supplementary (net) 80 万元 − year-end carry-over and balance 43.2 万元) ÷ (carried over from last year 120 万元 + initial budget 1,000 万元 + supplementary (net) 80 万元) = 96.4%: 2 off per 5% below (a started step counts): 10 − 2 × 1 = 8.00',
      },
    });
    expect(sheet.indicators.find((i) => i.code === 'ASSETS_SAFE')).toMatchObject({
      kind: 'JUDGEMENT',
      computed: false,
      definition: null,
      valuePct: null,
      score: 3.5,
      standard: {
        'zh-CN': '资产保存完整、配置合理、处置规范、收入及时足额上缴，账实相符，得满分；否则酌情扣分',
        en: 'Full marks when assets are kept whole, reasonably allocated, disposed of by the rules, their income paid in and the books match; otherwise points off as judged',
      },
      derivation: {
        'zh-CN': '评分 3.50（满分 4）：两台报废车辆未及时处置',
        en: 'Scored 3.50 of 4: 两台报废车辆未及时处置',
      },
    });
  });

  it('adds the rounded scores to 92.98, 优, with the project self-evaluations beside it', () => {
    expect(sheet.level1.map((l) => [l.code, l.points, l.score])).toEqual([
      ['INPUT', 10, 9.5],
      ['PROCESS', 60, 54.28],
      ['OUTPUT', 15, 14.8],
      ['EFFECT', 15, 14.4],
    ]);
    expect(sheet).toMatchObject({ total: 92.98, complete: true, grade: 'EXCELLENT' });
    expect(sheet.derivation).toEqual({
      'zh-CN': '合计 = 投入 9.50 + 过程 54.28 + 产出 14.80 + 效果 14.40 = 92.98 → 优',
      en: 'Total = Input 9.50 + Process 54.28 + Output 14.80 + Effect 14.40 = 92.98 → Excellent',
    });
    expect(sheet.projects).toMatchObject({ issued: 10, submitted: 8, approved: 7, averageScore: 80.57 });
    expect(departmentSheetErrors(worked, settings, 'zh-CN')).toEqual([]);
    // Full marks need no note: the worked example gives none.
    expect(sampleEntries.filter((e) => e.note === '').map((e) => e.code)).toHaveLength(11);
    expect(sampleEntries.every((e) => e.evidence.length === 0)).toBe(true);
  });

  it('follows the year’s rounding and grade bands', () => {
    const whole = { ...settings, rounding: { decimals: 0, mode: 'FLOOR', rateFirst: false } as const };
    expect(scoreDepartmentSheet(worked, whole)).toMatchObject({ total: 89, grade: 'GOOD' });
    expect(scoreDepartmentSheet(worked, whole).derivation['zh-CN']).toBe(
      '合计 = 投入 9 + 过程 52 + 产出 14 + 效果 14 = 89 → 良',
    );
    expect(scoreDepartmentSheet(worked, { ...settings, excellentMin: 95 }).grade).toBe('GOOD');
  });
});

describe('a sheet with figures missing', () => {
  const { yearEndBalanceFen: _, ...figures } = sampleFigures;
  const input = { ...worked, figures };

  it('never gives the points of a formula it cannot compute', () => {
    const sheet = scoreDepartmentSheet(input, settings);
    expect(sheet.indicators.find((i) => i.code === 'BUDGET_COMPLETION')).toMatchObject({
      computed: false,
      definition: departmentFormulas.BUDGET_COMPLETION.definition,
      valuePct: null,
      score: null,
      derivation: {
        'zh-CN': '预算完成率无法计算：缺少年末结转结余',
        en: 'Budget completion rate cannot be computed: year-end carry-over and balance missing',
      },
    });
    expect(sheet).toMatchObject({ total: 77.98, complete: false, grade: null });
    expect(sheet.derivation['zh-CN']).toBe(
      '合计 = 投入 9.50 + 过程 39.28 + 产出 14.80 + 效果 14.40 = 77.98（尚有指标未评分）',
    );
    expect(sheet.derivation.en).toMatch(/= 77\.98 \(some indicators are not scored yet\)$/u);
    const errors = departmentSheetErrors(input, settings, 'zh-CN');
    expect(errors.map((e) => [e.pointer, e.code])).toEqual([
      ['/figures/yearEndBalanceFen', 'not_computable'],
      ['/figures/yearEndBalanceFen', 'not_computable'],
      ['/figures/yearEndBalanceFen', 'not_computable'],
    ]);
    expect(errors[0]?.message).toBe('预算完成率无法计算：缺少年末结转结余；请补录年末结转结余，或人工评分并说明理由');
    expect(departmentSheetErrors(input, settings, 'en')[0]?.message).toBe(
      'Budget completion rate cannot be computed: year-end carry-over and balance missing; enter the year-end carry-over and balance or score it by hand with a reason',
    );
  });

  it('names the framework’s indicator when the denominator is 0', () => {
    const zero = { ...worked, figures: { ...sampleFigures, threePublicLastYearFen: 0 } };
    expect(departmentSheetErrors(zero, settings, 'zh-CN')).toEqual([
      {
        pointer: '/framework/level1/0/children/1/indicators/1',
        code: 'not_computable',
        message: '“三公经费”变动率无法计算：分母上年三公经费支出数 0 万元为 0；请补录数据，或人工评分并说明理由',
      },
    ]);
    expect(departmentSheetErrors(zero, settings, 'en')[0]?.message).toMatch(
      /; enter the figures or score it by hand with a reason$/u,
    );
  });

  it('takes a hand score with its reason instead, and says why', () => {
    const entries = [
      ...sampleEntries,
      { code: 'BUDGET_COMPLETION', score: '6', note: '据决算报表测算约 92%', evidence: [] },
      { code: 'CARRY_OVER_BALANCE', score: '4', note: '', evidence: [] },
      { code: 'CARRY_OVER_BALANCE_CHANGE', score: '2', note: '', evidence: [] },
    ];
    const byHand = { ...input, entries };
    const sheet = scoreDepartmentSheet(byHand, settings);
    expect(sheet.indicators.find((i) => i.code === 'BUDGET_COMPLETION')).toMatchObject({
      computed: false,
      score: 6,
      derivation: {
        'zh-CN': '预算完成率无法计算：缺少年末结转结余；评分 6.00（满分 10）：据决算报表测算约 92%',
        en: 'Budget completion rate cannot be computed: year-end carry-over and balance missing; Scored 6.00 of 10: 据决算报表测算约 92%',
      },
    });
    expect(sheet).toMatchObject({ total: 89.98, complete: true, grade: 'GOOD' });
    expect(departmentSheetErrors(byHand, settings, 'zh-CN')).toEqual([
      {
        pointer: `/entries/${entries.length - 1}/note`,
        code: 'reason_required',
        message: '结转结余变动率：未得满分的指标须填写扣分理由及依据',
      },
    ]);
  });

  it('ignores a hand score once the figures compute the formula', () => {
    const entries = [...sampleEntries, { code: 'BUDGET_COMPLETION', score: '1', note: '先前估计', evidence: [] }];
    expect(scoreOf({ ...worked, entries }, 'BUDGET_COMPLETION')).toMatchObject({ computed: true, score: 8 });
    expect(departmentSheetErrors({ ...worked, entries }, settings, 'zh-CN')).toEqual([]);
  });
});

describe('the rules of a sheet before it is sent', () => {
  const withEntries = (entries: JudgementEntry[]) => ({ ...worked, entries });
  const replace = (code: string, change: Partial<JudgementEntry>) =>
    sampleEntries.map((e) => (e.code === code ? { ...e, ...change } : e));

  it('wants a reason for every judgement below full marks', () => {
    const entries = replace('FUNDS_COMPLIANT', { note: '' });
    expect(departmentSheetErrors(withEntries(entries), settings, 'zh-CN')).toEqual([
      {
        pointer: '/entries/3/note',
        code: 'reason_required',
        message: '资金使用合规性：未得满分的指标须填写扣分理由及依据',
      },
    ]);
    expect(departmentSheetErrors(withEntries(entries), settings, 'en')[0]?.message).toBe(
      'Compliant use of funds: A score below full marks needs the reason and its evidence',
    );
    // The score still counts: the rule stops the sheet being sent, not the arithmetic.
    expect(scoreOf(withEntries(entries), 'FUNDS_COMPLIANT')?.score).toBe(4);
  });

  it('refuses a score above the points, and a judgement left unscored', () => {
    const above = replace('FUNDS_COMPLIANT', { score: '6' });
    expect(departmentSheetErrors(withEntries(above), settings, 'zh-CN')).toEqual([
      { pointer: '/entries/3/score', code: 'score_above_points', message: '资金使用合规性：得分不能超过该指标分值' },
    ]);
    expect(scoreDepartmentSheet(withEntries(above), settings)).toMatchObject({ complete: false, grade: null });
    const left = sampleEntries.filter((e) => e.code !== 'DISCLOSURE');
    expect(departmentSheetErrors(withEntries(left), settings, 'zh-CN')).toEqual([
      { pointer: '/entries', code: 'score_required', message: '预决算信息公开性：请填写得分' },
    ]);
    const blank = replace('DISCLOSURE', { score: null });
    expect(departmentSheetErrors(withEntries(blank), settings, 'zh-CN')).toEqual([
      { pointer: '/entries/4/score', code: 'score_required', message: '预决算信息公开性：请填写得分' },
    ]);
  });

  it('refuses an entry for an indicator the framework does not have, or one given twice', () => {
    const extra = [
      ...sampleEntries,
      { code: 'NOT_THERE', score: '1', note: '', evidence: [] },
      { ...sampleEntries[0]! },
    ];
    expect(departmentSheetErrors(withEntries(extra), settings, 'zh-CN')).toEqual([
      { pointer: '/entries/16/code', code: 'unknown_indicator', message: '指标 NOT_THERE 不在本框架中' },
      { pointer: '/entries/17/code', code: 'duplicate_entry', message: '指标 TARGET_REASONABLE 重复评分' },
    ]);
    expect(departmentSheetErrors(withEntries(extra), settings, 'en').map((e) => e.message)).toEqual([
      'The indicator NOT_THERE is not in this framework',
      'The indicator TARGET_REASONABLE is scored twice',
    ]);
  });

  it('grades nothing while the framework’s points do not add up, and says so', () => {
    const framework = copyTemplate('NATIONAL_2013', 2026);
    framework.level1[0]!.children[0]!.indicators[0]!.points = 3;
    const input = { ...worked, framework };
    const sheet = scoreDepartmentSheet(input, settings);
    expect(sheet).toMatchObject({ complete: true, grade: null, total: 92.98 });
    expect(sheet.derivation).toEqual({
      'zh-CN': '合计 = 投入 9.50 + 过程 54.28 + 产出 14.80 + 效果 14.40 = 92.98（分值设置有误，不定等级）',
      en: 'Total = Input 9.50 + Process 54.28 + Output 14.80 + Effect 14.40 = 92.98 (the points do not add up: no grade)',
    });
    expect(departmentSheetErrors(input, settings, 'zh-CN').map((e) => [e.pointer, e.code])).toEqual([
      ['/framework/level1/0/children/0/indicators', 'weights_total'],
      // 2 of 3 points is now below full marks.
      ['/entries/0/note', 'reason_required'],
    ]);
  });
});

describe('every template, any figures, any valid judgements (properties)', () => {
  const figure = fc.option(fc.integer({ min: 0, max: 5_000_000_000 }), { nil: null });
  const anyFigures: fc.Arbitrary<DepartmentFigures> = fc.record({
    carryOverFen: figure,
    initialBudgetFen: figure,
    supplementaryFen: fc.option(fc.integer({ min: -500_000_000, max: 500_000_000 }), { nil: null }),
    yearEndBalanceFen: figure,
    adjustmentFen: figure,
    paidFen: figure,
    plannedPaymentFen: figure,
    publicFundsBudgetFen: figure,
    publicFundsSpentFen: figure,
    threePublicBudgetFen: figure,
    threePublicSpentFen: figure,
    threePublicLastYearFen: figure,
    procurementBudgetFen: figure,
    procurementSpentFen: figure,
    staffInPost: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
    authorisedPosts: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
    keySpendingFen: figure,
    projectSpendingFen: figure,
    fixedAssetsInUseFen: figure,
    fixedAssetsTotalFen: figure,
  });

  it('scores no indicator above its points and keeps the total within 0–100', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...frameworkTemplateIds),
        anyFigures,
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 40, maxLength: 40 }),
        (id, figures, shares) => {
          const framework = frameworkTemplates[id];
          const entries = frameworkIndicators(framework).map(({ indicator }, i) => ({
            code: indicator.code,
            score: String(Math.floor(indicator.points * (shares[i] ?? 100)) / 100),
            note: '见附件',
            evidence: [],
          }));
          const sheet = scoreDepartmentSheet({ framework, figures, entries, projects: [] }, settings);
          const total = sheet.indicators.reduce((s, i) => s + (i.score ?? 0), 0);
          return (
            sheet.complete &&
            sheet.indicators.every((i) => i.score !== null && i.score >= 0 && i.score <= i.points) &&
            sheet.total >= 0 &&
            sheet.total <= 100 &&
            Math.abs(sheet.total - total) < 1e-6 &&
            sheet.grade === gradeOf(sheet.total, settings) &&
            departmentSheetErrors({ framework, figures, entries, projects: [] }, settings, 'zh-CN').length === 0
          );
        },
      ),
    );
  });
});
