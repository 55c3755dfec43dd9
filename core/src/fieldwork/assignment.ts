import * as v from 'valibot';
import { anyId, isoDate, recordMeta, text, uuidV7Id } from '#core/schema-parts.ts';

/**
 * One evaluator's part of an engagement's fieldwork (docs/domain/fieldwork.md#sampling-and-assignments): the
 * sites of the sample they visit. The agency lead makes it; the evaluator's phone downloads it.
 */
export const createAssignment = v.strictObject({
  id: uuidV7Id,
  evaluatorId: anyId,
  siteIds: v.pipe(v.array(uuidV7Id), v.minLength(1, 'min_items'), v.maxLength(100, 'max_items')),
  dueDate: v.nullable(isoDate),
  note: text(0, 300),
});
export type CreateAssignment = v.InferOutput<typeof createAssignment>;

export const assignment = v.object({
  ...recordMeta,
  engagementId: v.string(),
  agencyId: v.string(),
  evaluatorId: v.string(),
  evaluatorName: v.string(),
  siteIds: v.array(v.string()),
  dueDate: v.nullable(v.string()),
  note: v.string(),
});
export type Assignment = v.InferOutput<typeof assignment>;
