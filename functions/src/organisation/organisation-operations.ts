import { userAssignmentErrors } from '@jixiao/core/organisation/user.ts';
import type { Role } from '@jixiao/core/roles.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import {
  awaitsDirectory,
  type DirectoryField,
  mirroredFieldsChanged,
  powersReduced,
  syncUser,
} from '#functions/organisation/directory-sync.ts';
import {
  agencyKind,
  departmentKind,
  financeSectionKind,
  unitKind,
  userKind,
} from '#functions/organisation/record-kinds.ts';
import type { IdentityDirectory } from '#functions/ports/identity-directory.ts';
import type { ListFilter, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import {
  type MasterDataSpec,
  masterDataOperations,
  type Reference,
  writeContext,
} from '#functions/records/record-operations.ts';

const eq = (field: string, value: unknown): ListFilter[] =>
  typeof value === 'string' || typeof value === 'boolean' ? [{ field, op: 'eq', value }] : [];

const ref = (record: StoredRecord, field: string, kind: Reference['kind']): Reference[] =>
  typeof record[field] === 'string' && record[field] ? [{ field, kind, id: record[field] as string }] : [];

const financeSections: MasterDataSpec = {
  kind: financeSectionKind,
  references: () => [],
  listFilters: (q) => ({ filters: eq('type', q.type) }),
};

const departments: MasterDataSpec = {
  kind: departmentKind,
  references: (r) => ref(r, 'financeSectionId', financeSectionKind),
  listFilters: (q) => ({
    ...(typeof q.financeSectionId === 'string' ? { ownerId: q.financeSectionId } : {}),
    filters: eq('series', q.series),
  }),
};

const units: MasterDataSpec = {
  kind: unitKind,
  references: (r) => ref(r, 'departmentId', departmentKind),
  listFilters: (q) => ({ ...(typeof q.departmentId === 'string' ? { ownerId: q.departmentId } : {}), filters: [] }),
};

const agencies: MasterDataSpec = {
  kind: agencyKind,
  references: () => [],
  listFilters: (q) => ({ filters: eq('kind', q.kind) }),
};

/**
 * A user record written with a directory to mirror it carries `directory: pending` in the same write
 * as the change, so a sync cut off by a crash is never mistaken for a finished one; a change that
 * takes powers away also owes a global sign-out until a sync has done it.
 */
const stampPending = (record: StoredRecord, before: StoredRecord | undefined, request: OperationRequest) => {
  if (before && !mirroredFieldsChanged(before, record)) return record;
  const owed =
    (before?.directory as DirectoryField | undefined)?.signOutPending === true ||
    (before !== undefined && powersReduced(before, record));
  const directory: DirectoryField = {
    state: 'pending',
    at: request.receivedAt,
    ...(owed ? { signOutPending: true } : {}),
  };
  return { ...record, directory };
};

const users = (directory: IdentityDirectory | undefined): MasterDataSpec => ({
  kind: userKind,
  ...(directory ? { stamp: stampPending } : {}),
  references: (r) => [
    ...ref(r, 'departmentId', departmentKind),
    ...ref(r, 'unitId', unitKind),
    ...ref(r, 'agencyId', agencyKind),
    ...ref(r, 'financeSectionId', financeSectionKind),
  ],
  check: (record, language, referenced) => {
    const errors = userAssignmentErrors(
      {
        roles: record.roles as Role[],
        departmentId: record.departmentId as string | null | undefined,
        unitId: record.unitId as string | null | undefined,
        agencyId: record.agencyId as string | null | undefined,
        financeSectionId: record.financeSectionId as string | null | undefined,
      },
      language,
    );
    const unit = referenced.get('unitId');
    if (unit && record.departmentId && unit.departmentId !== record.departmentId) {
      errors.push({
        pointer: '/unitId',
        code: 'unit_outside_department',
        message: describe('unit_outside_department', language),
      });
    }
    return errors;
  },
  listFilters: (q) => ({
    ...(typeof q.departmentId === 'string' ? { ownerId: q.departmentId } : {}),
    filters: [
      ...(typeof q.role === 'string' ? [{ field: 'roles', op: 'contains' as const, value: q.role }] : []),
      ...eq('agencyId', q.agencyId),
    ],
  }),
});

/**
 * Users with the directory kept in step: the record is written first (so the directory never holds
 * a person Jixiao does not know), then the directory is brought to it and the outcome written on
 * the record. A failed or cut-off sync leaves the record `failed` or `pending` (the admin page shows
 * it and offers a retry); the retry is the same create replayed or an update with nothing changed,
 * and both run the same idempotent sync. Nothing acknowledged is lost and no mismatch goes unshown.
 */
const userOperations = (store: RecordStore, directory: IdentityDirectory | undefined) => {
  const ops = masterDataOperations(store, users(directory));
  if (!directory) return ops;

  /** Syncs the record as it now stands and keeps the outcome; a concurrent change keeps its own (it syncs itself). */
  const syncAndRecord = async (request: OperationRequest, record: StoredRecord): Promise<StoredRecord> => {
    const tenant = request.principal.tenant;
    const outcome = await syncUser(directory, tenant, record, new Date().toISOString());
    const next: StoredRecord = { ...record, directory: outcome, version: record.version + 1 };
    const written = await store.update(tenant, userKind, record, next, {
      ...writeContext(request),
      operation: `directory-${outcome.state}`,
    });
    if (written.outcome === 'updated') return written.record;
    return (await store.get(tenant, userKind, record.id)) ?? record;
  };

  const create: Operation = async (request) => {
    const result = await ops.create(request);
    const answered = result.body as StoredRecord;
    if (result.headers?.['idempotent-replayed']) {
      // A replay is also the retry of a sync the first call did not finish.
      const current = await store.get(request.principal.tenant, userKind, answered.id);
      if (current && awaitsDirectory(current)) await syncAndRecord(request, current);
      return result;
    }
    return { ...result, body: await syncAndRecord(request, answered) };
  };

  const update: Operation = async (request: OperationRequest<{ id: string }, unknown, { version: number }>) => {
    const result = await ops.update(request);
    const record = result.body as StoredRecord;
    // Written with `pending` by this call, or unchanged but still waiting for the directory: sync.
    if (!awaitsDirectory(record)) return result;
    return { ...result, body: await syncAndRecord(request, record) };
  };

  return { ...ops, create, update };
};

const operationsFor = (name: string, ops: ReturnType<typeof masterDataOperations>): Operations => ({
  [`list${name}s`]: ops.list,
  [`create${name}`]: ops.create,
  [`get${name}`]: ops.get,
  [`update${name}`]: ops.update,
  [`get${name}History`]: ops.history,
});

/** `directory` absent (demo loading, fixtures): user records are kept without a directory to mirror them. */
export const organisationOperations = (store: RecordStore, directory?: IdentityDirectory): Operations => ({
  ...operationsFor('FinanceSection', masterDataOperations(store, financeSections)),
  ...operationsFor('Department', masterDataOperations(store, departments)),
  ...operationsFor('Unit', masterDataOperations(store, units)),
  ...operationsFor('Agency', masterDataOperations(store, agencies)),
  ...operationsFor('User', userOperations(store, directory)),
});
