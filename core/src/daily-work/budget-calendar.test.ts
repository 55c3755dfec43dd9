import { describe, expect, it } from 'vitest';
import { addDays } from '#core/beijing-day.ts';
import { calendarEvents, defaultCalendarSettings } from '#core/daily-work/budget-calendar.ts';

describe('calendarEvents', () => {
  it('puts the dates in order and the publication deadline the set number of days after the reply', () => {
    const events = calendarEvents(
      { targetsDue: '2025-09-30', budgetReply: '2026-01-25', disclosureDays: 20, reminderDaysBefore: 3 },
      [{ id: 'm1', name: '年中监控', dataDate: '2026-06-30', deadline: '2026-07-20' }],
      [{ id: 's1', name: '年度自评', deadline: '2027-03-31' }],
    );
    expect(events.map((e) => `${e.date} ${e.kind}`)).toEqual([
      '2025-09-30 targets-due',
      '2026-01-25 budget-reply',
      '2026-02-14 disclosure-due',
      '2026-06-30 monitoring-data-date',
      '2026-07-20 monitoring-deadline',
      '2027-03-31 self-evaluation-deadline',
    ]);
    expect(events[4]).toMatchObject({ roundId: 'm1', roundName: '年中监控' });
  });

  it('leaves out what is not set, and orders one day by the order of the work', () => {
    const events = calendarEvents(
      defaultCalendarSettings,
      [{ id: 'm1', name: 'a', deadline: '2026-07-20' }],
      [{ id: 's1', name: 'b', deadline: '2026-07-20' }],
    );
    expect(events.map((e) => e.kind)).toEqual(['monitoring-deadline', 'self-evaluation-deadline']);
  });

  it('adds days across months and a leap day', () => {
    expect(addDays('2028-02-20', 20)).toBe('2028-03-11');
    expect(addDays('2026-12-25', 20)).toBe('2027-01-14');
  });
});
