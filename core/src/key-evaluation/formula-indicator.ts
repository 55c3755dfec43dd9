import * as v from 'valibot';
import type { Localized } from '#core/language.ts';
import {
  compare,
  div,
  isZero,
  mul,
  parseDecimal,
  percent,
  type Ratio,
  ratio,
  sub,
  toNumber,
} from '#core/monitoring/exact-ratio.ts';

/**
 * The formula indicators of 财预〔2020〕10号's framework annex (docs/domain/key-evaluation.md#scoring-papers): a rate
 * worked out exactly from two figures the evaluator enters, mapped to points by a scoring rule whose every number is
 * the paper's own. A rate whose denominator is zero is "not computable" with a reason, never NaN or infinity.
 */
export const formulaKinds = {
  FUNDS_RECEIVED: {
    name: { 'zh-CN': '资金到位率', en: 'Funds received rate' },
    numerator: { 'zh-CN': '实际到位资金', en: 'Funds received' },
    denominator: { 'zh-CN': '预算资金', en: 'Budgeted funds' },
  },
  /** Over the funds received, not the budget: a different denominator from self-evaluation's execution rate. */
  BUDGET_EXECUTION: {
    name: { 'zh-CN': '预算执行率', en: 'Budget execution rate' },
    numerator: { 'zh-CN': '实际支出', en: 'Actual spending' },
    denominator: { 'zh-CN': '实际到位资金', en: 'Funds received' },
  },
  OUTPUT_COMPLETION: {
    name: { 'zh-CN': '实际完成率', en: 'Completion rate' },
    numerator: { 'zh-CN': '实际产出数', en: 'Actual output' },
    denominator: { 'zh-CN': '计划产出数', en: 'Planned output' },
  },
  QUALITY: {
    name: { 'zh-CN': '质量达标率', en: 'Quality rate' },
    numerator: { 'zh-CN': '质量达标产出数', en: 'Output up to standard' },
    denominator: { 'zh-CN': '实际产出数', en: 'Actual output' },
  },
  TIMELINESS: {
    name: { 'zh-CN': '完成及时性', en: 'Timeliness' },
    numerator: { 'zh-CN': '及时完成数', en: 'Completed on time' },
    denominator: { 'zh-CN': '实际完成数', en: 'Completed' },
  },
  /** (planned − actual) ÷ planned: the numerator entered is the actual cost, the saving is worked out. */
  COST_SAVING: {
    name: { 'zh-CN': '成本节约率', en: 'Cost saving rate' },
    numerator: { 'zh-CN': '实际成本', en: 'Actual cost' },
    denominator: { 'zh-CN': '计划成本', en: 'Planned cost' },
  },
} as const satisfies Record<string, { name: Localized; numerator: Localized; denominator: Localized }>;
export type FormulaKind = keyof typeof formulaKinds;
export const formulaKindCodes = Object.keys(formulaKinds) as [FormulaKind, ...FormulaKind[]];

/** A figure as a person writes it: up to 14 digits and 4 decimals, never negative ("1200000", "96.5"). */
export const figure = v.pipe(v.string(), v.regex(/^\d{1,14}(\.\d{1,4})?$/, 'numeric_value'));
/** A percent or a point count of a rule ("95", "0.5"). */
const ruleNumber = v.pipe(v.string(), v.regex(/^\d{1,3}(\.\d{1,2})?$/, 'points'));

/**
 * How a rate becomes points:
 * - PROPORTIONAL: points × rate ÷ 100, never above the points (实际完成率 and the like);
 * - THRESHOLD: full marks at or above `fullAt` percent, `perPercent` points off for each percentage point below it
 *   (worked out exactly, so 94.5 % with 0.5 per point loses 0.25), never below 0. With `fullAt` 0 this is the
 *   "≤ 0 full" kind: a cost saving of 0 or more is full marks, an overrun loses points per point of overrun.
 */
export const scoringRule = v.variant('kind', [
  v.strictObject({ kind: v.literal('PROPORTIONAL') }),
  v.strictObject({ kind: v.literal('THRESHOLD'), fullAt: ruleNumber, perPercent: ruleNumber }),
]);
export type ScoringRule = v.InferOutput<typeof scoringRule>;

