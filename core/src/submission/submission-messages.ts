import type { Language } from '#core/language.ts';
import { describe } from '#core/validation.ts';

/**
 * The words of the submission rules that are not schema messages (target rules, their warnings,
 * the budget gate, the year's weights), in Chinese and English. Everything else falls back to the
 * shared validation messages, so a code reads the same wherever it is shown.
 */
type Requirement = Record<string, unknown> | undefined;
const level1Names: Record<string, [string, string]> = {
  OUTPUT: ['产出', 'output'],
  BENEFIT: ['效益', 'benefit'],
  SATISFACTION: ['满意度', 'satisfaction'],
};
const split = (r: Requirement, key: string) =>
  Object.entries((r?.[key] ?? {}) as Record<string, number>).map(([level1, points]) => ({
    zh: `${level1Names[level1]?.[0] ?? level1} ${points}`,
    en: `${level1Names[level1]?.[1] ?? level1} ${points}`,
  }));
const list = (r: Requirement, key: string, language: Language) =>
  split(r, key)
    .map((s) => (language === 'zh-CN' ? s.zh : s.en))
    .join(language === 'zh-CN' ? ' / ' : ' / ');

/** Fen as 万元, exactly (no rounding), grouped by thousands, as the web app's formatWan writes it. */
export const wan = (fen: unknown): string => {
  const n = Number(fen);
  if (!Number.isSafeInteger(n)) return String(fen);
  const whole = Math.floor(n / 1_000_000);
  const fraction = String(n % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/u, '');
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
};
const day = (iso: unknown) => String(iso ?? '').slice(0, 10);

const messages: Record<string, (r: Requirement, language: Language) => Record<Language, string>> = {
  numeric_or_date_value: () => ({
    'zh-CN': '定量指标的指标值应为数字或日期（如 2027-11-30、9月前、11月底前完成）',
    en: 'A quantitative value must be a number or a date (e.g. 2027-11-30, 9月前, 11月底前完成)',
  }),
  weights_total: (r) => ({
    'zh-CN': `年度指标权重合计应为 ${r?.expected} 分（另有预算执行率 ${r?.budgetExecution} 分，共 ${r?.total} 分；当前 ${r?.sum} 分）`,
    en: `Annual indicator weights must add up to ${r?.expected} (plus ${r?.budgetExecution} for budget execution, ${r?.total} in all; now ${r?.sum})`,
  }),
  weights_reason_required: (r, language) => ({
    'zh-CN': `权重（${list(r, 'actual', language)}）与本年度默认（${list(r, 'expected', language)}）不同，须填写调整理由`,
    en: `The weights (${list(r, 'actual', language)}) depart from this year's defaults (${list(r, 'expected', language)}): give a reason`,
  }),
  weights_departed: (r, language) => ({
    'zh-CN': `权重与本年度默认不同：${list(r, 'actual', language)}（默认 ${list(r, 'expected', language)}）。理由：${r?.reason}`,
    en: `Weights depart from this year's defaults: ${list(r, 'actual', language)} (default ${list(r, 'expected', language)}). Reason: ${r?.reason}`,
  }),
  money_as_output: () => ({
    'zh-CN': '资金（万元、元）是投入，不宜作为产出指标；请改为实际完成的工作量或放在成本指标下',
    en: 'Money (万元, 元) is an input, not an output: state the work done instead, or put it under cost',
  }),
  weights_settings_total: (r) => ({
    'zh-CN': `产出、效益、满意度和预算执行率之和应等于总分（当前 ${r?.sum} 分，总分 ${r?.total} 分）`,
    en: `Output, benefit, satisfaction and budget execution must add up to the total (now ${r?.sum}, total ${r?.total})`,
  }),
  targets_not_approved: () => ({ 'zh-CN': '绩效目标尚未终审通过', en: 'The targets are not final-approved' }),
  grade_not_passing: () => ({
    'zh-CN': '绩效目标终审等级不是优或良',
    en: 'The targets were not graded Excellent or Good',
  }),
  ex_ante_missing: () => ({
    'zh-CN': '该项目须开展事前绩效评估，尚无评估结论',
    en: 'The project needs an ex-ante assessment and has no conclusion yet',
  }),
  ex_ante_rejected: () => ({
    'zh-CN': '事前绩效评估结论为不予支持',
    en: 'The ex-ante assessment concluded: do not support',
  }),
  targets_not_revised: (r) => ({
    'zh-CN': `事前评估结论为“调整完善后予以支持”（${day(r?.concludedAt)}），此后须有一版绩效目标终审通过`,
    en: `The ex-ante assessment concluded "support after adjustment" (${day(r?.concludedAt)}): a version of the targets must be final-approved after that`,
  }),
  above_recommended_amount: (r) => ({
    'zh-CN': `预算金额 ${wan(r?.budgeted)} 万元超过事前评估建议金额 ${wan(r?.recommended)} 万元，须填写超出理由`,
    en: `The budget of ${wan(r?.budgeted)} 万元 is above the ex-ante assessment's recommended ${wan(r?.recommended)} 万元: give a reason`,
  }),
  already_budgeted: () => ({ 'zh-CN': '该项目已纳入预算', en: 'The project is already in the budget' }),
};

export const describeSubmission = (code: string, language: Language, requirement?: unknown): string => {
  const message = messages[code];
  return message ? message(requirement as Requirement, language)[language] : describe(code, language, requirement);
};
