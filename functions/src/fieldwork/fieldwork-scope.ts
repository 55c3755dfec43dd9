import type { Assignment } from '@jixiao/core/fieldwork/assignment.ts';
import type { Engagement } from '@jixiao/core/fieldwork/engagement.ts';
import type { Principal } from '@jixiao/core/principal.ts';
import { observerReads, publishedEngagement } from '@jixiao/core/scope/observer-scope.ts';
import type { StoredRecord } from '#functions/ports/record-store.ts';

/**
 * Who sees which engagement and its evidence (issue 4, item 7): the performance section the whole
 * tenant; a business section the departments it is responsible for; the commissioned agency's lead
 * everything of the agency's engagements; an evaluator only their own assignments and what they
 * recorded; the evaluated department and the observer (人大/审计) only once the bureau has released
 * the evidence. Anything else is answered as not found.
 */
export type StoredEngagement = Engagement & StoredRecord & { financeSectionId: string | null };
export type StoredAssignment = Assignment & StoredRecord;

export const isPerformanceSection = (p: Principal): boolean => p.roles.includes('performance-section-reviewer');

export const bureauSees = (p: Principal, e: Pick<StoredEngagement, 'financeSectionId'>): boolean =>
  isPerformanceSection(p) ||
  (p.roles.includes('business-section-reviewer') && p.sectionId !== undefined && p.sectionId === e.financeSectionId);

export const leadsAgencyOf = (p: Principal, e: { agencyId: string | null }): boolean =>
  p.roles.includes('agency-lead') && p.agencyId !== undefined && p.agencyId === e.agencyId;

const departmentRoles = ['department-reviewer', 'unit-approver', 'unit-preparer'] as const;

/** The evaluated department, after release. */
export const departmentSees = (p: Principal, e: Pick<StoredEngagement, 'departmentId' | 'releasedAt'>): boolean =>
  e.releasedAt !== null &&
  departmentRoles.some((r) => p.roles.includes(r)) &&
  p.departmentId !== undefined &&
  p.departmentId === e.departmentId;

/** The evaluator an assignment belongs to (of the agency it was made for). */
export const isAssignee = (p: Principal, a: Pick<StoredAssignment, 'evaluatorId' | 'agencyId'>): boolean =>
  (p.roles.includes('evaluator') || p.roles.includes('agency-lead')) &&
  p.userId === a.evaluatorId &&
  p.agencyId === a.agencyId;

/** The observer, after release (read only: no write route lets an observer in). */
export const observerSees = (p: Principal, e: Pick<StoredEngagement, 'releasedAt'>): boolean =>
  observerReads(p, publishedEngagement(e));

/** Sees the whole engagement (every assignment and record). */
export const seesEngagement = (p: Principal, e: StoredEngagement): boolean =>
  bureauSees(p, e) || leadsAgencyOf(p, e) || departmentSees(p, e) || observerSees(p, e);
