import { describe, expect, it } from 'vitest';
import {
  absolute,
  add,
  compare,
  div,
  isZero,
  min,
  mul,
  parseDecimal,
  percent,
  ratio,
  roundHalfUp,
  sub,
  toNumber,
} from '#core/monitoring/exact-ratio.ts';

/**
 * The fractions every warning threshold is compared with. Each result is checked as numerator and denominator in
 * lowest terms, so a sign, a reduction or a rounding direction that goes wrong shows here and not only as a warning
 * that flips at the wrong figure.
 */
const parts = (r: { n: bigint; d: bigint }) => [r.n, r.d];

describe('a ratio', () => {
  it('is kept in lowest terms with a positive denominator', () => {
    expect(parts(ratio(6, 8))).toEqual([3n, 4n]);
    expect(parts(ratio(-6, 8))).toEqual([-3n, 4n]);
    expect(parts(ratio(6, -8))).toEqual([-3n, 4n]);
    expect(parts(ratio(-6, -8))).toEqual([3n, 4n]);
    expect(parts(ratio(0, 5))).toEqual([0n, 1n]);
    expect(parts(ratio(7))).toEqual([7n, 1n]);
    expect(parts(ratio(12n, 18n))).toEqual([2n, 3n]);
  });

  it('refuses a zero denominator', () => {
    expect(() => ratio(1, 0)).toThrow(new RangeError('division by zero'));
    expect(() => div(ratio(1), ratio(0))).toThrow(RangeError);
  });
});

describe('a decimal written by a person', () => {
  it('reads whole numbers, fractions, negatives and surrounding spaces', () => {
    expect(parts(parseDecimal('95')!)).toEqual([95n, 1n]);
    expect(parts(parseDecimal('0.3')!)).toEqual([3n, 10n]);
    expect(parts(parseDecimal('-2.50')!)).toEqual([-5n, 2n]);
    expect(parts(parseDecimal(' 12.125 ')!)).toEqual([97n, 8n]);
  });

  it('is undefined for anything else', () => {
    for (const text of ['', ' ', 'abc', '1,000', '1.', '.5', '+3', '1e3', '2027-11-30', '9月前', '1 2']) {
      expect(parseDecimal(text), text).toBeUndefined();
    }
  });
});

describe('arithmetic', () => {
  const third = ratio(1, 3);
  const half = ratio(1, 2);

  it('adds, subtracts, multiplies and divides exactly', () => {
    expect(parts(add(third, half))).toEqual([5n, 6n]);
    expect(parts(sub(third, half))).toEqual([-1n, 6n]);
    expect(parts(sub(half, third))).toEqual([1n, 6n]);
    expect(parts(mul(third, half))).toEqual([1n, 6n]);
    expect(parts(div(third, half))).toEqual([2n, 3n]);
    expect(parts(div(half, ratio(-3, 4)))).toEqual([-2n, 3n]);
    expect(parts(percent(ratio(7, 100)))).toEqual([7n, 1n]);
    // The case binary floating point gets wrong: 0.07 × 100 is exactly 7.
    expect(compare(mul(parseDecimal('0.07')!, ratio(100)), ratio(7))).toBe(0);
  });

  it('compares, takes the smaller and the absolute value, and knows zero', () => {
    expect(compare(third, half)).toBe(-1);
    expect(compare(half, third)).toBe(1);
    expect(compare(ratio(2, 4), half)).toBe(0);
    expect(compare(ratio(-1, 2), ratio(1, 3))).toBe(-1);
    expect(min(third, half)).toBe(third);
    expect(min(half, third)).toBe(third);
    expect(min(half, ratio(1, 2))).toBe(half);
    expect(parts(absolute(ratio(-3, 4)))).toEqual([3n, 4n]);
    expect(parts(absolute(ratio(3, 4)))).toEqual([3n, 4n]);
    expect(parts(absolute(ratio(0)))).toEqual([0n, 1n]);
    expect(isZero(ratio(0, 7))).toBe(true);
    expect(isZero(ratio(1, 7))).toBe(false);
    expect(isZero(ratio(-1, 7))).toBe(false);
  });
});

describe('a figure for display', () => {
  it('rounds halves up (towards plus infinity) by default, to the digits asked', () => {
    expect(toNumber(ratio(1, 3))).toBe(0.3);
    expect(toNumber(ratio(2, 3))).toBe(0.7);
    expect(toNumber(ratio(2, 3), 2)).toBe(0.67);
    expect(toNumber(ratio(2, 3), 0)).toBe(1);
    expect(toNumber(ratio(5, 100))).toBe(0.1);
    expect(toNumber(ratio(4, 100))).toBe(0);
    expect(toNumber(ratio(-1, 3))).toBe(-0.3);
    expect(toNumber(ratio(-5, 100))).toBe(0);
    expect(toNumber(ratio(-6, 100))).toBe(-0.1);
    expect(toNumber(ratio(-2, 3))).toBe(-0.7);
    expect(toNumber(ratio(7))).toBe(7);
  });

  it('rounds down or up when asked, so a figure stays on its side of a threshold', () => {
    const justBelow40 = ratio(399_999, 10_000);
    expect(toNumber(justBelow40)).toBe(40);
    expect(toNumber(justBelow40, 1, 'down')).toBe(39.9);
    expect(toNumber(justBelow40, 1, 'up')).toBe(40);
    const justAbove40 = ratio(400_001, 10_000);
    expect(toNumber(justAbove40, 1, 'down')).toBe(40);
    expect(toNumber(justAbove40, 1, 'up')).toBe(40.1);
    // Exact figures are not moved by either direction.
    expect(toNumber(ratio(401, 10), 1, 'down')).toBe(40.1);
    expect(toNumber(ratio(401, 10), 1, 'up')).toBe(40.1);
    // Negative figures: down is towards minus infinity, up towards plus infinity.
    expect(toNumber(ratio(-1, 3), 1, 'down')).toBe(-0.4);
    expect(toNumber(ratio(-1, 3), 1, 'up')).toBe(-0.3);
    expect(toNumber(ratio(-4, 10), 1, 'down')).toBe(-0.4);
  });

  it('rounds exactly, half up, keeping the result a fraction', () => {
    expect(parts(roundHalfUp(ratio(1, 3), 1))).toEqual([3n, 10n]);
    expect(parts(roundHalfUp(ratio(25, 1000), 2))).toEqual([3n, 100n]);
    expect(parts(roundHalfUp(ratio(24, 1000), 2))).toEqual([1n, 50n]);
    expect(parts(roundHalfUp(ratio(2, 3), 0))).toEqual([1n, 1n]);
    expect(parts(roundHalfUp(ratio(-1, 3), 1))).toEqual([-3n, 10n]);
    expect(parts(roundHalfUp(ratio(-25, 1000), 2))).toEqual([-1n, 50n]);
    expect(parts(roundHalfUp(ratio(-26, 1000), 2))).toEqual([-3n, 100n]);
    expect(parts(roundHalfUp(ratio(-2, 3), 0))).toEqual([-1n, 1n]);
  });
});
