import { describe, expect, it } from 'vitest';
import { budgetBase, initialBudgetOf, sameFunds } from '#core/monitoring/budget-base.ts';

const funds = (fiscal: number) => ({ fiscal, carryOver: 0, other: 0 });
const report = { budget: funds(1_000_000), targetId: 'v1' };

describe('the budget base after a mid-year adjustment', () => {
  it('stays as made while the project has no newer approved version', () => {
    expect(budgetBase(report, { funds: funds(800_000), approvedTargetId: 'v1' })).toEqual({ budget: funds(1_000_000) });
    expect(initialBudgetOf(report)).toEqual(funds(1_000_000));
  });

  it('follows a newer approved version with other funds and keeps the start-of-year budget', () => {
    const base = budgetBase(report, { funds: funds(800_000), approvedTargetId: 'v2' });
    expect(base).toEqual({ budget: funds(800_000), initialBudget: funds(1_000_000) });
    // Saved again later: the start-of-year budget is the one it kept.
    expect(budgetBase({ ...report, ...base }, { funds: funds(700_000), approvedTargetId: 'v3' })).toEqual({
      budget: funds(700_000),
      initialBudget: funds(1_000_000),
    });
  });

  it('takes the start-of-year budget the project kept, for a report made after the adjustment', () => {
    const later = { budget: funds(800_000), targetId: 'v2' };
    expect(
      budgetBase(later, { funds: funds(800_000), approvedTargetId: 'v2', initialFunds: funds(1_000_000) }),
    ).toEqual({ budget: funds(800_000), initialBudget: funds(1_000_000) });
  });

  it('follows a budget a disposition adjusted, before the new target version is approved', () => {
    expect(
      budgetBase(report, { funds: funds(600_000), approvedTargetId: 'v1', initialFunds: funds(1_000_000) }),
    ).toEqual({ budget: funds(600_000), initialBudget: funds(1_000_000) });
  });

  it('keeps no separate start-of-year budget when a newer version kept the same funds', () => {
    expect(budgetBase(report, { funds: funds(1_000_000), approvedTargetId: 'v2' })).toEqual({
      budget: funds(1_000_000),
    });
  });

  it('compares funds by every source: fiscal, carried over and other', () => {
    const a = { fiscal: 1, carryOver: 2, other: 3 };
    expect(sameFunds(a, { ...a })).toBe(true);
    expect(sameFunds(a, { ...a, fiscal: 9 })).toBe(false);
    expect(sameFunds(a, { ...a, carryOver: 9 })).toBe(false);
    expect(sameFunds(a, { ...a, other: 9 })).toBe(false);
  });

  it('stays as made while the project has no approved version at all', () => {
    expect(budgetBase(report, { funds: funds(800_000), approvedTargetId: null })).toEqual({ budget: funds(1_000_000) });
  });

  it('drops a kept start-of-year budget that equals the current one', () => {
    const kept = { ...report, initialBudget: funds(800_000) };
    expect(budgetBase(kept, { funds: funds(800_000), approvedTargetId: 'v2' })).toEqual({ budget: funds(800_000) });
  });
});
