import { auditEntry } from '@jixiao/core/audit.ts';
import { attachmentUploadRequest, downloadLink, uploadTicket } from '@jixiao/core/evidence/attachment.ts';
import * as indicator from '@jixiao/core/indicator-library/indicator.ts';
import * as agency from '@jixiao/core/organisation/agency.ts';
import * as department from '@jixiao/core/organisation/department.ts';
import * as financeSection from '@jixiao/core/organisation/finance-section.ts';
import * as unit from '@jixiao/core/organisation/unit.ts';
import * as user from '@jixiao/core/organisation/user.ts';
import { health, me } from '@jixiao/core/platform.ts';
import { type Role, roles } from '@jixiao/core/roles.ts';
import { idParams, pageOf } from '@jixiao/core/schema-parts.ts';
import * as exAnte from '@jixiao/core/submission/ex-ante-assessment.ts';
import * as target from '@jixiao/core/submission/performance-target.ts';
import * as project from '@jixiao/core/submission/project.ts';
import * as v from 'valibot';

/**
 * The single source of truth for every endpoint (DESIGN.md §4.3). The CDK routes, the local
 * gateway, the OpenAPI document and the rows of the authorization-matrix test all come from here.
 */
export const capabilities = ['platform', 'organisation', 'submission'] as const;
export type Capability = (typeof capabilities)[number];
export type Method = 'GET' | 'POST' | 'PATCH';

export interface RouteDefinition {
  operationId: string;
  method: Method;
  /** API Gateway path syntax: `/api/v1/departments/{id}`. */
  path: string;
  capability: Capability;
  tag: string;
  summary: string;
  /** `public` needs no token; otherwise the roles that may call it. */
  access: 'public' | readonly Role[];
  params?: v.GenericSchema;
  query?: v.GenericSchema;
  body?: v.GenericSchema;
  response: { status: number; description: string; schema?: v.GenericSchema };
  /** Creates carry a client-made UUIDv7 `id` that doubles as the idempotency key. */
  idempotentCreate?: true;
  /** A bulk operation whose records get ids derived from their sources: running it again replays. */
  idempotentBulk?: true;
  /**
   * A step taken on a record at the `version` in the body: repeating it finds a newer version and
   * gets 409, so a retried request never acts twice.
   */
  versionedAction?: true;
}

export const routeKey = (r: Pick<RouteDefinition, 'method' | 'path'>): string => `${r.method} ${r.path}`;

const allRoles = roles;
const admin: readonly Role[] = ['tenant-admin'];

interface MasterData {
  capability: Capability;
  /** Who may list and read; who may create, change and see the audit trail. */
  read: readonly Role[];
  write: readonly Role[];
  history: readonly Role[];
  /** URL segment, e.g. `departments`. */
  collection: string;
  /** Singular name used in operation ids, e.g. `Department`. */
  name: string;
  tag: string;
  record: v.GenericSchema;
  create: v.GenericSchema;
  update: v.GenericSchema;
  query: v.GenericSchema;
}

/** Organisation master data is the tenant admin's alone. */
const organisationData = { capability: 'organisation', read: admin, write: admin, history: admin } as const;

const masterDataRoutes = (m: MasterData): RouteDefinition[] => {
  const base = `/api/v1/${m.collection}`;
  const common = { capability: m.capability, tag: m.tag } as const;
  return [
    {
      ...common,
      access: m.read,
      operationId: `list${m.name}s`,
      method: 'GET',
      path: base,
      summary: `List ${m.collection}, a page at a time, with search and filters`,
      query: m.query,
      response: { status: 200, description: 'A page', schema: pageOf(m.record) },
    },
    {
      ...common,
      access: m.write,
      operationId: `create${m.name}`,
      method: 'POST',
      path: base,
      summary: `Create a ${m.name.toLowerCase()} (replaying the same id and body returns the original)`,
      body: m.create,
      idempotentCreate: true,
      response: { status: 201, description: 'Created', schema: m.record },
    },
    {
      ...common,
      access: m.read,
      operationId: `get${m.name}`,
      method: 'GET',
      path: `${base}/{id}`,
      summary: `Read one ${m.name.toLowerCase()}`,
      params: idParams,
      response: { status: 200, description: 'The record', schema: m.record },
    },
    {
      ...common,
      access: m.write,
      operationId: `update${m.name}`,
      method: 'PATCH',
      path: `${base}/{id}`,
      summary: `Change a ${m.name.toLowerCase()}; \`version\` must match the stored one`,
      params: idParams,
      body: m.update,
      response: { status: 200, description: 'The changed record', schema: m.record },
    },
    {
      ...common,
      access: m.history,
      operationId: `get${m.name}History`,
      method: 'GET',
      path: `${base}/{id}/history`,
      summary: `The audit trail of one ${m.name.toLowerCase()}, newest first`,
      params: idParams,
      response: { status: 200, description: 'Audit entries', schema: v.object({ items: v.array(auditEntry) }) },
    },
  ];
};

