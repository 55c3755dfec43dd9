import * as v from 'valibot';
import { add, div, parseDecimal, type Ratio, ratio } from '#core/monitoring/exact-ratio.ts';
import { percentFigure } from '#core/monitoring/percent-text.ts';
import { type ScoreRounding, scoreFigure } from '#core/self-evaluation/score-rounding.ts';
import { submittedSelfEvaluationStatuses } from '#core/self-evaluation/self-evaluation-workflow.ts';
import { type ReviewGrade, reviewGradeCodes, targetStatusCodes } from '#core/submission/performance-target.ts';

/**
 * The department's project self-evaluations as its overall sheet shows them (docs/domain/self-evaluation.md,
 * "Department overall self-evaluation"): how many were issued, sent and final-approved, the average score and
 * the grades of the approved ones. Only final-approved scores count: a draft's total may still change.
 */
export const projectSelfEvaluationLine = v.strictObject({
  projectId: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
  /** The score that counts (the reviewed one where spot-checked, else the self-score); null until scored. */
  total: v.nullable(
    v.pipe(
      v.number(),
      v.check((x) => /^\d+(\.\d{1,2})?$/u.test(String(x)), 'two_decimals'),
      v.minValue(0),
      v.maxValue(100),
    ),
  ),
  grade: v.nullable(v.picklist(reviewGradeCodes)),
  status: v.picklist(targetStatusCodes),
});
export type ProjectSelfEvaluationLine = v.InferOutput<typeof projectSelfEvaluationLine>;

export interface ProjectSummary {
  issued: number;
  /** Sent on and not sent back (in review or approved). */
  submitted: number;
  approved: number;
  /** Shares of the issued ones, in percent by the one print rule; null with nothing issued. */
  submittedPct: number | null;
  approvedPct: number | null;
  /** The mean total of the approved ones, rounded by the sheet's rule; null with none scored. */
  averageScore: number | null;
  /** Approved ones per grade, and those approved without a grade. */
  grades: Record<ReviewGrade, number>;
  ungraded: number;
}

export const summariseProjects = (
  lines: readonly ProjectSelfEvaluationLine[],
  rounding: ScoreRounding,
): ProjectSummary => {
  const issued = lines.length;
  const submitted = lines.filter((l) => submittedSelfEvaluationStatuses.includes(l.status)).length;
  const approvedLines = lines.filter((l) => l.status === 'FINAL_APPROVED');
  const approved = approvedLines.length;
  const share = (n: number) => (issued === 0 ? null : percentFigure(ratio(n, issued)));
  const totals = approvedLines.flatMap((l) => (l.total === null ? [] : [parseDecimal(String(l.total)) as Ratio]));
  const averageScore =
    totals.length === 0 ? null : scoreFigure(div(totals.reduce(add, ratio(0)), ratio(totals.length)), rounding);
  const grades = Object.fromEntries(
    reviewGradeCodes.map((g) => [g, approvedLines.filter((l) => l.grade === g).length]),
  ) as Record<ReviewGrade, number>;
  return {
    issued,
    submitted,
    approved,
    submittedPct: share(submitted),
    approvedPct: share(approved),
    averageScore,
    grades,
    ungraded: approvedLines.filter((l) => l.grade === null).length,
  };
};
