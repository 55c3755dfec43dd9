import {
  editableReportStatuses,
  type ReportAction,
  reportActions,
  reportedStatuses,
} from '#core/monitoring/report-workflow.ts';
import type { TargetStatus } from '#core/submission/performance-target.ts';

/**
 * A self-evaluation goes through the review a monitoring report takes (docs/domain/self-evaluation.md,
 * "Rounds, review and spot-check"): the unit sends it, its department approves, the business section
 * does the first review and the performance section the final one; anyone on the way may return it
 * with row comments. Its rules hold when it is sent and again when it is approved; there is no
 * grade to pick, since the grade is the score's. Each sender may withdraw (撤回) its own step while
 * nobody has acted since (docs/domain/submission.md#withdrawal). One table of the review engine serves both
 * (core/src/monitoring/report-workflow.ts), so the two reviews cannot drift apart.
 */
export const selfEvaluationActions = reportActions;
export type SelfEvaluationAction = ReportAction;

export const editableSelfEvaluationStatuses: readonly TargetStatus[] = editableReportStatuses;

/** Sent on and not sent back. */
export const submittedSelfEvaluationStatuses: readonly TargetStatus[] = reportedStatuses;
