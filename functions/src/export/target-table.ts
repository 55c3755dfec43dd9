import { operatorSymbols } from '@jixiao/core/indicator-library/indicator.ts';
import {
  type IndicatorLine,
  indicatorLines,
  indicatorValueText,
  level1Name,
  level2Name,
  lineBasisText,
  natureLabels,
  orderTargetRows,
  periodText,
  recurrenceLabels,
  valueBasisLabels,
} from '@jixiao/core/submission/declaration-text.ts';
import {
  type PerformanceTarget,
  reviewGrades,
  type TargetRow,
  targetStatuses,
} from '@jixiao/core/submission/performance-target.ts';
import { annualTotal, type Project, projectCategories } from '@jixiao/core/submission/project.ts';
import type { Cell, CellValue, Sheet, Workbook } from '#functions/export/xlsx/workbook.ts';

/**
 * The official 项目支出绩效目标申报表 of one project version, as the table attached to 财预〔2015〕88号
 * lays it out (indicator structure of 财预〔2020〕10号), on seven columns A–G to print on one landscape
 * A4 page width:
 *
 *   1       项目支出绩效目标申报表 (A:G)
 *   2       （2027年度） (A:G)
 *   3       项目名称 | name (B:G)
 *   4–5     主管部门及代码 | department（code） (B:D) | 实施单位 | unit (F:G);
 *           项目属性 | attribute (B:D) | 项目期 | period (F:G)
 *   6–8     项目资金（万元） (A, three rows tall): 中期资金总额 (B:C) | amount (D) | 年度资金总额 (E) | amount (F:G),
 *           then 其中：财政拨款, then 其他资金, both sides
 *   9–10    总体目标 (A, two rows tall) | 中期目标 (B:D) | 年度目标 (E:G), headings then texts
 *   11      绩效指标 (A, as tall as the grid) | 一级指标 | 二级指标 | 三级指标 | 中期指标值 | 年度指标值 |
 *           指标值设定依据及数据来源
 *   12…     one line per indicator: a medium-term and an annual row of the same level 1, level 2 and name
 *           share a line, each value in its own column; levels 1 and 2 are merged down their runs
 *   last    填报人： | name (B:C) | 联系电话： | (blank) | 单位负责人： | name
 *
 * The form has no column for weights, scoring standards, explanations, last year's values, the core
 * mark or our review state: they go on a second sheet, 补充信息 (see `supplementSheet`), so the
 * official grid stays as the form prints it.
 *
 * Money is integer fen in the domain; the table shows 万元, converted with one division of the integer
 * (sums are taken in fen first), so 12,345,600 fen reads back as exactly 12.3456. The form splits the
 * money into 财政拨款 and 其他资金 only: 财政拨款 there is this year's appropriation plus last year's
 * carry-over (上年结转, unspent appropriations of the project), and 补充信息 shows the three sources apart.
 * The project records only the medium-term total, so the medium-term split is left blank for a pen.
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
  target: Pick<PerformanceTarget, 'versionNo' | 'reviewStatus' | 'grade' | 'mediumTermGoal' | 'annualGoal' | 'rows'> &
    Partial<Pick<PerformanceTarget, 'satisfactionExemptReason'>>;
  /** 主管部门. */
  departmentName: string;
  departmentCode: string;
  /** 实施单位. */
  unitName: string;
  /** 填报人: who last prepared the version's content, by name; null leaves the line for a pen. */
  preparerName: string | null;
  /** 单位负责人: the unit approver who signed it off and sent it (送审), by name; null while nobody has. */
  unitHeadName: string | null;
}

const periodLabels: Record<TargetRow['period'], string> = { MEDIUM_TERM: '中期', ANNUAL: '年度' };

/** 1 万元 = 10,000 元 = 1,000,000 分. One division of an integer rounds once, so no float artefacts creep in. */
export const fenToWanYuan = (fen: number): number => fen / 1_000_000;

// The form's wording is core's, shared with the print view; the other exports and the tests take it from here too.
export {
  type IndicatorLine,
  indicatorLines,
  indicatorValueText,
  level1Name,
  level2Name,
  orderTargetRows,
  valueBasisLabels,
};

export const TARGET_TABLE_TITLE = '项目支出绩效目标申报表';
/** The second sheet: what we keep about a version that the official form has no place for. */
export const SUPPLEMENT_SHEET = '补充信息';

// ------------------------------------------------------------------------------------------- layout

const COLUMN_WIDTHS = [15, 10, 14, 26, 16, 16, 34];
const LAST_COLUMN = COLUMN_WIDTHS.length - 1;

