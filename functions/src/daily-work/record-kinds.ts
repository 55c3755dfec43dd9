import { type Audience, audienceQueue } from '@jixiao/core/daily-work/notification.ts';
import type { RecordKind } from '#functions/ports/record-store.ts';

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
