import { describeKeyEvaluation } from '#core/key-evaluation/key-evaluation-messages.ts';
import type { Language } from '#core/language.ts';

type Message = (requirement: Record<string, unknown>) => Record<Language, string>;

const named = (requirement: Record<string, unknown>) => String(requirement.name ?? '');

/**
 * Messages of the scoring papers (docs/domain/key-evaluation.md#scoring-papers): why a row has no score, what rule 10
 * still misses before the final report, and the links a paper may not make. Other codes fall back to the key
 * evaluation's catalogue and then the shared one.
 */
const messages: Record<string, Message> = {
  indicator_standard_missing: (r) => ({
    'zh-CN': `“${named(r)}”缺少评价标准`,
    en: `“${named(r)}” has no evaluation standard`,
  }),
  indicator_evidence_missing: (r) => ({
    'zh-CN': `“${named(r)}”的底稿未关联任何证据`,
    en: `The paper of “${named(r)}” links no evidence`,
  }),
  indicator_not_scored: (r) => ({
    'zh-CN': `“${named(r)}”尚未评分`,
    en: `“${named(r)}” is not scored yet`,
  }),
  formula_zero_denominator: () => ({
    'zh-CN': '分母为零，无法计算比率：请核对录入的数据',
    en: 'The denominator is zero, so the rate cannot be computed: check the figures',
  }),
  formula_figure_invalid: () => ({
    'zh-CN': '数据应为不超过四位小数的非负数',
    en: 'A figure is a number of at most four decimals, not negative',
  }),
  satisfaction_no_survey: () => ({
    'zh-CN': '没有达到最低样本量的问卷，满意度无法计分',
    en: 'No questionnaire reached its minimum sample: satisfaction cannot be scored',
  }),
  evidence_not_in_engagement: () => ({
    'zh-CN': '只能关联本评价项目的现场记录、照片和问卷',
    en: "Only this engagement's field records, photos and questionnaires can be linked",
  }),
  paper_indicator_unknown: () => ({
    'zh-CN': '评价指标体系中没有该指标',
    en: 'The framework has no such indicator',
  }),
};

export const describeScoringPaper = (code: string, language: Language, requirement: Record<string, unknown> = {}) =>
  messages[code]?.(requirement)[language] ?? describeKeyEvaluation(code, language, requirement);
