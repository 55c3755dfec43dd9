import type { Assignment } from '@jixiao/core/fieldwork/assignment.ts';
import type { FieldPackage } from '@jixiao/core/fieldwork/field-package.ts';
import type { FieldRecordContent } from '@jixiao/core/fieldwork/field-record.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import type { Me } from '@jixiao/core/platform.ts';
import { agencyRoles } from '@jixiao/core/roles.ts';
import { FieldHttpError, fieldRequest } from '#lib/field/field-api.ts';
import { deleteUserData, FieldDb, type StoredPackage } from '#lib/field/field-db.ts';
import { FieldToDo } from '#lib/field/field-to-do.svelte.ts';
import {
  isWrittenDraft,
  type LocalPhoto,
  type LocalRecord,
  localCopyOfServer,
  type ServerRecord,
  unsentSummary,
} from '#lib/field/local-record.ts';
import { type NewRecordOf, newLocalRecord, titleOfServer } from '#lib/field/new-record.ts';
import { OutboxManager } from '#lib/field/outbox-manager.svelte.ts';
import { jwtClaims } from '#lib/oidc.ts';
import { sessionManager } from '#lib/session-manager.svelte.ts';

/** Below this much free space a new record is refused: photos of one visit alone take a few MB. */
export const minimumFreeBytes = 20 * 1024 * 1024;

export type StartRefusal = 'storage-full' | 'no-package' | 'not-open' | 'fieldwork-closed';

/** Whom the field app works for: the cached profile, even offline or with an expired session. */
export const fieldPerson = (): Me | null => {
  const me = sessionManager.me;
  return me?.roles.some((r) => agencyRoles.includes(r)) ? me : null;
};

/**
 * The evaluator's field data on this phone as the screens see it: the assignments and packages
 * for offline use, the records, the outbox, and what the browser says about storage. One person's
 * database at a time; whoever signs in next opens their own.
 */
export class FieldManager {
  userId = $state<string | null>(null);
  ready = $state(false);
  openError = $state<string | null>(null);
  assignments = $state.raw<Assignment[]>([]);
  syncedAt = $state<string | null>(null);
  packages = $state.raw<StoredPackage[]>([]);
  records = $state.raw<LocalRecord[]>([]);
  syncing = $state(false);
  syncError = $state<FieldHttpError | null>(null);
  /** The browser's answer to `navigator.storage.persist()`; null before asking or where unsupported. */
  persisted = $state<boolean | null>(null);
  storage = $state<{ usage: number; quota: number } | null>(null);

  readonly summary = $derived(unsentSummary(this.records));
  readonly outbox: OutboxManager;
  /** The agency's to-do lists, as last read (kept in this person's database). */
  readonly toDo: FieldToDo;

  #db: FieldDb | null = null;
  #subject: string | null = null;
  #opening: Promise<void> | null = null;

  constructor() {
    this.outbox = new OutboxManager({
      db: () => this.#db,
      token: () => this.#token(),
      changed: () => this.#changed(),
    });
    this.toDo = new FieldToDo({ db: () => this.#db, token: () => this.#token() });
  }

  #refreshSoon: ReturnType<typeof setTimeout> | undefined;

  /**
   * The outbox reports every step it takes; re-reading every record after each one would make a
   * drain of a thousand records quadratic. The list is re-read at most twice a second instead,
   * always once more after the last change.
   */
  #changed(): void {
    if (this.#refreshSoon !== undefined) return;
    this.#refreshSoon = setTimeout(() => {
      this.#refreshSoon = undefined;
      void this.refresh().catch(() => undefined);
    }, 500);
  }

  get db(): FieldDb | null {
    return this.#db;
  }

  /** The session's token, only when it is the token of the person whose records these are. */
  #token(): string | null {
    const token = sessionManager.token;
    if (!token || !this.#subject) return null;
    return jwtClaims(token)?.sub === this.#subject ? token : null;
  }

