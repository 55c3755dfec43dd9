import { join } from 'node:path';
import { defaultScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import type { KeptMoneyLine } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { blankEntry, type SelfEvaluationRow } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import { exampleRows } from '@jixiao/core/self-evaluation/worked-example.ts';
import { defaultTargetWeights } from '@jixiao/core/submission/target-weights.ts';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SelfEvaluationEditor } from '#lib/self-evaluation/self-evaluation-editor.svelte.ts';
import type { SelfEvaluationWithSheet } from '#lib/self-evaluation/self-evaluation-types.ts';
import { MemoryStorage } from '#lib/test-support/memory-storage.ts';
import { importRunesModule } from '#lib/test-support/runes-module.ts';

/**
 * The form's editor class as the browser runs it: its runes compiled by Svelte's own compiler (the unit project has
 * no Svelte plugin), the API and the UI language replaced, localStorage a Map. What it sends, keeps on the device
 * and does on a conflict is checked here; the page around it is the browser test's.
 */
const api = vi.hoisted(() => ({ patch: vi.fn(), post: vi.fn() }));
vi.mock('#lib/api.ts', () => {
  class ApiError extends Error {
    constructor(readonly problem: { type: string; title: string; status: number; errors?: unknown[] }) {
      super(problem.title);
    }
    get status() {
      return this.problem.status;
    }
    get offline() {
      return false;
    }
    is(code: string) {
      return this.problem.type === `urn:jixiao:problem:${code}`;
    }
    get fieldErrors() {
      return this.problem.errors ?? [];
    }
  }
  return { api, ApiError };
});
vi.mock('#lib/i18n.svelte.ts', () => ({ i18n: { language: 'zh-CN' } }));

let Editor: new (record: SelfEvaluationWithSheet, person: string) => SelfEvaluationEditor;
let ApiErrorClass: new (problem: { type: string; title: string; status: number; current?: unknown }) => Error;

// Importing the compiled class loads every UI message: seconds, over ten on a busy machine.
beforeAll(async () => {
  ({ SelfEvaluationEditor: Editor } = await importRunesModule<{ SelfEvaluationEditor: typeof Editor }>(
    join(import.meta.dirname, 'self-evaluation-editor.svelte.ts'),
  ));
  ({ ApiError: ApiErrorClass } = (await import('#lib/api.ts')) as unknown as { ApiError: typeof ApiErrorClass });
}, 120_000);

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
  api.patch.mockReset();
  api.post.mockReset();
});

const line = (over: Partial<KeptMoneyLine> & Pick<KeptMoneyLine, 'source'>): KeptMoneyLine => ({
  initialBudgetFen: null,
  annualBudgetFen: null,
  executedFen: null,
  origin: 'PROJECT',
  importedExecutedFen: null,
  overrideReason: '',
  ...over,
});

/** The worked example as issued, at `version`, as the API sends it. */
const record = (version: number, over: Partial<SelfEvaluationWithSheet> = {}): SelfEvaluationWithSheet =>
  ({
    id: 'se-1',
    version,
    fiscalYear: 2026,
    goalCompletion: '',
    money: [line({ source: 'FISCAL', initialBudgetFen: 100_000_000, annualBudgetFen: 100_000_000 })],
    rows: exampleRows.map((r): SelfEvaluationRow => ({ ...r, ...blankEntry(r.rowId) })),
    claimedTotal: null,
    weights: defaultTargetWeights,
    scoring: defaultScoringSettings,
    rowAttachments: {},
    reviewStatus: 'DRAFT',
    sheet: {},
    checks: [],
    flags: [],
    claims: [],
    ...over,
  }) as unknown as SelfEvaluationWithSheet;

const conflict = (current: SelfEvaluationWithSheet) =>
  new ApiErrorClass({
    type: 'urn:jixiao:problem:version-conflict',
    title: '该记录已被他人修改',
    status: 409,
    current,
  });

/** What the API answers a save: the stored copy with the body's figures and entries, one version on. */
const savedFrom = (before: SelfEvaluationWithSheet, body: { money: KeptMoneyLine[]; rows: SelfEvaluationRow[] }) =>
  record(before.version + 1, {
    money: before.money.map((l, i) => ({ ...l, ...body.money[i] })),
    rows: before.rows.map((r, i) => ({ ...r, ...body.rows[i] })),
  });

const keptKeys = () => storage.keys().filter((k) => k.includes('.self-evaluation.se-1.'));

