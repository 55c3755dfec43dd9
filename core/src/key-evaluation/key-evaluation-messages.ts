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
  amendment_reason_required: () => ({
    'zh-CN': '报告定稿后的更正须说明理由',
    en: 'A correction after the final report needs a reason',
  }),
};

export const describeKeyEvaluation = (code: string, language: Language, requirement: Record<string, unknown> = {}) =>
  messages[code]?.(requirement)[language] ?? describe(code, language, requirement);
