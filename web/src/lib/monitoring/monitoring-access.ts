import {
  canTakeReportAction,
  editableReportStatuses,
  type ReportAction,
} from '@jixiao/core/monitoring/report-workflow.ts';
import { type Role, sectionRoles } from '@jixiao/core/roles.ts';
import { principalOf } from '@jixiao/core/scope/person.ts';
import { isUnitMember } from '@jixiao/core/scope/project-scope.ts';
import { dashboardRoles } from '@jixiao/core/scope/role-groups.ts';
import type { TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import { type ReviewerRole, reviewerRoles } from '@jixiao/core/submission/review-workflow.ts';

/**
 * What the monitoring screens offer whom. The role groups are core's (core/src/scope/role-groups.ts),
 * the same ones the monitoring route table lets in; the steps are the review engine's.
 */
export { dashboardRoles, projectReaderRoles as monitoringRoles } from '@jixiao/core/scope/role-groups.ts';
export { reviewerRoles, sectionRoles as bureauRoles };

export interface Person {
  roles: readonly Role[];
  unit: { id: string } | null;
  department: { id: string } | null;
}

interface ReportLike {
  reviewStatus: TargetStatus;
  unitId: string;
  version: number;
}

const has = (person: Pick<Person, 'roles'>, role: Role) => person.roles.includes(role);
export const isPerformanceSection = (person: Pick<Person, 'roles'>): boolean =>
  has(person, 'performance-section-reviewer');
export const isBureau = (person: Pick<Person, 'roles'>): boolean => sectionRoles.some((r) => has(person, r));
export const seesDashboard = (person: Pick<Person, 'roles'>): boolean => dashboardRoles.some((r) => has(person, r));

/** The unit's preparer and approver fill in a draft or a returned report. */
export const mayEdit = (person: Person, report: ReportLike): boolean =>
  isUnitMember(principalOf(person), report) && editableReportStatuses.includes(report.reviewStatus);

/** Only the unit's approver sends it on (送审). */
export const maySubmit = (person: Person, report: ReportLike): boolean =>
  has(person, 'unit-approver') && mayEdit(person, report);

const approvalOf: Record<ReviewerRole, ReportAction> = {
  'department-reviewer': 'department-approve',
  'business-section-reviewer': 'first-approve',
  'performance-section-reviewer': 'final-approve',
};

/** The review step a person may take on a report in this state, if any (the API also checks whose it is). */
export const reviewRoleFor = (roles: readonly Role[], status: TargetStatus): ReviewerRole | undefined =>
  reviewerRoles.find((r) => roles.includes(r) && canTakeReportAction(approvalOf[r], status));

/** The API path of each reviewer's step. */
export const reviewEndpoint: Record<ReviewerRole, string> = {
  'department-reviewer': 'department-review',
  'business-section-reviewer': 'first-review',
  'performance-section-reviewer': 'final-review',
};

/** Issued and never saved: its figures are the zeros it was made with, so its colour says nothing yet. */
export const notFilledIn = (report: ReportLike): boolean => report.reviewStatus === 'DRAFT' && report.version === 1;
