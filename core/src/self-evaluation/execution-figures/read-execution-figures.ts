import type { Localized } from '#core/language.ts';
import type { ExecutionFigureRow } from '#core/self-evaluation/execution-figures/execution-figure.ts';
import { maxImportRows } from '#core/self-evaluation/execution-figures/execution-figure.ts';
import type { CsvProblem, TextRow } from '#core/self-evaluation/execution-figures/parse-csv.ts';
import type { MoneySource } from '#core/self-evaluation/self-evaluation-row.ts';
import { moneySources } from '#core/self-evaluation/self-evaluation-row.ts';
import { columnLetters } from '#core/self-evaluation/table-check/cell-grid.ts';
import { decimalOf, fold, scaleDecimal } from '#core/self-evaluation/table-check/table-text.ts';

/**
 * Reads the rows of a treasury or 一体化 export into execution figures (docs/domain/self-evaluation.md#execution-figures):
 * finds the header row by its words, then checks every data row and reports every bad one, each with
 * its line and column, in Chinese and English. The caller stores nothing unless the list of errors is
 * empty.
 */

export interface ImportError {
  /** The line (CSV) or row (XLSX) of the file, from 1; null for what concerns the whole file. */
  line: number | null;
  /** The column's letter (A, B, …) and its header as written; null for a whole row or file. */
  column: string | null;
  code: string;
  message: Localized;
}

export type MoneyUnit = '元' | '万元';

/** A figure read from the file, with the line it came from. */
export type ReadFigure = ExecutionFigureRow & { line: number };

export interface ReadResult {
  figures: ReadFigure[];
  errors: ImportError[];
  units: { annualBudget: MoneyUnit | null; executed: MoneyUnit };
  /** Lines read as totals (合计, 小计, 总计) and left out, so none is dropped unseen. */
  totalLines: number[];
  /** The project code's column (letter and header as written), to name it in later errors. */
  codeColumn: { letter: string; header: string } | null;
}

/**
 * The words a file names each source with, folded (full-width to half-width, no spaces). The defaults
 * follow the 自评表's money block (当年财政拨款 / 上年结转资金 / 其他资金) and the budget names an
 * export uses for an appropriation of the year (一般公共预算, 政府性基金预算, 国有资本经营预算).
 */
export type SourceVocabulary = Readonly<Record<MoneySource, readonly string[]>>;

export const defaultSourceVocabulary: SourceVocabulary = {
  FISCAL: [
    '当年财政拨款',
    '本年财政拨款',
    '财政拨款',
    '财政拨款资金',
    '一般公共预算',
    '一般公共预算拨款',
    '一般公共预算资金',
    '政府性基金预算',
    '政府性基金预算拨款',
    '政府性基金',
    '国有资本经营预算',
    '国有资本经营预算拨款',
    'FISCAL',
  ],
  CARRY_OVER: ['上年结转', '上年结转资金', '结转资金', '上年财政拨款结转', '以前年度结转', 'CARRY_OVER'],
  OTHER: ['其他资金', '其他', '其他收入', '自有资金', '单位自有资金', '事业收入', 'OTHER'],
};

const totalWords = new Set(['合计', '小计', '总计', '总合计']);

/** Header words per column, folded; the first that matches names the column. */
const headerPatterns = {
  projectCode: /项目编码|项目代码|项目编号/u,
  source: /资金来源|资金性质/u,
  annualBudget: /全年预算数|调整后预算数|变动后预算数|全年预算/u,
  executed: /全年执行数|执行数|实际支出|支出数/u,
  fiscalYear: /^(?:预算年度|财政年度|年度)/u,
} as const;
type ColumnName = keyof typeof headerPatterns;

const columnLabels: Record<ColumnName, Localized> = {
  projectCode: { 'zh-CN': '项目编码', en: 'project code' },
  source: { 'zh-CN': '资金来源', en: 'source of funds' },
  annualBudget: { 'zh-CN': '全年预算数', en: 'annual budget' },
  executed: { 'zh-CN': '全年执行数', en: 'executed amount' },
  fiscalYear: { 'zh-CN': '年度', en: 'year' },
};

