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
import {
  createTallyWrite,
  type DepartmentOfRound,
  type DepartmentTallyHead,
  newDepartmentTally,
  talliesOfRound,
  tallyIncrementWrite,
} from '#functions/records/department-tally.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { selfEvaluationTallyKind } from '#functions/self-evaluation/record-kinds.ts';

export type StoredSelfEvaluation = SelfEvaluation & StoredRecord;

export type SelfEvaluationTally = SelfEvaluationCounts & DepartmentTallyHead;

export type { DepartmentOfRound };

export const selfEvaluationTallyId = (roundId: string, departmentId: string): string =>
  derivedId(`self-evaluation-tally:${roundId}:${departmentId}`);

/** A department's first tally of a round, holding the self-evaluations it starts with. */
export const newSelfEvaluationTally = (
  roundId: string,
  department: DepartmentOfRound,
  made: readonly SelfEvaluationTallySource[],
  request: OperationRequest,
): TransactionWrite =>
  createTallyWrite(
    selfEvaluationTallyKind,
    newDepartmentTally(
      selfEvaluationTallyId(roundId, department.id),
      roundId,
      department,
      selfEvaluationCountsOnly(
        made.reduce((c, s) => plusCounts(c, selfEvaluationDelta(undefined, s)), emptySelfEvaluationCounts()),
      ),
      request,
    ),
  );

/** What self-evaluations' changes (before undefined: a new one) add to their department's tally; undefined when nothing moved. */
export const selfEvaluationTallyIncrement = (
  roundId: string,
  departmentId: string,
  changes: readonly { before: SelfEvaluationTallySource | undefined; after: SelfEvaluationTallySource }[],
): TransactionWrite | undefined =>
  tallyIncrementWrite(
    selfEvaluationTallyKind,
    selfEvaluationTallyId(roundId, departmentId),
    selfEvaluationCountsOnly(
      changes.reduce(
        (c, { before, after }) => plusCounts(c, selfEvaluationDelta(before, after)),
        emptySelfEvaluationCounts(),
      ),
    ),
  );

/** Every department tally of a round (one item each). */
export const selfEvaluationTalliesOf = (
  store: RecordStore,
  tenant: string,
  roundId: string,
): Promise<SelfEvaluationTally[]> =>
  talliesOfRound<SelfEvaluationTally>(store, tenant, selfEvaluationTallyKind, roundId);
