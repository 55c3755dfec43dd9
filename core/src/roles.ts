/**
 * The roles of docs/domain/README.md#roles. Their names are also the Cognito group names, so a token's
 * `cognito:groups` claim carries them unchanged.
 */
export const roles = [
  'unit-preparer',
  'unit-approver',
  'department-reviewer',
  'business-section-reviewer',
  'performance-section-reviewer',
  'evaluator',
  'agency-lead',
  'observer',
  'tenant-admin',
] as const;

export type Role = (typeof roles)[number];

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/** Which home page a role lands on. A user with several roles gets the first in this order. */
export type Workspace = 'admin' | 'bureau' | 'department' | 'field' | 'observer';

export const workspaceOf: Record<Role, Workspace> = {
  'tenant-admin': 'admin',
  'performance-section-reviewer': 'bureau',
  'business-section-reviewer': 'bureau',
  'department-reviewer': 'department',
  'unit-approver': 'department',
  'unit-preparer': 'department',
  'agency-lead': 'field',
  evaluator: 'field',
  observer: 'observer',
};

/** Workspaces in the order they are offered and listed. */
export const workspaceOrder: readonly Workspace[] = ['admin', 'bureau', 'department', 'field', 'observer'];

export const primaryWorkspace = (userRoles: readonly Role[]): Workspace | undefined =>
  workspaceOrder.find((w) => userRoles.some((r) => workspaceOf[r] === w));

/** Roles that act for one department (and need a department on their account). */
export const departmentRoles: readonly Role[] = ['unit-preparer', 'unit-approver', 'department-reviewer'];
/** Roles that act for one budget unit. */
export const unitRoles: readonly Role[] = ['unit-preparer', 'unit-approver'];
/** Roles that belong to a third-party agency. */
export const agencyRoles: readonly Role[] = ['evaluator', 'agency-lead'];
/** Roles that sit in a finance-bureau section. */
export const sectionRoles: readonly Role[] = ['business-section-reviewer', 'performance-section-reviewer'];
