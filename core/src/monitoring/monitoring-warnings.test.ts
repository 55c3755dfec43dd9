import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ratio, toNumber } from '#core/monitoring/exact-ratio.ts';
import { colourRank, defaultThresholds, type MonitoringThresholds } from '#core/monitoring/monitoring-config.ts';
import {
  assess,
  budgetWarnings,
  checkpointFor,
  forecastShortfall,
  indicatorProgress,
  indicatorWarnings,
  warningText,
} from '#core/monitoring/monitoring-warnings.ts';
import { sampleReportLine } from '#core/monitoring/report-line.ts';

const t = defaultThresholds;
const colourOf = (budget: number, executed: number, month: number, thresholds: MonitoringThresholds = t) =>
  budgetWarnings(budget, executed, month, thresholds).reduce<string>(
    (c, w) => (colourRank(w.colour) > colourRank(c as 'GREEN') ? w.colour : c),
    'GREEN',
  );

const line = sampleReportLine;

describe('budget execution warning (§6.7)', () => {
  it('takes the latest checkpoint at or before the month', () => {
    expect(checkpointFor(t, 3)).toBeUndefined();
    expect(checkpointFor(t, 4)?.minRatePct).toBe(25);
    expect(checkpointFor(t, 7)?.minRatePct).toBe(40);
    expect(checkpointFor(t, 12)?.minRatePct).toBe(80);
  });

  it('is red just below the June checkpoint of 40 % and not at it', () => {
    // Time progress in June is 50 %: 40 % is 10 points behind (not more), so no yellow either.
    expect(colourOf(1_000_000, 399_999, 6)).toBe('RED');
    expect(colourOf(1_000_000, 400_000, 6)).toBe('GREEN');
    expect(colourOf(1_000_000, 400_001, 6)).toBe('GREEN');
    const [red] = budgetWarnings(1_000_000, 399_999, 6, t);
    expect(red).toMatchObject({ code: 'budget_below_checkpoint', params: { month: 6, threshold: 40 } });
    expect(warningText(red!, 'zh-CN')).toBe('执行率 39.9% 低于 6 月末检查点 40%');
  });

  it('is red at each default checkpoint just below its rate', () => {
    for (const { month, minRatePct } of t.budgetCheckpoints) {
      const budget = 10_000;
      const at = minRatePct * 100;
      expect(budgetWarnings(budget, at - 1, month, t).some((w) => w.code === 'budget_below_checkpoint')).toBe(true);
      expect(budgetWarnings(budget, at, month, t).some((w) => w.code === 'budget_below_checkpoint')).toBe(false);
    }
  });

  it('is yellow when more than 10 points behind time progress, red when more than 20', () => {
    // March: time progress 25 %, no checkpoint yet.
    const budget = 1_200_000;
    expect(colourOf(budget, 180_000, 3)).toBe('GREEN'); // 15 %: exactly 10 behind
    expect(colourOf(budget, 179_999, 3)).toBe('YELLOW');
    expect(colourOf(budget, 60_000, 3)).toBe('YELLOW'); // 5 %: exactly 20 behind
    expect(colourOf(budget, 59_999, 3)).toBe('RED');
    const [yellow] = budgetWarnings(budget, 120_000, 3, t);
    expect(warningText(yellow!, 'zh-CN')).toBe('执行率 10% 落后序时进度 25% 达 15 个百分点（超过 10 个百分点）');
    expect(warningText(yellow!, 'en')).toBe('Execution 10% is 15 points behind time progress 25% (more than 10)');
  });

  it('compares exactly where floating point would not (one third of a year, 1/3 of the money)', () => {
    // April: 33.33…% time; checkpoint 25 %. Execution 23.333…% is exactly 10 points behind.
    const budget = 3_000_000;
    expect(colourOf(budget, 700_000, 4)).toBe('RED'); // below 25 %
    const custom = { ...t, budgetCheckpoints: [] };
    expect(colourOf(budget, 700_000, 4, custom)).toBe('GREEN');
    expect(colourOf(budget, 699_999, 4, custom)).toBe('YELLOW');
  });

  it('says nothing about a project without a budget', () => {
    expect(budgetWarnings(0, 0, 6, t)).toEqual([]);
  });

  it('property: spending more never makes the budget warning redder', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 12 }),
        (budget, a, b, month) => {
          const [less, more] = [Math.floor(budget * Math.min(a, b)), Math.floor(budget * Math.max(a, b))];
          return (
            colourRank(colourOf(budget, more, month) as 'RED') <= colourRank(colourOf(budget, less, month) as 'RED')
          );
        },
      ),
    );
  });

  it('property: the same execution later in the year is never greener', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 11 }),
        (budget, share, month) => {
          const executed = Math.floor(budget * share);
          return (
            colourRank(colourOf(budget, executed, month + 1) as 'RED') >=
            colourRank(colourOf(budget, executed, month) as 'RED')
          );
        },
      ),
    );
  });
});

describe('target completion warning (§5.4, §6.7)', () => {
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
    expect(warningText(red!, 'zh-CN')).toBe('改造小区数量：全年预计 80个，偏离目标值 100个 达 20%（超过 10%）');
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

  it('shows figures on the side of the threshold they are on', () => {
    expect(toNumber(ratio(399_999, 1_000_000), 3)).toBe(0.4);
    expect(toNumber(ratio(399_999, 1_000_000), 3, 'down')).toBe(0.399);
    expect(toNumber(ratio(100_001, 1_000_000), 3, 'up')).toBe(0.101);
    expect(toNumber(ratio(-1, 3), 2)).toBe(-0.33);
    expect(toNumber(ratio(1, 2), 0)).toBe(1);
  });

  it('warns when indicator progress and budget execution differ by more than 10 points', () => {
    const at = (actual: string) => assess({ ...base, lines: [line({ actualToDate: actual })] }, t);
    expect(at('60').warnings.filter((w) => w.scope === 'DIVERGENCE')).toEqual([]); // exactly 10
    const diverging = at('60.01');
    expect(diverging.warnings.filter((w) => w.scope === 'DIVERGENCE').map((w) => w.colour)).toEqual(['YELLOW']);
    expect(diverging.colour).toBe('YELLOW');
    expect(warningText(diverging.warnings.find((w) => w.scope === 'DIVERGENCE')!, 'zh-CN')).toBe(
      '目标完成进度 60% 与预算执行进度 50% 相差 10.1 个百分点（超过 10 个百分点）',
    );
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
      timeProgressPct: 50,
      indicatorProgressPct: 30,
      indicatorColours: { a: 'GREEN', b: 'YELLOW', c: null },
    });
  });
});
