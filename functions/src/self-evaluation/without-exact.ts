/**
 * The engine's exact fractions (BigInt numerator and denominator) are for deciding; the API answers with the rounded
 * figures and the words, so every `exact` and `…Exact` field is left out of what it sends.
 */
export const withoutExact = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutExact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'exact' && !key.endsWith('Exact'))
        .map(([key, v]) => [key, withoutExact(v)]),
    );
  }
  return value;
};
