import { describe, expect, it } from 'vitest';
import { LocalDrafts } from '#lib/monitoring/local-drafts.ts';
import type { ReportDraft } from '#lib/monitoring/report-draft.ts';
import { MemoryStorage } from '#lib/test-support/memory-storage.ts';

/** A Storage over a Map, as localStorage behaves (string keys and values, an index of keys). */

/** Storage the browser has switched off for the site: every touch throws, as Chrome's does when cookies are blocked. */
const blocked = () => {
  throw new DOMException('The operation is insecure.', 'SecurityError');
};
class BrokenStorage extends MemoryStorage {
  override get length(): number {
    return blocked();
  }
  override key(): string | null {
    return blocked();
  }
  override getItem(): string | null {
    return blocked();
  }
  override setItem() {
    blocked();
  }
  override removeItem() {
    blocked();
  }
}

const draft = (fiscal: string): ReportDraft => ({
  unit: 'wan',
  executed: { fiscal, carryOver: '0', other: '0' },
  forecast: '',
  goalProgress: '',
  budgetDeviationReason: '',
  budgetCorrectiveMeasures: '',
  lines: [
    {
      rowId: 'r1',
      actualToDate: '600',
      forecastYearEnd: '1200',
      likelihood: 'POSSIBLE',
      deviationReasons: ['FUNDING'],
      deviationAnalysis: '',
      correctiveMeasures: '',
      remarks: '',
    },
  ],
});

describe('unsaved check-in edits kept on the phone', () => {
  it('keeps one entry per report and version, and offers the newest version first', () => {
    const storage = new MemoryStorage();
    const drafts = new LocalDrafts('user-1', () => storage);
    drafts.put('report-a', 2, draft('100'), new Date('2026-07-01T01:00:00Z'));
    drafts.put('report-a', 3, draft('200'), new Date('2026-07-01T02:00:00Z'));
    drafts.put('report-a', 3, draft('250'), new Date('2026-07-01T03:00:00Z'));
    drafts.put('report-b', 1, draft('999'));
    expect(drafts.all('report-a').map((d) => [d.version, d.draft.executed.fiscal])).toEqual([
      [3, '250'],
      [2, '100'],
    ]);
    expect(drafts.latest('report-a')).toMatchObject({ version: 3, savedAt: '2026-07-01T03:00:00.000Z' });
  });

  it('keeps each person’s edits apart on a shared phone', () => {
    const storage = new MemoryStorage();
    new LocalDrafts('preparer', () => storage).put('report-a', 2, draft('100'));
    expect(new LocalDrafts('approver', () => storage).latest('report-a')).toBeUndefined();
  });

  it('clears every version of one report and nothing else', () => {
    const storage = new MemoryStorage();
    const drafts = new LocalDrafts('user-1', () => storage);
    drafts.put('report-a', 2, draft('100'));
    drafts.put('report-a', 3, draft('200'));
    drafts.put('report-b', 1, draft('999'));
    storage.setItem('jixiao.monitoring-draft.user-1.report-a.4', '{damaged');
    drafts.clear('report-a');
    expect(drafts.all('report-a')).toEqual([]);
    expect(storage.length).toBe(1);
    expect(drafts.latest('report-b')?.draft.executed.fiscal).toBe('999');
  });

  it('skips what it cannot read, and keeps working when storage is full or missing', () => {
    const storage = new MemoryStorage();
    storage.setItem('jixiao.monitoring-draft.user-1.report-a.2', JSON.stringify({ reportId: 'report-a', version: 2 }));
    const drafts = new LocalDrafts('user-1', () => storage);
    expect(drafts.latest('report-a')).toBeUndefined();
    storage.full = true;
    expect(() => drafts.put('report-a', 3, draft('1'))).not.toThrow();
    const none = new LocalDrafts('user-1', () => undefined);
    expect(() => none.put('report-a', 3, draft('1'))).not.toThrow();
    expect(none.all('report-a')).toEqual([]);
  });

  it('keeps the form working when storage is switched off: even reaching localStorage throws', () => {
    const broken = new BrokenStorage();
    const off = new LocalDrafts('user-1', () => broken);
    expect(() => off.put('report-a', 3, draft('1'))).not.toThrow();
    expect(off.all('report-a')).toEqual([]);
    expect(off.latest('report-a')).toBeUndefined();
    expect(() => off.clear('report-a')).not.toThrow();

    // What `globalThis.localStorage` does when cookies are blocked: the getter itself throws.
    const unreachable = new LocalDrafts('user-1', blocked);
    expect(() => unreachable.put('report-a', 3, draft('1'))).not.toThrow();
    expect(unreachable.all('report-a')).toEqual([]);
    expect(unreachable.latest('report-a')).toBeUndefined();
    expect(() => unreachable.clear('report-a')).not.toThrow();
  });

  it('offers what it can read when one entry cannot be, and a full storage still clears', () => {
    const storage = new MemoryStorage();
    const drafts = new LocalDrafts('user-1', () => storage);
    drafts.put('report-a', 2, draft('100'));
    storage.setItem('jixiao.monitoring-draft.user-1.report-a.3', '{damaged');
    expect(drafts.latest('report-a')?.draft.executed.fiscal).toBe('100');
    storage.full = true;
    drafts.clear('report-a');
    expect(drafts.all('report-a')).toEqual([]);
  });
});
