import * as v from 'valibot';

/**
 * Which fiscal year a tenant is working in, and which budget year it is preparing
 * (docs/domain/README.md#the-annual-calendar). From the clock by default: the fiscal year is the
 * calendar year in Beijing, and preparing next year's budget starts in the month the bureau opens
 * the project library (about May). A tenant may pin either year, as the demo does to stay in its
 * late-2026 scenario whatever the date.
 */
const year = v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100));

export const tenantCalendar = v.object({
  /** The month (1–12) from which the screens prepare next year's budget. */
  budgetPreparationStartMonth: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12))),
  fiscalYear: v.optional(year),
  budgetYear: v.optional(year),
});
export type TenantCalendar = v.InferOutput<typeof tenantCalendar>;

export const defaultBudgetPreparationStartMonth = 5;

export interface CalendarYears {
  /** The year being executed: monitoring rounds, the indicator library in use. */
  fiscalYear: number;
  /** The year whose budget projects and targets are being prepared. */
  budgetYear: number;
}

/** The years on a Beijing calendar day (YYYY-MM-DD). */
export const calendarYears = (beijingDay: string, calendar: TenantCalendar = {}): CalendarYears => {
  const today = Number(beijingDay.slice(0, 4));
  const month = Number(beijingDay.slice(5, 7));
  const start = calendar.budgetPreparationStartMonth ?? defaultBudgetPreparationStartMonth;
  return {
    fiscalYear: calendar.fiscalYear ?? today,
    budgetYear: calendar.budgetYear ?? (month >= start ? today + 1 : today),
  };
};

/** The years a year filter offers around the budget year: the next one, it, and the two before, newest first. */
export const yearsAround = (budgetYear: number): number[] => [
  budgetYear + 1,
  budgetYear,
  budgetYear - 1,
  budgetYear - 2,
];
