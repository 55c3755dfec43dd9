import type { OperationRequest, OperationResult } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { RecordKind, RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';

/**
 * Creates `record` together with other writes (its to-do entries, a tally) in one transaction: 201 with the record;
 * the same id and body replay the original answer, the same id with another body is a 409, as `createOnce` answers.
 */
export const createWith = async (
  store: RecordStore,
  request: OperationRequest,
  kind: RecordKind,
  record: StoredRecord,
  writes: readonly TransactionWrite[],
): Promise<OperationResult> => {
  const result = await store.transact(
    request.principal.tenant,
    [{ kind, create: record, hash: requestHash(request.body) }, ...writes],
    writeContext(request),
  );
  if (result.outcome === 'done') return { status: 201, body: record };
  if (result.outcome === 'replayed' && result.index === 0)
    return { status: 201, body: result.record, headers: { 'idempotent-replayed': 'true' } };
  throw new HttpProblem('idempotency-conflict');
};
