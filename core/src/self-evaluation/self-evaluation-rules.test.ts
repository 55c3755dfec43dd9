import { describe, expect, it } from 'vitest';
import { scoreSheet } from '#core/self-evaluation/score-sheet.ts';
import { defaultScoringSettings, type ScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import { describeSelfEvaluation } from '#core/self-evaluation/self-evaluation-messages.ts';
import type { MoneyLine, SelfEvaluationRow } from '#core/self-evaluation/self-evaluation-row.ts';
import {
  expectedSplit,
  selfEvaluationErrors,
  selfEvaluationWarnings,
} from '#core/self-evaluation/self-evaluation-rules.ts';
import { exampleMoney, exampleRow, exampleRows } from '#core/self-evaluation/worked-example.ts';
import { defaultTargetWeights } from '#core/submission/target-weights.ts';

const s = defaultScoringSettings;
const with_ = (over: Partial<ScoringSettings>): ScoringSettings => ({ ...s, ...over });
const explained = { deviationReasons: '原因', improvementMeasures: '措施' };
const errorsOf = (
  rows: SelfEvaluationRow[],
  settings = s,
  money: MoneyLine[] = exampleMoney,
  language: 'zh-CN' | 'en' = 'zh-CN',
) =>
  selfEvaluationErrors(
    rows,
    scoreSheet({ fiscalYear: 2026, money, rows, executionPoints: 10 }, settings),
    settings,
    language,
  );
const codes = (rows: SelfEvaluationRow[], settings = s, money: MoneyLine[] = exampleMoney) =>
  errorsOf(rows, settings, money).map((e) => `${e.pointer} ${e.code}`);
const one = (over: Partial<SelfEvaluationRow>, settings = s) =>
  codes([exampleRow({ rowId: 'r', targetValue: '100', unit: '件', weight: 10, ...over })], settings);

describe('rule 7: reasons and measures where a row falls short', () => {
  it('asks for them on every row below target or below its weight in the worked example', () => {
    expect(codes(exampleRows)).toEqual([
      '/rows/0/deviationReasons deviation_reasons_required',
      '/rows/0/improvementMeasures improvement_measures_required',
      '/rows/2/deviationReasons deviation_reasons_required',
      '/rows/2/improvementMeasures improvement_measures_required',
      '/rows/4/deviationReasons deviation_reasons_required',
      '/rows/4/improvementMeasures improvement_measures_required',
      '/rows/5/deviationReasons deviation_reasons_required',
      '/rows/5/improvementMeasures improvement_measures_required',
    ]);
    expect(errorsOf(exampleRows)[0]!.message).toBe('未完成目标或未得满分，须填写偏差原因');
    expect(errorsOf(exampleRows, s, exampleMoney, 'en')[1]!.message).toBe(
      'The target is missed or the row is below full marks: give the improvement measures',
    );
    expect(codes(exampleRows.map((r) => ({ ...r, ...explained })))).toEqual([]);
  });

  it('asks for each that is missing, and for a late date or a deduction too', () => {
    expect(one({ actual: '90', deviationReasons: '原因' })).toEqual([
      '/rows/0/improvementMeasures improvement_measures_required',
    ]);
    expect(one({ actual: '90', improvementMeasures: '措施' })).toEqual([
      '/rows/0/deviationReasons deviation_reasons_required',
    ]);
    expect(one({ actual: '100' })).toEqual([]);
    expect(one({ actual: '100', deduction: '1', deductionReason: '目标偏低' })).toHaveLength(2);
    expect(one({ targetValue: '2026-06-30', unit: '', actual: '2026-07-30' })).toHaveLength(2);
  });
});

describe('rule 5: a tier and a score inside its band', () => {
  const q = (over: Partial<SelfEvaluationRow>, settings = s) =>
    one({ operator: 'QUALITATIVE', targetValue: '按期完成', actual: '完成', ...explained, ...over }, settings);

  it('needs a tier, then a score, then the score inside the band', () => {
    expect(q({})).toEqual(['/rows/0/tier tier_required']);
    expect(q({ tier: 'PARTIAL' })).toEqual(['/rows/0/tierScore tier_score_required']);
    expect(q({ tier: 'PARTIAL', tierScore: '8' })).toEqual(['/rows/0/tierScore tier_score_out_of_band']);
    expect(q({ tier: 'PARTIAL', tierScore: '7' })).toEqual([]);
    expect(q({ tier: 'ACHIEVED', tierScore: '10' }, s)).toEqual([]);
  });

  it('says the band in the message', () => {
    const errors = errorsOf([
      exampleRow({
        rowId: 'q',
        operator: 'QUALITATIVE',
        weight: 15,
        actual: 'x',
        tier: 'PARTIAL',
        tierScore: '12',
        ...explained,
      }),
      exampleRow({ rowId: 'q', operator: 'QUALITATIVE', weight: 15, actual: 'x', tier: 'ACHIEVED', ...explained }),
    ]);
    expect(errors.map((e) => e.message)).toEqual([
      '得分 12 不在所选档次范围内，应在 9 至 12（不含 12）',
      '请在档次范围内打分：12 至 15',
    ]);
    const en = selfEvaluationErrors(
      [
        exampleRow({
          rowId: 'q',
          operator: 'QUALITATIVE',
          weight: 15,
          actual: 'x',
          tier: 'PARTIAL',
          tierScore: '12',
          ...explained,
        }),
      ],
      scoreSheet(
        {
          fiscalYear: 2026,
          money: exampleMoney,
          executionPoints: 10,
          rows: [
            exampleRow({
              rowId: 'q',
              operator: 'QUALITATIVE',
              weight: 15,
              actual: 'x',
              tier: 'PARTIAL',
              tierScore: '12',
            }),
          ],
        },
        s,
      ),
      s,
      'en',
    );
    expect(en[0]!.message).toBe('The score 12 is outside the tier: it must lie from 9 to below 12');
  });

  it('refuses more decimals than the year’s rounding keeps', () => {
    const whole = with_({ rounding: { decimals: 0, mode: 'HALF_UP', rateFirst: false } });
    expect(q({ tier: 'PARTIAL', tierScore: '7.5' }, whole)).toEqual(['/rows/0/tierScore tier_score_decimals']);
    expect(
      errorsOf(
        [
          exampleRow({
            rowId: 'q',
            operator: 'QUALITATIVE',
            weight: 10,
            actual: 'x',
            tier: 'PARTIAL',
            tierScore: '7.5',
            ...explained,
          }),
        ],
        whole,
      )[0]!.message,
    ).toBe('得分最多保留 0 位小数');
    expect(q({ tier: 'PARTIAL', tierScore: '9' }, whole)).toEqual(['/rows/0/tierScore tier_score_out_of_band']);
  });

  it('applies to a late date under the TIER rule only', () => {
    const date = { targetValue: '2026-06-30', unit: '', actual: '2026-07-30', ...explained };
    expect(one(date)).toEqual([]);
    expect(one(date, with_({ lateDateRule: 'TIER' }))).toEqual(['/rows/0/tier tier_required']);
    expect(one({ ...date, actual: '2026-06-01' }, with_({ lateDateRule: 'TIER' }))).toEqual([]);
  });
});

describe('the other rules', () => {
  it('rule 6: an explanation from the over-achievement share on', () => {
    expect(one({ actual: '130' })).toEqual(['/rows/0/overExplanation over_explanation_required']);
    expect(errorsOf([exampleRow({ rowId: 'r', targetValue: '100', weight: 10, actual: '135' })])[0]!.message).toBe(
      '实际值达到目标值的 135%（130% 及以上），须说明超额完成的原因',
    );
    expect(one({ actual: '130', overExplanation: '需求增加' })).toEqual([]);
    expect(one({ actual: '130' }, with_({ overAchievementPct: 140 }))).toEqual([]);
  });

  it('an actual that is not a number of the unit: a tier and a reason', () => {
    expect(one({ actual: '≥266米', ...explained })).toEqual([
      '/rows/0/tier tier_required',
      '/rows/0/notComputableReason not_computable_reason_required',
    ]);
    expect(
      errorsOf([
        exampleRow({
          rowId: 'r',
          targetValue: '1',
          unit: '公里',
          weight: 10,
          actual: '266米',
          tier: 'ACHIEVED',
          tierScore: '10',
        }),
      ])[0]!.message,
    ).toBe('实际值不是以“公里”计的数值，无法按公式计分：须说明原因并按档次评分');
    expect(
      one({ actual: '≥266米', tier: 'ACHIEVED', tierScore: '9', notComputableReason: '口径不同', ...explained }),
    ).toEqual([]);
  });

  it('not applicable: a reason, and nothing else asked', () => {
    expect(one({ notApplicable: true })).toEqual(['/rows/0/notApplicableReason not_applicable_reason_required']);
    expect(one({ notApplicable: true, notApplicableReason: '当年未实施' })).toEqual([]);
  });

  it('a deduction: a reason', () => {
    expect(one({ actual: '100', deduction: '1', ...explained })).toEqual([
      '/rows/0/deductionReason deduction_reason_required',
    ]);
    expect(one({ actual: '100', deduction: '0' })).toEqual([]);
  });

  it('nothing written on an applicable row, and no money, are errors', () => {
    expect(one({ actual: ' ' })).toEqual(['/rows/0/actual row_not_filled']);
    expect(
      codes(
        exampleRows.map((r) => ({ ...r, ...explained })),
        s,
        [],
      ),
    ).toEqual(['/money money_required']);
    expect(errorsOf([], s, [], 'en')[0]!.message).toBe(
      'Give the annual budget and the amount executed, so the execution rate can be worked out',
    );
  });
});

describe('warnings for the reviewer', () => {
  const sheetOf = (rows: SelfEvaluationRow[]) =>
    scoreSheet({ fiscalYear: 2026, money: exampleMoney, rows, executionPoints: 10 }, s);
  const warn = (rows: SelfEvaluationRow[], settings = s, language: 'zh-CN' | 'en' = 'zh-CN') =>
    selfEvaluationWarnings(rows, sheetOf(rows), settings, defaultTargetWeights, language);

  it('rule 4: the year’s split is no warning, a departure is', () => {
    expect(warn(exampleRows)).toEqual([]);
    const departed = exampleRows.map((r) => (r.rowId === 'cost' ? { ...r, level1: 'BENEFIT' as const } : r));
    expect(warn(departed)).toEqual([
      {
        pointer: '/rows',
        code: 'weights_departed',
        message:
          '指标分值（产出 45 / 效益 35 / 满意度 10）与本年度默认（产出 50 / 效益 30 / 满意度 10）不同，请审核时关注',
      },
    ]);
    expect(warn(departed, s, 'en')[0]!.message).toBe(
      "The weights (output 45 / benefit 35 / satisfaction 10) depart from this year's defaults (output 50 / benefit 30 / satisfaction 10): for the reviewer",
    );
  });

  it('moves satisfaction’s points by the year’s fallback when there is no satisfaction row', () => {
    const noSatisfaction = [{ level1: 'OUTPUT' as const }, { level1: 'BENEFIT' as const }];
    expect(expectedSplit(noSatisfaction, defaultTargetWeights, s)).toEqual({
      OUTPUT: 50,
      BENEFIT: 40,
      SATISFACTION: 0,
    });
    expect(expectedSplit(noSatisfaction, defaultTargetWeights, with_({ satisfactionFallback: 'OUTPUT' }))).toEqual({
      OUTPUT: 60,
      BENEFIT: 30,
      SATISFACTION: 0,
    });
    expect(expectedSplit(noSatisfaction, defaultTargetWeights, with_({ satisfactionFallback: 'SPREAD' }))).toEqual({
      OUTPUT: 56.25,
      BENEFIT: 33.75,
      SATISFACTION: 0,
    });
    const odd = { ...defaultTargetWeights, OUTPUT: 0, BENEFIT: 0, SATISFACTION: 90 };
    expect(expectedSplit(noSatisfaction, odd, with_({ satisfactionFallback: 'SPREAD' }))).toEqual({
      OUTPUT: 0,
      BENEFIT: 90,
      SATISFACTION: 0,
    });
    const thirds = { ...defaultTargetWeights, OUTPUT: 40, BENEFIT: 20, SATISFACTION: 30 };
    expect(expectedSplit(noSatisfaction, thirds, with_({ satisfactionFallback: 'SPREAD' }))).toEqual({
      OUTPUT: 60,
      BENEFIT: 30,
      SATISFACTION: 0,
    });
    expect(expectedSplit([{ level1: 'SATISFACTION' }], defaultTargetWeights, s)).toEqual({
      OUTPUT: 50,
      BENEFIT: 30,
      SATISFACTION: 10,
    });

    const moved = exampleRows.map((r) =>
      r.rowId === 'satisfaction' ? { ...r, level1: 'BENEFIT' as const, level2: 'SOCIAL' as const } : r,
    );
    expect(warn(moved)).toEqual([]);
    expect(warn(moved, with_({ satisfactionFallback: 'OUTPUT' })).map((w) => w.code)).toEqual(['weights_departed']);
  });

  it('a stated money total that is not the sum of its sources', () => {
    const sheet = scoreSheet(
      {
        fiscalYear: 2026,
        money: exampleMoney,
        rows: exampleRows,
        executionPoints: 10,
        statedMoneyTotal: { initialBudgetFen: null, annualBudgetFen: 100_000_000, executedFen: 93_000_000 },
      },
      s,
    );
    expect(selfEvaluationWarnings(exampleRows, sheet, s, defaultTargetWeights, 'zh-CN')).toEqual([
      { pointer: '/money', code: 'money_total_not_sum', message: '资金总额行不等于各资金来源之和' },
    ]);
    expect(selfEvaluationWarnings(exampleRows, sheet, s, defaultTargetWeights, 'en')[0]!.message).toBe(
      'The money total is not the sum of its sources',
    );
  });

  it('an unknown code reads as itself', () => {
    expect(describeSelfEvaluation('nope', 'en')).toBe('nope');
    expect(describeSelfEvaluation('tier_required', 'en')).toBe('Choose a tier');
    expect(describeSelfEvaluation('not_applicable_reason_required', 'en')).toBe('Say why the row does not apply');
    expect(describeSelfEvaluation('deduction_reason_required', 'en')).toBe('Give the reason for the deduction');
    expect(describeSelfEvaluation('row_not_filled', 'en')).toBe(
      'Write the actual (or mark the row not applicable and say why)',
    );
  });
});

describe('every message, in both languages', () => {
  const band = { min: 9, max: 12, maxInclusive: false };
  const messages: [string, Record<string, unknown> | undefined, string, string][] = [
    [
      'row_not_filled',
      undefined,
      '请填写实际完成值（不适用的指标请标为不适用并说明理由）',
      'Write the actual (or mark the row not applicable and say why)',
    ],
    [
      'money_required',
      undefined,
      '请填写全年预算数和全年执行数，以计算预算执行率',
      'Give the annual budget and the amount executed, so the execution rate can be worked out',
    ],
    ['not_applicable_reason_required', undefined, '标为不适用的指标须说明理由', 'Say why the row does not apply'],
    ['tier_required', undefined, '请选择达成档次', 'Choose a tier'],
    [
      'tier_score_required',
      band,
      '请在档次范围内打分：9 至 12（不含 12）',
      'Give a score within the tier: 9 to below 12',
    ],
    [
      'tier_score_required',
      { ...band, maxInclusive: true },
      '请在档次范围内打分：9 至 12',
      'Give a score within the tier: 9 to 12',
    ],
    [
      'tier_score_out_of_band',
      { ...band, score: '13' },
      '得分 13 不在所选档次范围内，应在 9 至 12（不含 12）',
      'The score 13 is outside the tier: it must lie from 9 to below 12',
    ],
    ['tier_score_decimals', { decimals: 1 }, '得分最多保留 1 位小数', 'A score has at most 1 decimals'],
    [
      'not_computable_reason_required',
      { unit: '公里' },
      '实际值不是以“公里”计的数值，无法按公式计分：须说明原因并按档次评分',
      'The actual is not a number in 公里, so no formula applies: say why and score it by tier',
    ],
    [
      'over_explanation_required',
      { pct: 140, min: 130 },
      '实际值达到目标值的 140%（130% 及以上），须说明超额完成的原因',
      'The actual is 140% of the target (130% or more): explain the over-achievement',
    ],
    [
      'deviation_reasons_required',
      undefined,
      '未完成目标或未得满分，须填写偏差原因',
      'The target is missed or the row is below full marks: give the reasons',
    ],
    [
      'improvement_measures_required',
      undefined,
      '未完成目标或未得满分，须填写改进措施',
      'The target is missed or the row is below full marks: give the improvement measures',
    ],
    ['deduction_reason_required', undefined, '扣分须说明理由', 'Give the reason for the deduction'],
    [
      'weights_departed',
      { actual: { OUTPUT: 60, OTHER: 5 }, expected: { OUTPUT: 50 } },
      '指标分值（产出 60 / OTHER 5）与本年度默认（产出 50）不同，请审核时关注',
      "The weights (output 60 / OTHER 5) depart from this year's defaults (output 50): for the reviewer",
    ],
    [
      'weights_departed',
      undefined,
      '指标分值（）与本年度默认（）不同，请审核时关注',
      "The weights () depart from this year's defaults (): for the reviewer",
    ],
    [
      'money_total_not_sum',
      undefined,
      '资金总额行不等于各资金来源之和',
      'The money total is not the sum of its sources',
    ],
  ];
  it.each(messages)('%s', (code, requirement, zhText, enText) => {
    expect(describeSelfEvaluation(code, 'zh-CN', requirement)).toBe(zhText);
    expect(describeSelfEvaluation(code, 'en', requirement)).toBe(enText);
  });
  it('an unknown code reads as itself in Chinese too', () => {
    expect(describeSelfEvaluation('nope', 'zh-CN')).toBe('nope');
  });
});

describe('edges the mutation run asked about', () => {
  it('a reason of spaces is no reason', () => {
    expect(one({ notApplicable: true, notApplicableReason: '  ' })).toEqual([
      '/rows/0/notApplicableReason not_applicable_reason_required',
    ]);
  });

  it('reads only rows the sheet scored', () => {
    const rows = [exampleRow({ rowId: 'r', targetValue: '100', weight: 10, actual: '' })];
    const empty = scoreSheet({ fiscalYear: 2026, money: exampleMoney, rows: [], executionPoints: 10 }, s);
    expect(selfEvaluationErrors(rows, empty, s, 'zh-CN')).toEqual([]);
  });

  it('asks a tier of a late date only, not of a number short of its target', () => {
    expect(one({ actual: '90', ...explained }, with_({ lateDateRule: 'TIER' }))).toEqual([]);
  });

  it('asks no reasons of a row not scored yet that is not short of target', () => {
    expect(one({ operator: 'QUALITATIVE', targetValue: '按期完成', actual: '完成' })).toEqual([
      '/rows/0/tier tier_required',
    ]);
  });

  it('counts the decimals after the point', () => {
    const tenths = with_({ rounding: { decimals: 1, mode: 'HALF_UP', rateFirst: false } });
    expect(
      one({ operator: 'QUALITATIVE', actual: 'x', tier: 'PARTIAL', tierScore: '7.55', ...explained }, tenths),
    ).toEqual(['/rows/0/tierScore tier_score_decimals']);
  });

  it('spreads satisfaction evenly over equal output and benefit', () => {
    const even = { ...defaultTargetWeights, OUTPUT: 40, BENEFIT: 40, SATISFACTION: 10 };
    expect(expectedSplit([{ level1: 'OUTPUT' }], even, with_({ satisfactionFallback: 'SPREAD' }))).toEqual({
      OUTPUT: 45,
      BENEFIT: 45,
      SATISFACTION: 0,
    });
  });
});
