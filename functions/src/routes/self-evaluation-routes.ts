import { withdrawerRoles, withdrawSubmission } from '@jixiao/core/review/withdrawal.ts';
import { type Role, unitRoles } from '@jixiao/core/roles.ts';
import { idParams, pageOf } from '@jixiao/core/schema-parts.ts';
import { projectReaderRoles, projectRoles } from '@jixiao/core/scope/role-groups.ts';
import { scoreSheetView } from '@jixiao/core/self-evaluation/score-sheet-view.ts';
import * as selfEvaluation from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { reviewDecision } from '@jixiao/core/submission/performance-target.ts';
import { reviewerRoles } from '@jixiao/core/submission/review-workflow.ts';
import * as v from 'valibot';
import { bulkReviewLimit, bulkReviewRequest, bulkReviewResponse } from '#functions/records/bulk-review.ts';
import { historyQuery, historyResponse } from '#functions/routes/history-schemas.ts';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';
import { selfEvaluationAttachmentRoutes } from '#functions/routes/self-evaluation-attachment-routes.ts';
import { selfEvaluationSummaryRoutes } from '#functions/routes/self-evaluation-summary-routes.ts';
import { selfEvaluationWorkbookRoutes } from '#functions/routes/self-evaluation-workbook-routes.ts';
import { spotCheckRoutes } from '#functions/routes/spot-check-routes.ts';

const section = { capability: 'self-evaluation', tag: 'self-evaluation' } as const;

const round = selfEvaluation.selfEvaluationRound;
const fieldError = v.object({ pointer: v.string(), code: v.string(), message: v.string() });
/** A self-evaluation with its score sheet and rules as they stand now. */
const withSheet = v.object({
  ...selfEvaluation.selfEvaluation.entries,
  /** The formula's scores, row by row, with their derivation in words (docs/domain/self-evaluation.md#scoring). */
  sheet: scoreSheetView,
  /** The rules it breaks now: empty when it may be sent on. */
  checks: v.array(fieldError),
  /** What every reviewer should look at but that does not stop it (a departure from the year's weights…). */
  flags: v.array(fieldError),
  /** Each score the unit states that departs from the formula's, with its likely cause, in both languages. */
  claims: v.array(
    v.object({
      pointer: v.string(),
      rowId: v.nullable(v.string()),
      claimed: v.number(),
      computed: v.number(),
      difference: v.number(),
      cause: v.string(),
      message: v.object({ 'zh-CN': v.string(), en: v.string() }),
    }),
  ),
});

const decision = (operationId: string, path: string, summary: string, role: Role) =>
  ({
    ...section,
    operationId,
    method: 'POST',
    path: `/api/v1/self-evaluations/{id}/${path}`,
    summary,
    access: [role],
    params: idParams,
    body: reviewDecision,
    versionedAction: true,
    response: { status: 200, description: 'The self-evaluation after the step', schema: withSheet },
  }) as const satisfies RouteDefinition;

