/**
 * Date targets (完成时间, 时效指标): real tables write "≤ 2027-11-30", "9月前", "11月底前完成" or
 * "2027年12月", and they are compared as dates (docs/domain/submission.md, "Date targets"). This reads
 * such a value into the last calendar day it allows, as `YYYY-MM-DD`; the year comes from the
 * target's fiscal year when the text has none. Anything it cannot read is null, never a guess.
 */

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
const endOfMonth = (year: number, month: number) => iso(year, month, lastDay(year, month));

const validDay = (year: number, month: number, day: number) =>
  month >= 1 && month <= 12 && day >= 1 && day <= lastDay(year, month);

/** An operator some tables repeat inside the value; the row's own operator is what counts. */
const leadingOperator = /^(?:≤|≥|<=|>=|＜=|＞=|<|>|＜|＞|=|＝)\s*/u;
/** Words after the date that do not change it: 完成, 前完成, 之前, 以前, 底前 … */
const trailing = /(?:之前|以前|前)?(?:完成|完工|办结)?$/u;

const quarterNumbers: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

export const targetDate = (value: string, fiscalYear: number): string | null => {
  const text = value.trim().replace(leadingOperator, '').replace(/\s+/gu, '');
  if (!text) return null;
  // "前" alone ("9月前") means before that month begins; "底前"/"末前" means by its end.
  const before = /(?<!底|末)(?:之前|以前|前)(?:完成|完工|办结)?$/u.test(text);
  const core = text.replace(trailing, '');

  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/u.exec(core) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/u.exec(core);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDay(y, mo, d) ? iso(y, mo, d) : null;
  }
  m = /^(\d{1,2})月(\d{1,2})日$/u.exec(core);
  if (m) {
    const [mo, d] = [Number(m[1]), Number(m[2])];
    return validDay(fiscalYear, mo, d) ? iso(fiscalYear, mo, d) : null;
  }
  m = /^(?:(\d{4})(?:年|[-/.]))?(\d{1,2})月?(?:份)?(底|末)?$/u.exec(core);
  if (m && (m[1] || core.includes('月'))) {
    const year = m[1] ? Number(m[1]) : fiscalYear;
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    if (before && !m[3]) return month === 1 ? endOfMonth(year - 1, 12) : endOfMonth(year, month - 1);
    return endOfMonth(year, month);
  }
  m = /^(?:(\d{4})年)?(?:年底|年末|年内|年度内|本年度)$/u.exec(core);
  if (m) return iso(m[1] ? Number(m[1]) : fiscalYear, 12, 31);
  // 第 is often left out: "三季度末", "四季度".
  m = /^(?:(\d{4})年)?第?([一二三四1-4])季度(末)?$/u.exec(core);
  if (m) {
    const year = m[1] ? Number(m[1]) : fiscalYear;
    const quarter = quarterNumbers[m[2]!]!;
    if (before && !m[3]) return quarter === 1 ? endOfMonth(year - 1, 12) : endOfMonth(year, (quarter - 1) * 3);
    return endOfMonth(year, quarter * 3);
  }
  return null;
};
