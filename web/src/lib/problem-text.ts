import type { Language } from '@jixiao/core/language.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { ApiError } from '#lib/api.ts';
import { m } from '#lib/paraglide/messages.js';

/** One sentence for a failed call: the server's localized title (and detail), or why the call never arrived. */
export const problemText = (error: unknown): string => {
  if (typeof error === 'object' && error !== null && 'problem' in error) {
    const e = error as ApiError;
    if (e.offline) return navigator.onLine ? m.error_network() : m.error_offline();
    if (e.status === 403) return e.problem.title || m.error_forbidden();
    return e.problem.detail
      ? m.problem_with_details({ title: e.problem.title, details: e.problem.detail })
      : e.problem.title || m.error_generic();
  }
  return m.error_generic();
};

/** A problem's title followed by the field errors that have no field on the form to sit beside. */
export const problemWithDetails = (title: string, details: readonly string[]): string =>
  m.problem_with_details({ title, details: details.join(m.details_separator()) });

/** A refused step (submit, review, conclude): the title with the rules it broke, else as `problemText`. */
export const stepFailureText = (error: unknown): string => {
  const e = error as Partial<ApiError> | null;
  return typeof e?.is === 'function' && e.is('rules-not-met') && e.fieldErrors
    ? problemWithDetails(e.problem?.title ?? '', [...new Set(e.fieldErrors.map((f) => f.message))])
    : problemText(error);
};

/** Someone else moved the record on (a newer version, or another step taken) before this one arrived. */
export const isStale = (error: unknown): boolean => {
  const e = error as Partial<ApiError> | null;
  return typeof e?.is === 'function' && (e.is('version-conflict') || e.is('invalid-transition'));
};

/** The value a JSON pointer names in `values` (`/rows/0/name`), or undefined. */
const valueAt = (values: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
      values,
    );

/**
 * The schemas trim text before checking it, so an empty field and a field of spaces both fail as
 * "not blank". Only the second is blank text; an empty one has simply not been filled in, and says
 * it is required. Every form's client check goes through here.
 */
export const requiredWhenEmpty = (errors: readonly FieldError[], values: unknown, language: Language): FieldError[] =>
  errors.map((e) =>
    e.code === 'not_blank' && valueAt(values, e.pointer) === ''
      ? { ...e, code: 'required', message: describe('required', language) }
      : e,
  );
