import { describe, expect, it } from 'vitest';
import { toDoItemHref, toDoListHref, toDoTiming } from '#lib/to-do-links.ts';

describe('to-do links', () => {
  it('leads each entry to its record page', () => {
    expect(toDoItemHref({ subject: 'target', action: 'send' }, { id: 't1' })).toBe('/targets/t1');
    expect(toDoItemHref({ subject: 'monitoring-report', action: 'send' }, { id: 'r1' })).toBe('/monitoring/reports/r1');
    expect(toDoItemHref({ subject: 'self-evaluation', action: 'send' }, { id: 's1' })).toBe('/self-evaluations/s1');
    expect(toDoItemHref({ subject: 'rectification', action: 'answer' }, { id: 'c1' })).toBe('/rectifications/c1');
    expect(toDoItemHref({ subject: 'fieldwork-assignment', action: 'visit' }, { id: 'a1' })).toBe('/field/a1');
    expect(toDoItemHref({ subject: 'engagement', action: 'lead' }, { id: 'e1' })).toBe('/engagements/e1');
    // The department answers a key evaluation's findings on the findings page, its answer sheet.
    expect(toDoItemHref({ subject: 'engagement', action: 'answer' }, { id: 'e1' })).toBe('/engagements/e1/findings');
  });

  it("leads a review list to the reviewer's queue page and a unit's list to its records", () => {
    const list = (key: string) => {
      const [subject, action] = key.split(':') as [never, never];
      return { key, subject, action };
    };
    expect(toDoListHref(list('target:review:department-reviewer'))).toBe('/review');
    expect(toDoListHref(list('target:fix'))).toBe('/projects');
    expect(toDoListHref(list('monitoring-report:review:business-section-reviewer'))).toBe('/monitoring/review');
    expect(toDoListHref(list('monitoring-report:send'))).toBe('/monitoring');
    expect(toDoListHref(list('self-evaluation:review:department-reviewer'))).toBe('/self-evaluations?queue=1');
    expect(toDoListHref(list('self-evaluation:review:performance-section-reviewer'))).toBe('/self-evaluation-review');
    expect(toDoListHref(list('self-evaluation:send'))).toBe('/self-evaluations');
    expect(toDoListHref(list('rectification:verify'))).toBe('/rectifications');
  });

  it('says when an entry is due, or how long it has waited', () => {
    expect(toDoTiming({ overdueDays: 3, ageDays: null })).toEqual({ kind: 'overdue', days: 3 });
    expect(toDoTiming({ overdueDays: 0, ageDays: null })).toEqual({ kind: 'due-today' });
    expect(toDoTiming({ overdueDays: -2, ageDays: null })).toEqual({ kind: 'days-left', days: 2 });
    expect(toDoTiming({ overdueDays: null, ageDays: 0 })).toEqual({ kind: 'arrived-today' });
    expect(toDoTiming({ overdueDays: null, ageDays: 9 })).toEqual({ kind: 'waiting', days: 9 });
    expect(toDoTiming({ overdueDays: null, ageDays: null })).toEqual({ kind: 'none' });
  });
});
