import { blankEntry } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import { describe, expect, it } from 'vitest';
import { forgetLocalDrafts } from '#lib/monitoring/forget-local-drafts.ts';
import { LocalDrafts } from '#lib/monitoring/local-drafts.ts';
import type { ReportDraft } from '#lib/monitoring/report-draft.ts';
import { LocalSelfEvaluationDrafts, restoredDraft } from '#lib/self-evaluation/local-drafts.ts';
import type { RowDraft, SelfEvaluationDraft } from '#lib/self-evaluation/self-evaluation-draft.ts';
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
  override getItem(): string | null {
    return blocked();
  }
  override removeItem() {
    blocked();
  }
}

const row = (rowId: string, actual: string): RowDraft => ({
  ...blankEntry(rowId),
  actual,
  tierScore: '',
  deduction: '',
  claimedScore: '',
});

const draft = (executed: string, rows: RowDraft[] = [row('r1', '487')]): SelfEvaluationDraft => ({
  goalCompletion: '全年培训 487 人次',
  money: [
    { source: 'FISCAL', initial: '100', annual: '100', executed, overrideReason: '' },
    { source: 'OTHER', initial: '', annual: '', executed: '', overrideReason: '' },
  ],
  rows,
  claimedTotal: '',
});

describe('self-evaluation edits kept on the device until sent', () => {
  it('gives back the newest edits of a self-evaluation, as they were typed', () => {
    const storage = new MemoryStorage();
    const drafts = new LocalSelfEvaluationDrafts('user-1', () => storage);
    drafts.put('se-a', 2, draft('90'), new Date('2027-02-01T01:00:00Z'));
    drafts.put('se-a', 3, draft('91'), new Date('2027-02-01T02:00:00Z'));
    drafts.put('se-a', 3, draft('92.000001'), new Date('2027-02-01T03:00:00Z'));
    drafts.put('se-b', 9, draft('1'), new Date('2027-02-01T04:00:00Z'));
    expect(drafts.latest('se-a')).toEqual({
      selfEvaluationId: 'se-a',
      version: 3,
      savedAt: '2027-02-01T03:00:00.000Z',
      draft: draft('92.000001'),
    });
    expect(drafts.latest('se-b')?.draft.money[0]?.executed).toBe('1');
    expect(drafts.latest('se-c')).toBeNull();
  });

  it('keeps each record apart, even one whose id begins another’s', () => {
    const storage = new MemoryStorage();
    const drafts = new LocalSelfEvaluationDrafts('user-1', () => storage);
    drafts.put('se-1', 2, draft('1'));
    drafts.put('se-10', 2, draft('10'));
    expect(drafts.latest('se-1')?.draft.money[0]?.executed).toBe('1');
    drafts.clear('se-1');
    expect(drafts.latest('se-1')).toBeNull();
    expect(drafts.latest('se-10')?.draft.money[0]?.executed).toBe('10');
  });

  it('keeps each person’s edits apart on a shared device', () => {
    const storage = new MemoryStorage();
    new LocalSelfEvaluationDrafts('preparer', () => storage).put('se-a', 2, draft('90'));
    expect(new LocalSelfEvaluationDrafts('approver', () => storage).latest('se-a')).toBeNull();
    expect(new LocalSelfEvaluationDrafts('preparer', () => storage).latest('se-a')?.version).toBe(2);
  });

  it('never reads a monitoring check-in’s kept edits, nor lets the check-in read its own', () => {
    const storage = new MemoryStorage();
    const checkIn: ReportDraft = {
      unit: 'wan',
      executed: { fiscal: '1', carryOver: '0', other: '0' },
      forecast: '',
      goalProgress: '',
      budgetDeviationReason: '',
      budgetCorrectiveMeasures: '',
      lines: [],
    };
    new LocalDrafts('user-1', () => storage).put('same-id', 2, checkIn);
    const drafts = new LocalSelfEvaluationDrafts('user-1', () => storage);
    expect(drafts.latest('same-id')).toBeNull();
    drafts.put('same-id', 3, draft('90'));
    expect(new LocalDrafts('user-1', () => storage).all('same-id').map((d) => d.version)).toEqual([2]);
  });

  it('forgets every version once the server has the edits, and nothing else', () => {
    const storage = new MemoryStorage();
    const drafts = new LocalSelfEvaluationDrafts('user-1', () => storage);
    drafts.put('se-a', 2, draft('90'));
    drafts.put('se-a', 3, draft('91'));
    drafts.put('se-b', 1, draft('1'));
    storage.setItem('jixiao.monitoring-draft.user-1.self-evaluation.se-a.4', '{damaged');
    storage.setItem('jixiao.locale', 'zh-CN');
    drafts.clear('se-a');
    expect(drafts.latest('se-a')).toBeNull();
    expect([...Array(storage.length).keys()].map((i) => storage.key(i))).toEqual([
      'jixiao.monitoring-draft.user-1.self-evaluation.se-b.1',
      'jixiao.locale',
    ]);
  });

  it('are forgotten with the person’s other kept edits when they sign out', () => {
    const storage = new MemoryStorage();
    const mine = new LocalSelfEvaluationDrafts('user-1', () => storage);
    mine.put('se-a', 2, draft('90'));
    const theirs = new LocalSelfEvaluationDrafts('user-10', () => storage);
    theirs.put('se-a', 2, draft('80'));
    forgetLocalDrafts('user-1', () => storage);
    expect(mine.latest('se-a')).toBeNull();
    expect(theirs.latest('se-a')?.draft.money[0]?.executed).toBe('80');
  });

  it('offers nothing it cannot read: a damaged entry, another record’s, an older shape', () => {
    const storage = new MemoryStorage();
    const prefix = 'jixiao.monitoring-draft.user-1.self-evaluation.se-a.';
    storage.setItem(`${prefix}5`, '{damaged');
    storage.setItem(`${prefix}6`, JSON.stringify({ selfEvaluationId: 'se-a', version: 6 }));
    storage.setItem(
      `${prefix}7`,
      JSON.stringify({ selfEvaluationId: 'se-b', version: 7, savedAt: '2027-02-01T00:00:00Z', draft: draft('7') }),
    );
    storage.setItem(
      `${prefix}8`,
      JSON.stringify({ selfEvaluationId: 'se-a', version: 8, savedAt: '2027-02-01T00:00:00Z', draft: { rows: [] } }),
    );
    const drafts = new LocalSelfEvaluationDrafts('user-1', () => storage);
    expect(drafts.latest('se-a')).toBeNull();
    drafts.put('se-a', 4, draft('4'));
    expect(drafts.latest('se-a')?.version).toBe(4);
  });

  it('keeps the form working when storage is full, missing or switched off', () => {
    const storage = new MemoryStorage();
    storage.full = true;
    const full = new LocalSelfEvaluationDrafts('user-1', () => storage);
    expect(() => full.put('se-a', 3, draft('1'))).not.toThrow();
    expect(full.latest('se-a')).toBeNull();

    const none = new LocalSelfEvaluationDrafts('user-1', () => undefined);
    expect(() => none.put('se-a', 3, draft('1'))).not.toThrow();
    expect(none.latest('se-a')).toBeNull();
    expect(() => none.clear('se-a')).not.toThrow();

    const broken = new BrokenStorage();
    const off = new LocalSelfEvaluationDrafts('user-1', () => broken);
    expect(() => off.put('se-a', 3, draft('1'))).not.toThrow();
    expect(off.latest('se-a')).toBeNull();
    expect(() => off.clear('se-a')).not.toThrow();

    const unreachable = new LocalSelfEvaluationDrafts('user-1', blocked);
    expect(() => unreachable.put('se-a', 3, draft('1'))).not.toThrow();
    expect(unreachable.latest('se-a')).toBeNull();
    expect(() => unreachable.clear('se-a')).not.toThrow();
  });
});

