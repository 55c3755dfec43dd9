import * as v from 'valibot';
import type { Level1 } from '#core/indicator-library/framework.ts';
import type { Language } from '#core/language.ts';
import type { FieldError } from '#core/problem.ts';
import { fiscalYearParams, settingsVersion } from '#core/schema-parts.ts';
import { describeSubmission } from '#core/submission/submission-messages.ts';

/**
 * The points each level-1 category carries in self-evaluation, kept by the performance section per
 * tenant and fiscal year (docs/domain/submission.md, "Weights"). 财预〔2020〕10号 gives 50/30/10 plus 10
 * for budget execution "in principle" and allows adjustment in special cases, so these are defaults a
 * project may depart from with a reason; only the configured total is a hard rule.
 */
const points = v.pipe(v.number(), v.integer('integer'), v.minValue(0), v.maxValue(100));

export const targetWeights = v.strictObject({
  OUTPUT: points,
  BENEFIT: points,
  SATISFACTION: points,
  /** 预算执行率: scored from the money, not from an indicator row (宁夏 gives it 0, 湖北 20). */
  budgetExecution: points,
  /** What a self-evaluation adds up to; the four above must make it. */
  total: v.pipe(v.number(), v.integer('integer'), v.minValue(1), v.maxValue(1000)),
});
export type TargetWeights = v.InferOutput<typeof targetWeights>;

/** 财预〔2020〕10号 and 财预〔2015〕88号's tables: output 50, benefit 30, satisfaction 10, budget execution 10. */
export const defaultTargetWeights: TargetWeights = {
  OUTPUT: 50,
  BENEFIT: 30,
  SATISFACTION: 10,
  budgetExecution: 10,
  total: 100,
};

/** The one rule of a year's weights: the four parts make the total (checked by the form and the API alike). */
export const weightSettingsErrors = (w: TargetWeights, language: Language): FieldError[] => {
  const sum = w.OUTPUT + w.BENEFIT + w.SATISFACTION + w.budgetExecution;
  return sum === w.total
    ? []
    : [
        {
          pointer: '/weights/total',
          code: 'weights_settings_total',
          message: describeSubmission('weights_settings_total', language, { sum, total: w.total }),
        },
      ];
};

/** What the indicator rows of one target must carry between them: the total less budget execution. */
export const indicatorPoints = (w: TargetWeights): number => w.total - w.budgetExecution;

export const weightsOf = (w: TargetWeights): Record<Level1, number> => ({
  OUTPUT: w.OUTPUT,
  BENEFIT: w.BENEFIT,
  SATISFACTION: w.SATISFACTION,
});

export const weightSettingsParams = fiscalYearParams;

export const saveWeightSettings = v.strictObject({ version: settingsVersion, weights: targetWeights });
export type SaveWeightSettings = v.InferOutput<typeof saveWeightSettings>;

export const weightSettings = v.object({
  fiscalYear: v.number(),
  weights: targetWeights,
  /** 0 when nothing has been saved for the year and these are the defaults. */
  version: v.number(),
});
export type WeightSettings = v.InferOutput<typeof weightSettings>;
