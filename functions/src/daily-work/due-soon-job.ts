import { addDays, beijingDay } from '@jixiao/core/beijing-day.ts';
import { rectificationDepartmentQueue, rectificationOpenQueue } from '@jixiao/core/daily-work/to-do.ts';
import { calendarYears } from '@jixiao/core/organisation/tenant-calendar.ts';
import { calendarSettingsFor, roundsOf } from '#functions/daily-work/calendar-operations.ts';
import { mailPendingOwner } from '#functions/daily-work/record-kinds.ts';
import {
  departmentsBehind,
  type Round,
  type RoundType,
  roundSpecs,
  writeNotifications,
} from '#functions/daily-work/round-notices.ts';
import { rectificationKind } from '#functions/monitoring/record-kinds.ts';
import { departmentKind, unitKind } from '#functions/organisation/record-kinds.ts';
import type { ListRequest, RecordKind, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';

export interface DueSoonOutcome {
  tenant: string;
  today: string;
  /** The rounds whose deadline falls within the notice, and how many departments of each were told today. */
  rounds: { id: string; type: RoundType; deadline: string; behind: number; told: number }[];
  /** The open rectification notices due within the notice, and how many of their units (or departments) were told today. */
  rectifications: { due: number; told: number };
}

/** Who the audit trail and the notifications name for what the schedule does. */
const jobActor = 'job:due-soon';

/**
 * The reminder before a deadline (docs/domain/daily-work.md#reminders-before-a-deadline): for each issued monitoring or
 * self-evaluation round of the tenant whose deadline is today or within the year's notice (`reminderDaysBefore`, 0
 * switches it off), every department still behind is told once — the notification's id is derived from the round and
 * the department, so the daily run, or a run repeated after a fault, tells nobody twice. Monitoring rounds are the
 * fiscal year's; self-evaluation rounds the year before's (due in this one) and this year's.
 */
export const runDueSoonReminders = async (store: RecordStore, tenant: string, now: string): Promise<DueSoonOutcome> => {
  const today = beijingDay(now);
  const { fiscalYear } = calendarYears(today, (await store.getTenant(tenant))?.calendar);
  const outcome: DueSoonOutcome = { tenant, today, rounds: [], rectifications: { due: 0, told: 0 } };
  const { reminderDaysBefore } = await calendarSettingsFor(store, tenant, fiscalYear);
  if (reminderDaysBefore === 0) return outcome;
  const roundsOfType = async (type: RoundType, years: number[]) =>
    (await Promise.all(years.map((year) => roundsOf(store, tenant, roundSpecs[type].roundKind, year))))
      .flat()
      .map((round) => ({ type, round: round as Round }));
  const candidates = [
    ...(await roundsOfType('monitoring-round', [fiscalYear])),
    ...(await roundsOfType('self-evaluation-round', [fiscalYear - 1, fiscalYear])),
  ];
  const last = addDays(today, reminderDaysBefore);
  for (const { type, round } of candidates) {
    if (round.roundStatus !== 'ISSUED' || round.deadline < today || round.deadline > last) continue;
    const behind = await departmentsBehind(store, tenant, roundSpecs[type], round.id);
    const notifications: StoredRecord[] = behind.map((department) => ({
      id: derivedId(`due-soon:${round.id}:${department.id}`),
      version: 1,
      status: 'active',
      createdAt: now,
      updatedAt: now,
      createdBy: jobActor,
      updatedBy: jobActor,
      topic: 'due-soon',
      audience: { type: 'department', id: department.id },
      subject: { type, id: round.id, title: round.name },
      pending: department.pending,
      deadline: round.deadline,
      note: '',
      senderName: '',
      mailPending: mailPendingOwner,
    }));
    const told = await writeNotifications(store, tenant, notifications, {
      actor: jobActor,
      actorRoles: [],
      requestId: derivedId(`due-soon-run:${tenant}:${today}:${round.id}`),
      at: now,
      operation: 'due-soon-reminder',
    });
    outcome.rounds.push({ id: round.id, type, deadline: round.deadline, behind: behind.length, told });
  }
  outcome.rectifications = await remindRectifications(store, tenant, today, last, now);
  return outcome;
};

/** Every record a list request reaches, following its pages. */
const everyPage = async (store: RecordStore, tenant: string, kind: RecordKind, request: ListRequest) => {
  const all: StoredRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(tenant, kind, { ...request, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
};

/** Open-notice queues read at once: a tenant's units and departments are read a few at a time, not all together. */
const queuesAtOnce = 10;

/**
 * Rectification notices due soon (docs/domain/daily-work.md#reminders-before-a-deadline): each unit's notices still
 * to answer sit in its `OPEN#<unit>` queue by due date, and a department's own notices (a key evaluation's or a
 * department evaluation's, with no unit) in its `OPEN_DEPARTMENT#<department>` queue, so those due up to the last day
 * of the notice are one key range of each (the overdue ones in that range are on a to-do list already and are not
 * "due soon": skipped). Each is told to its unit, or its department, once: the notification's id is derived from the
 * notice and its due date, so a notice issued again after 整改不到位, with a new due date, is reminded of again.
 */
const remindRectifications = async (
  store: RecordStore,
  tenant: string,
  today: string,
  last: string,
  now: string,
): Promise<DueSoonOutcome['rectifications']> => {
  const [units, departments] = await Promise.all([
    everyPage(store, tenant, unitKind, { limit: 200 }),
    everyPage(store, tenant, departmentKind, { limit: 200 }),
  ]);
  const queues = [
    ...units.map((unit) => rectificationOpenQueue(unit.id)),
    ...departments.map((department) => rectificationDepartmentQueue(department.id)),
  ];
  const due: StoredRecord[] = [];
  for (let i = 0; i < queues.length; i += queuesAtOnce) {
    const read = await Promise.all(
      queues
        .slice(i, i + queuesAtOnce)
        .map((name) =>
          everyPage(store, tenant, rectificationKind, { limit: 100, queue: { name, before: addDays(last, 1) } }),
        ),
    );
    due.push(...read.flat().filter((r) => String(r.dueDate) >= today));
  }
  const notifications: StoredRecord[] = due.map((r) => ({
    id: derivedId(`due-soon:rectification:${r.id}:${String(r.dueDate)}`),
    version: 1,
    status: 'active',
    createdAt: now,
    updatedAt: now,
    createdBy: jobActor,
    updatedBy: jobActor,
    topic: 'due-soon',
    audience:
      typeof r.unitId === 'string'
        ? { type: 'unit', id: r.unitId }
        : { type: 'department', id: String(r.departmentId) },
    subject: { type: 'rectification', id: r.id, title: String(r.projectName ?? r.id) },
    pending: 1,
    deadline: String(r.dueDate),
    note: '',
    senderName: '',
    mailPending: mailPendingOwner,
  }));
  const told = await writeNotifications(store, tenant, notifications, {
    actor: jobActor,
    actorRoles: [],
    requestId: derivedId(`due-soon-run:${tenant}:${today}:rectifications`),
    at: now,
    operation: 'due-soon-reminder',
  });
  return { due: due.length, told };
};
