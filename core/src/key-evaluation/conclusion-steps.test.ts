import { describe, expect, it } from 'vitest';
import type { ReviewEntry } from '#core/fieldwork/engagement.ts';
import {
  conclusionSteps,
  currentRound,
  mayReviewLevel,
  nextQualityLevel,
  qualityReviewRefusal,
  resultNotice,
  reviewDecision,
} from '#core/key-evaluation/conclusion-steps.ts';
import { validate } from '#core/validation.ts';

const agency = 'agency-1';
const lead = (userId: string) => ({ roles: ['agency-lead' as const], agencyId: agency, userId });
const evaluator = { roles: ['evaluator' as const], agencyId: agency, userId: 'e1' };
const perf = { roles: ['performance-section-reviewer' as const], userId: 'p1' };
const review = (level: ReviewEntry['level'], decision: 'approve' | 'return', reviewerId: string): ReviewEntry => ({
  level,
  decision,
  reviewerId,
  reviewerName: reviewerId,
  comments: decision === 'return' ? '请补充佐证' : '',
  resolution: '',
  at: '2027-05-01T00:00:00Z',
});

describe('the quality review levels', () => {
  it('signs project manager, then quality control, then the signing partner', () => {
    expect(nextQualityLevel([])).toBe('PROJECT_MANAGER');
    expect(nextQualityLevel([review('PROJECT_MANAGER', 'approve', 'e1')])).toBe('QUALITY_CONTROL');
    expect(
      nextQualityLevel([review('PROJECT_MANAGER', 'approve', 'e1'), review('QUALITY_CONTROL', 'approve', 'l1')]),
    ).toBe('SIGNING_PARTNER');
    expect(
      nextQualityLevel([
        review('PROJECT_MANAGER', 'approve', 'e1'),
        review('QUALITY_CONTROL', 'approve', 'l1'),
        review('SIGNING_PARTNER', 'approve', 'l2'),
      ]),
    ).toBeNull();
  });

  it('starts a new round after any return, by the agency or by the bureau', () => {
    const returned = [
      review('PROJECT_MANAGER', 'approve', 'e1'),
      review('QUALITY_CONTROL', 'return', 'l1'),
      review('PROJECT_MANAGER', 'approve', 'e1'),
    ];
    expect(currentRound(returned)).toHaveLength(1);
    expect(nextQualityLevel(returned)).toBe('QUALITY_CONTROL');
    const financeReturned = [
      review('PROJECT_MANAGER', 'approve', 'e1'),
      review('QUALITY_CONTROL', 'approve', 'l1'),
      review('SIGNING_PARTNER', 'approve', 'l2'),
      review('FINANCE', 'return', 'p1'),
    ];
    expect(nextQualityLevel(financeReturned)).toBe('PROJECT_MANAGER');
  });

  it("lets the commissioned agency's leads sign, not its evaluators, nor another agency's leads", () => {
    expect(mayReviewLevel(evaluator, { agencyId: agency }, 'PROJECT_MANAGER')).toBe(false);
    expect(mayReviewLevel(lead('l1'), { agencyId: agency }, 'PROJECT_MANAGER')).toBe(true);
    expect(mayReviewLevel(lead('l1'), { agencyId: agency }, 'SIGNING_PARTNER')).toBe(true);
    expect(mayReviewLevel(lead('l1'), { agencyId: 'agency-2' }, 'PROJECT_MANAGER')).toBe(false);
    expect(mayReviewLevel(perf, { agencyId: agency }, 'PROJECT_MANAGER')).toBe(false);
  });

  it('refuses a person who signed an earlier level of the same round, unless the tenant allows it', () => {
    const e = { agencyId: agency, reviews: [review('PROJECT_MANAGER', 'approve', 'l1')] };
    expect(qualityReviewRefusal(lead('l1'), e)).toBe('reviewer_signed_earlier_level');
    expect(qualityReviewRefusal(lead('l1'), e, false)).toBeNull();
    expect(qualityReviewRefusal(lead('l2'), e)).toBeNull();
    // After a return the round starts again: the same person may sign the first level again.
    const again = { agencyId: agency, reviews: [...e.reviews, review('QUALITY_CONTROL', 'return', 'l2')] };
    expect(qualityReviewRefusal(lead('l1'), again)).toBeNull();
    expect(qualityReviewRefusal(evaluator, { agencyId: agency, reviews: [] })).toBe('not_reviewer');
  });
});

describe('conclusionSteps', () => {
  it('offers each step to its taker in its state only', () => {
    const at = (state: Parameters<typeof conclusionSteps>[1]['state']) => ({ agencyId: agency, state, reviews: [] });
    expect(conclusionSteps(lead('l1'), at('DRAFT_REPORT'))).toMatchObject({ submitReport: true, qualityReview: false });
    expect(conclusionSteps(lead('l1'), at('QC_REVIEW'))).toMatchObject({ submitReport: false, qualityReview: true });
    expect(conclusionSteps(evaluator, at('QC_REVIEW')).qualityReview).toBe(false);
    expect(conclusionSteps(perf, at('QC_REVIEW')).qualityReview).toBe(false);
    expect(conclusionSteps(perf, at('FINANCE_REVIEW'))).toMatchObject({ financeReview: true, notifyResult: false });
    expect(conclusionSteps(perf, at('FINAL_REPORT'))).toMatchObject({ financeReview: false, notifyResult: true });
    expect(conclusionSteps(perf, at('RESULT_NOTIFIED')).archive).toBe(true);
    expect(Object.values(conclusionSteps(lead('l1'), at('FINANCE_REVIEW')))).not.toContain(true);
  });
});

describe('the bodies', () => {
  it('a return must say what to change; an approval need not', () => {
    expect(validate(reviewDecision, { version: 1, decision: 'approve' }, 'en').ok).toBe(true);
    const refused = validate(reviewDecision, { version: 1, decision: 'return', comments: ' ' }, 'zh-CN');
    expect(refused.ok ? [] : refused.errors.map((e) => [e.pointer, e.code])).toEqual([
      ['/comments', 'return_comments_required'],
    ]);
  });

  it('a result notice carries its text and, if it orders one, the rectification with a due date', () => {
    expect(validate(resultNotice, { version: 3, notice: '评价结果为良', rectification: null }, 'en').ok).toBe(true);
    const body = {
      version: 3,
      notice: '评价结果为中',
      rectification: { requirements: '完善台账', dueDate: '2027-09-30' },
    };
    expect(validate(resultNotice, body, 'en').ok).toBe(true);
    expect(validate(resultNotice, { ...body, rectification: { requirements: '完善台账' } }, 'en').ok).toBe(false);
  });
});
