import type { Language } from '#core/language.ts';
import type { FieldError } from '#core/problem.ts';
import { allows, type ReviewGuard, type ReviewTable, rulesNotMet } from '#core/review/review-engine.ts';
import { nobodyActedSince, type WithdrawalFacts } from '#core/review/withdrawal.ts';
import type { Role } from '#core/roles.ts';
import { type BudgetGateFacts, budgetGate } from '#core/submission/budget-gate.ts';
import type { ReviewGrade, TargetStatus } from '#core/submission/performance-target.ts';
import type { ProjectStage } from '#core/submission/project.ts';
import type { SubmissionConfig } from '#core/submission/submission-config.ts';
import { describe } from '#core/validation.ts';

/** What the guards of a target's review read, loaded by the handler before it asks the engine. */
export interface TargetReviewFacts extends WithdrawalFacts {
  /** The version is its project's newest and not superseded: only that one moves. */
  newest: boolean;
  /** Row comments that name no row of the version. */
  unknownRowIds: readonly string[];
  /** Rules 1–4 on the version (target-rules.ts), with the year's weights. */
  ruleErrors: readonly FieldError[];
  /** The project as the budget gate reads it. */
  gate: BudgetGateFacts;
  config: SubmissionConfig;
  language: Language;
}

/** What a step does besides moving the status; the handler carries it out. */
export type TargetEffect = 'snapshot-project' | 'grade' | 'clear-grade' | 'record-approval' | 'withdraw-approval';

const newestOnly: ReviewGuard<TargetReviewFacts> = (f) => (f.newest ? undefined : { type: 'invalid-transition' });
const knownRows: ReviewGuard<TargetReviewFacts> = (f) =>
  f.unknownRowIds.length > 0
    ? {
        type: 'validation-failed',
        errors: f.unknownRowIds.map((id) => ({
          pointer: `/rowComments/${id}`,
          code: 'unknown_row',
          message: describe('unknown_row', f.language),
        })),
      }
    : undefined;
/** Rules 1–4 hold before it is sent on and again before it is approved. */
const rulesHold: ReviewGuard<TargetReviewFacts> = (f) => rulesNotMet(f.ruleErrors);
const gateError = (code: string, f: TargetReviewFacts): FieldError[] => [
  { pointer: '', code, message: describe(code, f.language) },
];
/**
 * The budget gate's ex-ante condition (a conclusion where one is required) holds before final
 * approval. It is asked of the project as if not yet budgeted: an adjustment is held to it too.
 */
const exAnteConcluded: ReviewGuard<TargetReviewFacts> = (f) =>
  budgetGate({ ...f.gate, stage: 'IN_REVIEW' }, f.config).includes('ex_ante_missing')
    ? rulesNotMet(gateError('ex_ante_missing', f))
    : undefined;
/** 取消审核 only while the budget gate has not let the project in. */
const notBudgeted: ReviewGuard<TargetReviewFacts> = (f) =>
  budgetGate(f.gate, f.config).includes('already_budgeted') ? rulesNotMet(gateError('already_budgeted', f)) : undefined;

const always = [newestOnly, knownRows] as const;

/**
 * The review of a target version (docs/domain/submission.md, "Review") as data for the review engine
 * (core/src/review/review-engine.ts): which action moves it from which states to which, who may take
 * it, behind which guards. The handlers refuse anything not listed here.
 */
