import type { Language } from '#core/language.ts';
import type { FieldError } from '#core/problem.ts';
import {
  type ResultGateFacts,
  type ResultGateReason,
  resultGateFindings,
} from '#core/results-application/result-gate.ts';
import { describeResults } from '#core/results-application/results-application-messages.ts';
import type { ExAnteAssessment } from '#core/submission/ex-ante-assessment.ts';
import type { PerformanceTarget } from '#core/submission/performance-target.ts';
import { annualTotal, type Project } from '#core/submission/project.ts';
import type { SubmissionConfig } from '#core/submission/submission-config.ts';
import { describeSubmission } from '#core/submission/submission-messages.ts';

/**
 * The budget gate (rule 13, 财预〔2018〕167号; docs/domain/submission.md, "Budget gate"): a project
 * enters the budget only with final-approved targets graded 优 or 良 and, when ex-ante assessment is
 * required, a conclusion other than "do not support". After "support after adjustment" the
 * targets must have been revised (a version final-approved after the conclusion), and a budget
 * above the assessment's recommended amount needs a reason. Returns the reasons it may not, none
 * when it may; the API runs it on 纳入预算 and the project page runs it before the button is pressed.
 */
export type BudgetGateReason =
  | 'already_budgeted'
  | 'targets_not_approved'
  | 'grade_not_passing'
  | 'ex_ante_missing'
  | 'ex_ante_rejected'
  | 'targets_not_revised'
  | 'above_recommended_amount'
  // Last year's results (docs/domain/results-application.md#the-budget-gate): each needs the performance section's reason.
  | ResultGateReason;

export interface BudgetGateFacts {
  stage: string;
  approvedTargetId: string | null;
  approvedGrade: string | null;
  exAnteRequired: boolean;
  exAnteConclusion: string | null;
  /** When the version that stands approved was final-approved; null when none is. */
  approvedAt?: string | null | undefined;
  /** The latest concluded assessment: when, and the amount it recommended (fen), if any. */
  exAnte?: { concludedAt: string; recommendedAmount: number | null } | null | undefined;
  /** What would be budgeted (fen): the project's annual funds. */
  budgetedAmount?: number | undefined;
  /** Last year's results of the project (same code) and its open rectifications; absent where nothing was read. */
  results?: ResultGateFacts | undefined;
}

export interface BudgetGateFinding {
  reason: BudgetGateReason;
  /** What the message needs: the conclusion date, or the two amounts in fen. */
  detail?: { concludedAt?: string; budgeted?: number; recommended?: number } & Record<string, unknown>;
}

/** The reasons a reason from the performance section overrides (the ex-ante excess and last year's results). */
export const overridableReasons: readonly BudgetGateReason[] = [
  'above_recommended_amount',
  'above_results_recommendation',
  'predecessor_poor',
  'rectification_open',
];

export const budgetGateFindings = (
  project: BudgetGateFacts,
  config: SubmissionConfig,
  overrideReason = '',
): BudgetGateFinding[] => {
  if (project.stage === 'BUDGETED') return [{ reason: 'already_budgeted' }];
  const findings: BudgetGateFinding[] = [];
  if (!project.approvedTargetId) findings.push({ reason: 'targets_not_approved' });
  else if (!config.passingGrades.includes(project.approvedGrade ?? '')) findings.push({ reason: 'grade_not_passing' });
  if (project.exAnteRequired && !project.exAnteConclusion) findings.push({ reason: 'ex_ante_missing' });
  if (project.exAnteConclusion === 'REJECT') findings.push({ reason: 'ex_ante_rejected' });
  const exAnte = project.exAnte;
  if (project.exAnteConclusion === 'SUPPORT_AFTER_ADJUSTMENT' && exAnte) {
    // ISO timestamps of one clock compare as text.
    if (project.approvedTargetId && !(project.approvedAt && project.approvedAt > exAnte.concludedAt)) {
      findings.push({ reason: 'targets_not_revised', detail: { concludedAt: exAnte.concludedAt } });
    }
  }
  if (
    project.exAnteConclusion !== 'REJECT' &&
    exAnte?.recommendedAmount !== null &&
    exAnte?.recommendedAmount !== undefined &&
    project.budgetedAmount !== undefined &&
    project.budgetedAmount > exAnte.recommendedAmount &&
    !overrideReason.trim()
  ) {
    findings.push({
      reason: 'above_recommended_amount',
      detail: { budgeted: project.budgetedAmount, recommended: exAnte.recommendedAmount },
    });
  }
  if (!overrideReason.trim()) findings.push(...resultGateFindings(project.results, project.budgetedAmount ?? 0));
  return findings;
};

