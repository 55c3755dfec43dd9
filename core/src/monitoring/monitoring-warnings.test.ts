import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ratio, roundHalfUp, toNumber } from '#core/monitoring/exact-ratio.ts';
import { colourRank, defaultThresholds, type MonitoringThresholds } from '#core/monitoring/monitoring-config.ts';
import {
  assess,
  budgetWarnings,
  checkpointDate,
  checkpointFor,
  forecastExecutionWarnings,
  forecastShortfall,
  indicatorProgress,
  indicatorWarnings,
  timeProgress,
  warningText,
} from '#core/monitoring/monitoring-warnings.ts';
import { percentFigure, percentText } from '#core/monitoring/percent-text.ts';
import { sampleReportLine } from '#core/monitoring/report-line.ts';

const t = defaultThresholds;
const june = '2026-06-30';
const funds = (fiscal: number) => ({ fiscal, carryOver: 0, other: 0 });
/** Any day of 2025–2029 (two leap years' neighbours, one leap year). */
const anyDate = fc
  .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2029-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const colourOf = (budget: number, executed: number, dataDate: string, thresholds: MonitoringThresholds = t) =>
  budgetWarnings(budget, executed, dataDate, thresholds).reduce<string>(
    (c, w) => (colourRank(w.colour) > colourRank(c as 'GREEN') ? w.colour : c),
    'GREEN',
  );

const line = sampleReportLine;

describe('time progress and checkpoints (docs/domain/monitoring.md)', () => {
  it('counts elapsed days over the days of the year, leap years included', () => {
    expect(timeProgress('2026-06-30')).toMatchObject({ elapsedDays: 181, daysInYear: 365 });
    expect(timeProgress('2026-06-15')).toMatchObject({ elapsedDays: 166, daysInYear: 365 });
    expect(timeProgress('2026-01-01')).toMatchObject({ elapsedDays: 1, daysInYear: 365 });
    expect(timeProgress('2026-12-31')).toMatchObject({ elapsedDays: 365, daysInYear: 365 });
    expect(timeProgress('2028-06-30')).toMatchObject({ elapsedDays: 182, daysInYear: 366 });
    expect(timeProgress('2100-12-31')).toMatchObject({ elapsedDays: 365, daysInYear: 365 });
    expect(timeProgress('2000-12-31')).toMatchObject({ elapsedDays: 366, daysInYear: 366 });
    const assessAt = (dataDate: string) =>
      assess({ dataDate, budget: funds(1_000_000), executed: funds(500_000), lines: [] }, t);
    // 30 June is 49.6 %, not month ÷ 12 = 50 %; the report says which days it used.
    expect(assessAt('2026-06-30')).toMatchObject({ timeProgressPct: 49.6, elapsedDays: 181, daysInYear: 365 });
    expect(assessAt('2026-06-15')).toMatchObject({ timeProgressPct: 45.5, elapsedDays: 166 });
    expect(assessAt('2028-06-30')).toMatchObject({ timeProgressPct: 49.7, elapsedDays: 182, daysInYear: 366 });
  });

  it('applies a checkpoint from the last day of its month and carries it forward until the next', () => {
    expect(checkpointDate(2026, 6)).toBe('2026-06-30');
    expect(checkpointDate(2028, 2)).toBe('2028-02-29');
    expect(checkpointFor(t, '2026-04-29')).toBeUndefined();
    expect(checkpointFor(t, '2026-04-30')?.minRatePct).toBe(25);
    // 15 June is judged by April's 25 %, not by June's 40 %.
    expect(checkpointFor(t, '2026-06-15')?.minRatePct).toBe(25);
    expect(checkpointFor(t, '2026-06-29')?.minRatePct).toBe(25);
    expect(checkpointFor(t, '2026-06-30')?.minRatePct).toBe(40);
    expect(checkpointFor(t, '2026-07-31')?.minRatePct).toBe(40);
    expect(checkpointFor(t, '2026-12-31')?.minRatePct).toBe(80);
    // 30 % spent by 15 June: above April's 25 %, so no checkpoint warning.
    expect(budgetWarnings(1_000_000, 300_000, '2026-06-15', t).map((w) => w.code)).not.toContain(
      'budget_below_checkpoint',
    );
    expect(budgetWarnings(1_000_000, 300_000, '2026-06-30', t).map((w) => w.code)).toContain('budget_below_checkpoint');
  });
});

