import { describe, expect, it } from 'vitest';
import { departsFrom, proposal } from '#core/results-application/proposal.ts';
import type { ResultFacts } from '#core/results-application/result-application.ts';
import { defaultPolicyRules } from '#core/results-application/results-policy.ts';

const facts = (over: Partial<ResultFacts> = {}): ResultFacts => ({
  source: 'KEY_EVALUATION',
  sourceId: '01900000-0000-7000-8000-000000000001',
  fiscalYear: 2026,
  objectType: 'PROJECT',
  projectId: '01900000-0000-7000-8000-000000000002',
  projectCode: '120110260001',
  projectName: '老旧小区改造',
  departmentId: '01900000-0000-7000-8000-000000000003',
  departmentName: '区住建委',
  grade: 'FAIR',
  score: 72.5,
  amount: 3_000_000_00,
  orderedMeasure: null,
  orderedAmountFen: null,
  basis: '',
  ...over,
});

describe('proposal', () => {
  it('follows the default policy for each grade (hand-computed amounts on 300 万元)', () => {
    expect(proposal(facts({ grade: 'EXCELLENT' }), defaultPolicyRules)).toEqual({
      measure: 'SUPPORT',
      pct: null,
      amountFen: null,
      recommendedAmount: 3_000_000_00,
    });
    expect(proposal(facts({ grade: 'GOOD' }), defaultPolicyRules)?.recommendedAmount).toBe(3_000_000_00);
    expect(proposal(facts({ grade: 'FAIR' }), defaultPolicyRules)).toEqual({
      measure: 'REDUCE_PCT',
      pct: 10,
      amountFen: null,
      recommendedAmount: 2_700_000_00,
    });
    expect(proposal(facts({ grade: 'POOR' }), defaultPolicyRules)).toEqual({
      measure: 'STOP',
      pct: null,
      amountFen: null,
      recommendedAmount: 0,
    });
  });

  it('follows a changed policy: 中 cut 15 %, 差 cut by 100 万元', () => {
    const rules = {
      ...defaultPolicyRules,
      FAIR: { measure: 'REDUCE_PCT' as const, pct: 15, amountFen: null },
      POOR: { measure: 'REDUCE_AMOUNT' as const, pct: null, amountFen: 1_000_000_00 },
    };
    expect(proposal(facts({ grade: 'FAIR' }), rules)?.recommendedAmount).toBe(2_550_000_00);
    expect(proposal(facts({ grade: 'POOR' }), rules)?.recommendedAmount).toBe(2_000_000_00);
  });

  it("takes a disposition's own measure whatever the policy, and proposes nothing without a grade or an order", () => {
    const ordered = facts({ source: 'MONITORING', grade: null, score: null, orderedMeasure: 'SUSPEND' });
    expect(proposal(ordered, defaultPolicyRules)).toEqual({
      measure: 'SUSPEND',
      pct: null,
      amountFen: null,
      recommendedAmount: 0,
    });
    expect(proposal(facts({ grade: null }), defaultPolicyRules)).toBeNull();
  });

  it('has no amount for a department', () => {
    const department = facts({ objectType: 'DEPARTMENT', projectId: null, projectCode: null, amount: null });
    expect(proposal(department, defaultPolicyRules)?.recommendedAmount).toBeNull();
  });

  it('flags a departure: another measure, or the same cut by another percentage', () => {
    const proposed = proposal(facts(), defaultPolicyRules);
    expect(departsFrom({ measure: 'REDUCE_PCT', pct: 10 }, proposed)).toBe(false);
    expect(departsFrom({ measure: 'REDUCE_PCT', pct: 20 }, proposed)).toBe(true);
    expect(departsFrom({ measure: 'KEEP' }, proposed)).toBe(true);
    expect(departsFrom({ measure: 'KEEP' }, null)).toBe(false);
  });
});
