import type { ResultApplication } from '@jixiao/core/results-application/result-application.ts';
import { resultSources } from '@jixiao/core/results-application/result-application.ts';
import { resultMeasures } from '@jixiao/core/results-application/result-measure.ts';
import { reviewGrades } from '@jixiao/core/submission/performance-target.ts';
import type { Cell, Workbook } from '#functions/export/xlsx/workbook.ts';

/** One decision with next year's continuation as it stands (what the trace shows). */
export interface TraceRow {
  result: ResultApplication;
  next: { code: string; name: string; stage: string; amount: number; overrideReason: string | null } | null;
}

/** Fen as 元 with two decimals, exact: a fen count is a whole number, so fen / 100 prints as written. */
const yuan = (fen: number | null): Cell => (fen === null ? { value: '—' } : { value: fen / 100, style: 'money' });

const measureText = (r: ResultApplication): string => {
  const name = resultMeasures[r.measure]['zh-CN'];
  if (r.measure === 'REDUCE_PCT' && r.pct !== null) return `${name} ${r.pct}%`;
  if (r.measure === 'REDUCE_AMOUNT' && r.amountFen !== null) return `${name} ${(r.amountFen / 100).toFixed(2)}元`;
  return name;
};

/**
 * The trace of a budget year as one sheet (结果应用追踪表, docs/domain/results-application.md#the-trace): each decision,
 * grade → measure → recommended against next year's amount, with the departure and override reasons, in Chinese.
 */
export const traceWorkbook = (targetYear: number, rows: readonly TraceRow[]): Workbook => {
  const headings = [
    '部门',
    '项目编码',
    '评价对象',
    '结果来源',
    '评价年度',
    '等级',
    '得分',
    '应用措施',
    '偏离政策理由',
    '本年度金额（元）',
    '下年度建议金额（元）',
    '下年度安排（元）',
    '是否纳入预算',
    '纳入预算理由',
    '确定人',
    '确定时间',
  ];
  return {
    sheets: [
      {
        name: `${targetYear}年度结果应用`,
        columnWidths: [16, 16, 28, 14, 10, 8, 8, 20, 24, 16, 18, 16, 12, 28, 10, 20],
        freezeRows: 2,
        landscape: true,
        merges: [`A1:P1`],
        rows: [
          [{ value: `${targetYear}年度绩效评价结果应用追踪表`, style: 'title' }, ...headings.slice(1).map(() => null)],
          headings.map((h) => ({ value: h, style: 'header' as const })),
          ...rows.map(({ result: r, next }) => [
            r.departmentName,
            r.projectCode ?? '',
            r.objectType === 'PROJECT' ? (r.projectName ?? '') : '部门整体',
            resultSources[r.source]['zh-CN'],
            { value: r.fiscalYear, style: 'integer' as const },
            r.grade ? reviewGrades[r.grade]['zh-CN'] : '—',
            r.score === null ? '—' : { value: r.score, style: 'number' as const },
            measureText(r),
            r.departed ? r.reason : '',
            yuan(r.amount),
            yuan(r.recommendedAmount),
            next ? yuan(next.amount) : r.objectType === 'PROJECT' ? '尚未申报' : '—',
            next ? (next.stage === 'BUDGETED' ? '是' : '否') : '—',
            next?.overrideReason ?? '',
            r.decidedByName,
            r.decidedAt.slice(0, 16).replace('T', ' '),
          ]),
        ],
      },
    ],
  };
};
