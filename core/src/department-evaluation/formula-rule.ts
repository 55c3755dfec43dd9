import * as v from 'valibot';
import type { Localized } from '#core/language.ts';
import {
  compare,
  isZero,
  mul,
  parseDecimal,
  percent,
  type Ratio,
  ratio,
  div as ratioDiv,
  sub,
  toNumber,
} from '#core/monitoring/exact-ratio.ts';
import { MAX_PERCENT_DECIMALS, PERCENT_DECIMALS, percentAt, percentText } from '#core/monitoring/percent-text.ts';
import { type ScoreRounding as Rounding, scoreFigure, scoreText } from '#core/self-evaluation/score-rounding.ts';

/**
 * How a formula indicator's value becomes points (docs/domain/self-evaluation.md, "Department overall
 * self-evaluation"): full marks on the right side of a threshold ("≥ 100%", "≤ 0"); on the wrong side
 * either so many points off per so many percent ("每低 5% 扣 2 分"), points in proportion, or nothing.
 * Data, so a tenant edits it with the framework.
 */

/** A figure in percent or points as a person writes it: at most two decimals. */
const twoDecimals = (x: number) => /^-?\d+(\.\d{1,2})?$/.test(String(x));
const decimalNumber = (min: number, max: number) =>
  v.pipe(v.number(), v.check(twoDecimals, 'two_decimals'), v.minValue(min), v.maxValue(max));

export const ruleDirections = {
  AT_LEAST: { 'zh-CN': '≥', en: '≥' },
  AT_MOST: { 'zh-CN': '≤', en: '≤' },
} as const satisfies Record<string, Localized>;
export type RuleDirection = keyof typeof ruleDirections;

/** How the steps of a shortfall are counted: a started step counts (不足 5% 按 5% 计), only full steps, or pro rata. */
export const stepCounts = {
  STARTED: { 'zh-CN': '不足一档按一档计', en: 'a started step counts' },
  FULL: { 'zh-CN': '不足一档不扣', en: 'only full steps count' },
  EXACT: { 'zh-CN': '按比例折算', en: 'pro rata' },
} as const satisfies Record<string, Localized>;
export type StepCount = keyof typeof stepCounts;

export const formulaRule = v.pipe(
  v.strictObject({
    direction: v.picklist(Object.keys(ruleDirections) as [RuleDirection, ...RuleDirection[]]),
    /** The threshold in percent: 100 for "≥ 100%", 0 for "≤ 0". */
    thresholdPct: decimalNumber(-1000, 1000),
    /** What the wrong side of the threshold scores. */
    shortfall: v.variant('kind', [
      v.strictObject({
        kind: v.literal('STEPS'),
        /** Points off per step … */
        points: decimalNumber(0.01, 100),
        /** … of this many percentage points. */
        perPct: decimalNumber(0.01, 1000),
        count: v.picklist(Object.keys(stepCounts) as [StepCount, ...StepCount[]]),
      }),
      /** Points × value ÷ threshold (≥) or points × threshold ÷ value (≤). */
      v.strictObject({ kind: v.literal('PRO_RATA') }),
      v.strictObject({ kind: v.literal('ZERO') }),
    ]),
  }),
  v.forward(
    v.check((r) => r.shortfall.kind !== 'PRO_RATA' || r.thresholdPct > 0, 'pro_rata_positive_threshold'),
    ['thresholdPct'],
  ),
);
export type FormulaRule = v.InferOutput<typeof formulaRule>;

const exact = (x: number): Ratio => parseDecimal(String(x)) as Ratio;
const zero = ratio(0);
/** A negative figure as 0: a gap on the right side of the threshold, or a score the deductions took below 0. */
const atLeastZero = (r: Ratio) => (r.n < 0n ? zero : r);
/** Whole steps of a shortfall, which is never negative: started ones (ceiling) or full ones (floor). */
const ceilOf = (r: Ratio) => (r.n + r.d - 1n) / r.d;
const floorOf = (r: Ratio) => r.n / r.d;

/** The rule in words, as the scoring standard of the indicator ("≥ 100% 得满分，每低 5% 扣 2 分（不足 5% 按 5% 计）"). */
export const ruleText = (rule: FormulaRule): Localized => {
  const sign = ruleDirections[rule.direction]['zh-CN'];
  const full = { zh: `${sign} ${rule.thresholdPct}% 得满分`, en: `full marks at ${sign} ${rule.thresholdPct}%` };
  const low = rule.direction === 'AT_LEAST';
  const s = rule.shortfall;
  if (s.kind === 'ZERO')
    return {
      'zh-CN': `${full.zh}，否则不得分`,
      en: `${full.en}, otherwise none`,
    };
  if (s.kind === 'PRO_RATA')
    return {
      'zh-CN': `${full.zh}，否则按${low ? '实际值 ÷ 标准值' : '标准值 ÷ 实际值'}计分`,
      en: `${full.en}, otherwise points × ${low ? 'value ÷ threshold' : 'threshold ÷ value'}`,
    };
  return {
    'zh-CN': `${full.zh}，每${low ? '低' : '超'} ${s.perPct}% 扣 ${s.points} 分（${stepCounts[s.count]['zh-CN']}），扣完为止`,
    en: `${full.en}, ${s.points} off per ${s.perPct}% ${low ? 'below' : 'above'} (${stepCounts[s.count].en}), down to 0`,
  };
};

export interface RuleScore {
  /** The score as the rule gives it, before rounding: never below 0 nor above the points. */
  exact: Ratio;
  /** Rounded by the sheet's one rounding rule. */
  score: number;
  /** The value is on the full-marks side of the threshold. */
  met: boolean;
  /** The value in percent as printed (one decimal, more only where one would misstate the score). */
  shownPct: number;
  /** The scoring half of the derivation ("每低 5% 扣 2 分：10 − 2 × 1 = 8.00"). */
  text: Localized;
}