const unitPeople: readonly Role[] = ['unit-preparer', 'unit-approver'];
/** Everyone who works on projects: the unit, its department, the bureau's two sections. */
const projectPeople: readonly Role[] = [
  ...unitPeople,
  'department-reviewer',
  'business-section-reviewer',
  'performance-section-reviewer',
];
const submission = { capability: 'submission', tag: 'submission' } as const;
const targetWithChecks = v.object({
  ...target.performanceTarget.entries,
  /** Rules 1–4 of domain.md §8 as they stand now: empty when it may be sent on. */
  checks: v.array(v.object({ pointer: v.string(), code: v.string(), message: v.string() })),
  /** The library entries the rows came from, by id: reference value, unit, spending standard. */
  libraryReferences: v.record(v.string(), v.unknown()),
});
const decision = (summary: string, operationId: string, path: string, role: Role, body: v.GenericSchema) =>
  ({
    ...submission,
    operationId,
    method: 'POST',
    path: `/api/v1/targets/{id}/${path}`,
    summary,
    access: [role],
    params: idParams,
    body,
    versionedAction: true,
    response: { status: 200, description: 'The version after the step', schema: targetWithChecks },
  }) as const satisfies RouteDefinition;

/** Projects, their performance targets and the two-level review (domain.md §5.3, §7.1, §7.2). */
const submissionRoutes: RouteDefinition[] = [
  {
    ...submission,
    operationId: 'listProjects',
    method: 'GET',
    path: '/api/v1/projects',
    summary: 'Projects the caller may see (own unit, own department or the tenant), with filters',
    access: projectPeople,
    query: project.projectQuery,
    response: { status: 200, description: 'A page', schema: pageOf(project.project) },
  },
  {
    ...submission,
    operationId: 'createProject',
    method: 'POST',
    path: '/api/v1/projects',
    summary: "Register a project for the caller's own unit",
    access: ['unit-preparer'],
    body: project.createProject,
    idempotentCreate: true,
    response: { status: 201, description: 'Created', schema: project.project },
  },
  {
    ...submission,
    operationId: 'getProject',
    method: 'GET',
    path: '/api/v1/projects/{id}',
    summary: 'Read one project',
    access: projectPeople,
    params: idParams,
    response: { status: 200, description: 'The project', schema: project.project },
  },
  {
    ...submission,
    operationId: 'updateProject',
    method: 'PATCH',
    path: '/api/v1/projects/{id}',
    summary: 'Change a project while its targets are a draft or returned; `version` must match',
    access: unitPeople,
    params: idParams,
    body: project.updateProject,
    response: { status: 200, description: 'The changed project', schema: project.project },
  },
  {
    ...submission,
    operationId: 'getProjectHistory',
    method: 'GET',
    path: '/api/v1/projects/{id}/history',
    summary: 'The audit trail of one project, newest first',
    access: projectPeople,
    params: idParams,
    response: { status: 200, description: 'Audit entries', schema: v.object({ items: v.array(auditEntry) }) },
  },
  {
    ...submission,
    operationId: 'markProjectBudgeted',
    method: 'POST',
    path: '/api/v1/projects/{id}/budget',
    summary: 'Put the project into the budget (纳入预算): only with targets graded 优/良 and ex-ante not rejected',
    access: ['performance-section-reviewer'],
    params: idParams,
    body: project.markBudgeted,
    versionedAction: true,
    response: { status: 200, description: 'The budgeted project', schema: project.project },
  },
  {
    ...submission,
    operationId: 'listProjectTargets',
    method: 'GET',
    path: '/api/v1/projects/{id}/targets',
    summary: "Every version of a project's performance targets, oldest first",
    access: projectPeople,
    params: idParams,
    query: target.targetQuery,
    response: { status: 200, description: 'A page', schema: pageOf(target.performanceTarget) },
  },
  {
    ...submission,
    operationId: 'createProjectTarget',
    method: 'POST',
    path: '/api/v1/projects/{id}/targets',
    summary: 'Start the first version of the targets, or the next one after an approved version (目标调整)',
    access: unitPeople,
    params: idParams,
    body: target.createTarget,
    idempotentCreate: true,
    response: { status: 201, description: 'The new draft version', schema: target.performanceTarget },
  },
  {
    ...submission,
    operationId: 'getTarget',
    method: 'GET',
    path: '/api/v1/targets/{id}',
    summary: 'One version of the targets, with the rules it breaks now and its library references',
    access: projectPeople,
    params: idParams,
    response: { status: 200, description: 'The version', schema: targetWithChecks },
  },
  {
    ...submission,
    operationId: 'saveTarget',
    method: 'PATCH',
    path: '/api/v1/targets/{id}',
    summary: 'Save a draft (or returned) version; `version` must match',
    access: unitPeople,
    params: idParams,
    body: target.saveTarget,
    response: { status: 200, description: 'The saved version', schema: targetWithChecks },
  },
  {
    ...submission,
    operationId: 'getTargetHistory',
    method: 'GET',
    path: '/api/v1/targets/{id}/history',
    summary: 'The audit trail of one version, newest first',
    access: projectPeople,
    params: idParams,
    response: { status: 200, description: 'Audit entries', schema: v.object({ items: v.array(auditEntry) }) },
  },
  decision(
    'The unit approver signs off and submits (送审)',
    'submitTarget',
    'submit',
    'unit-approver',
    target.submitTarget,
  ),
  decision(
    'The department approves or returns (主管部门审核)',
    'departmentReviewTarget',
    'department-review',
    'department-reviewer',
    target.reviewDecision,
  ),
  decision(
    "The business section's first review (初审)",
    'firstReviewTarget',
    'first-review',
    'business-section-reviewer',
    target.reviewDecision,
  ),
  decision(
    "The performance section's final review with a grade (终审)",
    'finalReviewTarget',
    'final-review',
    'performance-section-reviewer',
    target.finalReviewDecision,
  ),
  decision(
    'Withdraw a final approval (取消审核) while the project is not budgeted',
    'cancelTargetApproval',
    'cancel-approval',
    'performance-section-reviewer',
    target.cancelApproval,
  ),
  {
    ...submission,
    operationId: 'exportTargetTable',
    method: 'GET',
    path: '/api/v1/targets/{id}/declaration.xlsx',
    summary: 'This version as the 项目支出绩效目标申报表 (XLSX, official layout)',
    access: projectPeople,
    params: idParams,
    response: { status: 200, description: 'An XLSX workbook' },
  },
  {
    ...submission,
    operationId: 'exportDepartmentTargets',
    method: 'GET',
    path: '/api/v1/target-declarations.xlsx',
    summary: "A department's year of 绩效目标申报表: a summary sheet and one sheet per project (XLSX)",
    access: projectPeople,
    query: target.declarationWorkbookQuery,
    response: { status: 200, description: 'An XLSX workbook' },
  },
  {
    ...submission,
    operationId: 'listReviewQueue',
    method: 'GET',
    path: '/api/v1/review-queue',
    summary: 'Target versions waiting for the caller, oldest first, by department, series and age',
    access: ['department-reviewer', 'business-section-reviewer', 'performance-section-reviewer'],
    query: target.reviewQueueQuery,
    response: { status: 200, description: 'A page', schema: pageOf(target.performanceTarget) },
  },
  {
    ...submission,
    operationId: 'listExAnteAssessments',
    method: 'GET',
    path: '/api/v1/ex-ante-assessments',
    summary: 'Ex-ante assessments: of one project, or those commissioned from the caller’s agency',
    access: [...projectPeople, 'agency-lead', 'evaluator'],
    query: exAnte.exAnteQuery,
    response: { status: 200, description: 'A page', schema: pageOf(exAnte.exAnteAssessment) },
  },
  {
    ...submission,
    operationId: 'createExAnteAssessment',
    method: 'POST',
    path: '/api/v1/ex-ante-assessments',
    summary: 'Start an ex-ante assessment of a project, by the bureau or commissioned from a third party',
    access: ['performance-section-reviewer'],
    body: exAnte.createExAnteAssessment,
    idempotentCreate: true,
    response: { status: 201, description: 'Created', schema: exAnte.exAnteAssessment },
  },
  {
    ...submission,
    operationId: 'getExAnteAssessment',
    method: 'GET',
    path: '/api/v1/ex-ante-assessments/{id}',
    summary: 'Read one ex-ante assessment',
    access: [...projectPeople, 'agency-lead', 'evaluator'],
    params: idParams,
    response: { status: 200, description: 'The assessment', schema: exAnte.exAnteAssessment },
  },
  {
    ...submission,
    operationId: 'updateExAnteAssessment',
    method: 'PATCH',
    path: '/api/v1/ex-ante-assessments/{id}',
    summary: 'Score the five dimensions, write notes, choose a conclusion (until concluded)',
    access: ['performance-section-reviewer', 'agency-lead', 'evaluator'],
    params: idParams,
    body: exAnte.updateExAnteAssessment,
    response: { status: 200, description: 'The changed assessment', schema: exAnte.exAnteAssessment },
  },
  {
    ...submission,
    operationId: 'concludeExAnteAssessment',
    method: 'POST',
    path: '/api/v1/ex-ante-assessments/{id}/conclude',
    summary: "Conclude it, or accept a third party's submitted assessment, and record the conclusion on the project",
    access: ['performance-section-reviewer'],
    params: idParams,
    body: exAnte.concludeExAnteAssessment,
    versionedAction: true,
    response: { status: 200, description: 'The concluded assessment', schema: exAnte.exAnteAssessment },
  },
  {
    ...submission,
    operationId: 'submitExAnteAssessment',
    method: 'POST',
    path: '/api/v1/ex-ante-assessments/{id}/submit',
    summary: 'The commissioned agency sends its finished assessment to the performance section',
    access: ['agency-lead'],
    params: idParams,
    body: exAnte.submitExAnteAssessment,
    versionedAction: true,
    response: { status: 200, description: 'The submitted assessment', schema: exAnte.exAnteAssessment },
  },
  {
    ...submission,
    operationId: 'returnExAnteAssessment',
    method: 'POST',
    path: '/api/v1/ex-ante-assessments/{id}/return',
    summary: "The performance section sends a third party's submitted assessment back, saying why",
    access: ['performance-section-reviewer'],
    params: idParams,
    body: exAnte.returnExAnteAssessment,
    versionedAction: true,
    response: { status: 200, description: 'The assessment, a draft again', schema: exAnte.exAnteAssessment },
  },
  {
    ...submission,
    operationId: 'uploadExAnteAttachment',
    method: 'POST',
    path: '/api/v1/ex-ante-assessments/{id}/attachment-uploads',
    summary: 'A presigned PUT for one file (type, size and SHA-256 fixed); then list it in `attachments`',
    access: ['performance-section-reviewer', 'agency-lead', 'evaluator'],
    params: idParams,
    body: attachmentUploadRequest,
    idempotentCreate: true,
    response: { status: 201, description: 'Where and how to upload', schema: uploadTicket },
  },
  {
    ...submission,
    operationId: 'getExAnteAttachment',
    method: 'GET',
    path: '/api/v1/ex-ante-assessments/{id}/attachments/{attachmentId}',
    summary: 'A short-lived download link for one attached file',
    access: [...projectPeople, 'agency-lead', 'evaluator'],
    params: exAnte.attachmentParams,
    response: { status: 200, description: 'A presigned GET', schema: downloadLink },
  },
  {
    ...submission,
    operationId: 'getExAnteAssessmentHistory',
    method: 'GET',
    path: '/api/v1/ex-ante-assessments/{id}/history',
    summary: 'The audit trail of one assessment, newest first',
    access: [...projectPeople, 'agency-lead', 'evaluator'],
    params: idParams,
    response: { status: 200, description: 'Audit entries', schema: v.object({ items: v.array(auditEntry) }) },
  },
];

