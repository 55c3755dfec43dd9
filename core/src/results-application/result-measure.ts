import type { Localized } from '#core/language.ts';
import { mul, ratio, roundHalfUp, sub } from '#core/monitoring/exact-ratio.ts';

/**
 * What a result does to next year's money (结果应用的措施, docs/domain/results-application.md#measures): the measures
 * local practice names, in the words of the four-tier linkage (优先保障, 予以保障, 压减, 取消) and of the dispositions.
 */
export const resultMeasures = {
  SUPPORT: { 'zh-CN': '优先保障', en: 'Priority support' },
  KEEP: { 'zh-CN': '予以保障', en: 'Guaranteed' },
  REDUCE_AMOUNT: { 'zh-CN': '压减（定额）', en: 'Cut by an amount' },
  REDUCE_PCT: { 'zh-CN': '压减（比例）', en: 'Cut by a percentage' },
  SUSPEND: { 'zh-CN': '暂缓安排', en: 'Suspended' },
  STOP: { 'zh-CN': '取消', en: 'Cancelled' },
  RECOVER_FUNDS: { 'zh-CN': '收回资金', en: 'Funds recovered' },
  ADJUST_POLICY: { 'zh-CN': '调整政策', en: 'Policy adjusted' },
  MERGE_PROJECT: { 'zh-CN': '整合项目', en: 'Merged into another project' },
  NO_FUNDING_UNTIL_RECTIFIED: { 'zh-CN': '整改到位前不予安排', en: 'No funds until rectified' },
  ACCOUNTABILITY_REFERRAL: { 'zh-CN': '移送问责', en: 'Referred for accountability' },
} as const satisfies Record<string, Localized>;
export type ResultMeasure = keyof typeof resultMeasures;
export const resultMeasureCodes = Object.keys(resultMeasures) as [ResultMeasure, ...ResultMeasure[]];

/**
 * Measures after which the project gets nothing next year until the bureau decides otherwise: the budget gate asks
 * the performance section for a reason before a continuation enters the budget (docs/domain/results-application.md#the-budget-gate).
 */
export const blockingMeasures: readonly ResultMeasure[] = ['STOP', 'SUSPEND', 'NO_FUNDING_UNTIL_RECTIFIED'];

/** How much a measure takes: a percentage (REDUCE_PCT) or an amount in fen (REDUCE_AMOUNT); the others take nothing. */
export interface MeasureTerms {
  measure: ResultMeasure;
  /** REDUCE_PCT: the share cut, 0–100 with up to two decimals. */
  pct?: number | null | undefined;
  /** REDUCE_AMOUNT: the fen cut. */
  amountFen?: number | null | undefined;
}

/** A percentage with at most two decimals as an exact fraction (10.25 → 1025/100), never through a float product. */
const pctRatio = (pct: number) => ratio(BigInt(Math.round(pct * 100)), 100n);

/**
 * Next year's recommended amount in fen from this year's `amount` (fen) and the measure. Exact: a percentage cut is
 * worked out as a fraction and rounded once, half up to the whole fen (the one rounding rule of exact-ratio.ts), so
 * 12,345 fen cut by 10 % is 11,110.5 → 11,111 fen. A cut never goes below 0.
 */
export const recommendedAmount = (amount: number, terms: MeasureTerms): number => {
  switch (terms.measure) {
    case 'REDUCE_PCT': {
      const kept = mul(ratio(amount), sub(ratio(1), mul(pctRatio(terms.pct ?? 0), ratio(1n, 100n))));
      const rounded = roundHalfUp(kept, 0);
      return Math.max(0, Number(rounded.n / rounded.d));
    }
    case 'REDUCE_AMOUNT':
      return Math.max(0, amount - (terms.amountFen ?? 0));
    case 'SUSPEND':
    case 'STOP':
    case 'RECOVER_FUNDS':
    case 'NO_FUNDING_UNTIL_RECTIFIED':
      return 0;
    default:
      return amount;
  }
};