describe('kept edits put back into the form', () => {
  const kept = (version: number, d: SelfEvaluationDraft) => ({
    selfEvaluationId: 'se-a',
    version,
    savedAt: '2027-02-01T00:00:00.000Z',
    draft: d,
  });

  it('are saved at the version they were made on, so a save made since is met by a conflict, never overwritten', () => {
    // These edits were made on version 3; a colleague has saved the table twice since (the form holds version 5).
    expect(restoredDraft(kept(3, draft('92')), draft('90'))).toEqual({ draft: draft('92'), version: 3 });
  });

  it('match rows and sources by id: what the table no longer has is left out, what it gained keeps its stored value', () => {
    const current = draft('90', [row('r1', ''), row('r3', '3')]);
    current.money = [
      ...current.money,
      { source: 'CARRY_OVER', initial: '5', annual: '5', executed: '', overrideReason: '' },
    ];
    const edits = draft('92', [row('r2', 'gone'), row('r1', '487')]);
    const { draft: restored } = restoredDraft(kept(3, edits), current);
    expect(restored.rows).toEqual([row('r1', '487'), row('r3', '3')]);
    expect(restored.money.map((m) => [m.source, m.executed])).toEqual([
      ['FISCAL', '92'],
      ['OTHER', ''],
      ['CARRY_OVER', ''],
    ]);
    expect(restored.money[2]?.initial).toBe('5');
    expect(restored.goalCompletion).toBe('全年培训 487 人次');
  });
});
