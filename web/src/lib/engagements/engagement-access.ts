import type { EngagementState } from '@jixiao/core/fieldwork/engagement.ts';
import { type Role, sectionRoles } from '@jixiao/core/roles.ts';
import { isPerformanceSection as isPerformanceSectionPrincipal } from '@jixiao/core/scope/fieldwork-scope.ts';
import { principalOf } from '@jixiao/core/scope/person.ts';

/**
 * The engagement screens' groups and labels. What a person may do with a key evaluation is core's
 * `engagementSteps` (core/src/fieldwork/engagement-steps.ts), the rules the API refuses by.
 */
export interface Person {
  roles: readonly Role[];
  agency: { id: string } | null;
}

export { engagementRoles } from '@jixiao/core/scope/role-groups.ts';

export const isPerformanceSection = (person: Person): boolean => isPerformanceSectionPrincipal(principalOf(person));
export const isBureau = (person: Person): boolean => sectionRoles.some((r) => person.roles.includes(r));

/** The chip colour of a state (see app.css `.tag.*`). */
export const stateTone = (state: EngagementState): string =>
  state === 'SELECTED' ? 'draft' : state === 'AGENCY_CONTRACTED' ? 'wait' : state === 'FIELDWORK' ? 'back' : 'ok';