export const routes: readonly RouteDefinition[] = [
  {
    operationId: 'getHealth',
    method: 'GET',
    path: '/api/v1/health',
    capability: 'platform',
    tag: 'platform',
    summary: 'Liveness check; needs no token',
    access: 'public',
    response: { status: 200, description: 'Alive', schema: health },
  },
  {
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/api/v1/openapi.json',
    capability: 'platform',
    tag: 'platform',
    summary: 'This API as an OpenAPI 3.1 document',
    access: 'public',
    response: { status: 200, description: 'OpenAPI 3.1 document' },
  },
  {
    operationId: 'getMe',
    method: 'GET',
    path: '/api/v1/me',
    capability: 'platform',
    tag: 'platform',
    summary: 'The signed-in person, their roles and organisation',
    access: allRoles,
    response: { status: 200, description: 'The caller', schema: me },
  },
  ...masterDataRoutes({
    ...organisationData,
    collection: 'finance-sections',
    name: 'FinanceSection',
    tag: 'organisation',
    record: financeSection.financeSection,
    create: financeSection.createFinanceSection,
    update: financeSection.updateFinanceSection,
    query: financeSection.financeSectionQuery,
  }),
  ...masterDataRoutes({
    ...organisationData,
    // Reviewers filter their queues by department and read its name.
    read: ['tenant-admin', 'department-reviewer', 'business-section-reviewer', 'performance-section-reviewer'],
    collection: 'departments',
    name: 'Department',
    tag: 'organisation',
    record: department.department,
    create: department.createDepartment,
    update: department.updateDepartment,
    query: department.departmentQuery,
  }),
  ...masterDataRoutes({
    ...organisationData,
    collection: 'units',
    name: 'Unit',
    tag: 'organisation',
    record: unit.unit,
    create: unit.createUnit,
    update: unit.updateUnit,
    query: unit.unitQuery,
  }),
  ...masterDataRoutes({
    ...organisationData,
    // The performance section commissions third parties (ex-ante assessments, key evaluations).
    read: ['tenant-admin', 'performance-section-reviewer'],
    collection: 'agencies',
    name: 'Agency',
    tag: 'organisation',
    record: agency.agency,
    create: agency.createAgency,
    update: agency.updateAgency,
    query: agency.agencyQuery,
  }),
  ...masterDataRoutes({
    ...organisationData,
    collection: 'users',
    name: 'User',
    tag: 'organisation',
    record: user.user,
    create: user.createUser,
    update: user.updateUser,
    query: user.userQuery,
  }),
  {
    operationId: 'rollOverIndicators',
    method: 'POST',
    path: '/api/v1/indicators/roll-over',
    capability: 'submission',
    tag: 'indicator-library',
    summary: 'Give every active entry of one fiscal year a version in a later year (running it again adds nothing)',
    access: ['performance-section-reviewer'],
    body: indicator.rollOverIndicators,
    idempotentBulk: true,
    response: {
      status: 200,
      description: 'What was created, already there, or skipped',
      schema: indicator.rollOverReport,
    },
  },
  // The indicator library: everyone searches it; the performance section keeps it.
  ...masterDataRoutes({
    capability: 'submission',
    read: allRoles,
    write: ['performance-section-reviewer'],
    history: ['performance-section-reviewer', 'tenant-admin'],
    collection: 'indicators',
    name: 'Indicator',
    tag: 'indicator-library',
    record: indicator.indicator,
    create: indicator.createIndicator,
    update: indicator.updateIndicator,
    query: indicator.indicatorQuery,
  }),
  ...submissionRoutes,
];

export const routesOf = (capability: Capability): RouteDefinition[] =>
  routes.filter((r) => r.capability === capability);

/** Where each capability's Lambda entry point lives, relative to the repository root. */
export const handlerEntry = (capability: Capability): string => `functions/src/handlers/${capability}.ts`;
