import * as v from 'valibot';
import { pageQuery, recordMeta, recordStatus, text, uuidV7Id, version } from '#core/schema-parts.ts';

/** A third-party agency (第三方机构) commissioned for evaluations (docs/domain/README.md#the-tenant, docs/domain/fieldwork.md#rule-11-conflict-of-interest). */
export const agencyKinds = ['CPA_FIRM', 'ASSET_APPRAISAL', 'CONSULTANCY', 'UNIVERSITY', 'OTHER'] as const;
export const creditStatuses = ['GOOD', 'WARNED', 'BLACKLISTED'] as const;
export type AgencyKind = (typeof agencyKinds)[number];

const fields = {
  name: text(2, 80),
  /** 统一社会信用代码: 18 characters from the GB 32100 alphabet. */
  creditCode: v.pipe(
    v.string(),
    v.trim(),
    v.toUpperCase(),
    v.regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, 'credit_code'),
  ),
  kind: v.picklist(agencyKinds),
  creditStatus: v.picklist(creditStatuses),
};

export const createAgency = v.strictObject({
  id: uuidV7Id,
  ...fields,
  creditStatus: v.optional(fields.creditStatus, 'GOOD'),
});
export const updateAgency = v.strictObject({
  version,
  name: v.optional(fields.name),
  creditCode: v.optional(fields.creditCode),
  kind: v.optional(fields.kind),
  creditStatus: v.optional(fields.creditStatus),
  status: v.optional(v.picklist(recordStatus)),
});
export const agency = v.object({ ...recordMeta, ...fields });
export const agencyQuery = v.strictObject({ ...pageQuery, kind: v.optional(v.picklist(agencyKinds)) });

export type Agency = v.InferOutput<typeof agency>;
export type CreateAgency = v.InferOutput<typeof createAgency>;
