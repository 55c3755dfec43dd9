import { type FrameworkId, type Level1, level1Codes, level2Belongs } from '#core/indicator-library/framework.ts';
import type { Language } from '#core/language.ts';
import type { FieldError } from '#core/problem.ts';
import type { TargetRow } from '#core/submission/performance-target.ts';
import type { SubmissionConfig } from '#core/submission/submission-config.ts';
import { describeSubmission } from '#core/submission/submission-messages.ts';
import { targetDate } from '#core/submission/target-date.ts';
import { indicatorPoints, weightsOf } from '#core/submission/target-weights.ts';

/**
 * The target rules (1–4 of docs/domain/submission.md, "Target rules"). The target editor runs them
 * as the user types and the handler runs them again before a submit or an approval, so both say
 * the same thing in the same words. Drafts may break them; sending on may not. `targetWarnings`
 * are what a reviewer should look at but that never stop a target: a departure from the year's
 * weights that gives its reason, and money written as an output.
 */
export interface TargetContent {
  /** The level-1/2 structure the rows are written in (default: the 2020 framework). */
  framework?: FrameworkId | undefined;
  annualGoal: string;
  mediumTermGoal: string;
  rows: readonly TargetRow[];
  satisfactionExemptReason?: string | null | undefined;
  weightReason?: string | null | undefined;
}

export interface TargetRuleOptions {
  multiYear: boolean;
  /** The target's fiscal year: a date value without a year ("9月前") falls in it. */
  fiscalYear: number;
}

