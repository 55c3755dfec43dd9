import * as v from 'valibot';
import { anyId, pageQuery, recordMeta, recordStatus, text, uuidV7Id, version } from '#core/schema-parts.ts';

/** A basic budget unit (预算单位, `agency_code` in 一体化 naming) under a department. */
export const unitTypes = ['ADMINISTRATIVE', 'PUBLIC_INSTITUTION', 'STATE_ENTERPRISE', 'OTHER'] as const;
export type UnitType = (typeof unitTypes)[number];

const fields = {
  code: v.pipe(v.string(), v.trim(), v.regex(/^[0-9A-Za-z]{3,21}$/, 'unit_code')),
  name: text(2, 80),
  departmentId: anyId,
  unitType: v.picklist(unitTypes),
};

export const createUnit = v.strictObject({ id: uuidV7Id, ...fields });
export const updateUnit = v.strictObject({
  version,
  code: v.optional(fields.code),
  name: v.optional(fields.name),
  departmentId: v.optional(fields.departmentId),
  unitType: v.optional(fields.unitType),
  status: v.optional(v.picklist(recordStatus)),
});
export const unit = v.object({ ...recordMeta, ...fields });
export const unitQuery = v.strictObject({ ...pageQuery, departmentId: v.optional(anyId) });

export type Unit = v.InferOutput<typeof unit>;
export type CreateUnit = v.InferOutput<typeof createUnit>;
