import { describe, expect, it } from 'vitest';
import type { Engagement } from '#core/fieldwork/engagement.ts';
import { engagementScore, type PaperForScore } from '#core/key-evaluation/engagement-score.ts';
import { defaultScoringSettings } from '#core/self-evaluation/scoring-settings.ts';

const ids = ['0190a000-0000-7000-8000-000000000001', '0190a000-0000-7000-8000-000000000002'] as const;
const indicator = (id: string, level1: Engagement['indicators'][number]['level1'], points: number, name = id) => ({
  id,
  level1,
  level2: 'x',
  name,
  source: 'ENGAGEMENT' as const,
  target: '',
  points,
  standard: '标准',
  claim: null,
});

const engagement: Pick<Engagement, 'indicators' | 'weights'> = {
  weights: { DECISION: 20, PROCESS: 20, OUTPUT: 30, BENEFIT: 30 },
  indicators: [
    indicator('d', 'DECISION', 20),
    indicator('p', 'PROCESS', 20),
    indicator('o', 'OUTPUT', 30),
    indicator('b', 'BENEFIT', 30),
  ],
};

const judged = (indicatorId: string, ...points: string[]): PaperForScore => ({
  indicatorId,
  surveyRate: null,
  scoring: { method: 'JUDGEMENT', deductions: points.map((p) => ({ points: p, reason: '扣分' })) },
});

describe('engagementScore', () => {
  it('rounds each row once, sums the rounded rows, subtotals per level and grades when complete', () => {
    const papers: PaperForScore[] = [
      judged('d', '1', '0.5'),
      {
        indicatorId: 'p',
        surveyRate: null,
        // 850,000 of 900,000 received: 20 − (5/9) × 0.2 = 19.8888… → 19.89
        scoring: {
          method: 'FORMULA',
          formula: 'BUDGET_EXECUTION',
          numerator: '850000',
          denominator: '900000',
          rule: { kind: 'THRESHOLD', fullAt: '95', perPercent: '0.2' },
        },
      },
      {
        indicatorId: 'o',
        surveyRate: null,
        // 2 of 3: 30 × 2/3 = 20 exactly
        scoring: {
          method: 'FORMULA',
          formula: 'OUTPUT_COMPLETION',
          numerator: '2',
          denominator: '3',
          rule: { kind: 'PROPORTIONAL' },
        },
      },
      // 85.5 % against 90 %: 30 × 85.5 / 90 = 28.5
      { indicatorId: 'b', surveyRate: 85.5, scoring: { method: 'SATISFACTION', target: '90' } },
    ];
    const s = engagementScore(engagement, papers, defaultScoringSettings);
    expect(s.rows.map((r) => r.score)).toEqual([18.5, 19.89, 20, 28.5]);
    expect(s.rows.map((r) => r.rate)).toEqual([null, 94.44, 66.67, 85.5]);
    expect(s.levels.map((l) => [l.level1, l.weight, l.score])).toEqual([
      ['DECISION', 20, 18.5],
      ['PROCESS', 20, 19.89],
      ['OUTPUT', 30, 20],
      ['BENEFIT', 30, 28.5],
    ]);
    expect(s.total).toBe(86.89);
    expect(s.complete).toBe(true);
    expect(s.grade).toBe('GOOD');
  });

  it("rounds by the year's rule: down to whole points", () => {
    const settings = {
      ...defaultScoringSettings,
      rounding: { decimals: 0 as const, mode: 'FLOOR' as const, rateFirst: false },
    };
    const papers = [judged('d', '0.5'), judged('p', '0.5'), judged('o'), judged('b')];
    const s = engagementScore(engagement, papers, settings);
    // 19.5 → 19 twice; the total is the sum of the rounded rows (98), not the rounded sum (99)
    expect(s.rows.map((r) => r.score)).toEqual([19, 19, 30, 30]);
    expect(s.total).toBe(98);
    expect(s.grade).toBe('EXCELLENT');
  });

  it('deductions beyond the points give 0, never below', () => {
    const s = engagementScore(engagement, [judged('d', '15', '10')], defaultScoringSettings);
    expect(s.rows[0]?.score).toBe(0);
  });

  it('an unscored or not computable row has no score, and the sheet no grade', () => {
    const papers: PaperForScore[] = [
      judged('d'),
      {
        indicatorId: 'p',
        surveyRate: null,
        scoring: {
          method: 'FORMULA',
          formula: 'QUALITY',
          numerator: '3',
          denominator: '0',
          rule: { kind: 'PROPORTIONAL' },
        },
      },
      { indicatorId: 'b', surveyRate: null, scoring: { method: 'SATISFACTION', target: '90' } },
    ];
    const s = engagementScore(engagement, papers, defaultScoringSettings);
    expect(s.rows.map((r) => [r.score, r.reason])).toEqual([
      [20, null],
      [null, 'formula_zero_denominator'],
      [null, 'indicator_not_scored'],
      [null, 'satisfaction_no_survey'],
    ]);
    expect(s.total).toBe(20);
    expect(s.complete).toBe(false);
    expect(s.grade).toBeNull();
    expect(s.levels.map((l) => l.scored)).toEqual([1, 0, 0, 0]);
  });

  it('satisfaction at or above its target is full marks', () => {
    const s = engagementScore(
      { ...engagement, indicators: [indicator(ids[0], 'BENEFIT', 10)] },
      [{ indicatorId: ids[0], surveyRate: 90, scoring: { method: 'SATISFACTION', target: '90' } }],
      defaultScoringSettings,
    );
    expect(s.rows[0]?.score).toBe(10);
  });
});
