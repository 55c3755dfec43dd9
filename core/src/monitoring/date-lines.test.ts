import { describe, expect, it } from 'vitest';
import { defaultThresholds } from '#core/monitoring/monitoring-config.ts';
import type { ReportLine } from '#core/monitoring/monitoring-report.ts';
import {
  assess,
  forecastDateMissed,
  forecastShortfall,
  indicatorProgress,
  indicatorWarnings,
  warningText,
} from '#core/monitoring/monitoring-warnings.ts';
import { lineTargetDate, sampleReportLine } from '#core/monitoring/report-line.ts';
import { type ReportContent, reportErrors } from '#core/monitoring/report-rules.ts';

const t = defaultThresholds;
const year = 2027;

/** A 完成时间 line: finished by 30 November 2027, forecast 20 December (late). */
const dateLine = (fields: Partial<ReportLine> = {}): ReportLine =>
  sampleReportLine({
    rowId: 'd1',
    level2: 'TIMELINESS',
    name: '项目完工时间',
    operator: 'LTE',
    targetValue: '2027-11-30',
    unit: '',
    actualToDate: '主体工程完成 60%',
    forecastYearEnd: '2027-12-20',
    likelihood: 'POSSIBLE',
    deviationReasons: ['STAFFING'],
    correctiveMeasures: '增加施工班组',
    ...fields,
  });

const report = (fields: Partial<ReportContent> = {}): ReportContent => ({
  dataDate: '2027-06-30',
  thresholds: t,
  budgetDeviationReason: '',
  budgetCorrectiveMeasures: '',
  budget: { fiscal: 1_000_000, carryOver: 0, other: 0 },
  executed: { fiscal: 500_000, carryOver: 0, other: 0 },
  forecastFullYearFen: 1_000_000,
  goalProgress: '主体工程推进中。',
  lines: [dateLine()],
  ...fields,
});
const codes = (content: ReportContent) => reportErrors(content, 'zh-CN').map((e) => `${e.pointer} ${e.code}`);
const warnings = (line: ReportLine) => indicatorWarnings(line, t, year).map((w) => `${w.colour} ${w.code}`);

describe('which lines are date lines', () => {
  it('a quantitative line whose target is a date, read in the report’s fiscal year', () => {
    expect(lineTargetDate(dateLine(), year)).toBe('2027-11-30');
    expect(lineTargetDate(dateLine({ targetValue: '9月前' }), year)).toBe('2027-08-31');
    expect(lineTargetDate(dateLine({ targetValue: '11月底前完成' }), 2026)).toBe('2026-11-30');
  });

  it('not a number, not an unreadable text, not a qualitative line', () => {
    expect(lineTargetDate(dateLine({ targetValue: '100' }), year)).toBeNull();
    expect(lineTargetDate(dateLine({ targetValue: '明显改善' }), year)).toBeNull();
    expect(lineTargetDate(dateLine({ operator: 'QUALITATIVE' }), year)).toBeNull();
  });
});

describe('check-in rules on a date line', () => {
  it('a report with a date target can be sent: neither field is refused as a non-number', () => {
    expect(codes(report())).toEqual([]);
    // Forecasts written as the tables write targets are read too.
    expect(codes(report({ lines: [dateLine({ forecastYearEnd: '2027年11月底前完成' })] }))).toEqual([]);
    expect(codes(report({ lines: [dateLine({ forecastYearEnd: '12月' })] }))).toEqual([]);
  });

  it('the year-end forecast must be a date it can read', () => {
    for (const forecast of ['100', '年底左右', '2027-13-01']) {
      expect(codes(report({ lines: [dateLine({ forecastYearEnd: forecast })] }))).toEqual([
        '/lines/0/forecastYearEnd date_forecast',
      ]);
    }
    const [zh] = reportErrors(report({ lines: [dateLine({ forecastYearEnd: '尽快' })] }), 'zh-CN');
    expect(zh?.message).toBe('完成时间指标的全年预计须填写预计完成日期，如 2027-11-30');
    const [en] = reportErrors(report({ lines: [dateLine({ forecastYearEnd: '尽快' })] }), 'en');
    expect(en?.message).toBe('For a completion-date indicator, give the expected completion date, e.g. 2027-11-30');
  });

  it('progress to date is required text, in words or a date', () => {
    expect(codes(report({ lines: [dateLine({ actualToDate: ' ' })] }))).toEqual(['/lines/0/actualToDate required']);
    expect(codes(report({ lines: [dateLine({ forecastYearEnd: '' })] }))).toEqual([
      '/lines/0/forecastYearEnd required',
    ]);
    expect(codes(report({ lines: [dateLine({ actualToDate: '2027-05-10 开工' })] }))).toEqual([]);
  });

  it('a numeric line still needs numbers', () => {
    const numeric = dateLine({ targetValue: '100', operator: 'GTE' });
    expect(codes(report({ lines: [numeric] }))).toEqual([
      '/lines/0/actualToDate numeric_actual',
      '/lines/0/forecastYearEnd numeric_actual',
    ]);
  });

  it('reads a target without a year in the report’s fiscal year (its data date’s)', () => {
    const noYear = dateLine({ targetValue: '11月底前完成', forecastYearEnd: '2026-11-15' });
    expect(codes(report({ dataDate: '2026-06-30', lines: [noYear] }))).toEqual([]);
    expect(assess({ ...report({ dataDate: '2026-06-30', lines: [noYear] }) }, t).warnings).toEqual([
      expect.objectContaining({ code: 'likelihood' }),
    ]);
  });
});

