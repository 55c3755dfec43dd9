import { describe, expect, it } from 'vitest';
import { recommendedAmount, resultMeasureCodes } from '#core/results-application/result-measure.ts';

describe('recommendedAmount (next year, fen, exact)', () => {
  const amount = 1_234_567_89; // 1,234,567.89 元

  it('keeps the amount for support, keep, policy, merge and referral', () => {
    for (const measure of ['SUPPORT', 'KEEP', 'ADJUST_POLICY', 'MERGE_PROJECT', 'ACCOUNTABILITY_REFERRAL'] as const) {
      expect(recommendedAmount(amount, { measure })).toBe(amount);
    }
  });

  it('gives nothing after a stop, a suspension, a recovery or until rectified', () => {
    for (const measure of ['STOP', 'SUSPEND', 'RECOVER_FUNDS', 'NO_FUNDING_UNTIL_RECTIFIED'] as const) {
      expect(recommendedAmount(amount, { measure })).toBe(0);
    }
  });

  it('cuts a percentage exactly, rounding once half up to the fen', () => {
    // 12,345 × 0.9 = 11,110.5 → 11,111; 12,344 × 0.9 = 11,109.6 → 11,110; 12,341 × 0.9 = 11,106.9 → 11,107
    expect(recommendedAmount(12_345, { measure: 'REDUCE_PCT', pct: 10 })).toBe(11_111);
    expect(recommendedAmount(12_344, { measure: 'REDUCE_PCT', pct: 10 })).toBe(11_110);
    expect(recommendedAmount(12_341, { measure: 'REDUCE_PCT', pct: 10 })).toBe(11_107);
    // 5,000,000 元 cut by 20 % = 4,000,000 元
    expect(recommendedAmount(500_000_000, { measure: 'REDUCE_PCT', pct: 20 })).toBe(400_000_000);
    // 0.1 + 0.2 in floats is not 0.3: 10.25 % of 10,000 fen is 1,025 exactly, leaving 8,975
    expect(recommendedAmount(10_000, { measure: 'REDUCE_PCT', pct: 10.25 })).toBe(8_975);
    // 33.33 % of 3 fen: 3 × 0.6667 = 2.0001 → 2
    expect(recommendedAmount(3, { measure: 'REDUCE_PCT', pct: 33.33 })).toBe(2);
    expect(recommendedAmount(amount, { measure: 'REDUCE_PCT', pct: 100 })).toBe(0);
    // 1e13 fen (the schema's maximum) stays exact: 9e12
    expect(recommendedAmount(1e13, { measure: 'REDUCE_PCT', pct: 10 })).toBe(9e12);
  });

  it('cuts an amount, never below zero', () => {
    expect(recommendedAmount(1_000_00, { measure: 'REDUCE_AMOUNT', amountFen: 250_00 })).toBe(750_00);
    expect(recommendedAmount(1_000_00, { measure: 'REDUCE_AMOUNT', amountFen: 2_000_00 })).toBe(0);
  });

  it('knows the eleven measures of practice', () => {
    expect(resultMeasureCodes).toHaveLength(11);
  });
});
