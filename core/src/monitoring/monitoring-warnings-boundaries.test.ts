import { describe, expect, it } from 'vitest';
import { parseDecimal, ratio } from '#core/monitoring/exact-ratio.ts';
import { defaultThresholds } from '#core/monitoring/monitoring-config.ts';
import {
  assess,
  budgetWarnings,
  executionFigures,
  forecastExecutionWarnings,
  forecastShortfall,
  indicatorProgress,
  indicatorWarnings,
  warningText,
} from '#core/monitoring/monitoring-warnings.ts';
import { sampleReportLine as line } from '#core/monitoring/report-line.ts';

/**
 * The warnings of docs/domain/monitoring.md ("Warnings") at their edges: strict and equal operators landing exactly on
 * a target, budgets of zero, targets of zero or below, values of only spaces, and every reason in English and in
 * yellow as well as red. Each expected figure is worked out by hand in the comment beside it.
 */
const t = defaultThresholds;
const funds = (fiscal: number) => ({ fiscal, carryOver: 0, other: 0 });
const colours = (l: ReturnType<typeof line>) => indicatorWarnings(l, t).map((w) => `${w.colour} ${w.code}`);

describe('forecasts against strict and equal targets', () => {
  it('> : a forecast exactly on the target meets it; 1 % short is yellow, 11 % short is red', () => {
    const over = line({ operator: 'GT', targetValue: '100' });
    expect(colours({ ...over, forecastYearEnd: '100' })).toEqual([]);
    expect(forecastShortfall({ ...over, forecastYearEnd: '100' })).toEqual(ratio(0));
    expect(forecastShortfall({ ...over, forecastYearEnd: '99' })).toEqual(ratio(1, 100));
    expect(colours({ ...over, forecastYearEnd: '99' })).toEqual(['YELLOW forecast_off']);
    expect(colours({ ...over, forecastYearEnd: '90' })).toEqual(['YELLOW forecast_off']); // 10 %: not more than 10
    expect(colours({ ...over, forecastYearEnd: '89' })).toEqual(['RED forecast_far_off']);
    expect(colours({ ...over, forecastYearEnd: '101' })).toEqual([]);
  });

  it('< : a forecast exactly on the ceiling meets it; above it by 10 % is yellow, by 10.2 % red, below it nothing', () => {
    const under = line({ operator: 'LT', targetValue: '5', unit: '天', forecastYearEnd: '5' });
    expect(colours(under)).toEqual([]);
    expect(forecastShortfall({ ...under, forecastYearEnd: '5.5' })).toEqual(ratio(1, 10)); // 0.5 ÷ 5
    expect(colours({ ...under, forecastYearEnd: '5.5' })).toEqual(['YELLOW forecast_off']);
    expect(colours({ ...under, forecastYearEnd: '5.51' })).toEqual(['RED forecast_far_off']); // 0.51 ÷ 5 = 10.2 %
    expect(colours({ ...under, forecastYearEnd: '1' })).toEqual([]);
  });

  it('= : only the target itself meets it, a miss either way counts', () => {
    const equal = line({ operator: 'EQ', targetValue: '50' });
    expect(colours({ ...equal, forecastYearEnd: '50' })).toEqual([]);
    expect(forecastShortfall({ ...equal, forecastYearEnd: '45' })).toEqual(ratio(1, 10));
    expect(forecastShortfall({ ...equal, forecastYearEnd: '55' })).toEqual(ratio(1, 10));
    expect(colours({ ...equal, forecastYearEnd: '55.01' })).toEqual(['RED forecast_far_off']); // 5.01 ÷ 50 = 10.02 %
  });

  it('≥ and ≤ : exactly on the target meets it', () => {
    expect(colours(line({ operator: 'GTE', targetValue: '100', forecastYearEnd: '100' }))).toEqual([]);
    expect(colours(line({ operator: 'LTE', targetValue: '0.3', forecastYearEnd: '0.3' }))).toEqual([]);
  });
});

