/**
 * The calendar day in China of an instant (YYYY-MM-DD): deadlines, overdue checks and the tenant's
 * years are all Beijing days, whatever zone the server or the phone runs in.
 */
export const beijingDay = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