/** The rule each formula starts with (the built-in standards' texts in core/src/fieldwork/evaluation-framework.ts). */
export const defaultRules: Record<FormulaKind, ScoringRule> = {
  FUNDS_RECEIVED: { kind: 'THRESHOLD', fullAt: '100', perPercent: '0.1' },
  BUDGET_EXECUTION: { kind: 'THRESHOLD', fullAt: '95', perPercent: '0.2' },
  OUTPUT_COMPLETION: { kind: 'PROPORTIONAL' },
  QUALITY: { kind: 'PROPORTIONAL' },
  TIMELINESS: { kind: 'PROPORTIONAL' },
  COST_SAVING: { kind: 'THRESHOLD', fullAt: '0', perPercent: '1' },
};

/** A formula's entered figures and its rule, as a scoring paper holds them. */
export const formulaInput = v.strictObject({
  formula: v.picklist(formulaKindCodes),
  numerator: figure,
  denominator: figure,
  rule: scoringRule,
});
export type FormulaInput = v.InferOutput<typeof formulaInput>;

export type FormulaResult =
  | {
      computable: true;
      /** The rate in percent, exact (may be negative for a cost overrun, above 100 for an over-achievement). */
      rate: Ratio;
      /** The rate for display, two decimals half up: never compared. */
      rateFigure: number;
      /** The points before the score's rounding rule (engagement-score rounds each row once). */
      points: Ratio;
    }
  | { computable: false; code: 'formula_zero_denominator' | 'formula_figure_invalid' };

const zero = ratio(0);
const hundred = ratio(100);

const clamp = (x: Ratio, top: Ratio): Ratio => (compare(x, zero) < 0 ? zero : compare(x, top) > 0 ? top : x);

/** The rate of a formula in percent, exactly. */
export const formulaRate = (
  input: Pick<FormulaInput, 'formula' | 'numerator' | 'denominator'>,
): Ratio | 'formula_zero_denominator' | 'formula_figure_invalid' => {
  const n = parseDecimal(input.numerator);
  const d = parseDecimal(input.denominator);
  if (!n || !d) return 'formula_figure_invalid';
  if (isZero(d)) return 'formula_zero_denominator';
  return percent(input.formula === 'COST_SAVING' ? div(sub(d, n), d) : div(n, d));
};

/** Points for a rate (percent) by a rule, out of `points`. */
export const rulePoints = (rate: Ratio, rule: ScoringRule, points: Ratio): Ratio => {
  if (rule.kind === 'PROPORTIONAL') return clamp(div(mul(points, rate), hundred), points);
  const fullAt = parseDecimal(rule.fullAt) ?? zero;
  const perPercent = parseDecimal(rule.perPercent) ?? zero;
  if (compare(rate, fullAt) >= 0) return points;
  return clamp(sub(points, mul(sub(fullAt, rate), perPercent)), points);
};

/** A formula indicator's rate and points out of `points` (the indicator's weight). */
export const formulaScore = (input: FormulaInput, points: number): FormulaResult => {
  const rate = formulaRate(input);
  if (typeof rate === 'string') return { computable: false, code: rate };
  const weight = parseDecimal(String(points)) ?? zero;
  return { computable: true, rate, rateFigure: toNumber(rate, 2), points: rulePoints(rate, input.rule, weight) };
};

/**
 * The formula an indicator's name suggests (the framework's own 资金到位率 and 预算执行率, a target named 完成率 …), so
 * a new paper starts on the right one; the evaluator may pick another or score by judgement.
 */
export const suggestedFormula = (name: string): FormulaKind | null => {
  if (name.includes('到位率')) return 'FUNDS_RECEIVED';
  if (name.includes('执行率')) return 'BUDGET_EXECUTION';
  if (name.includes('达标率') || name.includes('合格率')) return 'QUALITY';
  if (name.includes('及时')) return 'TIMELINESS';
  if (name.includes('节约率')) return 'COST_SAVING';
  if (name.includes('完成率')) return 'OUTPUT_COMPLETION';
  return null;
};
