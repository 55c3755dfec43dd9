import { attachmentUploadRequest, downloadLink, uploadTicket } from '@jixiao/core/evidence/attachment.ts';
import {
  maxPaperDocuments,
  paperDocumentParams,
  saveScoringPaper,
  scoringPaperParams,
} from '@jixiao/core/key-evaluation/scoring-paper.ts';
import { agencyRoles, departmentRoles, sectionRoles } from '@jixiao/core/roles.ts';
import { idParams } from '@jixiao/core/schema-parts.ts';
import * as v from 'valibot';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const keyEvaluation = { capability: 'key-evaluation', tag: 'key-evaluation' } as const;

/** The papers with the score sheet (engagement-score.ts) and rule 10's list (report-readiness.ts). */
const sheet = v.object({
  engagementId: v.string(),
  engagementVersion: v.number(),
  papersState: v.picklist(['not-started', 'open', 'under-review', 'locked']),
  papers: v.array(v.record(v.string(), v.unknown())),
  score: v.record(v.string(), v.unknown()),
  problems: v.array(v.object({ pointer: v.string(), code: v.string(), message: v.string() })),
  rounding: v.record(v.string(), v.unknown()),
});

/** Scoring papers (绩效指标底稿) of a key evaluation (docs/domain/key-evaluation.md#scoring-papers). */
export const scoringPaperRoutes: RouteDefinition[] = [
  {
    ...keyEvaluation,
    operationId: 'listScoringPapers',
    method: 'GET',
    path: '/api/v1/engagements/{id}/scoring-papers',
    summary:
      "One scoring paper per framework indicator, the score sheet (rows, level subtotals, total, grade) and what rule 10 still misses; the department's only after the final report",
    access: [...sectionRoles, ...agencyRoles, ...departmentRoles],
    params: idParams,
    response: { status: 200, description: 'The papers and their score', schema: sheet },
  },
  {
    ...keyEvaluation,
    operationId: 'saveScoringPaper',
    method: 'POST',
    path: '/api/v1/engagements/{id}/scoring-papers/{indicatorId}',
    summary:
      "Save an indicator's scoring paper at its version (0 for the first save), through the paper lock; after the final report only as an amendment with a reason",
    access: ['agency-lead', 'performance-section-reviewer'],
    params: scoringPaperParams,
    body: saveScoringPaper,
    versionedAction: true,
    response: { status: 200, description: 'The papers and their score after the save', schema: sheet },
  },
  {
    ...keyEvaluation,
    operationId: 'uploadScoringPaperDocument',
    method: 'POST',
    path: '/api/v1/engagements/{id}/scoring-papers/{indicatorId}/document-uploads',
    summary: `A presigned PUT for one document of an indicator's paper (PDF, image or Office document, up to 50 MB; type, size and SHA-256 fixed), by whoever may save the paper while they may; then list it in the paper's \`evidence.documents\` (at most ${maxPaperDocuments}) with its save`,
    access: ['agency-lead', 'performance-section-reviewer'],
    params: scoringPaperParams,
    body: attachmentUploadRequest,
    idempotentCreate: true,
    response: { status: 201, description: 'Where and how to upload', schema: uploadTicket },
  },
  {
    ...keyEvaluation,
    operationId: 'getScoringPaperDocument',
    method: 'GET',
    path: '/api/v1/engagements/{id}/scoring-papers/{indicatorId}/documents/{attachmentId}',
    summary:
      "A short-lived download link for one document listed on an indicator's paper, for whoever reads the papers",
    access: [...sectionRoles, ...agencyRoles, ...departmentRoles],
    params: paperDocumentParams,
    response: { status: 200, description: 'A presigned GET', schema: downloadLink },
  },
];
