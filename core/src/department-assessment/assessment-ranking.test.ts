import { describe, expect, it } from 'vitest';
import { quotaSeats, rankSeries } from '#core/department-assessment/assessment-ranking.ts';
import { type AssessmentScheme, defaultAssessmentScheme } from '#core/department-assessment/assessment-scheme.ts';
import { parseDecimal, type Ratio } from '#core/monitoring/exact-ratio.ts';

const r = (text: string): Ratio => parseDecimal(text) as Ratio;
const scheme = defaultAssessmentScheme(2026);
const series = (...finals: string[]) =>
  finals.map((f, i) => ({ departmentId: `d${String(i).padStart(2, '0')}`, final: r(f) }));
const grades = (ranked: ReturnType<typeof rankSeries>) =>
  ranked.map((d) => `${d.rank}:${(d.final.n * 100n) / d.final.d}:${d.grade}`);

describe('ranking within a series', () => {
  it('equal scores share a rank, the next rank skips: 1, 2, 2, 4', () => {
    const ranked = rankSeries({ ...scheme, quotas: {} }, series('85', '90', '80', '85'));
    expect(ranked.map((d) => [d.departmentId, d.rank])).toEqual([
      ['d01', 1],
      ['d00', 2],
      ['d03', 2],
      ['d02', 4],
    ]);
  });

  it('grades by the bands, each edge inside its grade: 90 优秀, 89.99 良好, 60 合格, 59.99 不合格', () => {
    const ranked = rankSeries({ ...scheme, quotas: {} }, series('90', '89.99', '60', '59.99'));
    expect(ranked.map((d) => d.grade)).toEqual(['EXCELLENT', 'GOOD', 'PASS', 'FAIL']);
  });
});

describe('quotas', () => {
  it('seats are rounded down so "at most" holds: 30 % of 10 is 3, of 7 is 2, of 3 is 0', () => {
    expect(quotaSeats(10, '30')).toBe(3);
    expect(quotaSeats(7, '30')).toBe(2);
    expect(quotaSeats(3, '30')).toBe(0);
    expect(quotaSeats(200, '25')).toBe(50);
  });

  it('five departments at 优秀 scores in a series of ten: the top three keep it, the others fall to 良好', () => {
    const ranked = rankSeries(scheme, series('98', '96', '94', '93', '91', '88', '85', '82', '75', '55'));
    expect(ranked.map((d) => d.grade)).toEqual([
      'EXCELLENT',
      'EXCELLENT',
      'EXCELLENT',
      'GOOD',
      'GOOD',
      'GOOD',
      'GOOD',
      'GOOD',
      'PASS',
      'FAIL',
    ]);
    expect(ranked[3]?.bandGrade).toBe('EXCELLENT');
  });

  it('a tie across the edge goes all out by default, all in when the scheme says so', () => {
    const finals = series('98', '96', '94', '94', '91', '88', '85', '82', '75', '55');
    expect(grades(rankSeries(scheme, finals)).slice(0, 5)).toEqual([
      '1:9800:EXCELLENT',
      '2:9600:EXCELLENT',
      '3:9400:GOOD',
      '3:9400:GOOD',
      '5:9100:GOOD',
    ]);
    const allIn: AssessmentScheme = { ...scheme, quotaTies: 'ALL_IN' };
    expect(grades(rankSeries(allIn, finals)).slice(0, 5)).toEqual([
      '1:9800:EXCELLENT',
      '2:9600:EXCELLENT',
      '3:9400:EXCELLENT',
      '3:9400:EXCELLENT',
      '5:9100:GOOD',
    ]);
  });

  it('quotas cascade: those beyond 优秀 compete for 良好 seats, and beyond those fall to 合格', () => {
    const both: AssessmentScheme = { ...scheme, quotas: { EXCELLENT: '20', GOOD: '30' } };
    const ranked = rankSeries(both, series('98', '96', '94', '93', '91', '88', '85', '82', '75', '55'));
    expect(ranked.map((d) => d.grade)).toEqual([
      'EXCELLENT',
      'EXCELLENT',
      'GOOD',
      'GOOD',
      'GOOD',
      'PASS',
      'PASS',
      'PASS',
      'PASS',
      'FAIL',
    ]);
  });

  it('a series of three under a 30 % quota has no 优秀', () => {
    expect(rankSeries(scheme, series('99', '98', '97')).map((d) => d.grade)).toEqual(['GOOD', 'GOOD', 'GOOD']);
  });
});
