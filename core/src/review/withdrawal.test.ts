import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { reportActions } from '#core/monitoring/report-workflow.ts';
import { offeredWithdrawal, withdrawalFor, withdrawSubmission } from '#core/review/withdrawal.ts';
import type { Role } from '#core/roles.ts';
import { targetActions } from '#core/submission/review-workflow.ts';

const as =
  (...roles: Role[]) =>
  (role: Role) =>
    roles.includes(role);

describe('withdrawal (docs/domain/submission.md#withdrawal)', () => {
  it('picks the withdrawal of the caller’s role in the record’s state, for targets and reports alike', () => {
    for (const table of [targetActions, reportActions]) {
      expect(withdrawalFor(table, 'UNIT_SUBMITTED', as('unit-approver'))).toBe('unit-withdraw');
      expect(withdrawalFor(table, 'DEPT_APPROVED', as('department-reviewer'))).toBe('department-withdraw');
      expect(withdrawalFor(table, 'FIRST_REVIEWED', as('business-section-reviewer'))).toBe('first-withdraw');
      // The state moved on: still the caller's own withdrawal, which the engine then refuses as invalid-transition.
      expect(withdrawalFor(table, 'DEPT_APPROVED', as('unit-approver'))).toBe('unit-withdraw');
      expect(withdrawalFor(table, 'FINAL_APPROVED', as('business-section-reviewer'))).toBe('first-withdraw');
      // A role with no withdrawal of its own: the unit's, which the engine refuses as forbidden.
      expect(withdrawalFor(table, 'FIRST_REVIEWED', as('performance-section-reviewer'))).toBe('unit-withdraw');
    }
  });

  it('offers a withdrawal on a screen only in its state, to its role, while nobody has acted since', () => {
    const sent = { reviewStatus: 'UNIT_SUBMITTED', reviewLog: [{ action: 'submit' }] };
    expect(offeredWithdrawal(targetActions, sent, as('unit-approver'))).toBe('unit-withdraw');
    expect(offeredWithdrawal(targetActions, sent, as('unit-preparer'))).toBeUndefined();
    expect(offeredWithdrawal(targetActions, sent, as('department-reviewer'))).toBeUndefined();
    const approved = {
      reviewStatus: 'DEPT_APPROVED',
      reviewLog: [{ action: 'submit' }, { action: 'department-approve' }],
    };
    expect(offeredWithdrawal(reportActions, approved, as('unit-approver'))).toBeUndefined();
    expect(offeredWithdrawal(reportActions, approved, as('department-reviewer'))).toBe('department-withdraw');
    const cancelled = { reviewStatus: 'FIRST_REVIEWED', reviewLog: [{ action: 'cancel-approval' }] };
    expect(offeredWithdrawal(targetActions, cancelled, as('business-section-reviewer'))).toBeUndefined();
    expect(
      offeredWithdrawal(targetActions, { reviewStatus: 'UNIT_SUBMITTED', reviewLog: [] }, as('unit-approver')),
    ).toBe(undefined);
  });

  it('takes the version seen and an optional comment, nothing else', () => {
    expect(v.parse(withdrawSubmission, { version: 3 })).toEqual({ version: 3, comment: '' });
    expect(v.safeParse(withdrawSubmission, { version: 3, comment: '数据有误' }).success).toBe(true);
    expect(v.safeParse(withdrawSubmission, { version: 0 }).success).toBe(false);
    expect(v.safeParse(withdrawSubmission, { version: 3, opinion: 'x' }).success).toBe(false);
    expect(v.safeParse(withdrawSubmission, { version: 3, comment: '字'.repeat(1001) }).success).toBe(false);
  });
});
