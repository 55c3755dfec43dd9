import type { FieldError } from '@jixiao/core/problem.ts';
import { ApiError, api } from '#lib/api.ts';
import { i18n } from '#lib/i18n.svelte.ts';
import { m } from '#lib/paraglide/messages.js';
import { isStale, problemText, problemWithDetails } from '#lib/problem-text.ts';
import {
  type LocalSelfEvaluationDraft,
  LocalSelfEvaluationDrafts,
  restoredDraft,
} from '#lib/self-evaluation/local-drafts.ts';
import {
  draftOf,
  judged,
  moneyProblems,
  type SelfEvaluationDraft,
  sameDraft,
  saveBody,
  withDraft,
} from '#lib/self-evaluation/self-evaluation-draft.ts';
import type { SelfEvaluationWithSheet } from '#lib/self-evaluation/self-evaluation-types.ts';

/** `/rows/3/tier` → `/rows/3`; `/money/0/executedFen` → `/money/0`: what one touch reveals. */
export const scopeOf = (pointer: string): string => pointer.split('/').slice(0, 3).join('/');

const moneyMessage = (reason: string) =>
  reason === 'decimals' ? m.se_money_decimals() : reason === 'too_large' ? m.se_money_too_large() : m.se_money_format();

/**
 * One self-evaluation as the unit fills it in (docs/domain/self-evaluation.md, "The form"): the stored copy, the
 * draft, and — as the person types — core's score sheet, rules and claims on the table the draft makes. Every
 * change is kept on the device until the server has it; opening the table again offers those edits back. A stale
 * save (409) keeps the draft and holds the server's copy for the person to choose between.
 */
export class SelfEvaluationEditor {
  saved = $state.raw<SelfEvaluationWithSheet>(null as unknown as SelfEvaluationWithSheet);
  draft = $state<SelfEvaluationDraft>(null as unknown as SelfEvaluationDraft);
  pending = $state(false);
  failure = $state<string | null>(null);
  announcement = $state('');
  conflict = $state.raw<{ title: string; current: SelfEvaluationWithSheet } | null>(null);
  restorable = $state.raw<LocalSelfEvaluationDraft | null>(null);
  /** The rules the server refused the last 送审 by. */
  refusal = $state.raw<{ title: string; messages: string[] } | null>(null);
  #serverErrors = $state.raw<FieldError[]>([]);
  #touched = $state<Record<string, boolean>>({});
  #revealAll = $state(false);
  /**
   * The version the draft's edits were made on, when older than the stored copy's: restored edits kept on the
   * device before someone else saved. Saving sends it, so the API answers 409 and the person chooses (the
   * conflict notice) rather than overwriting that save unseen. Null: the stored copy's version.
   */
  #editedOn = $state<number | null>(null);
  readonly #local: LocalSelfEvaluationDrafts;

  /** The table as typed, scored and judged by core exactly as the API will. */
  typed = $derived(withDraft(this.saved, this.draft));
  judgement = $derived(judged(this.typed, i18n.language, m.se_override_reason_required()));
  sheet = $derived(this.judgement.sheet);
  checks = $derived(this.judgement.checks);
  claims = $derived(this.judgement.claims);
  money = $derived(
    moneyProblems(this.draft).map((p) => ({ pointer: p.pointer, code: p.reason, message: moneyMessage(p.reason) })),
  );
  dirty = $derived(!sameDraft(this.draft, draftOf(this.saved)));

  constructor(record: SelfEvaluationWithSheet, person: string) {
    this.saved = record;
    this.draft = draftOf(record);
    this.#local = new LocalSelfEvaluationDrafts(person);
    const kept = this.#local.latest(record.id);
    if (kept && !sameDraft(kept.draft, this.draft)) this.restorable = kept;
    else if (kept) this.#local.clear(record.id);
  }

  /** Keeps the draft on the device while it differs from the stored copy (call from an effect). */
  keepLocally(): void {
    if (this.restorable) return;
    const snapshot = $state.snapshot(this.draft) as SelfEvaluationDraft;
    if (this.dirty) this.#local.put(this.saved.id, this.#version, snapshot);
    else this.#local.clear(this.saved.id);
  }

  restore(): void {
    const kept = this.restorable;
    if (!kept) return;
    const { draft, version } = restoredDraft(kept, this.draft);
    this.draft = draft;
    this.#editedOn = version < this.saved.version ? version : null;
    this.restorable = null;
    this.#revealAll = true;
    this.announcement = m.se_local_restored();
  }

  discardLocal(): void {
    this.#local.clear(this.saved.id);
    this.restorable = null;
  }

  edited(pointer: string): void {
    this.#touched[scopeOf(pointer)] = true;
    if (this.#serverErrors.some((e) => e.pointer.startsWith(pointer)))
      this.#serverErrors = this.#serverErrors.filter((e) => !e.pointer.startsWith(pointer));
    this.failure = null;
  }

  touched(pointer: string): void {
    this.#touched[scopeOf(pointer)] = true;
  }

  #shown(pointer: string): boolean {
    return this.#revealAll || this.#touched[scopeOf(pointer)] === true;
  }

