import type { EngagementState } from '@jixiao/core/fieldwork/engagement.ts';
import { type Role, sectionRoles } from '@jixiao/core/roles.ts';
import {
  isPerformanceSection as isPerformanceSectionPrincipal,
  leadsAgencyOf,
} from '@jixiao/core/scope/fieldwork-scope.ts';
import { principalOf } from '@jixiao/core/scope/person.ts';

/**
 * Who may do what with a key evaluation, by the rules the fieldwork routes and operations apply
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

export { engagementRoles } from '@jixiao/core/scope/role-groups.ts';

export const isPerformanceSection = (person: Person): boolean => isPerformanceSectionPrincipal(principalOf(person));
export const isBureau = (person: Person): boolean => sectionRoles.some((r) => person.roles.includes(r));

/** The lead of the agency the engagement is commissioned to. */
export const leadsAgency = (person: Person, e: Pick<EngagementLike, 'agencyId'>): boolean =>
  leadsAgencyOf(principalOf(person), e);

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
