import type { DepartmentSeries } from '@jixiao/core/organisation/department.ts';
import type { Role, Workspace } from '@jixiao/core/roles.ts';
import { m } from '#lib/paraglide/messages.js';

/** Display names for domain codes. Each is a message, so both languages stay in `messages/`. */
export const roleLabel = (role: string): string => {
  const labels: Record<Role, () => string> = {
    'unit-preparer': m.role_unit_preparer,
    'unit-approver': m.role_unit_approver,
    'department-reviewer': m.role_department_reviewer,
    'business-section-reviewer': m.role_business_section_reviewer,
    'performance-section-reviewer': m.role_performance_section_reviewer,
    evaluator: m.role_evaluator,
    'agency-lead': m.role_agency_lead,
    observer: m.role_observer,
    'tenant-admin': m.role_tenant_admin,
  };
  return labels[role as Role]?.() ?? role;
};

export const seriesLabel = (series: string): string => {
  const labels: Record<DepartmentSeries, () => string> = {
    GOVERNMENT: m.series_government,
    PARTY_MASS: m.series_party_mass,
    STREET_PARK: m.series_street_park,
  };
  return labels[series as DepartmentSeries]?.() ?? series;
};

export const workspaceLabel = (workspace: Workspace): string => {
  const labels: Record<Workspace, () => string> = {
    admin: m.workspace_admin,
    bureau: m.workspace_bureau,
    department: m.workspace_department,
    field: m.workspace_field,
    observer: m.workspace_observer,
  };
  return labels[workspace]();
};
