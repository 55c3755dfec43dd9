import { describe, expect, it } from 'vitest';
import { forgetLocalDrafts } from '#lib/monitoring/forget-local-drafts.ts';
import { LocalDrafts } from '#lib/monitoring/local-drafts.ts';
import type { ReportDraft } from '#lib/monitoring/report-draft.ts';
import { MemoryStorage } from '#lib/test-support/memory-storage.ts';

const draft: ReportDraft = {
  unit: 'wan',
  executed: { fiscal: '1', carryOver: '0', other: '0' },
  forecast: '',
  goalProgress: '',
  budgetDeviationReason: '',
  budgetCorrectiveMeasures: '',
  lines: [],
};

describe('signing out', () => {
  it('removes every kept check-in edit of the person, and nobody else’s or anything else', () => {
    const storage = new MemoryStorage();
    const mine = new LocalDrafts('user-1', () => storage);
    mine.put('report-a', 2, draft);
    mine.put('report-b', 5, draft);
    new LocalDrafts('user-10', () => storage).put('report-a', 2, draft);
    storage.setItem('jixiao.locale', 'zh-CN');
    forgetLocalDrafts('user-1', () => storage);
    expect(mine.latest('report-a')).toBeUndefined();
    expect(mine.latest('report-b')).toBeUndefined();
    expect(new LocalDrafts('user-10', () => storage).latest('report-a')?.version).toBe(2);
    expect(storage.getItem('jixiao.locale')).toBe('zh-CN');
  });

  it('does nothing when storage is switched off', () => {
    expect(() => forgetLocalDrafts('user-1', () => undefined)).not.toThrow();
  });
});
