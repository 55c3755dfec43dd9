import { describe, expect, it } from 'vitest';
import { describeCosts, isOutlier, quantile, sortRatios } from '#core/cost-analysis/cost-statistics.ts';
import { parseDecimal, type Ratio, ratio } from '#core/monitoring/exact-ratio.ts';

const r = (text: string): Ratio => parseDecimal(text) as Ratio;
const rs = (...texts: string[]) => texts.map(r);

describe('the distribution of unit costs (hand-computed, as Excel QUARTILE.INC gives them)', () => {
  it('1…10: quartiles 3.25 and 7.75, median and mean 5.5, fences −3.5 and 14.5', () => {
    const d = describeCosts(Array.from({ length: 10 }, (_, i) => ratio(i + 1)));
    expect(d).toMatchObject({
      count: 10,
      mean: r('5.5'),
      median: r('5.5'),
      p25: r('3.25'),
      p75: r('7.75'),
      iqr: r('4.5'),
      lowerFence: r('-3.5'),
      upperFence: r('14.5'),
      min: r('1'),
      max: r('10'),
    });
  });

  it('eight property-service costs: 9.50 is beyond the upper fence 6.7375, 4.80 is inside the lower 4.6375', () => {
    const values = rs('5.7', '4.8', '9.5', '5.2', '6.1', '5.5', '5.9', '5.6');
    const d = describeCosts(values);
    expect(d.p25).toEqual(r('5.425'));
    expect(d.median).toEqual(r('5.65'));
    expect(d.p75).toEqual(r('5.95'));
    expect(d.mean).toEqual(r('6.0375'));
    expect(d.lowerFence).toEqual(r('4.6375'));
    expect(d.upperFence).toEqual(r('6.7375'));
    expect(values.filter((v) => isOutlier(v, d))).toEqual([r('9.5')]);
  });

  it('a value exactly on a fence stays in; the smallest step beyond it is out', () => {
    const fences = { lowerFence: r('4.6375'), upperFence: r('6.7375') };
    expect(isOutlier(r('6.7375'), fences)).toBe(false);
    expect(isOutlier(r('4.6375'), fences)).toBe(false);
    expect(isOutlier(r('6.73751'), fences)).toBe(true);
    expect(isOutlier(r('4.63749'), fences)).toBe(true);
  });

  it('the fence factor is configuration: with k = 3 the 9.50 is still out (fence 7.525), with k = 8 it is kept', () => {
    const values = rs('5.7', '4.8', '9.5', '5.2', '6.1', '5.5', '5.9', '5.6');
    const d = describeCosts(values, ratio(3));
    expect(d.upperFence).toEqual(r('7.525'));
    expect(isOutlier(r('9.5'), d)).toBe(true);
    expect(isOutlier(r('9.5'), describeCosts(values, ratio(8)))).toBe(false);
  });

  it('one value is its own median and quartiles; none is refused', () => {
    const d = describeCosts([r('5.66')]);
    expect([d.p25, d.median, d.p75, d.iqr]).toEqual([r('5.66'), r('5.66'), r('5.66'), ratio(0)]);
    expect(() => describeCosts([])).toThrow(RangeError);
    expect(() => quantile([], ratio(1, 2))).toThrow(RangeError);
  });

  it('quantiles at the ends are the smallest and largest values', () => {
    const sorted = sortRatios(rs('3', '1', '2'));
    expect(quantile(sorted, ratio(0))).toEqual(ratio(1));
    expect(quantile(sorted, ratio(1))).toEqual(ratio(3));
  });
});
