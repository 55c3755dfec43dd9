import type { Operations } from '#functions/http/api-handler.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { executionFigureOperations } from '#functions/self-evaluation/execution-figure-operations.ts';
import { scoringSettingsOperations } from '#functions/self-evaluation/scoring-settings-operations.ts';

/** Year-end self-evaluation, by operationId (routes/self-evaluation-routes.ts). */
export const selfEvaluationOperations = (store: RecordStore, _evidence: EvidenceStore): Operations => {
  const settings = scoringSettingsOperations(store);
  return {
    getScoringSettings: settings.get,
    saveScoringSettings: settings.save,
    ...executionFigureOperations(store),
  };
};
