import { describe, expect, it } from 'vitest';
import { roundSummary, roundSummaryFigures } from '#core/self-evaluation/round-summary.ts';
import type { ScoreRounding } from '#core/self-evaluation/score-rounding.ts';
import { recountSelfEvaluations, type SelfEvaluationTallySource } from '#core/self-evaluation/self-evaluation-tally.ts';

const hundredths: ScoreRounding = { decimals: 2, mode: 'HALF_UP', rateFirst: false };
const wholeDown: ScoreRounding = { decimals: 0, mode: 'FLOOR', rateFirst: false };

const base: SelfEvaluationTallySource = {
  reviewStatus: 'FINAL_APPROVED',
  firstSubmittedAt: '2027-03-30T02:00:00.000Z',
  deadline: '2027-03-31',
  total: 90,
  grade: 'EXCELLENT',
  spotCheck: null,
};
const reviewed = (reviewedTotal: number) => ({
  reason: 'RANDOM' as const,
  drawnAt: '2027-04-10T02:00:00.000Z',
  adjustments: [],
  reviewedTotal,
  reviewedGrade: 'GOOD' as const,
  reviewedAt: '2027-04-20T02:00:00.000Z',
  reviewedBy: 'perf',
  opinion: '',
});

const of = (...all: SelfEvaluationTallySource[]) => recountSelfEvaluations(all);

describe('a round summary from tallies', () => {
  it('counts coverage with shares, late and overdue only once the deadline has passed', () => {
    const counts = of(
      base,
      // Sent on after the deadline by the Beijing calendar (16:30 UTC on the 31st is 1 April in Beijing).
      {
        ...base,
        reviewStatus: 'UNIT_SUBMITTED',
        firstSubmittedAt: '2027-03-31T16:30:00.000Z',
        total: null,
        grade: null,
      },
      { ...base, reviewStatus: 'DRAFT', firstSubmittedAt: null, total: null, grade: null },
    );
    const before = roundSummaryFigures(counts, false, hundredths);
    expect(before).toMatchObject({
      selfEvaluations: 3,
      submitted: 2,
      approved: 1,
      late: 1,
      overdue: 0,
      submittedPct: 66.7,
      approvedPct: 33.3,
      counted: 1,
      averageCountedScore: 90,
    });
    expect(roundSummaryFigures(counts, true, hundredths).overdue).toBe(1);
  });

  it('averages the counted scores exactly and rounds once by the round rule', () => {
    // 90.01 + 89.00 + 80.00 = 259.01, / 3 = 86.33666…: 86.34 half up to hundredths, 86 down to whole points.
    const counts = of(
      { ...base, total: 90.01 },
      { ...base, total: 89, grade: 'GOOD' },
      { ...base, total: 95, spotCheck: reviewed(80) },
    );
    expect(roundSummaryFigures(counts, false, hundredths)).toMatchObject({
      counted: 3,
      byGrade: { EXCELLENT: 1, GOOD: 2 },
      averageCountedScore: 86.34,
      sampled: 1,
      reviewed: 1,
      meanGap: -15,
      meanAbsoluteGap: 15,
    });
    expect(roundSummaryFigures(counts, false, wholeDown).averageCountedScore).toBe(86);
  });

  it('has no share, average or gap where nothing was issued, counted or reviewed', () => {
    const figures = roundSummaryFigures(of(), true, hundredths);
    expect(figures).toMatchObject({
      submittedPct: null,
      approvedPct: null,
      overdue: 0,
      averageCountedScore: null,
      meanGap: null,
      meanAbsoluteGap: null,
    });
  });

  it('adds departments into their series and the total, keeping each department line', () => {
    const department = (id: string, series: string, ...all: SelfEvaluationTallySource[]) => ({
      departmentId: id,
      departmentCode: id,
      departmentName: id,
      departmentSeries: series,
      ...of(...all),
    });
    const summary = roundSummary(
      [
        department('a', 'S1', base, { ...base, total: 70, grade: 'FAIR' }),
        department('b', 'S1', { ...base, reviewStatus: 'DRAFT', firstSubmittedAt: null, total: null, grade: null }),
        department('c', 'S2'),
      ],
      true,
      hundredths,
    );
    expect(summary.total).toMatchObject({ selfEvaluations: 3, approved: 2, overdue: 1, averageCountedScore: 80 });
    expect(summary.series.map((s) => [s.series, s.selfEvaluations, s.overdue])).toEqual([
      ['S1', 3, 1],
      ['S2', 0, 0],
    ]);
    expect(summary.departments.map((d) => [d.departmentId, d.selfEvaluations, d.approvedPct])).toEqual([
      ['a', 2, 100],
      ['b', 1, 0],
      ['c', 0, null],
    ]);
  });
});
