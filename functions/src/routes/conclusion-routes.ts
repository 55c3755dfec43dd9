import * as engagement from '@jixiao/core/fieldwork/engagement.ts';
import { resultNotice, reviewDecision } from '@jixiao/core/key-evaluation/conclusion-steps.ts';
import type { Role } from '@jixiao/core/roles.ts';
import { idParams } from '@jixiao/core/schema-parts.ts';
import { engagementRoles } from '@jixiao/core/scope/role-groups.ts';
import * as v from 'valibot';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const keyEvaluation = { capability: 'key-evaluation', tag: 'key-evaluation' } as const;
const perf: readonly Role[] = ['performance-section-reviewer'];

const step = (
  operationId: string,
  path: string,
  summary: string,
  access: readonly Role[],
  body: v.GenericSchema = engagement.engagementStep,
) =>
  ({
    ...keyEvaluation,
    operationId,
    method: 'POST',
    path: `/api/v1/engagements/{id}/${path}`,
    summary,
    access,
    params: idParams,
    body,
    versionedAction: true,
    response: { status: 200, description: 'The engagement after the step', schema: engagement.engagement },
  }) as const satisfies RouteDefinition;

const conclusion = v.object({
  engagementId: v.string(),
  state: v.picklist(engagement.engagementStateCodes),
  version: v.number(),
  reviews: v.array(engagement.reviewEntry),
  nextQualityLevel: v.nullable(v.picklist(engagement.qualityReviewLevelCodes)),
  conclusion: v.nullable(engagement.engagementConclusion),
  resultNotice: v.nullable(engagement.storedResultNotice),
  papersState: v.picklist(engagement.engagementStateCodes),
  amendments: v.array(
    v.object({
      id: v.string(),
      paperType: v.string(),
      paperId: v.string(),
      reason: v.string(),
      amendedBy: v.string(),
      at: v.string(),
    }),
  ),
  problems: v.array(v.object({ pointer: v.string(), code: v.string(), message: v.string() })),
});

/** The engagement's steps after fieldwork, the reviews, the lock and its amendments (docs/domain/key-evaluation.md#from-findings-to-the-archive). */
export const conclusionRoutes: RouteDefinition[] = [
  {
    ...keyEvaluation,
    operationId: 'getConclusion',
    method: 'GET',
    path: '/api/v1/engagements/{id}/conclusion',
    summary:
      "Where a key evaluation stands after fieldwork: the review sheet, the level that signs next, the conclusion, the result notice, the papers' lock and its amendments, and what still blocks the report",
    access: engagementRoles,
    params: idParams,
    response: { status: 200, description: 'The conclusion', schema: conclusion },
  },
  step(
    'submitReport',
    'submit-report',
    "The agency's lead sends the drafted report into the agency's review (every indicator scored with evidence, rule 10)",
    ['agency-lead'],
  ),
  step(
    'qualityReview',
    'quality-review',
    "One level of the agency's review (project manager, quality control, signing partner; different people): approve, or return to drafting",
    ['agency-lead'],
    reviewDecision,
  ),
  step(
    'financeReview',
    'finance-review',
    "The bureau's review: return to drafting, or approve the final report, which fixes the score and grade and locks the papers",
    perf,
    reviewDecision,
  ),
  step(
    'notifyResult',
    'notify-result',
    'The result notice to the evaluated department, with the rectification it orders (if any)',
    perf,
    resultNotice,
  ),
  step('archiveEngagement', 'archive', 'Closes the engagement into its archive (10号 step 9)', perf),
];
