import type { Attachment } from '@jixiao/core/evidence/attachment.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordKind, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { writeContext } from '#functions/records/record-operations.ts';
import { checkUploadedAttachments } from '#functions/records/uploaded-attachments.ts';

/** A record that carries one list of files (a target version's basis documents, a monitoring report's files). */
export type WithAttachments = StoredRecord & { attachments?: Attachment[] };

type UploadBody = Omit<Attachment, 'key'> & { version?: number } & Record<string, unknown>;
type SaveBody = { version: number; attachments: Attachment[] } & Record<string, unknown>;

/** What every record's evidence files have in common, whichever form lists them. */
export interface RecordFilesSpec<T extends StoredRecord> {
  /** Where the record's file lives in the evidence bucket: fixed by tenant, record and file id, never the client's. */
  key: (tenant: string, recordId: string, attachmentId: string) => string;
  /** The record as the caller may read it, or 404 (the record's own read rule). */
  visible: (request: OperationRequest, id: string) => Promise<T>;
  /**
   * The record's own edit rules in the order its PATCH holds them: scope (403), version (409), state (409). The
   * version is the one the upload names; a kind whose upload names none (the file is listed later by the record's
   * own PATCH, which checks it) is given undefined and checks none.
   */
  editable: (request: OperationRequest, current: T, version: number | undefined) => void;
  /** The record as this reader is shown it, whose listed files are the ones it may download (default: as read). */
  shown?: (request: OperationRequest, record: T) => T;
  /** Every file listed on the record (default: its one list, `attachments`). */
  listed?: (record: T) => readonly Attachment[];
}

/** The record's folder in the evidence bucket: `T/{tenant}/{folder}/{record id}/{file id}`. */
interface InFolder {
  folder: string;
}

export interface RecordAttachmentSpec<T extends WithAttachments>
  extends Omit<RecordFilesSpec<T>, 'key' | 'listed'>,
    InFolder {
  kind: RecordKind;
  /** The audit's name of the list's save. */
  operation: string;
}

/** A record whose files are listed per part of it (a self-evaluation's rows, a department evaluation's indicators). */
export interface PartAttachmentSpec<T extends StoredRecord>
  extends Omit<RecordFilesSpec<T>, 'key' | 'listed'>,
    InFolder {
  kind: RecordKind;
  operation: string;
  /** The bodies' name of the part: `rowId`, `code`. */
  part: string;
  /** After the edit rules: 422 when the record has no such part. */
  hasPart: (request: OperationRequest, current: T, part: string) => void;
  /** The files listed per part. */
  lists: (record: T) => Record<string, Attachment[]>;
  /**
   * The record's fields once the part's list is saved (`lists` holds every part's, an emptied part left out),
   * and what the answer says beside the id and version.
   */
  saved: (
    current: T,
    lists: Record<string, Attachment[]>,
    part: string,
    attachments: Attachment[],
  ) => { fields: Partial<T>; answer: Record<string, unknown> };
}

/** Where a record's file lives in the evidence bucket (docs/architecture.md#evidence-files). */
export const recordAttachmentKey = (tenant: string, folder: string, recordId: string, attachmentId: string): string =>
  `T/${tenant}/${folder}/${recordId}/${attachmentId}`;

const inFolder = (folder: string) => (tenant: string, recordId: string, attachmentId: string) =>
  recordAttachmentKey(tenant, folder, recordId, attachmentId);

const oneList = (record: WithAttachments): readonly Attachment[] => record.attachments ?? [];

/**
 * The presigned PUT of one new file and the short-lived GET of a listed one, the same for every record that carries
 * evidence (docs/architecture.md#evidence-files); how a record lists its files is the caller's (one list, per part,
 * or inside the record's own PATCH).
 */
export const recordFileLinks = <T extends StoredRecord>(
  evidence: EvidenceStore,
  spec: RecordFilesSpec<T>,
  /** Checks of the upload's own fields after the edit rules (the part it names). */
  also: (request: OperationRequest<{ id: string }, unknown, UploadBody>, current: T) => void = () => {},
) => {
  const listed = spec.listed ?? (oneList as (record: T) => readonly Attachment[]);
  const keyOf = (request: OperationRequest, current: T) => (attachmentId: string) =>
    spec.key(request.principal.tenant, current.id, attachmentId);

  /** A presigned PUT for one new file at its record's key; asking again for the same id gives the same key. */
  const upload: Operation = async (request: OperationRequest<{ id: string }, unknown, UploadBody>) => {
    const current = await spec.visible(request, request.params.id);
    spec.editable(request, current, request.body.version);
    also(request, current);
    const { id, name, contentType, sizeBytes, sha256 } = request.body;
    const file = { id, name, contentType, sizeBytes, sha256 };
    // A listed file is kept as it is: no second upload over it (the bucket also refuses to overwrite).
    if (listed(current).some((a) => a.id === file.id)) throw new HttpProblem('invalid-transition', { current });
    const key = keyOf(request, current)(file.id);
    const signed = await evidence.signUpload(key, file, 15 * 60);
    return { status: 201, body: { attachment: { ...file, key }, upload: { method: 'PUT', ...signed } } };
  };

  /** A short-lived link that saves one listed file under its own name, for everyone who reads the record. */
  const download: Operation = async (request: OperationRequest<{ id: string; attachmentId: string }>) => {
    const read = await spec.visible(request, request.params.id);
    const current = spec.shown ? spec.shown(request, read) : read;
    const file = listed(current).find((a) => a.id === request.params.attachmentId);
    if (!file) throw new HttpProblem('not-found');
    const link = await evidence.signDownload(keyOf(request, current)(file.id), file.name, 5 * 60);
    return { status: 200, body: { url: link.url, expiresAt: link.expiresAt } };
  };

  return { upload, download, keyOf };
};

