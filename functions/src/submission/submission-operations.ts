import type { FrameworkId } from '@jixiao/core/indicator-library/framework.ts';
import { indicatorErrors } from '@jixiao/core/indicator-library/indicator.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import type { ListFilter, RecordStore } from '#functions/ports/record-store.ts';
import { type MasterDataSpec, masterDataOperations } from '#functions/records/record-operations.ts';
import { indicatorKind } from '#functions/submission/record-kinds.ts';

const eq = (field: string, value: unknown): ListFilter[] =>
  typeof value === 'string' ? [{ field, op: 'eq', value }] : [];

const indicators: MasterDataSpec = {
  kind: indicatorKind,
  references: () => [],
  check: (record, language) =>
    indicatorErrors(
      {
        framework: record.framework as FrameworkId,
        level1: String(record.level1),
        level2: String(record.level2),
        scope: String(record.scope),
        commonCategory: record.commonCategory as string | null | undefined,
        sector: record.sector as string | null | undefined,
        operator: String(record.operator),
        unit: String(record.unit ?? ''),
        referenceValue: String(record.referenceValue),
        valueBasis: String(record.valueBasis),
        spendingStandardCap: record.spendingStandardCap as number | null | undefined,
        validFrom: String(record.validFrom),
        validTo: record.validTo as string | null | undefined,
      },
      language,
    ),
  listFilters: (q) => ({
    ...(typeof q.fiscalYear === 'string' ? { ownerId: q.fiscalYear } : {}),
    filters: [
      ...eq('level1', q.level1),
      ...eq('level2', q.level2),
      ...eq('scope', q.scope),
      ...eq('sector', q.sector),
      ...eq('commonCategory', q.commonCategory),
    ],
  }),
};

export const submissionOperations = (store: RecordStore): Operations => {
  const library = masterDataOperations(store, indicators);
  return {
    listIndicators: library.list,
    createIndicator: library.create,
    getIndicator: library.get,
    updateIndicator: library.update,
    getIndicatorHistory: library.history,
  };
};
