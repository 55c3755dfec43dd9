/**
 * Inferred fieldwork rules (docs/domain/fieldwork.md#configurable-defaults): data, not code, so a bureau can
 * change them. An engagement copies the defaults when it is opened and may override them.
 */
export const fieldworkDefaults = {
  /** A fix worse than this (browser accuracy is a 95 % radius, in metres) is flagged on the record. */
  gpsAccuracyLimitMetres: 50,
  /** Photos are downscaled on the device so the longer side is at most this many pixels. */
  photoMaxPixels: 1600,
  photoJpegQuality: 0.8,
  /** What one photo may weigh after downscaling. */
  photoMaxBytes: 5 * 1024 * 1024,
  /** Level-1 weights of a key evaluation (决策/过程/产出/效益); the common default 20/20/30/30. */
  weights: { DECISION: 20, PROCESS: 20, OUTPUT: 30, BENEFIT: 30 },
  /** Fewer valid responses than this and a questionnaire's result is flagged, not used (docs/domain/fieldwork.md#survey-summary-and-minimum-sample). */
  surveyMinimumSample: 30,
  /** Likert weights for 非常满意 … 非常不满意 (the survey summary's score version). */
  likertWeights: [100, 80, 60, 40, 20],
} as const;

export type EvaluationLevel1 = keyof typeof fieldworkDefaults.weights;
export const evaluationLevel1Codes = ['DECISION', 'PROCESS', 'OUTPUT', 'BENEFIT'] as const satisfies EvaluationLevel1[];