/** The list saved at the version read: files checked against the bucket, the record written once, audited. */
const saveFiles = async <T extends StoredRecord>(
  store: RecordStore,
  evidence: EvidenceStore,
  request: OperationRequest<{ id: string }, unknown, SaveBody>,
  current: T,
  spec: { kind: RecordKind; operation: string },
  files: { before: readonly Attachment[]; keyOf: (attachmentId: string) => string; fields: Partial<T> },
) => {
  await checkUploadedAttachments(evidence, files.before, request.body.attachments, files.keyOf, request.language);
  const after: T = {
    ...current,
    ...files.fields,
    version: current.version + 1,
    updatedAt: request.receivedAt,
    updatedBy: request.principal.userId,
  };
  const result = await store.update(request.principal.tenant, spec.kind, current, after, {
    ...writeContext(request),
    operation: spec.operation,
  });
  if (result.outcome !== 'updated') throw new HttpProblem('version-conflict', { current });
  return result.record;
};

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
  const { upload, download, keyOf } = recordFileLinks(evidence, { ...spec, key: inFolder(spec.folder) });

  const save: Operation = async (request: OperationRequest<{ id: string }, unknown, SaveBody>) => {
    const current = await spec.visible(request, request.params.id);
    spec.editable(request, current, request.body.version);
    const { attachments } = request.body;
    const written = await saveFiles(store, evidence, request, current, spec, {
      before: current.attachments ?? [],
      keyOf: keyOf(request, current),
      fields: { attachments } as Partial<T>,
    });
    return { status: 200, body: { id: written.id, version: written.version, attachments } };
  };

  return { upload, save, download };
};

/**
 * Evidence files listed per part of a record (a row, an indicator), over the same upload, check and download as one
 * list: the upload and the save name the part, which must be the record's; a file id is listed on one part only,
 * since two parts never claim one piece of evidence; a file is downloaded from whichever part lists it.
 */
export const partAttachmentOperations = <T extends StoredRecord>(
  store: RecordStore,
  evidence: EvidenceStore,
  spec: PartAttachmentSpec<T>,
) => {
  const partOf = (request: OperationRequest<unknown, unknown, Record<string, unknown>>) =>
    String(request.body[spec.part]);
  const { upload, download, keyOf } = recordFileLinks(
    evidence,
    { ...spec, key: inFolder(spec.folder), listed: (record) => Object.values(spec.lists(record)).flat() },
    (request, current) => spec.hasPart(request, current, partOf(request)),
  );

  const save: Operation = async (request: OperationRequest<{ id: string }, unknown, SaveBody>) => {
    const current = await spec.visible(request, request.params.id);
    spec.editable(request, current, request.body.version);
    const part = partOf(request);
    spec.hasPart(request, current, part);
    const { attachments } = request.body;
    const lists = spec.lists(current);
    // A file listed on another part stays there: moving it would make two parts claim one piece of evidence.
    const elsewhere = Object.entries(lists)
      .filter(([other]) => other !== part)
      .flatMap(([, files]) => files);
    const taken = attachments.findIndex((a) => elsewhere.some((e) => e.id === a.id));
    if (taken >= 0) {
      throw new HttpProblem('validation-failed', {
        errors: [
          {
            pointer: `/attachments/${taken}`,
            code: 'attachment_changed',
            message: describe('attachment_changed', request.language),
          },
        ],
      });
    }
    const { [part]: _before, ...others } = lists;
    const after = attachments.length > 0 ? { ...others, [part]: attachments } : others;
    const { fields, answer } = spec.saved(current, after, part, attachments);
    const written = await saveFiles(store, evidence, request, current, spec, {
      before: lists[part] ?? [],
      keyOf: keyOf(request, current),
      fields,
    });
    return { status: 200, body: { id: written.id, version: written.version, ...answer } };
  };

  return { upload, save, download };
};
