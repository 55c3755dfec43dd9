import * as v from 'valibot';
import type { Language } from '#core/language.ts';
import type { FieldError } from '#core/problem.ts';
import { type MeasureTerms, resultMeasureCodes } from '#core/results-application/result-measure.ts';
import { describeResults } from '#core/results-application/results-application-messages.ts';
import { settingsVersion } from '#core/schema-parts.ts';
import { type ReviewGrade, reviewGradeCodes } from '#core/submission/performance-target.ts';
import { fen } from '#core/submission/project.ts';

/**
 * The results-application policy of a tenant and fiscal year (docs/domain/results-application.md#the-policy): for each
 * grade the measure the bureau proposes, with its percentage or amount. 财预〔2020〕10号 and 中发〔2018〕34号 make
 * results a basis of next year's budget; the defaults are the common local four-tier linkage.
 */
export const pct = v.pipe(
  v.number(),
  v.minValue(0),
  v.maxValue(100),
  // Two decimals at most (10.25 %), so the cut is an exact fraction of hundredths.
  v.check((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'pct_decimals'),
);

export const policyRule = v.strictObject({
  measure: v.picklist(resultMeasureCodes),
  pct: v.optional(v.nullable(pct), null),
  amountFen: v.optional(v.nullable(fen), null),
});
export type PolicyRule = v.InferOutput<typeof policyRule>;

export const policyRules = v.strictObject({
  EXCELLENT: policyRule,
  GOOD: policyRule,
  FAIR: policyRule,
  POOR: policyRule,
});
export type PolicyRules = Record<ReviewGrade, PolicyRule>;

/** 优 priority support, 良 guaranteed, 中 cut by 10 %, 差 cancelled (recommended amount 0). */
export const defaultPolicyRules: PolicyRules = {
  EXCELLENT: { measure: 'SUPPORT', pct: null, amountFen: null },
  GOOD: { measure: 'KEEP', pct: null, amountFen: null },
  FAIR: { measure: 'REDUCE_PCT', pct: 10, amountFen: null },
  POOR: { measure: 'STOP', pct: null, amountFen: null },
};

export const resultsPolicy = v.object({
  fiscalYear: v.number(),
  rules: policyRules,
  /** 0 while the year uses the defaults. */
  version: v.number(),
});
export type ResultsPolicy = v.InferOutput<typeof resultsPolicy>;

export const saveResultsPolicy = v.strictObject({ version: settingsVersion, rules: policyRules });

/** What a rule needs besides its measure: a percentage for REDUCE_PCT, an amount for REDUCE_AMOUNT, nothing else. */
export const termsErrors = (terms: MeasureTerms, at: string, language: Language): FieldError[] => {
  const errors: FieldError[] = [];
  const error = (field: string, code: string) =>
    errors.push({ pointer: `${at}/${field}`, code, message: describeResults(code, language) });
  if (terms.measure === 'REDUCE_PCT' && (terms.pct === null || terms.pct === undefined || terms.pct <= 0))
    error('pct', 'pct_required');
  if (terms.measure !== 'REDUCE_PCT' && terms.pct != null) error('pct', 'pct_not_taken');
  if (terms.measure === 'REDUCE_AMOUNT' && !(terms.amountFen && terms.amountFen > 0))
    error('amountFen', 'amount_required');
  if (terms.measure !== 'REDUCE_AMOUNT' && terms.amountFen != null) error('amountFen', 'amount_not_taken');
  return errors;
};

export const policyErrors = (rules: PolicyRules, language: Language): FieldError[] =>
  reviewGradeCodes.flatMap((grade) => termsErrors(rules[grade], `/rules/${grade}`, language));
