import type { RecordKind } from '#functions/ports/record-store.ts';

/** The year's results-application policy: one record per fiscal year, its id derived from the year. */
export const resultsPolicyKind: RecordKind = {
  type: 'results-policy',
  sortField: 'fiscalYear',
  searchFields: [],
  uniqueFields: [],
};

/**
 * Result applications (docs/domain/results-application.md#proposals-and-decisions): one per source record (`sourceKey` is unique);
 * listed per next-year key (owner index: the budget gate reads one project's results with one query) and per target
 * year (queue index, by department and project code).
 */
export const resultApplicationKind: RecordKind = {
  type: 'result-application',
  sortField: 'decidedAt',
  ownerField: 'nextKey',
  searchFields: ['projectCode', 'projectName', 'departmentName'],
  uniqueFields: ['sourceKey'],
  queue: (record) => ({
    queue: `YEAR#${String(record.targetYear)}`,
    position: `${String(record.departmentName)}#${String(record.projectCode ?? '')}#${String(record.decidedAt)}`,
  }),
};
