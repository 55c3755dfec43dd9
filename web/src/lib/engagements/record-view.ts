/**
 * Pure helpers of the record page: the box a drawn signature sits in, and the SHA-256 check of a
 * downloaded photo against the hash the phone declared (so the bureau sees the evidence is the
 * very file taken on site).
 */

/** `M x y L x y …` → a viewBox around the strokes with a margin, or null when there is nothing to draw. */
export const signatureViewBox = (path: string, margin = 8): string | null => {
  const numbers = (path.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
  const xs = numbers.filter((_, i) => i % 2 === 0);
  const ys = numbers.filter((_, i) => i % 2 === 1);
  if (xs.length === 0 || ys.length === 0) return null;
  const minX = Math.min(...xs) - margin;
  const minY = Math.min(...ys) - margin;
  const width = Math.max(...xs) - Math.min(...xs) + 2 * margin;
  const height = Math.max(...ys) - Math.min(...ys) + 2 * margin;
  return `${minX} ${minY} ${width} ${height}`;
};

export const sha256Hex = async (bytes: ArrayBuffer): Promise<string> => {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
};

export type PhotoCheck = 'match' | 'mismatch';

export const checkPhoto = async (bytes: ArrayBuffer, declaredSha256: string): Promise<PhotoCheck> =>
  (await sha256Hex(bytes)) === declaredSha256.toLowerCase() ? 'match' : 'mismatch';

/** Metres with no false precision: 12.4 → "12", 0.6 → "0.6". */
export const formatMetres = (metres: number): string =>
  metres >= 10 ? String(Math.round(metres)) : String(Math.round(metres * 10) / 10);

/** A coordinate as the phone gave it, to the ~1 m of six decimals. */
export const formatCoordinate = (value: number): string => value.toFixed(6);

/** Share of a whole as a bar's width, 0–100, safe for an empty whole. */
export const percent = (part: number, whole: number): number =>
  whole <= 0 ? 0 : Math.min(100, Math.round((part / whole) * 100));
