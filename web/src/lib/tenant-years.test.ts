import { describe, expect, it } from 'vitest';
import { tenantYears } from '#lib/tenant-years.ts';

describe('tenantYears', () => {
  it('takes the years the tenant works in from /me', () => {
    const me = { tenant: { fiscalYear: 2026, budgetYear: 2027 } };
    expect(tenantYears(me, new Date('2029-03-01T00:00:00Z'))).toEqual({ fiscalYear: 2026, budgetYear: 2027 });
  });

  it('falls back to the clock in Beijing before /me is known', () => {
    // 2027-04-30 16:30 UTC is already 1 May in Beijing: next year's budget is being prepared.
    expect(tenantYears(null, new Date('2027-04-30T16:30:00Z'))).toEqual({ fiscalYear: 2027, budgetYear: 2028 });
    expect(tenantYears({ tenant: {} }, new Date('2027-04-30T15:30:00Z'))).toEqual({
      fiscalYear: 2027,
      budgetYear: 2027,
    });
  });
});
