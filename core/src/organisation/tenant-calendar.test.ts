import { describe, expect, it } from 'vitest';
import { calendarYears, yearsAround } from '#core/organisation/tenant-calendar.ts';

describe('the years a tenant works in', () => {
  it('executes the calendar year and prepares next year’s budget from May on', () => {
    expect(calendarYears('2026-04-30')).toEqual({ fiscalYear: 2026, budgetYear: 2026 });
    expect(calendarYears('2026-05-01')).toEqual({ fiscalYear: 2026, budgetYear: 2027 });
    expect(calendarYears('2026-12-31')).toEqual({ fiscalYear: 2026, budgetYear: 2027 });
    expect(calendarYears('2027-01-01')).toEqual({ fiscalYear: 2027, budgetYear: 2027 });
  });

  it('starts preparing in the month the tenant chose', () => {
    expect(calendarYears('2026-08-31', { budgetPreparationStartMonth: 9 }).budgetYear).toBe(2026);
    expect(calendarYears('2026-09-01', { budgetPreparationStartMonth: 9 }).budgetYear).toBe(2027);
  });

  it('keeps a year the tenant pinned, whatever the date', () => {
    expect(calendarYears('2029-03-15', { fiscalYear: 2026, budgetYear: 2027 })).toEqual({
      fiscalYear: 2026,
      budgetYear: 2027,
    });
    expect(calendarYears('2029-03-15', { budgetYear: 2030 })).toEqual({ fiscalYear: 2029, budgetYear: 2030 });
  });

  it('offers the next year, the budget year and the two before, newest first', () => {
    expect(yearsAround(2027)).toEqual([2028, 2027, 2026, 2025]);
  });
});
