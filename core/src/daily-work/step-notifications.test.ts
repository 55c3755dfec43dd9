import { describe, expect, it } from 'vitest';
import { stepNotifications } from '#core/daily-work/step-notifications.ts';

const target = (reviewStatus: string, version: number, opinion = '') => ({
  id: 't1',
  version,
  unitId: 'U1',
  projectName: '学生资助',
  reviewStatus,
  reviewLog: opinion ? [{ opinion, byName: '陈芳' }] : [],
});

describe('stepNotifications', () => {
  it('tells the unit of a return, with the opinion, and of a final approval', () => {
    expect(
      stepNotifications('performance-target', target('UNIT_SUBMITTED', 2), target('RETURNED', 3, '请补充')),
    ).toEqual([
      {
        seed: 'performance-target:t1:3',
        topic: 'returned',
        audience: { type: 'unit', id: 'U1' },
        subject: { type: 'target', id: 't1', title: '学生资助' },
        deadline: null,
        note: '请补充',
      },
    ]);
    const approved = stepNotifications('monitoring-report', target('FIRST_REVIEWED', 4), target('FINAL_APPROVED', 5));
    expect(approved.map((n) => [n.topic, n.subject.type])).toEqual([['approved', 'monitoring-report']]);
  });

  it('says nothing of a save, a sending, a middle approval, a create of a draft, or a kind it does not know', () => {
    expect(stepNotifications('self-evaluation', target('DRAFT', 1), target('DRAFT', 2))).toEqual([]);
    expect(stepNotifications('self-evaluation', target('DRAFT', 1), target('UNIT_SUBMITTED', 2))).toEqual([]);
    expect(stepNotifications('performance-target', target('UNIT_SUBMITTED', 2), target('DEPT_APPROVED', 3))).toEqual(
      [],
    );
    expect(stepNotifications('performance-target', undefined, target('DRAFT', 1))).toEqual([]);
    expect(stepNotifications('monitoring-tally', undefined, target('RETURNED', 1))).toEqual([]);
  });

  it('tells the unit of a rectification notice, again after 整改不到位, and when it is closed', () => {
    const rectification = (state: string, version: number) => ({
      id: 'r1',
      version,
      unitId: 'U1',
      projectName: '校园安全',
      state,
      dueDate: '2026-09-30',
      requirements: '加快拨付',
    });
    expect(stepNotifications('rectification', undefined, rectification('NOTICE_ISSUED', 1))[0]).toMatchObject({
      topic: 'rectification-ordered',
      deadline: '2026-09-30',
      note: '加快拨付',
    });
    expect(
      stepNotifications('rectification', rectification('FEEDBACK_SUBMITTED', 3), rectification('NOTICE_ISSUED', 4)),
    ).toHaveLength(1);
    expect(
      stepNotifications('rectification', rectification('FEEDBACK_SUBMITTED', 3), rectification('CLOSED', 4))[0]?.topic,
    ).toBe('approved');
    expect(
      stepNotifications('rectification', rectification('NOTICE_ISSUED', 1), rectification('FEEDBACK_DRAFT', 2)),
    ).toEqual([]);
  });

  it('tells an evaluator of an assignment when it is made, not when it changes', () => {
    const assignment = { id: 'a1', version: 1, evaluatorId: 'E1', note: '三所学校', dueDate: '2027-05-31' };
    expect(stepNotifications('fieldwork-assignment', undefined, assignment)[0]).toMatchObject({
      topic: 'assigned',
      audience: { type: 'user', id: 'E1' },
      deadline: '2027-05-31',
    });
    expect(stepNotifications('fieldwork-assignment', assignment, { ...assignment, version: 2 })).toEqual([]);
  });

  it("tells the evaluated department when a key evaluation's findings come for answers and when its result does", () => {
    const engagement = (state: string, version: number, extra: Record<string, unknown> = {}) => ({
      id: 'e1',
      version,
      title: '物业服务补贴重点评价',
      departmentId: 'D1',
      state,
      ...extra,
    });
    expect(
      stepNotifications('engagement', engagement('PRELIM_FINDINGS', 5), engagement('OPINION_EXCHANGE', 6)),
    ).toEqual([
      {
        seed: 'engagement:e1:6',
        topic: 'findings-sent',
        audience: { type: 'department', id: 'D1' },
        subject: { type: 'engagement', id: 'e1', title: '物业服务补贴重点评价' },
        deadline: null,
        note: '',
      },
    ]);
    const notified = stepNotifications(
      'engagement',
      engagement('FINAL_REPORT', 9),
      engagement('RESULT_NOTIFIED', 10, { resultNotice: { notice: '得分 97.5，等级优' } }),
    );
    expect(notified.map((n) => [n.topic, n.audience, n.note])).toEqual([
      ['result-notified', { type: 'department', id: 'D1' }, '得分 97.5，等级优'],
    ]);
    // The agency's own steps tell the department nothing.
    expect(stepNotifications('engagement', engagement('DRAFT_REPORT', 7), engagement('QC_REVIEW', 8))).toEqual([]);
    expect(stepNotifications('engagement', engagement('QC_REVIEW', 8), engagement('QC_REVIEW', 9))).toEqual([]);
  });

  it('tells the department of a department-level rectification (no unit)', () => {
    const notice = {
      id: 'r9',
      version: 1,
      title: '部门整体支出评价',
      unitId: null,
      departmentId: 'D1',
      state: 'NOTICE_ISSUED',
      dueDate: '2027-09-30',
      requirements: '完善资产台账',
    };
    expect(stepNotifications('rectification', undefined, notice).map((n) => [n.audience, n.deadline])).toEqual([
      [{ type: 'department', id: 'D1' }, '2027-09-30'],
    ]);
  });
});
