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

/**
 * Storage the browser switched off for the site throws on every touch — even `localStorage` itself (a SecurityError
 * when cookies are blocked): the form then keeps nothing on the device and goes on working.
 */
const quietly = <T>(work: () => T, otherwise: T): T => {
  try {
    return work();
  } catch {
    return otherwise;
  }
};

export class LocalSelfEvaluationDrafts {
  constructor(
    readonly person: string,
    readonly storage: () => Store | undefined = () => globalThis.localStorage,
  ) {}

  /** Keeps the edits made on `version`; storage that is full or switched off keeps nothing, quietly. */
  put(id: string, version: number, draft: SelfEvaluationDraft, now = new Date()): void {
    const entry: LocalSelfEvaluationDraft = { selfEvaluationId: id, version, savedAt: now.toISOString(), draft };
    // the form still works if this keeps nothing; only a reload would lose the edits
    quietly(() => this.storage()?.setItem(`${mineOf(this.person, id)}${version}`, JSON.stringify(entry)), undefined);
  }

  /** The newest edits kept for a self-evaluation, or null. */
  latest(id: string): LocalSelfEvaluationDraft | null {
    return this.#all(id).sort((a, b) => b.version - a.version || b.savedAt.localeCompare(a.savedAt))[0] ?? null;
  }

  clear(id: string): void {
    quietly(() => {
      const store = this.storage();
      if (!store) return;
      for (const key of this.#keys(store, id)) store.removeItem(key);
    }, undefined);
  }

  #keys(store: Store, id: string): string[] {
    const mine = mineOf(this.person, id);
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(mine)) keys.push(key);
    }
    return keys;
  }

  #all(id: string): LocalSelfEvaluationDraft[] {
    return quietly(() => {
      const store = this.storage();
      if (!store) return [];
      return this.#keys(store, id).flatMap((key) => {
        // a damaged entry is not offered
        const entry = quietly(() => entryOf(JSON.parse(store.getItem(key) ?? 'null')), null);
        return entry && entry.selfEvaluationId === id ? [entry] : [];
      });
    }, []);
  }
}

/**
 * Kept edits put back into the form (docs/domain/self-evaluation.md, "The form"). Rows and sources are matched by
 * id: one the table no longer has is left out, one it gained keeps what is stored. The version is the one the edits
 * were made on, not the stored one: when the table was saved since (a colleague, another device), saving them then
 * meets the API's 409 and the person chooses between the two, instead of overwriting that save unseen.
 */
export const restoredDraft = (
  kept: LocalSelfEvaluationDraft,
  current: SelfEvaluationDraft,
): { draft: SelfEvaluationDraft; version: number } => ({
  draft: {
    ...kept.draft,
    rows: current.rows.map((r) => kept.draft.rows.find((k) => k.rowId === r.rowId) ?? r),
    money: current.money.map((l) => kept.draft.money.find((k) => k.source === l.source) ?? l),
  },
  version: kept.version,
});
