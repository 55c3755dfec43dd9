import type { ToDoHome } from '@jixiao/core/daily-work/to-do.ts';
import { FieldHttpError, fieldRequest } from '#lib/field/field-api.ts';
import type { FieldDb, KeptToDo } from '#lib/field/field-db.ts';

/**
 * The agency lead's and the evaluator's to-do lists in the field app (docs/domain/daily-work.md#the-to-do-home):
 * read from `GET /api/v1/to-do` with the field app's own requests (a failure never ends the session), and kept
 * in the person's field database, so the home still shows them offline and sign-out deletes them with the rest.
 */
export class FieldToDo {
  kept = $state.raw<KeptToDo | null>(null);
  reading = $state(false);
  /** Read from the server during this visit, not only the copy kept on the phone. */
  fresh = $state(false);
  /** The last read's failure, null once one succeeded. */
  failure = $state<FieldHttpError | null>(null);

  constructor(private readonly deps: { db: () => FieldDb | null; token: () => string | null }) {}

  /** Forgets what is shown (another person opened the field app, or this one signed out). */
  clear(): void {
    this.kept = null;
    this.fresh = false;
    this.failure = null;
  }

  /** The copy kept on this phone, shown until a read replaces it. */
  async load(): Promise<void> {
    const db = this.deps.db();
    if (!db) return;
    const kept = await db.keptToDo();
    if (db === this.deps.db()) this.kept = kept ?? null;
  }

  async read(): Promise<void> {
    const db = this.deps.db();
    if (!db || this.reading) return;
    const token = this.deps.token();
    if (!token) {
      this.failure = new FieldHttpError(401, null, null);
      return;
    }
    this.reading = true;
    try {
      const answer = await fieldRequest<ToDoHome>(token, 'GET', '/to-do');
      const kept: KeptToDo = { key: 'to-do', home: answer.body, readAt: new Date().toISOString() };
      if (db !== this.deps.db()) return;
      // Lists read but not kept (storage full) are still shown: only the offline copy is missing.
      await db.keepToDo(kept).catch(() => undefined);
      this.kept = kept;
      this.fresh = true;
      this.failure = null;
    } catch (error) {
      this.failure = error instanceof FieldHttpError ? error : new FieldHttpError(0, null, null);
    } finally {
      this.reading = false;
    }
  }
}
