import * as v from 'valibot';
import { level1Codes, level2Codes } from '#core/indicator-library/framework.ts';
import { indicatorOperators } from '#core/indicator-library/indicator.ts';
import type { Localized } from '#core/language.ts';
import { text } from '#core/schema-parts.ts';
import { fen } from '#core/submission/project.ts';

/**
 * One indicator row of a 项目支出绩效自评表 (docs/domain/self-evaluation.md, "The table"): the row of the
 * last approved target version (rule 14), copied when the self-evaluation is issued and never edited
 * by the unit, and what the unit writes against it (`RowEntry`).
 */

/** The three tiers of a qualitative row, or of a row whose actual cannot be computed (财预〔2020〕10号). */
export const qualitativeTiers = {
  ACHIEVED: { 'zh-CN': '达成年度指标', en: 'Achieved' },
  PARTIAL: { 'zh-CN': '部分达成年度指标并具有一定效果', en: 'Partly achieved, with some effect' },
  NOT_ACHIEVED: { 'zh-CN': '未达成年度指标且效果较差', en: 'Not achieved, poor effect' },
} as const satisfies Record<string, Localized>;
export type QualitativeTier = keyof typeof qualitativeTiers;
export const qualitativeTierCodes = Object.keys(qualitativeTiers) as [QualitativeTier, ...QualitativeTier[]];

/** Points as a person writes them: a decimal with at most two places ("10.5", "27"). */
export const pointsText = v.pipe(v.string(), v.trim(), v.regex(/^\d{1,3}(\.\d{1,2})?$/, 'points'));

/** What the unit writes against one row. Every text may stay empty in a draft; the rules say when it may not. */
export const rowEntry = v.strictObject({
  rowId: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
  /** 实际完成值: a number of the target's unit, a date, or words. */
  actual: text(0, 100),
  /** 不适用: the row is left out and the total is rescaled (折算); needs a reason. */
  notApplicable: v.boolean(),
  notApplicableReason: text(0, 300),
  /** The tier of a qualitative row, of a not-computable row, or of a late date row under the TIER rule. */
  tier: v.nullable(v.picklist(qualitativeTierCodes)),
  /** The score the preparer gives inside the tier's band (rule 5). */
  tierScore: v.nullable(pointsText),
  /** Why an actual that is not a number of the target's unit is scored by a tier. */
  notComputableReason: text(0, 500),
  /** Rule 6: why the actual is at or above the over-achievement share of the target. */
  overExplanation: text(0, 500),
  /** Rule 7: 偏差原因 and 改进措施 when the row is below target or scores below its weight. */
  deviationReasons: text(0, 500),
  improvementMeasures: text(0, 500),
  /**
   * Points taken off a row met far above a target set too low (财预〔2020〕10号 gives no formula, so
   * it is a deduction with its reason, made by the preparer or a reviewer).
   */
  deduction: v.nullable(pointsText),
  deductionReason: text(0, 300),
  /** The score the unit states, as paper tables print it; the formula score stands beside it. */
  claimedScore: v.nullable(pointsText),
});
export type RowEntry = v.InferOutput<typeof rowEntry>;

/** The approved target row a self-evaluation row is scored against. */
export const targetSide = {
  rowId: v.string(),
  level1: v.picklist(level1Codes),
  level2: v.picklist(level2Codes),
  name: v.string(),
  operator: v.picklist(indicatorOperators),
  /** 年度指标值 as approved ("500", "95", "2027-11-30", "按期完成"). */
  targetValue: v.string(),
  unit: v.string(),
  /** 分值. */
  weight: v.number(),
  /** 评（扣）分标准 as approved, shown beside the formula. */
  scoringStandard: v.string(),
};

export const selfEvaluationRow = v.object({ ...targetSide, ...rowEntry.entries });
export type SelfEvaluationRow = v.InferOutput<typeof selfEvaluationRow>;

/** A row with nothing written against it yet: what issuing makes from each approved row. */
export const blankEntry = (rowId: string): RowEntry => ({
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
});

/** The money block's sources (年度资金总额 其中 当年财政拨款 / 上年结转资金 / 其他资金). */
export const moneySources = {
  FISCAL: { 'zh-CN': '当年财政拨款', en: 'Fiscal appropriation of the year' },
  CARRY_OVER: { 'zh-CN': '上年结转资金', en: 'Carried over from last year' },
  OTHER: { 'zh-CN': '其他资金', en: 'Other funds' },
} as const satisfies Record<string, Localized>;
export type MoneySource = keyof typeof moneySources;
export const moneySourceCodes = Object.keys(moneySources) as [MoneySource, ...MoneySource[]];

/** One source line of the money block, in integer fen. Null is "not filled in". */
export const moneyLine = v.strictObject({
  source: v.picklist(moneySourceCodes),
  /** 年初预算数. */
  initialBudgetFen: v.nullable(fen),
  /** 全年预算数 (after adjustments): the execution rate's denominator. */
  annualBudgetFen: v.nullable(fen),
  /** 全年执行数. */
  executedFen: v.nullable(fen),
});
export type MoneyLine = v.InferOutput<typeof moneyLine>;
