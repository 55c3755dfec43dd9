import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ratio } from '#core/monitoring/exact-ratio.ts';
import { gradeOf, scoreSheet } from '#core/self-evaluation/score-sheet.ts';
import { defaultScoringSettings, type ScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import type { SelfEvaluationRow } from '#core/self-evaluation/self-evaluation-row.ts';
import { exampleMoney, exampleRow, exampleRows } from '#core/self-evaluation/worked-example.ts';

const s = defaultScoringSettings;
const with_ = (over: Partial<ScoringSettings>): ScoringSettings => ({ ...s, ...over });
const sheet = (rows: SelfEvaluationRow[], settings = s, executionPoints = 10, money = exampleMoney) =>
  scoreSheet({ fiscalYear: 2026, money, rows, executionPoints }, settings);
const replace = (id: string, over: Partial<SelfEvaluationRow>) =>
  exampleRows.map((r) => (r.rowId === id ? { ...r, ...over } : r));

describe('the worked example', () => {
  it('totals 90.87, 优', () => {
    const result = sheet(exampleRows);
    expect(result).toMatchObject({
      sum: 90.87,
      total: 90.87,
      totalExact: ratio(9087, 100),
      applicablePoints: 100,
      rescaled: false,
      complete: true,
      grade: 'EXCELLENT',
    });
    expect(result.execution.score).toBe(9.2);
    expect(result.rows.map((r) => r.score)).toEqual([14.61, 15, 10.5, 5, 27, 9.56]);
    expect(result.derivation).toEqual({
      'zh-CN': '9.20 + 14.61 + 15.00 + 10.50 + 5.00 + 27.00 + 9.56 = 90.87，优',
      en: '9.20 + 14.61 + 15.00 + 10.50 + 5.00 + 27.00 + 9.56 = 90.87: Excellent',
    });
  });

  it('adds rows rounded first, whole points when the year says so', () => {
    const whole = sheet(
      replace('timeliness', { tierScore: '10' }),
      with_({ rounding: { decimals: 0, mode: 'HALF_UP', rateFirst: false } }),
    );
    // 9 + 15 + 15 + 10 + 5 + 27 + 10: each row rounded before the sum.
    expect(whole.rows.map((r) => r.score)).toEqual([15, 15, 10, 5, 27, 10]);
    expect(whole).toMatchObject({ total: 91, grade: 'EXCELLENT' });
    expect(whole.derivation['zh-CN']).toBe('9 + 15 + 15 + 10 + 5 + 27 + 10 = 91，优');
    const down = sheet(
      replace('timeliness', { tierScore: '10' }),
      with_({ rounding: { decimals: 0, mode: 'FLOOR', rateFirst: false } }),
    );
    expect(down).toMatchObject({ total: 89, grade: 'GOOD' });
  });
});

describe('rows not applicable', () => {
  it('are left out and the total rescaled to 100', () => {
    const result = sheet(replace('cost', { notApplicable: true, notApplicableReason: '无成本指标', actual: '' }));
    // (90.87 − 5) × 100 ÷ 95 = 90.389… → 90.39
    expect(result).toMatchObject({
      sum: 85.87,
      applicablePoints: 95,
      total: 90.39,
      rescaled: true,
      complete: true,
      grade: 'EXCELLENT',
    });
    expect(result.derivation).toEqual({
      'zh-CN':
        '9.20 + 14.61 + 15.00 + 10.50 + 27.00 + 9.56 = 85.87；不适用指标 5 分，折算：85.87 × 100 ÷ 95 = 90.39，优',
      en: '9.20 + 14.61 + 15.00 + 10.50 + 27.00 + 9.56 = 85.87; 5 points not applicable, rescaled: 85.87 × 100 ÷ 95 = 90.39: Excellent',
    });
  });

  it('all of them leaves only execution; nothing is rescaled once no points are left', () => {
    const rows = exampleRows.map((r) => ({ ...r, notApplicable: true }));
    const result = sheet(rows, s, 0);
    expect(result).toMatchObject({
      sum: 0,
      total: 0,
      rescaled: true,
      applicablePoints: 10,
      complete: true,
      grade: 'POOR',
    });
    expect(result.derivation['zh-CN']).toBe('0.00 = 0.00；不适用指标 90 分，折算：0.00 × 100 ÷ 10 = 0.00，差');
    expect(
      sheet(
        rows.map((r) => ({ ...r, weight: 60 })),
        s,
        0,
      ),
    ).toMatchObject({ rescaled: false, applicablePoints: -260 });
  });
});

describe('the cap and an incomplete table', () => {
  it('caps the total at 100', () => {
    const heavy = replace('social', { weight: 40, tierScore: '40' });
    const result = sheet(heavy.map((r) => ({ ...r, actual: r.rowId === 'quantity' ? '500' : r.actual })));
    expect(result.sum).toBe(104.26);
    expect(result).toMatchObject({ total: 100, totalExact: ratio(100) });
    expect(result.derivation['zh-CN']).toMatch(/ = 104\.26，以 100 分为上限，优$/u);
    expect(result.derivation.en).toMatch(/ = 104\.26, capped at 100: Excellent$/u);
  });

  it('does not call a total of exactly 100 capped', () => {
    const full = exampleRows.map((r) => ({ ...r, actual: r.targetValue === '500' ? '500' : r.actual }));
    const perfect = full.map((r) =>
      r.rowId === 'timeliness'
        ? { ...r, tierScore: '15', tier: 'ACHIEVED' as const }
        : r.rowId === 'social'
          ? { ...r, tierScore: '30' }
          : r.rowId === 'satisfaction'
            ? { ...r, actual: '90' }
            : r,
    );
    const result = sheet(perfect, s, 10, [
      { source: 'FISCAL', initialBudgetFen: 1, annualBudgetFen: 1, executedFen: 1 },
    ]);
    expect(result.total).toBe(100);
    expect(result.derivation['zh-CN']).toBe('10.00 + 15.00 + 15.00 + 15.00 + 5.00 + 30.00 + 10.00 = 100.00，优');
  });

  it('rescales nothing when every point is not applicable', () => {
    const rows = [exampleRow({ rowId: 'all', targetValue: '1', weight: 100, actual: '1', notApplicable: true })];
    expect(sheet(rows, s, 0)).toMatchObject({ rescaled: false, applicablePoints: 0, total: 0 });
  });

  it('has a running total and no grade while a row or the execution is not scored', () => {
    const open = sheet(replace('timeliness', { tierScore: null }));
    expect(open).toMatchObject({ sum: 80.37, total: 80.37, complete: false, grade: null });
    expect(open.derivation['zh-CN']).toBe(
      '9.20 + 14.61 + 15.00 + 5.00 + 27.00 + 9.56 = 80.37（尚有 1 项未评分，暂不评级）',
    );
    expect(open.derivation.en).toBe('9.20 + 14.61 + 15.00 + 5.00 + 27.00 + 9.56 = 80.37 (1 not scored yet: no grade)');
    const noMoney = sheet(exampleRows, s, 10, []);
    expect(noMoney).toMatchObject({ complete: false, grade: null, sum: 81.67 });
    expect(noMoney.derivation.en).toMatch(/\(1 not scored yet: no grade\)$/u);
    expect(sheet([], s, 10, []).derivation['zh-CN']).toBe('0 = 0.00（尚有 1 项未评分，暂不评级）');
  });
});

describe('grades', () => {
  it('follow 90/80/60 by default, inclusive', () => {
    expect([100, 90, 89.99, 80, 79.99, 60, 59.99, 0].map((t) => gradeOf(t, s))).toEqual([
      'EXCELLENT',
      'EXCELLENT',
      'GOOD',
      'GOOD',
      'FAIR',
      'FAIR',
      'POOR',
      'POOR',
    ]);
  });

  it('follow the year’s bands', () => {
    const local = with_({ excellentMin: 85, goodMin: 75, fairMin: 50 });
    expect([85, 84.99, 75, 74.99, 50, 49.99].map((t) => gradeOf(t, local))).toEqual([
      'EXCELLENT',
      'GOOD',
      'GOOD',
      'FAIR',
      'FAIR',
      'POOR',
    ]);
  });
});

describe('properties', () => {
  const rowArb = fc.record({
    operator: fc.constantFrom('GTE' as const, 'LTE' as const, 'EQ' as const),
    target: fc.integer({ min: 1, max: 1000 }),
    actual: fc.integer({ min: 0, max: 3000 }),
    weight: fc.integer({ min: 1, max: 40 }),
    notApplicable: fc.boolean(),
  });
  const rounding = fc.record({
    decimals: fc.constantFrom(0 as const, 1 as const, 2 as const),
    mode: fc.constantFrom('HALF_UP' as const, 'FLOOR' as const),
    rateFirst: fc.boolean(),
  });

  it('the total stays within 0–100, rescaled or not, and is rounded by the rule', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 8 }),
        fc.integer({ min: 0, max: 200 }),
        rounding,
        (specs, executed, r) => {
          const rows = specs.map((x, i) =>
            exampleRow({
              rowId: `r${i}`,
              operator: x.operator,
              targetValue: String(x.target),
              weight: x.weight,
              actual: String(x.actual),
              notApplicable: x.notApplicable,
            }),
          );
          const money = [
            { source: 'FISCAL' as const, initialBudgetFen: 100, annualBudgetFen: 100, executedFen: executed },
          ];
          const result = scoreSheet({ fiscalYear: 2026, money, rows, executionPoints: 10 }, with_({ rounding: r }));
          expect(result.total).toBeGreaterThanOrEqual(0);
          expect(result.total).toBeLessThanOrEqual(100);
          expect(result.total.toFixed(r.decimals)).toBe(String(result.total.toFixed(r.decimals)));
          expect(Number(result.total.toFixed(r.decimals))).toBe(result.total);
        },
      ),
    );
  });
});
