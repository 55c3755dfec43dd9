import * as v from 'valibot';
import type { Language, Localized } from '#core/language.ts';
import type { FieldError } from '#core/problem.ts';
import { settingsVersion } from '#core/schema-parts.ts';
import { type ReviewGrade, reviewGradeCodes, reviewGrades } from '#core/submission/performance-target.ts';
import { fen } from '#core/submission/project.ts';
import { type SubmissionConfig, submissionConfig } from '#core/submission/submission-config.ts';
import { targetWeights, weightSettingsErrors } from '#core/submission/target-weights.ts';

/**
 * The submission settings of a fiscal year (docs/domain/submission.md, "Settings of the year"): the
 * target weights, the amount from which a new project needs an ex-ante assessment, and the final
 * grades that let a project into the budget. One record per tenant and year, kept by the
 * performance section; the defaults (`submissionConfig`) hold until it saves its own.
 */
export const settingsFields = {
  weights: targetWeights,
  /** Integer fen: a new project whose annual funds reach it needs an ex-ante assessment. */
  exAnteThresholdFen: fen,
  /** Grade codes, best first; the rules below say which lists make sense. */
  passingGrades: v.pipe(v.array(v.picklist(reviewGradeCodes)), v.maxLength(reviewGradeCodes.length)),
};

export const saveSubmissionSettings = v.strictObject({ version: settingsVersion, ...settingsFields });
export type SaveSubmissionSettings = v.InferOutput<typeof saveSubmissionSettings>;

export const submissionSettings = v.object({
  fiscalYear: v.number(),
  ...settingsFields,
  /** 0 when nothing has been saved for the year and these are the defaults. */
  version: v.number(),
});
export type SubmissionSettings = v.InferOutput<typeof submissionSettings>;
export type SettingsValues = Pick<SubmissionSettings, 'weights' | 'exAnteThresholdFen' | 'passingGrades'>;

export const defaultSettingsValues: SettingsValues = {
  weights: submissionConfig.weights,
  exAnteThresholdFen: submissionConfig.exAnteThresholdFen,
  passingGrades: [...submissionConfig.passingGrades] as ReviewGrade[],
};

/** The configuration every check of a project or target of that year runs with. */
export const configOf = (settings: SettingsValues, config: SubmissionConfig = submissionConfig): SubmissionConfig => ({
  ...config,
  weights: settings.weights,
  exAnteThresholdFen: settings.exAnteThresholdFen,
  passingGrades: settings.passingGrades,
});

const gradeList = (grades: readonly string[], language: Language) =>
  grades.map((g) => reviewGrades[g as ReviewGrade]?.[language] ?? g).join(language === 'zh-CN' ? '、' : ', ');

const messages = {
  passing_grades_empty: () => ({
    'zh-CN': '至少选择一个准予纳入预算的等级',
    en: 'Choose at least one grade that lets a project into the budget',
  }),
  passing_grades_order: () => ({
    'zh-CN': `准予纳入预算的等级应按 ${gradeList(reviewGradeCodes, 'zh-CN')} 的顺序排列，且不重复`,
    en: `The passing grades must be listed in the order ${gradeList(reviewGradeCodes, 'en')}, each once`,
  }),
  passing_grades_gap: (missing: string[]) => ({
    'zh-CN': `比准入等级更好的等级也应准予纳入预算（缺少 ${gradeList(missing, 'zh-CN')}）`,
    en: `A grade better than a passing one must pass too (${gradeList(missing, 'en')} is missing)`,
  }),
  passing_grades_poor: () => ({
    'zh-CN': '评为差的项目不予通过（财预〔2015〕88号），不能准予纳入预算',
    en: 'A project graded Poor is rejected (财预〔2015〕88号) and cannot pass into the budget',
  }),
  ex_ante_threshold_zero: () => ({
    'zh-CN': '事前评估金额标准应大于 0 万元',
    en: 'The ex-ante assessment threshold must be more than 0 万元',
  }),
} satisfies Record<string, (...args: never[]) => Localized>;

const error = (pointer: string, code: keyof typeof messages, message: Localized, language: Language): FieldError => ({
  pointer,
  code,
  message: message[language],
});

/**
 * The rules of a year's settings past their schema, for the screen and the API alike: the weights
 * make their total; the threshold is an amount (0 would send every new project to assessment,
 * which is the major-project rule's job, so it is refused as a slip); the passing grades are
 * listed best first, each once, without a gap below 优 (a project graded better than a passing one
 * passes too) and without 差, which rejects the project under 财预〔2015〕88号.
 */
export const submissionSettingsErrors = (s: SettingsValues, language: Language): FieldError[] => {
  const errors = [...weightSettingsErrors(s.weights, language)];
  if (s.exAnteThresholdFen <= 0) {
    errors.push(error('/exAnteThresholdFen', 'ex_ante_threshold_zero', messages.ex_ante_threshold_zero(), language));
  }
  const grades = s.passingGrades;
  const ranks = grades.map((g) => reviewGradeCodes.indexOf(g));
  if (grades.length === 0) {
    errors.push(error('/passingGrades', 'passing_grades_empty', messages.passing_grades_empty(), language));
  } else if (ranks.some((rank, i) => i > 0 && rank <= (ranks[i - 1] ?? -1))) {
    errors.push(error('/passingGrades', 'passing_grades_order', messages.passing_grades_order(), language));
  } else {
    const worst = Math.max(...ranks);
    const missing = reviewGradeCodes.slice(0, worst + 1).filter((g) => !grades.includes(g));
    if (missing.length > 0) {
      errors.push(error('/passingGrades', 'passing_grades_gap', messages.passing_grades_gap(missing), language));
    }
  }
  if (grades.includes('POOR')) {
    errors.push(error('/passingGrades', 'passing_grades_poor', messages.passing_grades_poor(), language));
  }
  return errors;
};
