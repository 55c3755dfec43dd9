import { isReported } from '#core/monitoring/report-workflow.ts';
import type { Principal } from '#core/principal.ts';
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
 * - a monitoring report: once sent and not sent back (what the department has reported);
 * - a round, its dashboard, dispositions and rectifications: as the bureau issued them;
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
