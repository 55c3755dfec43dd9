import type { RecordKind } from '#functions/ports/record-store.ts';

/** Training sessions (培训), listed per fiscal year by the day they were held. */
export const trainingSessionKind: RecordKind = {
  type: 'training-session',
  sortField: 'heldOn',
  ownerField: 'fiscalYear',
  searchFields: ['topic'],
  uniqueFields: [],
};

/**
 * A year's training counts (docs/domain/department-assessment.md#training): one record per fiscal year, its id derived
 * from the year, changed in the same transaction as every session, so the assessment reads one item, not the sessions.
 */
export const trainingTallyKind: RecordKind = {
  type: 'training-tally',
  sortField: 'fiscalYear',
  searchFields: [],
  uniqueFields: [],
};
