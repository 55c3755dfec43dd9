import type { EngagementState } from '#core/fieldwork/engagement.ts';

/**
 * What an engagement's state means for its working papers (scoring papers, the account check, the issue summary,
 * the report's narrative; docs/domain/key-evaluation.md#the-lock):
 * - open: written freely, from fieldwork until the report goes to review;
 * - under review: the agency's quality review and the bureau's review read a set that does not move; a reviewer who
 *   wants a change returns the report to drafting;
 * - locked: from the final report on, a change is an audited amendment with a reason.
 */
export type PaperState = 'not-started' | 'open' | 'under-review' | 'locked';

export const paperStateOf = (state: EngagementState): PaperState => {
  switch (state) {
    case 'SELECTED':
    case 'AGENCY_CONTRACTED':
      return 'not-started';
    case 'FIELDWORK':
    case 'PRELIM_FINDINGS':
    case 'OPINION_EXCHANGE':
    case 'DRAFT_REPORT':
      return 'open';
    case 'QC_REVIEW':
    case 'FINANCE_REVIEW':
      return 'under-review';
    case 'FINAL_REPORT':
    case 'RESULT_NOTIFIED':
    case 'ARCHIVED':
      return 'locked';
  }
};

/**
 * Field records are accepted while fieldwork runs and after it closes, because a phone may sync days later, until
 * the report goes to review: what the reviewers and the final report rest on no longer moves.
 */
export const acceptsFieldRecords = (state: EngagementState): boolean => paperStateOf(state) === 'open';
