/**
 * The calendar day in China of an instant (YYYY-MM-DD): deadlines, overdue checks and the tenant's
 * years are all Beijing days, whatever zone the server or the phone runs in.
 */
export const beijingDay = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

/** A Beijing day (YYYY-MM-DD) plus whole days. */
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
