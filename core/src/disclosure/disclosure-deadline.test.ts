import { describe, expect, it } from 'vitest';
import { disclosureDeadline, disclosureTimeliness } from '#core/disclosure/disclosure-deadline.ts';

describe('the disclosure deadline (rule 12: reply + 20 days)', () => {
  it('counts calendar days, across a month end and a leap day', () => {
    expect(disclosureDeadline('2026-01-20')).toBe('2026-02-09');
    expect(disclosureDeadline('2028-02-15')).toBe('2028-03-06');
    expect(disclosureDeadline('2026-12-20')).toBe('2027-01-09');
  });

  it('takes the tenant’s day count when it differs', () => {
    expect(disclosureDeadline('2026-01-20', 15)).toBe('2026-02-04');
    expect(disclosureDeadline('2026-01-20', 0)).toBe('2026-01-20');
  });

  it('refuses what is not a day or a count', () => {
    expect(() => disclosureDeadline('2026-02-30')).toThrow(RangeError);
    expect(() => disclosureDeadline('20260120')).toThrow(RangeError);
    expect(() => disclosureDeadline('2026-01-20', -1)).toThrow(RangeError);
    expect(() => disclosureDeadline('2026-01-20', 1.5)).toThrow(RangeError);
  });
});

describe('the on-time flag', () => {
  const deadline = '2026-02-09';
  it('published on the deadline is on time, the day after is late', () => {
    expect(disclosureTimeliness(deadline, '2026-02-09', '2026-03-01')).toBe('ON_TIME');
    expect(disclosureTimeliness(deadline, '2026-02-10', '2026-03-01')).toBe('LATE');
  });
  it('unpublished is due through the deadline, overdue the day after', () => {
    expect(disclosureTimeliness(deadline, null, '2026-02-09')).toBe('DUE');
    expect(disclosureTimeliness(deadline, null, '2026-02-10')).toBe('OVERDUE');
  });
});
