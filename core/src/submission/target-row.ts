import type { TargetRow } from '#core/submission/performance-target.ts';

/**
 * A target row with the values a new, custom row starts from (an empty 自定义指标 under 产出/数量),
 * overridden by `fields`. The target editor, the demo data and the tests all start rows here.
 */
export const newTargetRow = (rowId: string, fields: Partial<Omit<TargetRow, 'rowId'>> = {}): TargetRow => ({
  rowId,
  period: 'ANNUAL',
  level1: 'OUTPUT',
  level2: 'QUANTITY',
  name: '',
  libraryIndicatorId: null,
  custom: true,
  operator: 'GTE',
  value: '',
  unit: '',
  weight: 0,
  explanation: '',
  scoringStandard: '',
  valueBasis: 'PLAN',
  lastYearActual: '',
  dataSource: '',
  core: false,
  spendingStandardCap: null,
  ...fields,
});
