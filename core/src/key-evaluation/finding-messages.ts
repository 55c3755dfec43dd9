import type { Language } from '#core/language.ts';
import { describe } from '#core/validation.ts';

type Message = () => Record<Language, string>;

/**
 * Messages of the issue summary and the exchange of opinions
 * (docs/domain/key-evaluation.md#findings-and-the-exchange-of-opinions); a code not here falls back to the shared
 * catalogue.
 */
const messages: Record<string, Message> = {
  evidence_not_in_engagement: () => ({
    'zh-CN': '佐证须为本评价项目的现场记录、照片或评价指标',
    en: "Evidence must be this engagement's field records, photos or indicators",
  }),
  findings_none: () => ({
    'zh-CN': '问题汇总表中尚无问题，无法发送征求意见',
    en: 'The issue summary has no findings to send',
  }),
  due_date_past: () => ({ 'zh-CN': '反馈期限不能早于今天', en: 'The reply date cannot be before today' }),
  answer_missing: () => ({ 'zh-CN': '请对该问题逐条反馈意见', en: 'Answer this finding' }),
  answer_explanation_required: () => ({
    'zh-CN': '部分同意或不同意时须说明理由',
    en: 'Explain a partial agreement or a disagreement',
  }),
  finding_not_in_engagement: () => ({
    'zh-CN': '该问题不属于本评价项目',
    en: 'This finding is not part of the engagement',
  }),
  answers_submitted: () => ({
    'zh-CN': '反馈意见已提交，不能再修改',
    en: 'The answers are submitted and can no longer change',
  }),
  answers_not_submitted: () => ({
    'zh-CN': '被评价部门尚未提交反馈意见，反馈期限届满前不能结束意见交换',
    en: 'The department has not submitted its answers and the reply date has not passed',
  }),
  late_note_required: () => ({
    'zh-CN': '被评价部门逾期未反馈，结束意见交换须说明情况',
    en: 'The department did not answer by the reply date: say so in a note to close',
  }),
  handling_missing: () => ({
    'zh-CN': '请记录对该条反馈意见的处理情况',
    en: 'Record how this answer was handled',
  }),
  answer_not_found: () => ({
    'zh-CN': '被评价部门未对该问题提交反馈意见',
    en: 'The department submitted no answer to this finding',
  }),
};

export const describeFinding = (code: string, language: Language, requirement: Record<string, unknown> = {}) =>
  messages[code]?.()[language] ?? describe(code, language, requirement);