/** How far the value is on the wrong side of the threshold, in percentage points (0 when met). */
const gapOf = (valuePct: Ratio, rule: FormulaRule): Ratio => {
  const gap =
    rule.direction === 'AT_LEAST' ? sub(exact(rule.thresholdPct), valuePct) : sub(valuePct, exact(rule.thresholdPct));
  return atLeastZero(gap);
};

type Steps = Extract<FormulaRule['shortfall'], { kind: 'STEPS' }>;
const stepsOf = (gap: Ratio, shortfall: Steps): Ratio => {
  const steps = ratioDiv(gap, exact(shortfall.perPct));
  if (shortfall.count === 'STARTED') return ratio(ceilOf(steps));
  if (shortfall.count === 'FULL') return ratio(floorOf(steps));
  return steps;
};

/** Met and (for whole steps) the number of steps: what a printed percentage must not misstate. */
const verdict = (valuePct: Ratio, rule: FormulaRule): string => {
  const gap = gapOf(valuePct, rule);
  const steps =
    rule.shortfall.kind === 'STEPS' && rule.shortfall.count !== 'EXACT' ? stepsOf(gap, rule.shortfall) : zero;
  return `${isZero(gap)}/${steps.n}`;
};

/**
 * The percentage to print: one decimal, as everywhere; more only where one decimal would put it on the other
 * side of the threshold or in another step than the exact value is (99.96% against "≥ 100%" prints 99.96, not
 * 100.0).
 */
const shownPercent = (valuePct: Ratio, rule: FormulaRule): { shown: Ratio; decimals: number } => {
  const wanted = verdict(valuePct, rule);
  let decimals = PERCENT_DECIMALS;
  let shown = percentAt(ratioDiv(valuePct, ratio(100)), decimals);
  while (decimals < MAX_PERCENT_DECIMALS && verdict(shown, rule) !== wanted) {
    decimals += 1;
    shown = percentAt(ratioDiv(valuePct, ratio(100)), decimals);
  }
  return { shown, decimals };
};

/** A signed exact figure as printed inside a derivation ("−2", "0.5"). */
const signedText = (r: Ratio): string => String(toNumber(r, 2)).replace('-', '−');

/**
 * Scores a value (a fraction: 0.964 for 96.4%) by the rule, out of `points`. The score is worked out from the
 * exact value; the printed percentage only explains it.
 */
export const scoreByRule = (value: Ratio, points: number, rule: FormulaRule, rounding: Rounding): RuleScore => {
  const valuePct = percent(value);
  const { shown, decimals } = shownPercent(valuePct, rule);
  const shownPct = toNumber(shown, decimals);
  const pctText = `${percentText(shownPct)}%`;
  const full = exact(points);
  const gap = gapOf(valuePct, rule);
  const met = isZero(gap);
  const target = `${ruleDirections[rule.direction]['zh-CN']} ${rule.thresholdPct}%`;
  /**
   * The score of a formula kept at 0 or more (it cannot exceed the points on the wrong side of the threshold),
   * with the formula's own result shown when it went below 0.
   */
  const finish = (raw: Ratio, zh: string, en: string): RuleScore => {
    const bounded = atLeastZero(raw);
    const score = scoreFigure(bounded, rounding);
    const result =
      compare(raw, zero) < 0 ? `${signedText(raw)} → ${scoreText(score, rounding)}` : scoreText(score, rounding);
    return { exact: bounded, score, met, shownPct, text: { 'zh-CN': `${zh} = ${result}`, en: `${en} = ${result}` } };
  };
  if (met) {
    const score = scoreFigure(full, rounding);
    return {
      exact: full,
      score,
      met,
      shownPct,
      text: {
        'zh-CN': `${pctText}，达到 ${target}，得满分 ${scoreText(score, rounding)}`,
        en: `${pctText} meets ${target}: full marks ${scoreText(score, rounding)}`,
      },
    };
  }
  const low = rule.direction === 'AT_LEAST';
  const s = rule.shortfall;
  if (s.kind === 'ZERO') {
    const nothing = scoreText(0, rounding);
    return {
      exact: zero,
      score: 0,
      met,
      shownPct,
      text: {
        'zh-CN': `${pctText}，未达到 ${target}，不得分：${nothing}`,
        en: `${pctText} misses ${target}, no points: ${nothing}`,
      },
    };
  }
  if (s.kind === 'PRO_RATA') {
    const threshold = exact(rule.thresholdPct);
    const raw = mul(full, low ? ratioDiv(valuePct, threshold) : ratioDiv(threshold, valuePct));
    const formula = low
      ? `${points} × ${pctText} ÷ ${rule.thresholdPct}%`
      : `${points} × ${rule.thresholdPct}% ÷ ${pctText}`;
    return finish(
      raw,
      `${pctText}，未达到 ${target}，按比例：${formula}`,
      `${pctText} misses ${target}, pro rata: ${formula}`,
    );
  }
  const steps = stepsOf(gap, s);
  const stepsShown =
    s.count === 'EXACT' ? `${percentText(toNumber(gapOf(shown, rule), decimals))} ÷ ${s.perPct}` : String(steps.n);
  const formula = `${points} − ${s.points} × ${stepsShown}`;
  return finish(
    sub(full, mul(exact(s.points), steps)),
    `${pctText}，每${low ? '低' : '超'} ${s.perPct}% 扣 ${s.points} 分（${stepCounts[s.count]['zh-CN']}）：${formula}`,
    `${pctText}: ${s.points} off per ${s.perPct}% ${low ? 'below' : 'above'} (${stepCounts[s.count].en}): ${formula}`,
  );
};
