import type { FieldRecordContent } from '@jixiao/core/fieldwork/field-record.ts';
import { type FieldPlan, fieldPlan } from '@jixiao/core/fieldwork/plan-rules.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { untrack } from 'svelte';
import { fieldCheckMessage } from '#lib/field/field-labels.ts';
import { fieldManager } from '#lib/field/field-manager.svelte.ts';
import { canonical, type LocalPhoto, type LocalRecord } from '#lib/field/local-record.ts';
import { checkRecord } from '#lib/field/record-check.ts';
import { i18n } from '#lib/i18n.svelte.ts';

/** Short enough that a closed tab loses at most a word; long enough not to write on every key repeat. */
export const saveDelayMs = 250;

/**
 * One record being edited on the phone. Every change to `content` is written to IndexedDB within
 * `saveDelayMs`, and at once when the page is hidden or left (`flush`); photos are written with
 * the record that declares them, in one transaction. Writes go one after another, in order.
 */
export class DraftEditor {
  record = $state.raw<LocalRecord | null>(null);
  content = $state<FieldRecordContent | null>(null);
  missing = $state(false);
  saving = $state(false);
  savedAt = $state<string | null>(null);
  /** Why the last write to IndexedDB failed (shown: the evaluator must know the phone did not keep it). */
  saveError = $state<string | null>(null);
  /** Set by the first "finish": from then on the rules are shown as the evaluator fixes them. */
  attempted = $state(false);

  readonly errors: FieldError[] = $derived.by(() => {
    const plan = this.record ? this.#plan(this.record.assignmentId) : undefined;
    if (!this.attempted || !this.record || !this.content || !plan) return [];
    return checkRecord(
      this.record,
      $state.snapshot(this.content) as FieldRecordContent,
      plan,
      i18n.language,
      fieldCheckMessage,
    ).errors;
  });

  /** The plan as this phone last downloaded it (the package), which a record is checked against before queuing. */
  #plan(assignmentId: string): FieldPlan | undefined {
    const pkg = fieldManager.packageOf(assignmentId);
    return pkg ? fieldPlan(pkg.assignment, pkg.engagement) : undefined;
  }

  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: FieldRecordContent | null = null;
  #saved = '';
  #chain: Promise<unknown> = Promise.resolve();

  async load(id: string): Promise<void> {
    const record = await fieldManager.db?.record(id);
    this.record = record ?? null;
    this.missing = !record;
    this.content = record ? structuredClone(record.content) : null;
    this.#saved = record ? canonical(record.content) : '';
    this.attempted = false;
  }

  /** Call inside `$effect`: reads the whole content (so every change re-runs it) and schedules a save. */
  track(): void {
    if (!this.content) return;
    const snapshot = $state.snapshot(this.content) as FieldRecordContent;
    untrack(() => {
      if (canonical(snapshot) === this.#saved) return;
      this.#pending = snapshot;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.flush(), saveDelayMs);
    });
  }

  /** Writes what is pending now (and `photos` with it, in the same transaction). */
  flush(photos: { put?: LocalPhoto[]; remove?: string[] } = {}): Promise<unknown> {
    clearTimeout(this.#timer);
    const id = this.record?.id;
    const content = this.#pending ?? (photos.put?.length || photos.remove?.length ? this.#current() : null);
    this.#pending = null;
    if (!id || !content) return this.#chain;
    this.#saved = canonical(content);
    this.saving = true;
    // The chain never rejects: one failed write must not stop every later one.
    this.#chain = this.#chain
      .then(() => fieldManager.saveDraft(id, content, photos))
      .then(
        (written) => {
          this.saveError = null;
          if (written) {
            this.record = written;
            this.savedAt = written.updatedAt;
          }
        },
        (error: unknown) => {
          this.saveError = error instanceof Error ? error.message : String(error);
          // Not saved: the next change (or flush) writes the whole content again.
          this.#saved = '';
          if (!this.#pending) this.#pending = content;
          clearTimeout(this.#timer);
          this.#timer = setTimeout(() => void this.flush(), 2000);
        },
      )
      .finally(() => {
        this.saving = false;
      });
    return this.#chain;
  }

  #current(): FieldRecordContent | null {
    return this.content ? ($state.snapshot(this.content) as FieldRecordContent) : null;
  }

  /** Adds a prepared photo to the content and stores its bytes with it. */
  async addPhoto(photo: LocalPhoto & { declared: FieldRecordContent['photos'][number] }): Promise<void> {
    if (!this.content) return;
    this.content.photos.push(photo.declared);
    this.#pending = this.#current();
    await this.flush({ put: [{ id: photo.id, recordId: photo.recordId, blob: photo.blob }] });
  }

  async removePhoto(photoId: string): Promise<void> {
    if (!this.content || !this.record) return;
    this.content.photos = this.content.photos.filter((p) => p.id !== photoId);
    this.#pending = this.#current();
    const keep =
      this.record.uploadedPhotoIds.includes(photoId) ||
      (this.record.queued?.photos.some((p) => p.id === photoId) ?? false);
    await this.flush(keep ? {} : { remove: [photoId] });
  }

  /**
   * Checks the record and, when it passes, queues it for sending. Returns the errors (empty
   * when queued).
   */
  async finish(): Promise<FieldError[]> {
    this.attempted = true;
    const record = this.record;
    const current = this.#current();
    if (!record || !current) return [];
    const plan = this.#plan(record.assignmentId);
    // Without its package the phone cannot check the plan rules: it does not queue blind.
    if (!plan) throw new Error(`no package for assignment ${record.assignmentId}`);
    const stamped = { ...current, deviceUpdatedAt: new Date().toISOString() } as FieldRecordContent;
    const checked = checkRecord(record, stamped, plan, i18n.language, fieldCheckMessage);
    if (!checked.ok || !checked.content) {
      await this.flush();
      return checked.errors;
    }
    clearTimeout(this.#timer);
    this.#pending = null;
    this.#saved = canonical(checked.content);
    await this.#chain;
    await fieldManager.queue(record.id, checked.content);
    await this.load(record.id);
    return [];
  }
}