const numeric = (s: string) => /^-?\d+(\.\d+)?$/.test(s.trim());
const sum = (xs: readonly number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;

/** What a quantitative row's value is: a number, a date (as the last day it allows), or neither. */
export const valueKind = (value: string, fiscalYear: number): 'number' | 'date' | 'neither' => {
  if (numeric(value)) return 'number';
  return targetDate(value, fiscalYear) ? 'date' : 'neither';
};

/** The normalised date the server stores beside a date value (null for numbers and qualitative rows). */
export const rowValueDate = (row: Pick<TargetRow, 'operator' | 'value'>, fiscalYear: number): string | null =>
  row.operator === 'QUALITATIVE' || numeric(row.value) ? null : targetDate(row.value, fiscalYear);

const annualRows = (target: TargetContent) => target.rows.filter((r) => r.period === 'ANNUAL');
const satisfactionExempt = (target: TargetContent) =>
  Boolean(target.satisfactionExemptReason?.trim()) && annualRows(target).every((r) => r.level1 !== 'SATISFACTION');

/** The annual points of each level-1 as written, and as the year's defaults expect them. */
export const weightSplit = (
  target: TargetContent,
  config: SubmissionConfig,
): { actual: Record<Level1, number>; expected: Record<Level1, number>; departs: boolean } => {
  const annual = annualRows(target);
  const actual = Object.fromEntries(
    level1Codes.map((l) => [l, sum(annual.filter((r) => r.level1 === l).map((r) => r.weight))]),
  ) as Record<Level1, number>;
  const expected = expectedWeights(config, satisfactionExempt(target));
  return { actual, expected, departs: level1Codes.some((l) => actual[l] !== expected[l]) };
};

export const targetErrors = (
  target: TargetContent,
  config: SubmissionConfig,
  language: Language,
  options: TargetRuleOptions,
): FieldError[] => {
  const errors: FieldError[] = [];
  const add = (pointer: string, code: string, requirement?: unknown) =>
    errors.push({ pointer, code, message: describeSubmission(code, language, requirement) });

  if (!target.annualGoal.trim()) add('/annualGoal', 'required');
  if (options.multiYear && !target.mediumTermGoal.trim()) add('/mediumTermGoal', 'medium_term_goal_required');

  target.rows.forEach((row, i) => {
    const at = (field: string) => `/rows/${i}/${field}`;
    if (!level2Belongs(target.framework ?? 'mof-2020', row.level1, row.level2)) add(at('level2'), 'level2_mismatch');
    if (row.operator === 'QUALITATIVE') {
      // A qualitative row gives its graded wording and how it is judged.
      if (!row.value.trim()) add(at('value'), 'qualitative_value_required');
      if (!row.scoringStandard.trim()) add(at('scoringStandard'), 'scoring_standard_required');
    } else {
      // Rule 1: a quantitative row has an operator, a value that is a number or a date, and a
      // unit; a date ("11月底前完成") carries its own unit.
      const kind = valueKind(row.value, options.fiscalYear);
      if (!row.value.trim()) add(at('value'), 'required');
      else if (kind === 'neither') add(at('value'), 'numeric_or_date_value');
      if (kind !== 'date' && !row.unit.trim()) add(at('unit'), 'unit_required_quantitative');
    }
    // Rule 3: a row linked to a spending standard (a library cost indicator) may not exceed it.
    const cap = row.spendingStandardCap;
    if (cap !== null && cap !== undefined && numeric(row.value) && Number(row.value) > cap) {
      add(at('value'), 'above_spending_cap', cap);
    }
  });

  // Rule 2 (and rule 4) look at the annual rows: those are what self-evaluation scores.
  const annual = annualRows(target);
  const reasonGiven = Boolean(target.satisfactionExemptReason?.trim());
  const exempt = satisfactionExempt(target);
  for (const level1 of level1Codes) {
    if (level1 === 'SATISFACTION' && exempt) continue;
    if (annual.every((r) => r.level1 !== level1)) add(`/rows`, `missing_${level1.toLowerCase()}`);
  }
  // A reason next to a satisfaction row is a mistake to point out, not an exemption.
  if (reasonGiven && !exempt) add('/satisfactionExemptReason', 'exempt_but_present');

  // Rule 4: the points add up to the configured total; a departure from the year's split is the
  // project's to explain, not a refusal.
  const expectedTotal = indicatorPoints(config.weights);
  const total = sum(annual.map((r) => r.weight));
  if (total !== expectedTotal) {
    add('/rows', 'weights_total', {
      sum: total,
      expected: expectedTotal,
      budgetExecution: config.weights.budgetExecution,
      total: config.weights.total,
    });
  }
  // Until the total is right, which level-1 departs is not yet known: one message at a time.
  const split = weightSplit(target, config);
  if (total === expectedTotal && split.departs && !target.weightReason?.trim()) {
    add('/weightReason', 'weights_reason_required', { actual: split.actual, expected: split.expected });
  }
  return errors;
};

/** Money units: an amount of money is an input, not an output (docs/domain/submission.md, "Money as output"). */
const moneyUnit = /^(?:亿元|万元|千元|元)$/u;
const moneyInValue = /\d\s*(?:亿元|万元|千元|元)/u;

export const targetWarnings = (target: TargetContent, config: SubmissionConfig, language: Language): FieldError[] => {
  const warnings: FieldError[] = [];
  const add = (pointer: string, code: string, requirement?: unknown) =>
    warnings.push({ pointer, code, message: describeSubmission(code, language, requirement) });
  const split = weightSplit(target, config);
  const reason = target.weightReason?.trim();
  if (split.departs && reason) {
    add('/weightReason', 'weights_departed', { actual: split.actual, expected: split.expected, reason });
  }
  target.rows.forEach((row, i) => {
    // Cost rows are about money by nature; a quantity, quality or timeliness in 万元 is spending.
    if (row.level1 !== 'OUTPUT' || row.level2 === 'COST') return;
    if (moneyUnit.test(row.unit.trim())) add(`/rows/${i}/unit`, 'money_as_output');
    else if (moneyInValue.test(row.value)) add(`/rows/${i}/value`, 'money_as_output');
    else if (moneyInValue.test(row.name)) add(`/rows/${i}/name`, 'money_as_output');
  });
  return warnings;
};

/** The points each level-1 must carry by default, after moving satisfaction's share when it is exempted. */
export const expectedWeights = (config: SubmissionConfig, satisfactionExempt: boolean): Record<Level1, number> => {
  const weights = weightsOf(config.weights);
  if (satisfactionExempt) {
    weights[config.satisfactionExemptWeightTo] += weights.SATISFACTION;
    weights.SATISFACTION = 0;
  }
  return weights;
};
