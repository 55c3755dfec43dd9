import type { Principal } from '@jixiao/core/principal.ts';
import { listScope as scopeOfList } from '@jixiao/core/scope/project-scope.ts';
import type { ListFilter } from '#functions/ports/record-store.ts';

/**
 * A list within the caller's scope (core/src/scope/project-scope.ts) as the store reads it: the
 * owner partition to read and the filters to add.
 */
export const listScope = (
  p: Principal,
  asked: { departmentId?: string | undefined; unitId?: string | undefined },
): { ownerId?: string; filters: ListFilter[] } | 'nothing' => {
  const scope = scopeOfList(p, asked);
  if (scope === 'nothing') return 'nothing';
  const filters: ListFilter[] = [];
  if (scope.financeSectionId) filters.push({ field: 'financeSectionId', op: 'eq', value: scope.financeSectionId });
  if (scope.unitId) filters.push({ field: 'unitId', op: 'eq', value: scope.unitId });
  return { ...(scope.departmentId ? { ownerId: scope.departmentId } : {}), filters };
};
