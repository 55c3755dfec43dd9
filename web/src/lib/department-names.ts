import type { Department } from '@jixiao/core/organisation/department.ts';
import { readAll } from '#lib/paged-list.svelte.ts';

/**
 * Department names for the review screens, where the records carry only the department's id.
 * The department list is the administrator's today, so for reviewers this usually comes back
 * empty (asked once per session, not on every screen) and the screens fall back to the series.
 */
let names: Promise<Map<string, Department>> | undefined;

export const departmentNames = (): Promise<Map<string, Department>> => {
  names ??= readAll<Department>('/departments')
    .then((items) => new Map(items.map((d) => [d.id, d])))
    .catch(() => new Map());
  return names;
};
