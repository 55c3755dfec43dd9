import { describe, expect, it } from 'vitest';
import { defaultThresholds } from '#core/monitoring/monitoring-config.ts';
import { sampleReportLine } from '#core/monitoring/report-line.ts';
import { type ReportContent, reportErrors } from '#core/monitoring/report-rules.ts';

const line = sampleReportLine;

const complete = (fields: Partial<ReportContent> = {}): ReportContent => ({
  dataDate: '2026-06-30',
  thresholds: defaultThresholds,
  budgetDeviationReason: '',
  budgetCorrectiveMeasures: '',
  budget: { fiscal: 1_000_000, carryOver: 200_000, other: 0 },
  executed: { fiscal: 500_000, carryOver: 0, other: 0 },
  forecastFullYearFen: 1_100_000,
  goalProgress: '已完成 50 个小区改造。',
  lines: [line()],
  ...fields,
});
const codes = (content: ReportContent) => reportErrors(content, 'zh-CN').map((e) => `${e.pointer} ${e.code}`);

describe('monitoring report rules', () => {
  it('accepts a complete report', () => {
    expect(codes(complete())).toEqual([]);
  });

  it('rule 8: a likelihood is required; unless 确定能, a deviation reason and corrective measures', () => {
    expect(codes(complete({ lines: [line({ likelihood: null })] }))).toEqual([
      '/lines/0/likelihood likelihood_required',
    ]);
    expect(codes(complete({ lines: [line({ likelihood: 'POSSIBLE' })] }))).toEqual([
      '/lines/0/deviationReasons deviation_reason_required',
      '/lines/0/correctiveMeasures corrective_measures_required',
    ]);
    expect(
      codes(
        complete({
          lines: [
            line({
              likelihood: 'IMPOSSIBLE',
              deviationReasons: ['FUNDING', 'STAFFING'],
              correctiveMeasures: '增派人员',
            }),
          ],
        }),
      ),
    ).toEqual([]);
    const [error] = reportErrors(
      complete({ lines: [line({ likelihood: 'POSSIBLE', correctiveMeasures: '加快进度' })] }),
      'zh-CN',
    );
    expect(error?.message).toBe('完成目标可能性不是“确定能”时，至少勾选一项偏差原因');
  });

  it('asks for an explanation when 其他 is ticked', () => {
    expect(codes(complete({ lines: [line({ deviationReasons: ['OTHER'] })] }))).toEqual([
      '/lines/0/deviationAnalysis deviation_analysis_required',
    ]);
  });

  it('wants numbers for a quantitative line and words for a qualitative one', () => {
    expect(codes(complete({ lines: [line({ actualToDate: '约一半', forecastYearEnd: '' })] }))).toEqual([
      '/lines/0/actualToDate numeric_actual',
      '/lines/0/forecastYearEnd required',
    ]);
    expect(
      codes(
        complete({
          lines: [
            line({
              operator: 'QUALITATIVE',
              targetValue: '明显改善',
              actualToDate: '有所改善',
              forecastYearEnd: '明显改善',
            }),
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('keeps the money consistent: execution within each source, forecast between spent and budget', () => {
    expect(
      codes(complete({ executed: { fiscal: 1_000_001, carryOver: 0, other: 0 }, forecastFullYearFen: 1_100_000 })),
    ).toEqual(['/executed/fiscal executed_above_budget']);
    expect(codes(complete({ forecastFullYearFen: 499_999 }))).toEqual(['/forecastFullYearFen forecast_below_executed']);
    expect(codes(complete({ forecastFullYearFen: 1_200_001 }))).toEqual(['/forecastFullYearFen forecast_above_budget']);
    expect(codes(complete({ forecastFullYearFen: null, goalProgress: ' ' }))).toEqual([
      '/forecastFullYearFen required',
      '/goalProgress required',
    ]);
  });

  it('wants a report-level reason and corrective measures when the budget warning is red, even if every line is 确定能', () => {
    // 黄石 2019: 39.8 % spent by 30 June (below the 40 % checkpoint), every line 确定能, no reason given.
    const red = complete({ executed: { fiscal: 477_600, carryOver: 0, other: 0 }, forecastFullYearFen: 1_200_000 });
    expect(red.lines.every((l) => l.likelihood === 'CERTAIN')).toBe(true);
    expect(codes(red)).toEqual([
      '/budgetDeviationReason budget_reason_required',
      '/budgetCorrectiveMeasures budget_measures_required',
    ]);
    expect(reportErrors(red, 'zh-CN')[0]?.message).toBe('预算执行为红色预警时，须填写预算执行偏差原因');
    expect(reportErrors(red, 'en')[1]?.message).toBe('When the budget warning is red, give the corrective measures');
    expect(codes({ ...red, budgetDeviationReason: ' ', budgetCorrectiveMeasures: '加快支付' })).toEqual([
      '/budgetDeviationReason budget_reason_required',
    ]);
    expect(codes({ ...red, budgetDeviationReason: '招标延期', budgetCorrectiveMeasures: '加快支付' })).toEqual([]);
    // Stored before the fields existed: read as not given.
    expect(codes({ ...red, budgetDeviationReason: undefined, budgetCorrectiveMeasures: undefined })).toHaveLength(2);
  });

  it('does not ask for them when the budget warning is yellow or green', () => {
    // 15 June: judged by April's 25 %, so 39.8 % is not red (only 5.7 points behind 45.5 %).
    expect(codes(complete({ dataDate: '2026-06-15', executed: { fiscal: 477_600, carryOver: 0, other: 0 } }))).toEqual(
      [],
    );
    // A low forecast is yellow: no report-level reason needed.
    expect(codes(complete({ forecastFullYearFen: 600_000 }))).toEqual([]);
  });
});