  /** The message for one field: the server's refusal first, then an unreadable amount, then the rules once shown. */
  errorAt(pointer: string): string | undefined {
    return (
      this.#serverErrors.find((e) => e.pointer === pointer)?.message ??
      this.money.find((e) => e.pointer === pointer)?.message ??
      (this.#shown(pointer) ? this.checks.find((e) => e.pointer === pointer)?.message : undefined)
    );
  }

  /** Every message about one row, for its card's summary. */
  rowErrors(index: number): string[] {
    const prefix = `/rows/${index}/`;
    const pointers = new Set(
      [...this.#serverErrors, ...this.checks].filter((e) => e.pointer.startsWith(prefix)).map((e) => e.pointer),
    );
    return [...new Set([...pointers].map((p) => this.errorAt(p)).filter((x): x is string => Boolean(x)))];
  }

  /** A row's evidence list changed on the server (its version moved): take the new version, keep the draft. */
  evidenceSaved(next: { version: number; rowAttachments: SelfEvaluationWithSheet['rowAttachments'] }): void {
    this.saved = { ...this.saved, version: next.version, rowAttachments: next.rowAttachments };
  }

  /** The version a save is sent at. */
  get #version(): number {
    return this.#editedOn ?? this.saved.version;
  }

  /** True while restored edits were made on an older version than the stored copy (saving them will conflict). */
  get restoredBehind(): boolean {
    return this.#editedOn !== null;
  }

  #accept(next: SelfEvaluationWithSheet): void {
    this.saved = next;
    this.#editedOn = null;
    this.draft = draftOf(next);
    this.conflict = null;
    this.#serverErrors = [];
    this.#local.clear(next.id);
  }

  async save(): Promise<SelfEvaluationWithSheet | null> {
    if (this.pending) return null;
    this.failure = null;
    this.announcement = '';
    const body = saveBody($state.snapshot(this.draft) as SelfEvaluationDraft, this.#version);
    if (!body) {
      this.#revealAll = true;
      this.failure = m.se_save_blocked({ count: this.money.length });
      return null;
    }
    this.pending = true;
    try {
      const next = await api.patch<SelfEvaluationWithSheet>(`/self-evaluations/${this.saved.id}`, body);
      this.#accept(next);
      this.#revealAll = true;
      this.refusal = null;
      this.announcement = next.checks.length ? m.se_saved_with_checks({ count: next.checks.length }) : m.se_saved();
      return next;
    } catch (error) {
      this.#failed(error);
      return null;
    } finally {
      this.pending = false;
    }
  }

  /** 送审 by the unit approver; a refusal by the rules puts each message beside its field. */
  async submit(opinion: string): Promise<SelfEvaluationWithSheet | null> {
    if (this.pending || this.dirty) return null;
    this.failure = null;
    this.announcement = '';
    this.refusal = null;
    this.pending = true;
    try {
      const next = await api.post<SelfEvaluationWithSheet>(`/self-evaluations/${this.saved.id}/submit`, {
        version: this.saved.version,
        opinion: opinion.trim(),
      });
      this.#accept(next);
      return next;
    } catch (error) {
      if (error instanceof ApiError && error.is('rules-not-met') && error.fieldErrors.length) {
        this.#serverErrors = error.fieldErrors;
        this.#revealAll = true;
        this.refusal = { title: error.problem.title, messages: [...new Set(error.fieldErrors.map((e) => e.message))] };
      } else {
        this.#failed(error);
      }
      return null;
    } finally {
      this.pending = false;
    }
  }

  #failed(error: unknown): void {
    if (error instanceof ApiError && isStale(error) && error.problem.current) {
      this.conflict = { title: error.problem.title, current: error.problem.current as SelfEvaluationWithSheet };
      return;
    }
    if (error instanceof ApiError && error.fieldErrors.length) {
      this.#serverErrors = error.fieldErrors;
      this.#revealAll = true;
      this.failure = problemWithDetails(error.problem.title, [...new Set(error.fieldErrors.map((e) => e.message))]);
      return;
    }
    this.failure = problemText(error);
  }

  /** After a conflict: the server's copy stands, this person's edits are dropped. */
  takeServer(): void {
    const current = this.conflict?.current;
    if (!current) return;
    this.#accept(current);
    this.announcement = m.se_conflict_taken();
  }

  /** After a conflict: this person's edits go on top of the server's copy, to be saved at its version. */
  keepMine(): void {
    const current = this.conflict?.current;
    if (!current) return;
    this.saved = current;
    this.#editedOn = null;
    this.conflict = null;
    this.announcement = m.se_conflict_kept();
  }
}
