import type { ScoringTable } from '@jixiao/core/key-evaluation/evaluation-report-scoring-table.ts';
import type { Cell, CellStyle, Sheet } from '#functions/export/xlsx/workbook.ts';
import { writeXlsx } from '#functions/export/xlsx/write-xlsx.ts';

/**
 * The report's annex, the scoring table (评分表), as a workbook (docs/domain/key-evaluation.md#the-report): the same
 * rows as the DOCX's annex, from the same ScoringTable, so every figure is the engine's. Scores are numbers shown with
 * the year's decimals (0.00 for hundredths, 0 for whole points), so "4.50" on the screen is 4.50 in the sheet.
 * It lives beside the report's DOCX because it is the report's table in its second form.
 */
const scoreStyle = (decimals: number): CellStyle => (decimals === 2 ? 'money' : decimals === 0 ? 'integer' : 'number');

const COLUMNS = ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '得分', '扣分原因'];

export const scoringTableSheet = (t: ScoringTable, heading: { title: string; subtitle: string }): Sheet => {
  const score = (n: number | null): Cell =>
    n === null ? { value: '—', style: 'text' } : { value: n, style: scoreStyle(t.decimals) };
  const rows: Sheet['rows'] = [
    [{ value: heading.title, style: 'title' }],
    [{ value: heading.subtitle, style: 'text' }],
    COLUMNS.map((value): Cell => ({ value, style: 'header' })),
  ];
  const merges = ['A1:G1', 'A2:G2'];
  for (const g of t.groups) {
    const first = rows.length;
    g.rows.forEach((row, i) => {
      const firstOfLevel2 = i === 0 || g.rows[i - 1]?.level2 !== row.level2;
      if (firstOfLevel2) {
        const count = g.rows.slice(i).findIndex((r) => r.level2 !== row.level2);
        const span = count === -1 ? g.rows.length - i : count;
        if (span > 1) merges.push(`B${rows.length + 1}:B${rows.length + span}`);
      }
      rows.push([
        i === 0 ? { value: g.label, style: 'label' } : null,
        firstOfLevel2 ? { value: row.level2, style: 'text' } : null,
        { value: row.name, style: 'text' },
        { value: row.weight, style: 'number' },
        { value: row.standard, style: 'text' },
        score(row.score),
        { value: row.deductions.join('\n'), style: 'text' },
      ]);
    });
    if (g.rows.length > 1) merges.push(`A${first + 1}:A${first + g.rows.length}`);
    merges.push(`A${rows.length + 1}:C${rows.length + 1}`);
    rows.push([
      { value: `${g.label}小计`, style: 'label' },
      null,
      null,
      { value: g.weight, style: 'number' },
      { value: '', style: 'text' },
      score(g.score),
      { value: '', style: 'text' },
    ]);
  }
  merges.push(`A${rows.length + 1}:C${rows.length + 1}`);
  rows.push([
    { value: '合计', style: 'label' },
    null,
    null,
    { value: t.weight, style: 'number' },
    { value: '', style: 'text' },
    score(t.total),
    { value: `评价等级：${t.gradeLabel}`, style: 'label' },
  ]);
  return {
    name: '评分表',
    columnWidths: [10, 14, 24, 8, 40, 10, 36],
    rows,
    merges,
    rowHeights: { 0: 30 },
    landscape: true,
    freezeRows: 3,
  };
};

export const scoringTableXlsx = (
  t: ScoringTable,
  heading: { title: string; subtitle: string },
  meta: { creator: string; createdAt: string },
): Uint8Array =>
  writeXlsx({ sheets: [scoringTableSheet(t, heading)], creator: meta.creator, createdAt: meta.createdAt });
