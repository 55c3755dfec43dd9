import { beijingDay } from '@jixiao/core/beijing-day.ts';
import { addDays } from '@jixiao/core/daily-work/budget-calendar.ts';
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
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';

export interface DueSoonOutcome {
  tenant: string;
  today: string;
  /** The rounds whose deadline falls within the notice, and how many departments of each were told today. */
  rounds: { id: string; type: RoundType; deadline: string; behind: number; told: number }[];
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
  const outcome: DueSoonOutcome = { tenant, today, rounds: [] };
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
  return outcome;
};