/** A header row is looked for in the first lines only: a title and a note or two may stand above it. */
const headerSearchLines = 20;

const maxCodeLength = 40;
/** 10^13 fen (a hundred billion yuan) is the schema's ceiling for any amount. */
const maxFen = 10n ** 13n;

const isBlank = (row: TextRow) => row.cells.every((c) => fold(c) === '');

interface Columns {
  index: Partial<Record<ColumnName, number>>;
  headers: string[];
}

const findColumns = (row: TextRow): { columns: Columns; clashes: ImportError[] } => {
  const index: Partial<Record<ColumnName, number>> = {};
  const clashes: ImportError[] = [];
  row.cells.forEach((cell, i) => {
    const word = fold(cell);
    if (!word) return;
    for (const name of Object.keys(headerPatterns) as ColumnName[]) {
      if (!headerPatterns[name].test(word)) continue;
      // 全年预算数 holds 预算数, 全年执行数 does not hold 预算: test the budget before the executed column.
      if (name === 'executed' && headerPatterns.annualBudget.test(word)) continue;
      const earlier = index[name];
      if (earlier !== undefined) {
        clashes.push({
          line: row.line,
          column: columnLetters(i + 1),
          code: 'header_twice',
          message: {
            'zh-CN': `第 ${row.line} 行 ${columnLetters(i + 1)} 列“${cell.trim()}”与 ${columnLetters(earlier + 1)} 列同为${columnLabels[name]['zh-CN']}，无法确定读哪一列`,
            en: `line ${row.line}, column ${columnLetters(i + 1)} ("${cell.trim()}") is a second ${columnLabels[name].en} column besides column ${columnLetters(earlier + 1)}: which one to read is unclear`,
          },
        });
      } else index[name] = i;
      break;
    }
  });
  return { columns: { index, headers: row.cells }, clashes };
};

