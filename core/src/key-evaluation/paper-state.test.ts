import { describe, expect, it } from 'vitest';
import { engagementStateCodes } from '#core/fieldwork/engagement.ts';
import { paperStateOf } from '#core/key-evaluation/paper-state.ts';

describe('paperStateOf', () => {
  it('opens the papers with fieldwork, holds them still under review and locks them from the final report on', () => {
    expect(Object.fromEntries(engagementStateCodes.map((s) => [s, paperStateOf(s)]))).toEqual({
      SELECTED: 'not-started',
      AGENCY_CONTRACTED: 'not-started',
      FIELDWORK: 'open',
      PRELIM_FINDINGS: 'open',
      OPINION_EXCHANGE: 'open',
      DRAFT_REPORT: 'open',
      QC_REVIEW: 'under-review',
      FINANCE_REVIEW: 'under-review',
      FINAL_REPORT: 'locked',
      RESULT_NOTIFIED: 'locked',
      ARCHIVED: 'locked',
    });
  });
});
