import * as v from 'valibot';
import { pageQuery, recordMeta, recordStatus, text, uuidV7Id, version } from '#core/schema-parts.ts';

/** A section of the district finance bureau (财政科室, docs/domain/README.md#the-tenant). */
export const financeSectionTypes = ['BUSINESS', 'PERFORMANCE', 'BUDGET', 'TREASURY', 'REVIEW_CENTRE'] as const;
export type FinanceSectionType = (typeof financeSectionTypes)[number];

const fields = {
  code: v.pipe(v.string(), v.trim(), v.regex(/^[0-9A-Za-z]{2,21}$/, 'section_code')),
  name: text(2, 40),
  type: v.picklist(financeSectionTypes),
};

export const createFinanceSection = v.strictObject({ id: uuidV7Id, ...fields });
export const updateFinanceSection = v.strictObject({
  version,
  code: v.optional(fields.code),
  name: v.optional(fields.name),
  type: v.optional(fields.type),
  status: v.optional(v.picklist(recordStatus)),
});
export const financeSection = v.object({ ...recordMeta, ...fields });
export const financeSectionQuery = v.strictObject({ ...pageQuery, type: v.optional(v.picklist(financeSectionTypes)) });

export type FinanceSection = v.InferOutput<typeof financeSection>;
export type CreateFinanceSection = v.InferOutput<typeof createFinanceSection>;
