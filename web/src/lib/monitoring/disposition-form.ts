import type { Language } from '@jixiao/core/language.ts';
import {
  type DispositionDecision,
  needsAmount,
  needsDueDate,
  recordDisposition,
} from '@jixiao/core/monitoring/disposition.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { validate } from '@jixiao/core/validation.ts';
import { type ParsedMoney, parseMoney } from '#lib/money.ts';

/**
 * The performance section's decision on a report with a large deviation (docs/domain/monitoring.md,
 * "Dispositions"), as the form holds it — the amount as 万元 text, the unit of the check-in, the
 * projects and the exports — and the API's body made from it: a due date
 * except for no action, an amount in integer fen only for suspending or recovering, requirements
 * only for a rectification notice. Checked by core's `recordDisposition`, so the form says what
 * the API would.
 */
export interface DispositionValues extends Record<string, unknown> {
  decision: DispositionDecision | '';
  reason: string;
  dueDate: string;
  /** 万元, as typed (up to six decimals: exact fen). */
  amount: string;
  requirements: string;
  /** 调整后全年预算数 by source in 万元, for an adjustment of budget and targets; all blank when only targets change. */
  adjustedFiscal: string;
  adjustedCarryOver: string;
  adjustedOther: string;
}

export const emptyDisposition = (): DispositionValues => ({
  decision: '',
  reason: '',
  dueDate: '',
  amount: '',
  requirements: '',
  adjustedFiscal: '',
  adjustedCarryOver: '',
  adjustedOther: '',
});

const adjustedFields = ['adjustedFiscal', 'adjustedCarryOver', 'adjustedOther'] as const;

/** The adjusted budget in fen (a blank source is 0); null when none is given or one cannot be read. */
const adjustedOf = (values: DispositionValues) => {
  if (adjustedFields.every((f) => values[f].trim() === '')) return null;
  const fen = adjustedFields.map((f) =>
    values[f].trim() === '' ? ({ ok: true, fen: 0 } as const) : parseMoney(values[f], 'wan'),
  );
  if (fen.some((p) => !p.ok)) return null;
  const [fiscal, carryOver, other] = fen.map((p) => (p.ok ? p.fen : 0)) as [number, number, number];
  return { fiscal, carryOver, other };
};

/** The fields in the form's order, for focusing the first in error. */
export const dispositionFields = [
  'decision',
  'reason',
  'dueDate',
  'amount',
  'requirements',
  'adjustedFiscal',
  'adjustedCarryOver',
  'adjustedOther',
] as const;

const amountOf = (values: DispositionValues): ParsedMoney | null =>
  values.amount.trim() === '' ? null : parseMoney(values.amount, 'wan');

/** What the API is sent; an amount that cannot be read is sent as none, so "give the amount" stands. */
export const dispositionBody = (values: DispositionValues, version: number) => {
  const decision = values.decision || undefined;
  const parsed = amountOf(values);
  return {
    version,
    decision,
    reason: values.reason.trim(),
    dueDate: decision && needsDueDate(decision) && values.dueDate ? values.dueDate : null,
    amountFen: decision && needsAmount(decision) && parsed?.ok ? parsed.fen : null,
    requirements: decision === 'RECTIFY' ? values.requirements.trim() : '',
    adjustedFunds: decision === 'ADJUST_BUDGET_AND_TARGETS' ? adjustedOf(values) : null,
  };
};

/** Why the amount cannot be read, for the person to fix it (the schema only sees "no amount"). */
export type MoneyFault = Exclude<ParsedMoney, { ok: true }>['reason'];

/**
 * The form's errors: core's verdict on the body, with `/amountFen` shown at the amount; an amount
 * that cannot be read is reported as such (`moneyMessage` words it) instead of "give the amount".
 */
export const dispositionErrors = (
  values: DispositionValues,
  version: number,
  language: Language,
  moneyMessage: (fault: MoneyFault) => string,
): FieldError[] => {
  const errors: FieldError[] = [];
  const parsed = amountOf(values);
  const unreadable = values.decision && needsAmount(values.decision) && parsed && !parsed.ok;
  if (unreadable) errors.push({ pointer: '/amount', code: 'money', message: moneyMessage(parsed.reason) });
  if (values.decision === 'ADJUST_BUDGET_AND_TARGETS') {
    for (const field of adjustedFields) {
      const typed = values[field].trim();
      const read = typed === '' ? null : parseMoney(typed, 'wan');
      if (read && !read.ok) errors.push({ pointer: `/${field}`, code: 'money', message: moneyMessage(read.reason) });
    }
  }
  const result = validate(recordDisposition, dispositionBody(values, version), language);
  if (!result.ok) {
    for (const e of result.errors) {
      if (e.pointer === '/amountFen') {
        if (!unreadable) errors.push({ ...e, pointer: '/amount' });
      } else errors.push(e);
    }
  }
  return errors;
};

/** The API's field pointers as the form's fields. */
export const formPointer = (pointer: string): string => (pointer === '/amountFen' ? '/amount' : pointer);
