import { attachment, attachmentUploadRequest, downloadLink, uploadTicket } from '@jixiao/core/evidence/attachment.ts';
import type { Role } from '@jixiao/core/roles.ts';
import { anyId, idParams, version } from '@jixiao/core/schema-parts.ts';
import * as v from 'valibot';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

/** At most this many files on one record: the form lists them all, so the list stays short. */
export const maxRecordAttachments = 20;

/** Asking to upload one file of the record, at the record's version as the client read it. */
export const recordAttachmentUploadRequest = v.strictObject({ ...attachmentUploadRequest.entries, version });

/** The record's list as it should stand: listed files stay as they were, new ones must have arrived as asked. */
export const saveRecordAttachments = v.strictObject({
  version,
  attachments: v.pipe(v.array(attachment), v.maxLength(maxRecordAttachments, 'max_items')),
});

export const recordAttachmentsSaved = v.object({ id: anyId, version: v.number(), attachments: v.array(attachment) });

export const recordAttachmentParams = v.strictObject({ id: anyId, attachmentId: anyId });

export interface RecordAttachmentRouteSpec {
  capability: RouteDefinition['capability'];
  tag: string;
  /** The record's path, e.g. `/api/v1/targets`. */
  base: string;
  /** The operation ids' noun, e.g. `Target` gives uploadTargetAttachment. */
  noun: string;
  /** What the files are and while when they may change, for the summaries. */
  what: string;
  while: string;
  editors: readonly Role[];
  readers: readonly Role[];
}

/**
 * The three routes of a record that carries one list of files (docs/architecture.md#evidence-files): a presigned
 * PUT per file, the list saved at the record's version, a presigned GET of a listed file.
 */
export const recordAttachmentRoutes = (spec: RecordAttachmentRouteSpec): RouteDefinition[] => {
  const section = { capability: spec.capability, tag: spec.tag };
  return [
    {
      ...section,
      operationId: `upload${spec.noun}Attachment`,
      method: 'POST',
      path: `${spec.base}/{id}/attachment-uploads`,
      summary: `A presigned PUT for one ${spec.what} file (PDF, image or Office document, up to 50 MB; type, size and SHA-256 fixed), ${spec.while}, at the version it read (409 when stale); then list it with \`attachments\``,
      access: spec.editors,
      params: idParams,
      body: recordAttachmentUploadRequest,
      idempotentCreate: true,
      response: { status: 201, description: 'Where and how to upload', schema: uploadTicket },
    },
    {
      ...section,
      operationId: `save${spec.noun}Attachments`,
      method: 'PATCH',
      path: `${spec.base}/{id}/attachments`,
      summary: `The ${spec.what} files as they should stand (at most ${maxRecordAttachments}): a new file must be in the bucket as asked for; a file left out is no longer listed`,
      access: spec.editors,
      params: idParams,
      body: saveRecordAttachments,
      response: { status: 200, description: 'The record’s version and files', schema: recordAttachmentsSaved },
    },
    {
      ...section,
      operationId: `get${spec.noun}Attachment`,
      method: 'GET',
      path: `${spec.base}/{id}/attachments/{attachmentId}`,
      summary: `A short-lived download link for one listed ${spec.what} file`,
      access: spec.readers,
      params: recordAttachmentParams,
      response: { status: 200, description: 'A presigned GET', schema: downloadLink },
    },
  ];
};
