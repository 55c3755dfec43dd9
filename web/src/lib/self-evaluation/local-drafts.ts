import { localDraftPrefix } from '#lib/monitoring/forget-local-drafts.ts';
import { type SelfEvaluationDraft, upgradeDraft } from '#lib/self-evaluation/self-evaluation-draft.ts';

/**
 * Unsaved self-evaluation edits kept on the device, as monitoring's check-in keeps its own
 * (`web/src/lib/monitoring/local-drafts.ts`): one entry per person, self-evaluation and the version the edits were
 * made on. They share monitoring's prefix, so signing out forgets them too (`forget-local-drafts.ts`); the
 * `self-evaluation.` segment keeps the two forms from reading each other's entries.
 */
export interface LocalSelfEvaluationDraft {
  selfEvaluationId: string;
  version: number;
  savedAt: string;
  draft: SelfEvaluationDraft;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const mineOf = (person: string, id: string) => `${localDraftPrefix}${person}.self-evaluation.${id}.`;

const entryOf = (value: unknown): LocalSelfEvaluationDraft | null => {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<LocalSelfEvaluationDraft>;
  if (typeof v.selfEvaluationId !== 'string' || typeof v.version !== 'number' || typeof v.savedAt !== 'string')
    return null;
  const draft = upgradeDraft(v.draft);
  return draft ? { selfEvaluationId: v.selfEvaluationId, version: v.version, savedAt: v.savedAt, draft } : null;
};

export class LocalSelfEvaluationDrafts {
  constructor(
    readonly person: string,
    readonly storage: () => Store | undefined = () => globalThis.localStorage,
  ) {}

  /** Keeps the edits made on `version`; storage that is full or switched off keeps nothing, quietly. */
  put(id: string, version: number, draft: SelfEvaluationDraft, now = new Date()): void {
    try {
      const entry: LocalSelfEvaluationDraft = { selfEvaluationId: id, version, savedAt: now.toISOString(), draft };
      this.storage()?.setItem(`${mineOf(this.person, id)}${version}`, JSON.stringify(entry));
    } catch {
      // the form still works; only a reload would lose the edits
    }
  }

  /** The newest edits kept for a self-evaluation, or null. */
  latest(id: string): LocalSelfEvaluationDraft | null {
    return this.#all(id).sort((a, b) => b.version - a.version || b.savedAt.localeCompare(a.savedAt))[0] ?? null;
  }

  clear(id: string): void {
    const store = this.storage();
    if (!store) return;
    const keys = this.#keys(id);
    for (const key of keys) store.removeItem(key);
  }

  #keys(id: string): string[] {
    const store = this.storage();
    if (!store) return [];
    const mine = mineOf(this.person, id);
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(mine)) keys.push(key);
    }
    return keys;
  }

  #all(id: string): LocalSelfEvaluationDraft[] {
    const store = this.storage();
    if (!store) return [];
    return this.#keys(id).flatMap((key) => {
      try {
        const entry = entryOf(JSON.parse(store.getItem(key) ?? 'null'));
        return entry && entry.selfEvaluationId === id ? [entry] : [];
      } catch {
        return [];
      }
    });
  }
}
