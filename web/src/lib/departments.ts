import type { Department } from '@jixiao/core/organisation/department.ts';
import { claimNames } from '@jixiao/core/principal.ts';
import { jwtClaims } from '#lib/oidc.ts';
import { readAll } from '#lib/paged-list.svelte.ts';
import { sessionManager } from '#lib/session-manager.svelte.ts';

/**
 * The departments a reviewer may filter a queue by, read once per signed-in person. The admin and
 * the reviewers may read them; for anyone else (403), or when reading fails, there are none and
 * the screens go without the filter.
 */
let cached: { token: string; departments: Promise<Department[]> } | undefined;

export const readableDepartments = (): Promise<Department[]> => {
  const token = sessionManager.token ?? '';
  if (cached?.token === token) return cached.departments;
  const departments = readAll<Department>('/departments')
    .then((items) => items.filter((d) => d.status === 'active').sort((a, b) => a.code.localeCompare(b.code)))
    .catch(() => {
      if (cached?.departments === departments) cached = undefined; // ask again next time
      return [];
    });
  cached = { token, departments };
  return departments;
};

/**
 * The finance section a business-section reviewer works in (归口), from the token's claim the API
 * reads too: only its departments' records reach them.
 */
export const mySectionId = (): string | undefined => {
  const claim = jwtClaims(sessionManager.token ?? '')?.[claimNames.section];
  return typeof claim === 'string' && claim ? claim : undefined;
};
