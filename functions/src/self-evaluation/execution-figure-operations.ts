import type { Operations } from '#functions/http/api-handler.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';

/** Year-end execution figures imported from the treasury (docs/domain/self-evaluation.md#execution-figures). */
export const executionFigureOperations = (_store: RecordStore): Operations => ({});
