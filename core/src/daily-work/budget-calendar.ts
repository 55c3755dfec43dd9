import * as v from 'valibot';
import { defaultDisclosureDays, disclosureDeadline } from '#core/disclosure/disclosure-deadline.ts';
import type { Language } from '#core/language.ts';
import { isoDate, settingsVersion } from '#core/schema-parts.ts';

/**
 * The calendar of a budget year (docs/domain/daily-work.md#the-calendar-of-the-budget-year): the dates the people
 * of a district work to, in one list. Round deadlines come from the rounds themselves; the dates no record holds
 * (when targets are due, when the budget is approved and replied to, and so when departments must publish) are
 * the tenant's settings for the year, edited by the performance section.
 */

export const calendarSettingsValues = v.strictObject({
  /** When units' targets are due (in the year before): the project library's deadline. */
  targetsDue: v.nullable(isoDate),
  /** When the budget is replied to (批复) after the people's congress approves it. */
  budgetReply: v.nullable(isoDate),
  /** Days from the reply to the publication deadline. */
  disclosureDays: v.pipe(v.number(), v.integer('integer'), v.minValue(1, 'min_value'), v.maxValue(90, 'max_value')),
  /** How many days before a round's deadline the departments still behind are reminded (0: not at all). */
  reminderDaysBefore: v.pipe(v.number(), v.integer('integer'), v.minValue(0, 'min_value'), v.maxValue(30, 'max_value')),
});
export type CalendarSettingsValues = v.InferOutput<typeof calendarSettingsValues>;

/** Three days' notice before a deadline: inferred from practice (a week's work fits in it); a tenant sets its own. */
export const defaultReminderDaysBefore = 3;

export const defaultCalendarSettings: CalendarSettingsValues = {
  targetsDue: null,
  budgetReply: null,
  disclosureDays: defaultDisclosureDays,
  reminderDaysBefore: defaultReminderDaysBefore,
};

export const saveCalendarSettings = v.strictObject({ version: settingsVersion, ...calendarSettingsValues.entries });

export const calendarEventKinds = [
  'targets-due',
  'budget-reply',
  'disclosure-due',
  'monitoring-data-date',
  'monitoring-deadline',
  'self-evaluation-deadline',
] as const;
export type CalendarEventKind = (typeof calendarEventKinds)[number];

export const calendarEvent = v.object({
  date: v.string(),
  kind: v.picklist(calendarEventKinds),
  /** The round it belongs to, if any. */
  roundId: v.nullable(v.string()),
  roundName: v.nullable(v.string()),
});
export type CalendarEvent = v.InferOutput<typeof calendarEvent>;

export const budgetCalendar = v.object({
  fiscalYear: v.number(),
  version: v.number(),
  settings: calendarSettingsValues,
  /** Every date of the year, earliest first. */
  events: v.array(calendarEvent),
});
export type BudgetCalendar = v.InferOutput<typeof budgetCalendar>;

interface RoundDates {
  id: string;
  name: string;
  dataDate?: string;
  deadline: string;
}

/** The year's dates, earliest first (on one day: in the order of the year's work). */
export const calendarEvents = (
  settings: CalendarSettingsValues,
  monitoringRounds: readonly RoundDates[],
  selfEvaluationRounds: readonly RoundDates[],
): CalendarEvent[] => {
  const events: CalendarEvent[] = [];
  const plain = (date: string | null, kind: CalendarEventKind) => {
    if (date) events.push({ date, kind, roundId: null, roundName: null });
  };
  plain(settings.targetsDue, 'targets-due');
  plain(settings.budgetReply, 'budget-reply');
  plain(settings.budgetReply && disclosureDeadline(settings.budgetReply, settings.disclosureDays), 'disclosure-due');
  for (const r of monitoringRounds) {
    if (r.dataDate) events.push({ date: r.dataDate, kind: 'monitoring-data-date', roundId: r.id, roundName: r.name });
    events.push({ date: r.deadline, kind: 'monitoring-deadline', roundId: r.id, roundName: r.name });
  }
  for (const r of selfEvaluationRounds) {
    events.push({ date: r.deadline, kind: 'self-evaluation-deadline', roundId: r.id, roundName: r.name });
  }
  const order = (e: CalendarEvent) => calendarEventKinds.indexOf(e.kind);
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : order(a) - order(b)));
};

const words: Record<CalendarEventKind, Record<Language, string>> = {
  'targets-due': { 'zh-CN': '绩效目标申报截止', en: 'Targets due' },
  'budget-reply': { 'zh-CN': '部门预算批复', en: 'Budget replied to' },
  'disclosure-due': { 'zh-CN': '部门预算及绩效目标公开截止', en: 'Budgets and targets published by' },
  'monitoring-data-date': { 'zh-CN': '运行监控数据截止日', en: 'Monitoring data date' },
  'monitoring-deadline': { 'zh-CN': '运行监控报送截止', en: 'Monitoring reports due' },
  'self-evaluation-deadline': { 'zh-CN': '绩效自评报送截止', en: 'Self-evaluations due' },
};

export const calendarEventName = (kind: CalendarEventKind, language: Language): string => words[kind][language];