/** A header's own unit ("全年执行数（万元）"), else the one a line above the header states ("单位：万元"), else 元. */
const unitOf = (header: string, stated: MoneyUnit | undefined): MoneyUnit => {
  const own = /(万元|元)/u.exec(fold(header).replace(/^[^(（]*(?=[(（])/u, ''))?.[1] as MoneyUnit | undefined;
  return own ?? stated ?? '元';
};

/** The unit a title or note line above the header states for the whole table ("金额单位：万元"). */
const statedUnit = (lines: readonly TextRow[]): MoneyUnit | undefined => {
  for (const line of lines) {
    for (const cell of line.cells) {
      const unit = /单位[:：](万元|元)/u.exec(fold(cell))?.[1];
      if (unit) return unit as MoneyUnit;
    }
  }
  return undefined;
};

const sourceIndex = (vocabulary: SourceVocabulary): Map<string, MoneySource> => {
  const map = new Map<string, MoneySource>();
  for (const [source, words] of Object.entries(vocabulary) as [MoneySource, readonly string[]][]) {
    for (const w of words) map.set(fold(w).toUpperCase(), source);
  }
  return map;
};

/** The rows of one sheet or CSV file, read into figures of `fiscalYear`. */
export const readExecutionFigures = (
  rows: readonly TextRow[],
  fiscalYear: number,
  vocabulary: SourceVocabulary = defaultSourceVocabulary,
): ReadResult => {
  const errors: ImportError[] = [];
  const figures: ReadFigure[] = [];
  const totalLines: number[] = [];
  const fail = (error: ImportError): ReadResult => ({
    figures: [],
    errors: [error],
    units: { annualBudget: null, executed: '元' },
    totalLines: [],
    codeColumn: null,
  });

  let headerAt = -1;
  let columns: Columns | undefined;
  for (const [i, row] of rows.slice(0, headerSearchLines).entries()) {
    const found = findColumns(row);
    if (found.columns.index.projectCode !== undefined && found.columns.index.executed !== undefined) {
      if (found.clashes.length > 0) return { ...fail(found.clashes[0]!), errors: found.clashes };
      headerAt = i;
      columns = found.columns;
      break;
    }
  }
  if (!columns) {
    return fail({
      line: null,
      column: null,
      code: 'header_not_found',
      message: {
        'zh-CN': `前 ${headerSearchLines} 行中未找到表头：需要“项目编码”（或项目代码）、“资金来源”（或资金性质）和“全年执行数”（或支出数、实际支出）列`,
        en: `No header row in the first ${headerSearchLines} lines: the file needs columns 项目编码 (project code), 资金来源 (source of funds) and 全年执行数 (executed amount)`,
      },
    });
  }
  const { index, headers } = columns;
  const headerLine = rows[headerAt]!.line;
  if (index.source === undefined) {
    return fail({
      line: headerLine,
      column: null,
      code: 'source_column_missing',
      message: {
        'zh-CN': `第 ${headerLine} 行的表头没有“资金来源”（或资金性质）列`,
        en: `The header on line ${headerLine} has no 资金来源 (source of funds) column`,
      },
    });
  }
  const stated = statedUnit(rows.slice(0, headerAt));
  const units = {
    annualBudget: index.annualBudget === undefined ? null : unitOf(headers[index.annualBudget] ?? '', stated),
    executed: unitOf(headers[index.executed!] ?? '', stated),
  };

  const data = rows.slice(headerAt + 1).filter((row) => !isBlank(row));
  if (data.length > maxImportRows) {
    return fail({
      line: null,
      column: null,
      code: 'too_many_rows',
      message: {
        'zh-CN': `文件有 ${data.length} 行数据，一次最多导入 ${maxImportRows} 行，请分成几个文件导入`,
        en: `The file has ${data.length} data rows; one import takes at most ${maxImportRows}: split it into several files`,
      },
    });
  }

  const sources = sourceIndex(vocabulary);
  const seen = new Map<string, number>();
  for (const row of data) {
    const at = (name: ColumnName) => {
      const i = index[name]!;
      const header = (headers[i] ?? '').trim();
      return {
        value: (row.cells[i] ?? '').trim(),
        column: columnLetters(i + 1),
        zh: `第 ${row.line} 行 ${columnLetters(i + 1)} 列（${header}）`,
        en: `line ${row.line}, column ${columnLetters(i + 1)} (${header})`,
      };
    };
    const rowErrors: ImportError[] = [];
    const bad = (cell: ReturnType<typeof at>, code: string, zh: string, en: string) =>
      rowErrors.push({
        line: row.line,
        column: cell.column,
        code,
        message: { 'zh-CN': `${cell.zh}：${zh}`, en: `${cell.en}: ${en}` },
      });

    const code = at('projectCode');
    const source = at('source');
    // A total names itself in the code or source column, or in another (the name column) beside an empty code.
    const isTotal =
      totalWords.has(fold(code.value)) ||
      totalWords.has(fold(source.value)) ||
      (!fold(code.value) && row.cells.some((c) => totalWords.has(fold(c))));
    if (isTotal) {
      totalLines.push(row.line);
      continue;
    }

    const projectCode = fold(code.value).toUpperCase();
    if (!projectCode) bad(code, 'missing_code', '项目编码为空', 'the project code is empty');
    else if (projectCode.length > maxCodeLength)
      bad(
        code,
        'code_too_long',
        `项目编码超过 ${maxCodeLength} 个字符`,
        `the project code is longer than ${maxCodeLength} characters`,
      );

    let moneySource: MoneySource | undefined;
    if (!fold(source.value)) bad(source, 'missing_source', '资金来源为空', 'the source of funds is empty');
    else {
      moneySource = sources.get(fold(source.value).toUpperCase());
      if (!moneySource)
        bad(
          source,
          'unknown_source',
          `“${source.value}”不是可识别的资金来源（应为当年财政拨款、上年结转资金或其他资金）`,
          `"${source.value}" is not a known source of funds (当年财政拨款, 上年结转资金 or 其他资金)`,
        );
    }

    if (index.fiscalYear !== undefined) {
      const y = at('fiscalYear');
      if (fold(y.value) && fold(y.value).replace(/年$/u, '') !== String(fiscalYear))
        bad(
          y,
          'other_year',
          `年度“${y.value}”不是所导入的 ${fiscalYear} 年度`,
          `the year "${y.value}" is not the year imported, ${fiscalYear}`,
        );
    }

    const amount = (
      name: 'executed' | 'annualBudget',
      unit: MoneyUnit,
      required: boolean,
    ): number | null | undefined => {
      const cell = at(name);
      const label = columnLabels[name];
      if (!fold(cell.value)) {
        if (required) bad(cell, 'missing_amount', `${label['zh-CN']}为空`, `the ${label.en} is empty`);
        return null;
      }
      const decimal = decimalOf(cell.value.replace(/(?:万元|元)$/u, ''));
      if (decimal === undefined) {
        bad(cell, 'amount_not_number', `“${cell.value}”不是数字`, `"${cell.value}" is not a number`);
        return undefined;
      }
      if (decimal.startsWith('-') && /[1-9]/.test(decimal)) {
        bad(cell, 'amount_negative', `金额“${cell.value}”为负数`, `the amount "${cell.value}" is negative`);
        return undefined;
      }
      const fen = scaleDecimal(decimal.replace('-', ''), unit === '万元' ? 6 : 2);
      if (fen === undefined) {
        bad(
          cell,
          'amount_not_fen',
          `“${cell.value}”${unit}不是整分金额`,
          `"${cell.value}" ${unit} is not a whole number of fen`,
        );
        return undefined;
      }
      if (fen > maxFen) {
        bad(
          cell,
          'amount_too_large',
          `金额“${cell.value}”${unit}过大`,
          `the amount "${cell.value}" ${unit} is too large`,
        );
        return undefined;
      }
      return Number(fen);
    };
    const executedFen = amount('executed', units.executed, true);
    const annualBudgetFen = units.annualBudget ? amount('annualBudget', units.annualBudget, false) : null;

    if (projectCode && moneySource) {
      const key = `${projectCode}\u0000${moneySource}`;
      const first = seen.get(key);
      if (first !== undefined)
        bad(
          source,
          'duplicate_row',
          `项目 ${projectCode} 的${moneySources[moneySource]['zh-CN']}已在第 ${first} 行出现`,
          `project ${projectCode} already has a ${moneySources[moneySource].en} row on line ${first}`,
        );
      else seen.set(key, row.line);
    }

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    figures.push({
      fiscalYear,
      projectCode,
      source: moneySource!,
      annualBudgetFen: annualBudgetFen ?? null,
      executedFen: executedFen!,
      line: row.line,
    });
  }
  if (figures.length === 0 && errors.length === 0) {
    errors.push({
      line: null,
      column: null,
      code: 'no_rows',
      message: { 'zh-CN': '文件在表头之后没有数据行', en: 'The file has no data rows after its header' },
    });
  }
  const codeColumn = {
    letter: columnLetters(index.projectCode! + 1),
    header: (headers[index.projectCode!] ?? '').trim(),
  };
  return { figures, errors, units, totalLines, codeColumn };
};

/** A CSV the reader refused, as an import error of its line. */
export const csvError = (line: number, problem: CsvProblem): ImportError => {
  const words: Record<CsvProblem, Localized> = {
    UNCLOSED_QUOTE: { 'zh-CN': '此处开始的引号直到文件末尾都没有闭合', en: 'a quote opened here is never closed' },
    TEXT_AFTER_QUOTE: { 'zh-CN': '闭合引号之后还有文字', en: 'there is text after a closing quote' },
    QUOTE_IN_FIELD: { 'zh-CN': '未加引号的字段中出现了引号', en: 'a quote appears inside an unquoted field' },
  };
  return {
    line,
    column: null,
    code: 'csv_malformed',
    message: { 'zh-CN': `第 ${line} 行：${words[problem]['zh-CN']}`, en: `line ${line}: ${words[problem].en}` },
  };
};

/** A file whose bytes are neither UTF-8, GB18030 nor UTF-16 text, nor an XLSX workbook. */
export const notTextError: ImportError = {
  line: null,
  column: null,
  code: 'not_text',
  message: {
    'zh-CN': '文件既不是 XLSX 工作簿，也不是 UTF-8 或 GBK/GB18030 编码的 CSV 文本',
    en: 'The file is neither an XLSX workbook nor CSV text in UTF-8 or GBK/GB18030',
  },
};
