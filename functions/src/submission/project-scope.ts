import type { Principal } from '@jixiao/core/principal.ts';
import type { ListFilter } from '#functions/ports/record-store.ts';

/**
 * Who sees which projects, and everything hanging off them (targets, ex-ante assessments): the
 * bureau's sections see the tenant; a department reviewer their department; a unit's preparer and
 * approver their unit. Outside that scope a record is answered as not found, never as forbidden,
 * so its existence does not leak.
 */
interface Scoped {
  departmentId: unknown;
  unitId: unknown;
}

const bureauRoles = ['performance-section-reviewer', 'business-section-reviewer'] as const;

export const seesTenant = (p: Principal): boolean =>
  p.roles.some((r) => (bureauRoles as readonly string[]).includes(r));

export const canSee = (p: Principal, record: Scoped): boolean =>
  seesTenant(p) ||
  (p.roles.includes('department-reviewer') && p.departmentId !== undefined && p.departmentId === record.departmentId) ||
  ((p.roles.includes('unit-preparer') || p.roles.includes('unit-approver')) &&
    p.unitId !== undefined &&
    p.unitId === record.unitId);

/** The unit's own people edit its projects and targets. */
export const isUnitMember = (p: Principal, record: Scoped): boolean =>
  (p.roles.includes('unit-preparer') || p.roles.includes('unit-approver')) &&
  p.unitId !== undefined &&
  p.unitId === record.unitId;

/**
 * How to list within the caller's scope: the owner partition to read and the filters to add.
 * A filter asking for more than the scope allows narrows to nothing rather than widening.
 */
export const listScope = (
  p: Principal,
  asked: { departmentId?: string | undefined; unitId?: string | undefined },
): { ownerId?: string; filters: ListFilter[] } | 'nothing' => {
  if (seesTenant(p)) {
    return {
      ...(asked.departmentId ? { ownerId: asked.departmentId } : {}),
      filters: asked.unitId ? [{ field: 'unitId', op: 'eq', value: asked.unitId }] : [],
    };
  }
  if (!p.departmentId) return 'nothing';
  if (asked.departmentId && asked.departmentId !== p.departmentId) return 'nothing';
  if (p.roles.includes('department-reviewer')) {
    return {
      ownerId: p.departmentId,
      filters: asked.unitId ? [{ field: 'unitId', op: 'eq', value: asked.unitId }] : [],
    };
  }
  if (!p.unitId || (asked.unitId && asked.unitId !== p.unitId)) return 'nothing';
  return { ownerId: p.departmentId, filters: [{ field: 'unitId', op: 'eq', value: p.unitId }] };
};
