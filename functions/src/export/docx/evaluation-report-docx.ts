import type { Engagement } from '@jixiao/core/fieldwork/engagement.ts';
import {
  type EvaluationReport,
  type ReportSection,
  reportParts,
  reportSections,
} from '@jixiao/core/key-evaluation/evaluation-report.ts';
import type { ReportFilled } from '@jixiao/core/key-evaluation/evaluation-report-filled.ts';
import type { ScoringTable } from '@jixiao/core/key-evaluation/evaluation-report-scoring-table.ts';
import type { Block, Paragraph, Table, TableCell } from '#functions/export/docx/document.ts';
import { writeDocx } from '#functions/export/docx/write-docx.ts';

/**
 * The 项目支出绩效评价报告 as a Word document (docs/domain/key-evaluation.md#the-report), after 10号's reference
 * outline: the narrative sections as written in the app, the rest filled from the papers, the scoring table as its
 * annex. The report is a Chinese document whatever the reader's language. Before the final report every page is
 * marked 征求意见稿 or 草稿 in its header; the final report says 定稿 under its title.
 */
export type ReportEngagement = Pick<
  Engagement,
  'title' | 'kind' | 'fiscalYear' | 'projectName' | 'projectCode' | 'departmentName' | 'agencyName' | 'state'
>;

const chineseNumbers = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** （一）…（十）, then （11） and on: outlines rarely go past ten sub-parts. */
const sub = (i: number): string => `（${chineseNumbers[i] ?? String(i + 1)}）`;

const p = (style: Paragraph['style'], text: string, align?: Paragraph['align']): Paragraph => ({
  kind: 'paragraph',
  style,
  text,
  ...(align ? { align } : {}),
});

/** A narrative section: one body paragraph per line written, or a note that it is not written yet. */
const narrative = (text: string, empty = '（尚未撰写）'): Block[] => {
  const lines = text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.length ? lines.map((l) => p('body', l)) : [p('body', empty)];
};

const section = (report: EvaluationReport, key: ReportSection, index: number): Block[] => [
  p('heading2', `${sub(index)}${reportSections[key]['zh-CN']}`),
  ...narrative(report.sections[key]),
];

const head = (text: string): TableCell => ({ text, bold: true, align: 'center' });

/** The level subtotals of part 三: 一级指标, 分值, 得分, with the total and the grade. */
const summaryTable = (t: ScoringTable): Table => ({
  kind: 'table',
  columns: [3, 2, 2],
  headerRows: 1,
  rows: [
    [head('一级指标'), head('分值'), head('得分')],
    ...t.groups.map((g) => [
      { text: g.label, align: 'center' as const },
      { text: String(g.weight), align: 'center' as const },
      { text: g.scoreText, align: 'center' as const },
    ]),
    [head('合计'), head(String(t.weight)), head(t.totalText)],
    [head('评价等级'), { text: t.gradeLabel, span: 2, bold: true, align: 'center' }],
  ],
});

/**
 * The annex: every level-3 indicator under its level 1 and level 2 (merged over their rows), its weight, standard,
 * score and deductions with their reasons; a subtotal after each level, the total and the grade at the end.
 */
export const scoringTableDocx = (t: ScoringTable): Table => {
  const rows: TableCell[][] = [
    [
      head('一级指标'),
      head('二级指标'),
      head('三级指标'),
      head('分值'),
      head('评分标准'),
      head('得分'),
      head('扣分原因'),
    ],
  ];
  for (const g of t.groups) {
    g.rows.forEach((row, i) => {
      const firstOfLevel2 = i === 0 || g.rows[i - 1]?.level2 !== row.level2;
      const level2Continues = g.rows[i + 1]?.level2 === row.level2;
      rows.push([
        i === 0
          ? { text: g.label, align: 'center', ...(g.rows.length > 1 ? { merge: 'restart' as const } : {}) }
          : { text: '', merge: 'continue' },
        firstOfLevel2
          ? { text: row.level2, align: 'center', ...(level2Continues ? { merge: 'restart' as const } : {}) }
          : { text: '', merge: 'continue' },
        { text: row.name },
        { text: String(row.weight), align: 'center' },
        { text: row.standard },
        { text: row.scoreText, align: 'center' },
        { text: row.deductions.join('\n') },
      ]);
    });
    rows.push([
      { text: `${g.label}小计`, span: 3, bold: true, align: 'center' },
      { text: String(g.weight), bold: true, align: 'center' },
      { text: '' },
      { text: g.scoreText, bold: true, align: 'center' },
      { text: '' },
    ]);
  }
  rows.push([
    { text: '合计', span: 3, bold: true, align: 'center' },
    { text: String(t.weight), bold: true, align: 'center' },
    { text: '' },
    { text: t.totalText, bold: true, align: 'center' },
    { text: `评价等级：${t.gradeLabel}`, bold: true },
  ]);
  return { kind: 'table', columns: [1.4, 1.6, 2.4, 1, 3.6, 1.1, 3.2], headerRows: 1, rows };
};

const conclusionSentence = (t: ScoringTable): string => {
  if (t.groups.length === 0) return '尚无评价指标，无法形成评价得分。';
  if (!t.complete) {
    const unscored = t.groups.reduce((n, g) => n + g.rows.filter((r) => r.score === null).length, 0);
    return `尚有 ${unscored} 项指标未评分，已评分指标合计 ${t.totalText} 分，评价等级待全部指标评分后确定。`;
  }
  return `经综合评价，该项目绩效评价得分为 ${t.totalText} 分，评价等级为“${t.gradeLabel}”。`;
};

