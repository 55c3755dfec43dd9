import type {
  EngagementConclusion,
  EngagementState,
  QualityReviewLevel,
  ReviewEntry,
  StoredResultNotice,
} from '@jixiao/core/fieldwork/engagement.ts';
import { fieldworkStarted, qualityReviewLevels } from '@jixiao/core/fieldwork/engagement.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { isPerformanceSection, leadsAgencyOf } from '@jixiao/core/scope/fieldwork-scope.ts';
import type { ScopePrincipal } from '@jixiao/core/scope/person.ts';
import { i18n } from '#lib/i18n.svelte.ts';
import { m } from '#lib/paraglide/messages.js';

/** What GET /engagements/{id}/conclusion answers (functions/src/routes/conclusion-routes.ts). */
export interface ConclusionView {
  engagementId: string;
  state: EngagementState;
  version: number;
  reviews: ReviewEntry[];
  nextQualityLevel: QualityReviewLevel | null;
  conclusion: EngagementConclusion | null;
  resultNotice: StoredResultNotice | null;
  papersState: EngagementState;
  amendments: { id: string; paperType: string; paperId: string; reason: string; amendedBy: string; at: string }[];
  problems: FieldError[];
}

export const reviewLevelName = (level: ReviewEntry['level']): string =>
  level === 'FINANCE' ? m.ccl_level_finance() : (qualityReviewLevels[level]?.[i18n.language] ?? level);

/** The working papers' pages of an engagement, and which of them a person may open at its state. */
export interface PaperLink {
  href: string;
  label: string;
}

const after = (state: EngagementState, from: EngagementState, order: readonly EngagementState[]) =>
  order.indexOf(state) >= order.indexOf(from);

const order: readonly EngagementState[] = [
  'SELECTED',
  'AGENCY_CONTRACTED',
  'FIELDWORK',
  'PRELIM_FINDINGS',
  'OPINION_EXCHANGE',
  'DRAFT_REPORT',
  'QC_REVIEW',
  'FINANCE_REVIEW',
  'FINAL_REPORT',
  'RESULT_NOTIFIED',
  'ARCHIVED',
];

export const paperLinks = (
  p: Pick<ScopePrincipal, 'roles' | 'agencyId'>,
  e: { id: string; state: EngagementState; agencyId: string | null },
): PaperLink[] => {
  if (!fieldworkStarted(e.state)) return [];
  const base = `/engagements/${e.id}`;
  const insider = isPerformanceSection(p) || leadsAgencyOf(p, e) || p.roles.includes('business-section-reviewer');
  if (insider) {
    return [
      { href: `${base}/scoring`, label: m.ccl_paper_scoring() },
      { href: `${base}/account-check`, label: m.ccl_paper_account_check() },
      { href: `${base}/findings`, label: m.ccl_paper_findings() },
      { href: `${base}/report`, label: m.ccl_paper_report() },
    ];
  }
  // The evaluated department answers the findings from the exchange on and reads the report once it is final.
  const links: PaperLink[] = [];
  if (after(e.state, 'OPINION_EXCHANGE', order))
    links.push({ href: `${base}/findings`, label: m.ccl_paper_findings() });
  if (after(e.state, 'FINAL_REPORT', order)) links.push({ href: `${base}/report`, label: m.ccl_paper_report() });
  return links;
};
