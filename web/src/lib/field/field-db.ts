import type { ToDoHome } from '@jixiao/core/daily-work/to-do.ts';
import type { Assignment } from '@jixiao/core/fieldwork/assignment.ts';
import type { FieldPackage } from '@jixiao/core/fieldwork/field-package.ts';
import { deleteDatabase, openDatabase, transaction } from '#lib/field/idb.ts';
import type { LocalPhoto, LocalRecord } from '#lib/field/local-record.ts';

/**
 * The evaluator's field data on this phone, one IndexedDB database per user id: packages
 * downloaded for offline use, records and their photos. Records of one person are only ever sent
 * with that person's token, because nobody else's session opens this database.
 */
export interface StoredPackage {
  id: string;
  pkg: FieldPackage;
  /** Device time of the download (the package carries the server's). */
  savedAt: string;
}

export interface AssignmentList {
  key: 'assignments';
  items: Assignment[];
  syncedAt: string;
}

/**
 * The person's to-do lists as last read on this phone (docs/domain/daily-work.md#the-to-do-home), so the
 * field home still shows them, marked with when they were read, with no network.
 */
export interface KeptToDo {
  key: 'to-do';
  home: ToDoHome;
  /** Device time of the read. */
  readAt: string;
}

const stores = { packages: 'packages', records: 'records', photos: 'photos', meta: 'meta' } as const;

export const databaseName = (userId: string): string => `jixiao-field-${userId}`;

export class FieldDb {
  private constructor(
    readonly userId: string,
    private readonly db: IDBDatabase,
  ) {}

  static async open(userId: string): Promise<FieldDb> {
    const db = await openDatabase(databaseName(userId), 1, (d) => {
      if (!d.objectStoreNames.contains(stores.packages)) d.createObjectStore(stores.packages, { keyPath: 'id' });
      if (!d.objectStoreNames.contains(stores.records)) {
        d.createObjectStore(stores.records, { keyPath: 'id' }).createIndex('assignmentId', 'assignmentId');
      }
      if (!d.objectStoreNames.contains(stores.photos)) {
        d.createObjectStore(stores.photos, { keyPath: 'id' }).createIndex('recordId', 'recordId');
      }
      if (!d.objectStoreNames.contains(stores.meta)) d.createObjectStore(stores.meta, { keyPath: 'key' });
    });
    return new FieldDb(userId, db);
  }

  close(): void {
    this.db.close();
  }

  /** The assignment list and every package in one commit: the phone never holds half a sync. */
  saveSync(list: AssignmentList, packages: StoredPackage[]): Promise<void> {
    return transaction(this.db, [stores.meta, stores.packages], 'readwrite', (tx) => {
      tx.objectStore(stores.meta).put(list);
      for (const p of packages) tx.objectStore(stores.packages).put(p);
      return () => undefined;
    });
  }

  assignments(): Promise<AssignmentList | undefined> {
    return transaction(this.db, [stores.meta], 'readonly', (tx) => {
      const r = tx.objectStore(stores.meta).get('assignments');
      return () => r.result as AssignmentList | undefined;
    });
  }

  /** Replaces the kept to-do lists with the ones just read (in the meta store: no new database version). */
  keepToDo(kept: KeptToDo): Promise<void> {
    return transaction(this.db, [stores.meta], 'readwrite', (tx) => {
      tx.objectStore(stores.meta).put(kept);
      return () => undefined;
    });
  }

  keptToDo(): Promise<KeptToDo | undefined> {
    return transaction(this.db, [stores.meta], 'readonly', (tx) => {
      const r = tx.objectStore(stores.meta).get('to-do');
      return () => r.result as KeptToDo | undefined;
    });
  }

  packages(): Promise<StoredPackage[]> {
    return transaction(this.db, [stores.packages], 'readonly', (tx) => {
      const r = tx.objectStore(stores.packages).getAll();
      return () => r.result as StoredPackage[];
    });
  }

