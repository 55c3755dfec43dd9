import { isRetryable } from '#lib/field/backoff.ts';
import type { OutboxStep } from '#lib/field/local-record.ts';

/**
 * What the outbox does with a failed request (docs/architecture.md#the-offline-first-field-app), kept apart from the sending so it
 * can be tested on its own:
 *
 * - `pause`: 401, the session is gone; nothing is sent until the person signs in again;
 * - `retry`: the network, 408, 429, 5xx (and a bucket refusing an expired upload link): wait with
 *   backoff and try the same step again;
 * - `adopt`: a create answered 409 idempotency-conflict: the server holds another first copy
 *   under this id; read it and continue as an update;
 * - `conflict`: an update answered 409 version-conflict: show both copies, the evaluator decides;
 * - `attention`: any other refusal (400, 403, 404, 409 invalid-transition, 413, 422…): shown on
 *   the record, not retried by itself.
 */
export type FailureAction = 'pause' | 'retry' | 'adopt' | 'conflict' | 'attention';

export const failureAction = (
  status: number,
  problemType: string | null,
  step: OutboxStep['kind'],
  /** Whether the answer came from the bucket (a presigned PUT) rather than the API. */
  fromBucket = false,
): FailureAction => {
  if (status === 401 && !fromBucket) return 'pause';
  if (isRetryable(status)) return 'retry';
  if (fromBucket && status === 403) return 'retry';
  if (status === 409 && step === 'create' && problemType === 'urn:jixiao:problem:idempotency-conflict') return 'adopt';
  if (status === 409 && step === 'update' && problemType === 'urn:jixiao:problem:version-conflict') return 'conflict';
  return 'attention';
};
