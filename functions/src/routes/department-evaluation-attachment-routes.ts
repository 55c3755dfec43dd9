import { judgementEntry } from '@jixiao/core/department-evaluation/judgement-score.ts';
import { attachment, attachmentUploadRequest, downloadLink, uploadTicket } from '@jixiao/core/evidence/attachment.ts';
import { departmentRoles } from '@jixiao/core/roles.ts';
import { anyId, idParams, version } from '@jixiao/core/schema-parts.ts';
import { projectReaderRoles } from '@jixiao/core/scope/role-groups.ts';
import * as v from 'valibot';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const section = { capability: 'department-evaluation', tag: 'department-evaluation' } as const;
const base = '/api/v1/department-evaluations';

/** At most this many evidence files on one indicator: the entry's own cap on evidence ids (judgement-score.ts). */
export const maxEntryAttachments = 20;

const code = v.pipe(v.string(), v.minLength(1), v.maxLength(40));

/** Asking to upload one evidence file of an indicator: its code, the record's version as the client saw it, the file. */
export const entryAttachmentUploadRequest = v.strictObject({ ...attachmentUploadRequest.entries, version, code });

/** An indicator's evidence list as it should stand: listed files stay as they were, new ones must have arrived. */
export const saveEntryAttachments = v.strictObject({
  version,
  code,
  attachments: v.pipe(v.array(attachment), v.maxLength(maxEntryAttachments, 'max_items')),
});

/** The files listed per indicator code, as every answer about the record carries them. */
export const entryAttachments = v.record(v.string(), v.array(attachment));

export const entryAttachmentsSaved = v.object({
  id: anyId,
  version: v.number(),
  entries: v.array(judgementEntry),
  entryAttachments,
});

export const departmentEvaluationAttachmentParams = v.strictObject({ id: anyId, attachmentId: anyId });

/**
 * Evidence files per indicator of the department overall self-evaluation (docs/domain/self-evaluation.md,
 * "Records, review and the table"): a presigned PUT per file, as a self-evaluation row's, then the indicator's
 * list saved at the record's version.
 */
export const departmentEvaluationAttachmentRoutes: RouteDefinition[] = [
  {
    ...section,
    operationId: 'uploadDepartmentEvaluationEvidence',
    method: 'POST',
    path: `${base}/{id}/evidence-uploads`,
    summary:
      'A presigned PUT for one evidence file of an indicator (PDF, image or Office document, up to 50 MB; type, size and SHA-256 fixed), while the department may save the evaluation, at the version it read (409 when stale); then list it with `entry-attachments`',
    access: departmentRoles,
    params: idParams,
    body: entryAttachmentUploadRequest,
    idempotentCreate: true,
    response: { status: 201, description: 'Where and how to upload', schema: uploadTicket },
  },
  {
    ...section,
    operationId: 'saveDepartmentEvaluationEntryAttachments',
    method: 'PATCH',
    path: `${base}/{id}/entry-attachments`,
    summary: `One indicator's evidence list (at most ${maxEntryAttachments} files): a new file must be in the bucket as asked for; a file left out is no longer listed; the indicator's entry lists their ids`,
    access: departmentRoles,
    params: idParams,
    body: saveEntryAttachments,
    response: {
      status: 200,
      description: 'The record’s version, entries and evidence lists',
      schema: entryAttachmentsSaved,
    },
  },
  {
    ...section,
    operationId: 'getDepartmentEvaluationAttachment',
    method: 'GET',
    path: `${base}/{id}/attachments/{attachmentId}`,
    summary: 'A short-lived download link for one evidence file listed on an indicator of the evaluation',
    access: projectReaderRoles,
    params: departmentEvaluationAttachmentParams,
    response: { status: 200, description: 'A presigned GET', schema: downloadLink },
  },
];
