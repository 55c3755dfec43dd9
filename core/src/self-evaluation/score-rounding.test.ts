import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ratio } from '#core/monitoring/exact-ratio.ts';
import {
  executionRateUsed,
  roundScore,
  type ScoreRounding,
  scoreFigure,
  scoreText,
} from '#core/self-evaluation/score-rounding.ts';

const rule = (decimals: 0 | 1 | 2, mode: 'HALF_UP' | 'FLOOR' = 'HALF_UP', rateFirst = false): ScoreRounding => ({
  decimals,
  mode,
  rateFirst,
});
const parts = (r: { n: bigint; d: bigint }) => [r.n, r.d];

describe('the score rounding rule', () => {
  it('rounds half up to the year’s decimals', () => {
    expect(parts(roundScore(ratio(86, 9), rule(2)))).toEqual([239n, 25n]);
    expect(scoreFigure(ratio(86, 9), rule(2))).toBe(9.56);
    expect(scoreFigure(ratio(86, 9), rule(1))).toBe(9.6);
    expect(scoreFigure(ratio(86, 9), rule(0))).toBe(10);
    expect(scoreFigure(ratio(1, 200), rule(2))).toBe(0.01);
    expect(scoreFigure(ratio(29, 2), rule(0))).toBe(15);
  });

  it('or down', () => {
    expect(parts(roundScore(ratio(86, 9), rule(2, 'FLOOR')))).toEqual([191n, 20n]);
    expect(scoreFigure(ratio(86, 9), rule(2, 'FLOOR'))).toBe(9.55);
    expect(scoreFigure(ratio(86, 9), rule(0, 'FLOOR'))).toBe(9);
    expect(scoreFigure(ratio(1999, 200), rule(1, 'FLOOR'))).toBe(9.9);
    expect(scoreFigure(ratio(10), rule(0, 'FLOOR'))).toBe(10);
    expect(parts(roundScore(ratio(-1, 3), rule(0, 'FLOOR')))).toEqual([-1n, 1n]);
    expect(parts(roundScore(ratio(-1, 1), rule(0, 'FLOOR')))).toEqual([-1n, 1n]);
  });

  it('prints exactly the year’s decimals', () => {
    expect(scoreText(9.2, rule(2))).toBe('9.20');
    expect(scoreText(15, rule(2))).toBe('15.00');
    expect(scoreText(9.6, rule(1))).toBe('9.6');
    expect(scoreText(9, rule(0))).toBe('9');
  });

  it('rounds the execution rate to a whole percent first only when the year says so', () => {
    expect(parts(executionRateUsed(ratio(9249, 10000), rule(2)))).toEqual([9249n, 10000n]);
    expect(parts(executionRateUsed(ratio(9249, 10000), rule(2, 'HALF_UP', true)))).toEqual([23n, 25n]);
    expect(parts(executionRateUsed(ratio(925, 1000), rule(2, 'FLOOR', true)))).toEqual([93n, 100n]);
  });

  it('is idempotent and moves a score by less than one step', () => {
    const rounding = fc.record({
      decimals: fc.constantFrom(0 as const, 1 as const, 2 as const),
      mode: fc.constantFrom('HALF_UP' as const, 'FLOOR' as const),
      rateFirst: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 10_000 }), rounding, (n, d, r) => {
        const once = roundScore(ratio(n, d), r);
        expect(roundScore(once, r)).toEqual(once);
        expect(Math.abs(Number(once.n) / Number(once.d) - n / d)).toBeLessThan(10 ** -r.decimals + 1e-9);
        expect(scoreText(scoreFigure(ratio(n, d), r), r).split('.')[1]?.length ?? 0).toBe(r.decimals);
      }),
    );
  });
});
