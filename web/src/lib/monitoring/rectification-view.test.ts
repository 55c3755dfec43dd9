import type { Role } from '@jixiao/core/roles.ts';
import { describe, expect, it } from 'vitest';
import {
  beijingToday,
  isOverdue,
  mayDraftFeedback,
  maySendFeedback,
  mayVerify,
  verifyBody,
  verifyErrors,
} from '#lib/monitoring/rectification-view.ts';

const person = (roles: Role[], unit: string | null = null) => ({ roles, unit: unit ? { id: unit } : null });
const open = { state: 'NOTICE_ISSUED' as const, unitId: 'u1', dueDate: '2026-09-30' };

describe('a rectification on the screens', () => {
  it('is overdue once the due day has passed in Beijing and the unit has not sent its feedback', () => {
    // 16:00 UTC on the 30th is already 1 October in Beijing.
    expect(beijingToday(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
    expect(isOverdue(open, new Date('2026-09-30T15:59:59Z'))).toBe(false);
    expect(isOverdue(open, new Date('2026-09-30T16:00:00Z'))).toBe(true);
    expect(isOverdue({ ...open, state: 'FEEDBACK_DRAFT' }, new Date('2026-10-02T00:00:00Z'))).toBe(true);
    expect(isOverdue({ ...open, state: 'FEEDBACK_SUBMITTED' }, new Date('2026-10-02T00:00:00Z'))).toBe(false);
    expect(isOverdue({ ...open, state: 'CLOSED' }, new Date('2026-10-02T00:00:00Z'))).toBe(false);
  });

  it('is drafted by its own unit’s preparer or approver, sent only by the approver, verified by the performance section', () => {
    expect(mayDraftFeedback(person(['unit-preparer'], 'u1'), open)).toBe(true);
    expect(mayDraftFeedback(person(['unit-preparer'], 'u2'), open)).toBe(false);
    expect(mayDraftFeedback(person(['department-reviewer']), open)).toBe(false);
    expect(mayDraftFeedback(person(['unit-approver'], 'u1'), { ...open, state: 'FEEDBACK_SUBMITTED' })).toBe(false);
    expect(maySendFeedback(person(['unit-preparer'], 'u1'), { ...open, state: 'FEEDBACK_DRAFT' })).toBe(false);
    expect(maySendFeedback(person(['unit-approver'], 'u1'), { ...open, state: 'FEEDBACK_DRAFT' })).toBe(true);
    expect(mayVerify(person(['performance-section-reviewer']), { state: 'FEEDBACK_SUBMITTED' })).toBe(true);
    expect(mayVerify(person(['business-section-reviewer']), { state: 'FEEDBACK_SUBMITTED' })).toBe(false);
    expect(mayVerify(person(['performance-section-reviewer']), { state: 'FEEDBACK_DRAFT' })).toBe(false);
  });

  it('closes with an opinion alone, and a follow-up needs new requirements and a new date', () => {
    const accept = { decision: 'accept' as const, opinion: '整改到位', requirements: 'x', dueDate: '2026-10-31' };
    expect(verifyBody(accept, 4)).toEqual({
      version: 4,
      decision: 'accept',
      opinion: '整改到位',
      requirements: '',
      dueDate: null,
    });
    expect(verifyErrors(accept, 4, 'zh-CN')).toEqual([]);
    const insufficient = { decision: 'insufficient' as const, opinion: '拨付仍未到位', requirements: '', dueDate: '' };
    expect(verifyErrors(insufficient, 4, 'zh-CN').map((e) => `${e.pointer} ${e.message}`)).toEqual([
      '/dueDate 请填写完成期限',
      '/requirements 请写明整改要求',
    ]);
  });
});