describe('targets of zero or below', () => {
  it('a target of 0 met exactly is no miss, and nothing divides by it', () => {
    expect(forecastShortfall(line({ operator: 'GTE', targetValue: '0', forecastYearEnd: '0' }))).toEqual(ratio(0));
    expect(forecastShortfall(line({ operator: 'EQ', targetValue: '0', forecastYearEnd: '0' }))).toEqual(ratio(0));
    expect(forecastShortfall(line({ operator: 'GTE', targetValue: '0', forecastYearEnd: '3' }))).toEqual(ratio(0));
    expect(forecastShortfall(line({ operator: 'EQ', targetValue: '0', forecastYearEnd: '2' }))).toEqual(ratio(1));
  });

  it('a negative target (a fall of 10 %) is missed by the share of its size', () => {
    const fall = line({ operator: 'GTE', targetValue: '-10', unit: '%' });
    // −10 − (−12) = 2 short, 2 ÷ |−10| = 20 %.
    expect(forecastShortfall({ ...fall, forecastYearEnd: '-12' })).toEqual(ratio(1, 5));
    expect(colours({ ...fall, forecastYearEnd: '-12' })).toEqual(['RED forecast_far_off']);
    expect(colours({ ...fall, forecastYearEnd: '-11' })).toEqual(['YELLOW forecast_off']); // 1 ÷ 10 = 10 %
    expect(colours({ ...fall, forecastYearEnd: '-9' })).toEqual([]);
  });

  it('progress leaves out lines whose target is 0 or below instead of dividing by them', () => {
    expect(indicatorProgress([line({ targetValue: '0', actualToDate: '5' })])).toBeUndefined();
    expect(indicatorProgress([line({ targetValue: '-10', actualToDate: '-5' })])).toBeUndefined();
    const lines = [line({ rowId: 'a', targetValue: '0', actualToDate: '5' }), line({ rowId: 'b', actualToDate: '25' })];
    expect(indicatorProgress(lines)).toEqual(ratio(1, 4));
    const report = assess({ dataDate: '2026-06-30', budget: funds(1_000_000), executed: funds(250_000), lines }, t);
    expect(report.indicatorProgressPct).toBe(25);
  });
});

describe('indicator progress by operator', () => {
  it('counts ≥, > and = lines, leaves out < and ≤, caps each line between 0 and 100 %', () => {
    const lines = [
      line({ rowId: 'gt', operator: 'GT', actualToDate: '50', weight: 1 }), // 50 %
      line({ rowId: 'eq', operator: 'EQ', targetValue: '40', actualToDate: '10', weight: 1 }), // 25 %
      line({ rowId: 'neg', actualToDate: '-20', weight: 2 }), // below 0: 0 %
      line({ rowId: 'lt', operator: 'LT', actualToDate: '1', weight: 5 }),
      line({ rowId: 'lte', operator: 'LTE', actualToDate: '1', weight: 5 }),
      line({ rowId: 'blank', actualToDate: '', weight: 5 }),
      line({ rowId: 'qual', operator: 'QUALITATIVE', targetValue: '明显改善', actualToDate: '改善', weight: 5 }),
    ];
    // (50 % + 25 % + 0 × 2) ÷ 4 = 18.75 %.
    expect(indicatorProgress(lines)).toEqual(ratio(3, 16));
    expect(indicatorProgress([line({ actualToDate: '100' })])).toEqual(ratio(1));
    expect(indicatorProgress([line({ actualToDate: '100.5' })])).toEqual(ratio(1));
    expect(indicatorProgress([line({ actualToDate: '0' })])).toEqual(ratio(0));
    expect(indicatorProgress([line({ weight: -1 })])).toBeUndefined();
  });
});

