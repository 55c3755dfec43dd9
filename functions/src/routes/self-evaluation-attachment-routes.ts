import { attachment, attachmentUploadRequest, downloadLink, uploadTicket } from '@jixiao/core/evidence/attachment.ts';
import { unitRoles } from '@jixiao/core/roles.ts';
import { anyId, idParams, version } from '@jixiao/core/schema-parts.ts';
import { projectReaderRoles } from '@jixiao/core/scope/role-groups.ts';
import * as v from 'valibot';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const section = { capability: 'self-evaluation', tag: 'self-evaluation' } as const;

/** At most this many evidence files on one row: the form lists them all, so the list stays short. */
export const maxRowAttachments = 20;

/** Asking to upload one evidence file of a row: the row, the record's version as the client saw it, and the file. */
export const rowAttachmentUploadRequest = v.strictObject({
  ...attachmentUploadRequest.entries,
  version,
  rowId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
});

/** A row's evidence list as it should stand: listed files stay as they were, new ones must have arrived as asked. */
export const saveRowAttachments = v.strictObject({
  version,
  rowId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  attachments: v.pipe(v.array(attachment), v.maxLength(maxRowAttachments, 'max_items')),
});

export const rowAttachmentsSaved = v.object({
  id: anyId,
  version: v.number(),
  rowAttachments: v.record(v.string(), v.array(attachment)),
});

export const selfEvaluationAttachmentParams = v.strictObject({ id: anyId, attachmentId: anyId });

/**
 * Evidence per row of a self-evaluation (佐证材料, docs/domain/self-evaluation.md, "The form"): a presigned PUT
 * per file as the rectification's and the ex-ante report's, then the row's list saved at the record's version.
 */
export const selfEvaluationAttachmentRoutes: RouteDefinition[] = [
  {
    ...section,
    operationId: 'uploadSelfEvaluationRowAttachment',
    method: 'POST',
    path: '/api/v1/self-evaluations/{id}/row-attachment-uploads',
    summary:
      'A presigned PUT for one evidence file of a row (PDF, image or Office document, up to 50 MB; type, size and SHA-256 fixed), while the unit may edit the self-evaluation, at the version it read (409 when stale); then list it with `row-attachments`',
    access: unitRoles,
    params: idParams,
    body: rowAttachmentUploadRequest,
    idempotentCreate: true,
    response: { status: 201, description: 'Where and how to upload', schema: uploadTicket },
  },
  {
    ...section,
    operationId: 'saveSelfEvaluationRowAttachments',
    method: 'PATCH',
    path: '/api/v1/self-evaluations/{id}/row-attachments',
    summary: `One row's evidence list (at most ${maxRowAttachments} files): a new file must be in the bucket as asked for; a file left out is no longer listed`,
    access: unitRoles,
    params: idParams,
    body: saveRowAttachments,
    response: { status: 200, description: 'The record’s version and evidence lists', schema: rowAttachmentsSaved },
  },
  {
    ...section,
    operationId: 'getSelfEvaluationAttachment',
    method: 'GET',
    path: '/api/v1/self-evaluations/{id}/attachments/{attachmentId}',
    summary: 'A short-lived download link for one evidence file listed on a row of the self-evaluation',
    access: projectReaderRoles,
    params: selfEvaluationAttachmentParams,
    response: { status: 200, description: 'A presigned GET', schema: downloadLink },
  },
];
