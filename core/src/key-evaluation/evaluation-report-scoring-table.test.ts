import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { Engagement } from '#core/fieldwork/engagement.ts';
import { engagementScore, type PaperForScore } from '#core/key-evaluation/engagement-score.ts';
import { draftMark, saveEvaluationReport } from '#core/key-evaluation/evaluation-report.ts';
import { reportFilled } from '#core/key-evaluation/evaluation-report-filled.ts';
import { scoringTable } from '#core/key-evaluation/evaluation-report-scoring-table.ts';
import { defaultScoringSettings } from '#core/self-evaluation/scoring-settings.ts';

type Indicator = Engagement['indicators'][number];
const indicator = (id: string, level1: Indicator['level1'], level2: string, points: number): Indicator => ({
  id,
  level1,
  level2,
  name: `指标${id}`,
  source: 'ENGAGEMENT',
  target: '',
  points,
  standard: `${id}的标准`,
  claim: null,
});

// Level-2 names out of order on purpose: the table puts each name's rows together.
const indicators = [
  indicator('d1', 'DECISION', '项目立项', 10),
  indicator('d2', 'DECISION', '绩效目标', 5),
  indicator('d3', 'DECISION', '项目立项', 5),
  indicator('p1', 'PROCESS', '资金管理', 20),
  indicator('o1', 'OUTPUT', '产出数量', 30),
  indicator('b1', 'BENEFIT', '满意度', 30),
];
const engagement = { indicators, weights: { DECISION: 20, PROCESS: 20, OUTPUT: 30, BENEFIT: 30 } };
const judged = (indicatorId: string, ...points: string[]): PaperForScore & { standard: string } => ({
  indicatorId,
  standard: '',
  surveyRate: null,
  scoring: { method: 'JUDGEMENT', deductions: points.map((p, i) => ({ points: p, reason: `原因${i + 1}` })) },
});

describe('the report scoring table', () => {
  it("groups by level 1 and level 2, prints the engine's figures by its rounding, and grades when complete", () => {
    const papers = [
      judged('d1', '1', '0.25'),
      judged('d2'),
      judged('d3'),
      judged('p1', '0.5'),
      judged('o1'),
      { ...judged('b1'), surveyRate: 85.5, scoring: { method: 'SATISFACTION' as const, target: '90' } },
    ];
    const score = engagementScore(engagement, papers, defaultScoringSettings);
    const t = scoringTable(indicators, papers, score, defaultScoringSettings.rounding);
    expect(t.groups.map((g) => [g.label, g.weight, g.scoreText])).toEqual([
      ['决策', 20, '18.75'],
      ['过程', 20, '19.50'],
      ['产出', 30, '30.00'],
      ['效益', 30, '28.50'],
    ]);
    expect(t.groups[0]?.rows.map((r) => [r.level2, r.name, r.scoreText])).toEqual([
      ['项目立项', '指标d1', '8.75'],
      ['项目立项', '指标d3', '5.00'],
      ['绩效目标', '指标d2', '5.00'],
    ]);
    expect(t.groups[0]?.rows[0]?.deductions).toEqual(['扣1分：原因1', '扣0.25分：原因2']);
    expect(t.groups[0]?.rows[0]?.standard).toBe('d1的标准');
    expect(t.groups[3]?.rows[0]?.deductions).toEqual(['满意度 85.50%（目标 90%）']);
    expect([t.weight, t.total, t.totalText, t.grade, t.gradeLabel]).toEqual([100, 96.75, '96.75', 'EXCELLENT', '优']);
  });

  it('says why a row has no score, and leaves the grade open', () => {
    const score = engagementScore(engagement, [judged('d1')], defaultScoringSettings);
    const t = scoringTable(indicators, [judged('d1')], score, defaultScoringSettings.rounding);
    const row = t.groups[1]?.rows[0];
    expect([row?.score, row?.scoreText, row?.deductions]).toEqual([null, '—', ['“指标p1”尚未评分']]);
    expect([t.complete, t.grade, t.gradeLabel]).toEqual([false, null, '未定']);
  });

  it('fills the problems from the findings, leaving withdrawn ones out, and says when nothing is there yet', () => {
    const score = engagementScore(engagement, [], defaultScoringSettings);
    const t = scoringTable(indicators, [], score, defaultScoringSettings.rounding);
    const finding = {
      id: 'f1',
      title: '资金拨付滞后',
      category: 'FUNDS' as const,
      facts: '第三季度资金拨付滞后两个月',
      amount: 1234567.8,
      quantity: '',
      basis: '《预算法》',
      responsibleParty: '项目单位',
      suggestion: '加快拨付',
      withdrawn: false,
    };
    const filled = reportFilled({
      scoringTable: t,
      papers: [],
      findings: [finding, { ...finding, id: 'f2', withdrawn: true }],
      sampling: null,
    });
    expect(filled.problems).toEqual([
      {
        findingId: 'f1',
        title: '资金拨付滞后',
        category: '资金管理',
        facts: '第三季度资金拨付滞后两个月',
        amount: '1,234,567.80 元',
        basis: '《预算法》',
        responsibleParty: '项目单位',
        suggestion: '加快拨付',
      },
    ]);
    expect(filled.analysis[0]?.indicators[0]).toMatchObject({ verification: '', cause: '', scoreText: '—' });
    expect(filled.sampling).toBeNull();
  });

  it('marks a report 草稿 or 征求意见稿 until the final report, and bounds what is saved', () => {
    expect(draftMark('DRAFT_REPORT')).toBe('草稿');
    expect(draftMark('OPINION_EXCHANGE')).toBe('征求意见稿');
    expect(draftMark('FINAL_REPORT')).toBeNull();
    expect(draftMark('ARCHIVED')).toBeNull();
    const sections = {
      overview: '',
      targets: '',
      purpose: '',
      method: '',
      process: '',
      conclusion: '',
      experience: '',
      causes: '',
      other: '',
    };
    expect(v.safeParse(saveEvaluationReport, { version: 0, sections, recommendations: [] }).success).toBe(true);
    const long = { ...sections, overview: '字'.repeat(4001) };
    expect(v.safeParse(saveEvaluationReport, { version: 0, sections: long, recommendations: [] }).success).toBe(false);
    const many = Array.from({ length: 31 }, () => '建议');
    expect(v.safeParse(saveEvaluationReport, { version: 0, sections, recommendations: many }).success).toBe(false);
    const { other: _, ...missing } = sections;
    expect(v.safeParse(saveEvaluationReport, { version: 0, sections: missing, recommendations: [] }).success).toBe(
      false,
    );
  });
});
