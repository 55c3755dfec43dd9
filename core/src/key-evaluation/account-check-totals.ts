import { ratio } from '#core/monitoring/exact-ratio.ts';
import { percentFigure } from '#core/monitoring/percent-text.ts';

/**
 * The account check's totals (docs/domain/key-evaluation.md#the-account-check): the population, the sample, the
 * sample's coverage of the amount and the abnormal payments. Amounts are added in whole fen (exact: a payment is at
 * most 100亿元 and an engagement holds at most 5,000, below 2^53); the coverage is the one rounding rule of every
 * percentage (core/src/monitoring/percent-text.ts: the exact fraction, half up to one decimal).
 */
export interface TotalsPayment {
  amountFen: number;
  sampled: boolean;
  abnormal: boolean;
  checked: boolean;
}

export interface AccountCheckTotals {
  populationCount: number;
  populationFen: number;
  sampleCount: number;
  sampleFen: number;
  /** Sample amount ÷ population amount, in percent, one decimal; null with no payments. */
  coveragePct: number | null;
  checkedCount: number;
  abnormalCount: number;
  abnormalFen: number;
}

export const accountCheckTotals = (payments: readonly TotalsPayment[]): AccountCheckTotals => {
  const t: AccountCheckTotals = {
    populationCount: 0,
    populationFen: 0,
    sampleCount: 0,
    sampleFen: 0,
    coveragePct: null,
    checkedCount: 0,
    abnormalCount: 0,
    abnormalFen: 0,
  };
  for (const p of payments) {
    t.populationCount += 1;
    t.populationFen += p.amountFen;
    if (p.sampled) {
      t.sampleCount += 1;
      t.sampleFen += p.amountFen;
      if (p.checked) t.checkedCount += 1;
    }
    // An abnormal payment counts whether or not it is still in the sample: its problem was found.
    if (p.abnormal) {
      t.abnormalCount += 1;
      t.abnormalFen += p.amountFen;
    }
  }
  if (t.populationFen > 0) t.coveragePct = percentFigure(ratio(t.sampleFen, t.populationFen));
  return t;
};
