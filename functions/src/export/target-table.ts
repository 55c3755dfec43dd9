import { type FrameworkId, indicatorFrameworks } from '@jixiao/core/indicator-library/framework.ts';
import { operatorSymbols, type valueBases } from '@jixiao/core/indicator-library/indicator.ts';
import {
  type PerformanceTarget,
  reviewGrades,
  type TargetRow,
  targetStatuses,
} from '@jixiao/core/submission/performance-target.ts';
import { annualTotal, type Project, projectCategories } from '@jixiao/core/submission/project.ts';
import type { Cell, CellValue, Sheet, Workbook } from '#functions/export/xlsx/workbook.ts';

/**
 * The official 项目支出绩效目标申报表 (财预〔2015〕88号, indicator structure of 财预〔2020〕10号) of
 * one project version, laid out on eleven columns A–K to print on one landscape A4 page width:
 *
 *   1       项目支出绩效目标申报表 (A:K)
 *   2       （2027年度） (A:K)
 *   3–5     项目名称 | name | 项目编码 | code; 主管部门及代码 | 实施单位; 项目属性 | 项目期
 *           (labels A:B and H, values C:G and I:K)
 *   6–9     项目资金（万元） (A:B, four rows tall), the medium term on the left (label C, value D:G)
 *           and the year on the right (label H, value I:K): total, then 其中：财政拨款 / 上年结转 / 其他资金
 *   10–11   总体目标 (A:B, two rows tall) | 中期目标 (C:G) | 年度目标 (H:K), headings then texts
 *   12      the indicator grid's column headings, one per column
 *   …       年度绩效指标 (A:K), its rows; then 中期绩效指标 and its rows when there are any
 *   last−1  版本 | 第n版 | 审核状态 | … | 终审等级 | …
 *   last    填报人： | | 联系电话： | | 单位负责人： | (left blank for a pen)
 *
 * Money is integer fen in the domain; the table shows 万元, converted with one division of the integer
 * (sums are taken in fen first), so 12,345,600 fen reads back as exactly 12.3456.
 */

export interface TargetTableInput {
  project: Pick<
    Project,
    | 'code'
    | 'name'
    | 'fiscalYear'
    | 'category'
    | 'nature'
    | 'recurrence'
    | 'periodStart'
    | 'periodEnd'
    | 'funds'
    | 'mediumTermTotal'
  >;
  target: Pick<PerformanceTarget, 'versionNo' | 'reviewStatus' | 'grade' | 'mediumTermGoal' | 'annualGoal' | 'rows'>;
  /** 主管部门. */
  departmentName: string;
  departmentCode: string;
  /** 实施单位. */
  unitName: string;
}

type ValueBasis = (typeof valueBases)[number];

/** 指标值设定依据, as the 88号 form words them. */
export const valueBasisLabels: Record<ValueBasis, string> = {
  PLAN: '计划标准',
  INDUSTRY: '行业标准',
  HISTORICAL: '历史标准',
  SPENDING_STANDARD: '预算支出标准',
  OTHER: '其他标准',
};

const natureLabels: Record<Project['nature'], string> = { NEW: '新增项目', CONTINUING: '延续项目' };
const recurrenceLabels: Record<Project['recurrence'], string> = { ONE_OFF: '一次性', RECURRING: '经常性' };

/** 1 万元 = 10,000 元 = 1,000,000 分. One division of an integer rounds once, so no float artefacts creep in. */
export const fenToWanYuan = (fen: number): number => fen / 1_000_000;

/** The targets carry no framework in this input; every target so far is written against this one. */
const FRAMEWORK: FrameworkId = 'mof-2020';

export const TARGET_TABLE_TITLE = '项目支出绩效目标申报表';

// ------------------------------------------------------------------------------------------- layout

const COLUMN_WIDTHS = [12, 12, 24, 10, 12, 8, 8, 30, 30, 12, 10];
const LAST_COLUMN = COLUMN_WIDTHS.length - 1;

const GRID_HEADINGS = [
  '一级指标',
  '二级指标',
  '三级指标',
  '指标性质(运算符)',
  '指标值',
  '度量单位',
  '分值(权重)',
  '指标解释',
  '评（扣）分标准',
  '指标值设定依据',
  '上年完成值',
];

