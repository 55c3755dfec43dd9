import type { Principal } from '#core/principal.ts';
import type { Role } from '#core/roles.ts';

/**
 * The scope rules take the person as the API derives them from the token (a `Principal`). The web
 * app knows the person from `/me` (core/src/platform.ts), which names the same ids as objects; this
 * reads them back, so the screens ask core's rules exactly as the API does.
 */
type Named = { id: string } | null;
export interface Person {
  roles: readonly Role[];
  userId?: string;
  department?: Named;
  unit?: Named;
  agency?: Named;
  section?: Named;
}

export type ScopePrincipal = Pick<Principal, 'roles' | 'userId' | 'departmentId' | 'unitId' | 'agencyId' | 'sectionId'>;

export const principalOf = (person: Person): ScopePrincipal => ({
  roles: [...person.roles],
  userId: person.userId ?? '',
  departmentId: person.department?.id,
  unitId: person.unit?.id,
  agencyId: person.agency?.id,
  sectionId: person.section?.id,
});
