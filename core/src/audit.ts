import * as v from 'valibot';

/** One audited write: who did what to which record, when, with the record before and after. */
export const auditEntry = v.object({
  at: v.string(),
  actor: v.string(),
  actorRoles: v.array(v.string()),
  action: v.picklist(['create', 'update']),
  entityType: v.string(),
  entityId: v.string(),
  requestId: v.string(),
  /** The domain action, when the write was one (e.g. `final-approve`). */
  operation: v.optional(v.string()),
  before: v.nullable(v.record(v.string(), v.unknown())),
  after: v.record(v.string(), v.unknown()),
});
export type AuditEntry = v.InferOutput<typeof auditEntry>;
