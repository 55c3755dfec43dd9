import { describe, expect, it } from 'vitest';
import type { Engagement } from '#core/fieldwork/engagement.ts';
import { type PaperForReadiness, reportProblems } from '#core/key-evaluation/report-readiness.ts';

const indicator = (id: string, name: string, standard = '完成得满分') => ({
  id,
  level1: 'OUTPUT' as const,
  level2: '产出数量',
  name,
  source: 'ENGAGEMENT' as const,
  target: '',
  points: 10,
  standard,
  claim: null,
});

const engagement: Pick<Engagement, 'indicators'> = {
  indicators: [indicator('a', '完成率'), indicator('b', '达标率'), indicator('c', '及时性', '')],
};

const ready = (indicatorId: string): PaperForReadiness => ({
  indicatorId,
  standard: '完成得满分',
  evidence: { recordIds: ['r'], photoIds: [], questionnaireIds: [] },
  scoring: { method: 'JUDGEMENT', deductions: [] },
  surveyRate: null,
});

describe('reportProblems (rule 10)', () => {
  it('lists every missing standard, evidence link and score, pointing at the indicator', () => {
    const problems = reportProblems(engagement, [ready('a')]);
    expect(problems.map((p) => [p.pointer, p.code])).toEqual([
      ['/indicators/b', 'indicator_evidence_missing'],
      ['/indicators/b', 'indicator_not_scored'],
      ['/indicators/c', 'indicator_standard_missing'],
      ['/indicators/c', 'indicator_evidence_missing'],
      ['/indicators/c', 'indicator_not_scored'],
    ]);
    expect(problems[0]?.message).toBe('“达标率”的底稿未关联任何证据');
    expect(reportProblems(engagement, [ready('a')], 'en')[2]?.message).toBe('“及时性” has no evaluation standard');
  });

  it("a paper's own standard counts; a blanked one does not; a photo or questionnaire is evidence too", () => {
    const papers = [
      { ...ready('a'), standard: '  ' },
      { ...ready('b'), evidence: { recordIds: [], photoIds: ['p'], questionnaireIds: [] } },
      { ...ready('c'), evidence: { recordIds: [], photoIds: [], questionnaireIds: ['q'] } },
    ];
    expect(reportProblems(engagement, papers).map((p) => [p.pointer, p.code])).toEqual([
      ['/indicators/a', 'indicator_standard_missing'],
    ]);
  });

  it('a formula that cannot be computed is not a score', () => {
    const paper: PaperForReadiness = {
      ...ready('a'),
      scoring: {
        method: 'FORMULA',
        formula: 'QUALITY',
        numerator: '1',
        denominator: '0',
        rule: { kind: 'PROPORTIONAL' },
      },
    };
    const problems = reportProblems({ indicators: [indicator('a', '完成率')] }, [paper]);
    expect(problems.map((p) => p.code)).toEqual(['indicator_not_scored']);
  });

  it('none when every indicator is ready', () => {
    expect(reportProblems({ indicators: engagement.indicators.slice(0, 2) }, [ready('a'), ready('b')])).toEqual([]);
  });
});
