import { describe, expect, it } from 'vitest';
import { resultGateFindings, resultRecommendation } from '#core/results-application/result-gate.ts';

describe("the budget gate's result reasons", () => {
  it('reads nothing when nothing was read', () => {
    expect(resultGateFindings(undefined, 100)).toEqual([]);
    expect(resultGateFindings({ results: [], openRectifications: 0 }, 100)).toEqual([]);
  });

  it('finds a budget above the lowest recommendation, and not at it', () => {
    const facts = {
      results: [
        { grade: 'FAIR' as const, measure: 'REDUCE_PCT' as const, recommendedAmount: 900 },
        { grade: 'GOOD' as const, measure: 'KEEP' as const, recommendedAmount: 1000 },
      ],
      openRectifications: 0,
    };
    expect(resultRecommendation(facts)).toBe(900);
    expect(resultGateFindings(facts, 900)).toEqual([]);
    expect(resultGateFindings(facts, 901)).toEqual([
      { reason: 'above_results_recommendation', detail: { budgeted: 901, recommended: 900 } },
    ]);
  });

  it('finds a predecessor graded 差, or given a measure that withholds money, and open rectifications', () => {
    const poor = {
      results: [{ grade: 'POOR' as const, measure: 'KEEP' as const, recommendedAmount: null }],
      openRectifications: 0,
    };
    expect(resultGateFindings(poor, 0).map((f) => f.reason)).toEqual(['predecessor_poor']);
    for (const measure of ['STOP', 'SUSPEND', 'NO_FUNDING_UNTIL_RECTIFIED'] as const) {
      const f = resultGateFindings(
        { results: [{ grade: null, measure, recommendedAmount: null }], openRectifications: 0 },
        0,
      );
      expect(f.map((x) => x.reason)).toEqual(['predecessor_poor']);
    }
    expect(resultGateFindings({ results: [], openRectifications: 2 }, 0)).toEqual([
      { reason: 'rectification_open', detail: { count: 2 } },
    ]);
  });
});