const GRID_HEADINGS = ['一级指标', '二级指标', '三级指标', '中期指标值', '年度指标值', '指标值设定依据及数据来源'];
/** The indicator grid starts in column B: column A holds 绩效指标 down the whole grid. */
const GRID_LEFT = 1;

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
 * Levels 1 and 2 in columns A and B (or the two from `firstColumn` on) of the indicator rows that
 * start at grid row `top`: one level-1 cell per run of rows, and one level-2 cell per run within it;
 * the cells a merge covers are emptied. A run too short for its level name grows at its last row.
 * `widths` are those of the two columns.
 */
export const mergeLevels = (
  { rows, merges, rowHeights }: Pick<Grid, 'rows' | 'merges' | 'rowHeights'>,
  top: number,
  ordered: readonly Pick<TargetRow, 'level1' | 'level2'>[],
  widths: readonly [level1: number, level2: number],
  firstColumn = 0,
): void => {
  const mergeDown = (level: 0 | 1, from: number, to: number, name: string): void => {
    const column = firstColumn + level;
    const needed = fitHeight([[name, widths[level]]], 0);
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

/** The form's money: 财政拨款 is this year's appropriation and last year's carried over. */
const fiscalFen = (funds: Project['funds']): number => funds.fiscal + funds.carryOver;

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

  // The project: its name across the table, then two pairs a line (label A, value B:D, label E, value F:G).
  put(r, 0, label('项目名称'));
  put(r, 1, text(project.name), LAST_COLUMN);
  rowHeights[r] = fitHeight([[project.name, widthOf(1, LAST_COLUMN)]], 20);
  r += 1;
  const pair = (left: [string, string], right: [string, string]): void => {
    put(r, 0, label(left[0]));
    put(r, 1, text(left[1]), 3);
    put(r, 4, label(right[0]));
    put(r, 5, text(right[1]), LAST_COLUMN);
    rowHeights[r] = fitHeight(
      [
        [left[0], widthOf(0, 0)],
        [left[1], widthOf(1, 3)],
        [right[1], widthOf(5, LAST_COLUMN)],
      ],
      20,
    );
    r += 1;
  };
  pair(['主管部门及代码', `${input.departmentName}（${input.departmentCode}）`], ['实施单位', input.unitName]);
  const attribute = `${natureLabels[project.nature]}·${recurrenceLabels[project.recurrence]}（${projectCategories[project.category]['zh-CN']}）`;
  pair(['项目属性', attribute], ['项目期', periodText(project.periodStart, project.periodEnd)]);

  // Funds in 万元: the medium term on the left (only its total is recorded), the year on the right.
  const fundRows: [medium: string, mediumFen: number | null, annual: string, annualFen: number][] = [
    ['中期资金总额', project.mediumTermTotal ?? null, '年度资金总额', annualTotal(project.funds)],
    ['其中：财政拨款', null, '其中：财政拨款', fiscalFen(project.funds)],
    ['其他资金', null, '其他资金', project.funds.other],
  ];
  put(r, 0, label('项目资金（万元）'), 0, r + fundRows.length - 1);
  for (const [mediumLabel, mediumFen, annualLabel, annualFen] of fundRows) {
    put(r, 1, label(mediumLabel), 2);
    put(r, 3, money(mediumFen));
    put(r, 4, label(annualLabel));
    put(r, 5, money(annualFen), LAST_COLUMN);
    rowHeights[r] = 20;
    r += 1;
  }

  // Goals: headings, then the texts side by side.
  put(r, 0, label('总体目标'), 0, r + 1);
  put(r, 1, { value: `中期目标（${periodText(project.periodStart, project.periodEnd)}）`, style: 'header' }, 3);
  put(r, 4, { value: `年度目标（${project.fiscalYear}年）`, style: 'header' }, LAST_COLUMN);
  rowHeights[r] = 20;
  r += 1;
  put(r, 1, text(target.mediumTermGoal), 3);
  put(r, 4, text(target.annualGoal), LAST_COLUMN);
  rowHeights[r] = fitHeight(
    [
      [target.mediumTermGoal, widthOf(1, 3)],
      [target.annualGoal, widthOf(4, LAST_COLUMN)],
    ],
    60,
  );
  r += 1;

  // The indicator grid: 绩效指标 down column A, the medium-term and annual values side by side.
  const lines = indicatorLines(target.rows);
  const gridTop = r;
  GRID_HEADINGS.forEach((heading, i) => {
    put(r, GRID_LEFT + i, { value: heading, style: 'header' });
  });
  rowHeights[r] = fitHeight(
    GRID_HEADINGS.map((h, i): [string, number] => [h, COLUMN_WIDTHS[GRID_LEFT + i] ?? 10]),
    20,
  );
  r += 1;
  const top = r;
  for (const line of lines) {
    const shown = [
      line.name,
      indicatorValueText(line.MEDIUM_TERM),
      indicatorValueText(line.ANNUAL),
      lineBasisText(line),
    ];
    put(r, GRID_LEFT, label(level1Name(line.level1)));
    put(r, GRID_LEFT + 1, label(level2Name(line.level1, line.level2)));
    shown.forEach((value, i) => {
      put(r, GRID_LEFT + 2 + i, text(value));
    });
    // Levels 1 and 2 span their runs of lines: their height is made up below, over the whole run.
    rowHeights[r] = fitHeight(
      shown.map((value, i): [string, number] => [value, COLUMN_WIDTHS[GRID_LEFT + 2 + i] ?? 10]),
      20,
    );
    r += 1;
  }
  if (lines.length === 0) {
    // No indicators yet: one empty line, boxed, so the grid still reads as a grid.
    for (let c = GRID_LEFT; c <= LAST_COLUMN; c++) put(r, c, text(null));
    rowHeights[r] = 20;
    r += 1;
  }
  mergeLevels(
    { rows, merges, rowHeights },
    top,
    lines,
    [COLUMN_WIDTHS[GRID_LEFT] ?? 10, COLUMN_WIDTHS[GRID_LEFT + 1] ?? 10],
    GRID_LEFT,
  );
  put(gridTop, 0, label('绩效指标'), 0, r - 1);

  // The lines to sign: who prepared it and the unit's head who sent it, by name.
  put(r, 0, label('填报人：'));
  put(r, 1, text(input.preparerName), 2);
  put(r, 3, label('联系电话：'));
  put(r, 4, text(null));
  put(r, 5, label('单位负责人：'));
  put(r, 6, text(input.unitHeadName));
  rowHeights[r] = 24;

  return { name: sheetName, columnWidths: COLUMN_WIDTHS, rows, merges, rowHeights, landscape: true };
};

// -------------------------------------------------------------------------------------- supplement

const DETAIL_HEADINGS: [heading: string, width: number][] = [
  ['期间', 6],
  ['一级指标', 10],
  ['二级指标', 14],
  ['三级指标', 24],
  ['核心指标', 6],
  ['指标性质(运算符)', 10],
  ['指标值', 12],
  ['度量单位', 8],
  ['分值(权重)', 8],
  ['指标解释', 30],
  ['评（扣）分标准', 30],
  ['指标值设定依据', 12],
  ['数据来源', 20],
  ['上年完成值', 10],
];
const PROJECT_HEADINGS: [heading: string, width: number][] = [
  ['项目编码', 20],
  ['项目名称', 24],
];

/** A row's cells in the order of DETAIL_HEADINGS, with what each shows (for the row's height). */
const detailCells = (row: TargetRow): [Cell, string][] => {
  const shown = (value: string): [Cell, string] => [text(value), value];
  return [
    shown(periodLabels[row.period]),
    shown(level1Name(row.level1)),
    shown(level2Name(row.level1, row.level2)),
    shown(row.name),
    shown(row.core ? '是' : ''),
    shown(operatorSymbols[row.operator]),
    shown(row.value),
    shown(row.unit),
    [{ value: row.weight, style: 'number' }, String(row.weight)],
    shown(row.explanation),
    shown(row.scoringStandard),
    shown(valueBasisLabels[row.valueBasis]),
    shown(row.dataSource),
    shown(row.lastYearActual),
  ];
};

/** Medium-term rows, then annual ones (left to right on the form), each in framework order. */
const PERIOD_ORDER = ['MEDIUM_TERM', 'ANNUAL'] as const;
const periodOrdered = (rows: readonly TargetRow[]): TargetRow[] =>
  PERIOD_ORDER.flatMap((period) => orderTargetRows(rows.filter((row) => row.period === period)));

/**
 * Every indicator row in full (weights, explanations, scoring standards, value basis and data source,
 * last year's value, the core mark) from grid row `r` on, with the project's code and name in front
 * when `withProject`; then each period's total of points. Returns the next free row.
 */
const putDetails = (
  g: Grid,
  r: number,
  items: readonly Pick<TargetTableInput, 'project' | 'target'>[],
  withProject: boolean,
): number => {
  const headings = [...(withProject ? PROJECT_HEADINGS : []), ...DETAIL_HEADINGS];
  const offset = withProject ? PROJECT_HEADINGS.length : 0;
  headings.forEach(([heading], c) => {
    g.put(r, c, { value: heading, style: 'header' });
  });
  g.rowHeights[r] = fitHeight(
    headings.map(([h, w]): [string, number] => [h, w]),
    20,
  );
  r += 1;
  for (const { project, target } of items) {
    const ordered = periodOrdered(target.rows);
    const rows = ordered.map(detailCells);
    for (const cells of rows) {
      if (withProject) {
        g.put(r, 0, text(project.code));
        g.put(r, 1, text(project.name));
      }
      cells.forEach(([cell], c) => {
        g.put(r, offset + c, cell);
      });
      g.rowHeights[r] = fitHeight(
        [
          ...(withProject ? ([[project.name, PROJECT_HEADINGS[1]?.[1] ?? 10]] as [string, number][]) : []),
          ...cells.map(([, shown], c): [string, number] => [shown, DETAIL_HEADINGS[c]?.[1] ?? 10]),
        ],
        20,
      );
      r += 1;
    }
    // The points of each period that has rows, summed as the weights are kept.
    for (const period of PERIOD_ORDER) {
      const own = target.rows.filter((row) => row.period === period);
      if (own.length === 0) continue;
      if (withProject) {
        g.put(r, 0, text(project.code));
        g.put(r, 1, text(project.name));
      }
      g.put(r, offset, label(`${periodLabels[period]}分值合计`), offset + 7);
      g.put(r, offset + 8, { value: own.reduce((sum, row) => sum + row.weight, 0), style: 'number' });
      g.rowHeights[r] = 20;
      r += 1;
    }
  }
  return r;
};

/**
 * 补充信息 of one version: the project's code, the version and its review, who prepared and signed
 * it, the money by each of its three sources, then every indicator row in full (see `putDetails`).
 */
export const supplementSheet = (input: TargetTableInput, sheetName = SUPPLEMENT_SHEET): Sheet => {
  const { project, target } = input;
  const g = grid();
  const last = DETAIL_HEADINGS.length - 1;
  let r = 0;
  g.put(r, 0, { value: `${TARGET_TABLE_TITLE}·补充信息`, style: 'title' }, last);
  g.rowHeights[r] = 30;
  r += 1;
  g.put(r, 0, text('以下内容不属于申报表正式格式，供审核和自评参考。'), last);
  r += 1;
  const facts: [string, Cell][] = [
    ['项目编码', text(project.code)],
    ['项目名称', text(project.name)],
    ['版本', text(`第${target.versionNo}版`)],
    ['审核状态', text(targetStatuses[target.reviewStatus]['zh-CN'])],
    ['终审等级', text(target.grade ? reviewGrades[target.grade]['zh-CN'] : null)],
    ['填报人', text(input.preparerName)],
    ['单位负责人', text(input.unitHeadName)],
    ['当年财政拨款（万元）', money(project.funds.fiscal)],
    ['上年结转（万元）', money(project.funds.carryOver)],
    ['其他资金（万元）', money(project.funds.other)],
    ['未设满意度指标的理由', text(target.satisfactionExemptReason ?? null)],
  ];
  for (const [name, cell] of facts) {
    g.put(r, 0, label(name), 2);
    g.put(r, 3, cell, 6);
    g.rowHeights[r] = 20;
    r += 1;
  }
  r += 1;
  putDetails(g, r, [input], false);
  return {
    name: sheetName,
    columnWidths: DETAIL_HEADINGS.map(([, w]) => w),
    rows: g.rows,
    merges: g.merges,
    rowHeights: g.rowHeights,
    landscape: true,
  };
};

/** The 申报表 of one project: the official sheet, then 补充信息. */
export const targetTableWorkbook = (input: TargetTableInput): Workbook => ({
  sheets: [targetTableSheet(input), supplementSheet(input)],
});

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
 * project in the same order, named by its project code (made valid and unique when need be), then
 * one 补充信息 sheet with every project's indicator rows in full.
 */
export const departmentTargetWorkbook = (
  departmentName: string,
  fiscalYear: number,
  items: TargetTableInput[],
): Workbook => {
  const taken = new Set([SUMMARY_SHEET.toUpperCase(), SUPPLEMENT_SHEET.toUpperCase()]);
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
  const details = grid();
  const detailColumns = [...PROJECT_HEADINGS, ...DETAIL_HEADINGS];
  details.put(
    0,
    0,
    { value: `${departmentName}${fiscalYear}年度项目支出绩效目标·补充信息`, style: 'title' },
    detailColumns.length - 1,
  );
  details.rowHeights[0] = 30;
  putDetails(details, 1, items, true);
  const supplement: Sheet = {
    name: SUPPLEMENT_SHEET,
    columnWidths: detailColumns.map(([, w]) => w),
    rows: details.rows,
    merges: details.merges,
    rowHeights: details.rowHeights,
    landscape: true,
    freezeRows: 2,
  };
  return { sheets: [summary, ...sheets, supplement] };
};
