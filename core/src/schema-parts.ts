import * as v from 'valibot';
import { isUuidV7 } from '#core/ids.ts';

/** Building blocks shared by every entity schema. */

export const uuidV7Id = v.pipe(v.string(), v.check(isUuidV7, 'uuid_v7'));

/** Any id the server issues or accepts in a path or reference (v7 for new records, v4 tolerated for imports). */
export const anyId = v.pipe(
  v.string(),
  v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'uuid_v7'),
);

/**
 * A lone UTF-16 surrogate (`\ud800` sent as a JSON escape) is not text: no file name, header, XLSX
 * cell or other system can carry it, so it is refused at the door instead of stored.
 */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isWellFormedText = (s: string): boolean => !loneSurrogate.test(s);
/** The text with each lone surrogate replaced by U+FFFD, as a UTF-8 encoder would. */
export const toWellFormedText = (s: string): string => s.replace(new RegExp(loneSurrogate, 'g'), '\uFFFD');

/** Any text a person types: well-formed, trimmed, not blank when required, within its length. */
export const text = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.check(isWellFormedText, 'well_formed'),
    v.trim(),
    v.check((s) => min === 0 || s.length > 0, 'not_blank'),
    v.minLength(min),
    v.maxLength(max),
  );

/**
 * A calendar day as `YYYY-MM-DD` (deadlines, data dates, due dates) that exists: valibot's format check alone takes
 * 2027-04-31 and 2027-02-30.
 */
export const isoDate = v.pipe(
  v.string(),
  v.check((day) => {
    const at = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
    return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === day;
  }, 'iso_date'),
);

export const version = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));

/** The path parameters of a setting kept per fiscal year (target weights, monitoring thresholds). */
export const fiscalYearParams = v.strictObject({
  fiscalYear: v.pipe(
    v.string(),
    v.regex(/^\d{4}$/, 'fiscal_year'),
    v.transform(Number),
    v.minValue(2000, 'fiscal_year'),
    v.maxValue(2100, 'fiscal_year'),
  ),
});
/** The version a yearly setting is saved against: 0 while the year still uses the defaults. */
export const settingsVersion = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

export const recordStatus = ['active', 'inactive'] as const;
export type RecordStatus = (typeof recordStatus)[number];

/** Columns every stored, mutable record carries. */
export const recordMeta = {
  id: anyId,
  version,
  status: v.picklist(recordStatus),
  createdAt: v.string(),
  updatedAt: v.string(),
  createdBy: v.string(),
  updatedBy: v.string(),
};

/** Query parameters of every list endpoint. Query strings arrive as text; limits are capped. */
export const pageQuery = {
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'integer'), v.transform(Number), v.minValue(1), v.maxValue(100)),
    '20',
  ),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(2000, 'cursor'), v.regex(/^[A-Za-z0-9_-]+$/, 'cursor'))),
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(60))),
  status: v.optional(v.picklist(recordStatus)),
};

export const idParams = v.strictObject({ id: anyId });

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page. Absent on the last page. */
  nextCursor?: string;
}

export const pageOf = <S extends v.GenericSchema>(item: S) =>
  v.object({ items: v.array(item), nextCursor: v.optional(v.string()) });
