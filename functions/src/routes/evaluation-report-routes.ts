import { downloadLink } from '@jixiao/core/evidence/attachment.ts';
import { saveEvaluationReport } from '@jixiao/core/key-evaluation/evaluation-report.ts';
import { departmentRoles, sectionRoles } from '@jixiao/core/roles.ts';
import { idParams, uuidV7Id } from '@jixiao/core/schema-parts.ts';
import * as v from 'valibot';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

// Its own Lambda: the DOCX and XLSX writers would take the key-evaluation Lambda past its 400 KB budget.
const keyEvaluation = { capability: 'evaluation-report', tag: 'key-evaluation' } as const;

/** The bureau, the commissioned agency's lead, and the evaluated department once the final report is out. */
const readers = [...sectionRoles, 'agency-lead', ...departmentRoles] as const;

/** The narrative with what is filled from the papers (core/src/key-evaluation/evaluation-report-filled.ts). */
const reportView = v.object({
  engagementId: v.string(),
  engagementState: v.string(),
  papersState: v.picklist(['not-started', 'open', 'under-review', 'locked']),
  /** 征求意见稿 or 草稿 on the DOCX's pages until the final report; null for the final report. */
  mark: v.nullable(v.string()),
  report: v.record(v.string(), v.unknown()),
  filled: v.object({
    scoringTable: v.record(v.string(), v.unknown()),
    analysis: v.array(v.record(v.string(), v.unknown())),
    problems: v.array(v.record(v.string(), v.unknown())),
    sampling: v.nullable(v.string()),
  }),
});

const fileRequest = v.strictObject({ id: uuidV7Id });

/** The evaluation report (项目支出绩效评价报告) and its scoring table (docs/domain/key-evaluation.md#the-report). */
export const evaluationReportRoutes: RouteDefinition[] = [
  {
    ...keyEvaluation,
    operationId: 'getEvaluationReport',
    method: 'GET',
    path: '/api/v1/engagements/{id}/report',
    summary:
      "The evaluation report: its narrative sections and what is filled from the papers (scoring table, analysis per indicator, problems, sampling); the department's only after the final report",
    access: readers,
    params: idParams,
    response: { status: 200, description: 'The report', schema: reportView },
  },
  {
    ...keyEvaluation,
    operationId: 'saveEvaluationReport',
    method: 'POST',
    path: '/api/v1/engagements/{id}/report',
    summary:
      "Save the report's narrative sections and recommendations at its version (0 for the first save), through the paper lock; after the final report only as an amendment with a reason",
    access: ['agency-lead', 'performance-section-reviewer'],
    params: idParams,
    body: saveEvaluationReport,
    // Nine sections of up to 4,000 characters and 30 recommendations of 500, as UTF-8 Chinese.
    maxBodyBytes: 192 * 1024,
    versionedAction: true,
    response: { status: 200, description: 'The report after the save', schema: reportView },
  },
  {
    ...keyEvaluation,
    operationId: 'downloadEvaluationReport',
    method: 'POST',
    path: '/api/v1/engagements/{id}/report/docx',
    summary:
      'Write the report as DOCX (marked 征求意见稿/草稿 before the final report) under the client-made id, and link to it',
    access: readers,
    params: idParams,
    body: fileRequest,
    idempotentCreate: true,
    response: { status: 201, description: 'A presigned GET of the DOCX', schema: downloadLink },
  },
  {
    ...keyEvaluation,
    operationId: 'downloadScoringTable',
    method: 'POST',
    path: '/api/v1/engagements/{id}/report/scoring-table',
    summary: "Write the report's scoring table (评分表) as XLSX under the client-made id, and link to it",
    access: readers,
    params: idParams,
    body: fileRequest,
    idempotentCreate: true,
    response: { status: 201, description: 'A presigned GET of the XLSX', schema: downloadLink },
  },
];
