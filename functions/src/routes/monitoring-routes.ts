import { auditEntry } from '@jixiao/core/audit.ts';
import * as monitoring from '@jixiao/core/monitoring/monitoring-report.ts';
import type { Role } from '@jixiao/core/roles.ts';
import { idParams, pageOf } from '@jixiao/core/schema-parts.ts';
import { reviewerRoles } from '@jixiao/core/submission/review-workflow.ts';
import * as v from 'valibot';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const unitPeople: readonly Role[] = ['unit-preparer', 'unit-approver'];
/** Everyone who works on projects: the unit, its department, the bureau's two sections. */
const projectPeople: readonly Role[] = [
  ...unitPeople,
  'department-reviewer',
  'business-section-reviewer',
  'performance-section-reviewer',
];
const bureau: readonly Role[] = ['business-section-reviewer', 'performance-section-reviewer'];
const section = { capability: 'monitoring', tag: 'monitoring' } as const;

const reportWithChecks = v.object({
  ...monitoring.monitoringReport.entries,
  /** The check-in rules as they stand now: empty when it may be sent on. */
  checks: v.array(v.object({ pointer: v.string(), code: v.string(), message: v.string() })),
});
const round = monitoring.monitoringRound;

const counts = v.object({
  reports: v.number(),
  submitted: v.number(),
  notSubmitted: v.number(),
  late: v.number(),
  byStatus: v.record(v.string(), v.number()),
  byColour: v.record(v.string(), v.number()),
  indicatorsByColour: v.record(v.string(), v.number()),
  budgetFen: v.number(),
  executedFen: v.number(),
  executionRatePct: v.nullable(v.number()),
});
const dashboard = v.object({
  round: v.object({
    id: v.string(),
    name: v.string(),
    fiscalYear: v.number(),
    dataDate: v.string(),
    deadline: v.string(),
    roundStatus: v.string(),
  }),
  timeProgressPct: v.number(),
  pastDeadline: v.boolean(),
  total: counts,
  series: v.array(v.object({ series: v.string(), ...counts.entries })),
  departments: v.array(
    v.object({
      departmentId: v.string(),
      departmentCode: v.string(),
      departmentName: v.string(),
      series: v.string(),
      ...counts.entries,
    }),
  ),
  red: v.array(
    v.object({
      reportId: v.string(),
      projectCode: v.string(),
      projectName: v.string(),
      unitName: v.string(),
      departmentId: v.string(),
      departmentName: v.string(),
      executionRatePct: v.nullable(v.number()),
      warnings: v.array(monitoring.warning),
    }),
  ),
  itemsRead: v.number(),
});

const decision = (operationId: string, path: string, summary: string, role: Role) =>
  ({
    ...section,
    operationId,
    method: 'POST',
    path: `/api/v1/monitoring-reports/{id}/${path}`,
    summary,
    access: [role],
    params: idParams,
    body: monitoring.reportDecision,
    versionedAction: true,
    response: { status: 200, description: 'The report after the step', schema: reportWithChecks },
  }) as const satisfies RouteDefinition;

