import type { MeasuredInput } from '#core/department-assessment/assessment-scoring.ts';
import { departmentAttendance, type TrainingCounts } from '#core/department-assessment/training-session.ts';
import { ratio } from '#core/monitoring/exact-ratio.ts';
import type { TallyCounts } from '#core/monitoring/monitoring-tally.ts';
import type { DepartmentSeries } from '#core/organisation/department.ts';
import type { SelfEvaluationCounts } from '#core/self-evaluation/self-evaluation-tally.ts';

/**
 * The assessment's auto inputs that the tallies kept on write already hold
 * (docs/domain/department-assessment.md#inputs-from-the-tallies): a department's monitoring tallies of the year's
 * rounds, its self-evaluation tallies and the year's training counts, each turned into counted-of-due. No record is
 * read to make them: a department's inputs cost one tally per round, whatever the number of projects.
 */
const sum = <T>(items: readonly T[], of: (item: T) => number): number => items.reduce((n, item) => n + of(item), 0);
const rate = (counted: number, of: number): MeasuredInput => ({
  counted: ratio(counted),
  of: ratio(of),
  unit: 'PERCENT',
});

type MonitoringCounts = Pick<TallyCounts, 'reports' | 'submitted' | 'late' | 'budgetFen' | 'executedFen'>;

/** 监控按期报送: reports sent on by their deadline, of all the reports the year's rounds issued to the department. */
export const monitoringOnTime = (tallies: readonly MonitoringCounts[]): MeasuredInput =>
  rate(
    sum(tallies, (t) => t.submitted - t.late),
    sum(tallies, (t) => t.reports),
  );

/**
 * 预算执行进度: execution over budget in the latest round's reports (its tallies only: an earlier round's execution is
 * part of the later one's, and adding them would count money twice).
 */
export const budgetExecutionPace = (latestRound: readonly MonitoringCounts[]): MeasuredInput =>
  rate(
    sum(latestRound, (t) => t.executedFen),
    sum(latestRound, (t) => t.budgetFen),
  );

type SelfCounts = Pick<
  SelfEvaluationCounts,
  'selfEvaluations' | 'submitted' | 'late' | 'reviewed' | 'absoluteGapHundredths'
>;

/** 自评按期报送: self-evaluations sent on by the deadline, of all issued to the department. */
export const selfEvaluationOnTime = (tallies: readonly SelfCounts[]): MeasuredInput =>
  rate(
    sum(tallies, (t) => t.submitted - t.late),
    sum(tallies, (t) => t.selfEvaluations),
  );

/** 自评覆盖: self-evaluations sent on at all, of all issued. */
export const selfEvaluationCoverage = (tallies: readonly SelfCounts[]): MeasuredInput =>
  rate(
    sum(tallies, (t) => t.submitted),
    sum(tallies, (t) => t.selfEvaluations),
  );

/** 自评质量: the mean absolute gap between the unit's score and the bureau's spot-check score, in points. */
export const spotCheckGap = (tallies: readonly SelfCounts[]): MeasuredInput => ({
  counted: ratio(
    sum(tallies, (t) => t.absoluteGapHundredths),
    100,
  ),
  of: ratio(sum(tallies, (t) => t.reviewed)),
  unit: 'POINTS',
});

/** 参加培训: the year's sessions meant for the department's series that it attended. */
export const trainingAttendance = (
  counts: TrainingCounts,
  department: { id: string; series: DepartmentSeries },
): MeasuredInput => {
  const { attended, required } = departmentAttendance(counts, department);
  return rate(attended, required);
};
