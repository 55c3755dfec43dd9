import { type Role, unitRoles } from '@jixiao/core/roles.ts';
import type { TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import { queueStatusOf, reviewerRoles } from '@jixiao/core/submission/review-workflow.ts';

/**
 * What the submission screens offer whom. The role groups are core's (core/src/scope/role-groups.ts),
 * the same ones the API's route table lets in, so a screen is offered exactly to those the API serves.
 */
export { exAnteRoles, projectReaderRoles, projectRoles } from '@jixiao/core/scope/role-groups.ts';
export { reviewerRoles, unitRoles };

export const isUnitPerson = (roles: readonly Role[]): boolean => roles.some((r) => unitRoles.includes(r));

/** The review step a person may take on a version in this state, if any (their queue's state). */
export const reviewRoleFor = (roles: readonly Role[], status: string): Role | undefined =>
  reviewerRoles.find((r) => roles.includes(r) && queueStatusOf[r] === (status as TargetStatus));

/**
 * Whose a project or version is, named for someone outside it: its department for the bureau and
 * for other departments, its unit for its own department; nothing for the unit itself.
 */
export const organisationOf = (
  person: { department: { id: string } | null; unit: { id: string } | null },
  record: { departmentId: string; unitId: string; departmentName?: string | null; unitName?: string | null },
): string | undefined => {
  if (person.department?.id !== record.departmentId) return record.departmentName || undefined;
  if (person.unit?.id !== record.unitId) return record.unitName || undefined;
  return undefined;
};

export { mayAdjust, projectEditable } from '@jixiao/core/submission/project-steps.ts';
