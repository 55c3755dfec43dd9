import { percent, type Ratio, ratio, roundHalfUp, toNumber } from '#core/monitoring/exact-ratio.ts';
import type { ScoringSettings } from '#core/self-evaluation/scoring-settings.ts';

/**
 * The one rounding rule of self-evaluation scores (docs/domain/self-evaluation.md, "Scoring"): each
 * score is worked out as an exact fraction, rounded once by the year's rule (half up or down, to 2, 1
 * or 0 decimals), and printed with exactly that many decimals. The screens, the API and the XLSX all
 * go through this file, so "9.56" on the screen is 9.56 in the API and in the sheet.
 */
export type ScoreRounding = ScoringSettings['rounding'];

const floorTo = (r: Ratio, decimals: number): Ratio => {
  const scale = 10n ** BigInt(decimals);
  const n = r.n * scale;
  // BigInt division truncates toward zero; a negative fraction must go down, not up.
  const floor = n >= 0n ? n / r.d : -((-n + r.d - 1n) / r.d);
  return ratio(floor, scale);
};

/** A score rounded by the rule, still exact (sums of rounded rows stay exact). */
export const roundScore = (r: Ratio, rounding: ScoreRounding): Ratio =>
  rounding.mode === 'FLOOR' ? floorTo(r, rounding.decimals) : roundHalfUp(r, rounding.decimals);

/** The rounded score as a number for the API (e.g. 14.61). */
export const scoreFigure = (r: Ratio, rounding: ScoreRounding): number =>
  toNumber(roundScore(r, rounding), rounding.decimals);

/** A score figure as printed: exactly `decimals` places ("9.20", "15.00"; "9" with whole points). */
export const scoreText = (n: number, rounding: ScoreRounding): string => n.toFixed(rounding.decimals);

/**
 * The execution rate a score is multiplied by: exact, or rounded half up to a whole percent first
 * when the year's tables do so (`rateFirst`). Returned as a fraction of 1 (0.92, not 92).
 */
export const executionRateUsed = (rate: Ratio, rounding: ScoreRounding): Ratio =>
  rounding.rateFirst ? ratio(roundHalfUp(percent(rate), 0).n, 100n) : rate;
