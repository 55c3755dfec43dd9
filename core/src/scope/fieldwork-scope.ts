import type { Assignment } from '#core/fieldwork/assignment.ts';
import type { Engagement } from '#core/fieldwork/engagement.ts';
import type { Principal } from '#core/principal.ts';
import { observerReads, publishedEngagement } from '#core/scope/observer-scope.ts';

/**
 * Who sees which engagement and its evidence (docs/domain/fieldwork.md): the performance section the
 * whole tenant; a business section the departments it is responsible for; the commissioned agency's
 * lead everything of the agency's engagements; an evaluator only their own assignments and what they
 * recorded; the evaluated department and the observer (人大/审计) only once the bureau has released
 * the evidence. The API answers anything else as not found; the web app asks the same functions
 * to decide what it offers.
 */
type Who = Pick<Principal, 'roles' | 'userId' | 'agencyId' | 'sectionId' | 'departmentId'>;
export type ScopedEngagement = Pick<Engagement, 'agencyId' | 'departmentId' | 'releasedAt'> & {
  financeSectionId: string | null;
};

export const isPerformanceSection = (p: Pick<Principal, 'roles'>): boolean =>
  p.roles.includes('performance-section-reviewer');

export const bureauSees = (
  p: Pick<Who, 'roles' | 'sectionId'>,
  e: Pick<ScopedEngagement, 'financeSectionId'>,
): boolean =>
  isPerformanceSection(p) ||
  (p.roles.includes('business-section-reviewer') && p.sectionId !== undefined && p.sectionId === e.financeSectionId);

export const leadsAgencyOf = (p: Pick<Who, 'roles' | 'agencyId'>, e: Pick<ScopedEngagement, 'agencyId'>): boolean =>
  p.roles.includes('agency-lead') && p.agencyId !== undefined && e.agencyId !== null && p.agencyId === e.agencyId;

const departmentRoles = ['department-reviewer', 'unit-approver', 'unit-preparer'] as const;

/** The evaluated department, after release. */
export const departmentSees = (
  p: Pick<Who, 'roles' | 'departmentId'>,
  e: Pick<ScopedEngagement, 'departmentId' | 'releasedAt'>,
): boolean =>
  e.releasedAt !== null &&
  departmentRoles.some((r) => p.roles.includes(r)) &&
  p.departmentId !== undefined &&
  p.departmentId === e.departmentId;

/** The evaluator an assignment belongs to (of the agency it was made for). */
export const isAssignee = (p: Who, a: Pick<Assignment, 'evaluatorId' | 'agencyId'>): boolean =>
  (p.roles.includes('evaluator') || p.roles.includes('agency-lead')) &&
  p.userId === a.evaluatorId &&
  p.agencyId === a.agencyId;

/** The observer, after release (read only: no write route lets an observer in). */
export const observerSees = (p: Pick<Who, 'roles'>, e: Pick<ScopedEngagement, 'releasedAt'>): boolean =>
  observerReads(p, publishedEngagement(e));

/** Sees the whole engagement (every assignment and record). */
export const seesEngagement = (p: Who, e: ScopedEngagement): boolean =>
  bureauSees(p, e) || leadsAgencyOf(p, e) || departmentSees(p, e) || observerSees(p, e);
