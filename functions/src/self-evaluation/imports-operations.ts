import type { Operations } from '#functions/http/api-handler.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { executionFigureOperations } from '#functions/self-evaluation/execution-figure-operations.ts';
import { scoringSettingsOperations } from '#functions/self-evaluation/scoring-settings-operations.ts';
import { tableCheckOperations } from '#functions/self-evaluation/table-check-operations.ts';

/** Files the bureau sends to be read, by operationId (routes/imports-routes.ts). */
export const importsOperations = (store: RecordStore): Operations => ({
  checkFilledTable: tableCheckOperations(store, scoringSettingsOperations(store)).check,
  ...executionFigureOperations(store),
});
