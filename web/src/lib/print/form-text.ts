import { type IndicatorOperator, operatorSymbols } from '@jixiao/core/indicator-library/indicator.ts';
import { executionRateText, percentText } from '@jixiao/core/monitoring/percent-text.ts';
import { formatWan } from '#lib/money.ts';

/**
 * The words and figures of the printed forms (申报表, 监控表, 自评表), always in Chinese: they are the
 * official paper forms, the same cells the XLSX exports write (functions/src/export/target-table.ts,
 * monitoring-table.ts, self-evaluation-table.ts; docs/domain/submission.md#print). The 申报表's wording is core's
 * (core/src/submission/declaration-text.ts), shared with the XLSX; what is only the print's (row spans, blanks for
 * none) is here; every figure goes through core's one rule (money in 万元 from integer fen by `formatWan`, rates by
 * `percentText`, scores by `scoreText` through `scoreLabel`).
 */
export {
  type IndicatorLine,
  indicatorLines,
  indicatorValueText,
  level1Name,
  level2Name,
  lineBasisText,
  natureLabels,
  orderTargetRows as orderRows,
  periodText,
  recurrenceLabels,
  valueBasisLabels,
} from '@jixiao/core/submission/declaration-text.ts';

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

/** 万元 from integer fen, every significant decimal (the screens' `formatWan`); blank for none. */
export const wan = (fen: number | null | undefined): string =>
  fen === null || fen === undefined ? '' : formatWan(fen);

/** A percentage figure of the API as printed ("45.3%"), blank for none. */
export const percent = (value: number | null | undefined): string =>
  value === null || value === undefined ? '' : `${percentText(value)}%`;

/** An exact execution rate by core's one rule, as the XLSX prints it; blank without a budget. */
export const executionRate = (executedFen: number, budgetFen: number): string =>
  executionRateText(executedFen, budgetFen) ?? '';

// ---------------------------------------------------------------------------------- 监控表, 自评表

/** 年度指标值 with its operator; a qualitative target is its words alone; `unit` appended when given. */
export const targetValueText = (
  line: { operator: IndicatorOperator | string; targetValue: string },
  unit = '',
): string =>
  line.operator === 'QUALITATIVE' || line.targetValue === ''
    ? line.targetValue
    : `${operatorSymbols[line.operator as IndicatorOperator] ?? ''}${line.targetValue}${unit}`;
