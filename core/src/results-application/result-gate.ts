import { blockingMeasures, type ResultMeasure, resultMeasures } from '#core/results-application/result-measure.ts';
import { type ReviewGrade, reviewGrades } from '#core/submission/performance-target.ts';

/**
 * What the budget gate reads of last year's results of a project (docs/domain/results-application.md#the-budget-gate):
 * the decided results of its predecessor (same code, the year before), and its rectifications still open.
 */
export interface ResultGateFacts {
  results: readonly {
    grade: ReviewGrade | null;
    measure: ResultMeasure;
    recommendedAmount: number | null;
  }[];
  openRectifications: number;
}

export type ResultGateReason = 'above_results_recommendation' | 'predecessor_poor' | 'rectification_open';

export interface ResultGateFinding {
  reason: ResultGateReason;
  detail: Record<string, unknown>;
}

/** The lowest recommended amount of the results decided (several sources may speak about one project). */
export const resultRecommendation = (facts: ResultGateFacts): number | null =>
  facts.results.reduce<number | null>(
    (low, r) =>
      r.recommendedAmount === null ? low : low === null ? r.recommendedAmount : Math.min(low, r.recommendedAmount),
    null,
  );

/**
 * The result reasons that stand between a continuation and the budget until the performance section gives a reason:
 * a budget above the recommendation, a predecessor graded 差 or given a measure that withholds money, a rectification
 * still open. They are not refusals of the project, only of 纳入预算 without a reason.
 */
export const resultGateFindings = (facts: ResultGateFacts | undefined, budgeted: number): ResultGateFinding[] => {
  if (!facts) return [];
  const findings: ResultGateFinding[] = [];
  const recommended = resultRecommendation(facts);
  if (recommended !== null && budgeted > recommended) {
    findings.push({ reason: 'above_results_recommendation', detail: { budgeted, recommended } });
  }
  const poor = facts.results.find((r) => r.grade === 'POOR' || blockingMeasures.includes(r.measure));
  if (poor) {
    findings.push({
      reason: 'predecessor_poor',
      detail: {
        gradeText: poor.grade ? reviewGrades[poor.grade]['zh-CN'] : '',
        gradeTextEn: poor.grade ? reviewGrades[poor.grade].en : '',
        measureText: resultMeasures[poor.measure]['zh-CN'],
        measureTextEn: resultMeasures[poor.measure].en,
      },
    });
  }
  if (facts.openRectifications > 0) {
    findings.push({ reason: 'rectification_open', detail: { count: facts.openRectifications } });
  }
  return findings;
};

/** What the gate judges of a project's results as the API answers them (GET /projects/{id}/results). */
export const resultGateFactsOf = (r: {
  results: readonly { grade: ReviewGrade | null; measure: ResultMeasure; recommendedAmount: number | null }[];
  rectifications: readonly unknown[];
}): ResultGateFacts => ({
  results: r.results.map((x) => ({ grade: x.grade, measure: x.measure, recommendedAmount: x.recommendedAmount })),
  openRectifications: r.rectifications.length,
});
