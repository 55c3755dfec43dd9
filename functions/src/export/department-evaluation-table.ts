import type { DepartmentEvaluation } from '@jixiao/core/department-evaluation/department-evaluation.ts';
import { departmentFigures, type FigureKey } from '@jixiao/core/department-evaluation/department-figures.ts';
import { labelText } from '@jixiao/core/department-evaluation/department-framework.ts';
import type { DepartmentSheet } from '@jixiao/core/department-evaluation/department-sheet.ts';
import { scoreText } from '@jixiao/core/self-evaluation/score-rounding.ts';
import { type ReviewGrade, reviewGrades } from '@jixiao/core/submission/performance-target.ts';
import { fitHeight, grid, label, spanWidth, text } from '#functions/export/target-table.ts';
import type { Cell, Workbook } from '#functions/export/xlsx/workbook.ts';

/**
 * The 部门整体支出绩效自评表 of one department and year (docs/domain/self-evaluation.md, "Department overall
 * self-evaluation"), on nine columns A–I:
 *
 *   1      部门整体支出绩效自评表 (A:I)
 *   2      （N年度）
 *   3      部门名称 | name | 评价框架 | the framework's name
 *   4      一级指标 | 二级指标 | 三级指标 | 分值 | 类型 | 评分标准 | 指标值 | 得分 | 计分过程及扣分理由
 *   …      one row per level-3 indicator in framework order; levels 1 and 2 (with their points) merged down their runs
 *   then   合计 (the sum of the rounded scores), 自评等级, the department's project self-evaluations, and the
 *          figures the formulas were computed from
 *
 * Every score is core's (department-sheet.ts), printed by the year's one rounding rule (`scoreText`), exactly as
 * the API and the screen show it; a formula's value by the percent rule core chose for it.
 */
export type DepartmentEvaluationTableInput = Pick<
  DepartmentEvaluation,
  'fiscalYear' | 'departmentName' | 'framework' | 'figures' | 'scoring'
>;

export const DEPARTMENT_EVALUATION_TABLE_TITLE = '部门整体支出绩效自评表';

const COLUMN_WIDTHS = [12, 14, 18, 7, 8, 30, 10, 8, 40];
const LAST = COLUMN_WIDTHS.length - 1;

const gradeText = (grade: ReviewGrade | null): string =>
  grade ? reviewGrades[grade]['zh-CN'] : '未定（尚有指标未评分）';

