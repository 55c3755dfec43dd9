import { stepNotifications } from '@jixiao/core/daily-work/step-notifications.ts';
import { mailPendingOwner, notificationKind } from '#functions/daily-work/record-kinds.ts';
import type {
  CreateOutcome,
  RecordKind,
  RecordStore,
  StoredRecord,
  TransactionWrite,
  UpdateOutcome,
  WriteContext,
} from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { requestHash } from '#functions/records/request-hash.ts';

/**
 * The record store of a capability whose writes notify people (docs/domain/daily-work.md#notifications): every
 * write of a record is passed to core's `stepNotifications`, and the notifications it names are written in the same
 * transaction as the change, so a notification exists exactly when its change does. Ids are derived from the record
 * and its new version: a replayed create replays its notification too. Reads pass straight through.
 */
export const notifyingStore = (store: RecordStore): RecordStore => {
  const notificationsOf = (kind: RecordKind, before: StoredRecord | undefined, after: StoredRecord, at: string) =>
    stepNotifications(kind.type, before, after).map((n): TransactionWrite => {
      const id = derivedId(`notification:${n.seed}`);
      const record: StoredRecord = {
        id,
        version: 1,
        status: 'active',
        createdAt: at,
        updatedAt: at,
        createdBy: String(after.updatedBy ?? after.createdBy ?? ''),
        updatedBy: String(after.updatedBy ?? after.createdBy ?? ''),
        topic: n.topic,
        audience: n.audience,
        subject: n.subject,
        pending: 0,
        deadline: n.deadline,
        note: n.note,
        senderName: senderOf(after),
        mailPending: mailPendingOwner,
      };
      return { kind: notificationKind, create: record, hash: requestHash({ notification: id }) };
    });

  const withNotifications = (writes: readonly TransactionWrite[], context: WriteContext): TransactionWrite[] => [
    ...writes,
    ...writes.flatMap((w) =>
      'create' in w
        ? notificationsOf(w.kind, undefined, w.create, context.at)
        : 'after' in w
          ? notificationsOf(w.kind, w.before, w.after, context.at)
          : [],
    ),
  ];

  return {
    get: (tenant, kind, id) => store.get(tenant, kind, id),
    getMany: (tenant, kind, ids) => store.getMany(tenant, kind, ids),
    list: (tenant, kind, request) => store.list(tenant, kind, request),
    countQueue: (tenant, kind, queue) => store.countQueue(tenant, kind, queue),
    history: (tenant, kind, id, request) => store.history(tenant, kind, id, request),
    getTenant: (tenant) => store.getTenant(tenant),
    putTenant: (tenant) => store.putTenant(tenant),
    listTenants: () => store.listTenants(),
    transact: (tenant, writes, context) => store.transact(tenant, withNotifications(writes, context), context),

    async create<T extends StoredRecord>(
      tenant: string,
      kind: RecordKind,
      record: T,
      request: { hash: string; context: WriteContext },
    ): Promise<CreateOutcome<T>> {
      const notifications = notificationsOf(kind, undefined, record, request.context.at);
      if (notifications.length === 0) return store.create(tenant, kind, record, request);
      const result = await store.transact(
        tenant,
        [{ kind, create: record, hash: request.hash }, ...notifications],
        request.context,
      );
      switch (result.outcome) {
        case 'done':
          return { outcome: 'created', record };
        case 'replayed':
          return { outcome: 'replayed', record: result.record as T };
        default:
          return { outcome: 'id-conflict' };
      }
    },

    async update<T extends StoredRecord>(
      tenant: string,
      kind: RecordKind,
      before: T,
      after: T,
      context: WriteContext,
    ): Promise<UpdateOutcome<T>> {
      const notifications = notificationsOf(kind, before, after, context.at);
      if (notifications.length === 0) return store.update(tenant, kind, before, after, context);
      const result = await store.transact(tenant, [{ kind, before, after }, ...notifications], context);
      if (result.outcome === 'done') return { outcome: 'updated', record: after };
      if (result.outcome === 'version-conflict') return { outcome: 'version-conflict', current: result.current as T };
      // The notification's id is derived from the record's new version, which only this change makes.
      throw new Error(`an update with its notification answered ${result.outcome}`);
    },
  };
};

/** Who took the step, as the record's last review step or log names them. */
const senderOf = (record: StoredRecord): string => {
  const log = Array.isArray(record.reviewLog) ? record.reviewLog : Array.isArray(record.log) ? record.log : [];
  const last = log.at(-1) as { byName?: unknown } | undefined;
  return typeof last?.byName === 'string' ? last.byName : '';
};
