import { agencyRoles, departmentRoles, type Role, sectionRoles, unitRoles } from '#core/roles.ts';

/**
 * Who works on which part of the system (docs/domain/README.md#roles), named once: the API's route
 * table lets these groups in and the web app offers its screens to the same groups, so a screen is
 * never shown to someone the API would refuse, nor hidden from someone it would serve.
 */
/** Everyone who works on projects and what hangs off them: the unit, its department, the bureau's sections. */
export const projectRoles: readonly Role[] = [...unitRoles, 'department-reviewer', ...sectionRoles];

/** The observer (人大/审计) reads what was published; no write route lets it in. */
export const observerRole: Role = 'observer';

/** A group with the observer added, for the reads the API serves it. */
export const withObserver = (group: readonly Role[]): readonly Role[] =>
  group.includes(observerRole) ? group : [...group, observerRole];

/** Projects, target versions, monitoring rounds, reports and rectifications are read by their people and the observer. */
export const projectReaderRoles: readonly Role[] = withObserver(projectRoles);

/** The ex-ante assessments' own screens: the performance section and a commissioned agency; the observer reads concluded ones. */
export const exAnteRoles: readonly Role[] = withObserver(['performance-section-reviewer', ...agencyRoles]);

/** The monitoring dashboard: the bureau, a department for its own figures, the observer the district's. */
export const dashboardRoles: readonly Role[] = withObserver([...sectionRoles, 'department-reviewer']);

/**
 * A key evaluation's list and page: the bureau, the commissioned agency's lead and, once released,
 * the evaluated department and the observer (an evaluator works in the field app instead).
 */
export const engagementRoles: readonly Role[] = withObserver([...sectionRoles, 'agency-lead', ...departmentRoles]);
