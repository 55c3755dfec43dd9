import { beijingDay } from '@jixiao/core/beijing-day.ts';
import { operatorSymbols } from '@jixiao/core/indicator-library/indicator.ts';
import { initialBudgetOf } from '@jixiao/core/monitoring/budget-base.ts';
import {
  type DeviationReason,
  deviationReasonCodes,
  deviationReasons,
  likelihoodCodes,
  likelihoods,
  warningColours,
} from '@jixiao/core/monitoring/monitoring-config.ts';
import type { MonitoringReport, ReportLine } from '@jixiao/core/monitoring/monitoring-report.ts';
import { monthOf, warningText } from '@jixiao/core/monitoring/monitoring-warnings.ts';
import { executionRateText, percentText } from '@jixiao/core/monitoring/percent-text.ts';
import { type DepartmentSeries, departmentSeries } from '@jixiao/core/organisation/department.ts';
import { targetStatuses } from '@jixiao/core/submission/performance-target.ts';
import { annualTotal, type ProjectFunds } from '@jixiao/core/submission/project.ts';
import {
  fitHeight,
  grid,
  label,
  level1Name,
  level2Name,
  mergeLevels,
  money,
  orderTargetRows,
  rangeRef,
  spanWidth,
  text,
  uniqueSheetName,
} from '#functions/export/target-table.ts';
import type { Cell, CellValue, Sheet, Workbook } from '#functions/export/xlsx/workbook.ts';

/**
 * The official 项目支出绩效目标执行监控表 (财预〔2019〕136号 attachment; docs/domain/monitoring.md,
 * "The monitoring table") of one monitoring report, laid out like the 申报表 (target-table.ts) on
 * eighteen columns A–R, landscape, one page wide. N is the month of the data date:
 *
 *   1       项目支出绩效目标执行监控表 (A:R)
 *   2       （2027年度，数据截至 2027-06-30） (A:R)
 *   3–4     项目名称 | name | 项目编码 | code; 主管部门及代码 | 实施单位 (labels A:B and J:L, values C:I and M:R)
 *   5–9     项目资金（万元） (A:B, five rows tall): headings 资金来源 (C:D) | 年初预算数 (E:F) | 全年预算数 (G:H) |
 *           1–N月执行数 (I:L) | 执行率 (M:O) | 全年预计执行数 (P:R), then 年度资金总额 / 其中：财政拨款 /
 *           上年结转 / 其他资金 (the forecast only on the total)
 *   10–11   年度总体目标 (A:B, two rows tall) | 年初设定目标 (C:I) | 1–N月实际完成情况 (J:R), headings then texts
 *   12–13   the indicator grid's headings: 一级指标 … 全年预计完成值 (A–G) and 偏差原因说明, 纠偏措施, 备注 (P–R)
 *           two rows tall; 偏差原因分析 over its five reasons (H–L) and 完成目标可能性 over its three (M–O)
 *   …       one row per annual line in framework order, levels 1 and 2 merged down their runs; √ ticks
 *   last    填报人： | | 联系电话： | | 单位负责人： | (left blank for a pen)
 *
 * What the official grid has no place for — the warning and its reasons, time progress, the
 * report-level reason for a red budget, the review state — is on a sheet of its own
 * (监控预警及审核信息). 全年预算数 is the current budget, which rates are worked out against; 年初预算数
 * differs from it after a mid-year adjustment. Money is integer fen shown in 万元 (one division,
 * sums taken in fen first); a rate is an exact fraction printed by core's one rule (percentText):
 * the total's rate is the report's own figure, the same as on screen and in the API.
 */
export type MonitoringTableInput = Pick<
  MonitoringReport,
  | 'fiscalYear'
  | 'dataDate'
  | 'projectCode'
  | 'projectName'
  | 'departmentName'
  | 'unitName'
  | 'annualGoal'
  | 'budget'
  | 'initialBudget'
  | 'budgetDeviationReason'
  | 'budgetCorrectiveMeasures'
  | 'executed'
  | 'forecastFullYearFen'
  | 'goalProgress'
  | 'lines'
  | 'reviewStatus'
  | 'firstSubmittedAt'
  | 'assessment'
