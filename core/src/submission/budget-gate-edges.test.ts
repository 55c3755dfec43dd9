import { describe, expect, it } from 'vitest';
import { budgetGate, budgetGateErrors, exAnteRequired } from '#core/submission/budget-gate.ts';
import { submissionConfig } from '#core/submission/submission-config.ts';

/**
 * The budget gate (docs/domain/submission.md, "Budget gate") at its edges: amounts equal to the recommended one or
 * zero, a revision approved at the very instant of the conclusion, a reason of only spaces, the ex-ante threshold
 * to the fen.
 */
const concludedAt = '2027-03-10T02:00:00.000Z';
const adjusted = {
  stage: 'IN_LIBRARY',
  approvedTargetId: 'v2',
  approvedGrade: 'EXCELLENT',
  exAnteRequired: true,
  exAnteConclusion: 'SUPPORT_AFTER_ADJUSTMENT',
  approvedAt: '2027-03-10T02:00:00.001Z',
  exAnte: { concludedAt, recommendedAmount: 1_000_000 },
  budgetedAmount: 1_000_000,
};

describe('the budget gate at its edges', () => {
  it('lets in a budget equal to the recommended amount, and keeps out one a fen above it', () => {
    expect(budgetGate(adjusted, submissionConfig)).toEqual([]);
    expect(budgetGate({ ...adjusted, budgetedAmount: 1_000_001 }, submissionConfig)).toEqual([
      'above_recommended_amount',
    ]);
  });

  it('a recommended amount of zero lets in only a budget of zero', () => {
    const zero = { ...adjusted, exAnte: { concludedAt, recommendedAmount: 0 } };
    expect(budgetGate({ ...zero, budgetedAmount: 0 }, submissionConfig)).toEqual([]);
    expect(budgetGate({ ...zero, budgetedAmount: 1 }, submissionConfig)).toEqual(['above_recommended_amount']);
  });

  it('no recommended amount, or no budgeted amount known, asks for no reason', () => {
    expect(
      budgetGate(
        { ...adjusted, exAnte: { concludedAt, recommendedAmount: null }, budgetedAmount: 9e9 },
        submissionConfig,
      ),
    ).toEqual([]);
    expect(budgetGate({ ...adjusted, budgetedAmount: undefined }, submissionConfig)).toEqual([]);
  });

  it('a reason of only spaces is no reason', () => {
    const above = { ...adjusted, budgetedAmount: 2_000_000 };
    expect(budgetGate(above, submissionConfig, '   ')).toEqual(['above_recommended_amount']);
    expect(budgetGate(above, submissionConfig, '市委常委会决定')).toEqual([]);
    const [error] = budgetGateErrors(above, submissionConfig, 'zh-CN', ' ');
    expect(error).toMatchObject({ pointer: '/overrideReason', code: 'above_recommended_amount' });
  });

  it('targets approved at the very instant of the conclusion were not revised after it', () => {
    expect(budgetGate({ ...adjusted, approvedAt: concludedAt }, submissionConfig)).toEqual(['targets_not_revised']);
    expect(budgetGate({ ...adjusted, approvedAt: null }, submissionConfig)).toEqual(['targets_not_revised']);
    const [error] = budgetGateErrors({ ...adjusted, approvedAt: concludedAt }, submissionConfig, 'zh-CN');
    expect(error).toMatchObject({ pointer: '', code: 'targets_not_revised' });
  });

  it('a rejected project is refused for the rejection alone, whatever the amounts', () => {
    expect(
      budgetGate({ ...adjusted, exAnteConclusion: 'REJECT', budgetedAmount: 5_000_000 }, submissionConfig),
    ).toEqual(['ex_ante_rejected']);
  });

  it('an ungraded approval does not pass', () => {
    expect(budgetGate({ ...adjusted, approvedGrade: null }, submissionConfig)).toEqual(['grade_not_passing']);
  });
});

describe('the ex-ante threshold', () => {
  const newProject = (fiscal: number, carryOver = 0, other = 0) => ({
    majorPolicy: false,
    nature: 'NEW',
    funds: { fiscal, carryOver, other },
  });
  it('counts every source of funds, and is reached at exactly 500 万元', () => {
    const threshold = submissionConfig.exAnteThresholdFen;
    expect(exAnteRequired(newProject(threshold), submissionConfig)).toBe(true);
    expect(exAnteRequired(newProject(threshold - 1), submissionConfig)).toBe(false);
    expect(exAnteRequired(newProject(threshold - 2, 1, 1), submissionConfig)).toBe(true);
    expect(exAnteRequired(newProject(0), submissionConfig)).toBe(false);
    expect(exAnteRequired({ ...newProject(threshold), nature: 'CONTINUING' }, submissionConfig)).toBe(false);
    expect(exAnteRequired({ ...newProject(0), renewal: false }, submissionConfig)).toBe(false);
  });
});
