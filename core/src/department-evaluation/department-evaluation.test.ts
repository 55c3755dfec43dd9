import { describe, expect, it } from 'vitest';
import {
  actsOnDepartmentEvaluation,
  defaultTemplateFor,
  departmentEvaluationActions,
  projectSummaryFromCounts,
  seesDepartmentEvaluation,
} from '#core/department-evaluation/department-evaluation.ts';
import { sampleProjects } from '#core/department-evaluation/department-example.ts';
import { summariseProjects } from '#core/department-evaluation/project-summary.ts';
import { defaultScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import { recountSelfEvaluations } from '#core/self-evaluation/self-evaluation-tally.ts';

const rounding = defaultScoringSettings.rounding;

describe('the department evaluation record', () => {
  it('summarises the projects from the tally exactly as from the self-evaluations themselves', () => {
    const sources = sampleProjects.map((p) => ({
      reviewStatus: p.status,
      firstSubmittedAt: p.status === 'DRAFT' ? null : '2027-02-01T00:00:00.000Z',
      deadline: '2027-03-31',
      total: p.total,
      grade: p.grade,
      spotCheck: null,
    }));
    const fromTally = projectSummaryFromCounts(recountSelfEvaluations(sources), rounding);
    expect(fromTally).toEqual(summariseProjects(sampleProjects, rounding));
    // 95.5 + 90.87 + 88 + 82.25 + 81 + 71.4 + 55 = 564.02; ÷ 7 = 80.574… → 80.57.
    expect(fromTally.averageScore).toBe(80.57);
    expect(fromTally).toMatchObject({ issued: 10, submitted: 8, approved: 7, ungraded: 0 });
  });

  it('says nothing was issued when the year has no round or no tally', () => {
    expect(projectSummaryFromCounts(undefined, rounding)).toEqual(summariseProjects([], rounding));
  });

  it('gives streets and parks the streets framework and everyone else the national one', () => {
    expect(defaultTemplateFor('STREET_PARK')).toBe('STREET_PARK');
    expect(defaultTemplateFor('GOVERNMENT')).toBe('NATIONAL_2013');
    expect(defaultTemplateFor('PARTY_MASS')).toBe('NATIONAL_2013');
  });

  it('is sent by the department preparer and reviewed like a project self-evaluation', () => {
    expect(departmentEvaluationActions.submit.role).toBe('unit-preparer');
    expect(departmentEvaluationActions['department-approve'].role).toBe('department-reviewer');
    expect(departmentEvaluationActions['final-approve'].to).toBe('FINAL_APPROVED');
  });

  it('is read by its department, its business section, the bureau and, once sent, the observer', () => {
    const record = { departmentId: 'd1', financeSectionId: 's1', reviewStatus: 'DRAFT' as const };
    const who = (roles: string[], extra: object = {}) => ({ roles, ...extra }) as never;
    expect(seesDepartmentEvaluation(who(['unit-preparer'], { departmentId: 'd1' }), record)).toBe(true);
    expect(seesDepartmentEvaluation(who(['unit-preparer'], { departmentId: 'd2' }), record)).toBe(false);
    expect(seesDepartmentEvaluation(who(['business-section-reviewer'], { sectionId: 's1' }), record)).toBe(true);
    expect(seesDepartmentEvaluation(who(['business-section-reviewer'], { sectionId: 's2' }), record)).toBe(false);
    expect(seesDepartmentEvaluation(who(['observer']), record)).toBe(false);
    expect(seesDepartmentEvaluation(who(['observer']), { ...record, reviewStatus: 'UNIT_SUBMITTED' })).toBe(true);
    expect(actsOnDepartmentEvaluation(who(['unit-preparer'], { departmentId: 'd2' }), 'unit-preparer', record)).toBe(
      false,
    );
    expect(
      actsOnDepartmentEvaluation(who(['department-reviewer'], { departmentId: 'd1' }), 'department-reviewer', record),
    ).toBe(true);
  });
});
