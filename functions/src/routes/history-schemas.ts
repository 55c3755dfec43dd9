import { auditEntry } from '@jixiao/core/audit.ts';
import { pageOf, pageQuery } from '@jixiao/core/schema-parts.ts';
import * as v from 'valibot';
import { historyPageLimit } from '#functions/ports/record-store.ts';

/**
 * Query of every `…/{id}/history` route: a page of 1 to 100 audit entries (100 unless asked), and
 * the `cursor` the previous page gave, paged like a list (docs/architecture.md#one-table).
 */
export const historyQuery = v.strictObject({
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, 'integer'),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(historyPageLimit),
    ),
    String(historyPageLimit),
  ),
  cursor: pageQuery.cursor,
});

/** A page of audit entries, newest first; `nextCursor` until the oldest has been given. */
export const historyResponse = {
  status: 200,
  description: 'A page of audit entries, newest first',
  schema: pageOf(auditEntry),
} as const;