> & {
  /** 主管部门代码. */
  departmentCode: string;
};

export const MONITORING_TABLE_TITLE = '项目支出绩效目标执行监控表';
/** The sheet of what the official grid has no place for. */
export const MONITORING_INFO_SHEET = '监控预警及审核信息';

/** 考核系列 as the bureau words them (the web app's labels). */
export const seriesLabels: Record<DepartmentSeries, string> = {
  GOVERNMENT: '政府系列',
  PARTY_MASS: '党群系列',
  STREET_PARK: '街道园区系列',
};

const TICK = '√';

// ------------------------------------------------------------------------------------------- layout

const COLUMN_WIDTHS = [10, 10, 20, 10, 7, 10, 10, 6, 6, 6, 6, 6, 6, 6, 6, 22, 22, 12];
const LAST_COLUMN = COLUMN_WIDTHS.length - 1;
const REASONS_AT = 7; // H
const LIKELIHOODS_AT = REASONS_AT + deviationReasonCodes.length; // M
const TEXTS_AT = LIKELIHOODS_AT + likelihoodCodes.length; // P

const widthOf = (left: number, right: number): number => spanWidth(COLUMN_WIDTHS, left, right);

/** 1–N月, N the month of the data date. */
const toMonth = (dataDate: string): string => `1–${monthOf(dataDate)}月`;

/** An exact execution rate printed by core's one rule ("45.3%"); blank without a budget. The print view shares it. */
export const executionRate = executionRateText;

const rate = (executedFen: number, budgetFen: number): Cell => ({
  value: executionRate(executedFen, budgetFen),
  style: 'number',
});

/** A printed percentage figure of the report (as the API gives it), or blank. */
const figure = (value: number | null | undefined): string | null =>
  value === null || value === undefined ? null : `${percentText(value)}%`;

const tick = (on: boolean): Cell => ({ value: on ? TICK : null, style: 'number' });

/** An instant as Beijing wall-clock time, `YYYY-MM-DD HH:mm` (the day is `beijingDay`'s). */
export const beijingTime = (iso: string): string => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
};

/** 年度指标值 with its operator: ≥40, ≤3; a qualitative target is its words alone. */
const targetText = (line: Pick<ReportLine, 'operator' | 'targetValue'>): string =>
  line.operator === 'QUALITATIVE' || line.targetValue === ''
    ? line.targetValue
    : `${operatorSymbols[line.operator]}${line.targetValue}`;

const colourLabel = (colour: keyof typeof warningColours): string => warningColours[colour]['zh-CN'];

// ------------------------------------------------------------------------------------------- sheet

