import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { uuidV7 } from '#core/ids.ts';
import { disposition, recordDisposition, resolveSuspension } from '#core/monitoring/disposition.ts';
import { rectificationOverdue, verifyRectification } from '#core/monitoring/rectification.ts';
import { validate } from '#core/validation.ts';

const pointers = (schema: v.GenericSchema, input: unknown) => {
  const result = validate(schema, input, 'zh-CN');
  return result.ok ? [] : result.errors.map((e) => `${e.pointer} ${e.message}`);
};

describe('a disposition', () => {
  const base = { version: 3, reason: '执行进度严重滞后' };
  it('needs no date for no action, a date for everything else, an amount for money, requirements for rectification', () => {
    expect(pointers(recordDisposition, { ...base, decision: 'NO_ACTION' })).toEqual([]);
    expect(pointers(recordDisposition, { ...base, decision: 'ADJUST_BUDGET_AND_TARGETS' })).toEqual([
      '/dueDate 请填写完成期限',
    ]);
    expect(pointers(recordDisposition, { ...base, decision: 'SUSPEND_FUNDS', dueDate: '2026-08-31' })).toEqual([
      '/amountFen 请填写涉及的资金金额',
    ]);
    expect(
      pointers(recordDisposition, { ...base, decision: 'RECOVER_FUNDS', dueDate: '2026-08-31', amountFen: 0 }),
    ).toEqual(['/amountFen 请填写涉及的资金金额']);
    expect(pointers(recordDisposition, { ...base, decision: 'RECTIFY', dueDate: '2026-09-30' })).toEqual([
      '/requirements 请写明整改要求',
    ]);
    expect(
      pointers(recordDisposition, { ...base, decision: 'RECTIFY', dueDate: '2026-09-30', requirements: '加快拨付' }),
    ).toEqual([]);
  });
});

describe('the money of a disposition and the end of a suspension', () => {
  const base = { version: 3, reason: '执行进度严重滞后', dueDate: '2026-08-31' };
  it('takes a positive amount for a suspension or a recovery, and none is asked of other decisions', () => {
    expect(pointers(recordDisposition, { ...base, decision: 'SUSPEND_FUNDS', amountFen: 500_000 })).toEqual([]);
    expect(pointers(recordDisposition, { ...base, decision: 'RECOVER_FUNDS', amountFen: 1 })).toEqual([]);
    expect(pointers(recordDisposition, { ...base, decision: 'ADJUST_BUDGET_AND_TARGETS', amountFen: null })).toEqual(
      [],
    );
  });

  it('ends a suspension with the money released or recovered, and nothing else', () => {
    const end = { version: 4, reason: '整改到位，恢复拨款' };
    expect(pointers(resolveSuspension, { ...end, outcome: 'RESUMED' })).toEqual([]);
    expect(pointers(resolveSuspension, { ...end, outcome: 'RECOVERED' })).toEqual([]);
    expect(pointers(resolveSuspension, { ...end, outcome: 'DECIDED' })).toEqual(['/outcome 不是允许的选项']);
    expect(pointers(resolveSuspension, { ...end, outcome: '' })).toEqual(['/outcome 不是允许的选项']);
    expect(pointers(resolveSuspension, { ...end, outcome: 'RESUMED', amountFen: 1 })).toEqual([
      '/amountFen 不允许的字段',
    ]);
  });
});

describe('a disposition as the API returns it', () => {
  // The published record (docs/domain/monitoring.md#dispositions): a suspension decided, then ended by recovering
  // the money, with who ended it, when and why.
  const recovered = () => ({
    id: uuidV7(),
    version: 2,
    status: 'active',
    createdAt: '2026-07-20T02:00:00.000Z',
    updatedAt: '2026-08-31T02:00:00.000Z',
    createdBy: 'perf-1',
    updatedBy: 'perf-1',
    reportId: uuidV7(),
    roundId: uuidV7(),
    projectId: uuidV7(),
    projectCode: '110101250001',
    projectName: '城区路灯改造',
    departmentId: uuidV7(),
    departmentName: '区城管委',
    unitId: uuidV7(),
    financeSectionId: null,
    decision: 'SUSPEND_FUNDS',
    reason: '执行进度严重滞后',
    dueDate: '2026-08-31',
    amountFen: 500_000,
    state: 'RECOVERED',
    colour: 'red',
    decidedBy: '绩效科 王科长',
    decidedAt: '2026-07-20T02:00:00.000Z',
    rectificationId: null,
    adjustedFunds: null,
    targetId: null,
    resolution: { outcome: 'RECOVERED', reason: '逾期未整改，收回资金', by: 'perf-1', at: '2026-08-31T02:00:00.000Z' },
  });

  it('carries the whole record, the end of the suspension with it', () => {
    const record = recovered();
    expect(v.parse(disposition, record)).toEqual(record);
  });

  it('is not a disposition with a decision or a state the bureau does not have', () => {
    expect(pointers(disposition, { ...recovered(), decision: 'WARN' })).toEqual(['/decision 不是允许的选项']);
    expect(pointers(disposition, { ...recovered(), state: 'CLOSED' })).toEqual(['/state 不是允许的选项']);
  });
});

describe('verifying a rectification', () => {
  it('closes it with an opinion, or sends a follow-up with new requirements and a date', () => {
    expect(pointers(verifyRectification, { version: 2, decision: 'accept', opinion: '整改到位' })).toEqual([]);
    expect(pointers(verifyRectification, { version: 2, decision: 'insufficient', opinion: '未到位' })).toEqual([
      '/dueDate 请填写完成期限',
      '/requirements 请写明整改要求',
    ]);
  });

  it('is overdue once its due day has passed without feedback sent', () => {
    expect(rectificationOverdue({ state: 'NOTICE_ISSUED', dueDate: '2026-09-30' }, '2026-09-30')).toBe(false);
    expect(rectificationOverdue({ state: 'NOTICE_ISSUED', dueDate: '2026-09-30' }, '2026-10-01')).toBe(true);
    expect(rectificationOverdue({ state: 'FEEDBACK_SUBMITTED', dueDate: '2026-09-30' }, '2026-10-01')).toBe(false);
  });
});
