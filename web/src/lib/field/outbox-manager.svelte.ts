import type { FieldRecord } from '@jixiao/core/fieldwork/field-record.ts';
import { nextDelay } from '#lib/field/backoff.ts';
import { FieldHttpError, fieldRequest, putPhoto, type UploadTicket } from '#lib/field/field-api.ts';
import type { FieldDb } from '#lib/field/field-db.ts';
import { contentOfCreate, type LocalRecord, nextStep, type OutboxStep, sendOrder } from '#lib/field/local-record.ts';
import { failureAction } from '#lib/field/outbox-policy.ts';

/** What the outbox needs from the app: the open database, the owner's token, and a way to say a record changed. */
export interface OutboxHost {
  db(): FieldDb | null;
  /** The token of the person whose database is open; null when the session expired or belongs to someone else. */
  token(): string | null;
  changed(): void;
}

export type KickReason = 'start' | 'online' | 'focus' | 'save' | 'timer' | 'manual';

type Outcome = 'done' | 'next' | 'stop';

const timerMs = 30_000;

/**
 * Sends finished records to the server, one request at a time, in the order they were finished
 * (docs/architecture.md#the-offline-first-field-app). It drains on start, on `online`, on focus and visibility, after each save and
 * on a timer. A record leaves the outbox only on the server's 2xx; network failures, 408, 429 and
 * 5xx wait with exponential backoff and full jitter (never shorter than `Retry-After`); a 401
 * pauses everything until the person signs in again; other refusals are shown on the record.
 */
export class OutboxManager {
  running = $state(false);
  /** 'auth': the session expired (or is someone else's) and nothing is sent until sign-in. */
  paused = $state<'auth' | null>(null);
  lastError = $state<string | null>(null);
  lastErrorAt = $state<string | null>(null);
  lastSuccessAt = $state<string | null>(null);
  nextAttemptAt = $state<number | null>(null);
  /** Requests answered 2xx in this session of the app (for tests and the curious). */
  delivered = $state(0);

  #failures = 0;
  #again = false;
  #retry: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: OutboxHost) {}

