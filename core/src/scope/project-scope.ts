import type { Principal } from '#core/principal.ts';
import type { Role } from '#core/roles.ts';
import { isObserver, observerReads } from '#core/scope/observer-scope.ts';

/**
 * Who sees which projects, and everything hanging off them (targets, ex-ante assessments, monitoring
 * reports, rectifications), per docs/domain/README.md#roles: the performance section sees the tenant;
 * a business section the departments it is responsible for (归口); a department reviewer their
 * department; a unit's preparer and approver their unit. The API answers a record outside the scope
 * as not found, never as forbidden, so its existence does not leak; the web app asks the same rules.
 */
type Who = Pick<Principal, 'roles' | 'departmentId' | 'unitId' | 'sectionId'>;

export interface ScopedRecord {
  departmentId: unknown;
  unitId: unknown;
  /** The business section responsible for the record's department, copied when it was made. */
  financeSectionId?: unknown;
}

const performanceSection = (p: Pick<Principal, 'roles'>): boolean => p.roles.includes('performance-section-reviewer');

/**
 * Reads across the whole tenant: the performance section, and the observer — who is shown only
 * published records (canSee's `published`; lists of records with drafts filter for them).
 */
export const seesTenant = (p: Pick<Principal, 'roles'>): boolean => performanceSection(p) || isObserver(p);

const businessSectionOf = (p: Who): string | undefined =>
  p.roles.includes('business-section-reviewer') ? p.sectionId : undefined;

/** The unit's own people edit its projects and targets. */
export const isUnitMember = (p: Who, record: Pick<ScopedRecord, 'unitId'>): boolean =>
  (p.roles.includes('unit-preparer') || p.roles.includes('unit-approver')) &&
  p.unitId !== undefined &&
  p.unitId === record.unitId;

/**
 * `published` says whether the record is one the observer may read (core/src/scope/observer-scope.ts):
 * a target version or report once sent, an assessment once concluded; the rest as issued.
 */
export const canSee = (p: Who, record: ScopedRecord, published = true): boolean =>
  performanceSection(p) ||
  observerReads(p, published) ||
  (businessSectionOf(p) !== undefined && businessSectionOf(p) === record.financeSectionId) ||
  (p.roles.includes('department-reviewer') && p.departmentId !== undefined && p.departmentId === record.departmentId) ||
  isUnitMember(p, record);

/**
 * What a list within the caller's scope reads: the owner (department) partition, if one, and the
 * fields every listed record must match. Asking for more than the scope allows narrows to nothing
 * rather than widening.
 */
export interface ListScope {
  departmentId?: string;
  unitId?: string;
  financeSectionId?: string;
}

export const listScope = (
  p: Who,
  asked: { departmentId?: string | undefined; unitId?: string | undefined },
): ListScope | 'nothing' => {
  const unit = asked.unitId ? { unitId: asked.unitId } : {};
  const department = asked.departmentId ? { departmentId: asked.departmentId } : {};
  if (seesTenant(p)) return { ...department, ...unit };
  const section = businessSectionOf(p);
  if (section) return { ...department, financeSectionId: section, ...unit };
  if (!p.departmentId) return 'nothing';
  if (asked.departmentId && asked.departmentId !== p.departmentId) return 'nothing';
  if (p.roles.includes('department-reviewer')) return { departmentId: p.departmentId, ...unit };
  if (!p.unitId || (asked.unitId && asked.unitId !== p.unitId)) return 'nothing';
  return { departmentId: p.departmentId, unitId: p.unitId };
};

/**
 * Whether the caller may act in a review step's role on a record (targets, monitoring reports): the unit's approver,
 * the department's reviewer, the responsible business section, the performance section. The review engine asks it.
 */
export const mayActAs = (p: Who, role: Role, record: ScopedRecord): boolean => {
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