describe('budget execution warning', () => {
  it('is red just below the June checkpoint of 40 % and not at it, and never prints the rate as 40', () => {
    // 30 June: time progress 49.6 %, so 40 % is less than 10 points behind: no yellow either.
    expect(colourOf(1_000_000, 399_999, june)).toBe('RED');
    expect(colourOf(1_000_000, 400_000, june)).toBe('GREEN');
    expect(colourOf(1_000_000, 400_001, june)).toBe('GREEN');
    const [red] = budgetWarnings(1_000_000, 399_999, june, t);
    expect(red).toMatchObject({ code: 'budget_below_checkpoint', params: { month: 6, threshold: 40 } });
    expect(warningText(red!, 'zh-CN')).toBe('执行率 39.9999% 低于 6 月末检查点 40%');
    const [justBelow] = budgetWarnings(1_000_000, 399_600, june, t);
    expect(warningText(justBelow!, 'zh-CN')).toBe('执行率 39.96% 低于 6 月末检查点 40%');
  });

  it('is red at each default checkpoint just below its rate', () => {
    for (const { month, minRatePct } of t.budgetCheckpoints) {
      const budget = 10_000;
      const at = minRatePct * 100;
      const date = checkpointDate(2026, month);
      expect(budgetWarnings(budget, at - 1, date, t).some((w) => w.code === 'budget_below_checkpoint')).toBe(true);
      expect(budgetWarnings(budget, at, date, t).some((w) => w.code === 'budget_below_checkpoint')).toBe(false);
    }
  });

  it('is yellow when more than 10 points behind time progress, red when more than 20', () => {
    // 26 May is day 146 of 365: time progress exactly 40 %. No checkpoints here.
    const none = { ...t, budgetCheckpoints: [] };
    const may26 = '2026-05-26';
    const budget = 1_000_000;
    expect(colourOf(budget, 300_000, may26, none)).toBe('GREEN'); // exactly 10 behind
    expect(colourOf(budget, 299_999, may26, none)).toBe('YELLOW');
    expect(colourOf(budget, 200_000, may26, none)).toBe('YELLOW'); // exactly 20 behind
    expect(colourOf(budget, 199_999, may26, none)).toBe('RED');
    const [yellow] = budgetWarnings(budget, 250_000, may26, none);
    expect(warningText(yellow!, 'zh-CN')).toBe(
      '执行率 25.0% 落后序时进度 40.0%（146/365 天）达 15.0 个百分点（超过 10 个百分点）',
    );
    expect(warningText(yellow!, 'en')).toBe(
      'Execution 25.0% is 15.0 points behind time progress 40.0% (146/365 days) (more than 10)',
    );
  });

  it('prints a gap that is the difference of the printed figures and on the right side of its threshold', () => {
    // 1 July 2028 is day 183 of 366: time progress exactly 50 %. Found: "40 % 落后 50 % 达 10.1 个百分点".
    const july1 = '2028-07-01';
    const none = { ...t, budgetCheckpoints: [] };
    const [behind] = budgetWarnings(1_000_000, 399_600, july1, none);
    expect(warningText(behind!, 'zh-CN')).toBe(
      '执行率 39.96% 落后序时进度 50.0%（183/366 天）达 10.04 个百分点（超过 10 个百分点）',
    );
    // With a 5-point yellow line, 40.04 % against 50 % prints a gap of 10.0 (not 10.1).
    const [five] = budgetWarnings(1_000_000, 400_400, july1, { ...none, budgetYellowGapPts: 5 });
    expect(warningText(five!, 'zh-CN')).toBe(
      '执行率 40.0% 落后序时进度 50.0%（183/366 天）达 10.0 个百分点（超过 5 个百分点）',
    );
  });

  it('prints the same rate on the figures and in the warning (found: 28.6 % beside "28.5 % 低于 40 %")', () => {
    const result = assess({ dataDate: june, budget: funds(1_000_000), executed: funds(285_500), lines: [] }, t);
    expect(result.executionRatePct).toBe(28.6);
    const checkpoint = result.warnings.find((w) => w.code === 'budget_below_checkpoint');
    expect(warningText(checkpoint!, 'zh-CN')).toBe('执行率 28.6% 低于 6 月末检查点 40%');
    const behind = result.warnings.find((w) => w.code === 'budget_behind_time');
    expect(warningText(behind!, 'zh-CN')).toBe(
      '执行率 28.6% 落后序时进度 49.6%（181/365 天）达 21.0 个百分点（超过 20 个百分点）',
    );
  });

  it('says nothing about a project without a budget', () => {
    expect(budgetWarnings(0, 0, june, t)).toEqual([]);
  });

  it('property: spending more never makes the budget warning redder', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        anyDate,
        (budget, a, b, date) => {
          const [less, more] = [Math.floor(budget * Math.min(a, b)), Math.floor(budget * Math.max(a, b))];
          return colourRank(colourOf(budget, more, date) as 'RED') <= colourRank(colourOf(budget, less, date) as 'RED');
        },
      ),
    );
  });

  it('property: the same execution later in the year is never greener', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(2026, 2028),
        fc.integer({ min: 0, max: 365 }),
        fc.integer({ min: 0, max: 365 }),
        (budget, share, year, a, b) => {
          const executed = Math.floor(budget * share);
          const day = (n: number) => new Date(Date.UTC(year, 0, 1 + Math.min(n, 364))).toISOString().slice(0, 10);
          const [early, late] = a <= b ? [day(a), day(b)] : [day(b), day(a)];
          return (
            colourRank(colourOf(budget, executed, late) as 'RED') >=
            colourRank(colourOf(budget, executed, early) as 'RED')
          );
        },
      ),
    );
  });

  it('property: every printed figure stands on the side of its threshold the exact one is on, and adds up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        anyDate,
        (budget, share, date) => {
          const executed = Math.floor(budget * share);
          const result = assess({ dataDate: date, budget: funds(budget), executed: funds(executed), lines: [] }, t);
          for (const w of result.warnings) {
            const p = w.params as Record<string, number>;
            if (w.code === 'budget_below_checkpoint') {
              if (!(p.rate! < p.threshold!)) return false;
            }
            if (w.code === 'budget_behind_time') {
              if (!(p.gap! > p.threshold!)) return false;
              if (Math.abs(p.time! - p.rate! - p.gap!) > 1e-9) return false;
              if (w.colour === 'YELLOW' && p.gap! > t.budgetRedGapPts) return false;
            }
            if ('rate' in p && p.rate !== result.executionRatePct) return false;
          }
          const gap = result.timeProgressPct - result.executionRatePct!;
          const warned = result.warnings.some((w) => w.code === 'budget_behind_time');
          return warned === gap > t.budgetYellowGapPts + 1e-9;
        },
      ),
    );
  });
});

