import type { Operations } from '#functions/http/api-handler.ts';
import { accountCheckOperations } from '#functions/key-evaluation/account-check-operations.ts';
import { conclusionOperations } from '#functions/key-evaluation/conclusion-operations.ts';
import { findingOperations } from '#functions/key-evaluation/finding-operations.ts';
import { scoringPaperOperations } from '#functions/key-evaluation/scoring-paper-operations.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';

/** The key-evaluation capability's operations, by operationId (routes/key-evaluation-routes.ts). */
export const keyEvaluationOperations = (store: RecordStore, evidence: EvidenceStore): Operations => ({
  ...conclusionOperations(store, evidence),
  ...scoringPaperOperations(store, evidence),
  ...accountCheckOperations(store, evidence),
  ...findingOperations(store, evidence),
});
