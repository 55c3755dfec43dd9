import type { RecordKind } from '#functions/ports/record-store.ts';

/** The indicator library: one entry per code and fiscal year, listed per year through the owner index. */
export const indicatorKind: RecordKind = {
  type: 'indicator',
  sortField: 'code',
  ownerField: 'fiscalYear',
  searchFields: ['code', 'name', 'keywords', 'explanation'],
  uniqueFields: ['code'],
  uniqueScope: 'fiscalYear',
};
