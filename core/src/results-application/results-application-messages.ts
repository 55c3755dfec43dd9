import type { Language } from '#core/language.ts';
import { wan } from '#core/submission/submission-messages.ts';
import { describe } from '#core/validation.ts';

type Detail = Record<string, unknown> | undefined;

/** The words of the results-application rules (the policy, decisions, the budget gate's result reasons), zh and en. */
const messages: Record<string, (d: Detail) => Record<Language, string>> = {
  pct_required: () => ({
    'zh-CN': '按比例压减须填写压减比例（大于0）',
    en: 'A percentage cut needs its percentage (above 0)',
  }),
  pct_not_taken: () => ({ 'zh-CN': '只有按比例压减填写比例', en: 'Only a percentage cut takes a percentage' }),
  pct_decimals: () => ({ 'zh-CN': '比例最多两位小数', en: 'At most two decimals' }),
  amount_required: () => ({
    'zh-CN': '定额压减须填写压减金额（大于0）',
    en: 'A cut by an amount needs the amount (above 0)',
  }),
  amount_not_taken: () => ({ 'zh-CN': '只有定额压减填写金额', en: 'Only a cut by an amount takes an amount' }),
  departure_reason_required: () => ({
    'zh-CN': '所选措施与本年度结果应用政策不一致，须说明理由',
    en: "The measure departs from the year's policy: give a reason",
  }),
  reference_not_found: () => ({ 'zh-CN': '所选评价记录不存在', en: 'No such evaluation record' }),
  not_evaluated: () => ({
    'zh-CN': '该评价尚无可应用的结果（未定稿或未终审）',
    en: 'The evaluation has no result to apply yet (not final)',
  }),
  above_results_recommendation: (d) => ({
    'zh-CN': `预算金额 ${wan(d?.budgeted)} 万元超过上年度评价结果建议金额 ${wan(d?.recommended)} 万元，须由绩效科填写理由`,
    en: `The budget of ${wan(d?.budgeted)} 万元 is above the ${wan(d?.recommended)} 万元 the last year's evaluation result recommends: the performance section must give a reason`,
  }),
  predecessor_poor: (d) => ({
    'zh-CN': `上年度评价结果为${String(d?.gradeText ?? '差')}（${String(d?.measureText ?? '')}），纳入预算须由绩效科填写理由`,
    en: `Last year's result was ${String(d?.gradeTextEn ?? 'Poor')} (${String(d?.measureTextEn ?? '')}): the performance section must give a reason`,
  }),
  rectification_open: (d) => ({
    'zh-CN': `上年度项目尚有 ${String(d?.count ?? 1)} 项整改未完成，纳入预算须由绩效科填写理由`,
    en: `Last year's project still has ${String(d?.count ?? 1)} open rectification(s): the performance section must give a reason`,
  }),
};

export const describeResults = (code: string, language: Language, detail?: Detail): string => {
  const message = messages[code];
  return message ? message(detail)[language] : describe(code, language, detail);
};
