import { userAssignmentErrors } from '@jixiao/core/organisation/user.ts';
import type { Role } from '@jixiao/core/roles.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import {
  agencyKind,
  departmentKind,
  financeSectionKind,
  unitKind,
  userKind,
} from '#functions/organisation/record-kinds.ts';
import type { ListFilter, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { type MasterDataSpec, masterDataOperations, type Reference } from '#functions/records/record-operations.ts';

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

const users: MasterDataSpec = {
  kind: userKind,
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
};

const operationsFor = (name: string, ops: ReturnType<typeof masterDataOperations>): Operations => ({
  [`list${name}s`]: ops.list,
  [`create${name}`]: ops.create,
  [`get${name}`]: ops.get,
  [`update${name}`]: ops.update,
  [`get${name}History`]: ops.history,
});

export const organisationOperations = (store: RecordStore): Operations => ({
  ...operationsFor('FinanceSection', masterDataOperations(store, financeSections)),
  ...operationsFor('Department', masterDataOperations(store, departments)),
  ...operationsFor('Unit', masterDataOperations(store, units)),
  ...operationsFor('Agency', masterDataOperations(store, agencies)),
  ...operationsFor('User', masterDataOperations(store, users)),
});
