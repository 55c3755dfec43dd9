import type { AuditEntry } from '@jixiao/core/audit.ts';
import type { TenantCalendar } from '@jixiao/core/organisation/tenant-calendar.ts';
import type { Page } from '@jixiao/core/schema-parts.ts';

/**
 * The port through which operations keep records. Handlers and operations never see DynamoDB
 * commands; the adapter in adapters/dynamodb implements this with conditional writes and
 * transactions (every write together with its audit entry).
 */
export interface StoredRecord {
  id: string;
  version: number;
  [field: string]: unknown;
}

/** How one type of record is keyed, listed, searched and kept unique. */
export interface RecordKind {
  /** Key segment and audit `entityType`, e.g. `department`. */
  type: string;
  /** The field whose value sorts the collection (e.g. `code`). */
  sortField: string;
  /** Optional parent field that gets its own index partition (e.g. units by `departmentId`). */
  ownerField?: string;
  /** Fields whose text the `q` search looks in. */
  searchFields: readonly string[];
  /** Fields whose value must be unique within the tenant (e.g. a department code). */
  uniqueFields: readonly string[];
  /** When set, unique only among records with the same value here (e.g. codes per fiscal year). */
  uniqueScope?: string;
  /**
   * Puts a record in a work queue (the queue index) while it waits for someone: the queue it is in
   * and its place there (e.g. targets awaiting final review, oldest first). Undefined: in no queue.
   */
  queue?: (record: StoredRecord) => { queue: string; position: string } | undefined;
}

export interface WriteContext {
  actor: string;
  actorRoles: readonly string[];
  requestId: string;
  at: string;
  /** What the write did in the domain's words (e.g. `final-approve`), kept in the audit entry. */
  operation?: string;
}

export type CreateOutcome<T extends StoredRecord> =
  | { outcome: 'created'; record: T }
  /** The same id and the same request were seen before: here is the original answer. */
  | { outcome: 'replayed'; record: T }
  /** The id exists but was created from a different request. */
  | { outcome: 'id-conflict' }
  | { outcome: 'duplicate'; field: string };

export type UpdateOutcome<T extends StoredRecord> =
  | { outcome: 'updated'; record: T }
  | { outcome: 'version-conflict'; current: T | undefined }
  | { outcome: 'duplicate'; field: string };

export interface ListFilter {
  field: string;
  /** `eq` compares the field; `contains` looks for the value inside a list field. */
  op: 'eq' | 'contains';
  value: string | number | boolean;
}

export interface ListRequest {
  limit: number;
  cursor?: string | undefined;
  /** Narrow to one owner partition (uses the owner index). */
  ownerId?: string | undefined;
  /**
   * Read one work queue (uses the queue index), optionally only entries placed before `before`; oldest first
   * unless `newestFirst`.
   */
  queue?: { name: string; before?: string | undefined; newestFirst?: boolean } | undefined;
  filters?: readonly ListFilter[];
  q?: string | undefined;
}

/** The most entries `countQueue` counts in one queue (a to-do count is a figure to show, not a recount). */
export const queueCountLimit = 20_000;

export interface QueueCount {
  count: number;
  /** True when the queue holds more than `queueCountLimit`: the count is a floor. */
  atLeast: boolean;
}

/** The most audit entries one `history` page holds. */
export const historyPageLimit = 100;

export interface HistoryRequest {
  /** 1 to `historyPageLimit`; more is refused (a caller bug), never cut silently. */
  limit: number;
  cursor?: string | undefined;
}

/**
 * One record written as part of a transaction: a new one (idempotent on its id), a change over the
 * version it was read at, or amounts added to numeric fields of an existing record.
 */
export type TransactionWrite =
  | { kind: RecordKind; create: StoredRecord; hash: string }
  | { kind: RecordKind; before: StoredRecord; after: StoredRecord }
  | IncrementWrite;

/**
 * Adds to numeric fields of an existing record (paths such as `byStatus.DRAFT`; negative amounts
 * subtract) and raises its version by one, without reading it first and whatever its version: a
 * counter that many writers move at once (a department's monitoring tally on the deadline day)
 * then never turns their writes into version conflicts. Its audit entry holds the amounts added.
 * A record that does not exist is a fault: the transaction throws and writes nothing.
 */
export interface IncrementWrite {
  kind: RecordKind;
  id: string;
  add: Readonly<Record<string, number>>;
}

