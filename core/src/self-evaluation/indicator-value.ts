import { parseDecimal, type Ratio } from '#core/monitoring/exact-ratio.ts';

/**
 * Reads a target or an actual as a number of the target's unit (docs/domain/self-evaluation.md,
 * "Scoring"). Tables write "≥95%", "≤100万元", "487 人次", "１，２００" or "不低于90%": the operator a
 * value repeats is the row's own and is dropped, full-width characters and thousands separators are
 * read, and a unit written after the number must be the target's unit. Anything else ("≥266米" for a
 * row in 公里, "达成预期指标", a blank) is not a number of the unit: undefined, never a guess.
 */
export interface Quantity {
  value: Ratio;
  /** The number as written, without sign noise ("487", "97.5"), for the derivation text. */
  text: string;
}

const compact = (s: string) => s.normalize('NFKC').replace(/\s+/gu, '');
const leadingOperator =
  /^(?:>=|<=|≥|≤|>|<|==|=|不低于|不少于|不小于|不高于|不超过|不大于|大于等于|小于等于|大于|小于|达到)/u;
const thousands = /(\d),(?=\d{3}(?:\D|$))/gu;
const numberThenUnit = /^(-?\d+(?:\.\d+)?)(.*)$/u;

export const parseQuantity = (written: string, unit: string): Quantity | undefined => {
  const text = compact(written).replace(leadingOperator, '').replace(thousands, '$1');
  const match = numberThenUnit.exec(text);
  if (!match) return undefined;
  const [digits, suffix] = [match[1] as string, match[2] as string];
  if (suffix !== '' && suffix !== compact(unit)) return undefined;
  const value = parseDecimal(digits);
  return value && { value, text: digits };
};

/** Points as stored (a number such as 15 or 7.5) as an exact fraction. */
export const pointsRatio = (points: number): Ratio => {
  const value = parseDecimal(String(points));
  if (!value) throw new RangeError(`points ${points}`);
  return value;
};
