import { join } from 'node:path';
import { defaultThresholds } from '@jixiao/core/monitoring/monitoring-config.ts';
import type { SaveReport } from '@jixiao/core/monitoring/monitoring-report.ts';
import { sampleReportLine } from '@jixiao/core/monitoring/report-line.ts';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportWithChecks } from '#lib/monitoring/monitoring-types.ts';
import type { ReportEditor } from '#lib/monitoring/report-editor.svelte.ts';
import { MemoryStorage } from '#lib/test-support/memory-storage.ts';
import { importRunesModule } from '#lib/test-support/runes-module.ts';

/**
 * The check-in's editor class as the browser runs it: its runes compiled by Svelte's own compiler (the unit project
 * has no Svelte plugin), the API and the UI language replaced, localStorage a Map. What it sends, keeps on the phone
 * and does on a conflict is checked here; the page around it is the browser test's (test/e2e/monitoring.test.ts).
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

let Editor: new (report: ReportWithChecks, person: string) => ReportEditor;
let ApiErrorClass: new (problem: { type: string; title: string; status: number; current?: unknown }) => Error;

// Importing the compiled class loads every UI message: seconds, over ten on a busy machine.
beforeAll(async () => {
  ({ ReportEditor: Editor } = await importRunesModule<{ ReportEditor: typeof Editor }>(
    join(import.meta.dirname, 'report-editor.svelte.ts'),
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
afterEach(() => {
  vi.unstubAllGlobals();
});

/** A June check-in of one indicator, at `version`, as the API sends it. */
const report = (version: number, over: Partial<ReportWithChecks> = {}): ReportWithChecks =>
  ({
    id: 'report-1',
    version,
    dataDate: '2026-06-30',
    thresholds: defaultThresholds,
    budget: { fiscal: 1_000_000_00, carryOver: 0, other: 0 },
    executed: { fiscal: 0, carryOver: 0, other: 0 },
    forecastFullYearFen: null,
    goalProgress: '',
    budgetDeviationReason: '',
    budgetCorrectiveMeasures: '',
    lines: [sampleReportLine({ actualToDate: '', forecastYearEnd: '', likelihood: null })],
    reviewStatus: 'DRAFT',
    checks: [],
    ...over,
  }) as unknown as ReportWithChecks;

const conflict = (current: ReportWithChecks) =>
  new ApiErrorClass({
    type: 'urn:jixiao:problem:version-conflict',
    title: '该记录已被他人修改',
    status: 409,
    current,
  });

/** What the API answers a save: the stored copy with the body's content, one version on. */
const savedFrom = (before: ReportWithChecks, body: SaveReport): ReportWithChecks =>
  report(before.version + 1, {
    executed: body.executed ?? before.executed,
    forecastFullYearFen: body.forecastFullYearFen ?? before.forecastFullYearFen,
    goalProgress: body.goalProgress ?? before.goalProgress,
    lines: before.lines.map((l, i) => ({ ...l, ...body.lines?.[i] })),
  });

const keptKeys = () => storage.keys().filter((k) => k.startsWith('jixiao.monitoring-draft.user-1.report-1.'));

