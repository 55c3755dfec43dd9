import type { Language } from '@jixiao/core/language.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import type { Page } from '@jixiao/core/schema-parts.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operation, OperationRequest, OperationResult } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import {
  type CreateOutcome,
  type HistoryRequest,
  InvalidCursorError,
  type ListFilter,
  type ListRequest,
  type RecordKind,
  type RecordStore,
  type StoredRecord,
  type UpdateOutcome,
  type WriteContext,
} from '#functions/ports/record-store.ts';
import { requestHash } from '#functions/records/request-hash.ts';

/** A reference from one record to another that must exist in the same tenant. */
export interface Reference {
  field: string;
  kind: RecordKind;
  id: string;
}

/** What differs between the kinds of master data; everything else is shared. */
export interface MasterDataSpec {
  kind: RecordKind;
  references: (record: StoredRecord) => Reference[];
  /** Rules across fields and records (e.g. a user's unit must sit in the user's department). */
  check?: (record: StoredRecord, language: Language, referenced: ReadonlyMap<string, StoredRecord>) => FieldError[];
  listFilters: (query: Record<string, unknown>) => { ownerId?: string; filters: ListFilter[] };
  /** What the kind adds to a record in the same write (e.g. a user's directory sync state), given the record before. */
  stamp?: (record: StoredRecord, before: StoredRecord | undefined, request: OperationRequest) => StoredRecord;
}

/** A new record at version 1, stamped with who made it and when. */
export const newRecord = (body: Record<string, unknown> & { id: string }, request: OperationRequest): StoredRecord => ({
  ...body,
  status: 'active',
  version: 1,
  createdAt: request.receivedAt,
  updatedAt: request.receivedAt,
  createdBy: request.principal.userId,
  updatedBy: request.principal.userId,
});

type Query = { limit: number; cursor?: string; q?: string; status?: string } & Record<string, unknown>;

export const writeContext = (request: OperationRequest): WriteContext => ({
  actor: request.principal.userId,
  actorRoles: request.principal.roles,
  requestId: request.requestId,
  at: request.receivedAt,
});

const validateRecord = async (
  store: RecordStore,
  spec: MasterDataSpec,
  tenant: string,
  record: StoredRecord,
  language: Language,
): Promise<void> => {
  const references = spec.references(record);
  const found = new Map<string, StoredRecord>();
  const missing: FieldError[] = [];
  for (const ref of references) {
    const target = await store.get(tenant, ref.kind, ref.id);
    if (target) found.set(ref.field, target);
    else missing.push({ pointer: `/${ref.field}`, code: 'reference_not_found', message: notFound(language) });
  }
  if (missing.length > 0) throw new HttpProblem('reference-not-found', { errors: missing });
  const errors = spec.check?.(record, language, found) ?? [];
  if (errors.length > 0) throw new HttpProblem('validation-failed', { errors });
};

const notFound = (language: Language) => (language === 'en' ? 'No such record' : '所选记录不存在');

export const duplicate = (field: string, language: Language) =>
  new HttpProblem('duplicate', {
    errors: [{ pointer: `/${field}`, code: 'duplicate', message: language === 'en' ? 'Already in use' : '已被使用' }],
  });

/** What a create's outcome answers: 201 (the original again on a replay), or the conflict it met. */
export const createdResponse = <T extends StoredRecord>(
  result: CreateOutcome<T>,
  language: Language,
): OperationResult => {
  switch (result.outcome) {
    case 'created':
      return { status: 201, body: result.record };
    case 'replayed':
      return { status: 201, body: result.record, headers: { 'idempotent-replayed': 'true' } };
    case 'id-conflict':
      throw new HttpProblem('idempotency-conflict');
    case 'duplicate':
      throw duplicate(result.field, language);
  }
};

/**
 * Creates `record` once: the hash of what the client sent (`request`) is the idempotency key, so the
 * same id and body replay the original answer and the same id with another body is a 409.
 */
export const createOnce = async <T extends StoredRecord>(
  store: RecordStore,
  request: OperationRequest,
  kind: RecordKind,
  record: T,
  sent: unknown = request.body,
): Promise<OperationResult> =>
  createdResponse(
    await store.create(request.principal.tenant, kind, record, {
      hash: requestHash(sent),
      context: writeContext(request),
    }),
    request.language,
  );

