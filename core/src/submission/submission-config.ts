import type { Level1 } from '#core/indicator-library/framework.ts';

/**
 * Rules domain.md marks as inferred or local ([I]/[L]) live here as data, so a district changes a
 * number rather than the code. Both the forms and the handlers read the same values.
 */
export interface SubmissionConfig {
  /**
   * Points each level-1 category carries in self-evaluation (§8 rule 4: output 50, benefit 30,
   * satisfaction 10; the other 10 is budget execution). The targets' weights must add up to these.
   */
  weights: Record<Level1, number>;
  /** Where satisfaction's points go when a project is exempted from it with a reason (§8 rule 2). */
  satisfactionExemptWeightTo: Level1;
  /** A new project at or above this annual amount (fen) needs ex-ante assessment, major policy or not (§5.2). */
  exAnteThresholdFen: number;
  /** Final-review grades that let a project into the library and the budget (§5.3, §7.2). */
  passingGrades: readonly string[];
}

export const submissionConfig: SubmissionConfig = {
  weights: { OUTPUT: 50, BENEFIT: 30, SATISFACTION: 10 },
  satisfactionExemptWeightTo: 'BENEFIT',
  // 500 万元
  exAnteThresholdFen: 5_000_000_00,
  passingGrades: ['EXCELLENT', 'GOOD'],
};
