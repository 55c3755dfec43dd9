import { createFieldRecord, type FieldRecordContent, recordProblems } from '@jixiao/core/fieldwork/field-record.ts';
import { type FieldPlan, planProblems } from '@jixiao/core/fieldwork/plan-rules.ts';
import type { Language } from '@jixiao/core/language.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { describe, fieldErrors } from '@jixiao/core/validation.ts';
import * as v from 'valibot';
import { contentOfCreate, createBody, type LocalRecord } from '#lib/field/local-record.ts';

/**
 * The check a record passes before it is queued: the schema the API uses, then the rules of
 * `recordProblems` (every check has a verdict, a missing position is explained, the visit is
 * signed…) and the plan rules of `planProblems` against the plan this phone downloaded (the site
 * is in the assignment, indicators in the framework, the questionnaire and its questions exist;
 * docs/domain/fieldwork.md#plan-rules). The server checks again with the plan it holds now.
 * Messages come from core's `describe` when it knows the code, else from the web's
 * own messages (`fallback`), else the code itself — never a blank.
 */
export interface CheckedRecord {
  ok: boolean;
  /** The content as the schema normalised it (trimmed text), what is queued. */
  content: FieldRecordContent | null;
  errors: FieldError[];
}

/** `describe` answers every code, falling back to its generic "object" text for codes it does not know. */
export const describeKnown = (code: string, language: Language): string | undefined => {
  const text = describe(code, language);
  return code === 'object' || text !== describe('object', language) ? text : undefined;
};

export const messageFor = (code: string, language: Language, fallback: (code: string) => string | undefined): string =>
  describeKnown(code, language) ?? fallback(code) ?? code;

/** One message per field: an empty required text breaks two rules (not blank, min length) but is one thing to fix. */
const onePerField = (errors: FieldError[]): FieldError[] => {
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (seen.has(e.pointer)) return false;
    seen.add(e.pointer);
    return true;
  });
};

export const checkRecord = (
  record: Pick<LocalRecord, 'id' | 'assignmentId'>,
  content: FieldRecordContent,
  plan: FieldPlan,
  language: Language,
  fallback: (code: string) => string | undefined,
): CheckedRecord => {
  const parsed = v.safeParse(createFieldRecord, createBody(record, content));
  if (!parsed.success) return { ok: false, content: null, errors: onePerField(fieldErrors(parsed.issues, language)) };
  const normalised = contentOfCreate(parsed.output);
  const problems = [...recordProblems(normalised), ...planProblems(normalised, plan)].map((e) => ({
    ...e,
    message: messageFor(e.code, language, fallback),
  }));
  return { ok: problems.length === 0, content: problems.length ? null : normalised, errors: problems };
};

/** The message for one field (by JSON pointer), for showing it beside that field. */
export const errorAt = (errors: readonly FieldError[], pointer: string): string | undefined =>
  errors.find((e) => e.pointer === pointer)?.message;
