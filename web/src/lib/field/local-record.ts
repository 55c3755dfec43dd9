import type {
  CreateFieldRecord,
  DeclaredPhoto,
  FieldRecordContent,
  FieldRecordType,
  UpdateFieldRecord,
} from '@jixiao/core/fieldwork/field-record.ts';
import type { FieldError } from '@jixiao/core/problem.ts';

/**
 * A field record as the phone keeps it in IndexedDB (docs/architecture.md#the-offline-first-field-app). Three copies of the content
 * are kept apart so that typing never changes what is on its way to the server:
 *
 * - `content`: the working copy, saved on every keystroke;
 * - `queued`: the copy the evaluator finished (checked by `recordProblems`) and the outbox sends;
 * - `lastSent`: the copy the server holds (after a 2xx), so an edit after sending becomes an update.
 *
 * `createSent` is the create body exactly as first sent: a replay must be byte-for-byte the same
 * request, or the server answers 409 idempotency-conflict.
 */
export interface LocalRecord {
  id: string;
  assignmentId: string;
  engagementId: string;
  type: FieldRecordType;
  /** What the list shows (a site's name, an interviewee's role, a respondent code). */
  title: string;
  content: FieldRecordContent;
  queued: FieldRecordContent | null;
  queuedAt: string | null;
  createSent: CreateFieldRecord | null;
  /** The server's version after the last 2xx create or update; null until the create succeeded. */
  serverVersion: number | null;
  lastSent: FieldRecordContent | null;
  /** Photos whose bytes are in the bucket (PUT answered 2xx or 412). */
  uploadedPhotoIds: string[];
  /** Photos the server has attached (201). */
  attachedPhotoIds: string[];
  /** A refusal that retrying will not cure (4xx other than 408/409/429): shown, not retried. */
  attention: { status: number; title: string; errors: FieldError[] } | null;
  /** A 409 version-conflict: the server's copy, for the evaluator to choose. */
  conflict: { server: Record<string, unknown> } | null;
  updatedAt: string;
  /**
   * Set on a copy downloaded from the server (a new or cleared phone): the photos it declared then,
   * whose bytes are not on this phone. The phone that took them sends them; this one never tries.
   */
  remotePhotoIds?: string[];
}

/** A photo's bytes, stored beside its record (same transaction as the record that declares it). */
export interface LocalPhoto {
  id: string;
  recordId: string;
  blob: Blob;
}

/** Key order must not matter when comparing copies (IndexedDB keeps it, but copies come from several places). */
export const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

export const sameContent = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

export const createBody = (record: Pick<LocalRecord, 'id' | 'assignmentId'>, content: FieldRecordContent) =>
  ({ id: record.id, assignmentId: record.assignmentId, ...content }) as CreateFieldRecord;

export const updateBody = (version: number, content: FieldRecordContent) =>
  ({ version, ...content }) as UpdateFieldRecord;

/** The content of a create body (what the server holds once it answered 201). */
export const contentOfCreate = (body: CreateFieldRecord): FieldRecordContent => {
  const { id: _id, assignmentId: _assignment, ...content } = body;
  return content as FieldRecordContent;
};

/** The content fields of a server copy (for "take the server's"). */
export const contentOfServer = (server: Record<string, unknown>, type: FieldRecordType): FieldRecordContent => {
  const drop = new Set([
    'id',
    'assignmentId',
    'version',
    'status',
    'createdAt',
    'updatedAt',
    'createdBy',
    'updatedBy',
    'engagementId',
    'evaluatorId',
    'evaluatorName',
    'agencyId',
    'departmentId',
    'receivedAt',
    'departureReceivedAt',
    'positionFlag',
    'receivedPhotoIds',
    'tenant',
    'tenantId',
  ]);
  return { ...Object.fromEntries(Object.entries(server).filter(([k]) => !drop.has(k))), type } as FieldRecordContent;
};

/** What the list endpoint answers for one record: its content plus the server's own fields. */
export interface ServerRecord extends Record<string, unknown> {
  id: string;
  assignmentId: string;
  engagementId: string;
  type: FieldRecordType;
  version: number;
  receivedAt?: string;
  createdAt?: string;
}

/**
 * The phone's copy of a record the server already holds (downloaded onto a new or cleared phone):
 * finished and sent as far as this phone is concerned, with the photos it declared left to the
 * phone that took them.
 */
