/**
 * Exact fractions for threshold comparisons. A warning flips at a threshold ("below 40 %",
 * "more than 10 points behind"), so 0.07 × 100 must not come out as 7.000000000000001: amounts
 * are integer fen and indicator values are decimal strings, both turned into BigInt fractions.
 */
export interface Ratio {
  readonly n: bigint;
  /** Always positive. */
  readonly d: bigint;
}

const abs = (x: bigint) => (x < 0n ? -x : x);
const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [abs(a), abs(b)];
  while (y) [x, y] = [y, x % y];
  return x || 1n;
};

export const ratio = (n: bigint | number, d: bigint | number = 1n): Ratio => {
  let [nn, dd] = [BigInt(n), BigInt(d)];
  if (dd === 0n) throw new RangeError('division by zero');
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd);
  return { n: nn / g, d: dd / g };
};

const decimalPattern = /^(-?)(\d+)(?:\.(\d+))?$/;

/** A decimal written by a person ("95", "0.3", "-2.50"); undefined when it is not one. */
export const parseDecimal = (text: string): Ratio | undefined => {
  const match = decimalPattern.exec(text.trim());
  if (!match) return undefined;
  const [, sign, whole, fraction = ''] = match;
  const n = BigInt(`${sign}${whole}${fraction}`);
  return ratio(n, 10n ** BigInt(fraction.length));
};

export const add = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.n, a.d * b.d);
export const div = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.d, a.d * b.n);
/** Negative, zero or positive as a is below, equal to or above b. */
export const compare = (a: Ratio, b: Ratio): number => {
  const diff = a.n * b.d - b.n * a.d;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};
export const min = (a: Ratio, b: Ratio): Ratio => (compare(a, b) <= 0 ? a : b);
export const absolute = (a: Ratio): Ratio => ratio(abs(a.n), a.d);
export const isZero = (a: Ratio): boolean => a.n === 0n;
/**
 * For display only: never compare these. `down` and `up` keep a shown figure on the side of a
 * threshold it is really on (39.9999 % shows as 39.9, not as 40, when it is "below 40 %").
 */
export const toNumber = (a: Ratio, digits = 1, rounding: 'half' | 'down' | 'up' = 'half'): number => {
  const scale = 10n ** BigInt(digits);
  const n = a.n * scale;
  const floor = n >= 0n ? n / a.d : -((-n + a.d - 1n) / a.d);
  const exact = floor * a.d === n;
  const scaled =
    rounding === 'down'
      ? floor
      : rounding === 'up'
        ? exact
          ? floor
          : floor + 1n
        : n * 2n + a.d >= 0n
          ? (n * 2n + a.d) / (2n * a.d)
          : -((-(n * 2n + a.d) + 2n * a.d - 1n) / (2n * a.d));
  return Number(scaled) / Number(scale);
};
/** The same fraction in percent (× 100). */
export const percent = (a: Ratio): Ratio => mul(a, ratio(100));

/** Rounded half up (away from zero for halves of positive numbers) to `digits` decimals, still exact. */
export const roundHalfUp = (a: Ratio, digits: number): Ratio => {
  const scale = 10n ** BigInt(digits);
  const twice = a.n * scale * 2n + a.d;
  const denominator = 2n * a.d;
  const floor = twice >= 0n ? twice / denominator : -((-twice + denominator - 1n) / denominator);
  return ratio(floor, scale);
};
