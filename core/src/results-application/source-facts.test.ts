import { describe, expect, it } from 'vitest';
import { dispositionMeasure, selfEvaluationFacts } from '#core/results-application/source-facts.ts';
import type { SelfEvaluation } from '#core/self-evaluation/self-evaluation.ts';

describe('source facts', () => {
  it('take the reviewed score of a finished spot-check, otherwise the final-approved self score, nothing before', () => {
    const base = {
      id: '01900000-0000-7000-8000-000000000001',
      fiscalYear: 2026,
      projectId: '01900000-0000-7000-8000-000000000002',
      projectCode: 'P1',
      projectName: 'p',
      departmentId: '01900000-0000-7000-8000-000000000003',
      departmentName: 'd',
      reviewStatus: 'FINAL_APPROVED',
      total: 91,
      grade: 'EXCELLENT',
      spotCheck: null,
    } as unknown as SelfEvaluation;
    expect(selfEvaluationFacts(base, 100)).toMatchObject({ grade: 'EXCELLENT', score: 91, basis: 'SELF', amount: 100 });
    const reviewed = {
      ...base,
      spotCheck: { reviewedTotal: 78.5, reviewedGrade: 'FAIR' },
    } as unknown as SelfEvaluation;
    expect(selfEvaluationFacts(reviewed, 100)).toMatchObject({ grade: 'FAIR', score: 78.5, basis: 'REVIEWED' });
    expect(selfEvaluationFacts({ ...base, reviewStatus: 'FIRST_REVIEWED' } as SelfEvaluation, 100)).toBeNull();
  });

  it('turn a disposition into the measure it orders', () => {
    expect(dispositionMeasure({ decision: 'NO_ACTION', state: 'DECIDED' }, 100)).toBeNull();
    expect(dispositionMeasure({ decision: 'RECTIFY', state: 'DECIDED' }, 100)?.measure).toBe(
      'NO_FUNDING_UNTIL_RECTIFIED',
    );
    expect(dispositionMeasure({ decision: 'SUSPEND_FUNDS', state: 'SUSPENDED' }, 100)?.measure).toBe('SUSPEND');
    expect(dispositionMeasure({ decision: 'SUSPEND_FUNDS', state: 'RESUMED' }, 100)).toBeNull();
    expect(dispositionMeasure({ decision: 'SUSPEND_FUNDS', state: 'RECOVERED' }, 100)?.measure).toBe('RECOVER_FUNDS');
    expect(dispositionMeasure({ decision: 'RECOVER_FUNDS', state: 'DECIDED' }, 100)?.measure).toBe('RECOVER_FUNDS');
    const lowered = { fiscal: 60, carryOver: 10, other: 0 };
    expect(
      dispositionMeasure({ decision: 'ADJUST_BUDGET_AND_TARGETS', state: 'DECIDED', adjustedFunds: lowered }, 100),
    ).toEqual({ measure: 'REDUCE_AMOUNT', amountFen: 30 });
    expect(
      dispositionMeasure({ decision: 'ADJUST_BUDGET_AND_TARGETS', state: 'DECIDED', adjustedFunds: null }, 100),
    ).toEqual({ measure: 'ADJUST_POLICY', amountFen: null });
  });
});