describe('the self-evaluation editor', () => {
  it('scores as the person types, keeps the edits on the device, sends them at the version read and then forgets them', async () => {
    const editor = new Editor(record(3), 'user-1');
    expect(editor.dirty).toBe(false);
    expect(editor.sheet.execution.score).toBeNull();
    editor.draft.money[0]!.executed = '92';
    expect(editor.dirty).toBe(true);
    expect(editor.sheet.execution.score).toBe(9.2);
    editor.keepLocally();
    expect(keptKeys()).toEqual(['jixiao.monitoring-draft.user-1.self-evaluation.se-1.3']);

    api.patch.mockImplementation(async (_path, body) => savedFrom(record(3), body));
    const saved = await editor.save();
    expect(api.patch).toHaveBeenCalledWith(
      '/self-evaluations/se-1',
      expect.objectContaining({ version: 3, money: [expect.objectContaining({ executedFen: 92_000_000 })] }),
    );
    expect(saved?.version).toBe(4);
    expect(editor.dirty).toBe(false);
    expect(keptKeys()).toEqual([]);
    expect(editor.announcement).toBe('已保存。');
  });

  it('sends nothing while an amount cannot be read, and says how many', async () => {
    const editor = new Editor(record(3), 'user-1');
    editor.draft.money[0]!.executed = '9.2.1';
    expect(editor.errorAt('/money/0/executedFen')).toBeTruthy();
    expect(await editor.save()).toBeNull();
    expect(api.patch).not.toHaveBeenCalled();
    expect(editor.failure).toBe('有 1 个金额填写有误，未保存。');
  });

  it('offers back edits kept on the device, and drops kept edits that say what is stored', () => {
    const first = new Editor(record(3), 'user-1');
    first.draft.rows[0]!.actual = '487';
    first.keepLocally();

    const again = new Editor(record(3), 'user-1');
    expect(again.restorable?.version).toBe(3);
    expect(again.draft.rows[0]!.actual).toBe('');
    again.restore();
    expect(again.draft.rows[0]!.actual).toBe('487');
    expect(again.restoredBehind).toBe(false);
    expect(again.announcement).toBe('已恢复本机保存的修改。');

    const other = new Editor(record(3), 'user-2');
    expect(other.restorable).toBeNull();

    storage.setItem(
      'jixiao.monitoring-draft.user-1.self-evaluation.se-1.3',
      JSON.stringify({ selfEvaluationId: 'se-1', version: 3, savedAt: '2027-02-01T00:00:00Z', draft: first.draft }),
    );
    const stored = record(4, { rows: first.draft.rows.map((r, i) => ({ ...record(4).rows[i]!, actual: r.actual })) });
    const upToDate = new Editor(stored, 'user-1');
    expect(upToDate.restorable).toBeNull();
    expect(keptKeys()).toEqual([]);
  });

  it('sends restored edits at the version they were made on: a save made since meets a conflict, never an overwrite', async () => {
    const before = new Editor(record(3), 'user-1');
    before.draft.money[0]!.executed = '92';
    before.keepLocally();

    // Meanwhile a colleague saved twice on another device: the table is at version 5, with their goal.
    const theirs = record(5, { goalCompletion: '同事填写的完成情况' });
    const editor = new Editor(theirs, 'user-1');
    expect(editor.restorable?.version).toBe(3);
    editor.restore();
    expect(editor.restoredBehind).toBe(true);
    editor.keepLocally();
    expect(keptKeys()).toEqual(['jixiao.monitoring-draft.user-1.self-evaluation.se-1.3']);

    api.patch.mockRejectedValueOnce(conflict(theirs));
    expect(await editor.save()).toBeNull();
    expect(api.patch).toHaveBeenLastCalledWith('/self-evaluations/se-1', expect.objectContaining({ version: 3 }));
    expect(editor.conflict?.current.version).toBe(5);

    // The person keeps theirs on top of the colleague's copy: now saved at version 5, knowingly.
    editor.keepMine();
    expect(editor.restoredBehind).toBe(false);
    api.patch.mockImplementation(async (_path, body) => savedFrom(theirs, body));
    expect((await editor.save())?.version).toBe(6);
    expect(api.patch).toHaveBeenLastCalledWith('/self-evaluations/se-1', expect.objectContaining({ version: 5 }));
    expect(keptKeys()).toEqual([]);
  });

  it('on a conflict, taking the server’s copy drops the person’s edits here and on the device', async () => {
    const editor = new Editor(record(3), 'user-1');
    editor.draft.goalCompletion = '我的修改';
    editor.keepLocally();
    const current = record(4, { goalCompletion: '别人的修改' });
    api.patch.mockRejectedValueOnce(conflict(current));
    await editor.save();
    expect(editor.conflict?.title).toBe('该记录已被他人修改');
    expect(editor.draft.goalCompletion).toBe('我的修改');
    editor.takeServer();
    expect(editor.conflict).toBeNull();
    expect(editor.saved.version).toBe(4);
    expect(editor.draft.goalCompletion).toBe('别人的修改');
    expect(editor.dirty).toBe(false);
    expect(keptKeys()).toEqual([]);
  });
});