/** Mid-year monitoring (绩效运行监控, domain.md §5.4, §6.7, §7.3). */
export const monitoringRoutes: RouteDefinition[] = [
  {
    ...section,
    operationId: 'getMonitoringSettings',
    method: 'GET',
    path: '/api/v1/monitoring-settings/{fiscalYear}',
    summary:
      "The year's warning thresholds (the defaults of domain.md §6.7 until the performance section saves its own)",
    access: bureau,
    params: monitoring.settingsParams,
    response: { status: 200, description: 'The thresholds', schema: monitoring.monitoringSettings },
  },
  {
    ...section,
    operationId: 'saveMonitoringSettings',
    method: 'PATCH',
    path: '/api/v1/monitoring-settings/{fiscalYear}',
    summary: "Change the year's thresholds (rounds opened afterwards use them); `version` 0 for the first save",
    access: ['performance-section-reviewer'],
    params: monitoring.settingsParams,
    body: monitoring.saveSettings,
    response: { status: 200, description: 'The saved thresholds', schema: monitoring.monitoringSettings },
  },
  {
    ...section,
    operationId: 'listMonitoringRounds',
    method: 'GET',
    path: '/api/v1/monitoring-rounds',
    summary: 'Monitoring rounds, by fiscal year',
    access: projectPeople,
    query: monitoring.roundQuery,
    response: { status: 200, description: 'A page', schema: pageOf(round) },
  },
  {
    ...section,
    operationId: 'createMonitoringRound',
    method: 'POST',
    path: '/api/v1/monitoring-rounds',
    summary: 'Open a round (data date, deadline, all budgeted projects or a key set); then issue it',
    access: ['performance-section-reviewer'],
    body: monitoring.createRound,
    idempotentCreate: true,
    response: { status: 201, description: 'The round, being issued', schema: round },
  },
  {
    ...section,
    operationId: 'getMonitoringRound',
    method: 'GET',
    path: '/api/v1/monitoring-rounds/{id}',
    summary: 'One round',
    access: projectPeople,
    params: idParams,
    response: { status: 200, description: 'The round', schema: round },
  },
  {
    ...section,
    operationId: 'issueMonitoringRound',
    method: 'POST',
    path: '/api/v1/monitoring-rounds/{id}/issue',
    summary: 'Make the next departments’ reports from their approved targets; call again until the round is ISSUED',
    access: ['performance-section-reviewer'],
    params: idParams,
    body: v.strictObject({}),
    idempotentBulk: true,
    response: { status: 200, description: 'The round and how far it is issued', schema: round },
  },
  {
    ...section,
    operationId: 'getMonitoringDashboard',
    method: 'GET',
    path: '/api/v1/monitoring-rounds/{id}/dashboard',
    summary: 'Warnings by colour per department and series, execution against time, the red list, submission progress',
    access: [...bureau, 'department-reviewer'],
    params: idParams,
    response: { status: 200, description: 'The dashboard', schema: dashboard },
  },
  {
    ...section,
    operationId: 'listMonitoringReports',
    method: 'GET',
    path: '/api/v1/monitoring-rounds/{id}/reports',
    summary: "A round's reports of one department (the caller's own unless the bureau names one)",
    access: projectPeople,
    params: idParams,
    query: monitoring.reportQuery,
    response: { status: 200, description: 'A page', schema: pageOf(monitoring.monitoringReport) },
  },
  {
    ...section,
    operationId: 'listMonitoringReviewQueue',
    method: 'GET',
    path: '/api/v1/monitoring-review-queue',
    summary: 'Monitoring reports waiting for the caller, oldest first, by round, department, series and age',
    access: reviewerRoles,
    query: monitoring.monitoringQueueQuery,
    response: { status: 200, description: 'A page', schema: pageOf(monitoring.monitoringReport) },
  },
  {
    ...section,
    operationId: 'getMonitoringReport',
    method: 'GET',
    path: '/api/v1/monitoring-reports/{id}',
    summary: 'One report, with its warnings and the rules it breaks now',
    access: projectPeople,
    params: idParams,
    response: { status: 200, description: 'The report', schema: reportWithChecks },
  },
  {
    ...section,
    operationId: 'saveMonitoringReport',
    method: 'PATCH',
    path: '/api/v1/monitoring-reports/{id}',
    summary: 'Save what the unit filled in (a draft, or a returned report); `version` must match',
    access: unitPeople,
    params: idParams,
    body: monitoring.saveReport,
    response: { status: 200, description: 'The saved report, warnings recomputed', schema: reportWithChecks },
  },
  {
    ...section,
    operationId: 'submitMonitoringReport',
    method: 'POST',
    path: '/api/v1/monitoring-reports/{id}/submit',
    summary: 'The unit approver sends it on (rule 8 and the other check-in rules must hold)',
    access: ['unit-approver'],
    params: idParams,
    body: monitoring.submitReport,
    versionedAction: true,
    response: { status: 200, description: 'The report after the step', schema: reportWithChecks },
  },
  decision(
    'departmentReviewMonitoringReport',
    'department-review',
    'The department approves or returns it',
    'department-reviewer',
  ),
  decision(
    'firstReviewMonitoringReport',
    'first-review',
    'The business section approves or returns it (初审)',
    'business-section-reviewer',
  ),
  decision(
    'finalReviewMonitoringReport',
    'final-review',
    'The performance section approves or returns it (终审)',
    'performance-section-reviewer',
  ),
  {
    ...section,
    operationId: 'getMonitoringReportHistory',
    method: 'GET',
    path: '/api/v1/monitoring-reports/{id}/history',
    summary: 'The audit trail of one report, newest first',
    access: projectPeople,
    params: idParams,
    response: { status: 200, description: 'Audit entries', schema: v.object({ items: v.array(auditEntry) }) },
  },
];
