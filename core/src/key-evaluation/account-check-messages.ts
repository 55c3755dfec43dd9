import type { Language } from '#core/language.ts';
import { describe } from '#core/validation.ts';

type Message = (requirement: Record<string, unknown>) => Record<Language, string>;

/**
 * Messages of the account check (docs/domain/key-evaluation.md#the-account-check): the check's rules, the sample and
 * the import of a payment list, each row's error naming its line and column. A code not here falls back to the
 * shared catalogue.
 */
const messages: Record<string, Message> = {
  account_check_abnormal_unmarked: () => ({
    'zh-CN': '有一项核查结果为“异常”，该笔支付应标为异常',
    en: 'One of the checks is abnormal, so the payment must be marked abnormal',
  }),
  account_check_explanation_required: () => ({
    'zh-CN': '异常支付须填写情况说明',
    en: 'An abnormal payment needs an explanation',
  }),
  account_check_finding_repeated: () => ({
    'zh-CN': '同一问题不能重复关联',
    en: 'A finding is linked twice',
  }),
  account_check_finding_unknown: () => ({
    'zh-CN': '关联的问题不在本评价的问题汇总表中',
    en: "A linked finding is not in this evaluation's issue summary",
  }),
  account_check_not_sampled: () => ({
    'zh-CN': '该笔支付不在当前样本中，先抽样（或在支付清单变更后重新抽样）再核查',
    en: 'This payment is not in the current sample: draw the sample (again, if the list changed since) before checking it',
  }),
  account_check_no_payments: () => ({
    'zh-CN': '还没有支付记录：先导入或录入支付清单，再抽样',
    en: 'There are no payments yet: import or enter the payment list before drawing the sample',
  }),
  account_check_too_many_payments: (r) => ({
    'zh-CN': `每项评价最多 ${r.limit} 笔支付，本次之后将有 ${r.count} 笔；请核对清单，未导入任何数据`,
    en: `An evaluation holds at most ${r.limit} payments; this would make ${r.count}. Nothing was imported`,
  }),
  account_check_file_too_large: (r) => ({
    'zh-CN': `文件超过 ${r.limit} MiB，请分成几个文件导入`,
    en: `The file is larger than ${r.limit} MiB; split it into several files`,
  }),
  account_check_base64: () => ({ 'zh-CN': '文件内容不是 base64 编码', en: 'The file is not base64-encoded' }),
  account_check_file_errors: (r) => ({
    'zh-CN': `文件中有 ${r.count} 处错误，未导入任何数据。${Number(r.listed) < Number(r.count) ? `以下列出前 ${r.listed} 处。` : ''}`,
    en: `The file has ${r.count} error(s); nothing was imported.${Number(r.listed) < Number(r.count) ? ` The first ${r.listed} are listed.` : ''}`,
  }),
  // The import's rows (each message names the line and, where there is one, the column and its header).
  import_not_text: () => ({
    'zh-CN': '文件既不是 .xlsx，也不是可识别编码（UTF-8、GB18030）的 CSV',
    en: 'The file is neither .xlsx nor a CSV in a known encoding (UTF-8, GB18030)',
  }),
  import_csv: (r) => ({
    'zh-CN': `第 ${r.line} 行：CSV 格式错误（引号未闭合或位置不对）`,
    en: `line ${r.line}: malformed CSV (a quote left open or misplaced)`,
  }),
  import_header_not_found: () => ({
    'zh-CN': '前 10 行中没有找到表头：须含“支付日期”“收款人”“金额”三列',
    en: 'No header in the first 10 lines: it needs the columns 支付日期 (payment date), 收款人 (payee) and 金额 (amount)',
  }),
  import_no_rows: () => ({ 'zh-CN': '表头下没有支付记录', en: 'There are no payments under the header' }),
  import_required: (r) => ({
    'zh-CN': `第 ${r.line} 行 ${r.column} 列（${r.header}）：不能为空`,
    en: `line ${r.line}, column ${r.column} (${r.header}): required`,
  }),
  import_date: (r) => ({
    'zh-CN': `第 ${r.line} 行 ${r.column} 列（${r.header}）：“${r.value}”不是日期（如 2026-03-15）`,
    en: `line ${r.line}, column ${r.column} (${r.header}): "${r.value}" is not a date (e.g. 2026-03-15)`,
  }),
  import_amount: (r) => ({
    'zh-CN': `第 ${r.line} 行 ${r.column} 列（${r.header}）：“${r.value}”不是金额（元，至多两位小数）`,
    en: `line ${r.line}, column ${r.column} (${r.header}): "${r.value}" is not an amount (yuan, at most two decimals)`,
  }),
  import_amount_range: (r) => ({
    'zh-CN': `第 ${r.line} 行 ${r.column} 列（${r.header}）：金额须大于 0 且不超过 100 亿元`,
    en: `line ${r.line}, column ${r.column} (${r.header}): the amount must be above 0 and at most 10 billion yuan`,
  }),
  import_too_long: (r) => ({
    'zh-CN': `第 ${r.line} 行 ${r.column} 列（${r.header}）：超过 ${r.max} 个字`,
    en: `line ${r.line}, column ${r.column} (${r.header}): longer than ${r.max} characters`,
  }),
  import_xlsx: (r) => ({ 'zh-CN': String(r.zh), en: String(r.en) }),
};

export const describeAccountCheck = (code: string, language: Language, requirement: Record<string, unknown> = {}) =>
  messages[code]?.(requirement)[language] ?? describe(code, language, requirement);
