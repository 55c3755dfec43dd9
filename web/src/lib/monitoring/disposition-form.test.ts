import { describe, expect, it } from 'vitest';
import {
  type DispositionValues,
  dispositionBody,
  dispositionErrors,
  emptyDisposition,
} from '#lib/monitoring/disposition-form.ts';

const values = (changes: Partial<DispositionValues>): DispositionValues => ({ ...emptyDisposition(), ...changes });
const moneyMessage = (fault: string) => `money:${fault}`;
const errors = (changes: Partial<DispositionValues>, language: 'zh-CN' | 'en' = 'zh-CN') =>
  dispositionErrors(values(changes), 7, language, moneyMessage).map((e) => `${e.pointer} ${e.message}`);

describe('the disposition form', () => {
  it('sends a rectification with its requirements and due date, and no amount', () => {
    expect(
      dispositionBody(
        values({
          decision: 'RECTIFY',
          reason: ' 执行进度严重滞后 ',
          dueDate: '2026-09-30',
          amount: '500',
          requirements: '9 月底前完成拨付。',
        }),
        7,
      ),
    ).toEqual({
      version: 7,
      decision: 'RECTIFY',
      reason: '执行进度严重滞后',
      dueDate: '2026-09-30',
      amountFen: null,
      requirements: '9 月底前完成拨付。',
      adjustedFunds: null,
    });
  });

  it('sends a suspension’s amount as exact integer fen, and no requirements', () => {
    const body = dispositionBody(
      values({
        decision: 'SUSPEND_FUNDS',
        reason: '资金闲置',
        dueDate: '2026-08-31',
        amount: '1,234.56',
        requirements: 'x',
      }),
      3,
    );
    expect(body).toMatchObject({ amountFen: 1_234_560_000, requirements: '', dueDate: '2026-08-31' });
  });

  it('sends no due date for no action, even when one was typed before the decision changed', () => {
    expect(
      dispositionBody(values({ decision: 'NO_ACTION', reason: '客观原因', dueDate: '2026-08-31' }), 2),
    ).toMatchObject({
      dueDate: null,
      amountFen: null,
    });
    expect(errors({ decision: 'NO_ACTION', reason: '客观原因' })).toEqual([]);
  });

  it('says in the API’s words what a rectification still lacks', () => {
    expect(errors({ decision: 'RECTIFY', reason: '执行进度严重滞后', dueDate: '2026-09-30' })).toEqual([
      '/requirements 请写明整改要求',
    ]);
    expect(errors({ decision: 'RECTIFY', reason: '执行进度严重滞后', requirements: '拨付' }, 'en')).toEqual([
      '/dueDate Give the due date',
    ]);
  });

  it('asks for a decision and a reason before anything else', () => {
    expect(errors({})).toEqual(expect.arrayContaining(['/decision 此项必填']));
    // Only the reason is in error (the form shows its first message).
    const fields = errors({ decision: 'ADJUST_BUDGET_AND_TARGETS', dueDate: '2026-08-31' }).map((e) => e.split(' ')[0]);
    expect([...new Set(fields)]).toEqual(['/reason']);
  });

  it('reports an amount it cannot read as such, and a missing one at the amount field', () => {
    expect(errors({ decision: 'RECOVER_FUNDS', reason: '逾期未整改', dueDate: '2026-10-31' })).toEqual([
      '/amount 请填写涉及的资金金额',
    ]);
    expect(
      errors({ decision: 'RECOVER_FUNDS', reason: '逾期未整改', dueDate: '2026-10-31', amount: '12.3456789' }),
    ).toEqual(['/amount money:decimals']);
    expect(errors({ decision: 'RECOVER_FUNDS', reason: '逾期未整改', dueDate: '2026-10-31', amount: '0' })).toEqual([
      '/amount 请填写涉及的资金金额',
    ]);
    // An amount left over from another decision is neither read nor sent.
    expect(errors({ decision: 'NO_ACTION', reason: '客观原因', amount: 'abc' })).toEqual([]);
  });

  it('sends an adjusted budget by source as exact fen, only for an adjustment, and flags an unreadable one', () => {
    const values = {
      ...emptyDisposition(),
      decision: 'ADJUST_BUDGET_AND_TARGETS' as const,
      reason: '政策调整',
      dueDate: '2026-08-31',
      adjustedFiscal: '60.5',
    };
    expect(dispositionBody(values, 4).adjustedFunds).toEqual({ fiscal: 60_500_000, carryOver: 0, other: 0 });
    expect(dispositionBody({ ...values, adjustedFiscal: '' }, 4).adjustedFunds).toBeNull();
    expect(dispositionBody({ ...values, decision: 'NO_ACTION' }, 4).adjustedFunds).toBeNull();
    const wrong = dispositionErrors({ ...values, adjustedOther: '1.23456789' }, 4, 'zh-CN', (f) => `money:${f}`);
    expect(wrong.map((e) => `${e.pointer} ${e.message}`)).toEqual(['/adjustedOther money:decimals']);
  });
});
