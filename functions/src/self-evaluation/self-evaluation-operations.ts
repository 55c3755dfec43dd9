import type { Operations } from '#functions/http/api-handler.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { selfEvaluationAttachmentOperations } from '#functions/self-evaluation/attachment-operations.ts';
import { selfEvaluationExportOperations } from '#functions/self-evaluation/export-operations.ts';
import { selfEvaluationKind } from '#functions/self-evaluation/record-kinds.ts';
import { selfEvaluationRoundOperations } from '#functions/self-evaluation/round-operations.ts';
import { scoringSettingsOperations } from '#functions/self-evaluation/scoring-settings-operations.ts';
import {
  bulkSelfEvaluationReview,
  selfEvaluationRecordOperations,
} from '#functions/self-evaluation/self-evaluation-record-operations.ts';
import { spotCheckOperations } from '#functions/self-evaluation/spot-check-operations.ts';
import { selfEvaluationSummaryOperations } from '#functions/self-evaluation/summary-operations.ts';
import { reviewQueue } from '#functions/submission/review-queue.ts';

/** Year-end self-evaluation, by operationId (routes/self-evaluation-routes.ts). */
export const selfEvaluationOperations = (store: RecordStore, evidence: EvidenceStore): Operations => {
  const settings = scoringSettingsOperations(store);
  const rounds = selfEvaluationRoundOperations(store, settings);
  const records = selfEvaluationRecordOperations(store);
  const exports = selfEvaluationExportOperations(records, store);
  return {
    getScoringSettings: settings.get,
    saveScoringSettings: settings.save,
    listSelfEvaluationRounds: rounds.list,
    createSelfEvaluationRound: rounds.create,
    getSelfEvaluationRound: rounds.get,
    issueSelfEvaluationRound: rounds.issue,
    listSelfEvaluations: records.list,
    listSelfEvaluationReviewQueue: reviewQueue(store, selfEvaluationKind),
    getSelfEvaluation: records.get,
    saveSelfEvaluation: records.save,
    submitSelfEvaluation: records.submit,
    departmentReviewSelfEvaluation: records.departmentReview,
    firstReviewSelfEvaluation: records.firstReview,
    finalReviewSelfEvaluation: records.finalReview,
    bulkReviewSelfEvaluations: bulkSelfEvaluationReview(store),
    withdrawSelfEvaluation: records.withdraw,
    getSelfEvaluationHistory: records.history,
    exportSelfEvaluationTable: exports.table,
    exportDepartmentWorkbook: exports.departmentWorkbook,
    ...selfEvaluationAttachmentOperations(store, evidence),
    ...spotCheckOperations(store),
    ...selfEvaluationSummaryOperations(store),
  };
};
