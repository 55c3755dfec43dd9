import { parseDecimal } from '#core/monitoring/exact-ratio.ts';
import type { ReportLine } from '#core/monitoring/monitoring-report.ts';
import type { TargetRow } from '#core/submission/performance-target.ts';
import { targetDate } from '#core/submission/target-date.ts';

/**
 * The fiscal year a report's dates are read in: its round's, which holds the data date (a round is
 * refused unless its data date lies in its fiscal year, `data_date_in_year`).
 */
export const reportFiscalYear = (dataDate: string): number => Number(dataDate.slice(0, 4));

/**
 * The last day a date line allows (docs/domain/monitoring.md, "Date targets"): a quantitative line
 * whose target is not a number but a date `targetDate` reads ("≤ 2027-11-30", "9月前"). Null for
 * every other line.
 */
export const lineTargetDate = (
  line: Pick<ReportLine, 'operator' | 'targetValue'>,
  fiscalYear: number,
): string | null => {
  if (line.operator === 'QUALITATIVE' || parseDecimal(line.targetValue) !== undefined) return null;
  return targetDate(line.targetValue, fiscalYear);
};

/** A date line's year-end forecast as the date it names, read like the target; null when unreadable. */
export const forecastDate = (line: Pick<ReportLine, 'forecastYearEnd'>, fiscalYear: number): string | null =>
  targetDate(line.forecastYearEnd, fiscalYear);

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