/** The 监控表 of one report as one sheet (named 项目支出绩效目标执行监控表 unless told otherwise). */
export const monitoringTableSheet = (input: MonitoringTableInput, sheetName = MONITORING_TABLE_TITLE): Sheet => {
  const { rows, merges, rowHeights, put } = grid();
  const months = toMonth(input.dataDate);
  let r = 0;

  // Title, year and data date.
  put(r, 0, { value: MONITORING_TABLE_TITLE, style: 'title' }, LAST_COLUMN);
  rowHeights[r] = 30;
  r += 1;
  put(r, 0, { value: `（${input.fiscalYear}年度，数据截至 ${input.dataDate}）`, style: 'title' }, LAST_COLUMN);
  rowHeights[r] = 20;
  r += 1;

  // The project: label A:B, value C:I, label J:L, value M:R.
  const pair = (left: [string, string], right: [string, string | null]): void => {
    put(r, 0, label(left[0]), 1);
    put(r, 2, text(left[1]), 8);
    put(r, 9, label(right[0]), 11);
    put(r, 12, text(right[1]), LAST_COLUMN);
    rowHeights[r] = fitHeight(
      [
        [left[1], widthOf(2, 8)],
        [right[1] ?? '', widthOf(12, LAST_COLUMN)],
      ],
      20,
    );
    r += 1;
  };
  pair(['项目名称', input.projectName], ['项目编码', input.projectCode]);
  pair(['主管部门及代码', `${input.departmentName}（${input.departmentCode}）`], ['实施单位', input.unitName]);

  // Funds in 万元: budget, execution to date, its rate; the full-year forecast on the total only.
  const fundRows: [string, keyof ProjectFunds | null][] = [
    ['年度资金总额', null],
    ['其中：财政拨款', 'fiscal'],
    ['上年结转', 'carryOver'],
    ['其他资金', 'other'],
  ];
  put(r, 0, label('项目资金（万元）'), 1, r + fundRows.length);
  const fundColumns: [heading: string, left: number, right: number][] = [
    ['资金来源', 2, 3],
    ['年初预算数', 4, 5],
    ['全年预算数', 6, 7],
    [`${months}执行数`, 8, 11],
    ['执行率', 12, 14],
    ['全年预计执行数', 15, LAST_COLUMN],
  ];
  for (const [heading, left, right] of fundColumns) put(r, left, { value: heading, style: 'header' }, right);
  rowHeights[r] = 20;
  r += 1;
  const initial = initialBudgetOf(input);
  for (const [name, source] of fundRows) {
    const initialFen = source ? initial[source] : annualTotal(initial);
    const budgetFen = source ? input.budget[source] : annualTotal(input.budget);
    const executedFen = source ? input.executed[source] : annualTotal(input.executed);
    put(r, 2, label(name), 3);
    put(r, 4, money(initialFen), 5);
    put(r, 6, money(budgetFen), 7);
    put(r, 8, money(executedFen), 11);
    // The total's rate is the report's own figure: the same as on screen and in the API.
    const totalRate = budgetFen > 0 ? figure(input.assessment.executionRatePct) : null;
    put(r, 12, source ? rate(executedFen, budgetFen) : { value: totalRate, style: 'number' }, 14);
    put(r, 15, money(source ? null : input.forecastFullYearFen), LAST_COLUMN);
    rowHeights[r] = 20;
    r += 1;
  }

  // The year's overall goal as set at the start, and how far it has come.
  put(r, 0, label('年度总体目标'), 1, r + 1);
  put(r, 2, { value: '年初设定目标', style: 'header' }, 8);
  put(r, 9, { value: `${months}实际完成情况`, style: 'header' }, LAST_COLUMN);
  rowHeights[r] = 20;
  r += 1;
  put(r, 2, text(input.annualGoal), 8);
  put(r, 9, text(input.goalProgress), LAST_COLUMN);
  rowHeights[r] = fitHeight(
    [
      [input.annualGoal, widthOf(2, 8)],
      [input.goalProgress, widthOf(9, LAST_COLUMN)],
    ],
    60,
  );
  r += 1;

  // The indicator grid: two heading rows, the groups above their tick-boxes.
  const tall: [string, number][] = [
    ['一级指标', 0],
    ['二级指标', 1],
    ['三级指标', 2],
    ['年度指标值', 3],
    ['度量单位', 4],
    [`${months}实际完成值`, 5],
    ['全年预计完成值', 6],
    ['偏差原因说明', TEXTS_AT],
    ['纠偏措施', TEXTS_AT + 1],
    ['备注', TEXTS_AT + 2],
  ];
  for (const [heading, c] of tall) put(r, c, { value: heading, style: 'header' }, c, r + 1);
  put(r, REASONS_AT, { value: '偏差原因分析', style: 'header' }, LIKELIHOODS_AT - 1);
  put(r, LIKELIHOODS_AT, { value: '完成目标可能性', style: 'header' }, TEXTS_AT - 1);
  const subheadings = [
    ...deviationReasonCodes.map((code) => deviationReasons[code]['zh-CN']),
    ...likelihoodCodes.map((code) => likelihoods[code]['zh-CN']),
  ];
  subheadings.forEach((heading, i) => {
    put(r + 1, REASONS_AT + i, { value: heading, style: 'header' });
  });
  rowHeights[r] = 20;
  rowHeights[r + 1] = Math.max(
    fitHeight(
      subheadings.map((h, i): [string, number] => [h, COLUMN_WIDTHS[REASONS_AT + i] ?? 6]),
      20,
    ),
    fitHeight(
      tall.map(([h, c]): [string, number] => [h, COLUMN_WIDTHS[c] ?? 10]),
      0,
    ) - 20,
  );
  r += 2;

  const ordered = orderTargetRows(input.lines.filter((line) => line.period === 'ANNUAL'));
  const top = r;
  for (const line of ordered) {
    const reasons = new Set<DeviationReason>(line.deviationReasons);
    const shown: [Cell, string][] = [
      [text(line.name), line.name],
      [text(targetText(line)), targetText(line)],
      [text(line.unit), line.unit],
      [text(line.actualToDate), line.actualToDate],
      [text(line.forecastYearEnd), line.forecastYearEnd],
    ];
    put(r, 0, label(level1Name(line.level1)));
    put(r, 1, label(level2Name(line.level1, line.level2)));
    shown.forEach(([cell], i) => {
      put(r, 2 + i, cell);
    });
    deviationReasonCodes.forEach((code, i) => {
      put(r, REASONS_AT + i, tick(reasons.has(code)));
    });
    likelihoodCodes.forEach((code, i) => {
      put(r, LIKELIHOODS_AT + i, tick(line.likelihood === code));
    });
    const texts = [line.deviationAnalysis, line.correctiveMeasures, line.remarks];
    texts.forEach((value, i) => {
      put(r, TEXTS_AT + i, text(value));
    });
    // Levels 1 and 2 are merged down their runs: their height is made up over the run by mergeLevels.
    rowHeights[r] = fitHeight(
      [
        ...shown.map(([, value], i): [string, number] => [value, COLUMN_WIDTHS[2 + i] ?? 10]),
        ...texts.map((value, i): [string, number] => [value, COLUMN_WIDTHS[TEXTS_AT + i] ?? 10]),
      ],
      20,
    );
    r += 1;
  }
  mergeLevels({ rows, merges, rowHeights }, top, ordered, [COLUMN_WIDTHS[0] ?? 10, COLUMN_WIDTHS[1] ?? 10]);

  put(r, 0, label('填报人：'), 1);
  put(r, 2, text(null), 5);
  put(r, 6, label('联系电话：'), 7);
  put(r, 8, text(null), 11);
  put(r, 12, label('单位负责人：'), 14);
  put(r, 15, text(null), LAST_COLUMN);
  rowHeights[r] = 24;

  return { name: sheetName, columnWidths: COLUMN_WIDTHS, rows, merges, rowHeights, landscape: true };
};

