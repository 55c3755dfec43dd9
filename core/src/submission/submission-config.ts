import type { Level1 } from '#core/indicator-library/framework.ts';
import { defaultTargetWeights, type TargetWeights } from '#core/submission/target-weights.ts';

/**
 * Submission rules that are local or inferred live here as data, so a district changes a number
 * rather than the code (docs/domain/submission.md). Both the forms and the handlers read the same
 * values. The weights, the ex-ante threshold and the passing grades below are only the defaults:
 * the handlers and the screens replace them with the settings the performance section saved for
 * the fiscal year (`configOf` in submission-settings.ts, docs/domain/submission.md, "Settings of the year").
 */
export interface SubmissionConfig {
  /** Points per level-1 category and for budget execution in self-evaluation (rule 4), and their total. */
  weights: TargetWeights;
  /** Where satisfaction's points go when a project is exempted from it with a reason (rule 2). */
  satisfactionExemptWeightTo: Level1;
  /**
   * A new project at or above this annual amount (fen) needs ex-ante assessment, major policy or
   * not; so does a renewal of an expiring project, whatever its amount. The default, 500 万元, is
   * the choice of many districts, not a national rule.
   */
  exAnteThresholdFen: number;
  /** Final-review grades that let a project into the library and the budget (财预〔2015〕88号). */
  passingGrades: readonly string[];
}

export const submissionConfig: SubmissionConfig = {
  weights: defaultTargetWeights,
  satisfactionExemptWeightTo: 'BENEFIT',
  // 500 万元
  exAnteThresholdFen: 5_000_000_00,
  passingGrades: ['EXCELLENT', 'GOOD'],
};

/** The configuration with a fiscal year's weights in place of the defaults. */
export const withWeights = (weights: TargetWeights, config: SubmissionConfig = submissionConfig): SubmissionConfig => ({
  ...config,
  weights,
});
