import { primaryWorkspace, type Role, type Workspace, workspaceOf, workspaceOrder } from '@jixiao/core/roles.ts';

/**
 * The persistent navigation (docs/architecture.md#navigation): which destinations a person's roles
 * give them, in order. Pure, so the list is tested without a browser; the bar and the side bar
 * (app-nav.svelte) only draw it. The first item is always the person's home (their to-do list);
 * a phone shows at most four destinations and a 更多 sheet with the rest, a desktop shows them all.
 */

/** The message (web/messages) naming each destination; app-nav.svelte maps it to the text. */
export type NavLabel =
  | 'nav_todo'
  | 'nav_home'
  | 'nav_projects'
  | 'nav_review'
  | 'nav_monitoring'
  | 'nav_monitoring_review'
  | 'nav_self_evaluation'
  | 'nav_self_evaluation_review'
  | 'nav_self_evaluation_settings'
  | 'nav_rectifications'
  | 'nav_department_evaluations'
  | 'nav_library'
  | 'nav_engagements'
  | 'nav_ex_ante'
  | 'nav_execution_imports'
  | 'nav_table_checks'
  | 'nav_exports'
  | 'nav_results'
  | 'nav_trainings'
  | 'nav_departments'
  | 'nav_users'
  | 'nav_workspace_admin'
  | 'nav_workspace_bureau'
  | 'nav_workspace_department'
  | 'nav_workspace_field'
  | 'nav_workspace_observer';

export type NavIcon =
  | 'todo'
  | 'home'
  | 'folder'
  | 'review'
  | 'chart'
  | 'clipboard'
  | 'wrench'
  | 'building'
  | 'book'
  | 'search'
  | 'gear'
  | 'upload'
  | 'table'
  | 'users'
  | 'swap';

export interface NavItem {
  href: string;
  label: NavLabel;
  icon: NavIcon;
  /** Path prefixes (whole segments) under which this item is the current one. */
  prefixes: readonly string[];
}

export interface Navigation {
  /** Shown in the phone's bottom bar, home first (at most four: the fifth place is 更多). */
  primary: NavItem[];
  /** The rest, in the phone's 更多 sheet; listed under the primary items on a desktop. */
  more: NavItem[];
}

/** The phone's bar holds four destinations and 更多. */
export const barSize = 4;

const item = (href: string, label: NavLabel, icon: NavIcon, prefixes: readonly string[] = [href]): NavItem => ({
  href,
  label,
  icon,
  prefixes,
});

const homeOf: Record<Workspace, NavItem> = {
  admin: item('/admin', 'nav_home', 'home'),
  bureau: item('/bureau', 'nav_todo', 'todo'),
  department: item('/department', 'nav_todo', 'todo'),
  field: item('/field', 'nav_todo', 'todo'),
  observer: item('/observer', 'nav_home', 'home'),
};

const otherWorkspace: Record<Workspace, NavItem> = {
  admin: item('/admin', 'nav_workspace_admin', 'swap'),
  bureau: item('/bureau', 'nav_workspace_bureau', 'swap'),
  department: item('/department', 'nav_workspace_department', 'swap'),
  field: item('/field', 'nav_workspace_field', 'swap'),
  observer: item('/observer', 'nav_workspace_observer', 'swap'),
};

