import { localDraftPrefix } from '#lib/monitoring/forget-local-drafts.ts';
import { type ReportDraft, upgradeDraft } from '#lib/monitoring/report-draft.ts';

/**
 * Unsaved check-in edits kept on the phone, so a reload, a closed tab or a dropped connection does
 * not lose them: one entry per person, report and the version the edits were made on
 * (`jixiao.monitoring-draft.{person}.{report}.{version}`). The form offers the newest back when the
 * report is opened again, and clears them once the server has the edits (or the person drops them);
 * signing out removes them all (`forget-local-drafts.ts`).
 */
export interface LocalDraft {
  reportId: string;
  version: number;
  savedAt: string;
  draft: ReportDraft;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const prefix = localDraftPrefix;
const keyOf = (person: string, reportId: string, version: number) => `${prefix}${person}.${reportId}.${version}`;

/** An entry read back, with a draft kept before the form typed 万元 converted to it; null when it is not one. */
const localDraftOf = (value: unknown): LocalDraft | null => {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<LocalDraft>;
  if (typeof v.reportId !== 'string' || typeof v.version !== 'number' || typeof v.savedAt !== 'string') return null;
  const draft = upgradeDraft(v.draft);
  return draft ? { reportId: v.reportId, version: v.version, savedAt: v.savedAt, draft } : null;
};

/**
 * Storage the browser switched off for the site throws on every touch — even reading `localStorage` itself (a
 * SecurityError when cookies are blocked): the form then keeps nothing on the phone and goes on working.
 */
const quietly = <T>(work: () => T, otherwise: T): T => {
  try {
    return work();
  } catch {
    return otherwise;
  }
};

export class LocalDrafts {
  constructor(
    readonly person: string,
    readonly storage: () => Store | undefined = () => globalThis.localStorage,
  ) {}

  /** Keeps the edits made on `version`; storage that is full or switched off keeps nothing, quietly. */
  put(reportId: string, version: number, draft: ReportDraft, now = new Date()): void {
    const entry: LocalDraft = { reportId, version, savedAt: now.toISOString(), draft };
    // the form still works if this keeps nothing; only a reload would lose the edits
    quietly(() => this.storage()?.setItem(keyOf(this.person, reportId, version), JSON.stringify(entry)), undefined);
  }

  /** The edits kept for a report, newest version first. */
  all(reportId: string): LocalDraft[] {
    return quietly(() => {
      const store = this.storage();
      if (!store) return [];
      return this.#keys(store, reportId)
        .flatMap((key) => {
          // a damaged entry is not offered
          const value = quietly(() => localDraftOf(JSON.parse(store.getItem(key) ?? 'null')), null);
          return value && value.reportId === reportId ? [value] : [];
        })
        .sort((a, b) => b.version - a.version);
    }, []);
  }

  latest(reportId: string): LocalDraft | undefined {
    return this.all(reportId)[0];
  }

  /** Drops every kept version of a report's edits (after a save, or when the person discards them). */
  clear(reportId: string): void {
    quietly(() => {
      const store = this.storage();
      if (!store) return;
      for (const key of this.#keys(store, reportId)) store.removeItem(key);
    }, undefined);
  }

  #keys(store: Store, reportId: string): string[] {
    const mine = `${prefix}${this.person}.${reportId}.`;
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(mine)) keys.push(key);
    }
    return keys;
  }
}