/** What an update's outcome answers: 200 with the record, or 409 with the current copy or the taken code. */
export const updatedResponse = <T extends StoredRecord>(
  result: UpdateOutcome<T>,
  language: Language,
): OperationResult => {
  switch (result.outcome) {
    case 'updated':
      return { status: 200, body: result.record };
    case 'version-conflict':
      throw new HttpProblem('version-conflict', { current: result.current });
    case 'duplicate':
      throw duplicate(result.field, language);
  }
};

/** A cursor that does not belong to the list or trail it is sent to is the caller's mistake (400). */
const refusingBadCursor = async <T>(read: () => Promise<T>, language: Language): Promise<T> => {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof InvalidCursorError)) throw error;
    throw new HttpProblem('validation-failed', {
      errors: [{ pointer: '/cursor', code: 'cursor', message: describe('cursor', language) }],
    });
  }
};

/** One page of a list; a cursor that does not belong to this list is the caller's mistake (400). */
export const listPage = <T extends StoredRecord>(
  store: RecordStore,
  tenant: string,
  kind: RecordKind,
  request: ListRequest,
  language: Language,
): Promise<Page<T>> => refusingBadCursor(() => store.list<T>(tenant, kind, request), language);

/**
 * What a history route answers: one page of the record's audit trail, newest first, as the route's
 * query asked for it (`limit`, `cursor`); a cursor from another record's trail is a 400.
 */
export const historyPage = async (
  store: RecordStore,
  kind: RecordKind,
  id: string,
  request: OperationRequest<unknown, HistoryRequest>,
): Promise<OperationResult> => {
  const { limit, cursor } = request.query;
  const page = await refusingBadCursor(
    () => store.history(request.principal.tenant, kind, id, { limit, cursor }),
    request.language,
  );
  return { status: 200, body: page };
};

/** list / create / get / update / history for one kind of master data, all scoped to the caller's tenant. */
export const masterDataOperations = (store: RecordStore, spec: MasterDataSpec) => {
  const { kind } = spec;

  const list: Operation = async (request: OperationRequest<unknown, Query>) => {
    const { limit, cursor, q, status, ...rest } = request.query;
    const { ownerId, filters } = spec.listFilters(rest);
    if (status) filters.push({ field: 'status', op: 'eq', value: status });
    const page = await listPage(
      store,
      request.principal.tenant,
      kind,
      { limit, cursor, q, ownerId, filters },
      request.language,
    );
    return { status: 200, body: page };
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => {
    const record = await store.get(request.principal.tenant, kind, request.params.id);
    if (!record) throw new HttpProblem('not-found');
    return { status: 200, body: record };
  };

  const create: Operation = async (request: OperationRequest<unknown, unknown, Record<string, unknown>>) => {
    const tenant = request.principal.tenant;
    const body = request.body;
    const made = newRecord({ ...body, id: String(body.id) }, request);
    const record = spec.stamp?.(made, undefined, request) ?? made;
    await validateRecord(store, spec, tenant, record, request.language);
    return createOnce(store, request, kind, record);
  };

  const update: Operation = async (
    request: OperationRequest<{ id: string }, unknown, { version: number } & Record<string, unknown>>,
  ) => {
    const tenant = request.principal.tenant;
    const current = await store.get(tenant, kind, request.params.id);
    if (!current) throw new HttpProblem('not-found');
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    const { version: _expected, ...changes } = request.body;
    const changed = Object.entries(changes).some(
      ([k, v]) => JSON.stringify(current[k] ?? null) !== JSON.stringify(v ?? null),
    );
    if (!changed) return { status: 200, body: current };
    const merged: StoredRecord = {
      ...current,
      ...changes,
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const next = spec.stamp?.(merged, current, request) ?? merged;
    await validateRecord(store, spec, tenant, next, request.language);
    return updatedResponse(await store.update(tenant, kind, current, next, writeContext(request)), request.language);
  };

  const history: Operation = async (request: OperationRequest<{ id: string }, HistoryRequest>) => {
    if (!(await store.get(request.principal.tenant, kind, request.params.id))) throw new HttpProblem('not-found');
    return historyPage(store, kind, request.params.id, request);
  };

  return { list, create, get, update, history };
};
