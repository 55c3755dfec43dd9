import type { Operations } from '#functions/http/api-handler.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';

/** Results application (docs/domain/results-application.md), by operationId (routes/results-application-routes.ts). */
export const resultsApplicationOperations = (_store: RecordStore): Operations => ({});