export interface ReportDocxInput {
  engagement: ReportEngagement;
  report: EvaluationReport;
  filled: ReportFilled;
  /** 征求意见稿 or 草稿 on every page before the final report (core's draftMark); null for the final report. */
  mark: string | null;
  /** The commissioning bureau, shown on the cover. */
  commissioner: string;
  /** ISO time the file was made; its date is the report's date. */
  generatedAt: string;
  generatedBy: string;
}

export const evaluationReportBlocks = (input: ReportDocxInput): Block[] => {
  const { engagement: e, report, filled, mark } = input;
  const subject = e.projectName ?? e.departmentName;
  const blocks: Block[] = [
    p('title', `${subject}${e.kind === 'PROJECT' ? '项目支出' : '部门整体支出'}绩效评价报告`),
    p('subtitle', mark ? `（${mark}）` : '（定稿）'),
    p('subtitle', `${e.fiscalYear} 年度`),
    p('note', `评价项目：${e.title}${e.projectCode ? `（项目编码 ${e.projectCode}）` : ''}`, 'center'),
    p('note', `委托单位：${input.commissioner}　　被评价单位：${e.departmentName}`, 'center'),
    p('note', `评价机构：${e.agencyName ?? '—'}　　报告日期：${input.generatedAt.slice(0, 10)}`, 'center'),
  ];

  blocks.push(
    p('heading1', reportParts[1]['zh-CN']),
    ...section(report, 'overview', 0),
    ...section(report, 'targets', 1),
  );

  blocks.push(
    p('heading1', reportParts[2]['zh-CN']),
    ...section(report, 'purpose', 0),
    ...section(report, 'method', 1),
    p('body', '评价指标体系及评分情况见附件《绩效评价评分表》。'),
    p(
      'body',
      filled.sampling ? `账务核查抽样方法：${filled.sampling}。` : '账务核查：尚无抽样记录（账务核查底稿未抽取样本）。',
    ),
    ...section(report, 'process', 2),
  );

  blocks.push(
    p('heading1', reportParts[3]['zh-CN']),
    ...narrative(report.sections.conclusion),
    p('body', conclusionSentence(filled.scoringTable)),
    ...(filled.scoringTable.groups.length ? [summaryTable(filled.scoringTable)] : []),
  );

  blocks.push(p('heading1', reportParts[4]['zh-CN']));
  if (filled.analysis.length === 0) blocks.push(p('body', '尚无评价指标。'));
  filled.analysis.forEach((level, i) => {
    blocks.push(
      p('heading2', `${sub(i)}${level.label}指标分析（分值 ${level.weight} 分，得分 ${level.scoreText} 分）`),
    );
    level.indicators.forEach((ind, j) => {
      blocks.push(p('heading3', `${j + 1}. ${ind.name}（分值 ${ind.weight} 分，得分 ${ind.scoreText} 分）`));
      blocks.push(p('body', ind.verification ? `核查情况：${ind.verification}` : '核查情况：尚无核查记录。'));
      if (ind.deductions.length) blocks.push(p('body', `评分情况：${ind.deductions.join('；')}。`));
      if (ind.cause) blocks.push(p('body', `原因分析：${ind.cause}`));
    });
  });

  blocks.push(p('heading1', reportParts[5]['zh-CN']), ...section(report, 'experience', 0));
  blocks.push(p('heading2', `${sub(1)}存在的问题`));
  if (filled.problems.length === 0) blocks.push(p('body', '尚无问题汇总记录。'));
  filled.problems.forEach((problem, i) => {
    blocks.push(p('heading3', `${i + 1}. ${problem.title}（${problem.category}）`));
    blocks.push(p('body', problem.facts));
    if (problem.amount) blocks.push(p('body', `涉及金额或数量：${problem.amount}。`));
    if (problem.basis) blocks.push(p('body', `依据：${problem.basis}`));
    if (problem.responsibleParty) blocks.push(p('body', `责任主体：${problem.responsibleParty}。`));
  });
  blocks.push(...section(report, 'causes', 2));

  blocks.push(p('heading1', reportParts[6]['zh-CN']));
  const suggestions = [
    ...filled.problems.filter((x) => x.suggestion).map((x) => `针对“${x.title}”：${x.suggestion}`),
    ...report.recommendations,
  ];
  if (suggestions.length === 0) blocks.push(p('body', '尚无建议。'));
  suggestions.forEach((s, i) => {
    blocks.push(p('body', `${i + 1}. ${s}`));
  });

  blocks.push(p('heading1', reportParts[7]['zh-CN']), ...narrative(report.sections.other, '无。'));

  if (report.amendment) {
    blocks.push(
      p(
        'note',
        `注：本报告于 ${report.amendment.at.slice(0, 10)} 由${report.amendment.byName}修正，原因：${report.amendment.reason}`,
      ),
    );
  }

  blocks.push(
    { kind: 'page-break' },
    p('heading1', '附件：绩效评价评分表'),
    ...(filled.scoringTable.groups.length ? [scoringTableDocx(filled.scoringTable)] : [p('body', '尚无评价指标。')]),
    p('note', `注：得分按本年度评分规则保留 ${filled.scoringTable.decimals} 位小数，合计为各指标得分之和。`),
  );
  return blocks;
};

/** The report as .docx bytes. */
export const evaluationReportDocx = (input: ReportDocxInput): Uint8Array => {
  const { mark } = input;
  return writeDocx({
    blocks: evaluationReportBlocks(input),
    ...(mark ? { header: mark } : {}),
    title: `${input.engagement.title}绩效评价报告`,
    creator: input.generatedBy,
    createdAt: input.generatedAt,
  });
};
