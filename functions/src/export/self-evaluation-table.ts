import { operatorSymbols } from '@jixiao/core/indicator-library/indicator.ts';
import { percentText } from '@jixiao/core/monitoring/percent-text.ts';
import { scoreText } from '@jixiao/core/self-evaluation/score-rounding.ts';
import type { ScoreSheet } from '@jixiao/core/self-evaluation/score-sheet.ts';
import type { SelfEvaluation } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { qualitativeTiers, type SelfEvaluationRow } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import { reviewGrades } from '@jixiao/core/submission/performance-target.ts';
import {
  fenToWanYuan,
  fitHeight,
  grid,
  label,
  level1Name,
  level2Name,
  orderTargetRows,
  spanWidth,
  text,
} from '#functions/export/target-table.ts';
import type { Cell, Sheet, Workbook } from '#functions/export/xlsx/workbook.ts';

/**
 * The 项目支出绩效自评表 of 财预〔2020〕10号's attachment for one self-evaluation
 * (docs/domain/self-evaluation.md#exports), on ten columns A–J, as the departments' paper tables
 * lay it out and as the table check reads them back:
 *
 *   1      项目支出绩效自评表 (A:J)
 *   2      （N年度）
 *   3–4    项目名称 | name | 项目编码 | code; 主管部门 | 实施单位
 *   5–9    项目资金（万元） (A, five rows): 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, then
 *          年度资金总额 / 其中：当年财政拨款 / 上年结转资金 / 其他资金 (分值 and 得分 on the total)
 *   10–11  年度总体目标: 预期目标 (B:F) | 实际完成情况 (G:J)
 *   12     绩效指标: 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 (I:J)
 *   …      one row per indicator in framework order, levels 1 and 2 merged down their runs
 *   last   总分, then 自评等级
 *
 * Every score is the formula's, printed by the round's one rounding rule (`scoreText`), the same as
 * on screen and in the API; rates by the percent rule. Money is integer fen shown in 万元.
 */
export type SelfEvaluationTableInput = Pick<
  SelfEvaluation,
  | 'fiscalYear'
  | 'projectCode'
  | 'projectName'
  | 'departmentName'
  | 'unitName'
  | 'annualGoal'
  | 'goalCompletion'
  | 'money'
  | 'rows'
  | 'scoring'
  | 'weights'
>;

export const SELF_EVALUATION_TABLE_TITLE = '项目支出绩效自评表';

const COLUMN_WIDTHS = [10, 12, 14, 20, 12, 14, 8, 10, 18, 18];
const LAST = COLUMN_WIDTHS.length - 1;
const widthOf = (left: number, right: number) => spanWidth(COLUMN_WIDTHS, left, right);

const MONEY_LABELS = {
  TOTAL: '年度资金总额',
  FISCAL: '其中：当年财政拨款',
  CARRY_OVER: '上年结转资金',
  OTHER: '其他资金',
};

const wan = (fen: number | null): Cell => ({ value: fen === null ? null : fenToWanYuan(fen), style: 'money' });

/** 年度指标值 as tables print it: the operator, the value and its unit ("≥46个"); a qualitative target its words. */
const targetText = (row: SelfEvaluationRow): string =>
  row.operator === 'QUALITATIVE' || row.targetValue === ''
    ? row.targetValue
    : `${operatorSymbols[row.operator]}${row.targetValue}${row.unit}`;

/** 实际完成值: a number with the target's unit; where a tier scores the row, the tier's words after the actual. */
const actualText = (row: SelfEvaluationRow): string => {
  const written = row.actual && /^-?\d+(\.\d+)?$/.test(row.actual) ? `${row.actual}${row.unit}` : row.actual;
  if (!row.tier) return written;
  const tier = qualitativeTiers[row.tier]['zh-CN'];
  return written && written !== tier ? `${written}（${tier}）` : tier;
};

/** 偏差原因分析及改进措施: what the unit wrote for rules 6 and 7 and the not-computable and not-applicable rows. */
const reasonsText = (row: SelfEvaluationRow): string =>
  [
    row.notApplicable && row.notApplicableReason ? `不适用：${row.notApplicableReason}` : '',
    row.notComputableReason ? `无法按公式计分：${row.notComputableReason}` : '',
    row.overExplanation ? `超额完成说明：${row.overExplanation}` : '',
    row.deviationReasons ? `偏差原因：${row.deviationReasons}` : '',
    row.improvementMeasures ? `改进措施：${row.improvementMeasures}` : '',
    row.deduction && row.deductionReason ? `扣分 ${row.deduction}：${row.deductionReason}` : '',
  ]
    .filter(Boolean)
    .join('\n');

