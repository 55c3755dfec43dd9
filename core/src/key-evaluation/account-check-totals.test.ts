import { describe, expect, it } from 'vitest';
import { checkProblems, type PaymentCheck } from '#core/key-evaluation/account-check.ts';
import { accountCheckTotals } from '#core/key-evaluation/account-check-totals.ts';

describe('the account check totals', () => {
  it('adds population, sample and abnormal amounts in fen, the coverage by the one rounding rule', () => {
    const t = accountCheckTotals([
      { amountFen: 100_00, sampled: true, abnormal: false, checked: true },
      { amountFen: 200_00, sampled: false, abnormal: false, checked: false },
      { amountFen: 5, sampled: true, abnormal: true, checked: true },
    ]);
    expect(t).toEqual({
      populationCount: 3,
      populationFen: 300_05,
      sampleCount: 2,
      sampleFen: 100_05,
      // 10005 / 30005 = 33.344… % → 33.3
      coveragePct: 33.3,
      checkedCount: 2,
      abnormalCount: 1,
      abnormalFen: 5,
    });
  });

  it('rounds a coverage half up (1/8 = 12.5 % → 12.5; 1/16 = 6.25 % → 6.3)', () => {
    const of = (sampled: number, all: number) =>
      accountCheckTotals([
        { amountFen: sampled, sampled: true, abnormal: false, checked: false },
        { amountFen: all - sampled, sampled: false, abnormal: false, checked: false },
      ]).coveragePct;
    expect(of(1, 16)).toBe(6.3);
    expect(of(1, 8)).toBe(12.5);
  });

  it('has no coverage without payments', () => {
    expect(accountCheckTotals([]).coveragePct).toBeNull();
  });
});

describe("a payment check's rules", () => {
  const ok: PaymentCheck = {
    budget: 'OK',
    contract: 'OK',
    voucher: 'NOT_APPLICABLE',
    abnormal: false,
    explanation: '',
    evidenceNumber: 'ZF-01',
    findingIds: [],
  };
  it('accepts a clean check', () => expect(checkProblems(ok)).toEqual([]));
  it('wants an abnormal check marked abnormal, and an abnormal payment explained', () => {
    expect(checkProblems({ ...ok, contract: 'ABNORMAL' }).map((p) => p.code)).toEqual([
      'account_check_abnormal_unmarked',
    ]);
    expect(checkProblems({ ...ok, abnormal: true, explanation: '  ' }).map((p) => p.code)).toEqual([
      'account_check_explanation_required',
    ]);
    expect(checkProblems({ ...ok, findingIds: ['a', 'a'] }).map((p) => p.code)).toEqual([
      'account_check_finding_repeated',
    ]);
  });
});
