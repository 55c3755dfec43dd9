/**
 * A write was sent to the store but no answer came back (a timeout or a connection cut after the
 * request left, even on one of the store's own retries): it may have been carried out or not.
 * Unlike StoreUnavailableError, this never means "nothing was written". Every write is safe to
 * send again as it was: a create is idempotent on its client-made id, and a change carries the
 * `version` it was made on, so it is applied at most once.
 */
export class StoreOutcomeUnknownError extends Error {
  override readonly name = 'StoreOutcomeUnknownError';
}
