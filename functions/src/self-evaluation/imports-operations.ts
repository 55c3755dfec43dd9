import type { Operations } from '#functions/http/api-handler.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { executionFigureOperations } from '#functions/self-evaluation/execution-figure-operations.ts';
import { scoringSettingsOperations } from '#functions/self-evaluation/scoring-settings-operations.ts';
import { tableCheckOperations } from '#functions/self-evaluation/table-check-operations.ts';
import { tableCheckSaveOperations } from '#functions/self-evaluation/table-check-save.ts';

/** Files the bureau sends to be read, by operationId (routes/imports-routes.ts). */
export const importsOperations = (store: RecordStore): Operations => {
  const settings = scoringSettingsOperations(store);
  const checks = tableCheckOperations(store, settings);
  const saves = tableCheckSaveOperations(store, settings);
  return {
    checkFilledTable: checks.check,
    keepTableCheck: checks.keep,
    listTableChecks: checks.list,
    getTableCheck: checks.get,
    saveTableCheckAsSelfEvaluation: saves.save,
    getHistoricalSelfEvaluation: saves.getHistorical,
    ...executionFigureOperations(store),
  };
};
