import type { RecordKind, StoredRecord } from '#functions/ports/record-store.ts';

/** Composite string keys, always led by the tenant (docs/architecture.md#one-table). */
export const recordPk = (tenant: string, kind: RecordKind, id: string) => `T#${tenant}#${kind.type}#${id}`;
export const recordSk = '#RECORD';
export const createSk = '#CREATE';
export const auditSk = (at: string, requestId: string) => `AUDIT#${at}#${requestId}`;
export const collectionPk = (tenant: string, kind: RecordKind) => `T#${tenant}#${kind.type}`;
export const ownerPk = (tenant: string, kind: RecordKind, ownerId: string) =>
  `T#${tenant}#${kind.type}#${kind.ownerField}#${ownerId}`;
export const queuePk = (tenant: string, kind: RecordKind, queue: string) => `T#${tenant}#${kind.type}#QUEUE#${queue}`;
export const uniquePk = (tenant: string, kind: RecordKind, field: string, value: string) =>
  `T#${tenant}#${kind.type}#UNIQUE#${field}#${value.toLowerCase()}`;

/** The value a unique field claims: the field's text, within its scope if the kind has one. */
export const uniqueValue = (kind: RecordKind, record: StoredRecord, field: string): string | undefined => {
  const value = record[field];
  if (typeof value !== 'string' || value === '') return undefined;
  return kind.uniqueScope ? `${String(record[kind.uniqueScope] ?? '')}/${value}` : value;
};
export const uniqueSk = '#UNIQUE';
export const tenantPk = (tenant: string) => `T#${tenant}`;
/**
 * The collection of tenants, on the collection index: the platform's own partition, the one key that names no tenant
 * (every tenant's key starts with `T#`). Only the scheduled jobs read it, to run for each tenant.
 */
export const tenantsPk = 'TENANTS';
export const tenantSk = '#TENANT';

const sortValue = (kind: RecordKind, record: StoredRecord) => String(record[kind.sortField] ?? '').toLowerCase();

/** The item as stored: the record under `record`, plus the keys and attributes the indexes need. */
export const recordItem = (tenant: string, kind: RecordKind, record: StoredRecord) => {
  const sortKey = `${sortValue(kind, record)}#${record.id}`;
  const ownerValue = kind.ownerField ? record[kind.ownerField] : undefined;
  const owner = typeof ownerValue === 'number' ? String(ownerValue) : ownerValue;
  const queued = kind.queue?.(record);
  return {
    pk: recordPk(tenant, kind, record.id),
    sk: recordSk,
    gsi1pk: collectionPk(tenant, kind),
    gsi1sk: sortKey,
    ...(typeof owner === 'string' && owner ? { gsi2pk: ownerPk(tenant, kind, owner), gsi2sk: sortKey } : {}),
    ...(queued ? { gsi3pk: queuePk(tenant, kind, queued.queue), gsi3sk: `${queued.position}#${record.id}` } : {}),
    entityType: kind.type,
    version: record.version,
    search: kind.searchFields
      .flatMap((f) => record[f])
      .filter((x) => typeof x === 'string')
      .join(' ')
      .toLowerCase(),
    record,
  };
};
