import type { TargetStatus } from '#core/submission/performance-target.ts';
import { editableStatuses } from '#core/submission/review-workflow.ts';

// What the unit may still do with a project (docs/domain/submission.md): change its details, or
// start a new target version. The API refuses by these rules and the project page offers its
// buttons by them.

/**
 * Whether the unit may still change a project's details: not once a version has been approved or
 * the project budgeted (then only its targets are adjusted), nor while its targets are under review.
 */
export const projectEditable = (project: {
  currentTargetStatus: string | null;
  approvedTargetId: string | null;
  stage: string;
}): boolean =>
  !project.approvedTargetId &&
  project.stage !== 'BUDGETED' &&
  (project.currentTargetStatus === null || editableStatuses.includes(project.currentTargetStatus as TargetStatus));

/**
 * Whether the unit may start a new version (调整): after an approved one, or after an adjustment
 * graded 差 while the version approved before it still stands.
 */
export const mayAdjust = (
  project: { approvedTargetId: string | null },
  current: { reviewStatus: string } | undefined,
): boolean =>
  current?.reviewStatus === 'FINAL_APPROVED' ||
  (current?.reviewStatus === 'REJECTED' && project.approvedTargetId !== null);
