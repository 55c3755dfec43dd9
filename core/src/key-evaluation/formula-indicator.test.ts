import { describe, expect, it } from 'vitest';
import {
  defaultRules,
  type FormulaInput,
  formulaRate,
  formulaScore,
  suggestedFormula,
} from '#core/key-evaluation/formula-indicator.ts';
import { type Ratio, ratio } from '#core/monitoring/exact-ratio.ts';

const input = (
  formula: FormulaInput['formula'],
  numerator: string,
  denominator: string,
  rule = defaultRules[formula],
) => ({ formula, numerator, denominator, rule }) satisfies FormulaInput;

const pointsOf = (i: FormulaInput, points: number): Ratio => {
  const r = formulaScore(i, points);
  if (!r.computable) throw new Error(r.code);
  return r.points;
};

describe('formula indicators (10号 framework annex)', () => {
  it('资金到位率 = received ÷ budget × 100; full at 100 %, 0.1 off per point below', () => {
    const i = input('FUNDS_RECEIVED', '950000', '1000000');
    expect(formulaRate(i)).toEqual(ratio(95));
    // 5 − (100 − 95) × 0.1 = 4.5
    expect(pointsOf(i, 5)).toEqual(ratio(9, 2));
    expect(pointsOf(input('FUNDS_RECEIVED', '1000000', '1000000'), 5)).toEqual(ratio(5));
  });

  it('预算执行率 is over the funds received, not the budget', () => {
    // 855,000 spent of 900,000 received: exactly 95 % although the budget was 1,000,000
    const exact = input('BUDGET_EXECUTION', '855000', '900000');
    expect(formulaRate(exact)).toEqual(ratio(95));
    expect(pointsOf(exact, 10)).toEqual(ratio(10));
  });

  it('exactly at the threshold is full marks; a hair below loses exactly its share', () => {
    const rule = { kind: 'THRESHOLD', fullAt: '95', perPercent: '0.5' } as const;
    expect(pointsOf(input('BUDGET_EXECUTION', '95', '100', rule), 10)).toEqual(ratio(10));
    // 94.99 %: 0.01 points below × 0.5 = 0.005 off
    expect(pointsOf(input('BUDGET_EXECUTION', '94.99', '100', rule), 10)).toEqual(ratio(19_990, 2000));
    // 850,000 ÷ 900,000 = 94 4/9 %: (5/9) × 0.2 = 1/9 off 10 → 89/9
    expect(pointsOf(input('BUDGET_EXECUTION', '850000', '900000'), 10)).toEqual(ratio(89, 9));
  });

  it('a threshold rule never goes below 0', () => {
    const rule = { kind: 'THRESHOLD', fullAt: '95', perPercent: '1' } as const;
    expect(pointsOf(input('BUDGET_EXECUTION', '10', '100', rule), 10)).toEqual(ratio(0));
  });

  it('proportional: points × rate ÷ 100, capped at the points', () => {
    expect(pointsOf(input('OUTPUT_COMPLETION', '90', '100'), 10)).toEqual(ratio(9));
    expect(pointsOf(input('OUTPUT_COMPLETION', '120', '100'), 10)).toEqual(ratio(10));
    // 2 of 3 on time, 6 points: 4
    expect(pointsOf(input('TIMELINESS', '2', '3'), 6)).toEqual(ratio(4));
    const r = formulaScore(input('TIMELINESS', '2', '3'), 6);
    expect(r.computable && r.rateFigure).toBe(66.67);
    // 质量达标率 = up to standard ÷ actual output
    expect(pointsOf(input('QUALITY', '47', '50'), 5)).toEqual(ratio(47, 10));
  });

  it('成本节约率 = (planned − actual) ÷ planned: a saving is full marks, an overrun loses per point', () => {
    const saving = input('COST_SAVING', '90', '100');
    expect(formulaRate(saving)).toEqual(ratio(10));
    expect(pointsOf(saving, 5)).toEqual(ratio(5));
    expect(pointsOf(input('COST_SAVING', '100', '100'), 5)).toEqual(ratio(5));
    const overrun = input('COST_SAVING', '103', '100');
    expect(formulaRate(overrun)).toEqual(ratio(-3));
    expect(pointsOf(overrun, 5)).toEqual(ratio(2));
  });

  it('a zero denominator is not computable, never NaN', () => {
    expect(formulaScore(input('QUALITY', '5', '0'), 5)).toEqual({
      computable: false,
      code: 'formula_zero_denominator',
    });
    expect(formulaScore(input('COST_SAVING', '0', '0.00'), 5)).toEqual({
      computable: false,
      code: 'formula_zero_denominator',
    });
    expect(formulaScore(input('QUALITY', 'x', '1'), 5)).toEqual({ computable: false, code: 'formula_figure_invalid' });
  });

  it('suggests the formula from the indicator name', () => {
    expect(suggestedFormula('资金到位率')).toBe('FUNDS_RECEIVED');
    expect(suggestedFormula('预算执行率')).toBe('BUDGET_EXECUTION');
    expect(suggestedFormula('重点工作完成率')).toBe('OUTPUT_COMPLETION');
    expect(suggestedFormula('立项依据充分性')).toBeNull();
  });
});