/** The destinations of each workspace after its home, in the order they are offered. */
const destinations = (workspace: Workspace, roles: readonly Role[]): NavItem[] => {
  const has = (role: Role) => roles.includes(role);
  switch (workspace) {
    case 'department': {
      const reviewer = has('department-reviewer');
      return [
        // a project's target versions belong to it
        item('/projects', 'nav_projects', 'folder', ['/projects', '/targets']),
        item('/monitoring', 'nav_monitoring', 'chart'),
        item('/self-evaluations', 'nav_self_evaluation', 'clipboard'),
        ...(reviewer ? [item('/review', 'nav_review', 'review')] : []),
        ...(reviewer ? [item('/monitoring/review', 'nav_monitoring_review', 'review')] : []),
        item('/rectifications', 'nav_rectifications', 'wrench'),
        item('/department-evaluations', 'nav_department_evaluations', 'building'),
        item('/library', 'nav_library', 'book'),
        item('/engagements', 'nav_engagements', 'search'),
      ];
    }
    case 'bureau': {
      const performance = has('performance-section-reviewer');
      return [
        item('/review', 'nav_review', 'review'),
        item('/monitoring', 'nav_monitoring', 'chart'),
        item('/self-evaluation-rounds', 'nav_self_evaluation', 'clipboard', [
          '/self-evaluation-rounds',
          '/self-evaluations',
        ]),
        item('/projects', 'nav_projects', 'folder', ['/projects', '/targets']),
        ...(performance ? [item('/ex-ante', 'nav_ex_ante', 'search')] : []),
        item('/monitoring/review', 'nav_monitoring_review', 'review'),
        item('/rectifications', 'nav_rectifications', 'wrench'),
        item('/self-evaluation-review', 'nav_self_evaluation_review', 'review'),
        item('/self-evaluation-settings', 'nav_self_evaluation_settings', 'gear'),
        ...(performance ? [item('/execution-imports', 'nav_execution_imports', 'upload')] : []),
        ...(performance ? [item('/exports', 'nav_exports', 'table')] : []),
        ...(performance ? [item('/results', 'nav_results', 'chart')] : []),
        item('/trainings', 'nav_trainings', 'users'),
        item('/table-checks', 'nav_table_checks', 'table'),
        item('/library', 'nav_library', 'book'),
        item('/engagements', 'nav_engagements', 'search'),
      ];
    }
    case 'field':
      return [
        ...(has('agency-lead') ? [item('/engagements', 'nav_engagements', 'search')] : []),
        item('/ex-ante', 'nav_ex_ante', 'clipboard'),
        item('/library', 'nav_library', 'book'),
      ];
    case 'observer':
      return [
        item('/projects', 'nav_projects', 'folder', ['/projects', '/targets']),
        item('/monitoring', 'nav_monitoring', 'chart'),
        item('/rectifications', 'nav_rectifications', 'wrench'),
        item('/engagements', 'nav_engagements', 'search'),
        item('/ex-ante', 'nav_ex_ante', 'clipboard'),
        item('/results', 'nav_results', 'chart'),
      ];
    case 'admin':
      return [item('/admin/departments', 'nav_departments', 'building'), item('/admin/users', 'nav_users', 'users')];
  }
};

/**
 * The navigation of someone with these roles: their primary workspace's home and destinations,
 * then the homes of any other workspaces their roles open. Nobody signed in: nothing.
 */
export const navigationFor = (roles: readonly Role[]): Navigation => {
  const workspace = primaryWorkspace(roles);
  if (!workspace) return { primary: [], more: [] };
  const others = workspaceOrder
    .filter((w) => w !== workspace && roles.some((r) => workspaceOf[r] === w))
    .map((w) => otherWorkspace[w]);
  const all = [homeOf[workspace], ...destinations(workspace, roles), ...others];
  // Five fit in the bar without a 更多 sheet; more than that keep four and put the rest behind it.
  return all.length <= barSize + 1
    ? { primary: all, more: [] }
    : { primary: all.slice(0, barSize), more: all.slice(barSize) };
};

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/**
 * The item a path belongs to: the longest prefix wins, so /monitoring/review is 监控审核 where the
 * person has it and 监控 where they do not. Undefined for a page outside every item.
 */
export const currentItem = (navigation: Navigation, path: string): NavItem | undefined => {
  let best: NavItem | undefined;
  let length = -1;
  for (const candidate of [...navigation.primary, ...navigation.more]) {
    for (const prefix of candidate.prefixes) {
      if (under(path, prefix) && prefix.length > length) {
        best = candidate;
        length = prefix.length;
      }
    }
  }
  return best;
};
