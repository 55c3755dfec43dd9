import * as v from 'valibot';
import { roles } from '#core/roles.ts';

export const health = v.object({ status: v.literal('ok'), service: v.string(), time: v.string() });

/** The signed-in person as the API sees them: claims plus names resolved from master data. */
export const me = v.object({
  subject: v.string(),
  /** The id of the person's user record: what review steps and audit entries name as `by`/`actor`. */
  userId: v.string(),
  /** The tenant, with the years it is working in (core/src/organisation/tenant-calendar.ts). */
  tenant: v.object({ id: v.string(), name: v.string(), fiscalYear: v.number(), budgetYear: v.number() }),
  displayName: v.string(),
  roles: v.array(v.picklist(roles)),
  department: v.nullable(v.object({ id: v.string(), name: v.string() })),
  unit: v.nullable(v.object({ id: v.string(), name: v.string() })),
  agency: v.nullable(v.object({ id: v.string(), name: v.string() })),
  /** The finance section a bureau reviewer works in (e.g. 教科文科); null for everyone else. */
  section: v.nullable(v.object({ id: v.string(), name: v.string() })),
});
export type Me = v.InferOutput<typeof me>;