  /** Opens the person's database (again only when the person changed). */
  open(me: Me): Promise<void> {
    if (this.userId === me.userId && (this.ready || this.#opening)) return this.#opening ?? Promise.resolve();
    this.#db?.close();
    this.#db = null;
    this.ready = false;
    this.userId = me.userId;
    this.#subject = me.subject;
    this.records = [];
    this.packages = [];
    this.assignments = [];
    this.syncedAt = null;
    this.toDo.clear();
    this.#opening = (async () => {
      try {
        const db = await FieldDb.open(me.userId);
        if (this.userId !== me.userId) return db.close();
        this.#db = db;
        this.openError = null;
        await Promise.all([this.refresh(), this.toDo.load()]);
        this.ready = true;
      } catch (error) {
        this.openError = error instanceof Error ? error.message : String(error);
      } finally {
        this.#opening = null;
      }
    })();
    return this.#opening;
  }

  /** Re-reads everything from IndexedDB (after a save, a receipt, a sync). */
  async refresh(): Promise<void> {
    const db = this.#db;
    if (!db) return;
    const [list, packages, records] = await Promise.all([db.assignments(), db.packages(), db.records()]);
    if (db !== this.#db) return;
    this.assignments = list?.items ?? [];
    this.syncedAt = list?.syncedAt ?? null;
    this.packages = packages;
    this.records = records.sort((a, b) => b.content.deviceCreatedAt.localeCompare(a.content.deviceCreatedAt));
  }

  packageOf(assignmentId: string): FieldPackage | undefined {
    return this.packages.find((p) => p.id === assignmentId)?.pkg;
  }

  /**
   * Every record the person already sent for one assignment, page after page to the end: on a new
   * or cleared phone, sites already visited must not look unvisited.
   */
  async #serverRecords(token: string, pkg: FieldPackage): Promise<LocalRecord[]> {
    const now = new Date().toISOString();
    const found: LocalRecord[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ assignmentId: pkg.assignment.id, limit: '100' });
      if (cursor) query.set('cursor', cursor);
      const page = await fieldRequest<{ items: ServerRecord[]; nextCursor?: string }>(
        token,
        'GET',
        `/engagements/${pkg.engagement.id}/field-records?${query}`,
      );
      for (const r of page.body.items) found.push(localCopyOfServer(r, titleOfServer(pkg, r), now));
      cursor = page.body.nextCursor;
    } while (cursor);
    return found;
  }

  /**
   * Downloads the person's assignments and each one's package, and keeps them all or nothing; then
   * the records they already sent, for those this phone does not hold.
   */
  async sync(): Promise<void> {
    const db = this.#db;
    const token = this.#token();
    if (!db || this.syncing) return;
    if (!token) {
      this.syncError = new FieldHttpError(401, null, null);
      return;
    }
    this.syncing = true;
    this.syncError = null;
    try {
      const list = await fieldRequest<{ items: Assignment[] }>(token, 'GET', '/my-assignments');
      const packages: StoredPackage[] = [];
      for (const a of list.body.items) {
        const pkg = await fieldRequest<FieldPackage>(token, 'GET', `/assignments/${a.id}/package`);
        packages.push({ id: a.id, pkg: pkg.body, savedAt: new Date().toISOString() });
      }
      await db.saveSync({ key: 'assignments', items: list.body.items, syncedAt: new Date().toISOString() }, packages);
      await this.refresh();
      for (const p of packages) await db.addMissing(await this.#serverRecords(token, p.pkg));
      await this.refresh();
      this.outbox.kick('online');
    } catch (error) {
      this.syncError = error instanceof FieldHttpError ? error : new FieldHttpError(0, null, null);
    } finally {
      this.syncing = false;
    }
  }

  /** Asks once that the browser keep this origin's data (never relied upon, only reported). */
  async askPersistence(): Promise<void> {
    try {
      if (!navigator.storage?.persist) return;
      this.persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
    } catch {
      this.persisted = false;
    }
  }

  async estimate(): Promise<{ usage: number; quota: number } | null> {
    try {
      if (!navigator.storage?.estimate) return null;
      const e = await navigator.storage.estimate();
      this.storage = { usage: e.usage ?? 0, quota: e.quota ?? 0 };
      return this.storage;
    } catch {
      return null;
    }
  }

  get freeBytes(): number | null {
    return this.storage ? Math.max(0, this.storage.quota - this.storage.usage) : null;
  }

  /**
   * A new record on the phone, refused when storage is nearly full (before any typing is lost) or once
   * fieldwork is closed.
   */
  async start(assignmentId: string, of: NewRecordOf): Promise<{ id: string } | { refused: StartRefusal }> {
    const db = this.#db;
    if (!db) return { refused: 'not-open' };
    const pkg = this.packageOf(assignmentId);
    if (!pkg) return { refused: 'no-package' };
    // Once the lead closed fieldwork (seen at the last sync) nothing new is started, whichever screen asks.
    if (pkg.engagement.state !== 'FIELDWORK') return { refused: 'fieldwork-closed' };
    const space = await this.estimate();
    if (space && space.quota > 0 && space.quota - space.usage < minimumFreeBytes) return { refused: 'storage-full' };
    const record = newLocalRecord(uuidV7(), pkg, of, new Date().toISOString());
    await db.add(record);
    await this.refresh();
    return { id: record.id };
  }

  /** The working copy, saved as typed; photos added or dropped go in the same transaction. */
  async saveDraft(
    id: string,
    content: FieldRecordContent,
    photos: { put?: LocalPhoto[]; remove?: string[] } = {},
  ): Promise<LocalRecord | undefined> {
    const db = this.#db;
    if (!db) return undefined;
    const written = await db.patch(id, (r) => ({ ...r, content, updatedAt: new Date().toISOString() }), photos);
    return written;
  }

  /** Finishes a record (already checked): what it says now is what the outbox sends. */
  async queue(id: string, content: FieldRecordContent): Promise<void> {
    const db = this.#db;
    if (!db) return;
    const now = new Date().toISOString();
    await db.patch(id, (r) => ({
      ...r,
      content,
      queued: content,
      queuedAt: r.queuedAt ?? now,
      // A create the server refused stored nothing: the corrected copy is sent, not the refused one.
      createSent: r.attention && r.serverVersion === null ? null : r.createSent,
      attention: null,
      updatedAt: now,
    }));
    await this.refresh();
    this.outbox.kick('save');
  }

  /** Keep mine: resend the finished copy at the server's version. */
  async keepMine(id: string): Promise<void> {
    await this.#db?.patch(id, (r) => {
      const version = r.conflict?.server.version;
      return typeof version === 'number' ? { ...r, serverVersion: version, lastSent: null, conflict: null } : r;
    });
    await this.refresh();
    this.outbox.kick('manual');
  }

  /** Take the server's: its copy replaces the local one. */
  async takeServers(id: string, content: FieldRecordContent): Promise<void> {
    await this.#db?.patch(id, (r) => {
      const server = r.conflict?.server;
      if (!server || typeof server.version !== 'number') return r;
      const received = Array.isArray(server.receivedPhotoIds) ? (server.receivedPhotoIds as string[]) : [];
      return {
        ...r,
        content,
        queued: content,
        lastSent: content,
        serverVersion: server.version,
        conflict: null,
        attachedPhotoIds: [...new Set([...r.attachedPhotoIds, ...received])],
      };
    });
    await this.refresh();
    this.outbox.kick('manual');
  }

  /** Lets a record that was refused be tried again (after the evaluator changed it, or the server was fixed). */
  async retry(id: string): Promise<void> {
    await this.#db?.patch(id, (r) => ({ ...r, attention: null }));
    await this.refresh();
    this.outbox.kick('manual');
  }

  async discardDraft(id: string): Promise<void> {
    await this.#db?.removeDraft(id);
    await this.refresh();
  }

  /** Deletes this person's field data from the phone (the sign-out confirmed it). */
  async forget(userId: string): Promise<void> {
    if (this.userId === userId) {
      this.#db?.close();
      this.#db = null;
      this.userId = null;
      this.#subject = null;
      this.ready = false;
      this.records = [];
      this.packages = [];
      this.assignments = [];
      this.toDo.clear();
    }
    await deleteUserData(userId);
  }
}

export const fieldManager = new FieldManager();

/** What a person leaves unsent on this phone (drafts included), read without opening the field app. */
export const unsentOnPhone = async (userId: string): Promise<{ records: number; photos: number }> => {
  const db = fieldManager.userId === userId && fieldManager.db ? fieldManager.db : await FieldDb.open(userId);
  try {
    const records = await db.records();
    const queued = unsentSummary(records);
    const drafts = records.filter(isWrittenDraft);
    return {
      records: queued.records + drafts.length,
      photos: queued.photos + drafts.reduce((n, r) => n + r.content.photos.length, 0),
    };
  } finally {
    if (db !== fieldManager.db) db.close();
  }
};