const columnLetter = (c: number): string => String.fromCharCode(65 + c);

/** A1-style range from 0-based row and column indices. */
export const rangeRef = (top: number, left: number, bottom: number, right: number): string =>
  `${columnLetter(left)}${top + 1}:${columnLetter(right)}${bottom + 1}`;

/** Width in Excel character units: a CJK character in 宋体 is about two '0' wide. */
const displayWidth = (text: string): number => {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return width;
};

const lineCount = (text: string, columns: number): number => {
  const usable = Math.max(columns - 1, 1); // cell padding
  return text.split(/\r?\n/).reduce((lines, line) => lines + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
};

const LINE_HEIGHT = 14.25; // 11pt 宋体
const MAX_ROW_HEIGHT = 409; // Excel's limit

/** A height that shows every line of the tallest wrapped cell, at least `min` points. */
export const fitHeight = (cells: [text: string, columns: number][], min: number): number => {
  const lines = Math.max(0, ...cells.map(([text, columns]) => (text ? lineCount(text, columns) : 0)));
  return Math.min(MAX_ROW_HEIGHT, Math.max(min, Math.ceil(lines * LINE_HEIGHT + 6)));
};

/** The width of columns left…right together. */
export const spanWidth = (widths: readonly number[], left: number, right: number): number =>
  widths.slice(left, right + 1).reduce((sum, w) => sum + w, 0);

const widthOf = (left: number, right: number): number => spanWidth(COLUMN_WIDTHS, left, right);

/** Collects cells by position, with the merges and heights that go with them. */
export const grid = () => {
  const rows: (Cell | CellValue)[][] = [];
  const merges: string[] = [];
  const rowHeights: Record<number, number> = {};
  /** Puts a cell at (row, col), merged to (bottom, right) when that is more than the one cell. */
  const put = (row: number, col: number, cell: Cell, right = col, bottom = row): void => {
    const cells = rows[row] ?? [];
    rows[row] = cells;
    while (cells.length < col) cells.push(null);
    cells[col] = cell;
    if (right > col || bottom > row) merges.push(rangeRef(row, col, bottom, right));
  };
  return { rows, merges, rowHeights, put };
};
export type Grid = ReturnType<typeof grid>;

export const label = (value: string): Cell => ({ value, style: 'label' });
export const text = (value: string | null | undefined): Cell => ({ value: value ? value : null, style: 'text' });
export const money = (fen: number | null | undefined): Cell =>
  fen === null || fen === undefined ? { value: null, style: 'money' } : { value: fenToWanYuan(fen), style: 'money' };

// ------------------------------------------------------------------------------------ indicator rows

interface Level {
  readonly code: string;
  readonly name: { readonly 'zh-CN': string };
  readonly children: readonly { readonly code: string; readonly name: { readonly 'zh-CN': string } }[];
}

const framework: readonly Level[] = indicatorFrameworks[FRAMEWORK];

const level1Index = (code: string): number => {
  const i = framework.findIndex((l) => l.code === code);
  return i < 0 ? framework.length : i;
};

const childrenOf = (level1: string) => framework.find((l) => l.code === level1)?.children ?? [];

const level2Index = (level1: string, level2: string): number => {
  const children = childrenOf(level1);
  const i = children.findIndex((c) => c.code === level2);
  return i < 0 ? children.length : i;
};

export const level1Name = (code: string): string => framework.find((l) => l.code === code)?.name['zh-CN'] ?? code;

/** Looked up under its level 1 first; a row filed under the wrong level 1 still shows a name. */
export const level2Name = (level1: string, level2: string): string =>
  (
    childrenOf(level1).find((c) => c.code === level2) ??
    framework.flatMap((l) => l.children).find((c) => c.code === level2)
  )?.name['zh-CN'] ?? level2;

/** Level 1 in framework order, then level 2 in its order; rows that tie keep the order they were written in. */
export const orderTargetRows = <R extends Pick<TargetRow, 'level1' | 'level2'>>(rows: readonly R[]): R[] =>
  rows
    .map((row, i) => ({ row, i, l1: level1Index(row.level1), l2: level2Index(row.level1, row.level2) }))
    .sort((a, b) => a.l1 - b.l1 || a.l2 - b.l2 || a.i - b.i)
    .map(({ row }) => row);

/** [start, end) index spans of consecutive items with the same key, for the vertical merges. */
const runs = <T>(items: readonly T[], key: (item: T) => string): [number, number][] => {
  const spans: [number, number][] = [];
  items.forEach((item, i) => {
    const last = spans.at(-1);
    if (last && key(items[last[0]] as T) === key(item)) last[1] = i + 1;
    else spans.push([i, i + 1]);
  });
  return spans;
};

/**
 * Levels 1 and 2 in columns A and B of the indicator rows that start at grid row `top`: one level-1
 * cell per run of rows, and one level-2 cell per run within it; the cells a merge covers are emptied.
 * A run too short for its level name grows at its last row. `widths` are those of columns A and B.
 */
export const mergeLevels = (
  { rows, merges, rowHeights }: Pick<Grid, 'rows' | 'merges' | 'rowHeights'>,
  top: number,
  ordered: readonly Pick<TargetRow, 'level1' | 'level2'>[],
  widths: readonly [level1: number, level2: number],
): void => {
  const mergeDown = (column: 0 | 1, from: number, to: number, name: string): void => {
    const needed = fitHeight([[name, widths[column]]], 0);
    let have = 0;
    for (let i = from; i < to; i++) have += rowHeights[top + i] ?? 0;
    const last = top + to - 1;
    if (have < needed) rowHeights[last] = Math.min(MAX_ROW_HEIGHT, (rowHeights[last] ?? 0) + needed - have);
    if (to - from < 2) return;
    merges.push(rangeRef(top + from, column, last, column));
    for (let i = from + 1; i < to; i++) (rows[top + i] as (Cell | CellValue)[])[column] = null;
  };
  for (const [start, end] of runs(ordered, (row) => row.level1)) {
    const first = ordered[start] as Pick<TargetRow, 'level1' | 'level2'>;
    mergeDown(0, start, end, level1Name(first.level1));
    for (const [s2, e2] of runs(ordered.slice(start, end), (row) => row.level2)) {
      const head = ordered[start + s2] as Pick<TargetRow, 'level1' | 'level2'>;
      mergeDown(1, start + s2, start + e2, level2Name(head.level1, head.level2));
    }
  }
};

// ------------------------------------------------------------------------------------------- sheet

const periodText = (start: number, end: number): string => (start === end ? `${start}年` : `${start}–${end}年`);

/** The 申报表 of one project version as one sheet (named 项目支出绩效目标申报表 unless told otherwise). */
export const targetTableSheet = (input: TargetTableInput, sheetName = TARGET_TABLE_TITLE): Sheet => {
  const { project, target } = input;
  const { rows, merges, rowHeights, put } = grid();
  let r = 0;

  // Title and year.
  put(r, 0, { value: TARGET_TABLE_TITLE, style: 'title' }, LAST_COLUMN);
  rowHeights[r] = 30;
  r += 1;
  put(r, 0, { value: `（${project.fiscalYear}年度）`, style: 'title' }, LAST_COLUMN);
  rowHeights[r] = 20;
  r += 1;

  // The project: label A:B, value C:G, label H, value I:K.
  const pair = (left: [string, string], right: [string, string]): void => {
    put(r, 0, label(left[0]), 1);
    put(r, 2, text(left[1]), 6);
    put(r, 7, label(right[0]));
    put(r, 8, text(right[1]), LAST_COLUMN);
    rowHeights[r] = fitHeight(
      [
        [left[1], widthOf(2, 6)],
        [right[1], widthOf(8, LAST_COLUMN)],
      ],
      20,
    );
    r += 1;
  };
  pair(['项目名称', project.name], ['项目编码', project.code]);
  pair(['主管部门及代码', `${input.departmentName}（${input.departmentCode}）`], ['实施单位', input.unitName]);
  const attribute = `${natureLabels[project.nature]}·${recurrenceLabels[project.recurrence]}（${projectCategories[project.category]['zh-CN']}）`;
  pair(['项目属性', attribute], ['项目期', periodText(project.periodStart, project.periodEnd)]);

  // Funds in 万元: the medium term on the left (only its total is known), the year on the right.
  const fundsTop = r;
  const fundRows: [medium: string, mediumFen: number | null, annual: string, annualFen: number][] = [
    ['中期资金总额', project.mediumTermTotal ?? null, '年度资金总额', annualTotal(project.funds)],
    ['其中：财政拨款', null, '其中：财政拨款', project.funds.fiscal],
    ['上年结转', null, '上年结转', project.funds.carryOver],
    ['其他资金', null, '其他资金', project.funds.other],
  ];
  put(r, 0, label('项目资金（万元）'), 1, fundsTop + fundRows.length - 1);
  for (const [mediumLabel, mediumFen, annualLabel, annualFen] of fundRows) {
    put(r, 2, label(mediumLabel));
    put(r, 3, money(mediumFen), 6);
    put(r, 7, label(annualLabel));
    put(r, 8, money(annualFen), LAST_COLUMN);
    rowHeights[r] = 20;
    r += 1;
  }

  // Goals: headings, then the texts side by side.
  put(r, 0, label('总体目标'), 1, r + 1);
  put(r, 2, { value: `中期目标（${periodText(project.periodStart, project.periodEnd)}）`, style: 'header' }, 6);
  put(r, 7, { value: `年度目标（${project.fiscalYear}年）`, style: 'header' }, LAST_COLUMN);
  rowHeights[r] = 20;
  r += 1;
  put(r, 2, text(target.mediumTermGoal), 6);
  put(r, 7, text(target.annualGoal), LAST_COLUMN);
  rowHeights[r] = fitHeight(
    [
      [target.mediumTermGoal, widthOf(2, 6)],
      [target.annualGoal, widthOf(7, LAST_COLUMN)],
    ],
    60,
  );
  r += 1;

  // The indicator grid.
  GRID_HEADINGS.forEach((heading, c) => {
    put(r, c, { value: heading, style: 'header' });
  });
  rowHeights[r] = fitHeight(
    GRID_HEADINGS.map((h, c): [string, number] => [h, COLUMN_WIDTHS[c] ?? 10]),
    20,
  );
  r += 1;

  const section = (heading: string, period: TargetRow['period'], always: boolean): void => {
    const ordered = orderTargetRows(target.rows.filter((row) => row.period === period));
    if (ordered.length === 0 && !always) return;
    put(r, 0, label(heading), LAST_COLUMN);
    rowHeights[r] = 20;
    r += 1;
    const top = r;
    for (const row of ordered) {
      const name = row.core ? `${row.name}（核心）` : row.name;
      const cells: [Cell, string][] = [
        [label(level1Name(row.level1)), level1Name(row.level1)],
        [label(level2Name(row.level1, row.level2)), level2Name(row.level1, row.level2)],
        [text(name), name],
        [text(operatorSymbols[row.operator]), operatorSymbols[row.operator]],
        [text(row.value), row.value],
        [text(row.unit), row.unit],
        [{ value: row.weight, style: 'number' }, String(row.weight)],
        [text(row.explanation), row.explanation],
        [text(row.scoringStandard), row.scoringStandard],
        [text(valueBasisLabels[row.valueBasis]), valueBasisLabels[row.valueBasis]],
        [text(row.lastYearActual), row.lastYearActual],
      ];
      cells.forEach(([cell], c) => {
        put(r, c, cell);
      });
      // Levels 1 and 2 span their runs of rows: their height is made up below, over the whole run.
      rowHeights[r] = fitHeight(
        cells.slice(2).map(([, shown], i): [string, number] => [shown, COLUMN_WIDTHS[i + 2] ?? 10]),
        20,
      );
      r += 1;
    }
    mergeLevels({ rows, merges, rowHeights }, top, ordered, [COLUMN_WIDTHS[0] ?? 10, COLUMN_WIDTHS[1] ?? 10]);
  };
  section('年度绩效指标', 'ANNUAL', true);
  section('中期绩效指标', 'MEDIUM_TERM', false);

  // Version and review, then the lines to sign.
  const grade = target.grade ? reviewGrades[target.grade]['zh-CN'] : null;
  const footer = (cells: [string, string | null][]): void => {
    const [a, b, c] = cells as [[string, string | null], [string, string | null], [string, string | null]];
    put(r, 0, label(a[0]), 1);
    put(r, 2, text(a[1]), 3);
    put(r, 4, label(b[0]), 5);
    put(r, 6, text(b[1]), 7);
    put(r, 8, label(c[0]));
    put(r, 9, text(c[1]), LAST_COLUMN);
    rowHeights[r] = 24;
    r += 1;
  };
  footer([
    ['版本', `第${target.versionNo}版`],
    ['审核状态', targetStatuses[target.reviewStatus]['zh-CN']],
    ['终审等级', grade],
  ]);
  footer([
    ['填报人：', null],
    ['联系电话：', null],
    ['单位负责人：', null],
  ]);

  return { name: sheetName, columnWidths: COLUMN_WIDTHS, rows, merges, rowHeights, landscape: true };
};

/** The 申报表 of one project, as a workbook of one sheet. */
export const targetTableWorkbook = (input: TargetTableInput): Workbook => ({ sheets: [targetTableSheet(input)] });

// ---------------------------------------------------------------------------------- department book

const SUMMARY_SHEET = '汇总';
const MAX_SHEET_NAME = 31;

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair. */
const cut = (s: string, max: number): string => {
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
};

/** A sheet name Excel accepts and no other sheet in `taken` has (ignoring case); records it in `taken`. */
export const uniqueSheetName = (wanted: string, fallback: string, taken: Set<string>): string => {
  const clean = (s: string) =>
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not allowed in a sheet name.
    s.replace(/[:\\/?*[\];\u0000-\u001F]/g, '_').replace(/^[\s']+|[\s']+$/g, '');
  let base = clean(cut(clean(wanted), MAX_SHEET_NAME));
  if (base === '' || base.toUpperCase() === 'HISTORY') base = fallback;
  let name = base;
  for (let n = 2; taken.has(name.toUpperCase()); n++) {
    const suffix = ` (${n})`;
    name = `${clean(cut(base, MAX_SHEET_NAME - suffix.length))}${suffix}`;
  }
  taken.add(name.toUpperCase());
  return name;
};

/**
 * A department's 申报表 in one workbook: a 汇总 sheet listing every project, then one sheet per
 * project in the same order, named by its project code (made valid and unique when need be).
 */
export const departmentTargetWorkbook = (
  departmentName: string,
  fiscalYear: number,
  items: TargetTableInput[],
): Workbook => {
  const taken = new Set([SUMMARY_SHEET.toUpperCase()]);
  const sheets = items.map((item, i) =>
    targetTableSheet(item, uniqueSheetName(item.project.code, `项目${i + 1}`, taken)),
  );

  const headings = ['序号', '项目编码', '项目名称', '实施单位', '年度资金（万元）', '版本', '审核状态', '终审等级'];
  const last = headings.length - 1;
  const rows: (Cell | CellValue)[][] = [
    [{ value: `${departmentName}${fiscalYear}年度项目支出绩效目标汇总表`, style: 'title' }],
    headings.map((value): Cell => ({ value, style: 'header' })),
  ];
  let totalFen = 0;
  items.forEach(({ project, target, unitName }, i) => {
    const fen = annualTotal(project.funds);
    totalFen += fen;
    rows.push([
      { value: i + 1, style: 'integer' },
      text(project.code),
      text(project.name),
      text(unitName),
      money(fen),
      text(`第${target.versionNo}版`),
      text(targetStatuses[target.reviewStatus]['zh-CN']),
      text(target.grade ? reviewGrades[target.grade]['zh-CN'] : null),
    ]);
  });
  const totalRow = rows.length;
  rows.push([label('合计'), null, null, null, money(totalFen), text(null), text(null), text(null)]);

  const summary: Sheet = {
    name: SUMMARY_SHEET,
    columnWidths: [6, 22, 36, 24, 16, 8, 14, 10],
    rows,
    merges: [rangeRef(0, 0, 0, last), rangeRef(totalRow, 0, totalRow, 3)],
    rowHeights: { 0: 30, 1: 20 },
    landscape: true,
    freezeRows: 2,
  };
  return { sheets: [summary, ...sheets] };
};
