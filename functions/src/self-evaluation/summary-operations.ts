import type { Operations } from '#functions/http/api-handler.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';

/** The bureau's summary of a round, from the department tallies only. */
export const selfEvaluationSummaryOperations = (_store: RecordStore): Operations => ({});