describe('warnings on a date line', () => {
  it('≤ and <: a forecast after the target date is red; on or before it, nothing', () => {
    for (const operator of ['LTE', 'LT'] as const) {
      expect(warnings(dateLine({ operator, likelihood: 'CERTAIN' }))).toEqual(['RED forecast_date_missed']);
      expect(warnings(dateLine({ operator, likelihood: 'CERTAIN', forecastYearEnd: '2027-11-30' }))).toEqual([]);
      expect(warnings(dateLine({ operator, likelihood: 'CERTAIN', forecastYearEnd: '2027-12-01' }))).toEqual([
        'RED forecast_date_missed',
      ]);
      expect(warnings(dateLine({ operator, likelihood: 'CERTAIN', forecastYearEnd: '10月底' }))).toEqual([]);
    }
  });

  it('≥ and >: a forecast before the target date is red', () => {
    for (const operator of ['GTE', 'GT'] as const) {
      const line = dateLine({ operator, likelihood: 'CERTAIN' });
      expect(warnings({ ...line, forecastYearEnd: '2027-11-29' })).toEqual(['RED forecast_date_missed']);
      expect(warnings({ ...line, forecastYearEnd: '2027-11-30' })).toEqual([]);
      expect(warnings({ ...line, forecastYearEnd: '2027-12-20' })).toEqual([]);
    }
  });

  it('=: any other day is red', () => {
    const line = dateLine({ operator: 'EQ', likelihood: 'CERTAIN' });
    expect(warnings({ ...line, forecastYearEnd: '2027-11-29' })).toEqual(['RED forecast_date_missed']);
    expect(warnings({ ...line, forecastYearEnd: '2027-12-01' })).toEqual(['RED forecast_date_missed']);
    expect(warnings({ ...line, forecastYearEnd: '2027年11月30日' })).toEqual([]);
  });

  it('names the indicator, the forecast date and the target date in both languages', () => {
    const [late] = indicatorWarnings(dateLine({ likelihood: 'CERTAIN', forecastYearEnd: '12月20日' }), t, year);
    expect(late?.params).toEqual({
      indicator: '项目完工时间',
      forecast: '2027-12-20',
      target: '2027-11-30',
      operator: 'LTE',
    });
    expect(warningText(late!, 'zh-CN')).toBe('项目完工时间：预计完成日期 2027-12-20，晚于目标完成时间 2027-11-30');
    expect(warningText(late!, 'en')).toBe(
      '项目完工时间: expected completion 2027-12-20 is after the target date 2027-11-30',
    );
    const [early] = indicatorWarnings(
      dateLine({ operator: 'GTE', likelihood: 'CERTAIN', forecastYearEnd: '2027-10-01' }),
      t,
      year,
    );
    expect(warningText(early!, 'zh-CN')).toBe('项目完工时间：预计完成日期 2027-10-01，早于目标完成时间 2027-11-30');
    expect(warningText(early!, 'en')).toBe(
      '项目完工时间: expected completion 2027-10-01 is before the target date 2027-11-30',
    );
    const [other] = indicatorWarnings(dateLine({ operator: 'EQ', likelihood: 'CERTAIN' }), t, year);
    expect(warningText(other!, 'zh-CN')).toBe('项目完工时间：预计完成日期 2027-12-20，不符合目标完成时间 2027-11-30');
    expect(warningText(other!, 'en')).toBe(
      '项目完工时间: expected completion 2027-12-20 is not on the target date 2027-11-30',
    );
  });

  it('an unreadable forecast raises no date warning and leaves the line unjudged', () => {
    const vague = dateLine({ likelihood: 'CERTAIN', forecastYearEnd: '尽快' });
    expect(forecastDateMissed(vague, year)).toBeUndefined();
    expect(warnings(vague)).toEqual([]);
    const assessed = assess(
      { dataDate: '2027-06-30', budget: report().budget, executed: report().executed, lines: [vague] },
      t,
    );
    expect(assessed.indicatorColours).toEqual({ d1: null });
  });

  it('the likelihood warning still applies beside the date warning', () => {
    expect(warnings(dateLine())).toEqual(['YELLOW likelihood', 'RED forecast_date_missed']);
  });

  it('assess: the line is judged and red, the report red; no number shortfall, no progress from it', () => {
    const content = report();
    const assessed = assess(content, t);
    expect(assessed.indicatorColours).toEqual({ d1: 'RED' });
    expect(assessed.colour).toBe('RED');
    expect(assessed.warnings.map((w) => w.code)).toEqual(['likelihood', 'forecast_date_missed']);
    expect(assessed.indicatorProgressPct).toBeNull();
    expect(forecastShortfall(dateLine())).toBeUndefined();
    expect(indicatorProgress([dateLine({ operator: 'GTE', actualToDate: '2027-05-01' })])).toBeUndefined();
    const onTime = assess(report({ lines: [dateLine({ likelihood: 'CERTAIN', forecastYearEnd: '2027-11-20' })] }), t);
    expect(onTime.indicatorColours).toEqual({ d1: 'GREEN' });
  });

  it('without the fiscal year a lone line is judged by its likelihood only', () => {
    expect(indicatorWarnings(dateLine({ likelihood: 'CERTAIN' }), t)).toEqual([]);
  });
});