describe('the check-in editor', () => {
  it('judges as the person types, keeps the edits on the phone at the version read, sends them at it and forgets them', async () => {
    const editor = new Editor(report(3), 'user-1');
    expect(editor.dirty).toBe(false);
    expect(editor.assessment.executionRatePct).toBe(0);
    editor.draft.executed.fiscal = '30';
    expect(editor.dirty).toBe(true);
    expect(editor.assessment.executionRatePct).toBe(30);
    editor.keepLocally();
    expect(keptKeys()).toEqual(['jixiao.monitoring-draft.user-1.report-1.3']);

    api.patch.mockImplementation(async (_path, body) => savedFrom(report(3), body));
    const saved = await editor.save();
    expect(api.patch).toHaveBeenCalledWith(
      '/monitoring-reports/report-1',
      expect.objectContaining({ version: 3, executed: { fiscal: 30_000_000, carryOver: 0, other: 0 } }),
    );
    expect(saved?.version).toBe(4);
    expect(editor.dirty).toBe(false);
    expect(keptKeys()).toEqual([]);
  });

  it('sends nothing while an amount cannot be read, and says how many', async () => {
    const editor = new Editor(report(3), 'user-1');
    editor.draft.executed.fiscal = '3.0.1';
    expect(await editor.save()).toBeNull();
    expect(api.patch).not.toHaveBeenCalled();
    expect(editor.failure).toBe('有 1 处金额无法识别，改正后再保存。');
  });

  it('offers back edits kept on the phone from the same version, to be saved as usual', () => {
    const first = new Editor(report(3), 'user-1');
    first.draft.goalProgress = '已完成一半';
    first.keepLocally();

    const again = new Editor(report(3), 'user-1');
    expect(again.restorable?.version).toBe(3);
    expect(again.draft.goalProgress).toBe('');
    again.restore();
    expect(again.draft.goalProgress).toBe('已完成一半');
    expect(again.restoredBehind).toBe(false);
    expect(again.announcement).toBe('已恢复本机保留的修改，尚未保存。');

    expect(new Editor(report(3), 'user-2').restorable).toBeNull();
  });

  it('sends restored edits at the version they were made on: a save made since meets a conflict, never an overwrite', async () => {
    const before = new Editor(report(3), 'user-1');
    before.draft.executed.fiscal = '30';
    before.keepLocally();

    // Meanwhile a colleague saved twice on another phone: the report is at version 5, with their goal progress.
    const theirs = report(5, { goalProgress: '同事填写的进展' });
    const editor = new Editor(theirs, 'user-1');
    expect(editor.restorable?.version).toBe(3);
    editor.restore();
    expect(editor.restoredBehind).toBe(true);
    // Kept on the phone still at the version they were made on, so a reload does not hide how old they are.
    editor.keepLocally();
    expect(keptKeys()).toEqual(['jixiao.monitoring-draft.user-1.report-1.3']);

    api.patch.mockRejectedValueOnce(conflict(theirs));
    expect(await editor.save()).toBeNull();
    expect(api.patch).toHaveBeenLastCalledWith('/monitoring-reports/report-1', expect.objectContaining({ version: 3 }));
    expect(editor.conflict?.current.version).toBe(5);
    expect(editor.draft.executed.fiscal).toBe('30');

    // The person keeps theirs on top of the colleague's copy: now saved at version 5, knowingly.
    editor.keepMine();
    expect(editor.restoredBehind).toBe(false);
    expect(editor.announcement).toBe('已保留你的修改，请再次保存。');
    api.patch.mockImplementation(async (_path, body) => savedFrom(theirs, body));
    expect((await editor.save())?.version).toBe(6);
    expect(api.patch).toHaveBeenLastCalledWith('/monitoring-reports/report-1', expect.objectContaining({ version: 5 }));
    expect(keptKeys()).toEqual([]);
  });

  it('on a conflict over restored edits, taking the server’s copy drops them here and on the phone', async () => {
    const before = new Editor(report(3), 'user-1');
    before.draft.goalProgress = '我的进展';
    before.keepLocally();

    const theirs = report(4, { goalProgress: '同事的进展' });
    const editor = new Editor(theirs, 'user-1');
    editor.restore();
    expect(editor.restoredBehind).toBe(true);
    api.patch.mockRejectedValueOnce(conflict(theirs));
    await editor.save();
    expect(editor.conflict?.title).toBe('该记录已被他人修改');
    expect(editor.draft.goalProgress).toBe('我的进展');

    editor.takeServer();
    expect(editor.conflict).toBeNull();
    expect(editor.restoredBehind).toBe(false);
    expect(editor.saved.version).toBe(4);
    expect(editor.draft.goalProgress).toBe('同事的进展');
    expect(editor.dirty).toBe(false);
    expect(keptKeys()).toEqual([]);
    expect(editor.announcement).toBe('已载入系统中的最新内容。');
  });

  it('opens and saves when the browser has switched storage off (reaching localStorage throws)', async () => {
    vi.unstubAllGlobals();
    const original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    try {
      const editor = new Editor(report(3), 'user-1');
      expect(editor.restorable).toBeNull();
      editor.draft.goalProgress = '已完成一半';
      expect(() => editor.keepLocally()).not.toThrow();
      api.patch.mockImplementation(async (_path, body) => savedFrom(report(3), body));
      expect((await editor.save())?.version).toBe(4);
    } finally {
      if (original) Object.defineProperty(globalThis, 'localStorage', original);
      else Reflect.deleteProperty(globalThis, 'localStorage');
    }
  });
});