/** Year-end self-evaluation (绩效自评, docs/domain/self-evaluation.md). */
export const selfEvaluationRoutes: RouteDefinition[] = [
  {
    ...section,
    operationId: 'getScoringSettings',
    method: 'GET',
    path: '/api/v1/scoring-settings/{fiscalYear}',
    summary:
      "The year's scoring settings (the defaults of docs/domain/self-evaluation.md until the performance section saves its own)",
    access: projectRoles,
    params: selfEvaluation.scoringSettingsParams,
    response: { status: 200, description: 'The settings', schema: selfEvaluation.scoringSettingsRecord },
  },
  {
    ...section,
    operationId: 'saveScoringSettings',
    method: 'PATCH',
    path: '/api/v1/scoring-settings/{fiscalYear}',
    summary: "Change the year's scoring settings (rounds opened afterwards use them); `version` 0 for the first save",
    access: ['performance-section-reviewer'],
    params: selfEvaluation.scoringSettingsParams,
    body: selfEvaluation.saveScoringSettings,
    response: { status: 200, description: 'The saved settings', schema: selfEvaluation.scoringSettingsRecord },
  },
  {
    ...section,
    operationId: 'listSelfEvaluationRounds',
    method: 'GET',
    path: '/api/v1/self-evaluation-rounds',
    summary: 'Self-evaluation rounds, by fiscal year',
    access: projectReaderRoles,
    query: selfEvaluation.selfEvaluationRoundQuery,
    response: { status: 200, description: 'A page', schema: pageOf(round) },
  },
  {
    ...section,
    operationId: 'createSelfEvaluationRound',
    method: 'POST',
    path: '/api/v1/self-evaluation-rounds',
    summary: "Open the year's self-evaluation (one round per fiscal year, deadline in the next year); then issue it",
    access: ['performance-section-reviewer'],
    body: selfEvaluation.createSelfEvaluationRound,
    // Up to 2,000 carried-over project ids of 36 characters each do not fit in 64 KiB.
    maxBodyBytes: 128 * 1024,
    idempotentCreate: true,
    response: { status: 201, description: 'The round, being issued', schema: round },
  },
  {
    ...section,
    operationId: 'getSelfEvaluationRound',
    method: 'GET',
    path: '/api/v1/self-evaluation-rounds/{id}',
    summary: 'One round',
    access: projectReaderRoles,
    params: idParams,
    response: { status: 200, description: 'The round', schema: round },
  },
  {
    ...section,
    operationId: 'issueSelfEvaluationRound',
    method: 'POST',
    path: '/api/v1/self-evaluation-rounds/{id}/issue',
    summary:
      'Make the next departments’ self-evaluations from their last approved targets; call again until the round is ISSUED',
    access: ['performance-section-reviewer'],
    params: idParams,
    body: v.strictObject({}),
    idempotentBulk: true,
    response: { status: 200, description: 'The round and how far it is issued', schema: round },
  },
  {
    ...section,
    operationId: 'listSelfEvaluations',
    method: 'GET',
    path: '/api/v1/self-evaluation-rounds/{id}/self-evaluations',
    summary: "A round's self-evaluations of one department (the caller's own unless the bureau names one)",
    access: projectReaderRoles,
    params: idParams,
    query: selfEvaluation.selfEvaluationQuery,
    response: { status: 200, description: 'A page', schema: pageOf(selfEvaluation.selfEvaluation) },
  },
  {
    ...section,
    operationId: 'listSelfEvaluationReviewQueue',
    method: 'GET',
    path: '/api/v1/self-evaluation-review-queue',
    summary: 'Self-evaluations waiting for the caller, oldest first, by round, department, series and age',
    access: reviewerRoles,
    query: selfEvaluation.selfEvaluationQueueQuery,
    response: { status: 200, description: 'A page', schema: pageOf(selfEvaluation.selfEvaluation) },
  },
  {
    ...section,
    operationId: 'getSelfEvaluation',
    method: 'GET',
    path: '/api/v1/self-evaluations/{id}',
    summary: 'One self-evaluation, with its score sheet and the rules it breaks now',
    access: projectReaderRoles,
    params: idParams,
    response: { status: 200, description: 'The self-evaluation', schema: withSheet },
  },
  {
    ...section,
    operationId: 'saveSelfEvaluation',
    method: 'PATCH',
    path: '/api/v1/self-evaluations/{id}',
    summary: 'Save what the unit filled in (a draft, or a returned one); `version` must match',
    access: unitRoles,
    params: idParams,
    body: selfEvaluation.saveSelfEvaluation,
    response: { status: 200, description: 'The saved self-evaluation, scored again', schema: withSheet },
  },
  {
    ...section,
    operationId: 'submitSelfEvaluation',
    method: 'POST',
    path: '/api/v1/self-evaluations/{id}/submit',
    summary: 'The unit approver sends it on (rules 5–7 and the not-computable rule must hold)',
    access: ['unit-approver'],
    params: idParams,
    body: selfEvaluation.submitSelfEvaluation,
    versionedAction: true,
    response: { status: 200, description: 'The self-evaluation after the step', schema: withSheet },
  },
  decision(
    'departmentReviewSelfEvaluation',
    'department-review',
    'The department approves or returns it, with row comments',
    'department-reviewer',
  ),
  decision(
    'firstReviewSelfEvaluation',
    'first-review',
    'The business section approves or returns it (初审)',
    'business-section-reviewer',
  ),
  decision(
    'finalReviewSelfEvaluation',
    'final-review',
    "The performance section approves or returns it (终审); the grade is the score's",
    'performance-section-reviewer',
  ),
  {
    // 批量审核 (issue 12, docs/domain/submission.md#bulk-review): the caller's own step on many self-evaluations.
    ...section,
    operationId: 'bulkReviewSelfEvaluations',
    method: 'POST',
    path: '/api/v1/self-evaluations/bulk-review',
    summary: `Approve or return 1–${bulkReviewLimit} self-evaluations with one opinion, each as its single step (the caller's reviewer role); one outcome per item`,
    access: reviewerRoles,
    body: bulkReviewRequest,
    // Each item at the version the reviewer saw: sent again, every item done is a version conflict.
    versionedAction: true,
    response: {
      status: 200,
      description: 'One outcome per item, in the order sent',
      schema: bulkReviewResponse(withSheet),
    },
  },
  {
    // 撤回 (issue 12): one route for the three withdrawals; core's table says whose step it is.
    ...decision(
      'withdrawSelfEvaluation',
      'withdraw',
      'Withdraw (撤回) the caller’s own last step while nobody has acted since',
      'unit-approver',
    ),
    access: withdrawerRoles,
    body: withdrawSubmission,
  },
  {
    ...section,
    operationId: 'getSelfEvaluationHistory',
    method: 'GET',
    path: '/api/v1/self-evaluations/{id}/history',
    summary: 'The audit trail of one self-evaluation, newest first',
    access: projectRoles,
    params: idParams,
    query: historyQuery,
    response: historyResponse,
  },
  {
    ...section,
    operationId: 'exportSelfEvaluationTable',
    method: 'GET',
    path: '/api/v1/self-evaluations/{id}/self-evaluation-table.xlsx',
    summary: 'This self-evaluation as the 项目支出绩效自评表 (XLSX, the 财预〔2020〕10号 layout)',
    access: projectRoles,
    params: idParams,
    response: { status: 200, description: 'An XLSX workbook' },
  },
  ...selfEvaluationAttachmentRoutes,
  ...spotCheckRoutes,
  ...selfEvaluationSummaryRoutes,
  ...selfEvaluationWorkbookRoutes,
];
