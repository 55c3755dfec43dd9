import { ratio } from '#core/monitoring/exact-ratio.ts';
import { percentFigure } from '#core/monitoring/percent-text.ts';
import { type ScoreRounding, scoreFigure } from '#core/self-evaluation/score-rounding.ts';
import {
  emptySelfEvaluationCounts,
  plusCounts,
  type SelfEvaluationCounts,
  selfEvaluationCountsOnly,
} from '#core/self-evaluation/self-evaluation-tally.ts';
import type { ReviewGrade } from '#core/submission/performance-target.ts';

/**
 * The bureau's figures of a self-evaluation round, worked out from department tallies alone
 * (docs/domain/self-evaluation.md#bureau-summary). Shares are percentages by the monitoring's one
 * rule (half up, one decimal); averages and gaps are exact fractions of the hundredths the tallies
 * keep, rounded once by the round's own score rounding, so they read like any score of the round.
 */
export interface RoundSummaryFigures extends SelfEvaluationCounts {
  /** Final-approved: the score that counts is known. */
  approved: number;
  /** Share of the issued self-evaluations sent on at least once, and final-approved; null when none was issued. */
  submittedPct: number | null;
  approvedPct: number | null;
  /** Issued and never sent on once the deadline (a Beijing day) has passed; 0 before. */
  overdue: number;
  /** Final-approved ones with a counted score, and the mean of those scores; null when there are none. */
  counted: number;
  averageCountedScore: number | null;
  /** Mean of (reviewed − self) over finished spot-checks, and of its size; null when none has finished. */
  meanGap: number | null;
  meanAbsoluteGap: number | null;
}

const share = (part: number, whole: number) => (whole > 0 ? percentFigure(ratio(part, whole)) : null);
const mean = (sumHundredths: number, count: number, rounding: ScoreRounding) =>
  count > 0 ? scoreFigure(ratio(sumHundredths, 100 * count), rounding) : null;

export const roundSummaryFigures = (
  counts: SelfEvaluationCounts,
  pastDeadline: boolean,
  rounding: ScoreRounding,
): RoundSummaryFigures => {
  const only = selfEvaluationCountsOnly(counts);
  const approved = only.byStatus.FINAL_APPROVED;
  const counted = Object.values(only.byGrade as Record<ReviewGrade, number>).reduce((a, b) => a + b, 0);
  return {
    ...only,
    approved,
    submittedPct: share(only.submitted, only.selfEvaluations),
    approvedPct: share(approved, only.selfEvaluations),
    overdue: pastDeadline ? only.selfEvaluations - only.submitted : 0,
    counted,
    averageCountedScore: mean(only.countedHundredths, counted, rounding),
    meanGap: mean(only.gapHundredths, only.reviewed, rounding),
    meanAbsoluteGap: mean(only.absoluteGapHundredths, only.reviewed, rounding),
  };
};

export interface DepartmentTallyOfRound extends SelfEvaluationCounts {
  departmentId: string;
  departmentCode: string;
  departmentName: string;
  departmentSeries: string;
}

/**
 * The summary over the tallies a reviewer may read: the total, one line per series (in the order
 * first met, the tallies coming by series then code) and one per department.
 */
export const roundSummary = (
  tallies: readonly DepartmentTallyOfRound[],
  pastDeadline: boolean,
  rounding: ScoreRounding,
) => {
  const bySeries = new Map<string, SelfEvaluationCounts>();
  for (const t of tallies)
    bySeries.set(t.departmentSeries, plusCounts(bySeries.get(t.departmentSeries) ?? emptySelfEvaluationCounts(), t));
  const total = tallies.reduce<SelfEvaluationCounts>((sum, t) => plusCounts(sum, t), emptySelfEvaluationCounts());
  return {
    total: roundSummaryFigures(total, pastDeadline, rounding),
    series: [...bySeries].map(([series, counts]) => ({
      series,
      ...roundSummaryFigures(counts, pastDeadline, rounding),
    })),
    departments: tallies.map((t) => ({
      departmentId: t.departmentId,
      departmentCode: t.departmentCode,
      departmentName: t.departmentName,
      series: t.departmentSeries,
      ...roundSummaryFigures(t, pastDeadline, rounding),
    })),
  };
};
