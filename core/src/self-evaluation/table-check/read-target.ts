import type { IndicatorOperator } from '#core/indicator-library/indicator.ts';
import { fold } from '#core/self-evaluation/table-check/table-text.ts';
import { targetDate } from '#core/submission/target-date.ts';

/**
 * Reads a 年度指标值 as a paper table prints it into the row's operator, value and unit
 * (docs/domain/self-evaluation.md, "Checking a filled table"): "≥95%" is ≥ 95 in %, "≤100万元" ≤ 100
 * in 万元, "=0" = 0, "95%以上" ≥ 95, "2023年12月前" a date (its last allowed day), "按期完成" words.
 * A number written without an operator is a ≥ target, as most tables mean it. A value that looks
 * like a date but names no real day ("2023年13月前") is `notADate`, never read as words.
 */
export type TargetReading =
  | { kind: 'NUMBER'; operator: Exclude<IndicatorOperator, 'QUALITATIVE'>; value: string; unit: string }
  | { kind: 'DATE'; operator: 'LTE'; value: string }
  | { kind: 'WORDS'; operator: 'QUALITATIVE'; value: string }
  | { kind: 'NOT_A_DATE' }
  | { kind: 'EMPTY' };

const prefixes: [RegExp, Exclude<IndicatorOperator, 'QUALITATIVE'>][] = [
  [/^(?:>=|≥|≧|不低于|不少于|不小于|大于等于|大于或等于|达到|至少)/u, 'GTE'],
  [/^(?:<=|≤|≦|不高于|不超过|不大于|小于等于|小于或等于|控制在|最多)/u, 'LTE'],
  [/^(?:>|大于|高于|超过|多于)/u, 'GT'],
  [/^(?:<|小于|低于|少于)/u, 'LT'],
  [/^(?:==|=|等于)/u, 'EQ'],
];
const suffixes: [RegExp, Exclude<IndicatorOperator, 'QUALITATIVE'>][] = [
  [/(?:及以上|以上)$/u, 'GTE'],
  [/(?:及以下|以下|以内|之内)$/u, 'LTE'],
];
const numberThenUnit = /^(-?\d+(?:\.\d+)?)([^\d]*)$/u;
/** Digits next to 年, 月, 日 or 季度: the person meant a date. */
const dateLike = /\d\s*(?:年|月|日|号)|季度|[12]\d{3}[-/.]\d{1,2}/u;

export const readTarget = (written: string, fiscalYear: number): TargetReading => {
  const text = fold(written).replace(/(\d),(?=\d{3}(?:\D|$))/gu, '$1');
  if (!text) return { kind: 'EMPTY' };
  let operator: Exclude<IndicatorOperator, 'QUALITATIVE'> | undefined;
  let rest = text;
  for (const [pattern, op] of prefixes) {
    if (pattern.test(rest)) {
      operator = op;
      rest = rest.replace(pattern, '');
      break;
    }
  }
  const number = numberThenUnit.exec(rest);
  if (number && !dateLike.test(text)) {
    let unit = number[2] ?? '';
    for (const [pattern, op] of suffixes) {
      if (pattern.test(unit)) {
        operator ??= op;
        unit = unit.replace(pattern, '');
      }
    }
    return { kind: 'NUMBER', operator: operator ?? 'GTE', value: number[1]!, unit };
  }
  const day = targetDate(text, fiscalYear);
  if (day) return { kind: 'DATE', operator: 'LTE', value: day };
  if (dateLike.test(text)) return { kind: 'NOT_A_DATE' };
  return { kind: 'WORDS', operator: 'QUALITATIVE', value: written.trim() };
};

/** An actual that looks like a date ("2023年11月") but names no real day. */
export const actualNotADate = (written: string, fiscalYear: number): boolean => {
  const text = fold(written);
  return dateLike.test(text) && !/^-?\d+(?:\.\d+)?[^\d]*$/u.test(text) && targetDate(text, fiscalYear) === null;
};
