/**
 * How the table check reads words and numbers as people type them into a paper table: full-width
 * characters folded (NFKC), spaces and line breaks dropped, thousands separators removed.
 */
export const fold = (text: string): string => text.normalize('NFKC').replace(/[\s\u200b]+/gu, '');

/** A cell that says "nothing here": blank, a dash, a slash, 无. */
export const isDash = (text: string): boolean => /^(?:|[-—–－_/\\]+|无|空|N\/?A)$/iu.test(fold(text));

const decimal = /^-?\d+(?:\.\d+)?$/;

/** "1,234.50" → "1234.50"; undefined when the text is not a plain decimal. */
export const decimalOf = (text: string): string | undefined => {
  const t = fold(text).replace(/(\d),(?=\d{3}(?:\D|$))/gu, '$1');
  return decimal.test(t) ? t : undefined;
};

/** A decimal × 10^places, exactly, as a BigInt; undefined when it would leave a fraction. */
export const scaleDecimal = (text: string, places: number): bigint | undefined => {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const extra = fraction.slice(places);
  if (/[1-9]/.test(extra)) return undefined;
  const value = BigInt(`${whole}${fraction.slice(0, places).padEnd(places, '0')}`);
  return negative ? -value : value;
};

/** A decimal × 100 by moving the point ("0.8619" → "86.19"). */
export const hundredfold = (text: string): string => {
  const scaled = scaleDecimal(text, 2);
  if (scaled !== undefined) return String(scaled);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const int = `${whole}${fraction.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  return `${negative ? '-' : ''}${int}.${fraction.slice(2)}`;
};
