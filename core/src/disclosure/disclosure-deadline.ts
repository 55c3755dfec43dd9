import * as v from 'valibot';
import { addDays } from '#core/beijing-day.ts';
import { isoDate } from '#core/schema-parts.ts';

/**
 * When a department must publish (docs/domain/disclosure.md#the-deadline): 预算法 art. 14 and
 * 财预〔2016〕143号 give a department 20 days after the finance department's reply (批复) to publish
 * its budget or final accounts. Days are calendar days in Beijing; the day count is the tenant's
 * setting for the year (20 by default).
 */
/** 预算法 第十四条: 20 days; a tenant may set another span on its budget calendar. */
export const defaultDisclosureDays = 20;

/** The last day to publish: the reply's day plus `days` (a reply on 2026-01-20 must be published by 2026-02-09). */
export const disclosureDeadline = (replyDay: string, days: number = defaultDisclosureDays): string => {
  if (!v.is(isoDate, replyDay)) throw new RangeError(`not a day: ${replyDay}`);
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`not a number of days: ${days}`);
  return addDays(replyDay, days);
};

/**
 * What the assessment reads: ON_TIME when published on or before the deadline, LATE after it; while
 * unpublished, DUE until the deadline has passed and OVERDUE after.
 */
export type Timeliness = 'ON_TIME' | 'LATE' | 'DUE' | 'OVERDUE';

export const disclosureTimeliness = (deadline: string, publishedDay: string | null, today: string): Timeliness => {
  if (publishedDay !== null) return publishedDay <= deadline ? 'ON_TIME' : 'LATE';
  return today <= deadline ? 'DUE' : 'OVERDUE';
};
