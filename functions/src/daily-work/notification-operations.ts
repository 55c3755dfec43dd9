import {
  audienceQueue,
  audiencesOf,
  type Notification,
  type NotificationList,
  notificationsPerAudience,
} from '@jixiao/core/daily-work/notification.ts';
import { notificationKind, notificationReadKind } from '#functions/daily-work/record-kinds.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { newRecord, writeContext } from '#functions/records/record-operations.ts';

type ReadMark = StoredRecord & { readUpTo: string };

/**
 * The caller's notifications (docs/domain/daily-work.md#notifications): the newest of each audience they belong
 * to, merged newest first, and how many arrived after the time they have read up to — a key range per audience.
 */
export const notificationOperations = (store: RecordStore): Operations => ({
  listNotifications: async ({ principal }: OperationRequest) => {
    const tenant = principal.tenant;
    const mark = await store.get<ReadMark>(tenant, notificationReadKind, principal.userId);
    const readUpTo = mark?.readUpTo ?? null;
    const perAudience = await Promise.all(
      audiencesOf(principal).map(async (audience) => {
        const name = audienceQueue(audience);
        const [page, unread] = await Promise.all([
          store.list<StoredRecord & Notification>(tenant, notificationKind, {
            limit: notificationsPerAudience,
            queue: { name, newestFirst: true },
          }),
          store.countQueue(tenant, notificationKind, { name, ...(readUpTo ? { after: readUpTo } : {}) }),
        ]);
        return { items: page.items, unread: unread.count };
      }),
    );
    const items = perAudience
      .flatMap((a) => a.items)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .slice(0, notificationsPerAudience);
    const body: NotificationList = {
      items: items.map(({ id, version, createdAt, topic, audience, subject, pending, deadline, note, senderName }) => ({
        id,
        version,
        createdAt,
        topic,
        audience,
        subject,
        pending,
        deadline,
        note,
        senderName,
      })),
      unread: perAudience.reduce((s, a) => s + a.unread, 0),
      readUpTo,
    };
    return { status: 200, body };
  },

  /** Moves the person's read mark forward (never back, never past now); two tabs racing both end at the later. */
  markNotificationsRead: async (request: OperationRequest<unknown, unknown, { upTo: string }>) => {
    const { principal, receivedAt } = request;
    const wanted = request.body.upTo < receivedAt ? new Date(request.body.upTo).toISOString() : receivedAt;
    for (let attempt = 0; attempt < 3; attempt++) {
      const mark = await store.get<ReadMark>(principal.tenant, notificationReadKind, principal.userId);
      if (mark && mark.readUpTo >= wanted) return { status: 200, body: { readUpTo: mark.readUpTo } };
      if (!mark) {
        const created = await store.create(
          principal.tenant,
          notificationReadKind,
          { ...newRecord({ id: principal.userId }, request), readUpTo: wanted },
          { hash: `read:${wanted}`, context: writeContext(request) },
        );
        if (created.outcome === 'created') return { status: 200, body: { readUpTo: wanted } };
        continue;
      }
      const after = {
        ...mark,
        readUpTo: wanted,
        version: mark.version + 1,
        updatedAt: receivedAt,
        updatedBy: principal.userId,
      };
      const updated = await store.update(principal.tenant, notificationReadKind, mark, after, writeContext(request));
      if (updated.outcome === 'updated') return { status: 200, body: { readUpTo: wanted } };
    }
    throw new Error('the read mark kept changing under three attempts');
  },
});
