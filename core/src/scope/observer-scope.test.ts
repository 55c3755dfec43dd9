import { describe, expect, it } from 'vitest';
import {
  defaultPublishedReportStatus,
  isObserver,
  observerReads,
  publishedAssessment,
  publishedEngagement,
  publishedReport,
  publishedTarget,
} from '#core/scope/observer-scope.ts';
import { targetStatusCodes } from '#core/submission/performance-target.ts';

describe('what the observer reads', () => {
  it('is the observer role, alone or beside others', () => {
    expect(isObserver({ roles: ['observer'] })).toBe(true);
    expect(isObserver({ roles: ['unit-preparer', 'observer'] })).toBe(true);
    expect(isObserver({ roles: ['performance-section-reviewer'] })).toBe(false);
    expect(isObserver({ roles: [] })).toBe(false);
  });

  it('reads a published record, never an unpublished one, and nothing without the role', () => {
    expect(observerReads({ roles: ['observer'] }, true)).toBe(true);
    expect(observerReads({ roles: ['observer'] }, false)).toBe(false);
    expect(observerReads({ roles: ['department-reviewer'] }, true)).toBe(false);
  });

  it('reads a target version once the unit has sent it: not a draft, not one back with the unit', () => {
    const published = targetStatusCodes.filter(publishedTarget);
    expect(published).toEqual(['UNIT_SUBMITTED', 'DEPT_APPROVED', 'FIRST_REVIEWED', 'FINAL_APPROVED', 'REJECTED']);
  });

  it('reads a report once sent and not sent back, listed by the approved ones by default', () => {
    expect(targetStatusCodes.filter(publishedReport)).toEqual([
      'UNIT_SUBMITTED',
      'DEPT_APPROVED',
      'FIRST_REVIEWED',
      'FINAL_APPROVED',
    ]);
    expect(defaultPublishedReportStatus).toBe('FINAL_APPROVED');
  });

  it('reads an assessment once concluded and an evaluation once released', () => {
    expect(publishedAssessment('CONCLUDED')).toBe(true);
    expect(publishedAssessment('SUBMITTED')).toBe(false);
    expect(publishedAssessment('DRAFT')).toBe(false);
    expect(publishedEngagement({ releasedAt: '2026-11-01T00:00:00.000Z' })).toBe(true);
    expect(publishedEngagement({ releasedAt: null })).toBe(false);
  });
});
