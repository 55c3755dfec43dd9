import { beijingDay } from '#core/beijing-day.ts';
import type { SelfEvaluation } from '#core/self-evaluation/self-evaluation.ts';
import { type ReviewGrade, reviewGradeCodes, type TargetStatus } from '#core/submission/performance-target.ts';

/**
 * A department's figures for one self-evaluation round, kept on write (docs/domain/self-evaluation.md#bureau-summary):
 * every write of a self-evaluation updates its department's tally in the same transaction, by taking
 * its old contribution away and adding its new one, so the bureau's summary reads one tally per
 * department and never the self-evaluations. Scores are counted in hundredths of a point (integers),
 * so sums and averages are exact. `recount` is the same sum done from scratch: tests hold them equal.
 */
export const selfEvaluationTallyStatuses = [
  'DRAFT',
  'RETURNED',
  'UNIT_SUBMITTED',
  'DEPT_APPROVED',
  'FIRST_REVIEWED',
  'FINAL_APPROVED',
] as const satisfies readonly TargetStatus[];
type TallyStatus = (typeof selfEvaluationTallyStatuses)[number];

export interface SelfEvaluationCounts {
  selfEvaluations: number;
  byStatus: Record<TallyStatus, number>;
  /** Sent on at least once; of those, first sent after the deadline (by the Beijing calendar). */
  submitted: number;
  late: number;
  /** Final-approved ones by the grade of the score that counts, and that score's sum in hundredths. */
  byGrade: Record<ReviewGrade, number>;
  countedHundredths: number;
  /** Drawn for the spot-check; of those, finished, and the sum of (reviewed − self) and of its size, in hundredths. */
  sampled: number;
  reviewed: number;
  gapHundredths: number;
  absoluteGapHundredths: number;
}

export type SelfEvaluationTallySource = Pick<
  SelfEvaluation,
  'reviewStatus' | 'firstSubmittedAt' | 'deadline' | 'total' | 'grade' | 'spotCheck'
>;

const hundredths = (points: number) => Math.round(points * 100);

export const emptySelfEvaluationCounts = (): SelfEvaluationCounts => ({
  selfEvaluations: 0,
  byStatus: Object.fromEntries(selfEvaluationTallyStatuses.map((s) => [s, 0])) as Record<TallyStatus, number>,
  submitted: 0,
  late: 0,
  byGrade: Object.fromEntries(reviewGradeCodes.map((g) => [g, 0])) as Record<ReviewGrade, number>,
  countedHundredths: 0,
  sampled: 0,
  reviewed: 0,
  gapHundredths: 0,
  absoluteGapHundredths: 0,
});

/**
 * The score that counts for results application and the year-end assessment
 * (docs/domain/self-evaluation.md#which-score-counts): the finance-reviewed one where the spot-check
 * has finished, otherwise the final-approved self-score; none before final approval.
 */
export const countedScore = (
  s: Pick<SelfEvaluation, 'reviewStatus' | 'total' | 'grade' | 'spotCheck'>,
): { total: number; grade: ReviewGrade; reviewed: boolean } | null => {
  if (s.reviewStatus !== 'FINAL_APPROVED') return null;
  const check = s.spotCheck;
  if (check?.reviewedTotal != null && check.reviewedGrade) {
    return { total: check.reviewedTotal, grade: check.reviewedGrade, reviewed: true };
  }
  return s.total !== null && s.grade ? { total: s.total, grade: s.grade, reviewed: false } : null;
};

export const selfEvaluationCountsOf = (s: SelfEvaluationTallySource): SelfEvaluationCounts => {
  const counts = emptySelfEvaluationCounts();
  counts.selfEvaluations = 1;
  if (s.reviewStatus in counts.byStatus) counts.byStatus[s.reviewStatus as TallyStatus] = 1;
  if (s.firstSubmittedAt) {
    counts.submitted = 1;
    if (beijingDay(s.firstSubmittedAt) > s.deadline) counts.late = 1;
  }
  const counted = countedScore(s);
  if (counted) {
    counts.byGrade[counted.grade] = 1;
    counts.countedHundredths = hundredths(counted.total);
  }
  if (s.spotCheck) {
    counts.sampled = 1;
    if (s.spotCheck.reviewedTotal != null && s.total !== null) {
      counts.reviewed = 1;
      const gap = hundredths(s.spotCheck.reviewedTotal) - hundredths(s.total);
      counts.gapHundredths = gap;
      counts.absoluteGapHundredths = Math.abs(gap);
    }
  }
  return counts;
};

const combine = (a: SelfEvaluationCounts, b: SelfEvaluationCounts, sign: 1 | -1): SelfEvaluationCounts => {
  const byKey = <K extends string>(x: Record<K, number>, y: Record<K, number>) =>
    Object.fromEntries(Object.keys(x).map((k) => [k, x[k as K] + sign * y[k as K]])) as Record<K, number>;
  return {
    selfEvaluations: a.selfEvaluations + sign * b.selfEvaluations,
    byStatus: byKey(a.byStatus, b.byStatus),
    submitted: a.submitted + sign * b.submitted,
    late: a.late + sign * b.late,
    byGrade: byKey(a.byGrade, b.byGrade),
    countedHundredths: a.countedHundredths + sign * b.countedHundredths,
    sampled: a.sampled + sign * b.sampled,
    reviewed: a.reviewed + sign * b.reviewed,
    gapHundredths: a.gapHundredths + sign * b.gapHundredths,
    absoluteGapHundredths: a.absoluteGapHundredths + sign * b.absoluteGapHundredths,
  };
};

export const plusCounts = (a: SelfEvaluationCounts, b: SelfEvaluationCounts) => combine(a, b, 1);
export const minusCounts = (a: SelfEvaluationCounts, b: SelfEvaluationCounts) => combine(a, b, -1);

/** What one self-evaluation's change from `before` (undefined: it is new) to `after` adds to its tally. */
export const selfEvaluationDelta = (
  before: SelfEvaluationTallySource | undefined,
  after: SelfEvaluationTallySource,
): SelfEvaluationCounts =>
  minusCounts(selfEvaluationCountsOf(after), before ? selfEvaluationCountsOf(before) : emptySelfEvaluationCounts());

export const recountSelfEvaluations = (all: readonly SelfEvaluationTallySource[]): SelfEvaluationCounts =>
  all.reduce((sum, s) => plusCounts(sum, selfEvaluationCountsOf(s)), emptySelfEvaluationCounts());

/** Only the counts, in a fixed order: what the tests compare and what the tally record holds. */
export const selfEvaluationCountsOnly = (t: SelfEvaluationCounts): SelfEvaluationCounts => ({
  selfEvaluations: t.selfEvaluations,
  byStatus: t.byStatus,
  submitted: t.submitted,
  late: t.late,
  byGrade: t.byGrade,
  countedHundredths: t.countedHundredths,
  sampled: t.sampled,
  reviewed: t.reviewed,
  gapHundredths: t.gapHundredths,
  absoluteGapHundredths: t.absoluteGapHundredths,
});