describe('full-year execution forecast', () => {
  const at = (forecast: number | null) =>
    assess(
      {
        dataDate: june,
        budget: funds(1_000_000),
        executed: funds(500_000),
        forecastFullYearFen: forecast,
        lines: [],
      },
      t,
    ).warnings.filter((w) => w.code === 'forecast_execution_low');

  it('is yellow below the configured share (default 90 %) of the current budget, and prints below it', () => {
    expect(at(null)).toEqual([]);
    expect(at(900_000)).toEqual([]);
    expect(at(1_000_000)).toEqual([]);
    expect(at(899_999).map((w) => w.colour)).toEqual(['YELLOW']);
    expect(warningText(at(899_999)[0]!, 'zh-CN')).toBe('全年预计执行数仅为全年预算数的 89.9999%（低于 90%）');
    expect(warningText(at(850_000)[0]!, 'en')).toBe(
      'The full-year execution forecast is 85.0% of the budget (below 90%)',
    );
    expect(forecastExecutionWarnings(1_000_000, 800_000, { ...t, forecastExecutionMinPct: 80 })).toEqual([]);
    expect(forecastExecutionWarnings(0, 0, t)).toEqual([]);
  });

  it('makes the budget colour yellow, never red', () => {
    const result = assess(
      { dataDate: june, budget: funds(1_000_000), executed: funds(500_000), forecastFullYearFen: 600_000, lines: [] },
      t,
    );
    expect(result).toMatchObject({ colour: 'YELLOW', budgetColour: 'YELLOW' });
  });
});

