import type { FieldError } from '#core/problem.ts';
import { allows, type ReviewGuard, type ReviewTable, rulesNotMet } from '#core/review/review-engine.ts';
import { nobodyActedSince, type WithdrawalFacts } from '#core/review/withdrawal.ts';
import type { TargetStatus } from '#core/submission/performance-target.ts';

/** What the guards of a report's review read. */
export interface ReportReviewFacts extends WithdrawalFacts {
  /** The report's rules (report-rules.ts) as it stands. */
  ruleErrors: readonly FieldError[];
}

/** What a step does besides moving the status: the first submission is dated (the dashboard's lateness). */
export type ReportEffect = 'first-submitted';

/** The rules hold before it is sent on and again before it is approved. */
const rulesHold: ReviewGuard<ReportReviewFacts> = (f) => rulesNotMet(f.ruleErrors);

/**
 * A monitoring report goes through the review of targets (docs/domain/monitoring.md, "Review"): the unit sends it,
 * its department approves, the business section does the first review and the performance section
 * the final one; anyone on the way may return it. There is no grade and no rejection: a report
 * says how things stand, and what follows a bad one is a disposition. A table of the review engine
 * (core/src/review/review-engine.ts).
 */
export const reportActions = {
  submit: {
    from: ['DRAFT', 'RETURNED'],
    to: 'UNIT_SUBMITTED',
    role: 'unit-approver',
    guards: [rulesHold],
    effects: ['first-submitted'],
  },
  'department-approve': { from: ['UNIT_SUBMITTED'], to: 'DEPT_APPROVED', role: 'department-reviewer' },
  'department-return': { from: ['UNIT_SUBMITTED'], to: 'RETURNED', role: 'department-reviewer' },
  'first-approve': { from: ['DEPT_APPROVED'], to: 'FIRST_REVIEWED', role: 'business-section-reviewer' },
  'first-return': { from: ['DEPT_APPROVED'], to: 'RETURNED', role: 'business-section-reviewer' },
  'final-approve': {
    from: ['FIRST_REVIEWED'],
    to: 'FINAL_APPROVED',
    role: 'performance-section-reviewer',
    guards: [rulesHold],
  },
  'final-return': { from: ['FIRST_REVIEWED'], to: 'RETURNED', role: 'performance-section-reviewer' },
  /**
   * 撤回, as a target's (docs/domain/submission.md#withdrawal): each sender takes back its own step
   * while nobody has acted since; the unit's becomes a draft again, its first submission date kept.
   */
  'unit-withdraw': {
    from: ['UNIT_SUBMITTED'],
    to: 'DRAFT',
    role: 'unit-approver',
    guards: [nobodyActedSince<ReportReviewFacts>('unit-withdraw')],
  },
  'department-withdraw': {
    from: ['DEPT_APPROVED'],
    to: 'UNIT_SUBMITTED',
    role: 'department-reviewer',
    guards: [nobodyActedSince<ReportReviewFacts>('department-withdraw')],
  },
  'first-withdraw': {
    from: ['FIRST_REVIEWED'],
    to: 'DEPT_APPROVED',
    role: 'business-section-reviewer',
    guards: [nobodyActedSince<ReportReviewFacts>('first-withdraw')],
  },
} as const satisfies ReviewTable<string, TargetStatus, ReportReviewFacts, ReportEffect>;
export type ReportAction = keyof typeof reportActions;
export const reportActionNames = Object.keys(reportActions) as [ReportAction, ...ReportAction[]];

export const canTakeReportAction = (action: ReportAction, status: TargetStatus): boolean =>
  allows(reportActions, action, status);

export const editableReportStatuses: readonly TargetStatus[] = ['DRAFT', 'RETURNED'];

/** Sent on and not sent back: what the department has reported, counted on the dashboard. */
export const reportedStatuses: readonly TargetStatus[] = [
  'UNIT_SUBMITTED',
  'DEPT_APPROVED',
  'FIRST_REVIEWED',
  'FINAL_APPROVED',
];
export const isReported = (status: TargetStatus): boolean => reportedStatuses.includes(status);
