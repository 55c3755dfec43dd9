import * as ra from '@jixiao/core/results-application/result-application.ts';
import { resultMeasureCodes } from '@jixiao/core/results-application/result-measure.ts';
import * as policy from '@jixiao/core/results-application/results-policy.ts';
import { fiscalYearParams, pageOf } from '@jixiao/core/schema-parts.ts';
import { projectReaderRoles, withObserver } from '@jixiao/core/scope/role-groups.ts';
import * as v from 'valibot';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const results = { capability: 'results-application', tag: 'results-application' } as const;

/** The bureau decides; the performance section and the observer (人大, 审计) read the decisions and the trace. */
const traceReaders = withObserver(['performance-section-reviewer']);

const proposalItem = v.object({
  ...ra.resultFacts.entries,
  targetYear: v.number(),
  proposal: v.nullable(
    v.object({
      measure: v.picklist(resultMeasureCodes),
      pct: v.nullable(v.number()),
      amountFen: v.nullable(v.number()),
      recommendedAmount: v.nullable(v.number()),
    }),
  ),
  decision: v.nullable(ra.resultApplication),
});

const traceItem = v.object({
  result: ra.resultApplication,
  next: v.nullable(
    v.object({
      id: v.string(),
      code: v.string(),
      name: v.string(),
      stage: v.string(),
      amount: v.number(),
      budgetedAt: v.nullable(v.string()),
      overrideReason: v.nullable(v.string()),
    }),
  ),
});

/** Results application (结果应用) (docs/domain/results-application.md). */
export const resultsApplicationRoutes: RouteDefinition[] = [
  {
    ...results,
    operationId: 'getResultsPolicy',
    method: 'GET',
    path: '/api/v1/results-policies/{fiscalYear}',
    summary:
      "The year's results-application policy: the measure each grade leads to (default 优 priority support, 良 guaranteed, 中 cut 10 %, 差 cancelled), the defaults until the performance section saves its own",
    access: projectReaderRoles,
    params: fiscalYearParams,
    response: { status: 200, description: 'The policy', schema: policy.resultsPolicy },
  },
  {
    ...results,
    operationId: 'saveResultsPolicy',
    method: 'PATCH',
    path: '/api/v1/results-policies/{fiscalYear}',
    summary: "Change the year's policy, every grade at once; `version` 0 for the first save",
    access: ['performance-section-reviewer'],
    params: fiscalYearParams,
    body: policy.saveResultsPolicy,
    response: { status: 200, description: 'The saved policy', schema: policy.resultsPolicy },
  },
  {
    ...results,
    operationId: 'listResultProposals',
    method: 'GET',
    path: '/api/v1/result-proposals',
    summary:
      "One page of a source's records of an evaluated year (key evaluations with a conclusion, final-approved self-evaluations with the score that counts, department evaluations, monitoring dispositions) with what the policy proposes and what was decided; a page may hold fewer items than it read (`read`), only a page without `nextCursor` is the last",
    access: ['performance-section-reviewer'],
    query: ra.proposalQuery,
    response: {
      status: 200,
      description: 'A page',
      schema: v.object({ items: v.array(proposalItem), read: v.number(), nextCursor: v.optional(v.string()) }),
    },
  },
  {
    ...results,
    operationId: 'decideResult',
    method: 'POST',
    path: '/api/v1/result-applications',
    summary:
      'Decide the measure of one result (one decision per source record): the policy’s, or another with a reason (flagged as a departure); the recommended next-year amount follows from this year’s amount',
    access: ['performance-section-reviewer'],
    body: ra.decideResult,
    idempotentCreate: true,
    response: { status: 201, description: 'The decision', schema: ra.resultApplication },
  },
  {
    ...results,
    operationId: 'listResultApplications',
    method: 'GET',
    path: '/api/v1/result-applications',
    summary: 'The decisions of a target budget year, by department and project code; filter by source and department',
    access: traceReaders,
    query: ra.resultQuery,
    response: { status: 200, description: 'A page', schema: pageOf(ra.resultApplication) },
  },
  {
    ...results,
    operationId: 'getResultTrace',
    method: 'GET',
    path: '/api/v1/result-trace',
    summary:
      "The trace of a target budget year: each decision (grade → measure → recommended amount) with next year's project of the same code as it stands (its amount, whether budgeted, the override reason)",
    access: traceReaders,
    query: ra.resultQuery,
    response: { status: 200, description: 'A page', schema: pageOf(traceItem) },
  },
  {
    ...results,
    operationId: 'exportResultTrace',
    method: 'GET',
    path: '/api/v1/result-trace.xlsx',
    summary:
      'The whole trace of a target budget year as XLSX (结果应用追踪表), with the same filters; more than 5,000 decisions is refused (422), never cut',
    access: traceReaders,
    query: ra.resultQuery,
    response: { status: 200, description: 'An XLSX workbook' },
  },
  {
    ...results,
    operationId: 'getProjectResults',
    method: 'GET',
    path: '/api/v1/projects/{id}/results',
    summary:
      "Last year's results of a project (decisions on its predecessor of the same code) and its predecessors' open rectifications, with the lowest recommended amount: what the budget gate judges",
    access: projectReaderRoles,
    params: ra.projectResultParams,
    response: {
      status: 200,
      description: "The project's results",
      schema: v.object({
        projectId: v.string(),
        fiscalYear: v.number(),
        code: v.string(),
        results: v.array(ra.resultApplication),
        rectifications: v.array(
          v.object({
            id: v.string(),
            fiscalYear: v.number(),
            state: v.string(),
            dueDate: v.string(),
            requirements: v.string(),
            source: v.string(),
          }),
        ),
        recommendedAmount: v.nullable(v.number()),
      }),
    },
  },
];
