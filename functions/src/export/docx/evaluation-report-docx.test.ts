import type { Engagement } from '@jixiao/core/fieldwork/engagement.ts';
import { engagementScore } from '@jixiao/core/key-evaluation/engagement-score.ts';
import { blankReport } from '@jixiao/core/key-evaluation/evaluation-report.ts';
import { reportFilled } from '@jixiao/core/key-evaluation/evaluation-report-filled.ts';
import { scoringTable } from '@jixiao/core/key-evaluation/evaluation-report-scoring-table.ts';
import { defaultScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { evaluationReportDocx, type ReportEngagement } from '#functions/export/docx/evaluation-report-docx.ts';
import { scoringTableXlsx } from '#functions/export/docx/scoring-table-xlsx.ts';

type Indicator = Engagement['indicators'][number];
const indicator = (id: string, level1: Indicator['level1'], level2: string, points: number): Indicator => ({
  id,
  level1,
  level2,
  name: `指标${id}`,
  source: 'ENGAGEMENT',
  target: '',
  points,
  standard: '标准',
  claim: null,
});
const indicators = [
  indicator('d1', 'DECISION', '项目立项', 10),
  indicator('d2', 'DECISION', '项目立项', 10),
  indicator('p1', 'PROCESS', '资金管理', 20),
  indicator('o1', 'OUTPUT', '产出数量', 30),
  indicator('b1', 'BENEFIT', '满意度', 30),
];
const papers = indicators.map((i) => ({
  indicatorId: i.id,
  standard: '',
  surveyRate: null,
  verification: `${i.id}核查情况`,
  causeAnalysis: '',
  scoring: {
    method: 'JUDGEMENT' as const,
    deductions: i.id === 'd1' ? [{ points: '1.5', reason: '立项依据不充分' }] : [],
  },
}));
const score = engagementScore(
  { indicators, weights: { DECISION: 20, PROCESS: 20, OUTPUT: 30, BENEFIT: 30 } },
  papers,
  defaultScoringSettings,
);
const table = scoringTable(indicators, papers, score, defaultScoringSettings.rounding);
const filled = reportFilled({ scoringTable: table, papers, findings: [], sampling: null });

const engagement: ReportEngagement = {
  title: '城区道路养护项目绩效评价',
  kind: 'PROJECT',
  fiscalYear: 2026,
  projectName: '城区道路养护',
  projectCode: 'P2026-001',
  departmentName: '区城管委',
  agencyName: '某会计师事务所',
  state: 'DRAFT_REPORT',
};
const report = { ...blankReport('e1'), sections: { ...blankReport('e1').sections, overview: '第一段。\n\n第二段。' } };
const input = {
  engagement,
  report,
  filled,
  mark: '草稿' as string | null,
  commissioner: '财政局',
  generatedAt: '2026-12-07T08:00:00.000Z',
  generatedBy: '张三',
};

const read = async (bytes: Uint8Array) => {
  const zip = await JSZip.loadAsync(bytes);
  const files: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) files[name] = await zip.file(name)!.async('string');
  return files;
};
const texts = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');

describe('the evaluation report as DOCX', () => {
  it('follows the outline, fills the table from the papers and says what is not there yet', async () => {
    const files = await read(evaluationReportDocx(input));
    const parser = new SaxesParser();
    parser.on('error', (e) => {
      throw e;
    });
    parser.write(files['word/document.xml']!).close();
    const all = texts(files['word/document.xml']!);
    const parts = ['一、基本情况', '二、绩效评价工作开展情况', '三、综合评价情况及评价结论', '四、绩效指标分析'];
    const more = [
      '五、主要经验及做法、存在的问题及原因分析',
      '六、有关建议',
      '七、其他需要说明的问题',
      '附件：绩效评价评分表',
    ];
    const at = [...parts, ...more].map((h) => all.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(all).toContain('城区道路养护项目支出绩效评价报告');
    expect(all).toContain('第一段。|第二段。');
    expect(all).toContain('（尚未撰写）');
    expect(all).toContain('经综合评价，该项目绩效评价得分为 98.50 分，评价等级为“优”。');
    expect(all).toContain('扣1.5分：立项依据不充分');
    expect(all).toContain('d1核查情况');
    expect(all).toContain('尚无问题汇总记录。');
    expect(all).toContain('账务核查：尚无抽样记录');
    expect(all).toContain('尚无建议。');
    expect(files['word/header1.xml']).toContain('草稿');
    // The level-1 cell of 决策 merges over its two rows, and so does 项目立项.
    expect(files['word/document.xml']!.match(/<w:vMerge w:val="restart"\/>/g)).toHaveLength(2);
  });

  it('is the final report without a mark: no header, 定稿 under the title', async () => {
    const files = await read(evaluationReportDocx({ ...input, mark: null }));
    expect(files['word/header1.xml']).toBeUndefined();
    expect(texts(files['word/document.xml']!)).toContain('（定稿）');
  });

  it('marks every page 征求意见稿 while the department is asked for its opinion', async () => {
    const files = await read(evaluationReportDocx({ ...input, mark: '征求意见稿' }));
    expect(files['word/header1.xml']).toContain('征求意见稿');
  });
});

describe('the scoring table as XLSX', () => {
  it('holds the same figures as the table, with subtotals, the total and the grade', async () => {
    const bytes = scoringTableXlsx(
      table,
      { title: '城区道路养护绩效评价评分表', subtitle: '评价项目' },
      { creator: '张三', createdAt: '2026-12-07T08:00:00.000Z' },
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows[2]).toEqual(['一级指标', '二级指标', '三级指标', '分值', '评分标准', '得分', '扣分原因']);
    expect(rows[3]?.slice(0, 6)).toEqual(['决策', '项目立项', '指标d1', 10, '标准', 8.5]);
    expect(rows[3]?.[6]).toBe('扣1.5分：立项依据不充分');
    expect(rows[5]?.slice(0, 6)).toEqual(['决策小计', '决策小计', '决策小计', 20, '', 18.5]);
    const last = rows.at(-1)!;
    expect([last[0], last[3], last[5], last[6]]).toEqual(['合计', 100, 98.5, '评价等级：优']);
    expect(sheet.getCell('F4').numFmt).toBe('#,##0.00');
    expect(sheet.model.merges).toEqual(expect.arrayContaining(['A4:A5', 'B4:B5', 'A6:C6']));
  });
});