describe('target completion warning', () => {
  it('is red when the likelihood is 完全不可能 and yellow when it is 有可能', () => {
    expect(indicatorWarnings(line({ likelihood: 'IMPOSSIBLE' }), t).map((w) => w.colour)).toEqual(['RED']);
    expect(indicatorWarnings(line({ likelihood: 'POSSIBLE' }), t).map((w) => w.colour)).toEqual(['YELLOW']);
    expect(indicatorWarnings(line({ likelihood: 'CERTAIN' }), t)).toEqual([]);
    expect(warningText(indicatorWarnings(line({ likelihood: 'IMPOSSIBLE' }), t)[0]!, 'zh-CN')).toBe(
      '改造小区数量：完成目标可能性为“完全不可能”',
    );
  });

  it('is yellow for a forecast short of a ≥ target by up to 10 %, red beyond', () => {
    const colours = (forecast: string) =>
      indicatorWarnings(line({ forecastYearEnd: forecast }), t).map((w) => w.colour);
    expect(colours('100')).toEqual([]);
    expect(colours('120')).toEqual([]);
    expect(colours('99.99')).toEqual(['YELLOW']);
    expect(colours('90')).toEqual(['YELLOW']); // exactly 10 %
    expect(colours('89.99')).toEqual(['RED']);
    const [red] = indicatorWarnings(line({ forecastYearEnd: '80' }), t);
    expect(warningText(red!, 'zh-CN')).toBe('改造小区数量：全年预计 80个，偏离目标值 100个 达 20.0%（超过 10%）');
  });

  it('reads ≤ targets the other way round, and = targets both ways', () => {
    const cost = line({ operator: 'LTE', targetValue: '0.3', unit: '万元/户', forecastYearEnd: '0.33' });
    expect(indicatorWarnings(cost, t).map((w) => w.colour)).toEqual(['YELLOW']); // exactly 10 % over
    expect(indicatorWarnings({ ...cost, forecastYearEnd: '0.331' }, t).map((w) => w.colour)).toEqual(['RED']);
    expect(indicatorWarnings({ ...cost, forecastYearEnd: '0.2' }, t)).toEqual([]);
    const equal = line({ operator: 'EQ', targetValue: '50', forecastYearEnd: '55' });
    expect(indicatorWarnings(equal, t).map((w) => w.colour)).toEqual(['YELLOW']);
    expect(indicatorWarnings({ ...equal, forecastYearEnd: '44' }, t).map((w) => w.colour)).toEqual(['RED']);
  });

  it('treats a missed target of 0 as missed by everything, and ignores qualitative lines', () => {
    const accidents = line({ operator: 'LTE', targetValue: '0', forecastYearEnd: '1' });
    expect(toNumber(forecastShortfall(accidents)!, 0)).toBe(1);
    expect(indicatorWarnings(accidents, t).map((w) => w.colour)).toEqual(['RED']);
    expect(
      forecastShortfall(line({ operator: 'QUALITATIVE', targetValue: '明显改善', forecastYearEnd: '改善' })),
    ).toBeUndefined();
  });

  it('property: a forecast closer to a ≥ target is never redder', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        (target, a, b) => {
          const colour = (f: number) =>
            Math.max(
              0,
              ...indicatorWarnings(line({ targetValue: String(target), forecastYearEnd: String(f) }), t).map((w) =>
                colourRank(w.colour),
              ),
            );
          return colour(Math.max(a, b)) <= colour(Math.min(a, b));
        },
      ),
    );
  });
  it('property: beating a target in its own direction is never a warning', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom('GTE', 'GT', 'LTE', 'LT') as fc.Arbitrary<'GTE' | 'GT' | 'LTE' | 'LT'>,
        (target, delta, operator) => {
          const upwards = operator === 'GTE' || operator === 'GT';
          const forecast = upwards ? target + delta : Math.max(0, target - delta);
          const found = indicatorWarnings(
            line({ operator, targetValue: String(target), forecastYearEnd: String(forecast) }),
            t,
          );
          return found.length === 0;
        },
      ),
    );
  });

  it('prints a forecast gap on its side of the threshold and never as 0', () => {
    const [yellow] = indicatorWarnings(line({ forecastYearEnd: '99.99' }), t);
    expect(warningText(yellow!, 'zh-CN')).toBe('改造小区数量：全年预计 99.99个，未达到目标值 100个，偏差 0.01%');
    const [red] = indicatorWarnings(line({ forecastYearEnd: '89.99' }), t);
    expect(warningText(red!, 'zh-CN')).toBe('改造小区数量：全年预计 89.99个，偏离目标值 100个 达 10.01%（超过 10%）');
    expect(warningText(indicatorWarnings(line({ forecastYearEnd: '90' }), t)[0]!, 'en')).toBe(
      '改造小区数量: forecast 90个 misses the target 100个 by 10.0%',
    );
  });
});

