import * as v from 'valibot';
import { anyId, pageQuery, recordMeta, recordStatus, text, uuidV7Id, version } from '#core/schema-parts.ts';

/** A budget department (部门 / 一级预算单位, docs/domain/README.md#the-tenant), grouped in one of three series. */
export const departmentSeries = ['GOVERNMENT', 'PARTY_MASS', 'STREET_PARK'] as const;
export type DepartmentSeries = (typeof departmentSeries)[number];

const fields = {
  code: v.pipe(v.string(), v.trim(), v.regex(/^[0-9A-Za-z]{3,21}$/, 'department_code')),
  name: text(2, 60),
  series: v.picklist(departmentSeries),
  /** The business section of the finance bureau that covers (归口) this department. */
  financeSectionId: anyId,
  isFinanceBureau: v.boolean(),
};

export const createDepartment = v.strictObject({
  id: uuidV7Id,
  ...fields,
  isFinanceBureau: v.optional(fields.isFinanceBureau, false),
});
export const updateDepartment = v.strictObject({
  version,
  code: v.optional(fields.code),
  name: v.optional(fields.name),
  series: v.optional(fields.series),
  financeSectionId: v.optional(fields.financeSectionId),
  isFinanceBureau: v.optional(fields.isFinanceBureau),
  status: v.optional(v.picklist(recordStatus)),
});
export const department = v.object({ ...recordMeta, ...fields });
export const departmentQuery = v.strictObject({
  ...pageQuery,
  series: v.optional(v.picklist(departmentSeries)),
  financeSectionId: v.optional(anyId),
});

export type Department = v.InferOutput<typeof department>;
export type CreateDepartment = v.InferOutput<typeof createDepartment>;
