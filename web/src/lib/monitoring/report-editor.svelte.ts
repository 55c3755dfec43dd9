import { assess } from '@jixiao/core/monitoring/monitoring-warnings.ts';
import { reportErrors } from '@jixiao/core/monitoring/report-rules.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { ApiError, api } from '#lib/api.ts';
import { i18n } from '#lib/i18n.svelte.ts';
import { type LocalDraft, LocalDrafts } from '#lib/monitoring/local-drafts.ts';
import type { ReportWithChecks } from '#lib/monitoring/monitoring-types.ts';
import {
  draftOf,
  moneyProblems,
  type ReportDraft,
  sameDraft,
  saveBody,
  withDraft,
} from '#lib/monitoring/report-draft.ts';
import { m } from '#lib/paraglide/messages.js';
import { isStale, problemText, problemWithDetails } from '#lib/problem-text.ts';

/**
 * One report's check-in as it is being filled in: the stored copy, the draft, and — as the person
 * types — core's rules (`reportErrors`) and warnings (`assess`) on the report the draft makes.
 * Every change is also kept on the phone (`LocalDrafts`) until the server has it; opening the
 * report again offers those edits back — at the version they were made on, so restored edits older
 * than the stored copy meet a 409 when saved rather than overwrite a colleague's save unseen. A stale
 * save (409) keeps the draft and holds the server's copy for the person to choose between.
 */
export type Scope = string;

/** `/lines/3/likelihood` → `/lines/3`; `/executed/fiscal` → `/executed`: what one touch reveals. */
export const scopeOf = (pointer: string): Scope => {
  const parts = pointer.split('/');
  return parts[1] === 'lines' ? `/lines/${parts[2] ?? ''}` : `/${parts[1] ?? ''}`;
};

const moneyMessage = (reason: string) =>
  reason === 'decimals'
    ? m.mon_money_decimals()
    : reason === 'too_large'
      ? m.mon_money_too_large()
      : m.mon_money_format();

export class ReportEditor {
  saved = $state.raw<ReportWithChecks>(null as unknown as ReportWithChecks);
  draft = $state<ReportDraft>(null as unknown as ReportDraft);
  pending = $state(false);
  failure = $state<string | null>(null);
  announcement = $state('');
  /** The server's copy after a stale save: the person keeps theirs on top of it, or takes it. */
  conflict = $state.raw<{ title: string; current: ReportWithChecks } | null>(null);
  /** Edits kept on the phone from an earlier visit, until the person restores or drops them. */
  restorable = $state.raw<LocalDraft | null>(null);
  /** The rules the server refused the last 送审 by. */
  refusal = $state.raw<{ title: string; messages: string[] } | null>(null);
  #serverErrors = $state.raw<FieldError[]>([]);
  #touched = $state<Record<Scope, boolean>>({});
  #revealAll = $state(false);
  /**
   * The version the draft's edits were made on, when older than the stored copy's: restored edits kept on the
   * phone before someone else saved. Saving sends it, so the API answers 409 and the person chooses (the conflict
   * notice) rather than overwriting that save unseen. Null: the stored copy's version.
   */
  #editedOn = $state<number | null>(null);
  readonly #local: LocalDrafts;

  /** The report as typed, judged by core exactly as the API will judge it. */
  typed = $derived(withDraft(this.saved, this.draft));
  checks = $derived(reportErrors(this.typed, i18n.language));
  assessment = $derived(assess(this.typed, this.saved.thresholds));
  money = $derived(
    moneyProblems(this.draft).map((p) => ({ pointer: p.pointer, code: p.reason, message: moneyMessage(p.reason) })),
  );
  dirty = $derived(!sameDraft(this.draft, draftOf(this.saved)));

  constructor(report: ReportWithChecks, person: string) {
    this.saved = report;
    this.draft = draftOf(report);
    this.#local = new LocalDrafts(person);
    const kept = this.#local.latest(report.id);
    if (kept && !sameDraft(kept.draft, this.draft)) this.restorable = kept;
    else if (kept) this.#local.clear(report.id);
  }