/** The warnings of a report in words, one a line, numbered, each with its colour. */
export const warningLines = (input: Pick<MonitoringTableInput, 'assessment'>): string => {
  const reasons = input.assessment.warnings.map(
    (w, i) => `${i + 1}. 【${colourLabel(w.colour)}】${warningText(w, 'zh-CN')}`,
  );
  return reasons.length > 0 ? reasons.join('\n') : '无';
};

/** 序时进度 with the days it is worked out from ("49.6%（181/365 天）"). */
const timeProgressText = ({ assessment }: Pick<MonitoringTableInput, 'assessment'>): string => {
  const time = `${percentText(assessment.timeProgressPct)}%`;
  return assessment.elapsedDays === undefined
    ? time
    : `${time}（${assessment.elapsedDays}/${assessment.daysInYear} 天）`;
};

const INFO_HEADINGS = [
  '序号',
  '项目编码',
  '项目名称',
  '监控预警',
  '预警原因',
  '序时进度',
  '执行率',
  '目标完成进度',
  '预算执行偏差原因',
  '纠偏措施（预算执行）',
  '审核状态',
  '报送时间',
];
const INFO_WIDTHS = [6, 20, 24, 8, 48, 16, 9, 11, 28, 28, 12, 17];

/**
 * 监控预警及审核信息: for each report, what the official grid has no place for — the warning and
 * its reasons in words, the figures it was judged by, the report-level reason and measures for
 * a red budget, the review state and when it was first sent.
 */