  package(assignmentId: string): Promise<StoredPackage | undefined> {
    return transaction(this.db, [stores.packages], 'readonly', (tx) => {
      const r = tx.objectStore(stores.packages).get(assignmentId);
      return () => r.result as StoredPackage | undefined;
    });
  }

  records(): Promise<LocalRecord[]> {
    return transaction(this.db, [stores.records], 'readonly', (tx) => {
      const r = tx.objectStore(stores.records).getAll();
      return () => r.result as LocalRecord[];
    });
  }

  record(id: string): Promise<LocalRecord | undefined> {
    return transaction(this.db, [stores.records], 'readonly', (tx) => {
      const r = tx.objectStore(stores.records).get(id);
      return () => r.result as LocalRecord | undefined;
    });
  }

  photo(id: string): Promise<LocalPhoto | undefined> {
    return transaction(this.db, [stores.photos], 'readonly', (tx) => {
      const r = tx.objectStore(stores.photos).get(id);
      return () => r.result as LocalPhoto | undefined;
    });
  }

  photosOf(recordId: string): Promise<LocalPhoto[]> {
    return transaction(this.db, [stores.photos], 'readonly', (tx) => {
      const r = tx.objectStore(stores.photos).index('recordId').getAll(recordId);
      return () => r.result as LocalPhoto[];
    });
  }

  /** A new record, with nothing else in the way. */
  add(record: LocalRecord): Promise<void> {
    return transaction(this.db, [stores.records], 'readwrite', (tx) => {
      tx.objectStore(stores.records).add(record);
      return () => undefined;
    });
  }

  /**
   * Read-modify-write of one record inside one transaction, with the photos it adds or drops:
   * the editor's autosave and the outbox's receipts never overwrite each other, and a record is
   * never committed without the photo bytes it declares. Resolves with the record as written
   * (undefined when it is gone or `change` returned undefined).
   */
  patch(
    id: string,
    change: (record: LocalRecord) => LocalRecord | undefined,
    photos: { put?: LocalPhoto[]; remove?: string[] } = {},
  ): Promise<LocalRecord | undefined> {
    return transaction(this.db, [stores.records, stores.photos], 'readwrite', (tx) => {
      let written: LocalRecord | undefined;
      const records = tx.objectStore(stores.records);
      const get = records.get(id);
      get.onsuccess = () => {
        const current = get.result as LocalRecord | undefined;
        if (!current) return;
        written = change(current);
        if (!written) return;
        records.put(written);
        for (const p of photos.put ?? []) tx.objectStore(stores.photos).put(p);
        for (const p of photos.remove ?? []) tx.objectStore(stores.photos).delete(p);
      };
      return () => written;
    });
  }

  /**
   * Records the server already holds, added only where this phone has no copy of its own: what the
   * phone has (even an older edit) is never replaced by a download.
   */
  addMissing(records: readonly LocalRecord[]): Promise<number> {
    return transaction(this.db, [stores.records], 'readwrite', (tx) => {
      const store = tx.objectStore(stores.records);
      let added = 0;
      for (const record of records) {
        const key = store.getKey(record.id);
        key.onsuccess = () => {
          if (key.result !== undefined) return;
          store.add(record);
          added++;
        };
      }
      return () => added;
    });
  }

  /** Removes a record that never left the phone (a draft thrown away) with its photos. */
  removeDraft(id: string): Promise<void> {
    return transaction(this.db, [stores.records, stores.photos], 'readwrite', (tx) => {
      const get = tx.objectStore(stores.records).get(id);
      get.onsuccess = () => {
        const r = get.result as LocalRecord | undefined;
        if (!r || r.createSent) return; // once sent it stays: the server has it
        tx.objectStore(stores.records).delete(id);
        const keys = tx.objectStore(stores.photos).index('recordId').getAllKeys(id);
        keys.onsuccess = () => {
          for (const k of keys.result) tx.objectStore(stores.photos).delete(k);
        };
      };
      return () => undefined;
    });
  }
}

/** Deletes everything one user has on this phone (after sign-out was confirmed). */
export const deleteUserData = (userId: string): Promise<void> => deleteDatabase(databaseName(userId));
