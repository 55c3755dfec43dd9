import { describe, expect, it } from 'vitest';
import { engagementStateCodes } from '#core/fieldwork/engagement.ts';
import { acceptsFieldRecords, paperStateOf } from '#core/key-evaluation/paper-state.ts';

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

describe('acceptsFieldRecords', () => {
  it('accepts records during fieldwork and after it closes, for phones that sync late', () => {
    expect(acceptsFieldRecords('FIELDWORK')).toBe(true);
    expect(acceptsFieldRecords('PRELIM_FINDINGS')).toBe(true);
  });

  it('refuses records before the plan is approved', () => {
    expect(acceptsFieldRecords('SELECTED')).toBe(false);
    expect(acceptsFieldRecords('AGENCY_CONTRACTED')).toBe(false);
  });

  it('refuses records once the report goes to review: what the reviewers and the final report rest on stays put', () => {
    expect(acceptsFieldRecords('QC_REVIEW')).toBe(false);
    expect(acceptsFieldRecords('FINAL_REPORT')).toBe(false);
  });

  it('has decided every state', () => {
    expect(engagementStateCodes.filter(acceptsFieldRecords)).toEqual([
      'FIELDWORK',
      'PRELIM_FINDINGS',
      'OPINION_EXCHANGE',
      'DRAFT_REPORT',
    ]);
  });
});
