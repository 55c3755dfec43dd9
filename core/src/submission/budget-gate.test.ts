import { describe, expect, it } from 'vitest';
import {
  budgetGate,
  budgetGateErrors,
  budgetGateFacts,
  exAnteRequired,
  needsOverrideReason,
} from '#core/submission/budget-gate.ts';
import { submissionConfig } from '#core/submission/submission-config.ts';

const approved = {
  stage: 'IN_LIBRARY',
  approvedTargetId: '0190f0f0-0000-7000-8000-000000000001',
  approvedGrade: 'GOOD',
  exAnteRequired: false,
  exAnteConclusion: null,
};

describe('the budget gate (rule 13, docs/domain/submission.md)', () => {
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

  it('requires ex-ante assessment for a renewal of an expiring project, whatever its amount', () => {
    const funds = { fiscal: 1_000_000, carryOver: 0, other: 0 };
    expect(exAnteRequired({ majorPolicy: false, renewal: true, nature: 'CONTINUING', funds }, submissionConfig)).toBe(
      true,
    );
    expect(exAnteRequired({ majorPolicy: false, renewal: false, nature: 'CONTINUING', funds }, submissionConfig)).toBe(
      false,
    );
  });

  describe('after 调整完善后予以支持 (issue 10, item 5)', () => {
    // 智慧教育云平台: concluded 2027-03-10 with 1,000 万元 recommended; 1,200 万元 asked for.
    const concludedAt = '2027-03-10T02:00:00.000Z';
    const wan = (n: number) => n * 1_000_000;
    const step = (action: string, at: string) => ({
      action,
      from: 'FIRST_REVIEWED' as const,
      to: 'FINAL_APPROVED' as const,
      by: 'u',
      byName: '李明',
      role: 'performance-section-reviewer',
      at,
      opinion: '',
      grade: 'GOOD' as const,
      rowComments: {},
    });
    const project = {
      stage: 'IN_LIBRARY' as const,
      approvedTargetId: 'v2',
      approvedGrade: 'GOOD',
      exAnteRequired: true,
      exAnteConclusion: 'SUPPORT_AFTER_ADJUSTMENT',
      funds: { fiscal: wan(1200), carryOver: 0, other: 0 },
    };
    const assessment = { state: 'CONCLUDED' as const, concludedAt, recommendedAmount: wan(1000) };
    const versions = (approvedAt: string) => [
      { id: 'v1', reviewLog: [step('final-approve', '2027-02-01T00:00:00.000Z')] },
      { id: 'v2', reviewLog: [step('submit', '2027-03-01T00:00:00.000Z'), step('final-approve', approvedAt)] },
    ];

    it('refuses targets approved before the conclusion, and a budget above the recommended amount without a reason', () => {
      const facts = budgetGateFacts(project, versions('2027-03-09T00:00:00.000Z'), [assessment]);
      expect(budgetGate(facts, submissionConfig)).toEqual(['targets_not_revised', 'above_recommended_amount']);
      expect(budgetGateErrors(facts, submissionConfig, 'zh-CN')).toEqual([
        {
          pointer: '',
          code: 'targets_not_revised',
          message: '事前评估结论为“调整完善后予以支持”（2027-03-10），此后须有一版绩效目标终审通过',
        },
        {
          pointer: '/overrideReason',
          code: 'above_recommended_amount',
          message: '预算金额 1,200 万元超过事前评估建议金额 1,000 万元，须填写超出理由',
        },
      ]);
      expect(needsOverrideReason(facts, submissionConfig)).toBe(true);
    });

    it('lets in revised targets, and the higher amount with a reason', () => {
      const facts = budgetGateFacts(project, versions('2027-03-11T00:00:00.000Z'), [assessment]);
      expect(budgetGate(facts, submissionConfig)).toEqual(['above_recommended_amount']);
      expect(budgetGate(facts, submissionConfig, '  ')).toEqual(['above_recommended_amount']);
      expect(budgetGate(facts, submissionConfig, '新增两所学校接入，经区政府常务会议研究同意')).toEqual([]);
      // At or below the recommended amount no reason is needed.
      const within = budgetGateFacts(
        { ...project, funds: { fiscal: wan(1000), carryOver: 0, other: 0 } },
        versions('2027-03-11T00:00:00.000Z'),
        [assessment],
      );
      expect(budgetGate(within, submissionConfig)).toEqual([]);
    });

    it('judges by the latest concluded assessment', () => {
      const older = {
        state: 'CONCLUDED' as const,
        concludedAt: '2026-12-01T00:00:00.000Z',
        recommendedAmount: wan(2000),
      };
      const draft = { state: 'DRAFT' as const, concludedAt: null, recommendedAmount: wan(1) };
      const facts = budgetGateFacts(project, versions('2027-03-11T00:00:00.000Z'), [assessment, older, draft]);
      expect(facts.exAnte).toEqual({ concludedAt, recommendedAmount: wan(1000) });
    });

    it('counts only an assessment concluded with a date, and only a version that passed the final review', () => {
      // A record returned to its agency after a conclusion keeps the date but is no longer concluded; a conclusion
      // without a date (never written so) cannot be placed in time. Neither is the latest conclusion.
      const reopened = {
        state: 'SUBMITTED' as const,
        concludedAt: '2027-04-01T00:00:00.000Z',
        recommendedAmount: wan(5),
      };
      const undated = { state: 'CONCLUDED' as const, concludedAt: null, recommendedAmount: wan(6) };
      const facts = budgetGateFacts(project, versions('2027-03-11T00:00:00.000Z'), [reopened, assessment, undated]);
      expect(facts.exAnte).toEqual({ concludedAt, recommendedAmount: wan(1000) });
      expect(facts.approvedAt).toBe('2027-03-11T00:00:00.000Z');
      expect(budgetGateFacts(project, versions('x'), [reopened, undated]).exAnte).toBeNull();
      // An approved id whose version has no final approval step (or is not among the versions) has no date.
      const unsigned = [{ id: 'v2', reviewLog: [step('submit', '2027-03-01T00:00:00.000Z')] }];
      expect(budgetGateFacts(project, unsigned, [assessment]).approvedAt).toBeNull();
      expect(budgetGateFacts(project, [], [assessment]).approvedAt).toBeNull();
    });

    it('does not ask a plain 予以支持 for revised targets', () => {
      const facts = budgetGateFacts(
        { ...project, exAnteConclusion: 'SUPPORT', funds: { fiscal: wan(900), carryOver: 0, other: 0 } },
        versions('2027-03-09T00:00:00.000Z'),
        [assessment],
      );
      expect(budgetGate(facts, submissionConfig)).toEqual([]);
    });
  });
});

