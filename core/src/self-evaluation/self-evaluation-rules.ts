import type { Level1 } from '#core/indicator-library/framework.ts';
import type { Language } from '#core/language.ts';
import type { FieldError } from '#core/problem.ts';
import type { ScoreSheet } from '#core/self-evaluation/score-sheet.ts';
import type { ScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import { describeSelfEvaluation } from '#core/self-evaluation/self-evaluation-messages.ts';
import type { SelfEvaluationRow } from '#core/self-evaluation/self-evaluation-row.ts';
import { type TargetWeights, weightsOf } from '#core/submission/target-weights.ts';

/**
 * The rules of a self-evaluation table (docs/domain/self-evaluation.md, "Rules of a
 * self-evaluation"), run by the form as the unit types and by the handler before the table is sent
 * on: a draft may break them, a submit may not. `sheet` is `scoreSheet` of the same rows, in the
 * same order. Warnings are for the reviewer and never stop a table.
 */
const filled = (s: string | null | undefined) => Boolean(s?.trim());

export const selfEvaluationErrors = (
  rows: readonly SelfEvaluationRow[],
  sheet: ScoreSheet,
  settings: ScoringSettings,
  language: Language,
): FieldError[] => {
  const errors: FieldError[] = [];
  const add = (pointer: string, code: string, requirement?: Record<string, unknown>) =>
    errors.push({ pointer, code, message: describeSelfEvaluation(code, language, requirement) });

  if (sheet.execution.score === null) add('/money', 'money_required');
  rows.forEach((row, i) => {
    const score = sheet.rows[i];
    if (!score) return;
    const at = (field: string) => `/rows/${i}/${field}`;
    if (score.kind === 'NOT_APPLICABLE') {
      if (!filled(row.notApplicableReason)) add(at('notApplicableReason'), 'not_applicable_reason_required');
      return;
    }
    if (score.kind === 'EMPTY') {
      add(at('actual'), 'row_not_filled');
      return;
    }
    // Rule 5: a tier, and a score inside its band, wherever the score comes from a tier.
    const lateByTier = score.kind === 'DATE' && score.belowTarget && settings.lateDateRule === 'TIER';
    if (score.kind === 'QUALITATIVE' || score.kind === 'NOT_COMPUTABLE' || lateByTier) {
      const written = row.tierScore?.trim() ?? '';
      if (row.tier === null) add(at('tier'), 'tier_required');
      else if (!written) add(at('tierScore'), 'tier_score_required', { ...score.band });
      else if (score.score === null) {
        const decimals = settings.rounding.decimals;
        if ((written.split('.')[1] ?? '').length > decimals) add(at('tierScore'), 'tier_score_decimals', { decimals });
        else add(at('tierScore'), 'tier_score_out_of_band', { ...score.band, score: written });
      }
    }
    if (score.kind === 'NOT_COMPUTABLE' && !filled(row.notComputableReason)) {
      add(at('notComputableReason'), 'not_computable_reason_required', { unit: row.unit });
    }
    // Rule 6.
    if (score.overAchieved && !filled(row.overExplanation)) {
      add(at('overExplanation'), 'over_explanation_required', {
        pct: score.achievementPct,
        min: settings.overAchievementPct,
      });
    }
    // Rule 7.
    if (score.belowTarget || (score.score !== null && score.score < row.weight)) {
      if (!filled(row.deviationReasons)) add(at('deviationReasons'), 'deviation_reasons_required');
      if (!filled(row.improvementMeasures)) add(at('improvementMeasures'), 'improvement_measures_required');
    }
    if (Number(row.deduction ?? 0) > 0 && !filled(row.deductionReason)) {
      add(at('deductionReason'), 'deduction_reason_required');
    }
  });
  return errors;
};

const hundredths = (n: number) => Math.round(n * 100) / 100;

/**
 * The points each level-1 should carry by the year's weights; when the table has no satisfaction
 * row, satisfaction's points go where the year says (benefit, output, or both in proportion).
 */
export const expectedSplit = (
  rows: readonly Pick<SelfEvaluationRow, 'level1'>[],
  weights: TargetWeights,
  settings: ScoringSettings,
): Record<Level1, number> => {
  const expected = weightsOf(weights);
  if (rows.some((r) => r.level1 === 'SATISFACTION')) return expected;
  const moved = expected.SATISFACTION;
  expected.SATISFACTION = 0;
  if (settings.satisfactionFallback === 'OUTPUT') expected.OUTPUT += moved;
  else if (settings.satisfactionFallback === 'BENEFIT' || expected.OUTPUT + expected.BENEFIT === 0) {
    expected.BENEFIT += moved;
  } else {
    const toOutput = hundredths((moved * expected.OUTPUT) / (expected.OUTPUT + expected.BENEFIT));
    expected.OUTPUT = hundredths(expected.OUTPUT + toOutput);
    expected.BENEFIT = hundredths(expected.BENEFIT + moved - toOutput);
  }
  return expected;
};

export const selfEvaluationWarnings = (
  rows: readonly SelfEvaluationRow[],
  sheet: ScoreSheet,
  settings: ScoringSettings,
  weights: TargetWeights,
  language: Language,
): FieldError[] => {
  const warnings: FieldError[] = [];
  const add = (pointer: string, code: string, requirement?: Record<string, unknown>) =>
    warnings.push({ pointer, code, message: describeSelfEvaluation(code, language, requirement) });
  // Rule 4: a departure from the year's split is the reviewer's to look at, never a refusal.
  const expected = expectedSplit(rows, weights, settings);
  const actual = Object.fromEntries(
    Object.keys(expected).map((l) => [
      l,
      hundredths(rows.filter((r) => r.level1 === l).reduce((a, r) => a + r.weight, 0)),
    ]),
  ) as Record<Level1, number>;
  if (Object.entries(expected).some(([l, points]) => actual[l as Level1] !== points)) {
    add('/rows', 'weights_departed', { actual, expected });
  }
  if (sheet.execution.totalMismatch) add('/money', 'money_total_not_sum');
  return warnings;
};
