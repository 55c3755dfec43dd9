import type { SelfEvaluation } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import {
  emptySelfEvaluationCounts,
  plusCounts,
  type SelfEvaluationCounts,
  type SelfEvaluationTallySource,
  selfEvaluationCountsOnly,
  selfEvaluationDelta,
} from '@jixiao/core/self-evaluation/self-evaluation-tally.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import type { RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { selfEvaluationTallyKind } from '#functions/self-evaluation/record-kinds.ts';

export type StoredSelfEvaluation = SelfEvaluation & StoredRecord;

export interface SelfEvaluationTally extends SelfEvaluationCounts, StoredRecord {
  roundId: string;
  departmentId: string;
  departmentCode: string;
  departmentName: string;
  departmentSeries: string;
  financeSectionId: string | null;
  /** Series, then department code: the summary's order. */
  sortKey: string;
}

export interface DepartmentOfRound {
  id: string;
  code: string;
  name: string;
  series: string;
  financeSectionId: string | null;
}

export const selfEvaluationTallyId = (roundId: string, departmentId: string): string =>
  derivedId(`self-evaluation-tally:${roundId}:${departmentId}`);

/** A department's first tally of a round, holding the self-evaluations it starts with. */
export const newSelfEvaluationTally = (
  roundId: string,
  department: DepartmentOfRound,
  made: readonly SelfEvaluationTallySource[],
  request: OperationRequest,
): TransactionWrite => {
  const counts = made.reduce((c, s) => plusCounts(c, selfEvaluationDelta(undefined, s)), emptySelfEvaluationCounts());
  const tally: SelfEvaluationTally = {
    ...selfEvaluationCountsOnly(counts),
    id: selfEvaluationTallyId(roundId, department.id),
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
  };
  return { kind: selfEvaluationTallyKind, create: tally, hash: requestHash({ tally: tally.id }) };
};

/**
 * What self-evaluations' changes (before undefined: a new one) add to their department's tally, as
 * an increment the store applies to whatever the tally holds, so the department's saves on the
 * deadline day never conflict over the tally's version. Undefined when nothing it counts moved.
 */
export const selfEvaluationTallyIncrement = (
  roundId: string,
  departmentId: string,
  changes: readonly { before: SelfEvaluationTallySource | undefined; after: SelfEvaluationTallySource }[],
): TransactionWrite | undefined => {
  const delta = changes.reduce(
    (c, { before, after }) => plusCounts(c, selfEvaluationDelta(before, after)),
    emptySelfEvaluationCounts(),
  );
  const add: Record<string, number> = {};
  for (const [field, value] of Object.entries(selfEvaluationCountsOnly(delta))) {
    if (typeof value === 'number') {
      if (value !== 0) add[field] = value;
    } else {
      for (const [key, amount] of Object.entries(value as Record<string, number>)) {
        if (amount !== 0) add[`${field}.${key}`] = amount;
      }
    }
  }
  if (Object.keys(add).length === 0) return undefined;
  return { kind: selfEvaluationTallyKind, id: selfEvaluationTallyId(roundId, departmentId), add };
};

/** Every department tally of a round (one item each). */
export const selfEvaluationTalliesOf = async (
  store: RecordStore,
  tenant: string,
  roundId: string,
): Promise<SelfEvaluationTally[]> => {
  const tallies: SelfEvaluationTally[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list<SelfEvaluationTally>(tenant, selfEvaluationTallyKind, {
      limit: 250,
      cursor,
      ownerId: roundId,
    });
    tallies.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return tallies;
};