export const targetActions = {
  submit: {
    from: ['DRAFT', 'RETURNED'],
    to: 'UNIT_SUBMITTED',
    role: 'unit-approver',
    guards: [...always, rulesHold],
    effects: ['snapshot-project'],
  },
  'department-approve': {
    from: ['UNIT_SUBMITTED'],
    to: 'DEPT_APPROVED',
    role: 'department-reviewer',
    guards: always,
  },
  'department-return': { from: ['UNIT_SUBMITTED'], to: 'RETURNED', role: 'department-reviewer', guards: always },
  'first-approve': { from: ['DEPT_APPROVED'], to: 'FIRST_REVIEWED', role: 'business-section-reviewer', guards: always },
  'first-return': { from: ['DEPT_APPROVED'], to: 'RETURNED', role: 'business-section-reviewer', guards: always },
  /** 优 or 良. */
  'final-approve': {
    from: ['FIRST_REVIEWED'],
    to: 'FINAL_APPROVED',
    role: 'performance-section-reviewer',
    guards: [...always, rulesHold, exAnteConcluded],
    effects: ['grade', 'record-approval'],
  },
  /** A plain return, or a grade of 中: the unit revises and resubmits. */
  'final-return': {
    from: ['FIRST_REVIEWED'],
    to: 'RETURNED',
    role: 'performance-section-reviewer',
    guards: always,
    effects: ['grade'],
  },
  /** A grade of 差: it does not proceed to the budget. */
  'final-reject': {
    from: ['FIRST_REVIEWED'],
    to: 'REJECTED',
    role: 'performance-section-reviewer',
    guards: always,
    effects: ['grade'],
  },
  /** 取消审核: only while the project is not yet in the budget. */
  'cancel-approval': {
    from: ['FINAL_APPROVED'],
    to: 'FIRST_REVIEWED',
    role: 'performance-section-reviewer',
    guards: [...always, notBudgeted],
    effects: ['clear-grade', 'withdraw-approval'],
  },
  /**
   * 撤回 (docs/domain/submission.md#withdrawal): the unit takes back what it sent while its department
   * has not acted. It becomes a draft, as a returned version does when the unit edits it; the return's
   * comments stay in the log and on the screen.
   */
  'unit-withdraw': {
    from: ['UNIT_SUBMITTED'],
    to: 'DRAFT',
    role: 'unit-approver',
    guards: [newestOnly, nobodyActedSince<TargetReviewFacts>('unit-withdraw')],
  },
  /** The department takes back its approval while the business section has not acted. */
  'department-withdraw': {
    from: ['DEPT_APPROVED'],
    to: 'UNIT_SUBMITTED',
    role: 'department-reviewer',
    guards: [newestOnly, nobodyActedSince<TargetReviewFacts>('department-withdraw')],
  },
  /** The business section takes back its first review while the final review has not happened. */
  'first-withdraw': {
    from: ['FIRST_REVIEWED'],
    to: 'DEPT_APPROVED',
    role: 'business-section-reviewer',
    guards: [newestOnly, nobodyActedSince<TargetReviewFacts>('first-withdraw')],
  },
} as const satisfies ReviewTable<string, TargetStatus, TargetReviewFacts, TargetEffect>;
export type TargetAction = keyof typeof targetActions;

export const canTake = (action: TargetAction, status: TargetStatus): boolean => allows(targetActions, action, status);

/** Which final-review action a grade leads to (88号: 优/良 proceed, 中 revises, 差 stops). */
export const finalActionFor = (decision: 'approve' | 'return', grade: ReviewGrade | undefined): TargetAction => {
  if (decision === 'return' || grade === 'FAIR') return 'final-return';
  if (grade === 'POOR') return 'final-reject';
  return 'final-approve';
};

/** Editable states: a draft, or a version sent back for changes. */
export const editableStatuses: readonly TargetStatus[] = ['DRAFT', 'RETURNED'];

/** The status a reviewer of each role waits on (their queue). */
export const queueStatusOf = {
  'department-reviewer': 'UNIT_SUBMITTED',
  'business-section-reviewer': 'DEPT_APPROVED',
  'performance-section-reviewer': 'FIRST_REVIEWED',
} as const satisfies Partial<Record<Role, TargetStatus>>;
export type ReviewerRole = keyof typeof queueStatusOf;
/** The roles that have a review queue, in the order of the review. */
export const reviewerRoles = Object.keys(queueStatusOf) as ReviewerRole[];

/**
 * The project's stage after its targets reach `status`. An adjustment (version 2 and later)
 * does not take an approved project out of the library or the budget: the earlier approved version
 * stands until the new one is approved. An ex-ante conclusion of 不予支持 keeps it out.
 */
export const projectStageAfter = (
  current: ProjectStage,
  status: TargetStatus,
  hasApprovedVersion: boolean,
  exAnteRejected: boolean,
): ProjectStage => {
  if (current === 'BUDGETED') return 'BUDGETED';
  if (exAnteRejected) return 'REJECTED';
  if (status === 'FINAL_APPROVED' || hasApprovedVersion) return 'IN_LIBRARY';
  if (status === 'REJECTED') return 'REJECTED';
  if (status === 'DRAFT' || status === 'RETURNED') return 'PROPOSED';
  return 'IN_REVIEW';
};
