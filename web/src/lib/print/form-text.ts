import { type FrameworkLevel, indicatorFrameworks } from '@jixiao/core/indicator-library/framework.ts';
import { type IndicatorOperator, operatorSymbols, type valueBases } from '@jixiao/core/indicator-library/indicator.ts';
import { ratio } from '@jixiao/core/monitoring/exact-ratio.ts';
import { percentFigure, percentText } from '@jixiao/core/monitoring/percent-text.ts';
import type { TargetRow } from '@jixiao/core/submission/performance-target.ts';
import { formatWan } from '#lib/money.ts';

/**
 * The words and figures of the printed forms (申报表, 监控表, 自评表), always in Chinese: they are the
 * official paper forms, the same cells the XLSX exports write (functions/src/export/target-table.ts,
 * monitoring-table.ts, self-evaluation-table.ts; docs/domain/submission.md#print). The web cannot
 * import the exports, so the few layout rules they share with the print are restated here, each
 * naming its original; every figure goes through core's one rule (money in 万元 from integer fen by
 * `formatWan`, rates by `percentText`, scores by `scoreText` through `scoreLabel`).
 */

const framework: readonly FrameworkLevel[] = indicatorFrameworks['mof-2020'];

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

/** Looked up under its level 1 first, as target-table.ts's `level2Name`. */
export const level2Name = (level1: string, level2: string): string =>
  (
    childrenOf(level1).find((c) => c.code === level2) ??
    framework.flatMap((l) => l.children).find((c) => c.code === level2)
  )?.name['zh-CN'] ?? level2;

/** Level 1 in framework order, then level 2; ties keep the order written (target-table.ts's `orderTargetRows`). */
export const orderRows = <R extends { level1: string; level2: string }>(rows: readonly R[]): R[] =>
  rows
    .map((row, i) => ({ row, i, l1: level1Index(row.level1), l2: level2Index(row.level1, row.level2) }))
    .sort((a, b) => a.l1 - b.l1 || a.l2 - b.l2 || a.i - b.i)
    .map(({ row }) => row);

/**
 * How many rows each cell of levels 1 and 2 spans (its rowspan), 0 for a row a cell above covers:
 * the merges down the runs that the XLSX makes with `mergeLevels`.
 */
export const levelSpans = (rows: readonly { level1: string; level2: string }[]): { level1: number; level2: number }[] =>
  rows.map((row, i) => {
    const previous = rows[i - 1];
    const startsLevel1 = !previous || previous.level1 !== row.level1;
    const startsLevel2 = startsLevel1 || previous?.level2 !== row.level2;
    let level1 = 0;
    let level2 = 0;
    if (startsLevel1) while (rows[i + level1]?.level1 === row.level1) level1 += 1;
    if (startsLevel2)
      while (rows[i + level2]?.level1 === row.level1 && rows[i + level2]?.level2 === row.level2) level2 += 1;
    return { level1, level2 };
  });

/** `{start}年` or `{start}–{end}年`, as the 申报表 writes a project's period. */
export const periodText = (start: number, end: number): string => (start === end ? `${start}年` : `${start}–${end}年`);

/** 万元 from integer fen, every significant decimal (the screens' `formatWan`); blank for none. */
export const wan = (fen: number | null | undefined): string =>
  fen === null || fen === undefined ? '' : formatWan(fen);

/** A percentage figure of the API as printed ("45.3%"), blank for none. */
export const percent = (value: number | null | undefined): string =>
  value === null || value === undefined ? '' : `${percentText(value)}%`;

/** An exact execution rate by core's one rule (monitoring-table.ts's `executionRate`); blank without a budget. */
export const executionRate = (executedFen: number, budgetFen: number): string =>
  budgetFen > 0 ? `${percentText(percentFigure(ratio(executedFen, budgetFen)))}%` : '';

// -------------------------------------------------------------------------------------- 申报表

/** 指标值设定依据, as the 88号 form words them (target-table.ts's `valueBasisLabels`). */
export const valueBasisLabels: Record<(typeof valueBases)[number], string> = {
  PLAN: '计划标准',
  INDUSTRY: '行业标准',
  HISTORICAL: '历史标准',
  SPENDING_STANDARD: '预算支出标准',
  OTHER: '其他标准',
};

export const natureLabels: Record<string, string> = { NEW: '新增项目', CONTINUING: '延续项目' };
export const recurrenceLabels: Record<string, string> = { ONE_OFF: '一次性', RECURRING: '经常性' };

/** One line of the 申报表's grid: a level-3 indicator with its medium-term row, its annual row, or both. */
export interface IndicatorLine {
  level1: string;
  level2: string;
  name: string;
  MEDIUM_TERM?: TargetRow;
  ANNUAL?: TargetRow;
}

/** A medium-term and an annual row of the same levels and name share a line (target-table.ts's `indicatorLines`). */
export const indicatorLines = (rows: readonly TargetRow[]): IndicatorLine[] => {
  const lines: IndicatorLine[] = [];
  for (const row of orderRows(rows)) {
    const name = row.name.trim();
    const partner = lines.find(
      (l) => l.level1 === row.level1 && l.level2 === row.level2 && l.name === name && !l[row.period],
    );
    if (partner) partner[row.period] = row;
    else lines.push({ level1: row.level1, level2: row.level2, name, [row.period]: row });
  }
  return lines;
};

/** 指标值 as the form writes it: "≥40间", "≤2027-11-30", or a qualitative target's words. */
export const indicatorValueText = (row: Pick<TargetRow, 'operator' | 'value' | 'unit'> | undefined): string => {
  if (!row || row.value.trim() === '') return '';
  if (row.operator === 'QUALITATIVE') return row.value;
  return `${operatorSymbols[row.operator]}${row.value}${row.unit}`;
};

const basisText = (row: TargetRow): string =>
  row.dataSource.trim() === ''
    ? valueBasisLabels[row.valueBasis]
    : `${valueBasisLabels[row.valueBasis]}；数据来源：${row.dataSource.trim()}`;

/** 指标值设定依据及数据来源 of a line: once when both periods say the same, else each period's. */
export const lineBasisText = (line: IndicatorLine): string => {
  const medium = line.MEDIUM_TERM ? basisText(line.MEDIUM_TERM) : null;
  const annual = line.ANNUAL ? basisText(line.ANNUAL) : null;
  if (medium === null || annual === null || medium === annual) return medium ?? annual ?? '';
  return `中期：${medium}\n年度：${annual}`;
};

// ---------------------------------------------------------------------------------- 监控表, 自评表

/** 年度指标值 with its operator; a qualitative target is its words alone; `unit` appended when given. */
export const targetValueText = (
  line: { operator: IndicatorOperator | string; targetValue: string },
  unit = '',
): string =>
  line.operator === 'QUALITATIVE' || line.targetValue === ''
    ? line.targetValue
    : `${operatorSymbols[line.operator as IndicatorOperator] ?? ''}${line.targetValue}${unit}`;
