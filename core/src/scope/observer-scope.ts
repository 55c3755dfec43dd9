import type { RoundStatus } from '#core/monitoring/monitoring-report.ts';
import type { Rectification, RectificationState } from '#core/monitoring/rectification.ts';
import { isReported } from '#core/monitoring/report-workflow.ts';
import type { Principal } from '#core/principal.ts';
import { type Role, sectionRoles, unitRoles } from '#core/roles.ts';
import type { ExAnteState } from '#core/submission/ex-ante-assessment.ts';
import type { TargetStatus } from '#core/submission/performance-target.ts';
import { editableStatuses } from '#core/submission/review-workflow.ts';

/**
 * What the observer (人大/审计, docs/domain/README.md#roles) reads: the whole tenant, but only what
 * has been published — never a draft, never a write. "Published" per record:
 *
 * - a project: every project of the tenant (its registration is not a draft of anything);
 * - a target version: once the unit has signed it off and sent it (not a draft, not back with the
 *   unit for changes);
 * - an ex-ante assessment: once the performance section has concluded it;
 * - a monitoring round (its dashboard, red list, reports, dispositions and rectifications with it):
 *   once issued to every department, never while the bureau is still issuing it;
 * - a monitoring report: once sent and not sent back (what the department has reported);
 * - a rectification: the notice as the bureau issued it, and the unit's feedback once its approver
 *   has sent it — never the feedback (text, files, steps) the unit is still drafting;
 * - dispositions: as the bureau decided them;
 * - an engagement (and its working papers): once the bureau has released it.
 */
export const isObserver = (p: Pick<Principal, 'roles'>): boolean => p.roles.includes('observer');

export const publishedTarget = (status: TargetStatus): boolean => !editableStatuses.includes(status);

/** The one state of a published assessment, for listing by it. */
export const publishedAssessmentState: ExAnteState = 'CONCLUDED';
export const publishedAssessment = (state: ExAnteState): boolean => state === publishedAssessmentState;

export const publishedReport = (status: TargetStatus): boolean => isReported(status);
/** A round's reports are listed to the observer by review status: the approved ones unless another published status is asked. */
export const defaultPublishedReportStatus: TargetStatus = 'FINAL_APPROVED';

export const publishedEngagement = (e: { releasedAt: string | null }): boolean => e.releasedAt !== null;

/** The observer reads a record of its tenant when it is published (the tenant is checked by the store). */
export const observerReads = (p: Pick<Principal, 'roles'>, published: boolean): boolean => isObserver(p) && published;

/** A round's states once the bureau has issued it to every department; while OPENING it is the bureau's work. */
export const publishedRoundStatuses: readonly RoundStatus[] = ['ISSUED', 'CLOSED'];
export const publishedRound = (round: { roundStatus: RoundStatus }): boolean =>
  publishedRoundStatuses.includes(round.roundStatus);

/** Who works on monitoring rounds (the units, their departments, the bureau's sections) and sees one being issued. */
const roundWorkers: readonly Role[] = [...unitRoles, 'department-reviewer', ...sectionRoles];

/**
 * Whether the caller reads this round: those who work on rounds always (a department may already be
 * filling in the reports of a round still being issued), whoever reads it as the observer only once
 * published. A round it does not read is answered as not found, with its dashboard and reports.
 */
export const readsRound = (p: Pick<Principal, 'roles'>, round: { roundStatus: RoundStatus }): boolean =>
  publishedRound(round) || p.roles.some((r) => roundWorkers.includes(r));

/**
 * Whether a rectification's feedback has been sent: its text and files while FEEDBACK_DRAFT are the
 * unit's draft. (While NOTICE_ISSUED after a follow-up notice they are the feedback sent before.)
 */
export const publishedFeedback = (state: RectificationState): boolean => state !== 'FEEDBACK_DRAFT';

/** The unit's drafting steps in a rectification's log, which the observer is not shown. */
const draftingActions: readonly string[] = ['save-feedback'];

type RectificationView = Pick<
  Rectification,
  'state' | 'feedback' | 'attachments' | 'feedbackSubmittedAt' | 'log' | 'updatedAt' | 'updatedBy'
>;

/**
 * A rectification as the observer reads it: the record as published. Its log never holds the unit's
 * drafting steps (saving a draft publishes nothing; sending it does). While the feedback is a draft,
 * the notice stands as issued: state NOTICE_ISSUED, no feedback text, no files, last changed by the
 * notice's last published step.
 */
export const publishedRectification = <T extends RectificationView>(r: T): T => {
  const log = r.log.filter((step) => !draftingActions.includes(step.action));
  if (publishedFeedback(r.state)) return { ...r, log };
  const last = log.at(-1);
  return {
    ...r,
    state: 'NOTICE_ISSUED',
    feedback: '',
    attachments: [],
    feedbackSubmittedAt: null,
    log,
    ...(last ? { updatedAt: last.at, updatedBy: last.by } : {}),
  };
};

/** The state the observer is shown for a rectification in `state` (a draft's notice stands as issued). */
export const publishedRectificationState = (state: RectificationState): RectificationState =>
  publishedFeedback(state) ? state : 'NOTICE_ISSUED';
