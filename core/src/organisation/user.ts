import * as v from 'valibot';
import type { Language } from '#core/language.ts';
import type { FieldError } from '#core/problem.ts';
import { agencyRoles, departmentRoles, type Role, roles, sectionRoles, unitRoles } from '#core/roles.ts';
import { anyId, pageQuery, recordMeta, recordStatus, text, uuidV7Id, version } from '#core/schema-parts.ts';
import { describe } from '#core/validation.ts';

/**
 * A person who signs in, with the roles of docs/domain/README.md#roles and the organisation they act for.
 * The same department/unit/agency ends up as claims in the person's token.
 */
const fields = {
  username: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(/^[a-z0-9._-]{3,40}$/, 'username')),
  displayName: text(1, 40),
  roles: v.pipe(
    v.array(v.picklist(roles)),
    v.minLength(1, 'min_items'),
    v.maxLength(roles.length, 'max_items'),
    v.check((list) => new Set(list).size === list.length, 'unique_roles'),
  ),
  departmentId: v.nullish(anyId),
  unitId: v.nullish(anyId),
  agencyId: v.nullish(anyId),
  financeSectionId: v.nullish(anyId),
  /** Where the sign-in invitation goes (the user pool signs people in with it too). */
  email: v.nullish(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email('email'))),
};

/**
 * How far the identity directory (Cognito) has caught up with this record: `pending` while the
 * directory call is under way (or was cut off), `invited` once a new person has been sent the
 * invitation, `synced` once the directory holds what the record says, `failed` when the directory
 * refused or could not be reached; the admin page offers a retry for the last two.
 */
export const directoryStates = ['pending', 'invited', 'synced', 'failed'] as const;
export type DirectoryState = (typeof directoryStates)[number];
export const directorySync = v.object({
  state: v.picklist(directoryStates),
  at: v.string(),
  /** Why the last attempt failed, in the directory's words (for the operator, never shown as a rule). */
  problem: v.optional(v.string()),
  /** A deactivation or a loss of powers whose global sign-out the directory has not yet done. */
  signOutPending: v.optional(v.boolean()),
});
export type DirectorySync = v.InferOutput<typeof directorySync>;

export const createUser = v.strictObject({ id: uuidV7Id, ...fields });
export const updateUser = v.strictObject({
  version,
  username: v.optional(fields.username),
  displayName: v.optional(fields.displayName),
  roles: v.optional(fields.roles),
  departmentId: v.optional(fields.departmentId),
  unitId: v.optional(fields.unitId),
  agencyId: v.optional(fields.agencyId),
  financeSectionId: v.optional(fields.financeSectionId),
  email: v.optional(fields.email),
  status: v.optional(v.picklist(recordStatus)),
});
export const user = v.object({ ...recordMeta, ...fields, directory: v.optional(directorySync) });
export const userQuery = v.strictObject({
  ...pageQuery,
  role: v.optional(v.picklist(roles)),
  departmentId: v.optional(anyId),
  agencyId: v.optional(anyId),
});

export type User = v.InferOutput<typeof user>;
export type CreateUser = v.InferOutput<typeof createUser>;

export interface UserAssignment {
  roles: readonly Role[];
  departmentId?: string | null | undefined;
  unitId?: string | null | undefined;
  agencyId?: string | null | undefined;
  financeSectionId?: string | null | undefined;
}

/** The organisation each role needs, checked on the whole (merged) user so create and update agree. */
export const userAssignmentErrors = (u: UserAssignment, language: Language): FieldError[] => {
  const errors: FieldError[] = [];
  const needs = (group: readonly Role[]) => u.roles.some((r) => group.includes(r));
  const add = (pointer: string, code: string) => errors.push({ pointer, code, message: describe(code, language) });
  if (needs(unitRoles) && !u.unitId) add('/unitId', 'unit_required');
  if (needs(departmentRoles) && !u.departmentId) add('/departmentId', 'department_required');
  if (needs(agencyRoles) && !u.agencyId) add('/agencyId', 'agency_required');
  if (needs(sectionRoles) && !u.financeSectionId) add('/financeSectionId', 'section_required');
  return errors;
};
