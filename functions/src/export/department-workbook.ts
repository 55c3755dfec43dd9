import { scoreText } from '@jixiao/core/self-evaluation/score-rounding.ts';
import type { ScoreSheet } from '@jixiao/core/self-evaluation/score-sheet.ts';
import type { SelfEvaluation } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { reviewGrades, targetStatuses } from '@jixiao/core/submission/performance-target.ts';
import { type SelfEvaluationTableInput, selfEvaluationTableSheet } from '#functions/export/self-evaluation-table.ts';
import type { Sheet, Workbook } from '#functions/export/xlsx/workbook.ts';

/**
 * A department's 项目支出绩效自评表 in one workbook (docs/domain/self-evaluation.md#exports): a contents
 * sheet (目录: project, unit, score, grade, status, and the sheet that holds it), then one sheet per
 * self-evaluation in the 10号 layout, drawn by the per-project export's own sheet writer, so each sheet
 * reads back through the table check as the single table does.
 */

/** The most self-evaluations one workbook holds; a department with more is refused, saying so (never cut). */
export const maxWorkbookProjects = 500;

export const CONTENTS_SHEET = '目录';

export type WorkbookEntry = SelfEvaluationTableInput & Pick<SelfEvaluation, 'reviewStatus' | 'total' | 'grade'>;

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], unique ignoring case. */
export const sheetNames = (codes: readonly string[]): string[] => {
  const used = new Set<string>([CONTENTS_SHEET.toLowerCase()]);
  return codes.map((code, i) => {
    const base = (code.replace(/[:\\/?*[\]']/g, '_').trim() || `表${i + 1}`).slice(0, 31);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `(${n})`;
      name = `${base.slice(0, 31 - suffix.length)}${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
};

const contentsSheet = (
  title: string,
  entries: readonly { entry: WorkbookEntry; sheet: ScoreSheet; name: string }[],
): Sheet => {
  const header = ['序号', '项目编码', '项目名称', '实施单位', '自评得分', '自评等级', '状态', '工作表'].map(
    (value) => ({ value, style: 'header' as const }),
  );
  return {
    name: CONTENTS_SHEET,
    columnWidths: [6, 20, 32, 24, 10, 10, 12, 20],
    rows: [
      [{ value: title, style: 'title' }],
      header,
      ...entries.map(({ entry, sheet, name }, i) => [
        { value: i + 1, style: 'integer' as const },
        entry.projectCode,
        entry.projectName,
        entry.unitName,
        sheet.complete
          ? { value: Number(scoreText(sheet.total, entry.scoring.rounding)), style: 'number' as const }
          : null,
        sheet.complete && sheet.grade ? reviewGrades[sheet.grade]['zh-CN'] : '',
        targetStatuses[entry.reviewStatus]['zh-CN'],
        name,
      ]),
    ],
    merges: ['A1:H1'],
    freezeRows: 2,
  };
};

export const departmentWorkbook = (
  heading: { roundName: string; departmentName: string },
  entries: readonly { entry: WorkbookEntry; sheet: ScoreSheet }[],
): Workbook => {
  const names = sheetNames(entries.map(({ entry }) => entry.projectCode));
  const named = entries.map((e, i) => ({ ...e, name: names[i]! }));
  return {
    creator: 'Jixiao',
    sheets: [
      contentsSheet(
        `${heading.departmentName} ${heading.roundName} 项目支出绩效自评表目录（共 ${entries.length} 个项目）`,
        named,
      ),
      ...named.map(({ entry, sheet, name }) => selfEvaluationTableSheet(entry, sheet, name)),
    ],
  };
};
