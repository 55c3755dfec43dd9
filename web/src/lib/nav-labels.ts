import type { NavLabel } from '#lib/navigation.ts';
import { m } from '#lib/paraglide/messages.js';

/** The text of a navigation destination (web/messages), for the bar and the breadcrumbs alike. */
const labels: Record<NavLabel, () => string> = {
  nav_todo: m.nav_todo,
  nav_home: m.nav_home,
  nav_projects: m.nav_projects,
  nav_review: m.nav_review,
  nav_monitoring: m.nav_monitoring,
  nav_monitoring_review: m.nav_monitoring_review,
  nav_self_evaluation: m.nav_self_evaluation,
  nav_self_evaluation_review: m.nav_self_evaluation_review,
  nav_self_evaluation_settings: m.nav_self_evaluation_settings,
  nav_rectifications: m.nav_rectifications,
  nav_department_evaluations: m.nav_department_evaluations,
  nav_library: m.nav_library,
  nav_engagements: m.nav_engagements,
  nav_ex_ante: m.nav_ex_ante,
  nav_execution_imports: m.nav_execution_imports,
  nav_table_checks: m.nav_table_checks,
  nav_exports: m.nav_exports,
  nav_results: m.nav_results,
  nav_trainings: m.nav_trainings,
  nav_departments: m.nav_departments,
  nav_users: m.nav_users,
  nav_workspace_admin: m.nav_workspace_admin,
  nav_workspace_bureau: m.nav_workspace_bureau,
  nav_workspace_department: m.nav_workspace_department,
  nav_workspace_field: m.nav_workspace_field,
  nav_workspace_observer: m.nav_workspace_observer,
};

export const navLabel = (label: NavLabel): string => labels[label]();
