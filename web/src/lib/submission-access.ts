import type { Role } from '@jixiao/core/roles.ts';
import type { TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import { queueStatusOf } from '@jixiao/core/submission/review-workflow.ts';

/**
 * Who works on which submission screen, mirroring the API's route table (the API checks again):
 * a unit's preparer and approver, their department's reviewer, the bureau's two sections.
 */
export const unitRoles: readonly Role[] = ['unit-preparer', 'unit-approver'];
export const projectRoles: readonly Role[] = [
  ...unitRoles,
  'department-reviewer',
  'business-section-reviewer',
  'performance-section-reviewer',
];
export const reviewerRoles: readonly Role[] = [
  'department-reviewer',
  'business-section-reviewer',
  'performance-section-reviewer',
];
/** The bureau and a commissioned agency work on ex-ante assessments. */
export const exAnteRoles: readonly Role[] = ['performance-section-reviewer', 'agency-lead', 'evaluator'];

export const isUnitPerson = (roles: readonly Role[]): boolean => roles.some((r) => unitRoles.includes(r));

/** The review step a person may take on a version in this state, if any (their queue's state). */
export const reviewRoleFor = (roles: readonly Role[], status: string): Role | undefined =>
  reviewerRoles.find((r) => roles.includes(r) && queueStatusOf[r] === (status as TargetStatus));

/** The budget years the submission screens offer; the demo prepares 2027's budget in late 2026. */
export const budgetYear = 2027;
export const budgetYears = [budgetYear + 1, budgetYear, budgetYear - 1, budgetYear - 2];
