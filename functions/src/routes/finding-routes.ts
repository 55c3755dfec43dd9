import * as engagement from '@jixiao/core/fieldwork/engagement.ts';
import * as finding from '@jixiao/core/key-evaluation/finding.ts';
import * as exchange from '@jixiao/core/key-evaluation/opinion-exchange.ts';
import { departmentRoles, sectionRoles } from '@jixiao/core/roles.ts';
import { idParams } from '@jixiao/core/schema-parts.ts';
import * as v from 'valibot';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const keyEvaluation = { capability: 'key-evaluation', tag: 'findings' } as const;

const summary = v.object({
  engagementState: v.picklist(engagement.engagementStateCodes),
  findings: v.array(finding.finding),
  exchange: v.nullable(exchange.opinionExchange),
  /** The department's answers: its own drafts to the department, the submitted answers to the agency and the bureau. */
  answers: v.array(exchange.findingAnswer),
  /** The most findings an engagement holds. */
  limit: v.number(),
});

const engagementStep = (operationId: string, path: string, summaryText: string, body: v.GenericSchema) =>
  ({
    ...keyEvaluation,
    operationId,
    method: 'POST',
    path: `/api/v1/engagements/{id}/${path}`,
    summary: summaryText,
    access: ['agency-lead'],
    params: idParams,
    body,
    versionedAction: true,
    response: { status: 200, description: 'The engagement after the step', schema: engagement.engagement },
  }) as const satisfies RouteDefinition;

/** Findings (问题汇总表) and the exchange of opinions (意见交换) (docs/domain/key-evaluation.md#findings-and-the-exchange-of-opinions). */
export const findingRoutes: RouteDefinition[] = [
  {
    ...keyEvaluation,
    operationId: 'listFindings',
    method: 'GET',
    path: '/api/v1/engagements/{id}/findings',
    summary:
      "The issue summary with its exchange of opinions: the bureau's and the agency's; the department's once sent to it",
    access: [...sectionRoles, 'agency-lead', ...departmentRoles],
    params: idParams,
    response: { status: 200, description: 'The summary', schema: summary },
  },
  {
    ...keyEvaluation,
    operationId: 'createFinding',
    method: 'POST',
    path: '/api/v1/engagements/{id}/findings',
    summary: "Add a finding to the issue summary (a paper: written through the engagement's lock)",
    access: ['agency-lead', 'performance-section-reviewer'],
    params: idParams,
    body: finding.createFinding,
    idempotentCreate: true,
    response: { status: 201, description: 'Created', schema: finding.finding },
  },
  {
    ...keyEvaluation,
    operationId: 'updateFinding',
    method: 'PATCH',
    path: '/api/v1/engagements/{id}/findings/{findingId}',
    summary: 'Revise or withdraw a finding; after the final report only as an amendment with a reason',
    access: ['agency-lead', 'performance-section-reviewer'],
    params: finding.findingParams,
    body: finding.updateFinding,
    response: { status: 200, description: 'Updated', schema: finding.finding },
  },
  engagementStep(
    'sendFindings',
    'send-findings',
    'Send the draft findings to the evaluated department with a reply date (releases the evidence to it)',
    exchange.sendFindings,
  ),
  {
    ...keyEvaluation,
    operationId: 'saveFindingAnswers',
    method: 'POST',
    path: '/api/v1/engagements/{id}/finding-answers',
    summary: "The evaluated department's reviewer saves answers to the findings as a draft, until submitted",
    access: ['department-reviewer'],
    params: idParams,
    body: exchange.saveAnswers,
    versionedAction: true,
    response: {
      status: 200,
      description: 'The exchange and every answer',
      schema: v.object({ exchange: exchange.opinionExchange, answers: v.array(exchange.findingAnswer) }),
    },
  },
  {
    ...keyEvaluation,
    operationId: 'submitFindingAnswers',
    method: 'POST',
    path: '/api/v1/engagements/{id}/finding-answers/submit',
    summary: 'The department submits its answers once: every finding answered; fixed from then on',
    access: ['department-reviewer'],
    params: idParams,
    body: exchange.submitAnswers,
    versionedAction: true,
    response: { status: 200, description: 'The exchange', schema: exchange.opinionExchange },
  },
  {
    ...keyEvaluation,
    operationId: 'recordAnswerHandling',
    method: 'POST',
    path: '/api/v1/engagements/{id}/finding-answers/{findingId}/handling',
    summary: "Record how the agency handled the department's answer to a finding (意见交换记录)",
    access: ['agency-lead'],
    params: exchange.answerParams,
    body: exchange.recordHandling,
    versionedAction: true,
    response: { status: 200, description: 'The answer with its handling', schema: exchange.findingAnswer },
  },
  engagementStep(
    'closeOpinionExchange',
    'close-opinion-exchange',
    'Close the exchange once every answer is handled, or after the reply date with a note; the report is drafted',
    exchange.closeExchange,
  ),
];