export const departmentEvaluationWorkbook = (
  input: DepartmentEvaluationTableInput,
  sheet: DepartmentSheet,
): Workbook => {
  const { rows, merges, rowHeights, put } = grid();
  const rounding = input.scoring.rounding;
  const score = (n: number | null): Cell => ({
    value: n === null ? null : Number(scoreText(n, rounding)),
    style: 'number',
  });
  let r = 0;
  put(r, 0, { value: DEPARTMENT_EVALUATION_TABLE_TITLE, style: 'title' }, LAST);
  rowHeights[r] = 30;
  r += 1;
  put(r, 0, { value: `（${input.fiscalYear}年度）`, style: 'title' }, LAST);
  r += 1;
  put(r, 0, label('部门名称'));
  put(r, 1, text(input.departmentName), 4);
  put(r, 5, label('评价框架'));
  put(r, 6, text(labelText(input.framework.name, 'zh-CN')), LAST);
  r += 1;
  ['一级指标', '二级指标', '三级指标', '分值', '类型', '评分标准', '指标值', '得分', '计分过程及扣分理由'].forEach(
    (h, i) => {
      put(r, i, { value: h, style: 'header' });
    },
  );
  r += 1;

  const level1 = new Map(input.framework.level1.map((l1) => [l1.code, l1]));
  const level2 = new Map(input.framework.level1.flatMap((l1) => l1.children.map((l2) => [l2.code, l2] as const)));
  const first = r;
  sheet.indicators.forEach((s, i) => {
    const at = first + i;
    const previous = sheet.indicators[i - 1];
    const l1 = level1.get(s.level1);
    const l2 = level2.get(s.level2);
    put(at, 0, previous?.level1 !== s.level1 && l1 ? text(`${l1.name['zh-CN']}（${l1.points}分）`) : text(null));
    put(at, 1, previous?.level2 !== s.level2 && l2 ? text(`${l2.name['zh-CN']}（${l2.points}分）`) : text(null));
    put(at, 2, text(s.name['zh-CN']));
    put(at, 3, { value: s.points, style: 'number' });
    put(at, 4, text(s.kind === 'FORMULA' ? '公式' : '评判'));
    const standard = s.definition ? `${s.definition['zh-CN']}\n${s.standard['zh-CN']}` : s.standard['zh-CN'];
    put(at, 5, text(standard));
    put(at, 6, { value: s.valuePct === null ? null : `${s.valuePct}%`, style: 'number' });
    put(at, 7, score(s.score));
    put(at, 8, text(s.derivation['zh-CN']));
    rowHeights[at] = fitHeight(
      [
        [standard, spanWidth(COLUMN_WIDTHS, 5, 5)],
        [s.derivation['zh-CN'], spanWidth(COLUMN_WIDTHS, 8, 8)],
      ],
      20,
    );
  });
  // Levels 1 and 2 merged down the rows they head, as printed tables do.
  for (const [column, key] of [
    [0, (i: number) => sheet.indicators[i]?.level1],
    [1, (i: number) => sheet.indicators[i]?.level2],
  ] as const) {
    let start = 0;
    for (let i = 1; i <= sheet.indicators.length; i++) {
      if (i < sheet.indicators.length && key(i) === key(start)) continue;
      if (i - 1 > start) {
        const col = String.fromCharCode(65 + column);
        merges.push(`${col}${first + start + 1}:${col}${first + i}`);
      }
      start = i;
    }
  }
  r = first + sheet.indicators.length;

  put(r, 0, label('合计'), 2);
  put(r, 3, { value: 100, style: 'number' });
  put(r, 4, text(null), 6);
  put(r, 7, score(sheet.total));
  put(r, 8, text(sheet.derivation['zh-CN']));
  rowHeights[r] = fitHeight([[sheet.derivation['zh-CN'], spanWidth(COLUMN_WIDTHS, 8, 8)]], 20);
  r += 1;
  put(r, 0, label('自评等级'), 2);
  put(r, 3, text(gradeText(sheet.grade)), LAST);
  r += 1;

  const p = sheet.projects;
  const grades = (Object.keys(reviewGrades) as ReviewGrade[])
    .map((g) => `${reviewGrades[g]['zh-CN']} ${p.grades[g]} 个`)
    .join('，');
  const projects = [
    `下达 ${p.issued} 个，已报送 ${p.submitted} 个${p.submittedPct === null ? '' : `（${p.submittedPct}%）`}`,
    `终审通过 ${p.approved} 个${p.approvedPct === null ? '' : `（${p.approvedPct}%）`}`,
    `平均得分 ${p.averageScore === null ? '—' : scoreText(p.averageScore, rounding)}`,
    `等级：${grades}${p.ungraded > 0 ? `，未定等级 ${p.ungraded} 个` : ''}`,
  ].join('；');
  put(r, 0, label('项目支出绩效自评开展情况'), 2);
  put(r, 3, text(projects), LAST);
  rowHeights[r] = fitHeight([[projects, spanWidth(COLUMN_WIDTHS, 3, LAST)]], 20);
  r += 1;

  put(r, 0, { value: '部门基础数据', style: 'header' }, 2);
  put(r, 3, { value: '数值', style: 'header' }, 4);
  put(r, 5, { value: '单位', style: 'header' }, LAST);
  r += 1;
  for (const key of Object.keys(departmentFigures) as FigureKey[]) {
    const figure = departmentFigures[key];
    const value = input.figures[key];
    const money = figure.kind === 'MONEY';
    put(r, 0, label(figure.name['zh-CN']), 2);
    put(r, 3, value == null ? text('未填报') : { value: money ? value / 1_000_000 : value, style: 'number' }, 4);
    put(r, 5, text(money ? '万元' : '人'), LAST);
    r += 1;
  }

  return {
    sheets: [
      {
        name: DEPARTMENT_EVALUATION_TABLE_TITLE,
        columnWidths: COLUMN_WIDTHS,
        rows,
        merges,
        rowHeights,
        landscape: true,
        freezeRows: 4,
      },
    ],
  };
};
