import * as v from 'valibot';

/**
 * A tenant is one fiscal region (财政区划); its id is the 9-character `mof_div_code`.
 * Every key in the table starts with it, and it only ever comes from a verified token.
 */
export const tenantId = v.pipe(v.string(), v.regex(/^\d{9}$/));

export const tenant = v.object({ id: tenantId, name: v.string(), shortName: v.string() });
export type Tenant = v.InferOutput<typeof tenant>;
