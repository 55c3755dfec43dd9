import { beijingDay } from '#core/beijing-day.ts';
import type { WarningColour } from '#core/monitoring/monitoring-config.ts';
import type { MonitoringReport, Warning } from '#core/monitoring/monitoring-report.ts';
import { isReported } from '#core/monitoring/report-workflow.ts';
import { annualTotal } from '#core/submission/project.ts';

/**
 * A department's figures for one monitoring round, kept on write (docs/architecture.md): every write of
 * a report updates its department's tally in the same transaction, by taking the report's old
 * contribution away and adding its new one. The dashboard then reads one tally per department,
 * never the reports. `recount` is the same sum done from scratch: the tests hold the two equal.
 */
export const tallyStatuses = [
  'DRAFT',
  'RETURNED',
  'UNIT_SUBMITTED',
  'DEPT_APPROVED',
  'FIRST_REVIEWED',
  'FINAL_APPROVED',
] as const;
export type TallyStatus = (typeof tallyStatuses)[number];

export interface TallyCounts {
  reports: number;
  byStatus: Record<TallyStatus, number>;
  /** Reports sent on and not sent back, by their colour. */
  byColour: Record<WarningColour, number>;
  /** The judged indicator lines of those reports, by colour. */
  indicatorsByColour: Record<WarningColour, number>;
  /** Annual budget and execution to date of those reports (fen). */
  budgetFen: number;
  executedFen: number;
  /** Reports sent on at least once; of those, first sent after the deadline. */
  submitted: number;
  late: number;
}

/**
 * A project on the red list: reported, and red. Kept as its own small record beside the report
 * (not inside the tally, whose size would then grow with the red projects of a department).
 */
export interface RedEntry {
  reportId: string;
  projectCode: string;
  projectName: string;
  unitName: string;
  executionRatePct: number | null;
  warnings: Warning[];
}

export type TallySource = Pick<
  MonitoringReport,
  | 'id'
  | 'projectCode'
  | 'projectName'
  | 'unitName'
  | 'reviewStatus'
  | 'assessment'
  | 'budget'
  | 'executed'
  | 'firstSubmittedAt'
  | 'deadline'
>;

const colours = (): Record<WarningColour, number> => ({ GREEN: 0, YELLOW: 0, RED: 0 });

export const emptyCounts = (): TallyCounts => ({
  reports: 0,
  byStatus: Object.fromEntries(tallyStatuses.map((s) => [s, 0])) as Record<TallyStatus, number>,
  byColour: colours(),
  indicatorsByColour: colours(),
  budgetFen: 0,
  executedFen: 0,
  submitted: 0,
  late: 0,
});

export const countsOf = (report: TallySource): TallyCounts => {
  const counts = emptyCounts();
  counts.reports = 1;
  if (report.reviewStatus in counts.byStatus) counts.byStatus[report.reviewStatus as TallyStatus] = 1;
  if (report.firstSubmittedAt) {
    counts.submitted = 1;
    if (beijingDay(report.firstSubmittedAt) > report.deadline) counts.late = 1;
  }
  if (isReported(report.reviewStatus)) {
    counts.byColour[report.assessment.colour] = 1;
    for (const colour of Object.values(report.assessment.indicatorColours)) {
      if (colour) counts.indicatorsByColour[colour] += 1;
    }
    counts.budgetFen = annualTotal(report.budget);
    counts.executedFen = annualTotal(report.executed);
  }
  return counts;
};

const combine = (a: TallyCounts, b: TallyCounts, sign: 1 | -1): TallyCounts => {
  const byKey = <K extends string>(x: Record<K, number>, y: Record<K, number>) =>
    Object.fromEntries(Object.keys(x).map((k) => [k, x[k as K] + sign * y[k as K]])) as Record<K, number>;
  return {
    reports: a.reports + sign * b.reports,
    byStatus: byKey(a.byStatus, b.byStatus),
    byColour: byKey(a.byColour, b.byColour),
    indicatorsByColour: byKey(a.indicatorsByColour, b.indicatorsByColour),
    budgetFen: a.budgetFen + sign * b.budgetFen,
    executedFen: a.executedFen + sign * b.executedFen,
    submitted: a.submitted + sign * b.submitted,
    late: a.late + sign * b.late,
  };
};

export const plus = (a: TallyCounts, b: TallyCounts): TallyCounts => combine(a, b, 1);
export const minus = (a: TallyCounts, b: TallyCounts): TallyCounts => combine(a, b, -1);

/** The tally after one report changed from `before` (undefined: it is new) to `after`. */
export const applyChange = (counts: TallyCounts, before: TallySource | undefined, after: TallySource): TallyCounts =>
  plus(before ? minus(counts, countsOf(before)) : counts, countsOf(after));

export const recount = (reports: readonly TallySource[]): TallyCounts =>
  reports.reduce((sum, r) => plus(sum, countsOf(r)), emptyCounts());

/** Only the counts, in a fixed order: what the tests compare. */
export const countsOnly = (t: TallyCounts): TallyCounts => ({
  reports: t.reports,
  byStatus: t.byStatus,
  byColour: t.byColour,
  indicatorsByColour: t.indicatorsByColour,
  budgetFen: t.budgetFen,
  executedFen: t.executedFen,
  submitted: t.submitted,
  late: t.late,
});

/** The report's place on the red list, or null when it is not reported or not red. */
export const redEntryOf = (report: TallySource): RedEntry | null =>
  isReported(report.reviewStatus) && report.assessment.colour === 'RED'
    ? {
        reportId: report.id,
        projectCode: report.projectCode,
        projectName: report.projectName,
        unitName: report.unitName,
        executionRatePct: report.assessment.executionRatePct,
        warnings: report.assessment.warnings.filter((w) => w.colour === 'RED'),
      }
    : null;
