import { describe, expect, it } from 'vitest';
import { canTakeRectificationAction, rectificationActions } from '#core/monitoring/rectification.ts';
import {
  canTakeReportAction,
  editableReportStatuses,
  isReported,
  reportActions,
} from '#core/monitoring/report-workflow.ts';
import { targetStatusCodes } from '#core/submission/performance-target.ts';

describe('the monitoring report review', () => {
  it('goes unit → department → business section → performance section, and any reviewer may send it back', () => {
    const path = ['submit', 'department-approve', 'first-approve', 'final-approve'] as const;
    let status: string = 'DRAFT';
    for (const action of path) {
      expect(canTakeReportAction(action, status as never)).toBe(true);
      status = reportActions[action].to;
    }
    expect(status).toBe('FINAL_APPROVED');
    expect(reportActions['department-return']).toMatchObject({ from: ['UNIT_SUBMITTED'], to: 'RETURNED' });
    expect(reportActions['first-return']).toMatchObject({ from: ['DEPT_APPROVED'], to: 'RETURNED' });
    expect(reportActions['final-return']).toMatchObject({ from: ['FIRST_REVIEWED'], to: 'RETURNED' });
  });

  it('lets each sender take its own step back (撤回): the unit to a draft, a reviewer to the state it found', () => {
    expect(reportActions['unit-withdraw']).toMatchObject({ from: ['UNIT_SUBMITTED'], to: 'DRAFT' });
    expect(reportActions['department-withdraw']).toMatchObject({ from: ['DEPT_APPROVED'], to: 'UNIT_SUBMITTED' });
    expect(reportActions['first-withdraw']).toMatchObject({ from: ['FIRST_REVIEWED'], to: 'DEPT_APPROVED' });
    expect(canTakeReportAction('unit-withdraw', 'DEPT_APPROVED')).toBe(false);
  });

  it('gives each step to one role, and lets a returned report be sent again', () => {
    expect(Object.fromEntries(Object.entries(reportActions).map(([a, d]) => [a, d.role]))).toEqual({
      submit: 'unit-approver',
      'department-approve': 'department-reviewer',
      'department-return': 'department-reviewer',
      'first-approve': 'business-section-reviewer',
      'first-return': 'business-section-reviewer',
      'final-approve': 'performance-section-reviewer',
      'final-return': 'performance-section-reviewer',
      'unit-withdraw': 'unit-approver',
      'department-withdraw': 'department-reviewer',
      'first-withdraw': 'business-section-reviewer',
    });
    expect(canTakeReportAction('submit', 'RETURNED')).toBe(true);
    expect(canTakeReportAction('final-approve', 'DEPT_APPROVED')).toBe(false);
    expect(canTakeReportAction('submit', 'FINAL_APPROVED')).toBe(false);
  });

  it('counts a report as reported while it is on its way or approved, not as a draft or returned', () => {
    expect(['DRAFT', 'RETURNED'].map((s) => isReported(s as never))).toEqual([false, false]);
    expect(
      ['UNIT_SUBMITTED', 'DEPT_APPROVED', 'FIRST_REVIEWED', 'FINAL_APPROVED'].every((s) => isReported(s as never)),
    ).toBe(true);
  });
});

describe('rectification', () => {
  it('runs notice → feedback drafted → sent → closed, or back to a follow-up notice', () => {
    expect(canTakeRectificationAction('save-feedback', 'NOTICE_ISSUED')).toBe(true);
    expect(canTakeRectificationAction('submit-feedback', 'NOTICE_ISSUED')).toBe(false);
    expect(canTakeRectificationAction('submit-feedback', 'FEEDBACK_DRAFT')).toBe(true);
    expect(canTakeRectificationAction('accept', 'FEEDBACK_SUBMITTED')).toBe(true);
    expect(canTakeRectificationAction('insufficient', 'FEEDBACK_SUBMITTED')).toBe(true);
    expect(rectificationActions.insufficient.to).toBe('NOTICE_ISSUED');
    expect(canTakeRectificationAction('save-feedback', 'CLOSED')).toBe(false);
    expect(canTakeRectificationAction('accept', 'FEEDBACK_DRAFT')).toBe(false);
  });

  it('lets the unit write and send the feedback, and only the performance section verify it', () => {
    expect(rectificationActions['save-feedback'].roles).toEqual(['unit-preparer', 'unit-approver']);
    expect(rectificationActions['submit-feedback'].roles).toEqual(['unit-approver']);
    expect(rectificationActions.accept.roles).toEqual(['performance-section-reviewer']);
    expect(rectificationActions.insufficient.roles).toEqual(['performance-section-reviewer']);
  });
});

describe('editing a report', () => {
  it('is open exactly while the unit can send it: as a draft and when it came back', () => {
    const sendable = targetStatusCodes.filter((status) => canTakeReportAction('submit', status));
    expect(sendable).toEqual(['DRAFT', 'RETURNED']);
    expect(targetStatusCodes.filter((status) => editableReportStatuses.includes(status))).toEqual(sendable);
  });
});
