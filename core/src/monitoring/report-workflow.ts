import type { Role } from '#core/roles.ts';
import type { TargetStatus } from '#core/submission/performance-target.ts';

/**
 * A monitoring report goes through the review of targets (docs/domain/monitoring.md, "Review"): the unit sends it,
 * its department approves, the business section does the first review and the performance section
 * the final one; anyone on the way may return it. There is no grade and no rejection: a report
 * says how things stand, and what follows a bad one is a disposition.
 */
export const reportActions = {
  submit: { from: ['DRAFT', 'RETURNED'], to: 'UNIT_SUBMITTED', role: 'unit-approver' },
  'department-approve': { from: ['UNIT_SUBMITTED'], to: 'DEPT_APPROVED', role: 'department-reviewer' },
  'department-return': { from: ['UNIT_SUBMITTED'], to: 'RETURNED', role: 'department-reviewer' },
  'first-approve': { from: ['DEPT_APPROVED'], to: 'FIRST_REVIEWED', role: 'business-section-reviewer' },
  'first-return': { from: ['DEPT_APPROVED'], to: 'RETURNED', role: 'business-section-reviewer' },
  'final-approve': { from: ['FIRST_REVIEWED'], to: 'FINAL_APPROVED', role: 'performance-section-reviewer' },
  'final-return': { from: ['FIRST_REVIEWED'], to: 'RETURNED', role: 'performance-section-reviewer' },
} as const satisfies Record<string, { from: readonly TargetStatus[]; to: TargetStatus; role: Role }>;
export type ReportAction = keyof typeof reportActions;
export const reportActionNames = Object.keys(reportActions) as [ReportAction, ...ReportAction[]];

export const canTakeReportAction = (action: ReportAction, status: TargetStatus): boolean =>
  (reportActions[action].from as readonly TargetStatus[]).includes(status);

export const editableReportStatuses: readonly TargetStatus[] = ['DRAFT', 'RETURNED'];

/** Sent on and not sent back: what the department has reported, counted on the dashboard. */
export const reportedStatuses: readonly TargetStatus[] = [
  'UNIT_SUBMITTED',
  'DEPT_APPROVED',
  'FIRST_REVIEWED',
  'FINAL_APPROVED',
];
export const isReported = (status: TargetStatus): boolean => reportedStatuses.includes(status);