export const budgetGate = (
  project: BudgetGateFacts,
  config: SubmissionConfig,
  overrideReason = '',
): BudgetGateReason[] => budgetGateFindings(project, config, overrideReason).map((f) => f.reason);

/** Whether a reason the performance section gives (above the recommended amount, last year's results) is needed. */
export const needsOverrideReason = (project: BudgetGateFacts, config: SubmissionConfig): boolean =>
  budgetGate(project, config).some((r) => overridableReasons.includes(r));

/**
 * The facts the gate needs, from what the project page and the API both read: the project, its
 * target versions and its ex-ante assessments.
 */
export const budgetGateFacts = (
  project: Pick<
    Project,
    'stage' | 'approvedTargetId' | 'approvedGrade' | 'exAnteRequired' | 'exAnteConclusion' | 'funds'
  >,
  versions: readonly Pick<PerformanceTarget, 'id' | 'reviewLog'>[],
  assessments: readonly Pick<ExAnteAssessment, 'state' | 'concludedAt' | 'recommendedAmount'>[],
  results?: ResultGateFacts,
): BudgetGateFacts => {
  const approved = versions.find((v) => v.id === project.approvedTargetId);
  const approvedAt = approved?.reviewLog.findLast((s) => s.action === 'final-approve')?.at ?? null;
  const concluded = assessments
    .filter((a): a is typeof a & { concludedAt: string } => a.state === 'CONCLUDED' && Boolean(a.concludedAt))
    .sort((a, b) => a.concludedAt.localeCompare(b.concludedAt))
    .at(-1);
  return {
    stage: project.stage,
    approvedTargetId: project.approvedTargetId,
    approvedGrade: project.approvedGrade,
    exAnteRequired: project.exAnteRequired,
    exAnteConclusion: project.exAnteConclusion,
    approvedAt,
    exAnte: concluded ? { concludedAt: concluded.concludedAt, recommendedAmount: concluded.recommendedAmount } : null,
    budgetedAmount: annualTotal(project.funds),
    ...(results ? { results } : {}),
  };
};

/**
 * Whether a project needs ex-ante assessment: a new major policy or project, a renewal of an
 * expiring one (as a new major one), or a new project at or above the threshold.
 */
export const exAnteRequired = (
  project: {
    majorPolicy: boolean;
    renewal?: boolean | undefined;
    nature: string;
    funds: { fiscal: number; carryOver: number; other: number };
  },
  config: SubmissionConfig,
): boolean =>
  project.majorPolicy ||
  project.renewal === true ||
  (project.nature === 'NEW' && annualTotal(project.funds) >= config.exAnteThresholdFen);

/** The gate's findings in the user's words, as the API's problem and the project page list them. */
export const budgetGateErrors = (
  project: BudgetGateFacts,
  config: SubmissionConfig,
  language: Language,
  overrideReason = '',
): FieldError[] =>
  budgetGateFindings(project, config, overrideReason).map((f) => ({
    pointer: overridableReasons.includes(f.reason) ? '/overrideReason' : '',
    code: f.reason,
    message: resultReasons.includes(f.reason)
      ? describeResults(f.reason, language, f.detail)
      : describeSubmission(f.reason, language, f.detail),
  }));

/** The reasons last year's results give (docs/domain/results-application.md#the-budget-gate). */
export const resultReasons: readonly BudgetGateReason[] = overridableReasons.filter(
  (r) => r !== 'above_recommended_amount',
);
