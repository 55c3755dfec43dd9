import { type Audience, audienceQueue } from '@jixiao/core/daily-work/notification.ts';
import { type ToDoPlaces, toDoSlots } from '@jixiao/core/daily-work/to-do.ts';
import type { RecordKind, RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';

/**
 * Notifications: each in its audience's queue (a person, a unit, a department), by time
 * (docs/domain/daily-work.md#notifications); while its e-mail is still to send, also in the owner partition
 * `mailPending = PENDING`, which the mail job reads (docs/domain/daily-work.md#e-mail).
 */
export const notificationKind: RecordKind = {
  type: 'notification',
  sortField: 'createdAt',
  ownerField: 'mailPending',
  searchFields: [],
  uniqueFields: [],
  queue: (record) => ({ queue: audienceQueue(record.audience as Audience), position: String(record.createdAt) }),
};

/** How far a person has read their notifications: one record per person, its id the person's. */
export const notificationReadKind: RecordKind = {
  type: 'notification-read',
  sortField: 'readUpTo',
  searchFields: [],
  uniqueFields: [],
};

/** The reminders (催报) sent in a round, listed per round. */
export const reminderKind: RecordKind = {
  type: 'reminder',
  sortField: 'createdAt',
  ownerField: 'roundId',
  searchFields: [],
  uniqueFields: [],
};

/** The dates of a budget year no record holds: one record per fiscal year, its id derived from the year. */
export const calendarSettingsKind: RecordKind = {
  type: 'budget-calendar-settings',
  sortField: 'fiscalYear',
  searchFields: [],
  uniqueFields: [],
};

/** A notification whose e-mail is still to send carries this in `mailPending`; sent (or given up), null. */
export const mailPendingOwner = 'PENDING';

/**
 * A record's place on a to-do list when the record itself already sits in another queue
 * (docs/domain/daily-work.md#how-the-lists-are-kept): an ex-ante assessment or an engagement stays in its agency's
 * queue, which the agency's list pages read, and the queue index holds one place per item. The store's port offers
 * no second place, so each side's place is a small entry of its own kind (id `<side>#<record id>`), carrying what
 * the to-do home shows, written in the same transaction as the record. An entry that waits for nobody stays, out
 * of every queue, so a later step updates it at its version instead of creating it again.
 */
export interface ToDoEntry extends StoredRecord {
  recordId: string;
  /** The queue it waits in, or null when the record waits for nobody on this side. */
  queue: string | null;
  /** When it entered that queue: its place there, oldest first. */
  statusSince: string;
  projectName: string | null;
  projectCode: string | null;
  unitName: string | null;
  departmentName: string | null;
  state: string;
}

const toDoEntryKind = (type: string): RecordKind => ({
  type,
  sortField: 'statusSince',
  searchFields: [],
  uniqueFields: [],
  queue: (record) =>
    typeof record.queue === 'string' ? { queue: record.queue, position: String(record.statusSince) } : undefined,
});

/** The ex-ante assessments' places on the bureau's and the agency's to-do lists. */
export const exAnteToDoKind = toDoEntryKind('ex-ante-to-do');
/** The engagements' places on the bureau's and the agency lead's to-do lists. */
export const engagementToDoKind = toDoEntryKind('engagement-to-do');

/** What the home shows of the record, as the entry carries it. */
export type ToDoShown = Pick<ToDoEntry, 'projectName' | 'projectCode' | 'unitName' | 'departmentName' | 'state'>;

/**
 * The writes that bring a record's to-do entries to `places`, to go into the record's own transaction: a new entry
 * where there was none, a change where the queue or what is shown differs, nothing where all is as it should be.
 * Reads the record's entries (two at most) consistently first; a concurrent step shows as a version conflict of
 * the transaction, as a conflict on the record itself would.
 */
export const toDoEntryWrites = async (
  store: RecordStore,
  tenant: string,
  kind: RecordKind,
  recordId: string,
  places: ToDoPlaces,
  shown: ToDoShown,
  at: string,
): Promise<TransactionWrite[]> => {
  const ids = toDoSlots.map((slot) => `${slot}#${recordId}`);
  const existing = new Map((await store.getMany<ToDoEntry>(tenant, kind, ids)).map((e) => [e.id, e]));
  return toDoSlots.flatMap((slot, i): TransactionWrite[] => {
    const id = ids[i] as string;
    const queue = places[slot] ?? null;
    const before = existing.get(id);
    if (!before) {
      if (queue === null) return [];
      const create: ToDoEntry = { id, version: 1, recordId, queue, statusSince: at, ...shown };
      return [{ kind, create, hash: `${id}@${at}` }];
    }
    const after: ToDoEntry = {
      ...before,
      ...shown,
      queue,
      // A record that stays in the same queue keeps its place (its age); a move starts the wait afresh.
      statusSince: before.queue === queue ? before.statusSince : at,
    };
    const same = (Object.keys(after) as (keyof ToDoEntry)[]).every((k) => after[k] === before[k]);
    return same ? [] : [{ kind, before, after: { ...after, version: before.version + 1 } }];
  });
};
