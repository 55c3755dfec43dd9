import type { OperationRequest } from '#functions/http/api-event.ts';
import { departmentKind } from '#functions/organisation/record-kinds.ts';
import type { RecordKind, RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { requestHash } from '#functions/records/request-hash.ts';

/**
 * A round's counts per department, kept on write: monitoring's tallies and self-evaluation's share
 * this shape and these writes, and differ only in what they count (docs/architecture.md, "Counts
 * kept on write").
 */
export interface DepartmentOfRound {
  id: string;
  code: string;
  name: string;
  series: string;
  financeSectionId: string | null;
}

export interface DepartmentTallyHead extends StoredRecord {
  roundId: string;
  departmentId: string;
  departmentCode: string;
  departmentName: string;
  departmentSeries: string;
  financeSectionId: string | null;
  /** Series, then department code: the order dashboards and summaries list departments in. */
  sortKey: string;
}

/** The department a round issues to, as its tally and records name it. */
export const departmentOfRound = async (store: RecordStore, tenant: string, id: string): Promise<DepartmentOfRound> => {
  const record = await store.get<StoredRecord>(tenant, departmentKind, id);
  return {
    id,
    code: String(record?.code ?? ''),
    name: String(record?.name ?? ''),
    series: String(record?.series ?? ''),
    financeSectionId: (record?.financeSectionId as string | null | undefined) ?? null,
  };
};

/** A department's first tally of a round, holding the counts it starts with. */
export const newDepartmentTally = <Counts extends object>(
  id: string,
  roundId: string,
  department: DepartmentOfRound,
  counts: Counts,
  request: OperationRequest,
): Counts & DepartmentTallyHead => ({
  ...counts,
  id,
  version: 1,
  status: 'active',
  createdAt: request.receivedAt,
  updatedAt: request.receivedAt,
  createdBy: request.principal.userId,
  updatedBy: request.principal.userId,
  roundId,
  departmentId: department.id,
  departmentCode: department.code,
  departmentName: department.name,
  departmentSeries: department.series,
  financeSectionId: department.financeSectionId,
  sortKey: `${department.series}#${department.code}`,
});

/** Creating a tally is keyed by its id alone, so two issuers racing make it once. */
export const createTallyWrite = (kind: RecordKind, tally: DepartmentTallyHead): TransactionWrite => ({
  kind,
  create: tally,
  hash: requestHash({ tally: tally.id }),
});

/**
 * A change of counts as an increment the store applies to whatever the tally holds, so a
 * department's saves on the deadline day never conflict over the tally's version. Counts are
 * numbers or one level of named numbers (e.g. per grade); only the fields that move are written.
 * Undefined when nothing moved.
 */
export const tallyIncrementWrite = (kind: RecordKind, id: string, delta: object): TransactionWrite | undefined => {
  const add: Record<string, number> = {};
  for (const [field, value] of Object.entries(delta)) {
    if (typeof value === 'number') {
      if (value !== 0) add[field] = value;
    } else {
      for (const [key, amount] of Object.entries(value as Record<string, number>)) {
        if (amount !== 0) add[`${field}.${key}`] = amount;
      }
    }
  }
  return Object.keys(add).length === 0 ? undefined : { kind, id, add };
};

/** Every department tally of a round (one item each), followed to the last page. */
export const talliesOfRound = async <Tally extends DepartmentTallyHead>(
  store: RecordStore,
  tenant: string,
  kind: RecordKind,
  roundId: string,
): Promise<Tally[]> => {
  const tallies: Tally[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list<Tally>(tenant, kind, { limit: 250, cursor, ownerId: roundId });
    tallies.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return tallies;
};
