import * as v from 'valibot';
import {
  type Engagement,
  type EngagementState,
  type QualityReviewLevel,
  qualityReviewLevelCodes,
  type ReviewEntry,
} from '#core/fieldwork/engagement.ts';
import type { Principal } from '#core/principal.ts';
import { isoDate, text, version } from '#core/schema-parts.ts';
import { isPerformanceSection, leadsAgencyOf } from '#core/scope/fieldwork-scope.ts';

/**
 * The key evaluation's steps after the exchange of opinions (docs/domain/key-evaluation.md#from-findings-to-the-archive),
 * who takes each and from which state. The API refuses by these rules and the engagement page offers its buttons by
 * them.
 */
export type ConclusionStep = 'submitReport' | 'qualityReview' | 'financeReview' | 'notifyResult' | 'archive';

export const conclusionStepStates: Record<ConclusionStep, EngagementState> = {
  submitReport: 'DRAFT_REPORT',
  qualityReview: 'QC_REVIEW',
  financeReview: 'FINANCE_REVIEW',
  notifyResult: 'FINAL_REPORT',
  archive: 'RESULT_NOTIFIED',
};

/**
 * Defaults of the agency's quality review. 财预〔2021〕6号 asks the commissioned firm for internal quality control;
 * practitioners review in three levels by different people, so a level signed by someone who signed an earlier level
 * of the same round is refused. A tenant that lets one person sign two levels turns this off.
 */
export const qualityReviewDefaults = { distinctReviewers: true } as const;

type Who = Pick<Principal, 'roles' | 'agencyId' | 'userId'>;
type Scoped = Pick<Engagement, 'agencyId'>;

/**
 * Who signs a level: a lead of the commissioned agency (the people the agency answers for: its project managers, its
 * quality-control staff, its signing partners). Evaluators gather evidence; they do not review the report.
 */
export const mayReviewLevel = (p: Who, e: Scoped, _level: QualityReviewLevel): boolean => leadsAgencyOf(p, e);

/** The entries of the current review round: those after the last return (by any level or by the bureau). */
export const currentRound = (reviews: readonly ReviewEntry[]): ReviewEntry[] => {
  const lastReturn = reviews.findLastIndex((r) => r.decision === 'return');
  return reviews.slice(lastReturn + 1);
};

/** The quality-review level that signs next in the current round, or null when all three have approved. */
export const nextQualityLevel = (reviews: readonly ReviewEntry[]): QualityReviewLevel | null => {
  const approved = new Set(currentRound(reviews).map((r) => r.level));
  return qualityReviewLevelCodes.find((level) => !approved.has(level)) ?? null;
};

/** Why `p` may not sign the next level now, or null when they may. */
export const qualityReviewRefusal = (
  p: Who,
  e: Scoped & { reviews?: readonly ReviewEntry[] | undefined },
  distinctReviewers: boolean = qualityReviewDefaults.distinctReviewers,
): 'not_reviewer' | 'reviewer_signed_earlier_level' | null => {
  const reviews = e.reviews ?? [];
  const level = nextQualityLevel(reviews);
  if (!level || !mayReviewLevel(p, e, level)) return 'not_reviewer';
  if (distinctReviewers && currentRound(reviews).some((r) => r.reviewerId === p.userId))
    return 'reviewer_signed_earlier_level';
  return null;
};

export const takesConclusionStep = (p: Who, step: ConclusionStep, e: Scoped): boolean => {
  switch (step) {
    case 'submitReport':
    case 'qualityReview':
      return leadsAgencyOf(p, e);
    default:
      return isPerformanceSection(p);
  }
};

export type ConclusionSteps = Record<ConclusionStep, boolean>;

/** The steps `p` may take on `e` now (the quality review: only when `p` may sign the level that is next). */
export const conclusionSteps = (
  p: Who,
  e: Scoped & { state: EngagementState; reviews?: readonly ReviewEntry[] | undefined },
): ConclusionSteps => {
  const may = (step: ConclusionStep) => takesConclusionStep(p, step, e) && e.state === conclusionStepStates[step];
  return {
    submitReport: may('submitReport'),
    qualityReview: may('qualityReview') && qualityReviewRefusal(p, e) === null,
    financeReview: may('financeReview'),
    notifyResult: may('notifyResult'),
    archive: may('archive'),
  };
};

/** A review: an approval may say how earlier comments were resolved; a return must say what to change. */
export const reviewDecision = v.pipe(
  v.strictObject({
    version,
    decision: v.picklist(['approve', 'return']),
    comments: v.optional(text(0, 2000), ''),
    resolution: v.optional(text(0, 2000), ''),
  }),
  v.forward(
    v.check((d) => d.decision === 'approve' || d.comments.trim().length >= 2, 'return_comments_required'),
    ['comments'],
  ),
);
export type ReviewDecision = v.InferOutput<typeof reviewDecision>;

/** The result notice (结果通知) to the evaluated department, and the rectification it orders, if any. */
export const resultNotice = v.strictObject({
  version,
  notice: text(2, 4000),
  rectification: v.nullable(v.strictObject({ requirements: text(2, 2000), dueDate: isoDate })),
});
export type ResultNotice = v.InferOutput<typeof resultNotice>;
