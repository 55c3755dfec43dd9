import * as v from 'valibot';
import { moneySourceCodes, qualitativeTierCodes } from '#core/self-evaluation/self-evaluation-row.ts';
import { reviewGradeCodes } from '#core/submission/performance-target.ts';

/**
 * A score sheet as the API sends it (functions/src/self-evaluation/without-exact.ts): the rounded
 * figures and their derivation in both languages, never the engine's exact fractions, which are for
 * deciding only. Strict, so a field the engine adds is a change of this contract, not a leak.
 */
const words = v.strictObject({ 'zh-CN': v.string(), en: v.string() });
const amount = v.nullable(v.number());

export const executionLineView = v.strictObject({
  source: v.picklist([...moneySourceCodes, 'TOTAL']),
  initialBudgetFen: amount,
  annualBudgetFen: amount,
  executedFen: amount,
  /** Percent, one decimal. */
  rate: v.nullable(v.number()),
});

export const rowScoreView = v.strictObject({
  rowId: v.string(),
  kind: v.picklist(['NUMBER', 'DATE', 'QUALITATIVE', 'NOT_COMPUTABLE', 'NOT_APPLICABLE', 'EMPTY']),
  weight: v.number(),
  score: v.nullable(v.number()),
  achievementPct: v.nullable(v.number()),
  belowTarget: v.boolean(),
  overAchieved: v.boolean(),
  band: v.nullable(
    v.strictObject({
      tier: v.picklist(qualitativeTierCodes),
      min: v.number(),
      max: v.number(),
      maxInclusive: v.boolean(),
    }),
  ),
  derivation: words,
});

export const scoreSheetView = v.strictObject({
  execution: v.strictObject({
    lines: v.array(executionLineView),
    rate: v.nullable(v.number()),
    points: v.number(),
    score: v.nullable(v.number()),
    derivation: words,
    totalMismatch: v.boolean(),
  }),
  rows: v.array(rowScoreView),
  sum: v.number(),
  applicablePoints: v.number(),
  total: v.number(),
  rescaled: v.boolean(),
  complete: v.boolean(),
  grade: v.nullable(v.picklist(reviewGradeCodes)),
  derivation: words,
});
export type ScoreSheetView = v.InferOutput<typeof scoreSheetView>;
