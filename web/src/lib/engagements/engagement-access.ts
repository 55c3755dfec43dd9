import type { EngagementState } from '@jixiao/core/fieldwork/engagement.ts';
import type { Role } from '@jixiao/core/roles.ts';
import { withObserver } from '#lib/observer-access.ts';

/**
 * Who may do what with a key evaluation, mirroring the fieldwork route table and its operations
 * (the API checks again): the screens only offer what would be accepted, so nobody meets a
 * refusal for a button they should not have seen.
 */
export interface Person {
  roles: readonly Role[];
  agency: { id: string } | null;
}

export interface EngagementLike {
  state: EngagementState;
  agencyId: string | null;
  releasedAt: string | null;
}

export const bureauRoles: readonly Role[] = ['performance-section-reviewer', 'business-section-reviewer'];
export const departmentRoles: readonly Role[] = ['department-reviewer', 'unit-approver', 'unit-preparer'];
/**
 * Who reaches the list and the engagement page (an evaluator works in the field app instead); the
 * observer reads the released ones.
 */
export const engagementRoles: readonly Role[] = withObserver([...bureauRoles, 'agency-lead', ...departmentRoles]);

const has = (person: Person, role: Role) => person.roles.includes(role);
export const isPerformanceSection = (person: Person): boolean => has(person, 'performance-section-reviewer');
export const isBureau = (person: Person): boolean => bureauRoles.some((r) => has(person, r));

/** The lead of the agency the engagement is commissioned to. */
export const leadsAgency = (person: Person, e: Pick<EngagementLike, 'agencyId'>): boolean =>
  has(person, 'agency-lead') && person.agency !== null && e.agencyId !== null && person.agency.id === e.agencyId;

export interface EngagementSteps {
  /** The work plan may be edited (PATCH). */
  editPlan: boolean;
  commission: boolean;
  approvePlan: boolean;
  closeFieldwork: boolean;
  release: boolean;
  exportPapers: boolean;
  assign: boolean;
  /** Progress and assignments are the bureau's and the lead's, not the department's. */
  seeProgress: boolean;
}

export const engagementSteps = (person: Person, e: EngagementLike): EngagementSteps => {
  const performance = isPerformanceSection(person);
  const lead = leadsAgency(person, e);
  const planOpen = e.state === 'SELECTED' || e.state === 'AGENCY_CONTRACTED';
  return {
    editPlan: planOpen && (performance || (lead && e.state === 'AGENCY_CONTRACTED')),
    commission: performance && e.state === 'SELECTED',
    approvePlan: performance && e.state === 'AGENCY_CONTRACTED',
    closeFieldwork: lead && e.state === 'FIELDWORK',
    release: performance && (e.state === 'FIELDWORK' || e.state === 'PRELIM_FINDINGS') && e.releasedAt === null,
    exportPapers: performance || lead,
    assign: lead && (e.state === 'AGENCY_CONTRACTED' || e.state === 'FIELDWORK'),
    seeProgress: isBureau(person) || lead,
  };
};

/** The chip colour of a state (see app.css `.tag.*`). */
export const stateTone = (state: EngagementState): string =>
  state === 'SELECTED' ? 'draft' : state === 'AGENCY_CONTRACTED' ? 'wait' : state === 'FIELDWORK' ? 'back' : 'ok';
