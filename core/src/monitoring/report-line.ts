import type { ReportLine } from '#core/monitoring/monitoring-report.ts';
import type { TargetRow } from '#core/submission/performance-target.ts';

/**
 * An indicator line of a new report: the approved target row, with nothing reported against it
 * yet, overridden by `fields`. Rounds make their reports' lines here, and the tests start from it.
 */
export const reportLineFrom = (
  row: Pick<TargetRow, 'rowId' | 'period' | 'level1' | 'level2' | 'name' | 'operator' | 'value' | 'unit'> &
    Partial<Pick<TargetRow, 'weight'>>,
  fields: Partial<ReportLine> = {},
): ReportLine => ({
  rowId: row.rowId,
  period: row.period,
  level1: row.level1,
  level2: row.level2,
  name: row.name,
  operator: row.operator,
  targetValue: row.value,
  unit: row.unit,
  weight: row.weight,
  actualToDate: '',
  forecastYearEnd: '',
  likelihood: null,
  deviationReasons: [],
  deviationAnalysis: '',
  correctiveMeasures: '',
  remarks: '',
  ...fields,
});

/** For tests: a quantitative annual output line (≥ 100 个), half done and on course, overridden by `fields`. */
export const sampleReportLine = (fields: Partial<ReportLine> = {}): ReportLine =>
  reportLineFrom(
    {
      rowId: 'r1',
      period: 'ANNUAL',
      level1: 'OUTPUT',
      level2: 'QUANTITY',
      name: '改造小区数量',
      operator: 'GTE',
      value: '100',
      unit: '个',
      weight: 10,
    },
    { actualToDate: '50', forecastYearEnd: '100', likelihood: 'CERTAIN', ...fields },
  );
