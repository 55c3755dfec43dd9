import { annualTotal } from '#core/submission/project.ts';
import type { SubmissionConfig } from '#core/submission/submission-config.ts';

/**
 * Rule 13 of domain.md §8 (and §7.2's hard rule): a project enters the budget only with
 * final-approved targets graded 优 or 良 and, when ex-ante assessment is required, a conclusion
 * other than "do not support". Returns the reasons it may not; none means it may.
 */
export type BudgetGateReason =
  | 'already_budgeted'
  | 'targets_not_approved'
  | 'grade_not_passing'
  | 'ex_ante_missing'
  | 'ex_ante_rejected';

export const budgetGate = (
  project: {
    stage: string;
    approvedTargetId: string | null;
    approvedGrade: string | null;
    exAnteRequired: boolean;
    exAnteConclusion: string | null;
  },
  config: SubmissionConfig,
): BudgetGateReason[] => {
  if (project.stage === 'BUDGETED') return ['already_budgeted'];
  const reasons: BudgetGateReason[] = [];
  if (!project.approvedTargetId) reasons.push('targets_not_approved');
  else if (!config.passingGrades.includes(project.approvedGrade ?? '')) reasons.push('grade_not_passing');
  if (project.exAnteRequired && !project.exAnteConclusion) reasons.push('ex_ante_missing');
  if (project.exAnteConclusion === 'REJECT') reasons.push('ex_ante_rejected');
  return reasons;
};

/** Whether a project needs ex-ante assessment (§5.2): a major policy, or a new project above the threshold. */
export const exAnteRequired = (
  project: { majorPolicy: boolean; nature: string; funds: { fiscal: number; carryOver: number; other: number } },
  config: SubmissionConfig,
): boolean =>
  project.majorPolicy || (project.nature === 'NEW' && annualTotal(project.funds) >= config.exAnteThresholdFen);