describe('a budget of zero', () => {
  it('has no execution rate, no budget warning and no forecast warning', () => {
    expect(budgetWarnings(0, 0, '2026-06-30', t)).toEqual([]);
    expect(budgetWarnings(0, 500, '2026-06-30', t)).toEqual([]);
    expect(budgetWarnings(-100, 0, '2026-06-30', t)).toEqual([]);
    expect(forecastExecutionWarnings(0, 0, t)).toEqual([]);
    expect(forecastExecutionWarnings(-100, 0, t)).toEqual([]);
    const report = assess(
      {
        dataDate: '2026-06-30',
        budget: funds(0),
        executed: funds(0),
        forecastFullYearFen: 0,
        lines: [line({ actualToDate: '10' })],
      },
      t,
    );
    expect(report).toMatchObject({
      colour: 'GREEN',
      budgetColour: null,
      executionRatePct: null,
      timeProgressPct: 49.6, // 181 ÷ 365
      indicatorProgressPct: 10,
      warnings: [],
    });
    expect(executionFigures(0, 0, '2026-06-30', t)).toEqual({
      executionRatePct: null,
      timeProgressPct: 49.6,
      elapsedDays: 181,
      daysInYear: 365,
    });
  });

  it('a budget above zero has its figures printed as the warning prints them', () => {
    // 399,999 ÷ 1,000,000 = 39.9999 %, which one decimal would print as 40.0 on the wrong side of the 40 % checkpoint.
    expect(executionFigures(1_000_000, 399_999, '2026-06-30', t)).toEqual({
      executionRatePct: 39.9999,
      timeProgressPct: 49.589, // 181 ÷ 365 = 49.58904…
      elapsedDays: 181,
      daysInYear: 365,
    });
    expect(executionFigures(1_000_000, 250_000, '2026-05-31', t)).toMatchObject({
      executionRatePct: 25,
      timeProgressPct: 41.4, // 151 ÷ 365 = 41.36986…
      elapsedDays: 151,
    });
  });
});

describe('budget execution at its thresholds on 31 December (time progress 100 %)', () => {
  const on = (executed: number) =>
    budgetWarnings(1_000_000, executed, '2026-12-31', t).map((w) => `${w.colour} ${w.code}`);
  it('is exactly 10 points behind: nothing; a fen more: yellow', () => {
    expect(on(900_000)).toEqual([]);
    expect(on(899_999)).toEqual(['YELLOW budget_behind_time']);
  });
  it('is exactly 20 points behind and on the October checkpoint of 80 %: yellow; a fen less: red twice', () => {
    expect(on(800_000)).toEqual(['YELLOW budget_behind_time']);
    expect(on(799_999)).toEqual(['RED budget_below_checkpoint', 'RED budget_behind_time']);
  });
});

describe('the full-year execution forecast at its threshold', () => {
  it('is nothing at exactly 90 % of the budget or without a forecast, yellow a fen below', () => {
    expect(forecastExecutionWarnings(1_000_000, 900_000, t)).toEqual([]);
    expect(forecastExecutionWarnings(1_000_000, null, t)).toEqual([]);
    expect(forecastExecutionWarnings(1_000_000, undefined, t)).toEqual([]);
    const [low] = forecastExecutionWarnings(1_000_000, 899_999, t);
    expect(low).toEqual({
      scope: 'BUDGET',
      rowId: null,
      colour: 'YELLOW',
      code: 'forecast_execution_low',
      params: { share: 89.9999, threshold: 90 },
    });
  });
});

describe('values of only spaces', () => {
  it('are no number: no forecast, no progress, the line not yet judged', () => {
    expect(parseDecimal('   ')).toBeUndefined();
    expect(parseDecimal(' 95 ')).toEqual(ratio(95));
    const blank = line({ rowId: 'blank', forecastYearEnd: '   ', actualToDate: '  ', likelihood: 'CERTAIN' });
    expect(forecastShortfall(blank)).toBeUndefined();
    expect(indicatorWarnings(blank, t)).toEqual([]);
    expect(indicatorProgress([blank])).toBeUndefined();
    const spacesInTarget = line({ targetValue: '  ', forecastYearEnd: '50' });
    expect(forecastShortfall(spacesInTarget)).toBeUndefined();
    const qualitative = line({ rowId: 'q', operator: 'QUALITATIVE', targetValue: '明显改善', forecastYearEnd: ' ' });
    const report = assess(
      { dataDate: '2026-06-30', budget: funds(1_000_000), executed: funds(500_000), lines: [blank, qualitative] },
      t,
    );
    expect(report.indicatorColours).toEqual({ blank: null, q: 'GREEN' });
    expect(report.indicatorProgressPct).toBeNull();
  });
});