describe("the budget gate and last year's results (docs/domain/results-application.md#the-budget-gate)", () => {
  const withResults = (
    results: {
      grade: 'EXCELLENT' | 'GOOD' | 'FAIR' | 'POOR' | null;
      measure: 'KEEP' | 'REDUCE_PCT' | 'STOP';
      recommendedAmount: number | null;
    }[],
    openRectifications = 0,
  ) => ({ ...approved, budgetedAmount: 1_000_000_00, results: { results, openRectifications } });

  it('asks for the performance section’s reason above the recommendation, after 差, with a rectification open', () => {
    const above = withResults([{ grade: 'FAIR', measure: 'REDUCE_PCT', recommendedAmount: 900_000_00 }]);
    expect(budgetGate(above, submissionConfig)).toEqual(['above_results_recommendation']);
    expect(needsOverrideReason(above, submissionConfig)).toBe(true);
    expect(budgetGate(above, submissionConfig, '区政府常务会议决定维持')).toEqual([]);
    const poor = withResults([{ grade: 'POOR', measure: 'STOP', recommendedAmount: 0 }]);
    expect(budgetGate(poor, submissionConfig)).toEqual(['above_results_recommendation', 'predecessor_poor']);
    const open = withResults([], 1);
    expect(budgetGate(open, submissionConfig)).toEqual(['rectification_open']);
    expect(budgetGate(open, submissionConfig, '   ')).toEqual(['rectification_open']);
    expect(budgetGate(open, submissionConfig, '整改已实质完成，待验收')).toEqual([]);
  });

  it('lets in at or below the recommendation without a reason, and words each reason in both languages', () => {
    const at = withResults([{ grade: 'GOOD', measure: 'KEEP', recommendedAmount: 1_000_000_00 }]);
    expect(budgetGate(at, submissionConfig)).toEqual([]);
    expect(needsOverrideReason(at, submissionConfig)).toBe(false);
    const poor = withResults([{ grade: 'POOR', measure: 'STOP', recommendedAmount: 0 }], 2);
    const zh = budgetGateErrors(poor, submissionConfig, 'zh-CN');
    expect(zh.map((e) => [e.pointer, e.code])).toEqual([
      ['/overrideReason', 'above_results_recommendation'],
      ['/overrideReason', 'predecessor_poor'],
      ['/overrideReason', 'rectification_open'],
    ]);
    expect(zh[0]?.message).toBe('预算金额 100 万元超过上年度评价结果建议金额 0 万元，须由绩效科填写理由');
    expect(zh[1]?.message).toBe('上年度评价结果为差（取消），纳入预算须由绩效科填写理由');
    expect(budgetGateErrors(poor, submissionConfig, 'en')[2]?.message).toBe(
      "Last year's project still has 2 open rectification(s): the performance section must give a reason",
    );
  });

  it('carries the results read into the facts', () => {
    const results = { results: [], openRectifications: 1 };
    const project = { ...approved, stage: 'IN_LIBRARY' as const, funds: { fiscal: 5, carryOver: 0, other: 0 } };
    const facts = budgetGateFacts(project, [], [], results);
    expect(facts.results).toBe(results);
    expect(budgetGateFacts(project, [], []).results).toBeUndefined();
  });
});