export const selfEvaluationTableSheet = (
  input: SelfEvaluationTableInput,
  sheet: ScoreSheet,
  name = SELF_EVALUATION_TABLE_TITLE,
): Sheet => {
  const { rows, merges, rowHeights, put } = grid();
  const rounding = input.scoring.rounding;
  const score = (n: number | null): Cell => ({
    value: n === null ? null : Number(scoreText(n, rounding)),
    style: 'number',
  });
  let r = 0;

  put(r, 0, { value: SELF_EVALUATION_TABLE_TITLE, style: 'title' }, LAST);
  rowHeights[r] = 30;
  r += 1;
  put(r, 0, { value: `（${input.fiscalYear}年度）`, style: 'title' }, LAST);
  r += 1;

  put(r, 0, label('项目名称'));
  put(r, 1, text(input.projectName), 5);
  put(r, 6, label('项目编码'));
  put(r, 7, text(input.projectCode), LAST);
  r += 1;
  put(r, 0, label('主管部门'));
  put(r, 1, text(input.departmentName), 4);
  put(r, 5, label('实施单位'));
  put(r, 6, text(input.unitName), LAST);
  r += 1;

  // The money block: the engine's lines are the sources as given, then their total; the table puts the total first.
  const lines = sheet.execution.lines;
  const total = lines.find((l) => l.source === 'TOTAL');
  const ordered = [...(total ? [total] : []), ...lines.filter((l) => l.source !== 'TOTAL')];
  put(r, 0, label('项目资金（万元）'), 0, r + ordered.length);
  put(r, 1, { value: null, style: 'header' }, 2);
  ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].forEach((h, i) => {
    put(r, 3 + i, { value: h, style: 'header' }, i === 5 ? LAST : 3 + i);
  });
  r += 1;
  for (const line of ordered) {
    const isTotal = line.source === 'TOTAL';
    put(r, 1, label(MONEY_LABELS[line.source]), 2);
    put(r, 3, wan(line.initialBudgetFen));
    put(r, 4, wan(line.annualBudgetFen));
    put(r, 5, wan(line.executedFen));
    put(r, 6, isTotal ? { value: sheet.execution.points, style: 'number' } : { value: null, style: 'number' });
    put(r, 7, { value: line.rate === null ? null : `${percentText(line.rate)}%`, style: 'number' });
    put(r, 8, isTotal ? score(sheet.execution.score) : { value: null, style: 'number' }, LAST);
    r += 1;
  }

  put(r, 0, label('年度总体目标'), 0, r + 1);
  put(r, 1, { value: '预期目标', style: 'header' }, 5);
  put(r, 6, { value: '实际完成情况', style: 'header' }, LAST);
  r += 1;
  put(r, 1, text(input.annualGoal), 5);
  put(r, 6, text(input.goalCompletion), LAST);
  rowHeights[r] = fitHeight(
    [
      [input.annualGoal, widthOf(1, 5)],
      [input.goalCompletion, widthOf(6, LAST)],
    ],
    30,
  );
  r += 1;

  const headerRow = r;
  ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'].forEach((h, i) => {
    put(r, 1 + i, { value: h, style: 'header' });
  });
  put(r, 8, { value: '偏差原因分析及改进措施', style: 'header' }, LAST);
  r += 1;

  const scores = new Map(sheet.rows.map((s) => [s.rowId, s]));
  const ordered2 = orderTargetRows(input.rows);
  const first = r;
  ordered2.forEach((row, i) => {
    const at = first + i;
    const previous = ordered2[i - 1];
    const newLevel1 = !previous || previous.level1 !== row.level1;
    const newLevel2 = newLevel1 || previous?.level2 !== row.level2;
    put(at, 1, newLevel1 ? text(level1Name(row.level1)) : { value: null, style: 'text' });
    put(at, 2, newLevel2 ? text(level2Name(row.level1, row.level2)) : { value: null, style: 'text' });
    put(at, 3, text(row.name));
    put(at, 4, text(targetText(row)));
    put(at, 5, text(actualText(row)));
    put(at, 6, { value: row.weight, style: 'number' });
    const s = scores.get(row.rowId);
    put(at, 7, s?.kind === 'NOT_APPLICABLE' ? text('不适用') : score(s?.score ?? null));
    const reasons = reasonsText(row);
    put(at, 8, text(reasons), LAST);
    rowHeights[at] = fitHeight(
      [
        [row.name, widthOf(3, 3)],
        [reasons, widthOf(8, LAST)],
      ],
      20,
    );
  });
  // Levels 1 and 2 merged down the rows they head, as printed tables do.
  for (const [column, key] of [
    [1, (x: SelfEvaluationRow) => x.level1],
    [2, (x: SelfEvaluationRow) => `${x.level1}/${x.level2}`],
  ] as const) {
    let start = 0;
    for (let i = 1; i <= ordered2.length; i++) {
      if (i === ordered2.length || key(ordered2[i]!) !== key(ordered2[start]!)) {
        if (i - 1 > start)
          merges.push(
            `${String.fromCharCode(65 + column)}${first + start + 1}:${String.fromCharCode(65 + column)}${first + i}`,
          );
        start = i;
      }
    }
  }
  r = first + ordered2.length;

  put(r, 1, label('总分'), 5);
  put(r, 6, { value: input.weights.total, style: 'number' });
  put(r, 7, score(sheet.complete ? sheet.total : null));
  put(
    r,
    8,
    { value: sheet.rescaled ? `不适用指标已剔除，按 ${sheet.applicablePoints} 分折算` : null, style: 'text' },
    LAST,
  );
  put(headerRow, 0, label('绩效指标'), 0, r);
  r += 1;
  put(r, 0, label('自评等级'));
  put(r, 1, text(sheet.grade ? reviewGrades[sheet.grade]['zh-CN'] : ''), LAST);
  r += 1;
  put(r, 0, { value: '填报人：', style: 'label' }, 2);
  put(r, 3, { value: '联系电话：', style: 'label' }, 5);
  put(r, 6, { value: '单位负责人：', style: 'label' }, LAST);

  return { name, columnWidths: COLUMN_WIDTHS, rows, merges, rowHeights, landscape: true };
};

export const selfEvaluationTableWorkbook = (input: SelfEvaluationTableInput, sheet: ScoreSheet): Workbook => ({
  sheets: [selfEvaluationTableSheet(input, sheet)],
  creator: 'Jixiao',
});
