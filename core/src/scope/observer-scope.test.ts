import { describe, expect, it } from 'vitest';
import { roundStatuses } from '#core/monitoring/monitoring-report.ts';
import { type Rectification, rectificationStateCodes } from '#core/monitoring/rectification.ts';
import type { Role } from '#core/roles.ts';
import {
  defaultPublishedReportStatus,
  isObserver,
  observerReads,
  publishedAssessment,
  publishedEngagement,
  publishedFeedback,
  publishedRectification,
  publishedRectificationState,
  publishedReport,
  publishedRound,
  publishedTarget,
  readsRound,
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

  it('reads a round once issued to every department, never while it is being issued', () => {
    const statuses = Object.keys(roundStatuses) as (keyof typeof roundStatuses)[];
    expect(statuses.filter((roundStatus) => publishedRound({ roundStatus }))).toEqual(['ISSUED', 'CLOSED']);
    const opening = { roundStatus: 'OPENING' as const };
    expect(readsRound({ roles: ['observer'] }, opening)).toBe(false);
    expect(readsRound({ roles: ['observer'] }, { roundStatus: 'ISSUED' })).toBe(true);
    // Those who work on rounds see one being issued, also when they observe besides.
    const workers: Role[] = [
      'unit-preparer',
      'unit-approver',
      'department-reviewer',
      'business-section-reviewer',
      'performance-section-reviewer',
    ];
    for (const role of workers) expect(readsRound({ roles: [role, 'observer'] }, opening), role).toBe(true);
    // Another role that does not work on rounds does not open one to the observer.
    expect(readsRound({ roles: ['tenant-admin', 'observer'] }, opening)).toBe(false);
    expect(readsRound({ roles: ['evaluator', 'observer'] }, opening)).toBe(false);
  });

  it('reads a rectification’s feedback once sent, never while the unit drafts it', () => {
    expect(rectificationStateCodes.filter(publishedFeedback)).toEqual([
      'NOTICE_ISSUED',
      'FEEDBACK_SUBMITTED',
      'CLOSED',
    ]);
    expect(rectificationStateCodes.map(publishedRectificationState)).toEqual([
      'NOTICE_ISSUED',
      'NOTICE_ISSUED',
      'FEEDBACK_SUBMITTED',
      'CLOSED',
    ]);
  });

  const step = (action: string, from: string, to: string, by: string, at: string, opinion = '') => ({
    action,
    from,
    to,
    by,
    byName: by,
    at,
    opinion,
  });
  const notice = step('issue-notice', 'NOTICE_ISSUED', 'NOTICE_ISSUED', 'perf', '2026-07-25T01:00:00.000Z', '滞后');
  const drafted = step('save-feedback', 'NOTICE_ISSUED', 'FEEDBACK_DRAFT', 'preparer', '2026-08-01T01:00:00.000Z');
  const file = {
    id: 'f1',
    name: '验收单.pdf',
    contentType: 'application/pdf' as const,
    sizeBytes: 10,
    sha256: 'a'.repeat(64),
  };
  const draft: Pick<
    Rectification,
    'state' | 'feedback' | 'attachments' | 'feedbackSubmittedAt' | 'log' | 'updatedAt' | 'updatedBy' | 'round'
  > = {
    state: 'FEEDBACK_DRAFT',
    feedback: '草稿：设备尚未安装',
    attachments: [{ ...file, key: 'T/t/rectification/r/f1' }],
    feedbackSubmittedAt: null,
    log: [notice, drafted],
    updatedAt: drafted.at,
    updatedBy: 'preparer',
    round: 1,
  };

  it('shows a rectification whose feedback is a draft as the notice stands: no text, no files, no drafting step', () => {
    expect(publishedRectification(draft)).toEqual({
      state: 'NOTICE_ISSUED',
      feedback: '',
      attachments: [],
      feedbackSubmittedAt: null,
      log: [notice],
      updatedAt: notice.at,
      updatedBy: 'perf',
      round: 1,
    });
  });

  it('shows sent feedback with its files, and the log without the drafting steps', () => {
    const sent = step(
      'submit-feedback',
      'FEEDBACK_DRAFT',
      'FEEDBACK_SUBMITTED',
      'approver',
      '2026-08-02T01:00:00.000Z',
    );
    const submitted = {
      ...draft,
      state: 'FEEDBACK_SUBMITTED' as const,
      feedbackSubmittedAt: sent.at,
      log: [notice, drafted, sent],
      updatedAt: sent.at,
      updatedBy: 'approver',
    };
    expect(publishedRectification(submitted)).toEqual({ ...submitted, log: [notice, sent] });
    // A follow-up notice keeps the feedback sent before; a new draft on it hides it again.
    const followUp = step(
      'insufficient',
      'FEEDBACK_SUBMITTED',
      'NOTICE_ISSUED',
      'perf',
      '2026-08-03T01:00:00.000Z',
      '不到位',
    );
    const reissued = {
      ...submitted,
      state: 'NOTICE_ISSUED' as const,
      round: 2,
      log: [notice, drafted, sent, followUp],
    };
    expect(publishedRectification(reissued).feedback).toBe(draft.feedback);
    const redrafted = { ...reissued, state: 'FEEDBACK_DRAFT' as const, log: [...reissued.log, drafted] };
    expect(publishedRectification(redrafted)).toMatchObject({
      state: 'NOTICE_ISSUED',
      round: 2,
      feedback: '',
      attachments: [],
      log: [notice, sent, followUp],
      updatedAt: followUp.at,
    });
  });
});
