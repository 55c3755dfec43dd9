import type { Language, Localized } from '#core/language.ts';

/**
 * The words of the self-evaluation rules and warnings (docs/domain/self-evaluation.md, "Rules of a
 * self-evaluation"), in Chinese and English, keyed by the codes the screens and the API share.
 */
type Requirement = Record<string, unknown>;

const level1Names: Record<string, Localized> = {
  OUTPUT: { 'zh-CN': '产出', en: 'output' },
  BENEFIT: { 'zh-CN': '效益', en: 'benefit' },
  SATISFACTION: { 'zh-CN': '满意度', en: 'satisfaction' },
};
const split = (r: Requirement, key: string, language: Language) =>
  Object.entries((r[key] ?? {}) as Record<string, number>)
    .map(([level1, points]) => `${level1Names[level1]?.[language] ?? level1} ${points}`)
    .join(' / ');
const band = (r: Requirement): Localized =>
  r.maxInclusive
    ? { 'zh-CN': `${r.min} 至 ${r.max}`, en: `${r.min} to ${r.max}` }
    : { 'zh-CN': `${r.min} 至 ${r.max}（不含 ${r.max}）`, en: `${r.min} to below ${r.max}` };

const messages: Record<string, (r: Requirement, language: Language) => Localized> = {
  row_not_filled: () => ({
    'zh-CN': '请填写实际完成值（不适用的指标请标为不适用并说明理由）',
    en: 'Write the actual (or mark the row not applicable and say why)',
  }),
  money_required: () => ({
    'zh-CN': '请填写全年预算数和全年执行数，以计算预算执行率',
    en: 'Give the annual budget and the amount executed, so the execution rate can be worked out',
  }),
  not_applicable_reason_required: () => ({
    'zh-CN': '标为不适用的指标须说明理由',
    en: 'Say why the row does not apply',
  }),
  tier_required: () => ({ 'zh-CN': '请选择达成档次', en: 'Choose a tier' }),
  tier_score_required: (r) => ({
    'zh-CN': `请在档次范围内打分：${band(r)['zh-CN']}`,
    en: `Give a score within the tier: ${band(r).en}`,
  }),
  tier_score_out_of_band: (r) => ({
    'zh-CN': `得分 ${r.score} 不在所选档次范围内，应在 ${band(r)['zh-CN']}`,
    en: `The score ${r.score} is outside the tier: it must lie from ${band(r).en}`,
  }),
  tier_score_decimals: (r) => ({
    'zh-CN': `得分最多保留 ${r.decimals} 位小数`,
    en: `A score has at most ${r.decimals} decimals`,
  }),
  not_computable_reason_required: (r) => ({
    'zh-CN': `实际值不是以“${r.unit}”计的数值，无法按公式计分：须说明原因并按档次评分`,
    en: `The actual is not a number in ${r.unit}, so no formula applies: say why and score it by tier`,
  }),
  over_explanation_required: (r) => ({
    'zh-CN': `实际值达到目标值的 ${r.pct}%（${r.min}% 及以上），须说明超额完成的原因`,
    en: `The actual is ${r.pct}% of the target (${r.min}% or more): explain the over-achievement`,
  }),
  deviation_reasons_required: () => ({
    'zh-CN': '未完成目标或未得满分，须填写偏差原因',
    en: 'The target is missed or the row is below full marks: give the reasons',
  }),
  improvement_measures_required: () => ({
    'zh-CN': '未完成目标或未得满分，须填写改进措施',
    en: 'The target is missed or the row is below full marks: give the improvement measures',
  }),
  deduction_reason_required: () => ({
    'zh-CN': '扣分须说明理由',
    en: 'Give the reason for the deduction',
  }),
  weights_departed: (r, language) => ({
    'zh-CN': `指标分值（${split(r, 'actual', language)}）与本年度默认（${split(r, 'expected', language)}）不同，请审核时关注`,
    en: `The weights (${split(r, 'actual', language)}) depart from this year's defaults (${split(r, 'expected', language)}): for the reviewer`,
  }),
  money_total_not_sum: () => ({
    'zh-CN': '资金总额行不等于各资金来源之和',
    en: 'The money total is not the sum of its sources',
  }),
};

export const describeSelfEvaluation = (code: string, language: Language, requirement: Requirement = {}): string =>
  (messages[code]?.(requirement, language) ?? { 'zh-CN': code, en: code })[language];