describe('every warning in words, in Chinese and English', () => {
  const june = '2026-06-30';
  it('the checkpoint (red)', () => {
    const [below] = budgetWarnings(1_000_000, 399_999, june, t);
    expect(warningText(below!, 'zh-CN')).toBe('执行率 39.9999% 低于 6 月末检查点 40%');
    expect(warningText(below!, 'en')).toBe('Execution 39.9999% is below the end-of-month-6 checkpoint of 40%');
  });

  it('behind time progress (yellow), with and without its days', () => {
    // 31 May: 151 ÷ 365 = 41.4 %; 30.0 % spent is 11.4 points behind, above April's 25 % checkpoint.
    const [behind] = budgetWarnings(1_000_000, 300_000, '2026-05-31', t);
    expect(behind!.colour).toBe('YELLOW');
    expect(warningText(behind!, 'zh-CN')).toBe(
      '执行率 30.0% 落后序时进度 41.4%（151/365 天）达 11.4 个百分点（超过 10 个百分点）',
    );
    expect(warningText(behind!, 'en')).toBe(
      'Execution 30.0% is 11.4 points behind time progress 41.4% (151/365 days) (more than 10)',
    );
    const { elapsedDays: _e, daysInYear: _d, ...withoutDays } = behind!.params;
    const old = { code: 'budget_behind_time', params: withoutDays };
    expect(warningText(old, 'zh-CN')).toBe('执行率 30.0% 落后序时进度 41.4% 达 11.4 个百分点（超过 10 个百分点）');
    expect(warningText(old, 'en')).toBe('Execution 30.0% is 11.4 points behind time progress 41.4% (more than 10)');
  });

  it('the full-year forecast (yellow)', () => {
    const [low] = forecastExecutionWarnings(1_000_000, 850_000, t);
    expect(warningText(low!, 'zh-CN')).toBe('全年预计执行数仅为全年预算数的 85.0%（低于 90%）');
    expect(warningText(low!, 'en')).toBe('The full-year execution forecast is 85.0% of the budget (below 90%)');
  });

  it('the likelihood (yellow and red)', () => {
    const [possible] = indicatorWarnings(line({ likelihood: 'POSSIBLE' }), t);
    expect(warningText(possible!, 'zh-CN')).toBe('改造小区数量：完成目标可能性为“有可能”');
    expect(warningText(possible!, 'en')).toBe('改造小区数量: meeting the target is “Possible”');
    const [impossible] = indicatorWarnings(line({ likelihood: 'IMPOSSIBLE' }), t);
    expect(warningText(impossible!, 'en')).toBe('改造小区数量: meeting the target is “Impossible”');
  });

  it('the forecast against the target (yellow and red)', () => {
    const [off] = indicatorWarnings(line({ forecastYearEnd: '95' }), t);
    expect(off).toMatchObject({ colour: 'YELLOW', params: { forecast: '95', target: '100', unit: '个', gap: 5 } });
    expect(warningText(off!, 'zh-CN')).toBe('改造小区数量：全年预计 95个，未达到目标值 100个，偏差 5.0%');
    expect(warningText(off!, 'en')).toBe('改造小区数量: forecast 95个 misses the target 100个 by 5.0%');
    const [far] = indicatorWarnings(line({ forecastYearEnd: '80' }), t);
    expect(warningText(far!, 'en')).toBe(
      '改造小区数量: forecast 80个 misses the target 100个 by 20.0% (more than 10%)',
    );
  });

  it('progress and execution diverging (yellow)', () => {
    const report = assess(
      { dataDate: june, budget: funds(1_000_000), executed: funds(500_000), lines: [line({ actualToDate: '70' })] },
      t,
    );
    const diverges = report.warnings.find((w) => w.code === 'progress_diverges')!;
    expect(diverges.colour).toBe('YELLOW');
    expect(warningText(diverges, 'en')).toBe(
      'Indicator progress 70.0% and budget execution 50.0% differ by 20.0 points (more than 10)',
    );
  });

  it('a reason it does not know is shown as its code', () => {
    expect(warningText({ code: 'something_new', params: {} }, 'en')).toBe('something_new');
  });
});