export const localCopyOfServer = (server: ServerRecord, title: string, now: string): LocalRecord => {
  const content = contentOfServer(server, server.type);
  return {
    id: server.id,
    assignmentId: server.assignmentId,
    engagementId: server.engagementId,
    type: server.type,
    title,
    content,
    queued: content,
    queuedAt: server.receivedAt ?? server.createdAt ?? now,
    createSent: null,
    serverVersion: server.version,
    lastSent: content,
    uploadedPhotoIds: [],
    attachedPhotoIds: [],
    remotePhotoIds: content.photos.map((p) => p.id),
    attention: null,
    conflict: null,
    updatedAt: now,
  };
};

export type OutboxStep =
  | { kind: 'create'; body: CreateFieldRecord; fresh: boolean }
  | { kind: 'update'; body: UpdateFieldRecord }
  | { kind: 'upload'; photo: DeclaredPhoto }
  | { kind: 'attach'; photo: DeclaredPhoto };

/**
 * What the outbox does next for one record, in the fixed order: create (or the update that
 * carries later edits), then each declared photo's upload and attach. Null: nothing to send, or
 * the record waits for the evaluator (a conflict or a refusal).
 */
export const nextStep = (r: LocalRecord): OutboxStep | null => {
  if (!r.queued || r.conflict || r.attention) return null;
  if (r.serverVersion === null) {
    return r.createSent
      ? { kind: 'create', body: r.createSent, fresh: false }
      : { kind: 'create', body: createBody(r, r.queued), fresh: true };
  }
  if (!r.lastSent || !sameContent(r.queued, r.lastSent))
    return { kind: 'update', body: updateBody(r.serverVersion, r.queued) };
  for (const photo of r.queued.photos) {
    if (r.attachedPhotoIds.includes(photo.id) || r.remotePhotoIds?.includes(photo.id)) continue;
    return r.uploadedPhotoIds.includes(photo.id) ? { kind: 'attach', photo } : { kind: 'upload', photo };
  }
  return null;
};

export type RecordState = 'draft' | 'waiting' | 'sent' | 'attention' | 'conflict';

export const recordState = (r: LocalRecord): RecordState => {
  if (!r.queued) return 'draft';
  if (r.conflict) return 'conflict';
  if (r.attention) return 'attention';
  return nextStep(r) ? 'waiting' : 'sent';
};

/** Edits in the working copy that are not yet finished (queued) again. */
export const hasUnqueuedEdits = (r: LocalRecord): boolean => r.queued !== null && !sameContent(r.content, r.queued);

/** Counts a photo as unsent until the server attached it. */
const unsentPhotos = (r: LocalRecord): number =>
  (r.queued?.photos ?? []).filter((p) => !r.attachedPhotoIds.includes(p.id) && !r.remotePhotoIds?.includes(p.id))
    .length;

/** A draft counts once something was written in it (a blank one left open is nobody's work). */
export const isWrittenDraft = (r: LocalRecord): boolean =>
  r.queued === null && r.updatedAt !== r.content.deviceCreatedAt;

export interface UnsentSummary {
  records: number;
  photos: number;
  /** When the oldest unsent record was finished (ISO), or null. */
  oldestAt: string | null;
  attention: number;
  conflicts: number;
  /** Drafts with something written in them: not finished, so not on their way to the server either. */
  drafts: number;
}

/** What has not reached the server yet: finished records not fully sent, and their photos. */
export const unsentSummary = (records: readonly LocalRecord[]): UnsentSummary => {
  let count = 0;
  let photos = 0;
  let oldest: string | null = null;
  let attention = 0;
  let conflicts = 0;
  let drafts = 0;
  for (const r of records) {
    if (isWrittenDraft(r)) drafts++;
    const state = recordState(r);
    if (state === 'draft' || state === 'sent') continue;
    count++;
    photos += unsentPhotos(r);
    if (state === 'attention') attention++;
    if (state === 'conflict') conflicts++;
    if (r.queuedAt && (oldest === null || r.queuedAt < oldest)) oldest = r.queuedAt;
  }
  return { records: count, photos, oldestAt: oldest, attention, conflicts, drafts };
};

/** Records the outbox works through, oldest finished first (so the order of sending is the order of work). */
export const sendOrder = (records: readonly LocalRecord[]): LocalRecord[] =>
  records
    .filter((r) => nextStep(r) !== null)
    .sort((a, b) => (a.queuedAt ?? '').localeCompare(b.queuedAt ?? '') || a.id.localeCompare(b.id));

export type Age = { unit: 'now' } | { unit: 'minutes' | 'hours' | 'days'; count: number };

/** How old something is, in the coarsest unit that is at least 1. */
export const ageOf = (iso: string, now: number = Date.now()): Age => {
  const ms = Math.max(0, now - Date.parse(iso));
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return { unit: 'now' };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
};