  /** Keeps the draft on the phone while it differs from the stored copy (call from an effect). */
  keepLocally(): void {
    if (this.restorable) return; // the earlier edits stay as they are until the person chooses
    const snapshot = $state.snapshot(this.draft) as ReportDraft;
    if (this.dirty) this.#local.put(this.saved.id, this.#version, snapshot);
    else this.#local.clear(this.saved.id);
  }

  restore(): void {
    const kept = this.restorable;
    if (!kept) return;
    // Lines are matched by row: a row no longer in the report is left out.
    const lines = this.draft.lines.map((l) => kept.draft.lines.find((k) => k.rowId === l.rowId) ?? l);
    this.draft = { ...kept.draft, lines };
    this.#editedOn = kept.version < this.saved.version ? kept.version : null;
    this.restorable = null;
    this.#revealAll = true;
    this.announcement = m.mon_local_restored();
  }

  discardLocal(): void {
    this.#local.clear(this.saved.id);
    this.restorable = null;
  }

  /** Call on input: the field is the person's now, and the server's verdict on it is stale. */
  edited(pointer: string): void {
    const scope = scopeOf(pointer);
    this.#touched[scope] = true;
    if (this.#serverErrors.some((e) => e.pointer.startsWith(pointer)))
      this.#serverErrors = this.#serverErrors.filter((e) => !e.pointer.startsWith(pointer));
    this.failure = null;
  }

  /** Call on blur, so leaving a required field empty is reported. */
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

  /** Every message of one indicator line, for its card's summary. */
  lineErrors(index: number): string[] {
    const prefix = `/lines/${index}/`;
    const pointers = new Set(
      [...this.#serverErrors, ...this.checks].filter((e) => e.pointer.startsWith(prefix)).map((e) => e.pointer),
    );
    return [...new Set([...pointers].map((p) => this.errorAt(p)).filter((x): x is string => Boolean(x)))];
  }

  /** The version a save is sent at. */
  get #version(): number {
    return this.#editedOn ?? this.saved.version;
  }

  /** True while restored edits were made on an older version than the stored copy (saving them will conflict). */
  get restoredBehind(): boolean {
    return this.#editedOn !== null;
  }

  #accept(next: ReportWithChecks): void {
    this.saved = next;
    this.#editedOn = null;
    this.draft = draftOf(next);
    this.conflict = null;
    this.#serverErrors = [];
    this.#local.clear(next.id);
  }

  async save(): Promise<ReportWithChecks | null> {
    if (this.pending) return null;
    this.failure = null;
    this.announcement = '';
    const body = saveBody($state.snapshot(this.draft) as ReportDraft, this.#version);
    if (!body) {
      this.#revealAll = true;
      this.failure = m.mon_save_blocked({ count: this.money.length });
      return null;
    }
    this.pending = true;
    try {
      const next = await api.patch<ReportWithChecks>(`/monitoring-reports/${this.saved.id}`, body);
      this.#accept(next);
      this.#revealAll = true;
      this.refusal = null;
      this.announcement = next.checks.length ? m.mon_saved_with_checks({ count: next.checks.length }) : m.mon_saved();
      return next;
    } catch (error) {
      this.#failed(error);
      return null;
    } finally {
      this.pending = false;
    }
  }

  /** 送审 by the unit approver; a refusal by the rules puts each message beside its field. */
  async submit(opinion: string): Promise<ReportWithChecks | null> {
    if (this.pending || this.dirty) return null;
    this.failure = null;
    this.announcement = '';
    this.refusal = null;
    this.pending = true;
    try {
      const next = await api.post<ReportWithChecks>(`/monitoring-reports/${this.saved.id}/submit`, {
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
      this.conflict = { title: error.problem.title, current: error.problem.current as ReportWithChecks };
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
  takeServer(): ReportWithChecks | null {
    const current = this.conflict?.current;
    if (!current) return null;
    this.#accept(current);
    this.announcement = m.mon_conflict_taken();
    return current;
  }

  /** After a conflict: this person's edits go on top of the server's copy, to be saved at its version. */
  keepMine(): void {
    const current = this.conflict?.current;
    if (!current) return;
    this.saved = current;
    this.#editedOn = null;
    this.conflict = null;
    this.announcement = m.mon_conflict_kept();
  }
}