export type TransactionOutcome =
  | { outcome: 'done' }
  /** The write at `index` found a different version than `before` (someone else got there first). */
  | { outcome: 'version-conflict'; index: number; current: StoredRecord | undefined }
  /** The create at `index` was made before by the same request: nothing new was written. */
  | { outcome: 'replayed'; index: number; record: StoredRecord }
  | { outcome: 'id-conflict'; index: number };

export class InvalidCursorError extends Error {}

/**
 * The store could not do the work just now (throttled, a conflicting transaction, a network
 * fault) after its own retries, and nothing was written: the caller may simply try again.
 */
export class StoreUnavailableError extends Error {}

/** The record (with its audit entry) has grown past what the store keeps in one item: nothing was written. */
export class RecordTooLargeError extends Error {}

/**
 * A transaction asked for more than the store writes at once (see `transact`): nothing was
 * written. A caller that can meet this splits its work into smaller transactions beforehand; when
 * it reaches the store it is a bug, refused loudly rather than written in part.
 */
export class TransactionTooLargeError extends Error {}

/** A tenant as stored: its names, and its calendar when it set one (core/src/organisation/tenant-calendar.ts). */
export interface TenantRecord {
  id: string;
  name: string;
  shortName: string;
  calendar?: TenantCalendar;
}

/**
 * Limits: every method either does all that it is asked or throws; none answers less than it was
 * asked for without saying so. What each takes at most is stated on it.
 */
export interface RecordStore {
  /** One record by id (read consistently), or undefined. */
  get<T extends StoredRecord>(tenant: string, kind: RecordKind, id: string): Promise<T | undefined>;
  /**
   * The records of any number of ids (read consistently), each once, in no particular order; ids
   * with no record are left out, nothing else is. The adapter reads 100 ids per call to the store
   * and follows whatever the store leaves unread; if it still cannot read them all it throws
   * StoreUnavailableError. Callers bound the number of ids by their own input limits (e.g. a
   * round's key set is at most 2,000 projects).
   */
  getMany<T extends StoredRecord>(tenant: string, kind: RecordKind, ids: readonly string[]): Promise<T[]>;
  create<T extends StoredRecord>(
    tenant: string,
    kind: RecordKind,
    record: T,
    request: { hash: string; context: WriteContext },
  ): Promise<CreateOutcome<T>>;
  update<T extends StoredRecord>(
    tenant: string,
    kind: RecordKind,
    before: T,
    after: T,
    context: WriteContext,
  ): Promise<UpdateOutcome<T>>;
  /**
   * Several records and their audit entries, all or nothing (e.g. a target transition and its
   * project). At most 100 items in all, where a create takes 3 (record, create marker, audit entry)
   * and a change 2 (record, audit entry): e.g. 30 creates and 2 changes. More is refused with
   * TransactionTooLargeError before anything is written; callers with more split their work.
   */
  transact(tenant: string, writes: readonly TransactionWrite[], context: WriteContext): Promise<TransactionOutcome>;
  /**
   * One page of at most `limit` records, and `nextCursor` while there may be more. A page can hold
   * fewer than `limit` records (filters are applied after reading) and still have a next one: only
   * a page without `nextCursor` is the last. Callers that need every record follow the cursor to
   * the end; API list routes hand the cursor to their client.
   */
  list<T extends StoredRecord>(tenant: string, kind: RecordKind, request: ListRequest): Promise<Page<T>>;
  /**
   * How many records wait in one queue (those placed before `queue.before` and after `queue.after`, if given), counted by the
   * store without reading them out. Counts at most `queueCountLimit`: a longer queue answers that many
   * with `atLeast: true`, never a smaller number as if it were all.
   */
  countQueue(
    tenant: string,
    kind: RecordKind,
    queue: { name: string; before?: string | undefined; after?: string | undefined },
  ): Promise<QueueCount>;
  /**
   * One page of a record's audit entries, newest first: at most `limit` (at most
   * `historyPageLimit`) entries, exactly `limit` while that many remain, and `nextCursor` while
   * older ones may remain; only a page without `nextCursor` is the last. The adapter follows the
   * store's own pages (1 MB each, and audit entries carry whole records) until the page is full.
   * A cursor that is not one this method gave out for the same record throws InvalidCursorError.
   * Callers that need the whole trail follow the cursor to the end; API history routes hand it to
   * their client.
   */
  history(tenant: string, kind: RecordKind, id: string, request: HistoryRequest): Promise<Page<AuditEntry>>;
  getTenant(tenant: string): Promise<TenantRecord | undefined>;
  putTenant(tenant: TenantRecord): Promise<void>;
  /** The id of every tenant, for the scheduled jobs that run per tenant; all of them, following the store's pages. */
  listTenants(): Promise<string[]>;
}