export const monitoringInfoSheet = (inputs: readonly MonitoringTableInput[], title: string): Sheet => {
  const last = INFO_HEADINGS.length - 1;
  const rows: (Cell | CellValue)[][] = [
    [{ value: title, style: 'title' }],
    INFO_HEADINGS.map((value): Cell => ({ value, style: 'header' })),
  ];
  const rowHeights: Record<number, number> = { 0: 30, 1: 30 };
  inputs.forEach((input, i) => {
    const reasons = warningLines(input);
    const cells: string[] = [
      input.projectCode,
      input.projectName,
      colourLabel(input.assessment.colour),
      reasons,
      timeProgressText(input),
      figure(input.assessment.executionRatePct) ?? '',
      figure(input.assessment.indicatorProgressPct) ?? '',
      input.budgetDeviationReason ?? '',
      input.budgetCorrectiveMeasures ?? '',
      targetStatuses[input.reviewStatus]['zh-CN'],
      input.firstSubmittedAt ? beijingTime(input.firstSubmittedAt) : '',
    ];
    rowHeights[rows.length] = fitHeight(
      cells.map((value, c): [string, number] => [value, INFO_WIDTHS[c + 1] ?? 10]),
      20,
    );
    rows.push([{ value: i + 1, style: 'integer' }, ...cells.map((value) => text(value))]);
  });
  return {
    name: MONITORING_INFO_SHEET,
    columnWidths: INFO_WIDTHS,
    rows,
    merges: [rangeRef(0, 0, 0, last)],
    rowHeights,
    landscape: true,
    freezeRows: 2,
  };
};

/** The 监控表 of one report: the official sheet, then its warnings and review state on their own sheet. */
export const monitoringTableWorkbook = (input: MonitoringTableInput): Workbook => ({
  sheets: [monitoringTableSheet(input), monitoringInfoSheet([input], `${input.projectName}${MONITORING_INFO_SHEET}`)],
});

// ---------------------------------------------------------------------------------- department book

const SUMMARY_SHEET = '汇总';

export interface DepartmentMonitoringMeta {
  departmentName: string;
  /** The round, e.g. 2027年第一次绩效运行监控. */
  roundName: string;
  /** 数据截止日期 of the round: its month heads the execution columns. */
  dataDate: string;
}

/**
 * A department's 监控表 for one round in one workbook: a 汇总 sheet listing every report in the
 * order given, with a total row summed in fen, then one sheet per project in the same order, named
 * by its project code (made valid and unique when need be), and last the 监控预警及审核信息 of
 * every report.
 */
