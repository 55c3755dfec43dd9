import type { EvaluationReport } from '@jixiao/core/key-evaluation/evaluation-report.ts';
import type { RecordKind, StoredRecord } from '#functions/ports/record-store.ts';

/** The report's narrative as stored (docs/domain/key-evaluation.md#the-report): one per engagement, its id the engagement's. */
export type StoredEvaluationReport = EvaluationReport & StoredRecord;

export const evaluationReportKind: RecordKind = {
  type: 'evaluation-report',
  sortField: 'createdAt',
  ownerField: 'engagementId',
  searchFields: [],
  uniqueFields: [],
};
