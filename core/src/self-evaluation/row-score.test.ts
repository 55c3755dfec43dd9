import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, ratio } from '#core/monitoring/exact-ratio.ts';
import { parseQuantity, pointsRatio } from '#core/self-evaluation/indicator-value.ts';
import { roundedExact, scoreRow, tierBand } from '#core/self-evaluation/row-score.ts';
import { defaultScoringSettings, type ScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import type { SelfEvaluationRow } from '#core/self-evaluation/self-evaluation-row.ts';
import { exampleRow, exampleRows } from '#core/self-evaluation/worked-example.ts';

const s = defaultScoringSettings;
const with_ = (over: Partial<ScoringSettings>): ScoringSettings => ({ ...s, ...over });
const num = (over: Partial<SelfEvaluationRow>) =>
  exampleRow({ rowId: 'r', targetValue: '100', unit: '件', weight: 10, ...over });
const score = (over: Partial<SelfEvaluationRow>, settings = s) => scoreRow(num(over), 2027, settings);
const zh = (over: Partial<SelfEvaluationRow>, settings = s) => score(over, settings).derivation['zh-CN'];

describe('the worked example, row by row', () => {
  const byId = Object.fromEntries(exampleRows.map((r) => [r.rowId, scoreRow(r, 2026, s)]));

  it('scores each row as the hand sum does', () => {
    expect(Object.fromEntries(Object.entries(byId).map(([id, r]) => [id, r.score]))).toEqual({
      quantity: 14.61,
      quality: 15,
      timeliness: 10.5,
      cost: 5,
      social: 27,
      satisfaction: 9.56,
    });
  });

  it('says how, in Chinese and in English', () => {
    expect(byId.quantity!.derivation).toEqual({
      'zh-CN': '实际 487人次 低于目标 500人次：15 × 487/500 = 14.61',
      en: 'Actual 487人次 below target 500人次: 15 × 487/500 = 14.61',
    });
    expect(byId.quality!.derivation).toEqual({
      'zh-CN': '实际 97% ≥ 目标 95%，得满分 15',
      en: 'Actual 97% ≥ target 95%: full marks 15',
    });
    expect(byId.timeliness!.derivation).toEqual({
      'zh-CN': '部分达成：10.5（应在 9 至 12 之间，不含 12）',
      en: 'Partly achieved: 10.5 (must lie from 9 to below 12)',
    });
    expect(byId.cost!.derivation['zh-CN']).toBe('实际 92万元 ≤ 目标 100万元，得满分 5');
    expect(byId.social!.derivation).toEqual({
      'zh-CN': '达成：27（应在 24 至 30 之间）',
      en: 'Achieved: 27 (must lie from 24 to 30)',
    });
    expect(byId.satisfaction!.derivation['zh-CN']).toBe('实际 86% 低于目标 90%：10 × 86/90 = 9.56');
  });

  it('marks what rule 7 asks about and the band of each tier', () => {
    expect(exampleRows.map((r) => byId[r.rowId]!.belowTarget)).toEqual([true, false, true, false, false, true]);
    expect(byId.timeliness!.band).toEqual({ tier: 'PARTIAL', min: 9, max: 12, maxInclusive: false });
    expect(byId.social!.band).toEqual({ tier: 'ACHIEVED', min: 24, max: 30, maxInclusive: true });
    expect(byId.quantity).toMatchObject({ kind: 'NUMBER', achievementPct: 97.4, overAchieved: false, band: null });
    expect(byId.satisfaction!.achievementPct).toBe(95.6);
    expect(byId.social!.kind).toBe('QUALITATIVE');
    expect(byId.quantity!.exact).toEqual(ratio(1461, 100));
    expect(byId.satisfaction!.exact).toEqual(ratio(86, 9));
    expect(roundedExact(byId.satisfaction!, s)).toEqual(ratio(956, 100));
  });
});

describe('≥ and >', () => {
  it('gives full marks from the target up and w × A/T below it', () => {
    expect(score({ actual: '100' }).score).toBe(10);
    expect(score({ actual: '150' }).score).toBe(10);
    expect(score({ actual: '99.99' }).score).toBe(10);
    expect(score({ actual: '99.9' }).score).toBe(9.99);
    expect(score({ actual: '0' }).score).toBe(0);
    expect(score({ actual: '-5' }).score).toBe(0);
    expect(zh({ actual: '-5' })).toBe('实际 -5件 低于目标 100件，得 0 分');
  });

  it('treats A = T as meeting a > target, like ≥ (documented)', () => {
    expect(score({ operator: 'GT', actual: '100' })).toMatchObject({ score: 10, belowTarget: false });
    expect(score({ operator: 'GT', actual: '50' })).toMatchObject({ score: 5, belowTarget: true });
  });

  it('meets a zero or negative target from the target up, and scores 0 below it', () => {
    expect(score({ targetValue: '0', actual: '0' }).score).toBe(10);
    expect(score({ targetValue: '-2', actual: '-3' })).toMatchObject({ score: 0, belowTarget: true });
    expect(score({ targetValue: '0', actual: '3' }).achievementPct).toBeNull();
  });

  it('flags an over-achievement from the configured share on, and only where more is better', () => {
    expect(score({ actual: '130' }).overAchieved).toBe(true);
    expect(score({ actual: '129.9' }).overAchieved).toBe(false);
    expect(score({ actual: '130' }, with_({ overAchievementPct: 150 })).overAchieved).toBe(false);
    expect(score({ actual: '150' }, with_({ overAchievementPct: 150 })).overAchieved).toBe(true);
    expect(score({ operator: 'GT', actual: '200' }).overAchieved).toBe(true);
    expect(score({ operator: 'EQ', actual: '200' }).overAchieved).toBe(true);
    expect(score({ operator: 'LTE', actual: '10' }).overAchieved).toBe(false);
    expect(score({ operator: 'LT', actual: '10' }).overAchieved).toBe(false);
    expect(score({ targetValue: '0', actual: '10' }).overAchieved).toBe(false);
    expect(score({ actual: '130' }).achievementPct).toBe(130);
  });
});

describe('≤ and <', () => {
  it('gives full marks up to the target', () => {
    for (const operator of ['LTE', 'LT'] as const) {
      expect(score({ operator, actual: '100' })).toMatchObject({ score: 10, belowTarget: false });
      expect(score({ operator, actual: '3' })).toMatchObject({ score: 10, belowTarget: false });
    }
  });

  it('falls linearly to zero at twice the target (the vendor’s rule, the default)', () => {
    expect(score({ operator: 'LTE', actual: '120' })).toMatchObject({ score: 8, belowTarget: true });
    expect(zh({ operator: 'LTE', actual: '120' })).toBe('实际 120件 高于目标 100件：10 × (1 − (120 − 100)/100) = 8.00');
    expect(score({ operator: 'LT', actual: '199.9' }).score).toBe(0.01);
    expect(score({ operator: 'LTE', actual: '200' }).score).toBe(0);
    expect(zh({ operator: 'LTE', actual: '250' })).toBe('实际 250件 达到目标 100件 的两倍及以上，得 0 分');
  });

  it('is w × T/A when the year chose the proportional form (湖北, 北京, 江西)', () => {
    const p = with_({ lteFormula: 'PROPORTIONAL' });
    expect(score({ operator: 'LTE', actual: '120' }, p).score).toBe(8.33);
    expect(score({ operator: 'LTE', actual: '400' }, p).score).toBe(2.5);
    expect(zh({ operator: 'LTE', actual: '400' }, p)).toBe('实际 400件 高于目标 100件：10 × 100/400 = 2.50');
    expect(score({ operator: 'LTE', actual: '100' }, p).score).toBe(10);
  });

  it('scores 0 above a zero target', () => {
    expect(score({ operator: 'LTE', targetValue: '0', actual: '1' })).toMatchObject({ score: 0, belowTarget: true });
    expect(zh({ operator: 'LTE', targetValue: '0', actual: '1' })).toBe('实际 1件 高于目标 0件，得 0 分');
  });
});

describe('=', () => {
  it('with a zero target: zero or less is full marks, anything above is 0', () => {
    expect(score({ operator: 'EQ', targetValue: '0', actual: '0' }).score).toBe(10);
    expect(score({ operator: 'EQ', targetValue: '0', actual: '-1' }).score).toBe(10);
    expect(score({ operator: 'EQ', targetValue: '0', actual: '1' })).toMatchObject({ score: 0, belowTarget: true });
    expect(zh({ operator: 'EQ', targetValue: '0', actual: '1' })).toBe('实际 1件 未达到目标 0件，得 0 分');
  });

  it('with a negative target: only the target itself', () => {
    expect(score({ operator: 'EQ', targetValue: '-1', actual: '-1' }).score).toBe(10);
    expect(score({ operator: 'EQ', targetValue: '-1', actual: '-2' }).score).toBe(0);
  });

  it('with a positive target: as ≥ by default', () => {
    expect(score({ operator: 'EQ', actual: '120' })).toMatchObject({ score: 10, belowTarget: false });
    expect(score({ operator: 'EQ', actual: '80' })).toMatchObject({ score: 8, belowTarget: true });
  });

  it('with a positive target under DEVIATION: reduced by the distance either way', () => {
    const d = with_({ eqFormula: 'DEVIATION' });
    expect(score({ operator: 'EQ', actual: '100' }, d)).toMatchObject({ score: 10, belowTarget: false });
    expect(score({ operator: 'EQ', actual: '120' }, d)).toMatchObject({ score: 8, belowTarget: true });
    expect(score({ operator: 'EQ', actual: '80' }, d).score).toBe(8);
    expect(zh({ operator: 'EQ', actual: '80' }, d)).toBe('实际 80件 偏离目标 100件：10 × (1 − |80 − 100|/100) = 8.00');
    expect(score({ operator: 'EQ', actual: '200' }, d).score).toBe(0);
    expect(score({ operator: 'EQ', actual: '199' }, d).score).toBe(0.1);
    expect(zh({ operator: 'EQ', actual: '0' }, d)).toBe('实际 0件 偏离目标 100件 一倍及以上，得 0 分');
  });
});

describe('reading values as tables write them', () => {
  it('reads operators, full-width digits, thousands, spaces and the unit after the number', () => {
    expect(score({ targetValue: '≥95%', unit: '%', actual: '９７％' }).score).toBe(10);
    expect(score({ targetValue: '≥ 1,000', unit: '人', actual: '１，０００人' }).score).toBe(10);
    expect(score({ targetValue: '不低于90', unit: '%', actual: '45 %' }).score).toBe(5);
    expect(score({ operator: 'LTE', targetValue: '≤100万元', unit: '万元', actual: '110万元' }).score).toBe(9);
    expect(parseQuantity('≤100万元', '万元')).toEqual({ value: ratio(100), text: '100' });
    expect(parseQuantity('97.5', '%')).toEqual({ value: ratio(195, 2), text: '97.5' });
    for (const op of [
      '>=',
      '<=',
      '>',
      '<',
      '=',
      '==',
      '不少于',
      '不小于',
      '不高于',
      '不超过',
      '不大于',
      '大于等于',
      '小于等于',
      '大于',
      '小于',
      '达到',
    ]) {
      expect(parseQuantity(`${op}12`, '')?.text).toBe('12');
    }
    expect(parseQuantity('1,0000', '')).toBeUndefined();
    expect(parseQuantity('1,000', '')?.text).toBe('1000');
    expect(parseQuantity('12≥', '')).toBeUndefined();
    expect(parseQuantity('12个', '')).toBeUndefined();
    expect(parseQuantity('abc12', '')).toBeUndefined();
    expect(parseQuantity('12 ', ' 件 ')?.text).toBe('12');
  });

  it('scores an actual in another unit, or in words, by its tier only, never full marks silently', () => {
    const km = { targetValue: '≥300', unit: '公里', weight: 10 };
    const r = score({ ...km, actual: '≥266米' });
    expect(r).toMatchObject({ kind: 'NOT_COMPUTABLE', score: null, band: null });
    expect(r.derivation['zh-CN']).toBe('实际值“≥266米”不是以“公里”计的数值，按档次评分：未选择达成档次');
    const tiered = score({ ...km, actual: '达成预期指标', tier: 'ACHIEVED', tierScore: '8.5' });
    expect(tiered).toMatchObject({ kind: 'NOT_COMPUTABLE', score: 8.5, belowTarget: false });
    expect(score({ ...km, actual: '', tier: 'PARTIAL', tierScore: '7' })).toMatchObject({
      kind: 'NOT_COMPUTABLE',
      score: 7,
      belowTarget: true,
    });
    expect(score({ ...km, actual: '', tier: 'PARTIAL', tierScore: '7' }).derivation.en).toBe(
      'No actual written, scored by tier: Partly achieved: 7 (must lie from 6 to below 8)',
    );
    expect(score({ ...km, targetValue: '较上年提高', actual: '100' }).kind).toBe('NOT_COMPUTABLE');
  });

  it('keeps points exact', () => {
    expect(pointsRatio(7.5)).toEqual(ratio(15, 2));
    expect(() => pointsRatio(Number.NaN)).toThrow(new RangeError('points NaN'));
  });
});

describe('qualitative rows', () => {
  const q = (tier: SelfEvaluationRow['tier'], tierScore: string | null, settings = s, weight = 15) =>
    scoreRow(
      exampleRow({
        rowId: 'q',
        operator: 'QUALITATIVE',
        targetValue: '按期完成',
        weight,
        actual: 'x',
        tier,
        tierScore,
      }),
      2027,
      settings,
    );

  it('take the score inside the band, and none outside it', () => {
    expect(q('ACHIEVED', '15').score).toBe(15);
    expect(q('ACHIEVED', '12').score).toBe(12);
    expect(q('ACHIEVED', '11.99').score).toBeNull();
    expect(q('ACHIEVED', '15.01').score).toBeNull();
    expect(q('PARTIAL', '9').score).toBe(9);
    expect(q('PARTIAL', '11.99').score).toBe(11.99);
    expect(q('PARTIAL', '12').score).toBeNull();
    expect(q('PARTIAL', '8.99').score).toBeNull();
    expect(q('NOT_ACHIEVED', '0').score).toBe(0);
    expect(q('NOT_ACHIEVED', '8.99').score).toBe(8.99);
    expect(q('NOT_ACHIEVED', '9').score).toBeNull();
    expect(q('PARTIAL', '12').derivation).toEqual({
      'zh-CN': '部分达成：12（应在 9 至 12 之间，不含 12），不在档次范围内',
      en: "Partly achieved: 12 (must lie from 9 to below 12), outside the tier's band",
    });
  });

  it('follow the year’s bands: 80/50 in 湖北 and 江西', () => {
    const hubei = with_({ partialMinPct: 50 });
    expect(q('PARTIAL', '7.5', hubei).score).toBe(7.5);
    expect(q('PARTIAL', '7.5').score).toBeNull();
    expect(q('NOT_ACHIEVED', '8', hubei).score).toBeNull();
    expect(tierBand('NOT_ACHIEVED', 15, hubei)).toEqual({
      tier: 'NOT_ACHIEVED',
      min: ratio(0),
      max: ratio(15, 2),
      maxInclusive: false,
    });
    expect(q('ACHIEVED', '13', with_({ achievedMinPct: 90 })).score).toBeNull();
    expect(q('ACHIEVED', '13.5', with_({ achievedMinPct: 90 })).score).toBe(13.5);
  });

  it('need a tier and a score, and no more decimals than the rounding keeps', () => {
    expect(q(null, '10')).toMatchObject({ score: null, band: null, kind: 'QUALITATIVE' });
    expect(q(null, '10').derivation['zh-CN']).toBe('未选择达成档次');
    expect(q('PARTIAL', null)).toMatchObject({ score: null, band: { min: 9, max: 12 } });
    expect(q('PARTIAL', null).derivation).toEqual({
      'zh-CN': '部分达成：未打分（应在 9 至 12 之间，不含 12）',
      en: 'Partly achieved: no score given (must lie from 9 to below 12)',
    });
    const whole = with_({ rounding: { decimals: 0, mode: 'HALF_UP', rateFirst: false } });
    expect(q('PARTIAL', '10.5', whole).score).toBeNull();
    expect(q('PARTIAL', '10.5', whole).derivation['zh-CN']).toBe(
      '部分达成：10.5（应在 9 至 12 之间，不含 12），应保留 0 位小数以内',
    );
    expect(q('PARTIAL', '10.5', whole).derivation.en).toBe(
      'Partly achieved: 10.5 (must lie from 9 to below 12), more than 0 decimals',
    );
    expect(q('PARTIAL', '10', whole).score).toBe(10);
    expect(q('PARTIAL', '10.5', with_({ rounding: { decimals: 1, mode: 'HALF_UP', rateFirst: false } })).score).toBe(
      10.5,
    );
  });

  it('count as short of target below 达成', () => {
    expect(q('ACHIEVED', '15').belowTarget).toBe(false);
    expect(q('PARTIAL', '10').belowTarget).toBe(true);
    expect(q('NOT_ACHIEVED', '1').belowTarget).toBe(true);
    expect(q(null, '1').belowTarget).toBe(false);
  });
});

describe('date rows', () => {
  const d = (actual: string, settings = s, over: Partial<SelfEvaluationRow> = {}) =>
    scoreRow(
      exampleRow({
        rowId: 'd',
        level2: 'TIMELINESS',
        operator: 'LTE',
        targetValue: '≤ 2027-11-30',
        weight: 5,
        actual,
        ...over,
      }),
      2027,
      settings,
    );

  it('give full marks on or before the day', () => {
    expect(d('2027-11-30')).toMatchObject({ kind: 'DATE', score: 5, belowTarget: false, achievementPct: null });
    expect(d('2027年10月15日').derivation['zh-CN']).toBe('2027-10-15 完成，不晚于目标 2027-11-30，得满分 5');
  });

  it('lose w × days late ÷ days allowed, the days allowed counted from 1 January', () => {
    const late = d('2027-12-12');
    expect(late).toMatchObject({ kind: 'DATE', score: 4.82, belowTarget: true });
    expect(late.derivation).toEqual({
      'zh-CN': '逾期 12 天：5 × (1 − 12/334) = 4.82',
      en: '12 days late: 5 × (1 − 12/334) = 4.82',
    });
    expect(d('2027-12-01').exact).toEqual(ratio(5 * 333, 334));
    expect(d('2028-10-29').score).toBe(0);
    expect(d('2028-10-28').score).toBe(0.01);
    expect(d('2028-10-29').derivation['zh-CN']).toBe('逾期 334 天，不少于允许的 334 天，得 0 分');
    expect(d('2027-01-02', s, { targetValue: '2027-01-01' }).derivation['zh-CN']).toBe(
      '逾期 1 天，不少于允许的 1 天，得 0 分',
    );
    expect(d('2027-01-02', s, { targetValue: '2026-12-01' }).score).toBe(0);
  });

  it('take a tier under the TIER rule', () => {
    const tier = with_({ lateDateRule: 'TIER' });
    expect(d('2027-12-12', tier)).toMatchObject({ score: null, band: null, belowTarget: true });
    const r = d('2027-12-12', tier, { tier: 'PARTIAL', tierScore: '3.5' });
    expect(r).toMatchObject({ kind: 'DATE', score: 3.5, band: { tier: 'PARTIAL', min: 3, max: 4 } });
    expect(r.derivation['zh-CN']).toBe('逾期 12 天，按档次评分：部分达成：3.5（应在 3 至 4 之间，不含 4）');
    expect(r.derivation.en).toBe('12 days late, scored by tier: Partly achieved: 3.5 (must lie from 3 to below 4)');
    expect(d('2027-11-01', tier).score).toBe(5);
  });

  it('score an actual that is not a date by its tier', () => {
    expect(d('按期完成')).toMatchObject({ kind: 'NOT_COMPUTABLE', score: null });
    expect(d('', s, { tier: 'ACHIEVED', tierScore: '4' })).toMatchObject({ kind: 'NOT_COMPUTABLE', score: 4 });
  });
});

describe('not applicable, empty and deductions', () => {
  it('leaves a not-applicable row out', () => {
    const r = score({ actual: '50', notApplicable: true });
    expect(r).toMatchObject({ kind: 'NOT_APPLICABLE', score: null, exact: null, belowTarget: false });
    expect(r.derivation['zh-CN']).toBe('不适用，10 分不计入');
  });

  it('scores nothing on a row with nothing written', () => {
    expect(score({ actual: '  ' })).toMatchObject({ kind: 'EMPTY', score: null, belowTarget: false });
    expect(score({ actual: '', tierScore: ' ' }).kind).toBe('EMPTY');
    expect(score({ actual: '', tierScore: '3' }).kind).toBe('NOT_COMPUTABLE');
  });

  it('takes a deduction off, never below 0, and says so', () => {
    const r = score({ actual: '300', deduction: '2.5', deductionReason: '目标偏低' });
    expect(r).toMatchObject({ score: 7.5, exact: ratio(15, 2) });
    expect(r.derivation['zh-CN']).toBe('实际 300件 ≥ 目标 100件，得满分 10；扣减 2.5 分，得 7.50');
    expect(r.derivation.en).toBe('Actual 300件 ≥ target 100件: full marks 10; less 2.5: 7.50');
    expect(score({ actual: '300', deduction: '12' }).score).toBe(0);
    expect(score({ actual: '300', deduction: '10' }).score).toBe(0);
    expect(score({ actual: '300', deduction: '0' }).derivation['zh-CN']).toBe('实际 300件 ≥ 目标 100件，得满分 10');
    expect(score({ actual: '50', deduction: '1' }).score).toBe(4);
  });
});

describe('rounding of a row', () => {
  it('follows the year’s rule', () => {
    const r = (rounding: ScoringSettings['rounding']) =>
      score({ targetValue: '90', actual: '86' }, with_({ rounding })).score;
    expect(r({ decimals: 2, mode: 'HALF_UP', rateFirst: false })).toBe(9.56);
    expect(r({ decimals: 2, mode: 'FLOOR', rateFirst: false })).toBe(9.55);
    expect(r({ decimals: 1, mode: 'HALF_UP', rateFirst: false })).toBe(9.6);
    expect(r({ decimals: 0, mode: 'HALF_UP', rateFirst: false })).toBe(10);
    expect(r({ decimals: 0, mode: 'FLOOR', rateFirst: false })).toBe(9);
  });
});

describe('properties', () => {
  const value = fc.integer({ min: -1000, max: 100_000 }).map((n) => (n / 100).toString());
  const target = fc.integer({ min: 1, max: 100_000 }).map((n) => (n / 100).toString());
  const weight = fc.integer({ min: 1, max: 60 });
  const operator = fc.constantFrom('GTE', 'GT', 'LTE', 'LT', 'EQ' as const);
  const settings = fc.record({
    lteFormula: fc.constantFrom('LINEAR_TO_ZERO' as const, 'PROPORTIONAL' as const),
    eqFormula: fc.constantFrom('AS_GTE' as const, 'DEVIATION' as const),
    rounding: fc.record({
      decimals: fc.constantFrom(0 as const, 1 as const, 2 as const),
      mode: fc.constantFrom('HALF_UP' as const, 'FLOOR' as const),
      rateFirst: fc.boolean(),
    }),
  });

  it('a higher actual never lowers a ≥ row', () => {
    fc.assert(
      fc.property(value, value, target, weight, settings, (a, b, t, w, over) => {
        const [lo, hi] = Number(a) <= Number(b) ? [a, b] : [b, a];
        const at = (actual: string) =>
          score({ operator: 'GTE', targetValue: t, weight: w, actual }, with_(over)).score!;
        expect(at(hi)).toBeGreaterThanOrEqual(at(lo));
      }),
    );
  });

  it('no row scores above its weight or below 0', () => {
    fc.assert(
      fc.property(operator, value, target, weight, settings, (op, a, t, w, over) => {
        const r = score({ operator: op, targetValue: t, weight: w, actual: a }, with_(over));
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(w);
        expect(compare(r.exact!, ratio(w))).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('every derivation, in both languages', () => {
  const km = { targetValue: '≥300', unit: '公里', weight: 10 };
  const date = { level2: 'TIMELINESS' as const, targetValue: '≤ 2027-11-30', unit: '', weight: 5 };
  const cases: [Partial<SelfEvaluationRow>, Partial<ScoringSettings>, string, string][] = [
    [{ actual: '0' }, {}, '实际 0件 低于目标 100件，得 0 分', 'Actual 0件 below target 100件: 0'],
    [
      { operator: 'GT', actual: '100' },
      {},
      '实际 100件 ≥ 目标 100件，得满分 10',
      'Actual 100件 ≥ target 100件: full marks 10',
    ],
    [
      { operator: 'LTE', actual: '3' },
      {},
      '实际 3件 ≤ 目标 100件，得满分 10',
      'Actual 3件 ≤ target 100件: full marks 10',
    ],
    [
      { operator: 'LTE', targetValue: '0', actual: '1' },
      {},
      '实际 1件 高于目标 0件，得 0 分',
      'Actual 1件 above target 0件: 0',
    ],
    [
      { operator: 'LTE', actual: '400' },
      { lteFormula: 'PROPORTIONAL' },
      '实际 400件 高于目标 100件：10 × 100/400 = 2.50',
      'Actual 400件 above target 100件: 10 × 100/400 = 2.50',
    ],
    [
      { operator: 'LTE', actual: '120' },
      {},
      '实际 120件 高于目标 100件：10 × (1 − (120 − 100)/100) = 8.00',
      'Actual 120件 above target 100件: 10 × (1 − (120 − 100)/100) = 8.00',
    ],
    [
      { operator: 'LTE', actual: '250' },
      {},
      '实际 250件 达到目标 100件 的两倍及以上，得 0 分',
      'Actual 250件 is twice the target 100件 or more: 0',
    ],
    [
      { operator: 'EQ', targetValue: '0', actual: '0' },
      {},
      '实际 0件 = 目标 0件，得满分 10',
      'Actual 0件 = target 0件: full marks 10',
    ],
    [
      { operator: 'EQ', targetValue: '0', actual: '1' },
      {},
      '实际 1件 未达到目标 0件，得 0 分',
      'Actual 1件 misses target 0件: 0',
    ],
    [
      { operator: 'EQ', targetValue: '-1', actual: '-2' },
      {},
      '实际 -2件 未达到目标 -1件，得 0 分',
      'Actual -2件 misses target -1件: 0',
    ],
    [
      { operator: 'EQ', actual: '100' },
      { eqFormula: 'DEVIATION' },
      '实际 100件 = 目标 100件，得满分 10',
      'Actual 100件 = target 100件: full marks 10',
    ],
    [
      { operator: 'EQ', actual: '120' },
      { eqFormula: 'DEVIATION' },
      '实际 120件 偏离目标 100件：10 × (1 − |120 − 100|/100) = 8.00',
      'Actual 120件 is off target 100件: 10 × (1 − |120 − 100|/100) = 8.00',
    ],
    [
      { operator: 'EQ', actual: '200' },
      { eqFormula: 'DEVIATION' },
      '实际 200件 偏离目标 100件 一倍及以上，得 0 分',
      'Actual 200件 is off target 100件 by the target or more: 0',
    ],
    [
      { ...date, actual: '2027-10-15' },
      {},
      '2027-10-15 完成，不晚于目标 2027-11-30，得满分 5',
      'Done 2027-10-15, by the target 2027-11-30: full marks 5',
    ],
    [
      { ...date, actual: '2028-10-29' },
      {},
      '逾期 334 天，不少于允许的 334 天，得 0 分',
      '334 days late, not fewer than the 334 days allowed: 0',
    ],
    [{ actual: '50', notApplicable: true }, {}, '不适用，10 分不计入', 'Not applicable: its 10 points are left out'],
    [{ actual: '' }, {}, '未填写', 'Nothing written'],
    [
      { ...km, actual: '≥266米' },
      {},
      '实际值“≥266米”不是以“公里”计的数值，按档次评分：未选择达成档次',
      '"≥266米" is not a number in 公里, scored by tier: no tier chosen',
    ],
    [
      { ...km, actual: '', tier: 'PARTIAL', tierScore: '7' },
      {},
      '未填写实际值，按档次评分：部分达成：7（应在 6 至 8 之间，不含 8）',
      'No actual written, scored by tier: Partly achieved: 7 (must lie from 6 to below 8)',
    ],
    [
      { ...km, actual: '', tier: 'NOT_ACHIEVED', tierScore: '1' },
      {},
      '未填写实际值，按档次评分：未达成：1（应在 0 至 6 之间，不含 6）',
      'No actual written, scored by tier: Not achieved: 1 (must lie from 0 to below 6)',
    ],
    [
      { ...km, actual: '', tier: 'ACHIEVED', tierScore: '8' },
      {},
      '未填写实际值，按档次评分：达成：8（应在 8 至 10 之间）',
      'No actual written, scored by tier: Achieved: 8 (must lie from 8 to 10)',
    ],
  ];
  it.each(cases)('%o under %o', (row, settings, zhText, enText) => {
    expect(score(row, with_(settings)).derivation).toEqual({ 'zh-CN': zhText, en: enText });
  });
});

describe('edges the mutation run asked about', () => {
  it('> is scored as ≥ whatever the = formula', () => {
    expect(score({ operator: 'GT', actual: '120' }, with_({ eqFormula: 'DEVIATION' })).score).toBe(10);
  });

  it('an actual above a ≤ target is short of it, never over-achieved', () => {
    expect(score({ operator: 'LTE', actual: '150' })).toMatchObject({ overAchieved: false, belowTarget: true });
    expect(score({ operator: 'LTE', actual: '150' }, with_({ lteFormula: 'PROPORTIONAL' })).belowTarget).toBe(true);
    expect(score({ operator: 'EQ', actual: '120' }, with_({ eqFormula: 'DEVIATION' })).belowTarget).toBe(true);
    expect(zh({ operator: 'LTE', actual: '200' })).toBe('实际 200件 达到目标 100件 的两倍及以上，得 0 分');
  });

  it('a tier alone, with no actual, is a row scored by tier', () => {
    expect(score({ actual: '', tier: 'ACHIEVED' })).toMatchObject({ kind: 'NOT_COMPUTABLE', score: null });
  });

  it('reads points written with spaces', () => {
    expect(score({ actual: '300', deduction: ' 2.5 ' }).derivation).toEqual({
      'zh-CN': '实际 300件 ≥ 目标 100件，得满分 10；扣减 2.5 分，得 7.50',
      en: 'Actual 300件 ≥ target 100件: full marks 10; less 2.5: 7.50',
    });
    const q = scoreRow(
      exampleRow({
        rowId: 'q',
        operator: 'QUALITATIVE',
        weight: 15,
        actual: 'x',
        tier: 'PARTIAL',
        tierScore: ' 10.5 ',
      }),
      2027,
      s,
    );
    expect(q.derivation['zh-CN']).toBe('部分达成：10.5（应在 9 至 12 之间，不含 12）');
  });
});
