import type { Role } from '@jixiao/core/roles.ts';
import type { TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import { editableStatuses, queueStatusOf, reviewerRoles } from '@jixiao/core/submission/review-workflow.ts';
import { withObserver } from '#lib/observer-access.ts';

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
/** Who reads projects and their target versions: their people, and the observer what has been sent. */
export const projectReaderRoles: readonly Role[] = withObserver(projectRoles);
export { reviewerRoles };
/** The bureau and a commissioned agency work on ex-ante assessments; the observer reads concluded ones. */
export const exAnteRoles: readonly Role[] = withObserver(['performance-section-reviewer', 'agency-lead', 'evaluator']);

export const isUnitPerson = (roles: readonly Role[]): boolean => roles.some((r) => unitRoles.includes(r));

/** The review step a person may take on a version in this state, if any (their queue's state). */
export const reviewRoleFor = (roles: readonly Role[], status: string): Role | undefined =>
  reviewerRoles.find((r) => roles.includes(r) && queueStatusOf[r] === (status as TargetStatus));

/** The budget years the submission screens offer; the demo prepares 2027's budget in late 2026. */
export const budgetYear = 2027;
export const budgetYears = [budgetYear + 1, budgetYear, budgetYear - 1, budgetYear - 2];

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

/**
 * What a person may do with an ex-ante assessment (mirroring the API): while it is a draft, the
 * performance section and the commissioned agency's people write it; the bureau concludes its own
 * (or an expert panel's); a third party's lead submits it, and the performance section accepts
 * (concludes) or returns what was submitted.
 */
export const exAnteStepsFor = (
  person: { roles: readonly Role[]; agency: { id: string } | null },
  assessment: { state: string; assessorType: string; agencyId: string | null },
): { write: boolean; submit: boolean; conclude: boolean; sendBack: boolean } => {
  const bureau = person.roles.includes('performance-section-reviewer');
  const agency = person.agency !== null && person.agency.id === assessment.agencyId;
  const draft = assessment.state === 'DRAFT';
  const thirdParty = assessment.assessorType === 'THIRD_PARTY';
  const submitted = thirdParty && assessment.state === 'SUBMITTED';
  return {
    write:
      draft && (bureau || (agency && (person.roles.includes('agency-lead') || person.roles.includes('evaluator')))),
    submit: draft && thirdParty && agency && person.roles.includes('agency-lead'),
    conclude: bureau && (thirdParty ? submitted : draft),
    sendBack: bureau && submitted,
  };
};

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
  (project.currentTargetStatus === null ||
    (editableStatuses as readonly string[]).includes(project.currentTargetStatus));

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
