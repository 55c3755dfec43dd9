import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { sampleProjects } from '#core/department-evaluation/department-example.ts';
import { projectSelfEvaluationLine, summariseProjects } from '#core/department-evaluation/project-summary.ts';
import { defaultScoringSettings } from '#core/self-evaluation/scoring-settings.ts';

const rounding = defaultScoringSettings.rounding;

describe('the department’s project self-evaluations, summarised (docs/domain/self-evaluation.md)', () => {
  it('counts issued, sent and approved, averages and grades the approved ones', () => {
    expect(summariseProjects(sampleProjects, rounding)).toEqual({
      issued: 10,
      submitted: 8,
      approved: 7,
      submittedPct: 80,
      approvedPct: 70,
      // (95.5 + 90.87 + 88 + 82.25 + 81 + 71.4 + 55) ÷ 7 = 564.02 ÷ 7 = 80.5742…
      averageScore: 80.57,
      grades: { EXCELLENT: 2, GOOD: 3, FAIR: 1, POOR: 1 },
      ungraded: 0,
    });
  });

  it('holds ten distinct projects in the worked example', () => {
    expect(sampleProjects.map((p) => p.projectId)).toEqual([
      'P01',
      'P02',
      'P03',
      'P04',
      'P05',
      'P06',
      'P07',
      'P08',
      'P09',
      'P10',
    ]);
    expect(sampleProjects.slice(7).map((p) => [p.total, p.status])).toEqual([
      [86, 'DEPT_APPROVED'],
      [79, 'RETURNED'],
      [null, 'DRAFT'],
    ]);
  });

  it('has no shares or average with nothing issued or scored', () => {
    expect(summariseProjects([], rounding)).toEqual({
      issued: 0,
      submitted: 0,
      approved: 0,
      submittedPct: null,
      approvedPct: null,
      averageScore: null,
      grades: { EXCELLENT: 0, GOOD: 0, FAIR: 0, POOR: 0 },
      ungraded: 0,
    });
    const approvedUnscored = [{ projectId: 'P1', total: null, grade: null, status: 'FINAL_APPROVED' as const }];
    expect(summariseProjects(approvedUnscored, rounding)).toMatchObject({
      approved: 1,
      averageScore: null,
      ungraded: 1,
    });
  });

  it('counts every sent state and none of the others', () => {
    const line = (status: (typeof sampleProjects)[number]['status']) => ({
      projectId: status,
      total: 90,
      grade: null,
      status,
    });
    const all = (
      ['DRAFT', 'UNIT_SUBMITTED', 'DEPT_APPROVED', 'FIRST_REVIEWED', 'FINAL_APPROVED', 'RETURNED', 'REJECTED'] as const
    ).map(line);
    expect(summariseProjects(all, rounding)).toMatchObject({
      issued: 7,
      submitted: 4,
      approved: 1,
      submittedPct: 57.1,
      approvedPct: 14.3,
      averageScore: 90,
    });
  });

  it('rounds the average by the year’s rule', () => {
    const whole = { decimals: 0, mode: 'FLOOR', rateFirst: false } as const;
    expect(summariseProjects(sampleProjects, whole).averageScore).toBe(80);
    const two = [89.99, 90].map((total, i) => ({
      projectId: `P${i}`,
      total,
      grade: null,
      status: 'FINAL_APPROVED' as const,
    }));
    expect(summariseProjects(two, rounding).averageScore).toBe(90);
    expect(summariseProjects(two, { ...rounding, mode: 'FLOOR' }).averageScore).toBe(89.99);
  });

  it('takes scores of at most two decimals within 0–100', () => {
    const ok = (total: unknown) =>
      v.safeParse(projectSelfEvaluationLine, { projectId: 'P', total, grade: null, status: 'DRAFT' }).success;
    expect([ok(90.87), ok(0), ok(100), ok(null)]).toEqual([true, true, true, true]);
    expect([ok(90.875), ok(-1), ok(100.01), ok(1e-7)]).toEqual([false, false, false, false]);
    const line = { projectId: 'P', total: 90.875, grade: null, status: 'DRAFT' };
    expect(v.safeParse(projectSelfEvaluationLine, line).issues?.map((i) => i.message)).toEqual(['two_decimals']);
  });
});
