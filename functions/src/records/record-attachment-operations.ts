import type { Attachment } from '@jixiao/core/evidence/attachment.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordKind, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { writeContext } from '#functions/records/record-operations.ts';
import { checkUploadedAttachments } from '#functions/records/uploaded-attachments.ts';

/** A record that carries one list of files (a target version's basis documents, a monitoring report's files). */
export type WithAttachments = StoredRecord & { attachments?: Attachment[] };

type UploadBody = Omit<Attachment, 'key'> & { version: number };
type SaveBody = { version: number; attachments: Attachment[] };

export interface RecordAttachmentSpec<T extends WithAttachments> {
  kind: RecordKind;
  /** The record's folder in the evidence bucket: `T/{tenant}/{folder}/{record id}/{file id}`. */
  folder: string;
  /** The record as the caller may read it, or 404 (the record's own read rule). */
  visible: (request: OperationRequest, id: string) => Promise<T>;
  /** The record's own edit rules in the order its PATCH holds them: scope (403), version (409), state (409). */
  editable: (request: OperationRequest, current: T, version: number) => void;
  /** The audit's name of the list's save. */
  operation: string;
}

/** Where a record's file lives in the evidence bucket (docs/architecture.md#evidence-files). */
export const recordAttachmentKey = (tenant: string, folder: string, recordId: string, attachmentId: string): string =>
  `T/${tenant}/${folder}/${recordId}/${attachmentId}`;

/**
 * One list of evidence files on a record, over the presigned-upload path every evidence form uses
 * (docs/architecture.md#evidence-files): a PUT per file asked for at the version read, then the whole list
 * saved at that version, each new file checked against the bytes in the bucket, then a short-lived link to
 * download a listed file for everyone who reads the record. Listing files changes nothing else on the record:
 * not its figures, not its review status.
 */
export const recordAttachmentOperations = <T extends WithAttachments>(
  store: RecordStore,
  evidence: EvidenceStore,
  spec: RecordAttachmentSpec<T>,
) => {
  const keyOf = (request: OperationRequest, current: T) => (attachmentId: string) =>
    recordAttachmentKey(request.principal.tenant, spec.folder, current.id, attachmentId);

  const upload: Operation = async (request: OperationRequest<{ id: string }, unknown, UploadBody>) => {
    const current = await spec.visible(request, request.params.id);
    spec.editable(request, current, request.body.version);
    const { version: _version, ...file } = request.body;
    // A listed file is kept as it is: no second upload over it (the bucket also refuses to overwrite).
    if ((current.attachments ?? []).some((a) => a.id === file.id)) {
      throw new HttpProblem('invalid-transition', { current });
    }
    const key = keyOf(request, current)(file.id);
    const signed = await evidence.signUpload(key, file, 15 * 60);
    return { status: 201, body: { attachment: { ...file, key }, upload: { method: 'PUT', ...signed } } };
  };

  const save: Operation = async (request: OperationRequest<{ id: string }, unknown, SaveBody>) => {
    const current = await spec.visible(request, request.params.id);
    spec.editable(request, current, request.body.version);
    const { attachments } = request.body;
    await checkUploadedAttachments(
      evidence,
      current.attachments ?? [],
      attachments,
      keyOf(request, current),
      request.language,
    );
    const after: T = {
      ...current,
      attachments,
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const result = await store.update(request.principal.tenant, spec.kind, current, after, {
      ...writeContext(request),
      operation: spec.operation,
    });
    if (result.outcome !== 'updated') throw new HttpProblem('version-conflict', { current });
    return { status: 200, body: { id: after.id, version: result.record.version, attachments } };
  };

  /** A short-lived link that saves one listed file under its own name. */
  const download: Operation = async (request: OperationRequest<{ id: string; attachmentId: string }>) => {
    const current = await spec.visible(request, request.params.id);
    const file = (current.attachments ?? []).find((a) => a.id === request.params.attachmentId);
    if (!file) throw new HttpProblem('not-found');
    const link = await evidence.signDownload(keyOf(request, current)(file.id), file.name, 5 * 60);
    return { status: 200, body: { url: link.url, expiresAt: link.expiresAt } };
  };

  return { upload, save, download };
};
