import type { Role } from '#core/roles.ts';
import type { ReviewGrade, TargetStatus } from '#core/submission/performance-target.ts';
import type { ProjectStage } from '#core/submission/project.ts';

/**
 * The review of a target version (docs/domain/submission.md, "Review") as data: which action moves it from which
 * states to which, and who may take it. The handlers refuse anything not listed here.
 */
export const targetActions = {
  submit: { from: ['DRAFT', 'RETURNED'], to: 'UNIT_SUBMITTED', role: 'unit-approver' },
  'department-approve': { from: ['UNIT_SUBMITTED'], to: 'DEPT_APPROVED', role: 'department-reviewer' },
  'department-return': { from: ['UNIT_SUBMITTED'], to: 'RETURNED', role: 'department-reviewer' },
  'first-approve': { from: ['DEPT_APPROVED'], to: 'FIRST_REVIEWED', role: 'business-section-reviewer' },
  'first-return': { from: ['DEPT_APPROVED'], to: 'RETURNED', role: 'business-section-reviewer' },
  /** 优 or 良. */
  'final-approve': { from: ['FIRST_REVIEWED'], to: 'FINAL_APPROVED', role: 'performance-section-reviewer' },
  /** A plain return, or a grade of 中: the unit revises and resubmits. */
  'final-return': { from: ['FIRST_REVIEWED'], to: 'RETURNED', role: 'performance-section-reviewer' },
  /** A grade of 差: it does not proceed to the budget. */
  'final-reject': { from: ['FIRST_REVIEWED'], to: 'REJECTED', role: 'performance-section-reviewer' },
  /** 取消审核: only while the project is not yet in the budget. */
  'cancel-approval': { from: ['FINAL_APPROVED'], to: 'FIRST_REVIEWED', role: 'performance-section-reviewer' },
} as const satisfies Record<string, { from: readonly TargetStatus[]; to: TargetStatus; role: Role }>;
export type TargetAction = keyof typeof targetActions;

export const canTake = (action: TargetAction, status: TargetStatus): boolean =>
  (targetActions[action].from as readonly TargetStatus[]).includes(status);

/** Which final-review action a grade leads to (88号: 优/良 proceed, 中 revises, 差 stops). */
export const finalActionFor = (decision: 'approve' | 'return', grade: ReviewGrade | undefined): TargetAction => {
  if (decision === 'return' || grade === 'FAIR') return 'final-return';
  if (grade === 'POOR') return 'final-reject';
  return 'final-approve';
};

/** Editable states: a draft, or a version sent back for changes. */
export const editableStatuses: readonly TargetStatus[] = ['DRAFT', 'RETURNED'];

/** The status a reviewer of each role waits on (their queue). */
export const queueStatusOf = {
  'department-reviewer': 'UNIT_SUBMITTED',
  'business-section-reviewer': 'DEPT_APPROVED',
  'performance-section-reviewer': 'FIRST_REVIEWED',
} as const satisfies Partial<Record<Role, TargetStatus>>;
export type ReviewerRole = keyof typeof queueStatusOf;
/** The roles that have a review queue, in the order of the review. */
export const reviewerRoles = Object.keys(queueStatusOf) as ReviewerRole[];

/**
 * The project's stage after its targets reach `status`. An adjustment (version 2 and later)
 * does not take an approved project out of the library or the budget: the earlier approved version
 * stands until the new one is approved. An ex-ante conclusion of 不予支持 keeps it out.
 */
export const projectStageAfter = (
  current: ProjectStage,
  status: TargetStatus,
  hasApprovedVersion: boolean,
  exAnteRejected: boolean,
): ProjectStage => {
  if (current === 'BUDGETED') return 'BUDGETED';
  if (exAnteRejected) return 'REJECTED';
  if (status === 'FINAL_APPROVED' || hasApprovedVersion) return 'IN_LIBRARY';
  if (status === 'REJECTED') return 'REJECTED';
  if (status === 'DRAFT' || status === 'RETURNED') return 'PROPOSED';
  return 'IN_REVIEW';
};
