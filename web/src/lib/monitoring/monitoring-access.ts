import {
  canTakeReportAction,
  editableReportStatuses,
  type ReportAction,
} from '@jixiao/core/monitoring/report-workflow.ts';
import type { Role } from '@jixiao/core/roles.ts';
import type { TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import { type ReviewerRole, reviewerRoles } from '@jixiao/core/submission/review-workflow.ts';
import { withObserver } from '#lib/observer-access.ts';

/**
 * Who works on which monitoring screen, mirroring the monitoring route table and its operations
 * (the API checks again): the screens offer only what would be accepted.
 */
export const unitRoles: readonly Role[] = ['unit-preparer', 'unit-approver'];
export const bureauRoles: readonly Role[] = ['business-section-reviewer', 'performance-section-reviewer'];
/** Everyone who works on projects reads rounds, reports and rectifications; the observer what was sent. */
export const monitoringRoles: readonly Role[] = withObserver([...unitRoles, 'department-reviewer', ...bureauRoles]);
/** The dashboard: the bureau's two sections, a department for its own figures, the observer the district's. */
export const dashboardRoles: readonly Role[] = withObserver([...bureauRoles, 'department-reviewer']);
export { reviewerRoles };

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
export const isBureau = (person: Pick<Person, 'roles'>): boolean => bureauRoles.some((r) => has(person, r));
export const seesDashboard = (person: Pick<Person, 'roles'>): boolean => dashboardRoles.some((r) => has(person, r));

const ofUnit = (person: Person, report: Pick<ReportLike, 'unitId'>) =>
  person.unit !== null && person.unit.id === report.unitId;

/** The unit's preparer and approver fill in a draft or a returned report. */
export const mayEdit = (person: Person, report: ReportLike): boolean =>
  unitRoles.some((r) => has(person, r)) &&
  ofUnit(person, report) &&
  editableReportStatuses.includes(report.reviewStatus);

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
