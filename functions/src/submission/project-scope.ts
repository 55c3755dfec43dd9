import type { Principal } from '@jixiao/core/principal.ts';
import type { Role } from '@jixiao/core/roles.ts';
import { isObserver, observerReads } from '@jixiao/core/scope/observer-scope.ts';
import type { ListFilter } from '#functions/ports/record-store.ts';

/**
 * Who sees which projects, and everything hanging off them (targets, ex-ante assessments): the
 * performance section sees the tenant; a business section the departments it is responsible for
 * (归口); a department reviewer their department; a unit's preparer and approver their unit.
 * Outside that scope a record is answered as not found, never as forbidden, so its existence does
 * not leak.
 */
interface Scoped {
  departmentId: unknown;
  unitId: unknown;
  /** The business section responsible for the record's department, copied when it was made. */
  financeSectionId?: unknown;
}

const performanceSection = (p: Principal): boolean => p.roles.includes('performance-section-reviewer');

/**
 * Reads across the whole tenant: the performance section, and the observer — who is shown only
 * published records (canSee's `published`; lists of records with drafts filter for them).
 */
export const seesTenant = (p: Principal): boolean => performanceSection(p) || isObserver(p);

const businessSectionOf = (p: Principal): string | undefined =>
  p.roles.includes('business-section-reviewer') ? p.sectionId : undefined;

/**
 * `published` says whether the record is one the observer may read (core/src/scope/observer-scope.ts):
 * a target version or report once sent, an assessment once concluded; the rest as issued.
 */
export const canSee = (p: Principal, record: Scoped, published = true): boolean =>
  performanceSection(p) ||
  observerReads(p, published) ||
  (businessSectionOf(p) !== undefined && businessSectionOf(p) === record.financeSectionId) ||
  (p.roles.includes('department-reviewer') && p.departmentId !== undefined && p.departmentId === record.departmentId) ||
  isUnitMember(p, record);

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
  const unitFilter: ListFilter[] = asked.unitId ? [{ field: 'unitId', op: 'eq', value: asked.unitId }] : [];
  const department = asked.departmentId ? { ownerId: asked.departmentId } : {};
  if (seesTenant(p)) return { ...department, filters: unitFilter };
  const section = businessSectionOf(p);
  if (section)
    return { ...department, filters: [{ field: 'financeSectionId', op: 'eq', value: section }, ...unitFilter] };
  if (!p.departmentId) return 'nothing';
  if (asked.departmentId && asked.departmentId !== p.departmentId) return 'nothing';
  if (p.roles.includes('department-reviewer')) return { ownerId: p.departmentId, filters: unitFilter };
  if (!p.unitId || (asked.unitId && asked.unitId !== p.unitId)) return 'nothing';
  return { ownerId: p.departmentId, filters: [{ field: 'unitId', op: 'eq', value: p.unitId }] };
};

/**
 * Whether the caller may act in a review step's role on a record (targets, monitoring reports): the unit's approver,
 * the department's reviewer, the responsible business section, the performance section. The review engine asks it.
 */
export const mayActAs = (p: Principal, role: Role, record: Scoped): boolean => {
  if (!p.roles.includes(role)) return false;
  switch (role) {
    case 'unit-approver':
      return p.unitId !== undefined && p.unitId === record.unitId;
    case 'department-reviewer':
      return p.departmentId !== undefined && p.departmentId === record.departmentId;
    case 'business-section-reviewer':
      return p.sectionId !== undefined && p.sectionId === record.financeSectionId;
    default:
      return true;
  }
};