describe('divergence and the whole report', () => {
  const base = {
    dataDate: '2026-06-30',
    budget: { fiscal: 1_000_000, carryOver: 0, other: 0 },
    executed: { fiscal: 500_000, carryOver: 0, other: 0 },
  };

  it('averages capped progress over the annual lines that count upwards', () => {
    const lines = [
      line({ rowId: 'a', actualToDate: '150' }), // capped at 100 %
      line({ rowId: 'b', actualToDate: '20' }),
      line({ rowId: 'c', operator: 'LTE', actualToDate: '99' }), // a ceiling: left out
      line({ rowId: 'd', period: 'MEDIUM_TERM', actualToDate: '0' }), // not annual: left out
    ];
    expect(toNumber(indicatorProgress(lines)!, 1)).toBe(0.6);
  });

  it('weights each line by its weight (分值)', () => {
    const lines = [
      line({ rowId: 'a', actualToDate: '100', weight: 30 }),
      line({ rowId: 'b', actualToDate: '20', weight: 10 }),
      line({ rowId: 'c', actualToDate: '0', weight: 0 }), // weight 0: left out
    ];
    // (30 × 100 % + 10 × 20 %) ÷ 40 = 80 %, where the plain mean would be 60 %.
    expect(toNumber(indicatorProgress(lines)!, 3)).toBe(0.8);
    expect(indicatorProgress([line({ weight: 0 })])).toBeUndefined();
    // Lines made before weights were copied count alike.
    expect(
      toNumber(
        indicatorProgress([
          line({ actualToDate: '100', weight: undefined }),
          line({ actualToDate: '0', weight: undefined }),
        ])!,
        3,
      ),
    ).toBe(0.5);
  });

  it('rounds half up, exactly', () => {
    expect(toNumber(ratio(399_999, 1_000_000), 3)).toBe(0.4);
    expect(toNumber(ratio(399_999, 1_000_000), 3, 'down')).toBe(0.399);
    expect(toNumber(ratio(100_001, 1_000_000), 3, 'up')).toBe(0.101);
    expect(toNumber(ratio(-1, 3), 2)).toBe(-0.33);
    expect(toNumber(ratio(1, 2), 0)).toBe(1);
    expect(roundHalfUp(ratio(2855, 10_000), 3)).toEqual(ratio(286, 1000));
    expect(roundHalfUp(ratio(2854, 10_000), 3)).toEqual(ratio(285, 1000));
    expect(percentFigure(ratio(181, 365))).toBe(49.6);
    expect(percentText(40)).toBe('40.0');
    expect(percentText(39.9999)).toBe('39.9999');
    expect(percentText(0.00000001)).toBe('0.00000001');
  });

  it('warns when indicator progress and budget execution differ by more than 10 points', () => {
    const at = (actual: string) => assess({ ...base, lines: [line({ actualToDate: actual })] }, t);
    expect(at('60').warnings.filter((w) => w.scope === 'DIVERGENCE')).toEqual([]); // exactly 10
    const diverging = at('60.01');
    expect(diverging.warnings.filter((w) => w.scope === 'DIVERGENCE').map((w) => w.colour)).toEqual(['YELLOW']);
    expect(diverging.colour).toBe('YELLOW');
    // Found: "60 % … 50 % 相差 10.1": now the printed figures add up and stay above the threshold.
    expect(warningText(diverging.warnings.find((w) => w.scope === 'DIVERGENCE')!, 'zh-CN')).toBe(
      '目标完成进度 60.01% 与预算执行进度 50.0% 相差 10.01 个百分点（超过 10 个百分点）',
    );
    expect(diverging).toMatchObject({ executionRatePct: 50, indicatorProgressPct: 60.01 });
    expect(at('70').warnings.find((w) => w.scope === 'DIVERGENCE')?.params).toMatchObject({ difference: 20 });
    // Behind as much as ahead.
    expect(
      at('39.99')
        .warnings.filter((w) => w.scope === 'DIVERGENCE')
        .map((w) => w.colour),
    ).toEqual(['YELLOW']);
  });

  it('colours the report by its worst warning and each line by its own', () => {
    const result = assess(
      {
        ...base,
        executed: { fiscal: 300_000, carryOver: 0, other: 0 },
        lines: [
          line({ rowId: 'a', actualToDate: '30' }),
          line({ rowId: 'b', actualToDate: '30', likelihood: 'POSSIBLE', forecastYearEnd: '95' }),
          line({ rowId: 'c', actualToDate: '', likelihood: null, forecastYearEnd: '' }),
        ],
      },
      t,
    );
    expect(result).toMatchObject({
      colour: 'RED',
      budgetColour: 'RED',
      executionRatePct: 30,
      timeProgressPct: 49.6,
      indicatorProgressPct: 30,
      indicatorColours: { a: 'GREEN', b: 'YELLOW', c: null },
    });
  });
});
