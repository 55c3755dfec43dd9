import type { ResultFacts } from '#core/results-application/result-application.ts';
import { type MeasureTerms, type ResultMeasure, recommendedAmount } from '#core/results-application/result-measure.ts';
import type { PolicyRules } from '#core/results-application/results-policy.ts';

export interface Proposal {
  measure: ResultMeasure;
  pct: number | null;
  amountFen: number | null;
  /** Next year's recommended amount (fen); null where there is no amount (a department). */
  recommendedAmount: number | null;
}

const amountAfter = (facts: Pick<ResultFacts, 'amount'>, terms: MeasureTerms): number | null =>
  facts.amount === null ? null : recommendedAmount(facts.amount, terms);

/**
 * What the bureau proposes for one result (docs/domain/results-application.md#proposals-and-decisions): a disposition's own measure
 * where monitoring ordered one, otherwise the year's policy for the grade; no grade and no order, no proposal.
 */
export const proposal = (facts: ResultFacts, rules: PolicyRules): Proposal | null => {
  if (facts.orderedMeasure) {
    const terms: MeasureTerms = { measure: facts.orderedMeasure, amountFen: facts.orderedAmountFen };
    return {
      measure: facts.orderedMeasure,
      pct: null,
      amountFen: facts.orderedAmountFen,
      recommendedAmount: amountAfter(facts, terms),
    };
  }
  if (!facts.grade) return null;
  const rule = rules[facts.grade];
  return {
    measure: rule.measure,
    pct: rule.pct ?? null,
    amountFen: rule.amountFen ?? null,
    recommendedAmount: amountAfter(facts, rule),
  };
};

/**
 * Whether a decided measure departs from the proposal: another measure, or the same cut by another percentage or amount.
 * A departure needs its reason and is flagged wherever the record is shown.
 */
export const departsFrom = (decided: MeasureTerms, proposed: Proposal | null): boolean =>
  proposed !== null &&
  (decided.measure !== proposed.measure ||
    (decided.measure === 'REDUCE_PCT' && (decided.pct ?? null) !== proposed.pct) ||
    (decided.measure === 'REDUCE_AMOUNT' && (decided.amountFen ?? null) !== proposed.amountFen));

/** The decided measure's recommended amount, as the proposal computes it. */
export const decidedAmount = (facts: Pick<ResultFacts, 'amount'>, decided: MeasureTerms): number | null =>
  amountAfter(facts, decided);
