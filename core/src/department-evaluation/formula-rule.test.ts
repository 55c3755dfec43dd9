import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { type FormulaRule, formulaRule, ruleText, scoreByRule } from '#core/department-evaluation/formula-rule.ts';
import { ratio } from '#core/monitoring/exact-ratio.ts';
import { defaultScoringSettings } from '#core/self-evaluation/scoring-settings.ts';

const rounding = defaultScoringSettings.rounding;
/** A value given in hundredths of a percent: 9640 is 96.40%. */
const pct = (hundredths: number) => ratio(hundredths, 10_000);
const completion: FormulaRule = {
  direction: 'AT_LEAST',
  thresholdPct: 100,
  shortfall: { kind: 'STEPS', points: 2, perPct: 5, count: 'STARTED' },
};
const score = (hundredths: number, rule: FormulaRule = completion, points = 10) =>
  scoreByRule(pct(hundredths), points, rule, rounding);

describe('formula rules: "100% full marks, minus 2 points per 5% below" (docs/domain/self-evaluation.md)', () => {
  it('gives full marks at and above the threshold', () => {
    expect(score(10_000)).toMatchObject({ score: 10, met: true, shownPct: 100 });
    expect(score(10_000).text).toEqual({
      'zh-CN': '100.0%，达到 ≥ 100%，得满分 10.00',
      en: '100.0% meets ≥ 100%: full marks 10.00',
    });
    expect(score(12_000)).toMatchObject({ score: 10, met: true });
  });

  it('takes 2 points for every started 5% below, and says so', () => {
    expect(score(9640)).toMatchObject({ score: 8, met: false, shownPct: 96.4 });
    expect(score(9640).text).toEqual({
      'zh-CN': '96.4%，每低 5% 扣 2 分（不足一档按一档计）：10 − 2 × 1 = 8.00',
      en: '96.4%: 2 off per 5% below (a started step counts): 10 − 2 × 1 = 8.00',
    });
    expect(score(9999).score).toBe(8);
    expect(score(9500).score).toBe(8);
    expect(score(9499).score).toBe(6);
    expect(score(9000).score).toBe(6);
    expect(score(8999).score).toBe(4);
  });

  it('never goes below 0, and shows where the formula went', () => {
    expect(score(7000)).toMatchObject({ score: 0 });
    expect(score(7000).text['zh-CN']).toBe('70.0%，每低 5% 扣 2 分（不足一档按一档计）：10 − 2 × 6 = −2 → 0.00');
    expect(score(8000).text['zh-CN']).toBe('80.0%，每低 5% 扣 2 分（不足一档按一档计）：10 − 2 × 4 = 2.00');
    expect(score(7500).text.en).toBe('75.0%: 2 off per 5% below (a started step counts): 10 − 2 × 5 = 0.00');
    expect(score(-500)).toMatchObject({ score: 0, exact: ratio(0) });
  });

  it('prints more decimals only where one would misstate the score', () => {
    // 99.96 % rounds to 100.0 %, which would read as full marks.
    expect(score(9996)).toMatchObject({ shownPct: 99.96, score: 8 });
    expect(score(9996).text['zh-CN']).toMatch(/^99\.96%，/u);
    // 94.96 % rounds to 95.0 %, one step, where the exact value is two steps down.
    expect(score(9496)).toMatchObject({ shownPct: 94.96, score: 6 });
    // 95.04 % rounds to 95.0 %: one step either way, so one decimal is enough.
    expect(score(9504)).toMatchObject({ shownPct: 95, score: 8 });
    expect(scoreByRule(ratio(99_999, 100_000), 10, completion, rounding).shownPct).toBe(99.999);
    // Eight decimals are the most ever printed, even where they still round to the threshold.
    // 99.999999996 % is 100.00000000 % at eight.
    expect(scoreByRule(ratio(25n * 10n ** 9n - 1n, 25n * 10n ** 9n), 10, completion, rounding)).toMatchObject({
      shownPct: 100,
      score: 8,
    });
    // Pro rata, or steps counted pro rata, only the side of the threshold matters: one decimal.
    const exact: FormulaRule = { ...completion, shortfall: { kind: 'STEPS', points: 2, perPct: 5, count: 'EXACT' } };
    expect(score(9496, exact)).toMatchObject({ shownPct: 95, score: 7.98 });
    const proRata: FormulaRule = { ...completion, shortfall: { kind: 'PRO_RATA' } };
    expect(score(9496, proRata)).toMatchObject({ shownPct: 95, score: 9.5 });
    expect(score(9996, proRata)).toMatchObject({ shownPct: 99.96, score: 10 });
  });

  it('counts only full steps, or pro rata, when the rule says so', () => {
    const full: FormulaRule = { ...completion, shortfall: { kind: 'STEPS', points: 2, perPct: 5, count: 'FULL' } };
    expect(score(9640, full)).toMatchObject({ score: 10, met: false });
    expect(score(9640, full).text.en).toBe('96.4%: 2 off per 5% below (only full steps count): 10 − 2 × 0 = 10.00');
    expect(score(9500, full).score).toBe(8);
    expect(score(9499, full).score).toBe(8);
    expect(score(8999, full).score).toBe(6);
    const exact: FormulaRule = { ...completion, shortfall: { kind: 'STEPS', points: 2, perPct: 5, count: 'EXACT' } };
    expect(score(9640, exact)).toMatchObject({ score: 8.56 });
    expect(score(9640, exact).text['zh-CN']).toBe('96.4%，每低 5% 扣 2 分（按比例折算）：10 − 2 × 3.6 ÷ 5 = 8.56');
  });

  it('scores "≤" rules from the other side: "≤ 0 full marks" and "≤ 100% full marks"', () => {
    const change: FormulaRule = {
      direction: 'AT_MOST',
      thresholdPct: 0,
      shortfall: { kind: 'STEPS', points: 1, perPct: 5, count: 'STARTED' },
    };
    expect(score(-300, change, 2)).toMatchObject({ score: 2, met: true });
    expect(score(-300, change, 2).text['zh-CN']).toBe('-3.0%，达到 ≤ 0%，得满分 2.00');
    expect(score(0, change, 2)).toMatchObject({ score: 2, met: true });
    expect(score(1, change, 2)).toMatchObject({ score: 1, met: false, shownPct: 0.01 });
    expect(score(500, change, 2).score).toBe(1);
    expect(score(501, change, 2).score).toBe(0);
    expect(score(200, change, 2).text).toEqual({
      'zh-CN': '2.0%，每超 5% 扣 1 分（不足一档按一档计）：2 − 1 × 1 = 1.00',
      en: '2.0%: 1 off per 5% above (a started step counts): 2 − 1 × 1 = 1.00',
    });
    const staff: FormulaRule = { direction: 'AT_MOST', thresholdPct: 100, shortfall: { kind: 'ZERO' } };
    expect(score(10_000, staff, 2)).toMatchObject({ score: 2, met: true });
    expect(score(10_001, staff, 2)).toMatchObject({ score: 0, met: false, exact: ratio(0) });
    expect(score(10_400, staff, 2).text).toEqual({
      'zh-CN': '104.0%，未达到 ≤ 100%，不得分：0.00',
      en: '104.0% misses ≤ 100%, no points: 0.00',
    });
  });

  it('scores in proportion on either side', () => {
    const atLeast: FormulaRule = { direction: 'AT_LEAST', thresholdPct: 100, shortfall: { kind: 'PRO_RATA' } };
    expect(score(9000, atLeast, 4)).toMatchObject({ score: 3.6 });
    expect(score(9000, atLeast, 4).text).toEqual({
      'zh-CN': '90.0%，未达到 ≥ 100%，按比例：4 × 90.0% ÷ 100% = 3.60',
      en: '90.0% misses ≥ 100%, pro rata: 4 × 90.0% ÷ 100% = 3.60',
    });
    expect(score(-1000, atLeast, 4).text['zh-CN']).toBe(
      '-10.0%，未达到 ≥ 100%，按比例：4 × -10.0% ÷ 100% = −0.4 → 0.00',
    );
    const atMost: FormulaRule = { direction: 'AT_MOST', thresholdPct: 100, shortfall: { kind: 'PRO_RATA' } };
    expect(score(12_500, atMost, 4)).toMatchObject({ score: 3.2 });
    expect(score(12_500, atMost, 4).text.en).toBe('125.0% misses ≤ 100%, pro rata: 4 × 100% ÷ 125.0% = 3.20');
    const share: FormulaRule = { direction: 'AT_LEAST', thresholdPct: 60, shortfall: { kind: 'PRO_RATA' } };
    expect(score(4500, share, 2)).toMatchObject({ score: 1.5 });
  });

  it('rounds by the year’s one rule', () => {
    const exact: FormulaRule = { ...completion, shortfall: { kind: 'STEPS', points: 2, perPct: 5, count: 'EXACT' } };
    const whole = { decimals: 0, mode: 'FLOOR', rateFirst: false } as const;
    expect(scoreByRule(pct(9640), 10, exact, whole)).toMatchObject({ score: 8, exact: ratio(214, 25) });
    expect(scoreByRule(pct(9640), 10, exact, whole).text['zh-CN']).toMatch(/ = 8$/u);
    expect(scoreByRule(pct(10_000), 10, exact, whole).text['zh-CN']).toBe('100.0%，达到 ≥ 100%，得满分 10');
  });

  it('states the rule in words', () => {
    expect(ruleText(completion)).toEqual({
      'zh-CN': '≥ 100% 得满分，每低 5% 扣 2 分（不足一档按一档计），扣完为止',
      en: 'full marks at ≥ 100%, 2 off per 5% below (a started step counts), down to 0',
    });
    expect(ruleText({ direction: 'AT_MOST', thresholdPct: 0, shortfall: { kind: 'ZERO' } })).toEqual({
      'zh-CN': '≤ 0% 得满分，否则不得分',
      en: 'full marks at ≤ 0%, otherwise none',
    });
    expect(ruleText({ direction: 'AT_LEAST', thresholdPct: 60, shortfall: { kind: 'PRO_RATA' } })).toEqual({
      'zh-CN': '≥ 60% 得满分，否则按实际值 ÷ 标准值计分',
      en: 'full marks at ≥ 60%, otherwise points × value ÷ threshold',
    });
    expect(ruleText({ direction: 'AT_MOST', thresholdPct: 100, shortfall: { kind: 'PRO_RATA' } })).toEqual({
      'zh-CN': '≤ 100% 得满分，否则按标准值 ÷ 实际值计分',
      en: 'full marks at ≤ 100%, otherwise points × threshold ÷ value',
    });
    expect(
      ruleText({
        direction: 'AT_MOST',
        thresholdPct: 10,
        shortfall: { kind: 'STEPS', points: 1, perPct: 5, count: 'FULL' },
      }),
    ).toEqual({
      'zh-CN': '≤ 10% 得满分，每超 5% 扣 1 分（不足一档不扣），扣完为止',
      en: 'full marks at ≤ 10%, 1 off per 5% above (only full steps count), down to 0',
    });
  });

  it('is data a tenant edits, checked by its schema', () => {
    expect(v.safeParse(formulaRule, completion).success).toBe(true);
    const issues = (rule: unknown) => v.safeParse(formulaRule, rule).issues?.map((i) => i.message) ?? [];
    expect(issues({ direction: 'AT_MOST', thresholdPct: 0, shortfall: { kind: 'PRO_RATA' } })).toEqual([
      'pro_rata_positive_threshold',
    ]);
    expect(
      v
        .safeParse(formulaRule, { direction: 'AT_LEAST', thresholdPct: -5, shortfall: { kind: 'PRO_RATA' } })
        .issues?.map((i) => v.getDotPath(i)),
    ).toEqual(['thresholdPct']);
    expect(issues({ direction: 'AT_MOST', thresholdPct: 0, shortfall: { kind: 'ZERO' } })).toEqual([]);
    expect(issues({ direction: 'AT_MOST', thresholdPct: 0, shortfall: completion.shortfall })).toEqual([]);
    expect(issues({ direction: 'AT_LEAST', thresholdPct: 60, shortfall: { kind: 'PRO_RATA' } })).toEqual([]);
    expect(issues({ ...completion, thresholdPct: 95.555 })).toEqual(['two_decimals']);
    expect(issues({ ...completion, thresholdPct: 95.55 })).toEqual([]);
    expect(
      issues({ ...completion, shortfall: { kind: 'STEPS', points: 0, perPct: 5, count: 'STARTED' } }),
    ).toHaveLength(1);
    expect(
      issues({ ...completion, shortfall: { kind: 'STEPS', points: 2, perPct: 0, count: 'STARTED' } }),
    ).toHaveLength(1);
    expect(issues({ ...completion, direction: 'ABOVE' })).toHaveLength(1);
  });

  const anyRule: fc.Arbitrary<FormulaRule> = fc.record({
    direction: fc.constantFrom('AT_LEAST' as const, 'AT_MOST' as const),
    thresholdPct: fc.integer({ min: 1, max: 200 }),
    shortfall: fc.oneof(
      fc.record({
        kind: fc.constant('STEPS' as const),
        points: fc.integer({ min: 1, max: 5 }),
        perPct: fc.integer({ min: 1, max: 10 }),
        count: fc.constantFrom('STARTED' as const, 'FULL' as const, 'EXACT' as const),
      }),
      fc.constant({ kind: 'PRO_RATA' as const }),
      fc.constant({ kind: 'ZERO' as const }),
    ),
  });

  it('never scores below 0 nor above the points (property)', () => {
    fc.assert(
      fc.property(anyRule, fc.integer({ min: -50_000, max: 50_000 }), fc.integer({ min: 1, max: 20 }), (rule, h, p) => {
        const s = score(h, rule, p);
        return s.score >= 0 && s.score <= p && (!s.met || s.score === p);
      }),
    );
  });

  it('never scores a better value lower (property)', () => {
    fc.assert(
      fc.property(anyRule, fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 1, max: 50_000 }), (rule, a, b) => {
        const [worse, better] =
          rule.direction === 'AT_LEAST' ? [Math.min(a, b), Math.max(a, b)] : [Math.max(a, b), Math.min(a, b)];
        return score(better, rule).score >= score(worse, rule).score;
      }),
    );
  });
});
