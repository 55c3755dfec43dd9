/**
 * Money as people type it (元 or 万元, as decimal text) and as the API keeps it (integer fen, 分).
 * The conversion works on the digits, never through floating point: "0.1" 万元 is exactly 100000
 * fen, and "1234.56" 元 exactly 123456 fen (`Number("1234.56") * 100` is 123455.99999999999).
 */
export type MoneyUnit = 'yuan' | 'wan';

/** Fen per unit, as the number of decimal places each unit may carry. */
const decimals: Record<MoneyUnit, number> = { yuan: 2, wan: 6 };

/** The schemas' cap: 10^13 fen = 1,000 亿元. */
export const maxFen = 1e13;

export type ParsedMoney = { ok: true; fen: number } | { ok: false; reason: 'format' | 'decimals' | 'too_large' };

/**
 * Reads "1,234.5", "１２３４.５" (full-width digits from a Chinese keyboard), " 12 " … in the given
 * unit. Blank text is not an amount: callers decide whether the field is required.
 */
export const parseMoney = (text: string, unit: MoneyUnit): ParsedMoney => {
  const cleaned = text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[,，\s]/g, '');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || !/\d/.test(cleaned)) return { ok: false, reason: 'format' };
  const [, whole = '', fraction = ''] = match;
  const places = decimals[unit];
  if (fraction.length > places) return { ok: false, reason: 'decimals' };
  const digits = `${whole}${fraction.padEnd(places, '0')}`.replace(/^0+(?=\d)/, '');
  if (digits.length > 14) return { ok: false, reason: 'too_large' };
  const fen = Number(digits);
  if (fen > maxFen) return { ok: false, reason: 'too_large' };
  return { ok: true, fen };
};

/** Fen as a plain decimal in the unit ("12.5" 万元), without grouping: what an input holds. */
export const fenToInput = (fen: number, unit: MoneyUnit): string => {
  const places = decimals[unit];
  const digits = String(Math.trunc(Math.abs(fen))).padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/, '');
  return `${fen < 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
};

/** Fen for reading, in 万元 with thousands grouping and every significant decimal ("1,234.5"). */
export const formatWan = (fen: number): string => {
  const plain = fenToInput(fen, 'wan');
  const [whole = '0', fraction] = plain.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
};

/** Fen for reading, in 元 with thousands grouping and its fen when there are any ("1,234,567.8"). */
export const formatYuan = (fen: number): string => {
  const plain = fenToInput(fen, 'yuan');
  const [whole = '0', fraction] = plain.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
};
