import {
  type BudgetCalendar,
  type CalendarSettingsValues,
  calendarEvents,
  defaultCalendarSettings,
} from '@jixiao/core/daily-work/budget-calendar.ts';
import { calendarSettingsKind } from '#functions/daily-work/record-kinds.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { monitoringRoundKind } from '#functions/monitoring/record-kinds.ts';
import type { RecordKind, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { newRecord, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { selfEvaluationRoundKind } from '#functions/self-evaluation/record-kinds.ts';

type SettingsRecord = StoredRecord & CalendarSettingsValues & { fiscalYear: number };
type Round = StoredRecord & { name: string; dataDate?: string; deadline: string; roundStatus: string };

const settingsId = (fiscalYear: number) => derivedId(`budget-calendar:${fiscalYear}`);
const settingsOf = (s: Partial<CalendarSettingsValues>): CalendarSettingsValues => ({
  targetsDue: s.targetsDue ?? null,
  budgetReply: s.budgetReply ?? null,
  disclosureDays: s.disclosureDays ?? defaultCalendarSettings.disclosureDays,
  reminderDaysBefore: s.reminderDaysBefore ?? defaultCalendarSettings.reminderDaysBefore,
});

/** The year's settings as stored, or the defaults. */
export const calendarSettingsFor = async (
  store: RecordStore,
  tenant: string,
  fiscalYear: number,
): Promise<CalendarSettingsValues> => {
  const stored = await store.get<SettingsRecord>(tenant, calendarSettingsKind, settingsId(fiscalYear));
  return stored ? settingsOf(stored) : defaultCalendarSettings;
};

/** Every round of the year (a year has a handful), followed page by page to the end. */
export const roundsOf = async (
  store: RecordStore,
  tenant: string,
  kind: RecordKind,
  fiscalYear: number,
): Promise<Round[]> => {
  const rounds: Round[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list<Round>(tenant, kind, { limit: 100, cursor, ownerId: String(fiscalYear) });
    rounds.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  // A round still being issued has no records to be due yet.
  return rounds.filter((r) => r.roundStatus !== 'OPENING');
};

/**
 * The calendar of a budget year (docs/domain/daily-work.md#the-calendar-of-the-budget-year): its settings (or the
 * defaults, at version 0) and every date, from the settings and from the year's issued rounds.
 */
export const calendarOperations = (store: RecordStore): Operations => {
  const read = async (tenant: string, fiscalYear: number): Promise<BudgetCalendar> => {
    const [stored, monitoring, selfEvaluation] = await Promise.all([
      store.get<SettingsRecord>(tenant, calendarSettingsKind, settingsId(fiscalYear)),
      roundsOf(store, tenant, monitoringRoundKind, fiscalYear),
      roundsOf(store, tenant, selfEvaluationRoundKind, fiscalYear),
    ]);
    const settings = stored ? settingsOf(stored) : defaultCalendarSettings;
    return {
      fiscalYear,
      version: stored?.version ?? 0,
      settings,
      events: calendarEvents(settings, monitoring, selfEvaluation),
    };
  };

  return {
    getBudgetCalendar: async (request: OperationRequest<{ fiscalYear: number }>) => ({
      status: 200,
      body: await read(request.principal.tenant, request.params.fiscalYear),
    }),

    saveBudgetCalendar: async (
      request: OperationRequest<{ fiscalYear: number }, unknown, CalendarSettingsValues & { version: number }>,
    ) => {
      const tenant = request.principal.tenant;
      const { fiscalYear } = request.params;
      const { version, ...values } = request.body;
      const current = await store.get<SettingsRecord>(tenant, calendarSettingsKind, settingsId(fiscalYear));
      if ((current?.version ?? 0) !== version) throw new HttpProblem('version-conflict', { current: current ?? null });
      const context = { ...writeContext(request), operation: 'save-budget-calendar' };
      if (!current) {
        const record = { ...newRecord({ id: settingsId(fiscalYear) }, request), fiscalYear, ...values };
        const result = await store.create(tenant, calendarSettingsKind, record, {
          hash: requestHash(request.body),
          context,
        });
        if (result.outcome !== 'created' && result.outcome !== 'replayed')
          throw new HttpProblem('version-conflict', { current: (await read(tenant, fiscalYear)).settings });
      } else {
        const next = {
          ...current,
          ...values,
          version: current.version + 1,
          updatedAt: request.receivedAt,
          updatedBy: request.principal.userId,
        };
        const result = await store.update(tenant, calendarSettingsKind, current, next, context);
        if (result.outcome !== 'updated')
          throw new HttpProblem('version-conflict', { current: (await read(tenant, fiscalYear)).settings });
      }
      return { status: 200, body: await read(tenant, fiscalYear) };
    },
  };
};
