import { add, compare, div, mul, type Ratio, ratio, sub } from '#core/monitoring/exact-ratio.ts';

/**
 * The distribution of a set of unit costs (docs/domain/full-cost-analysis.md#statistics): mean,
 * median, quartiles and the 1.5 × IQR fences that mark outliers. Worked out in exact fractions, so
 * a sample sitting exactly on a fence is in or out for certain, and rounded only when shown.
 *
 * Quantiles interpolate linearly between the two nearest ranks (position (n − 1)·p counted from 0):
 * the method of Excel's PERCENTILE.INC and QUARTILE.INC, which a bureau checking the figures by hand
 * will use.
 */
export interface CostDistribution {
  count: number;
  mean: Ratio;
  median: Ratio;
  p25: Ratio;
  p75: Ratio;
  iqr: Ratio;
  lowerFence: Ratio;
  upperFence: Ratio;
  min: Ratio;
  max: Ratio;
}

/** The value at fraction `p` (0…1) of the sorted values, interpolated between neighbours. */
export const quantile = (sorted: readonly Ratio[], p: Ratio): Ratio => {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  // position h = (n − 1)·p; below it the value at floor(h), above it the next, weighted by h − floor(h)
  const h = mul(ratio(sorted.length - 1), p);
  const lower = Number(h.n / h.d);
  const weight = sub(h, ratio(lower));
  const below = sorted[lower] as Ratio;
  const above = sorted[Math.min(lower + 1, sorted.length - 1)] as Ratio;
  return add(below, mul(weight, sub(above, below)));
};

export const sortRatios = (values: readonly Ratio[]): Ratio[] => [...values].sort(compare);

/** The distribution of at least one value; `fenceFactor` is the k of Q1 − k·IQR and Q3 + k·IQR (1.5 by default). */
export const describeCosts = (values: readonly Ratio[], fenceFactor: Ratio = ratio(3, 2)): CostDistribution => {
  if (values.length === 0) throw new RangeError('no values to describe');
  const sorted = sortRatios(values);
  const sum = sorted.reduce(add, ratio(0));
  const p25 = quantile(sorted, ratio(1, 4));
  const p75 = quantile(sorted, ratio(3, 4));
  const iqr = sub(p75, p25);
  return {
    count: sorted.length,
    mean: div(sum, ratio(sorted.length)),
    median: quantile(sorted, ratio(1, 2)),
    p25,
    p75,
    iqr,
    lowerFence: sub(p25, mul(fenceFactor, iqr)),
    upperFence: add(p75, mul(fenceFactor, iqr)),
    min: sorted[0] as Ratio,
    max: sorted[sorted.length - 1] as Ratio,
  };
};

/** Outside the fences (strictly): a value exactly on a fence stays in. */
export const isOutlier = (value: Ratio, distribution: Pick<CostDistribution, 'lowerFence' | 'upperFence'>): boolean =>
  compare(value, distribution.lowerFence) < 0 || compare(value, distribution.upperFence) > 0;
