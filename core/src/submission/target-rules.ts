import { type FrameworkId, type Level1, level2Belongs } from '#core/indicator-library/framework.ts';
import type { Language } from '#core/language.ts';
import type { FieldError } from '#core/problem.ts';
import type { TargetRow } from '#core/submission/performance-target.ts';
import type { SubmissionConfig } from '#core/submission/submission-config.ts';
import { describe } from '#core/validation.ts';

/**
 * The validation rules of domain.md §8 that apply to performance targets (1–4). The target editor
 * runs them as the user types and the handler runs them again before a submit or an approval, so
 * both say the same thing in the same words. Drafts may break them; sending on may not.
 */
export interface TargetContent {
  /** The level-1/2 structure the rows are written in (default: the 2020 framework). */
  framework?: FrameworkId | undefined;
  annualGoal: string;
  mediumTermGoal: string;
  rows: readonly TargetRow[];
  satisfactionExemptReason?: string | null | undefined;
}

const numeric = (s: string) => /^-?\d+(\.\d+)?$/.test(s.trim());
const sum = (xs: readonly number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;

export const targetErrors = (
  target: TargetContent,
  config: SubmissionConfig,
  language: Language,
  options: { multiYear: boolean },
): FieldError[] => {
  const errors: FieldError[] = [];
  const add = (pointer: string, code: string, requirement?: unknown) =>
    errors.push({ pointer, code, message: describe(code, language, requirement) });

  if (!target.annualGoal.trim()) add('/annualGoal', 'required');
  if (options.multiYear && !target.mediumTermGoal.trim()) add('/mediumTermGoal', 'medium_term_goal_required');

  target.rows.forEach((row, i) => {
    const at = (field: string) => `/rows/${i}/${field}`;
    if (!level2Belongs(target.framework ?? 'mof-2020', row.level1, row.level2)) add(at('level2'), 'level2_mismatch');
    if (row.operator === 'QUALITATIVE') {
      // A qualitative row gives its graded wording and how it is judged (§5.1).
      if (!row.value.trim()) add(at('value'), 'qualitative_value_required');
      if (!row.scoringStandard.trim()) add(at('scoringStandard'), 'scoring_standard_required');
    } else {
      // Rule 1: a quantitative row has an operator, a numeric value and a unit.
      if (!row.value.trim()) add(at('value'), 'required');
      else if (!numeric(row.value)) add(at('value'), 'numeric_value');
      if (!row.unit.trim()) add(at('unit'), 'unit_required_quantitative');
    }
    // Rule 3: a row linked to a spending standard (a library cost indicator) may not exceed it.
    const cap = row.spendingStandardCap;
    if (cap !== null && cap !== undefined && numeric(row.value) && Number(row.value) > cap) {
      add(at('value'), 'above_spending_cap', cap);
    }
  });

  // Rule 2 (and rule 4) look at the annual rows: those are what self-evaluation scores.
  const annual = target.rows.filter((r) => r.period === 'ANNUAL');
  const byLevel1 = (level1: Level1) => annual.filter((r) => r.level1 === level1);
  const reasonGiven = Boolean(target.satisfactionExemptReason?.trim());
  // A reason next to a satisfaction row is a mistake to point out, not an exemption.
  const exempt = reasonGiven && byLevel1('SATISFACTION').length === 0;
  for (const level1 of Object.keys(config.weights) as Level1[]) {
    if (level1 === 'SATISFACTION' && exempt) continue;
    if (byLevel1(level1).length === 0) add(`/rows`, `missing_${level1.toLowerCase()}`);
  }
  if (reasonGiven && !exempt) add('/satisfactionExemptReason', 'exempt_but_present');

  // Rule 4: the weights of each level-1 add up to its share of the self-evaluation score.
  const expected = expectedWeights(config, exempt);
  for (const level1 of Object.keys(expected) as Level1[]) {
    const rows = byLevel1(level1);
    if (rows.length === 0) continue;
    const total = sum(rows.map((r) => r.weight));
    if (total !== expected[level1])
      add('/rows', `weights_${level1.toLowerCase()}`, { total, expected: expected[level1] });
  }
  return errors;
};

/** The points each level-1 must carry, after moving satisfaction's share when it is exempted. */
export const expectedWeights = (config: SubmissionConfig, satisfactionExempt: boolean): Record<Level1, number> => {
  const weights = { ...config.weights };
  if (satisfactionExempt) {
    weights[config.satisfactionExemptWeightTo] += weights.SATISFACTION;
    weights.SATISFACTION = 0;
  }
  return weights;
};
