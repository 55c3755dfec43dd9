import { add, compare, div, mul, type Ratio, ratio, sub } from '#core/monitoring/exact-ratio.ts';
import { pointsRatio } from '#core/self-evaluation/indicator-value.ts';
import { roundScore, scoreFigure } from '#core/self-evaluation/score-rounding.ts';
import { gradeOf, type ScoreSheet } from '#core/self-evaluation/score-sheet.ts';
import type { ScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import type { ReviewGrade } from '#core/submission/performance-target.ts';

/**
 * The total the bureau stands by after a spot-check (docs/domain/self-evaluation.md#which-score-counts):
 * the sheet added up as the engine adds it (execution as scored, each row rounded by the year's rule,
 * rescaled over the applicable points, rounded again and capped at 100), with each adjusted row's
 * score replaced by the reviewer's.
 */
export const reviewedScore = (
  sheet: Pick<ScoreSheet, 'execution' | 'rows'>,
  adjustments: readonly { rowId: string; score: string }[],
  settings: ScoringSettings,
): { total: number; grade: ReviewGrade } => {
  const { rounding } = settings;
  const adjusted = new Map(adjustments.map((a) => [a.rowId, pointsRatio(Number(a.score))]));
  const rows = sheet.rows.filter((r) => r.kind !== 'NOT_APPLICABLE');
  const parts = [sheet.execution.exact, ...rows.map((r) => adjusted.get(r.rowId) ?? r.exact)]
    .filter((x): x is Ratio => x !== null)
    .map((x) => roundScore(x, rounding));
  const sum = parts.reduce(add, ratio(0));
  const notApplicable = sheet.rows
    .filter((r) => r.kind === 'NOT_APPLICABLE')
    .reduce((a, r) => add(a, pointsRatio(r.weight)), ratio(0));
  const applicable = sub(ratio(100), notApplicable);
  const rescaled = compare(notApplicable, ratio(0)) > 0 && compare(applicable, ratio(0)) > 0;
  const rounded = roundScore(rescaled ? div(mul(sum, ratio(100)), applicable) : sum, rounding);
  const total = scoreFigure(compare(rounded, ratio(100)) > 0 ? ratio(100) : rounded, rounding);
  return { total, grade: gradeOf(total, settings) };
};
