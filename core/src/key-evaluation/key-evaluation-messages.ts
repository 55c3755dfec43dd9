import type { Language } from '#core/language.ts';
import { describe } from '#core/validation.ts';

type Message = (requirement: Record<string, unknown>) => Record<Language, string>;

/**
 * Messages of the key evaluation's later steps and its papers (docs/domain/key-evaluation.md). Each part of the
 * conclusion adds its own codes in its own block; a code not here falls back to the shared catalogue.
 */
const messages: Record<string, Message> = {
  // the lock (docs/domain/key-evaluation.md#the-lock)
  papers_under_review: () => ({
    'zh-CN': '报告正在复核或审核中，底稿不能修改；如需修改，请复核人退回',
    en: 'The report is under review: the papers cannot change until a reviewer returns it',
  }),
  papers_not_started: () => ({
    'zh-CN': '评价方案批准后方可编制底稿',
    en: 'Papers are written once the work plan is approved',
  }),
  // the reviews (docs/domain/key-evaluation.md#from-findings-to-the-archive)
  not_reviewer: () => ({
    'zh-CN': '只有受托机构的负责人可以签署复核',
    en: "Only the commissioned agency's leads sign its review",
  }),
  reviewer_signed_earlier_level: () => ({
    'zh-CN': '您已签署本轮较低一级的复核，三级复核须由不同人员签署',
    en: 'You signed an earlier level of this round: the three levels are signed by different people',
  }),
  amendment_reason_required: () => ({
    'zh-CN': '报告定稿后的更正须说明理由',
    en: 'A correction after the final report needs a reason',
  }),
};

export const describeKeyEvaluation = (code: string, language: Language, requirement: Record<string, unknown> = {}) =>
  messages[code]?.(requirement)[language] ?? describe(code, language, requirement);
