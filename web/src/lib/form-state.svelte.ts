import type { Language } from '@jixiao/core/language.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { describe } from '@jixiao/core/validation.ts';
import { ApiError } from '#lib/api.ts';
import { i18n } from '#lib/i18n.svelte.ts';
import { problemText, problemWithDetails, requiredWhenEmpty } from '#lib/problem-text.ts';

/** Validates the form's values with the core schemas, in the UI language. */
export type Check<V> = (values: V, language: Language) => FieldError[];

/** `/code` → `code`, `/roles/1` → `roles`; the root pointer belongs to the whole form. */
export const fieldOf = (pointer: string): string =>
  pointer.split('/')[1]?.replaceAll('~1', '/').replaceAll('~0', '~') ?? '';

const firstPerField = (errors: readonly FieldError[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const e of errors) out[fieldOf(e.pointer)] ??= e.message;
  return out;
};

/** Empty inputs mean "not given", so the schemas answer "required" instead of a format complaint. */
export const withoutEmpty = <T extends Record<string, unknown>>(values: T): Partial<T> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined)) as Partial<T>;

/** "Required" errors, worded by the core translator, for fields an edit form must keep filled. */
export const requiredErrors = (values: Record<string, unknown>, fields: readonly string[], language: Language) =>
  fields
    .filter((f) => values[f] === '' || values[f] === undefined || values[f] === null)
    .map((f): FieldError => ({ pointer: `/${f}`, code: 'required', message: describe('required', language) }));

/**
 * One form's state: values, which fields the user has touched, errors from the client-side check
 * (live, as the user types) and from the server (problem+json `errors[].pointer`), and a pending
 * flag against double submits. A field shows its client error once touched or after a submit; a
 * server error shows until that field changes.
 */
export class FormState<V extends Record<string, unknown>> {
  values = $state({} as V);
  submitted = $state(false);
  pending = $state(false);
  serverErrors = $state<Record<string, string>>({});
  /** A message about the whole form (e.g. a problem without field pointers). */
  formError = $state<string | null>(null);
  #touched = $state<Record<string, boolean>>({});
  readonly #check: Check<V>;

  clientErrors = $derived.by(() =>
    firstPerField(requiredWhenEmpty(this.#check(this.values, i18n.language), this.values, i18n.language)),
  );

  constructor(initial: V, check: Check<V>) {
    this.values = initial;
    this.#check = check;
  }

  get valid(): boolean {
    return Object.keys(this.clientErrors).length === 0;
  }

  /** Call on input/change: the field is now the user's, and any server verdict on it is stale. */
  edited(field: string): void {
    this.#touched[field] = true;
    if (field in this.serverErrors) delete this.serverErrors[field];
    this.formError = null;
  }

  /** Call on blur, so leaving a required field empty is reported. */
  touched(field: string): void {
    this.#touched[field] = true;
  }

  errorFor(field: string): string | undefined {
    return this.serverErrors[field] ?? (this.#touched[field] || this.submitted ? this.clientErrors[field] : undefined);
  }

  /** Fields in error, in the order given (the form's visual order), for focusing the first. */
  invalidFields(order: readonly string[]): string[] {
    return order.filter((f) => this.errorFor(f) !== undefined);
  }

  /** Focuses the first field in error, in the order given; inputs are named `{idPrefix}-{field}`. */
  focusFirstInvalid(order: readonly string[], idPrefix: string): void {
    const [first] = this.invalidFields(order);
    if (first) queueMicrotask(() => document.getElementById(`${idPrefix}-${first}`)?.focus());
  }

  /** The handlers a plain control shares: typing or choosing edits its field, leaving it touches it. */
  on(field: string): { oninput: () => void; onchange: () => void; onblur: () => void } {
    return {
      oninput: () => this.edited(field),
      onchange: () => this.edited(field),
      onblur: () => this.touched(field),
    };
  }

  /** Puts the server's field errors beside their inputs; returns what could not be placed. */
  applyServerErrors(errors: readonly FieldError[], known: readonly string[]): string[] {
    const unplaced: string[] = [];
    const next: Record<string, string> = {};
    for (const e of errors) {
      const field = fieldOf(e.pointer);
      if (known.includes(field)) next[field] ??= e.message;
      else unplaced.push(e.message);
    }
    this.serverErrors = next;
    return unplaced;
  }

  /**
   * Shows why a save failed: field errors beside their fields, the rest summed up as the form's
   * error. A version conflict is handed back instead, for the form to offer the server's copy.
   */
  applyFailure<R>(error: unknown, known: readonly string[]): { title: string; current: R } | null {
    if (!(error instanceof ApiError)) {
      this.formError = problemText(error);
      return null;
    }
    if (error.is('version-conflict') && error.problem.current) {
      return { title: error.problem.title, current: error.problem.current as R };
    }
    const unplaced = this.applyServerErrors(error.fieldErrors, known);
    this.formError = unplaced.length ? problemWithDetails(error.problem.title, unplaced) : problemText(error);
    return null;
  }

  reset(values: V): void {
    this.values = values;
    this.serverErrors = {};
    this.formError = null;
    this.submitted = false;
    this.#touched = {};
  }
}