  /** Listens for the moments worth trying; returns the function that stops listening. */
  start(): () => void {
    const online = () => this.kick('online');
    const focus = () => this.kick('focus');
    const visible = () => {
      if (document.visibilityState === 'visible') this.kick('focus');
    };
    addEventListener('online', online);
    addEventListener('focus', focus);
    document.addEventListener('visibilitychange', visible);
    const timer = setInterval(() => this.kick('timer'), timerMs);
    this.kick('start');
    return () => {
      removeEventListener('online', online);
      removeEventListener('focus', focus);
      document.removeEventListener('visibilitychange', visible);
      clearInterval(timer);
      clearTimeout(this.#retry);
    };
  }

  /**
   * Starts a drain (or asks the running one to go round again). While a backoff is running only
   * the network coming back and the person's own "send now" cut it short: a server's
   * `Retry-After` is honoured against focus changes, saves and the timer.
   */
  kick(reason: KickReason): void {
    const waiting = this.nextAttemptAt !== null && this.nextAttemptAt > Date.now();
    if (waiting && reason !== 'online' && reason !== 'manual') return;
    if (reason === 'online' || reason === 'manual') this.#failures = Math.min(this.#failures, 1);
    void this.#drain();
  }

  #schedule(delay: number): void {
    this.nextAttemptAt = Date.now() + delay;
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      this.nextAttemptAt = null;
      void this.#drain();
    }, delay);
  }

  async #drain(): Promise<void> {
    if (this.running) {
      this.#again = true;
      return;
    }
    const db = this.host.db();
    if (!db) return;
    this.running = true;
    clearTimeout(this.#retry);
    this.nextAttemptAt = null;
    try {
      do {
        this.#again = false;
        const queue = sendOrder(await db.records());
        if (!queue.length) break;
        const token = this.host.token();
        if (!token) {
          this.paused = 'auth';
          return;
        }
        this.paused = null;
        for (const record of queue) {
          if (this.host.db() !== db) return; // signed out or another person meanwhile
          const outcome = await this.#send(db, record.id, token);
          if (outcome === 'stop') return;
        }
        this.#failures = 0;
        this.lastError = null;
      } while (this.#again);
    } catch (error) {
      // IndexedDB itself failed (storage pressure, a closing connection): try again later.
      this.lastError = error instanceof Error ? error.message : String(error);
      this.lastErrorAt = new Date().toISOString();
      this.#schedule(nextDelay(this.#failures++, null));
    } finally {
      this.running = false;
      this.host.changed();
    }
  }

  /** Works through one record's steps until it is done, waits for the person, or must stop. */
  async #send(db: FieldDb, id: string, token: string): Promise<Outcome> {
    for (;;) {
      const record = await db.record(id);
      const step = record ? nextStep(record) : null;
      if (!record || !step) return 'next';
      try {
        await this.#perform(db, record, step, token);
        this.delivered++;
        this.lastSuccessAt = new Date().toISOString();
        this.#failures = 0;
      } catch (error) {
        return this.#failed(db, record, step, error);
      } finally {
        this.host.changed();
      }
    }
  }

  async #perform(db: FieldDb, record: LocalRecord, step: OutboxStep, token: string): Promise<void> {
    const id = record.id;
    switch (step.kind) {
      case 'create': {
        // Freeze the body before it leaves: a replay after a lost answer must be the same request.
        if (step.fresh) await db.patch(id, (r) => (r.createSent ? r : { ...r, createSent: step.body }));
        const current = await db.record(id);
        const body = current?.createSent ?? step.body;
        try {
          const answer = await fieldRequest<FieldRecord>(token, 'POST', '/field-records', body);
          await db.patch(id, (r) => ({
            ...r,
            serverVersion: answer.body.version,
            lastSent: contentOfCreate(body),
            attention: null,
          }));
        } catch (error) {
          const adopt =
            error instanceof FieldHttpError &&
            failureAction(error.status, error.problem?.type ?? null, 'create') === 'adopt';
          if (!adopt) throw error;
          // The server holds a different first copy under this id: continue from it as an update.
          await this.#adoptServerCopy(db, id, token);
        }
        return;
      }
      case 'update': {
        const { version: _version, ...sent } = step.body;
        const answer = await fieldRequest<FieldRecord>(token, 'PATCH', `/field-records/${id}`, step.body);
        await db.patch(id, (r) => ({
          ...r,
          serverVersion: answer.body.version,
          lastSent: sent as never,
          attention: null,
        }));
        return;
      }
      case 'upload': {
        const stored = await db.photo(step.photo.id);
        if (!stored) throw new MissingPhotoError();
        const ticket = await fieldRequest<UploadTicket>(
          token,
          'POST',
          `/assignments/${record.assignmentId}/photo-uploads`,
          {
            id: step.photo.id,
            contentType: step.photo.contentType,
            sizeBytes: step.photo.sizeBytes,
            sha256: step.photo.sha256,
          },
        );
        await putPhoto(ticket.body.upload, stored.blob);
        await db.patch(id, (r) =>
          r.uploadedPhotoIds.includes(step.photo.id)
            ? r
            : { ...r, uploadedPhotoIds: [...r.uploadedPhotoIds, step.photo.id] },
        );
        return;
      }
      case 'attach': {
        await fieldRequest(token, 'POST', `/field-records/${id}/photos`, { id: step.photo.id });
        await db.patch(id, (r) =>
          r.attachedPhotoIds.includes(step.photo.id)
            ? r
            : { ...r, attachedPhotoIds: [...r.attachedPhotoIds, step.photo.id] },
        );
        return;
      }
    }
  }

  async #adoptServerCopy(db: FieldDb, id: string, token: string): Promise<void> {
    const server = await fieldRequest<FieldRecord & { receivedPhotoIds?: string[] }>(
      token,
      'GET',
      `/field-records/${id}`,
    );
    const received = server.body.receivedPhotoIds ?? [];
    await db.patch(id, (r) => ({
      ...r,
      serverVersion: server.body.version,
      lastSent: null,
      attachedPhotoIds: [...new Set([...r.attachedPhotoIds, ...received])],
      uploadedPhotoIds: [...new Set([...r.uploadedPhotoIds, ...received])],
    }));
  }

  async #failed(db: FieldDb, record: LocalRecord, step: OutboxStep, error: unknown): Promise<Outcome> {
    const now = new Date().toISOString();
    if (error instanceof MissingPhotoError) {
      await db.patch(record.id, (r) => ({
        ...r,
        attention: {
          status: 0,
          title: 'photo-missing',
          errors: [{ pointer: '/photos', code: 'photo_missing', message: 'photo_missing' }],
        },
      }));
      return 'next';
    }
    const http = error instanceof FieldHttpError ? error : new FieldHttpError(0, null, null);
    const action = failureAction(http.status, http.problem?.type ?? null, step.kind, http.fromBucket);
    if (action === 'pause') {
      this.paused = 'auth';
      return 'stop';
    }
    if (action === 'retry') {
      const delay = nextDelay(this.#failures, http.retryAfter);
      this.#failures++;
      this.lastError = http.status === 0 ? 'network' : `${http.status}`;
      this.lastErrorAt = now;
      this.#schedule(delay);
      return 'stop';
    }
    if (action === 'conflict') {
      const current = (http.problem as { current?: Record<string, unknown> } | null)?.current ?? {};
      await db.patch(record.id, (r) => ({ ...r, conflict: { server: current } }));
      return 'next';
    }
    await db.patch(record.id, (r) => ({
      ...r,
      attention: {
        status: http.status,
        title: http.problem?.title ?? http.message,
        errors: http.problem?.errors ?? [],
      },
    }));
    this.lastError = http.problem?.title ?? `${http.status}`;
    this.lastErrorAt = now;
    return 'next';
  }
}

class MissingPhotoError extends Error {}
