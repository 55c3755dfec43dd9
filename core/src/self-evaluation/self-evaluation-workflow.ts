import type { FieldError } from '#core/problem.ts';
import { allows, type ReviewGuard, type ReviewTable, rulesNotMet } from '#core/review/review-engine.ts';
import type { TargetStatus } from '#core/submission/performance-target.ts';

/** What the guards of a self-evaluation's review read. */
export interface SelfEvaluationReviewFacts {
  /** The table's rules (self-evaluation-rules.ts) as it stands. */
  ruleErrors: readonly FieldError[];
}

/** What a step does besides moving the status: the first submission is dated (lateness against the deadline). */
export type SelfEvaluationEffect = 'first-submitted';

const rulesHold: ReviewGuard<SelfEvaluationReviewFacts> = (f) => rulesNotMet(f.ruleErrors);

/**
 * A self-evaluation goes through the review every piece of work takes (docs/domain/self-evaluation.md,
 * "Rounds, review and spot-check"): the unit sends it, its department approves, the business section
 * does the first review and the performance section the final one; anyone on the way may return it
 * with row comments. The rules hold when it is sent and again when it is approved. A table of the
 * review engine (core/src/review/review-engine.ts).
 */
export const selfEvaluationActions = {
  submit: {
    from: ['DRAFT', 'RETURNED'],
    to: 'UNIT_SUBMITTED',
    role: 'unit-approver',
    guards: [rulesHold],
    effects: ['first-submitted'],
  },
  'department-approve': { from: ['UNIT_SUBMITTED'], to: 'DEPT_APPROVED', role: 'department-reviewer' },
  'department-return': { from: ['UNIT_SUBMITTED'], to: 'RETURNED', role: 'department-reviewer' },
  'first-approve': { from: ['DEPT_APPROVED'], to: 'FIRST_REVIEWED', role: 'business-section-reviewer' },
  'first-return': { from: ['DEPT_APPROVED'], to: 'RETURNED', role: 'business-section-reviewer' },
  'final-approve': {
    from: ['FIRST_REVIEWED'],
    to: 'FINAL_APPROVED',
    role: 'performance-section-reviewer',
    guards: [rulesHold],
  },
  'final-return': { from: ['FIRST_REVIEWED'], to: 'RETURNED', role: 'performance-section-reviewer' },
} as const satisfies ReviewTable<string, TargetStatus, SelfEvaluationReviewFacts, SelfEvaluationEffect>;
export type SelfEvaluationAction = keyof typeof selfEvaluationActions;

export const canTakeSelfEvaluationAction = (action: SelfEvaluationAction, status: TargetStatus): boolean =>
  allows(selfEvaluationActions, action, status);

export const editableSelfEvaluationStatuses: readonly TargetStatus[] = ['DRAFT', 'RETURNED'];

/** Sent on and not sent back. */
export const submittedSelfEvaluationStatuses: readonly TargetStatus[] = [
  'UNIT_SUBMITTED',
  'DEPT_APPROVED',
  'FIRST_REVIEWED',
  'FINAL_APPROVED',
];
