import type { Operations } from '#functions/http/api-handler.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';

/** The spot-check (抽查复核) of a round's final-approved self-evaluations. */
export const spotCheckOperations = (_store: RecordStore): Operations => ({});
