import { type FrameworkLevel, indicatorFrameworks } from '#core/indicator-library/framework.ts';
import { operatorSymbols, type valueBases } from '#core/indicator-library/indicator.ts';
import type { TargetRow } from '#core/submission/performance-target.ts';
import type { Project } from '#core/submission/project.ts';

/**
 * The wording of the 项目支出绩效目标申报表 (财预〔2020〕10号's form; docs/domain/submission.md#print), always in Chinese:
 * the XLSX export (functions/src/export/target-table.ts) and the print view (web/src/routes/targets/[id]/print) write
 * the same lines from these, so the paper and the spreadsheet cannot drift apart.
 */

/** Targets carry no framework yet; every target so far is written against this one. */
const framework: readonly FrameworkLevel[] = indicatorFrameworks['mof-2020'];

type ValueBasis = (typeof valueBases)[number];

/** 指标值设定依据, as the form words them. */
export const valueBasisLabels: Record<ValueBasis, string> = {
  PLAN: '计划标准',
  INDUSTRY: '行业标准',
  HISTORICAL: '历史标准',
  SPENDING_STANDARD: '预算支出标准',
  OTHER: '其他标准',
};

export const natureLabels: Record<Project['nature'], string> = { NEW: '新增项目', CONTINUING: '延续项目' };
export const recurrenceLabels: Record<Project['recurrence'], string> = { ONE_OFF: '一次性', RECURRING: '经常性' };

/** `{start}年` or `{start}–{end}年`: a project's period. */
export const periodText = (start: number, end: number): string => (start === end ? `${start}年` : `${start}–${end}年`);

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

/** One line of the grid: a level-3 indicator with its medium-term row, its annual row, or both. */
export interface IndicatorLine {
  level1: TargetRow['level1'];
  level2: TargetRow['level2'];
  name: string;
  MEDIUM_TERM?: TargetRow;
  ANNUAL?: TargetRow;
}

/**
 * The grid's lines in framework order. A medium-term and an annual row with the same level 1, level 2
 * and name (spaces around it ignored) share a line; any other row has a line of its own, in the
 * order it was written within its level 2.
 */
export const indicatorLines = (rows: readonly TargetRow[]): IndicatorLine[] => {
  const lines: IndicatorLine[] = [];
  for (const row of orderTargetRows(rows)) {
    const name = row.name.trim();
    const partner = lines.find(
      (l) => l.level1 === row.level1 && l.level2 === row.level2 && l.name === name && !l[row.period],
    );
    if (partner) partner[row.period] = row;
    else lines.push({ level1: row.level1, level2: row.level2, name, [row.period]: row });
  }
  return lines;
};

/** 指标值 as the form writes it: "≥40间", "≤2027-11-30", or the wording of a qualitative target. */
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
