import {
  createDepartmentEvaluation,
  departmentEvaluation,
  departmentEvaluationQuery,
  saveDepartmentEvaluation,
} from '@jixiao/core/department-evaluation/department-evaluation.ts';
import { departmentRoles, type Role } from '@jixiao/core/roles.ts';
import { idParams, pageOf } from '@jixiao/core/schema-parts.ts';
import { projectReaderRoles, projectRoles } from '@jixiao/core/scope/role-groups.ts';
import { submitSelfEvaluation } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { reviewDecision } from '@jixiao/core/submission/performance-target.ts';
import * as v from 'valibot';
import {
  departmentEvaluationAttachmentRoutes,
  entryAttachments,
} from '#functions/routes/department-evaluation-attachment-routes.ts';
import { departmentFiguresImportRoutes } from '#functions/routes/department-figures-import-routes.ts';
import { historyQuery, historyResponse } from '#functions/routes/history-schemas.ts';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const section = { capability: 'department-evaluation', tag: 'department-evaluation' } as const;
const base = '/api/v1/department-evaluations';

const fieldError = v.object({ pointer: v.string(), code: v.string(), message: v.string() });
const localized = v.object({ 'zh-CN': v.string(), en: v.string() });
const name = v.object({ 'zh-CN': v.string(), en: v.string() });

/** The sheet core scores on every read (core/src/department-evaluation/department-sheet.ts). */
const sheet = v.object({
  indicators: v.array(
    v.object({
      code: v.string(),
      level1: v.string(),
      level2: v.string(),
      name,
      kind: v.picklist(['FORMULA', 'JUDGEMENT']),
      points: v.number(),
      computed: v.boolean(),
      definition: v.nullable(localized),
      valuePct: v.nullable(v.number()),
      score: v.nullable(v.number()),
      standard: localized,
      derivation: localized,
    }),
  ),
  level1: v.array(v.object({ code: v.string(), name, points: v.number(), score: v.number() })),
  total: v.number(),
  complete: v.boolean(),
  grade: v.nullable(v.string()),
  projects: v.object({
    issued: v.number(),
    submitted: v.number(),
    approved: v.number(),
    submittedPct: v.nullable(v.number()),
    approvedPct: v.nullable(v.number()),
    averageScore: v.nullable(v.number()),
    grades: v.record(v.string(), v.number()),
    ungraded: v.number(),
  }),
  derivation: localized,
});

/** The evaluation with its sheet and the rules it breaks now (empty when it may be sent). */
const withSheet = v.object({ ...departmentEvaluation.entries, entryAttachments, sheet, checks: v.array(fieldError) });

const decision = (operationId: string, path: string, summary: string, role: Role) =>
  ({
    ...section,
    operationId,
    method: 'POST',
    path: `${base}/{id}/${path}`,
    summary,
    access: [role],
    params: idParams,
    body: reviewDecision,
    versionedAction: true,
    response: { status: 200, description: 'The evaluation after the step', schema: withSheet },
  }) as const satisfies RouteDefinition;

/** The department overall self-evaluation (部门整体支出绩效自评, docs/domain/self-evaluation.md). */
export const departmentEvaluationRoutes: RouteDefinition[] = [
  {
    ...section,
    operationId: 'createDepartmentEvaluation',
    method: 'POST',
    path: base,
    summary:
      "Make a department's overall self-evaluation of a year (201), or answer the one it has (200); the framework defaults by the department's series",
    access: ['performance-section-reviewer'],
    body: createDepartmentEvaluation,
    idempotentBulk: true,
    response: { status: 201, description: 'The evaluation', schema: withSheet },
  },
  {
    ...section,
    operationId: 'listDepartmentEvaluations',
    method: 'GET',
    path: base,
    summary: "A year's department overall self-evaluations in the caller's scope, by department code",
    access: projectReaderRoles,
    query: departmentEvaluationQuery,
    response: { status: 200, description: 'A page', schema: pageOf(departmentEvaluation) },
  },
  {
    ...section,
    operationId: 'getDepartmentEvaluation',
    method: 'GET',
    path: `${base}/{id}`,
    summary: 'One department overall self-evaluation, with its sheet and the rules it breaks now',
    access: projectReaderRoles,
    params: idParams,
    response: { status: 200, description: 'The evaluation', schema: withSheet },
  },
  {
    ...section,
    operationId: 'saveDepartmentEvaluation',
    method: 'PATCH',
    path: `${base}/{id}`,
    summary: "Save the department's figures and scores (a draft, or a returned one); `version` must match",
    access: departmentRoles,
    params: idParams,
    body: saveDepartmentEvaluation,
    response: { status: 200, description: 'The saved evaluation, scored again', schema: withSheet },
  },
  {
    ...section,
    operationId: 'submitDepartmentEvaluation',
    method: 'POST',
    path: `${base}/{id}/submit`,
    summary: "The department's preparer sends it to the department's approver (the sheet's rules must hold)",
    access: ['unit-preparer'],
    params: idParams,
    body: submitSelfEvaluation,
    versionedAction: true,
    response: { status: 200, description: 'The evaluation after the step', schema: withSheet },
  },
  decision(
    'departmentReviewDepartmentEvaluation',
    'department-review',
    "The department's approver approves or returns it, with comments per indicator",
    'department-reviewer',
  ),
  decision(
    'firstReviewDepartmentEvaluation',
    'first-review',
    'The business section approves or returns it (初审)',
    'business-section-reviewer',
  ),
  decision(
    'finalReviewDepartmentEvaluation',
    'final-review',
    "The performance section approves or returns it (终审); the grade is the score's",
    'performance-section-reviewer',
  ),
  {
    ...section,
    operationId: 'getDepartmentEvaluationHistory',
    method: 'GET',
    path: `${base}/{id}/history`,
    summary: 'The audit trail of one department overall self-evaluation, newest first',
    access: projectRoles,
    params: idParams,
    query: historyQuery,
    response: historyResponse,
  },
  {
    ...section,
    operationId: 'exportDepartmentEvaluationTable',
    method: 'GET',
    path: `${base}/{id}/department-evaluation-table.xlsx`,
    summary: 'This evaluation as the 部门整体支出绩效自评表 (XLSX)',
    access: projectRoles,
    params: idParams,
    response: { status: 200, description: 'An XLSX workbook' },
  },
  ...departmentEvaluationAttachmentRoutes,
  ...departmentFiguresImportRoutes,
];
