import { describe, expect, it } from 'vitest';
import { budgetGate, exAnteRequired } from '#core/submission/budget-gate.ts';
import { submissionConfig } from '#core/submission/submission-config.ts';

const approved = {
  stage: 'IN_LIBRARY',
  approvedTargetId: '0190f0f0-0000-7000-8000-000000000001',
  approvedGrade: 'GOOD',
  exAnteRequired: false,
  exAnteConclusion: null,
};

describe('the budget gate (rule 13)', () => {
  it('lets in a project with targets approved 优 or 良', () => {
    expect(budgetGate(approved, submissionConfig)).toEqual([]);
    expect(budgetGate({ ...approved, approvedGrade: 'EXCELLENT' }, submissionConfig)).toEqual([]);
  });

  it('keeps out targets not approved, or graded 中/差', () => {
    expect(budgetGate({ ...approved, approvedTargetId: null, approvedGrade: null }, submissionConfig)).toEqual([
      'targets_not_approved',
    ]);
    expect(budgetGate({ ...approved, approvedGrade: 'FAIR' }, submissionConfig)).toEqual(['grade_not_passing']);
  });

  it('needs a required ex-ante conclusion, and one that is not "do not support"', () => {
    expect(budgetGate({ ...approved, exAnteRequired: true }, submissionConfig)).toEqual(['ex_ante_missing']);
    expect(
      budgetGate({ ...approved, exAnteRequired: true, exAnteConclusion: 'SUPPORT_AFTER_ADJUSTMENT' }, submissionConfig),
    ).toEqual([]);
    expect(budgetGate({ ...approved, exAnteRequired: true, exAnteConclusion: 'REJECT' }, submissionConfig)).toEqual([
      'ex_ante_rejected',
    ]);
  });

  it('does not budget a project twice', () => {
    expect(budgetGate({ ...approved, stage: 'BUDGETED' }, submissionConfig)).toEqual(['already_budgeted']);
  });

  it('requires ex-ante assessment for major policies and for new projects at the threshold', () => {
    const funds = { fiscal: submissionConfig.exAnteThresholdFen - 1, carryOver: 0, other: 0 };
    expect(exAnteRequired({ majorPolicy: true, nature: 'CONTINUING', funds }, submissionConfig)).toBe(true);
    expect(exAnteRequired({ majorPolicy: false, nature: 'NEW', funds }, submissionConfig)).toBe(false);
    expect(exAnteRequired({ majorPolicy: false, nature: 'NEW', funds: { ...funds, other: 1 } }, submissionConfig)).toBe(
      true,
    );
    expect(
      exAnteRequired({ majorPolicy: false, nature: 'CONTINUING', funds: { ...funds, other: 1 } }, submissionConfig),
    ).toBe(false);
  });
});
