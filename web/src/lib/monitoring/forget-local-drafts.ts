/**
 * Where unsaved check-in edits are kept on the phone (`local-drafts.ts`), and their removal when
 * the person signs out: nothing of theirs stays behind for whoever uses the phone next. Kept apart
 * from the drafts themselves so the app header can call it without loading the check-in's code.
 */
export const localDraftPrefix = 'jixiao.monitoring-draft.';

type Store = Pick<Storage, 'key' | 'removeItem' | 'length'>;

/** Removes every kept edit of one person; storage that is switched off has nothing to remove. */
export const forgetLocalDrafts = (person: string, storage: () => Store | undefined = () => globalThis.localStorage) => {
  try {
    const store = storage();
    if (!store) return;
    const mine = `${localDraftPrefix}${person}.`;
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(mine)) keys.push(key);
    }
    for (const key of keys) store.removeItem(key);
  } catch {
    // nothing more to do
  }
};
