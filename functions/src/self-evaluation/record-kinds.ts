import type { RecordKind } from '#functions/ports/record-store.ts';
import { reviewQueuePlace } from '#functions/submission/record-kinds.ts';

/** The year's scoring settings: one record per fiscal year, its id derived from the year. */
export const scoringSettingsKind: RecordKind = {
  type: 'scoring-settings',
  sortField: 'fiscalYear',
  searchFields: [],
  uniqueFields: [],
};

/** Self-evaluation rounds, listed per fiscal year; one round per year (`yearKey`, the year as text, is unique). */
export const selfEvaluationRoundKind: RecordKind = {
  type: 'self-evaluation-round',
  sortField: 'deadline',
  ownerField: 'fiscalYear',
  searchFields: ['name'],
  uniqueFields: ['yearKey'],
};

/** Self-evaluations, listed per round and department (`roundDepartment`), queued while under review. */
export const selfEvaluationKind: RecordKind = {
  type: 'self-evaluation',
  sortField: 'projectCode',
  ownerField: 'roundDepartment',
  searchFields: ['projectCode', 'projectName', 'unitName'],
  uniqueFields: [],
  // They wait for the same reviewers, in the same places, as target versions and monitoring reports.
  queue: reviewQueuePlace,
};

/** One tally per round and department, kept on write; the bureau's summary reads these, never the self-evaluations. */
export const selfEvaluationTallyKind: RecordKind = {
  type: 'self-evaluation-tally',
  sortField: 'sortKey',
  ownerField: 'roundId',
  searchFields: [],
  uniqueFields: [],
};