export const departmentMonitoringWorkbook = (
  inputs: readonly MonitoringTableInput[],
  meta: DepartmentMonitoringMeta,
): Workbook => {
  const taken = new Set([SUMMARY_SHEET.toUpperCase(), MONITORING_INFO_SHEET.toUpperCase()]);
  const sheets = inputs.map((input, i) =>
    monitoringTableSheet(input, uniqueSheetName(input.projectCode, `项目${i + 1}`, taken)),
  );

  const months = toMonth(meta.dataDate);
  const headings = [
    '序号',
    '项目编码',
    '项目名称',
    '实施单位',
    '年初预算数（万元）',
    '全年预算数（万元）',
    `${months}执行数（万元）`,
    '执行率',
    '全年预计执行数（万元）',
    '预警',
    '审核状态',
    '报送时间',
  ];
  const last = headings.length - 1;
  const rows: (Cell | CellValue)[][] = [
    [{ value: `${meta.departmentName}项目支出绩效目标执行监控汇总表`, style: 'title' }],
    [{ value: `（${meta.roundName}，数据截至 ${meta.dataDate}）`, style: 'title' }],
    headings.map((value): Cell => ({ value, style: 'header' })),
  ];
  let initialFen = 0;
  let budgetFen = 0;
  let executedFen = 0;
  let forecastFen: number | null = 0;
  inputs.forEach((input, i) => {
    const initial = annualTotal(initialBudgetOf(input));
    const budget = annualTotal(input.budget);
    const executed = annualTotal(input.executed);
    initialFen += initial;
    budgetFen += budget;
    executedFen += executed;
    // The total forecast is only shown when every project has one: a partial sum would read as the whole.
    forecastFen =
      forecastFen === null || input.forecastFullYearFen === null ? null : forecastFen + input.forecastFullYearFen;
    rows.push([
      { value: i + 1, style: 'integer' },
      text(input.projectCode),
      text(input.projectName),
      text(input.unitName),
      money(initial),
      money(budget),
      money(executed),
      // The report's own figure, as on screen and on its sheet.
      { value: budget > 0 ? figure(input.assessment.executionRatePct) : null, style: 'number' },
      money(input.forecastFullYearFen),
      text(colourLabel(input.assessment.colour)),
      text(targetStatuses[input.reviewStatus]['zh-CN']),
      text(input.firstSubmittedAt ? beijingTime(input.firstSubmittedAt) : null),
    ]);
  });
  const totalRow = rows.length;
  rows.push([
    label('合计'),
    null,
    null,
    null,
    money(initialFen),
    money(budgetFen),
    money(executedFen),
    rate(executedFen, budgetFen),
    money(forecastFen),
    text(null),
    text(null),
    text(null),
  ]);

  const summary: Sheet = {
    name: SUMMARY_SHEET,
    columnWidths: [6, 22, 36, 24, 14, 14, 14, 10, 16, 8, 14, 18],
    rows,
    merges: [rangeRef(0, 0, 0, last), rangeRef(1, 0, 1, last), rangeRef(totalRow, 0, totalRow, 3)],
    rowHeights: { 0: 30, 1: 20, 2: 30 },
    landscape: true,
    freezeRows: 3,
  };
  return {
    sheets: [
      summary,
      ...sheets,
      monitoringInfoSheet(inputs, `${meta.departmentName}${meta.roundName}${MONITORING_INFO_SHEET}`),
    ],
  };
};

// ------------------------------------------------------------------------------------ overdue list

/** One report of a round, as the list of those not sent on time needs it. */
export type OverdueRow = Pick<
  MonitoringReport,
  | 'roundId'
  | 'roundName'
  | 'deadline'
  | 'departmentSeries'
  | 'departmentName'
  | 'projectCode'
  | 'projectName'
  | 'unitName'
  | 'reviewStatus'
  | 'firstSubmittedAt'
> & {
  departmentCode: string;
};

export interface OverdueMeta {
  /** ISO instant the list is drawn up at: a report not yet sent is overdue once its deadline's Beijing day has passed. */
  asOf: string;
}

export type Overdue = '未报送' | '逾期报送';

/**
 * 逾期报送 when first sent on a Beijing day after the deadline; 未报送 when never sent and the
 * deadline has passed at `asOf`; null when it was (or can still be) sent on time.
 */
export const overdueStatus = (row: Pick<OverdueRow, 'deadline' | 'firstSubmittedAt'>, asOf: string): Overdue | null => {
  if (row.firstSubmittedAt) return beijingDay(row.firstSubmittedAt) > row.deadline ? '逾期报送' : null;
  return beijingDay(asOf) > row.deadline ? '未报送' : null;
};

const OVERDUE_TITLE = '未按时报送清单';
const OVERDUE_HEADINGS = [
  '序号',
  '系列',
  '部门',
  '项目编码',
  '项目名称',
  '实施单位',
  '当前状态',
  '首次报送时间',
  '情况',
];

