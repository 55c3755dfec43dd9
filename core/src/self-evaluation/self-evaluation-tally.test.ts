import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canTakeReportAction } from '#core/monitoring/report-workflow.ts';
import { withdrawalActions } from '#core/review/withdrawal.ts';
import {
  countedScore,
  emptySelfEvaluationCounts,
  plusCounts,
  recountSelfEvaluations,
  type SelfEvaluationTallySource,
  selfEvaluationCountsOf,
  selfEvaluationCountsOnly,
  selfEvaluationDelta,
} from '#core/self-evaluation/self-evaluation-tally.ts';
import { type SelfEvaluationAction, selfEvaluationActions } from '#core/self-evaluation/self-evaluation-workflow.ts';
import { reviewGradeCodes, targetStatusCodes } from '#core/submission/performance-target.ts';

const base: SelfEvaluationTallySource = {
  reviewStatus: 'FINAL_APPROVED',
  firstSubmittedAt: '2027-03-31T15:30:00.000Z',
  deadline: '2027-03-31',
  total: 91.89,
  grade: 'EXCELLENT',
  spotCheck: null,
};

const spot = (reviewedTotal: number | null) => ({
  reason: 'RANDOM' as const,
  drawnAt: '2027-04-10T02:00:00.000Z',
  adjustments: [],
  reviewedTotal,
  reviewedGrade: reviewedTotal === null ? null : ('GOOD' as const),
  reviewedAt: reviewedTotal === null ? null : '2027-04-20T02:00:00.000Z',
  reviewedBy: reviewedTotal === null ? null : 'perf',
  opinion: '',
});

describe('the score that counts', () => {
  it('is the self-score once final-approved, the reviewed one once the spot-check finished, none before approval', () => {
    expect(countedScore(base)).toEqual({ total: 91.89, grade: 'EXCELLENT', reviewed: false });
    expect(countedScore({ ...base, spotCheck: spot(null) })).toEqual({
      total: 91.89,
      grade: 'EXCELLENT',
      reviewed: false,
    });
    expect(countedScore({ ...base, spotCheck: spot(85.5) })).toEqual({ total: 85.5, grade: 'GOOD', reviewed: true });
    expect(countedScore({ ...base, reviewStatus: 'FIRST_REVIEWED' })).toBeNull();
  });
});

describe('a department tally', () => {
  it('counts one self-evaluation: lateness by the Beijing day, the grade and score that count, the spot-check gap', () => {
    // 16:30 UTC on 31 March is 00:30 on 1 April in Beijing: a day late.
    const counts = selfEvaluationCountsOf({
      ...base,
      firstSubmittedAt: '2027-03-31T16:30:00.000Z',
      spotCheck: spot(85.5),
    });
    expect(counts).toMatchObject({
      selfEvaluations: 1,
      submitted: 1,
      late: 1,
      countedHundredths: 8550,
      sampled: 1,
      reviewed: 1,
      gapHundredths: -639,
      absoluteGapHundredths: 639,
    });
    expect(counts.byGrade).toMatchObject({ GOOD: 1, EXCELLENT: 0 });
    expect(counts.byStatus.FINAL_APPROVED).toBe(1);
    // 15:59:59 UTC is 23:59:59 in Beijing, still the deadline day; a second later it is the next.
    expect(selfEvaluationCountsOf({ ...base, firstSubmittedAt: '2027-03-31T15:59:59.000Z' }).late).toBe(0);
    expect(selfEvaluationCountsOf({ ...base, firstSubmittedAt: '2027-03-31T16:00:00.000Z' }).late).toBe(1);
  });

  it('kept by deltas over any sequence of changes equals a recount from scratch', () => {
    const source = fc.record({
      reviewStatus: fc.constantFrom(...targetStatusCodes.filter((s) => s !== 'REJECTED')),
      firstSubmittedAt: fc.option(fc.constantFrom('2027-03-01T02:00:00.000Z', '2027-04-02T02:00:00.000Z'), {
        nil: null,
      }),
      deadline: fc.constant('2027-03-31'),
      total: fc.option(
        fc.integer({ min: 0, max: 10_000 }).map((h) => h / 100),
        { nil: null },
      ),
      grade: fc.option(fc.constantFrom(...reviewGradeCodes), { nil: null }),
      spotCheck: fc.option(
        fc
          .option(
            fc.integer({ min: 0, max: 10_000 }).map((h) => h / 100),
            { nil: null },
          )
          .map(spot),
        { nil: null },
      ),
    }) as fc.Arbitrary<SelfEvaluationTallySource>;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(4), source), { maxLength: 40 }), (changes) => {
        const current: (SelfEvaluationTallySource | undefined)[] = [];
        let tally = emptySelfEvaluationCounts();
        for (const [slot, after] of changes) {
          tally = plusCounts(tally, selfEvaluationDelta(current[slot], after));
          current[slot] = after;
        }
        const present = current.filter((s): s is SelfEvaluationTallySource => s !== undefined);
        expect(selfEvaluationCountsOnly(tally)).toEqual(selfEvaluationCountsOnly(recountSelfEvaluations(present)));
      }),
    );
  });

  it('follows the review table’s steps, withdrawals (撤回) among them, and still equals a recount', () => {
    const actions = Object.keys(selfEvaluationActions) as SelfEvaluationAction[];
    expect(actions).toEqual(expect.arrayContaining([...withdrawalActions]));
    const draft: SelfEvaluationTallySource = { ...base, reviewStatus: 'DRAFT', firstSubmittedAt: null };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(3), fc.constantFrom(...actions), fc.boolean()), { maxLength: 60 }),
        (steps) => {
          const records = Array.from({ length: 4 }, () => draft);
          let tally = records.reduce(
            (t, r) => plusCounts(t, selfEvaluationDelta(undefined, r)),
            emptySelfEvaluationCounts(),
          );
          for (const [slot, action, late] of steps) {
            const before = records[slot]!;
            if (!canTakeReportAction(action, before.reviewStatus)) continue;
            const at = late ? '2027-04-02T02:00:00.000Z' : '2027-03-01T02:00:00.000Z';
            const after: SelfEvaluationTallySource = {
              ...before,
              reviewStatus: selfEvaluationActions[action].to,
              firstSubmittedAt: before.firstSubmittedAt ?? (action === 'submit' ? at : null),
            };
            tally = plusCounts(tally, selfEvaluationDelta(before, after));
            records[slot] = after;
          }
          expect(selfEvaluationCountsOnly(tally)).toEqual(selfEvaluationCountsOnly(recountSelfEvaluations(records)));
        },
      ),
    );
  });
});
