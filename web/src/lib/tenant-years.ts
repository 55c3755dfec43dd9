import { beijingDay } from '@jixiao/core/beijing-day.ts';
import { type CalendarYears, calendarYears, yearsAround } from '@jixiao/core/organisation/tenant-calendar.ts';

/**
 * The years the screens start from: the tenant's, as `/me` gives them
 * (core/src/organisation/tenant-calendar.ts). Before `/me` is known, or from a copy of it kept from
 * before it carried them, the clock's in Beijing.
 */
export const tenantYears = (
  me: { tenant: Partial<CalendarYears> } | null | undefined,
  now: Date = new Date(),
): CalendarYears => {
  const clock = calendarYears(beijingDay(now.toISOString()));
  return {
    fiscalYear: me?.tenant.fiscalYear ?? clock.fiscalYear,
    budgetYear: me?.tenant.budgetYear ?? clock.budgetYear,
  };
};

export { yearsAround };
