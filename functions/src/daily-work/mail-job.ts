import { type Audience, type Notification, notificationText } from '@jixiao/core/daily-work/notification.ts';
import { mailPendingOwner, notificationKind } from '#functions/daily-work/record-kinds.ts';
import { unitKind, userKind } from '#functions/organisation/record-kinds.ts';
import { type Mailer, MailerUnavailableError, mailRecipientsLimit } from '#functions/ports/mailer.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';

/** How many notifications one run mails per tenant; the rest wait for the next run (`more` says so). */
export const mailsPerRun = 50;
/** A notification whose e-mail failed this many times is given up on (the notification itself stays in the app). */
export const mailAttempts = 5;

type StoredNotification = StoredRecord & Notification & { mailPending: string | null; mailAttempts?: number };
type User = StoredRecord & { email?: string | null; unitId?: string | null; status: string };

export interface MailOutcome {
  tenant: string;
  mailed: number;
  /** Notifications whose audience has no one with an e-mail address: nothing to send, marked done. */
  nobody: number;
  failed: number;
  gaveUp: number;
  /** True while more notifications wait than one run mails. */
  more: boolean;
}

const jobContext = (now: string) => ({
  actor: 'job:mail',
  actorRoles: [],
  requestId: `mail-${now}`,
  at: now,
  operation: 'mail-notification',
});

/** Every user of a department, following the owner index to the end. */
const usersOfDepartment = async (store: RecordStore, tenant: string, departmentId: string): Promise<User[]> => {
  const users: User[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list<User>(tenant, userKind, { limit: 100, cursor, ownerId: departmentId });
    users.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return users;
};

/** The active people of an audience who have an e-mail address. */
const addressesOf = async (store: RecordStore, tenant: string, audience: Audience): Promise<string[]> => {
  let people: User[] = [];
  if (audience.type === 'user') {
    const user = await store.get<User>(tenant, userKind, audience.id);
    people = user ? [user] : [];
  } else if (audience.type === 'department') {
    people = await usersOfDepartment(store, tenant, audience.id);
  } else {
    const unit = await store.get<StoredRecord & { departmentId: string }>(tenant, unitKind, audience.id);
    people = unit
      ? (await usersOfDepartment(store, tenant, unit.departmentId)).filter((u) => u.unitId === audience.id)
      : [];
  }
  return [...new Set(people.filter((u) => u.status === 'active' && u.email).map((u) => String(u.email)))].sort();
};

/**
 * The e-mail of notifications (docs/domain/daily-work.md#e-mail): each notification still to mail is sent, in core's
 * words (Chinese first, then English), blind-copied to the active people of its audience who have an address, 50 to
 * a message; then it leaves the pending list in a versioned write. A failed send leaves it pending for the next run
 * and counts the attempt; after five it is given up on and logged. Nothing is sent twice by this job unless a send
 * succeeded and its write was lost, and then the next run sends it once more rather than never.
 */
export const runMailJob = async (
  store: RecordStore,
  mailer: Mailer,
  tenant: string,
  now: string,
): Promise<MailOutcome> => {
  const outcome: MailOutcome = { tenant, mailed: 0, nobody: 0, failed: 0, gaveUp: 0, more: false };
  const page = await store.list<StoredNotification>(tenant, notificationKind, {
    limit: mailsPerRun,
    ownerId: mailPendingOwner,
  });
  outcome.more = page.nextCursor !== undefined;
  // A run's notifications often share an audience (a department reminded and told of a deadline): its people are read once.
  const audiences = new Map<string, Promise<string[]>>();
  for (const n of page.items) {
    const key = `${n.audience.type}#${n.audience.id}`;
    if (!audiences.has(key)) audiences.set(key, addressesOf(store, tenant, n.audience));
    const to = await audiences.get(key)!;
    const done = { mailPending: null, mailedAt: now, mailedTo: to.length };
    let after: StoredNotification;
    try {
      const zh = notificationText(n, 'zh-CN');
      const en = notificationText(n, 'en');
      for (let i = 0; i < to.length; i += mailRecipientsLimit) {
        await mailer.send({
          to: to.slice(i, i + mailRecipientsLimit),
          subject: `【绩效】${zh.title}`,
          text: `${zh.body}\n\n${en.title}\n${en.body}\n`,
        });
      }
      after = { ...n, ...done };
      if (to.length === 0) outcome.nobody += 1;
      else outcome.mailed += 1;
    } catch (error) {
      if (!(error instanceof MailerUnavailableError)) throw error;
      const attempts = (n.mailAttempts ?? 0) + 1;
      const givenUp = attempts >= mailAttempts;
      after = {
        ...n,
        mailAttempts: attempts,
        ...(givenUp ? { mailPending: null, mailFailed: String(error.message) } : {}),
      };
      outcome.failed += 1;
      if (givenUp) outcome.gaveUp += 1;
    }
    // A notification changed meanwhile (by another run) is that run's to finish.
    await store.update(
      tenant,
      notificationKind,
      n,
      { ...after, version: n.version + 1, updatedAt: now },
      jobContext(now),
    );
  }
  return outcome;
};