const seriesIndex = (series: string): number => {
  const i = (departmentSeries as readonly string[]).indexOf(series);
  return i < 0 ? departmentSeries.length : i;
};

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * 未按时报送清单: one sheet per round (rounds by deadline, then name), each headed by the round's
 * name and deadline, listing the reports not sent on time by series, then department code, then
 * project code. Reports sent on time, or not yet due, are left out; a round with none says so.
 */
export const overdueWorkbook = (rows: readonly OverdueRow[], meta: OverdueMeta): Workbook => {
  const rounds = new Map<string, OverdueRow[]>();
  for (const row of rows) {
    const group = rounds.get(row.roundId) ?? [];
    group.push(row);
    rounds.set(row.roundId, group);
  }
  const ordered = [...rounds.values()].sort(
    (a, b) =>
      byText(a[0]?.deadline ?? '', b[0]?.deadline ?? '') || byText(a[0]?.roundName ?? '', b[0]?.roundName ?? ''),
  );
  const last = OVERDUE_HEADINGS.length - 1;
  const taken = new Set<string>();
  const asOf = beijingTime(meta.asOf);

  const sheetOf = (name: string, roundName: string, deadline: string | null, group: readonly OverdueRow[]): Sheet => {
    const late = group
      .map((row) => ({ row, overdue: overdueStatus(row, meta.asOf) }))
      .filter((item): item is { row: OverdueRow; overdue: Overdue } => item.overdue !== null)
      .sort(
        ({ row: a }, { row: b }) =>
          seriesIndex(a.departmentSeries) - seriesIndex(b.departmentSeries) ||
          byText(a.departmentSeries, b.departmentSeries) ||
          byText(a.departmentCode, b.departmentCode) ||
          byText(a.projectCode, b.projectCode),
      );
    const sheetRows: (Cell | CellValue)[][] = [
      [{ value: `${roundName}${OVERDUE_TITLE}`, style: 'title' }],
      [
        {
          value: deadline ? `（报送截止日期：${deadline}，统计时间：${asOf}）` : `（统计时间：${asOf}）`,
          style: 'title',
        },
      ],
      OVERDUE_HEADINGS.map((value): Cell => ({ value, style: 'header' })),
    ];
    late.forEach(({ row, overdue }, i) => {
      sheetRows.push([
        { value: i + 1, style: 'integer' },
        text(seriesLabels[row.departmentSeries as DepartmentSeries] ?? row.departmentSeries),
        text(row.departmentName),
        text(row.projectCode),
        text(row.projectName),
        text(row.unitName),
        text(targetStatuses[row.reviewStatus]['zh-CN']),
        text(row.firstSubmittedAt ? beijingTime(row.firstSubmittedAt) : null),
        text(overdue),
      ]);
    });
    const notSent = late.filter((item) => item.overdue === '未报送').length;
    const footer = late.length
      ? `合计 ${late.length} 个项目：未报送 ${notSent} 个，逾期报送 ${late.length - notSent} 个`
      : '无未按时报送的项目';
    const footerRow = sheetRows.length;
    sheetRows.push([label(footer)]);
    return {
      name,
      columnWidths: [6, 12, 20, 22, 32, 22, 12, 18, 10],
      rows: sheetRows,
      merges: [rangeRef(0, 0, 0, last), rangeRef(1, 0, 1, last), rangeRef(footerRow, 0, footerRow, last)],
      rowHeights: { 0: 30, 1: 20, 2: 20 },
      landscape: true,
      freezeRows: 3,
    };
  };

  if (ordered.length === 0) return { sheets: [sheetOf(OVERDUE_TITLE, '', null, [])] };
  return {
    sheets: ordered.map((group, i) => {
      const first = group[0] as OverdueRow;
      const name = uniqueSheetName(first.roundName, `轮次${i + 1}`, taken);
      return sheetOf(name, first.roundName, first.deadline, group);
    }),
  };
};
