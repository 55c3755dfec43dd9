import { describe, expect, it } from 'vitest';
import { budgetGate, exAnteRequired } from '#core/submission/budget-gate.ts';
import type { ReviewGrade } from '#core/submission/performance-target.ts';
import { submissionConfig } from '#core/submission/submission-config.ts';
import {
  configOf,
  defaultSettingsValues,
  type SettingsValues,
  saveSubmissionSettings,
  submissionSettingsErrors,
} from '#core/submission/submission-settings.ts';
import { validate } from '#core/validation.ts';

const settings = (changes: Partial<SettingsValues> = {}): SettingsValues => ({ ...defaultSettingsValues, ...changes });
const grades = (...passing: ReviewGrade[]) => settings({ passingGrades: passing });
const codes = (s: SettingsValues) => submissionSettingsErrors(s, 'zh-CN').map((e) => `${e.pointer} ${e.code}`);

describe('the settings of a year', () => {
  it('default to 50/30/10 + 10, 500 万元 and 优/良, and those pass their own rules', () => {
    expect(defaultSettingsValues).toEqual({
      weights: { OUTPUT: 50, BENEFIT: 30, SATISFACTION: 10, budgetExecution: 10, total: 100 },
      exAnteThresholdFen: 500_0000_00,
      passingGrades: ['EXCELLENT', 'GOOD'],
    });
    expect(codes(defaultSettingsValues)).toEqual([]);
  });

  it('take the passing grades from the top, best first, each once', () => {
    expect(codes(grades('EXCELLENT'))).toEqual([]);
    expect(codes(grades('EXCELLENT', 'GOOD', 'FAIR'))).toEqual([]);
    expect(codes(grades())).toEqual(['/passingGrades passing_grades_empty']);
    expect(codes(grades('GOOD', 'EXCELLENT'))).toEqual(['/passingGrades passing_grades_order']);
    expect(codes(grades('EXCELLENT', 'EXCELLENT'))).toEqual(['/passingGrades passing_grades_order']);
    expect(codes(grades('GOOD'))).toEqual(['/passingGrades passing_grades_gap']);
    expect(codes(grades('EXCELLENT', 'FAIR'))).toEqual(['/passingGrades passing_grades_gap']);
    expect(codes(grades('EXCELLENT', 'GOOD', 'FAIR', 'POOR'))).toEqual(['/passingGrades passing_grades_poor']);
  });

  it('say what is wrong in Chinese and in English', () => {
    expect(submissionSettingsErrors(grades('FAIR'), 'zh-CN')[0]?.message).toBe(
      '比准入等级更好的等级也应准予纳入预算（缺少 优、良）',
    );
    expect(submissionSettingsErrors(grades('FAIR'), 'en')[0]?.message).toBe(
      'A grade better than a passing one must pass too (Excellent, Good is missing)',
    );
    expect(submissionSettingsErrors(grades(), 'en')[0]?.message).toBe(
      'Choose at least one grade that lets a project into the budget',
    );
    expect(submissionSettingsErrors(grades('GOOD', 'EXCELLENT'), 'zh-CN')[0]?.message).toBe(
      '准予纳入预算的等级应按 优、良、中、差 的顺序排列，且不重复',
    );
    expect(submissionSettingsErrors(grades('EXCELLENT', 'GOOD', 'FAIR', 'POOR'), 'zh-CN')[0]?.message).toBe(
      '评为差的项目不予通过（财预〔2015〕88号），不能准予纳入预算',
    );
    expect(submissionSettingsErrors(settings({ exAnteThresholdFen: 0 }), 'zh-CN')[0]?.message).toBe(
      '事前评估金额标准应大于 0 万元',
    );
  });

  it('refuse a threshold of nothing but take one fen, and check the weights as before', () => {
    expect(codes(settings({ exAnteThresholdFen: 0 }))).toEqual(['/exAnteThresholdFen ex_ante_threshold_zero']);
    expect(codes(settings({ exAnteThresholdFen: 1 }))).toEqual([]);
    const weights = { ...defaultSettingsValues.weights, OUTPUT: 60 };
    expect(codes(settings({ weights }))).toEqual(['/weights/total weights_settings_total']);
  });

  it('refuse by schema what is not money in fen or not a grade', () => {
    const body = (changes: Record<string, unknown>) => ({ version: 0, ...defaultSettingsValues, ...changes });
    expect(validate(saveSubmissionSettings, body({}), 'zh-CN').ok).toBe(true);
    const pointers = (changes: Record<string, unknown>) => {
      const result = validate(saveSubmissionSettings, body(changes), 'en');
      return result.ok ? [] : result.errors.map((e) => e.pointer);
    };
    expect(pointers({ exAnteThresholdFen: 300.5 })).toEqual(['/exAnteThresholdFen']);
    expect(pointers({ exAnteThresholdFen: -1 })).toEqual(['/exAnteThresholdFen']);
    expect(pointers({ exAnteThresholdFen: 1e13 + 1 })).toEqual(['/exAnteThresholdFen']);
    expect(pointers({ passingGrades: ['EXCELLENT', 'A'] })).toEqual(['/passingGrades/1']);
    expect(pointers({ passingGrades: ['EXCELLENT', 'GOOD', 'FAIR', 'POOR', 'POOR'] })).toEqual(['/passingGrades']);
    expect(pointers({ extra: true })).not.toEqual([]);
  });

  it('become the configuration the budget gate and the ex-ante rule run with', () => {
    const lowered = configOf(settings({ exAnteThresholdFen: 300_0000_00, passingGrades: ['EXCELLENT'] }));
    expect(lowered.satisfactionExemptWeightTo).toBe(submissionConfig.satisfactionExemptWeightTo);
    const project = { majorPolicy: false, nature: 'NEW', funds: { fiscal: 400_0000_00, carryOver: 0, other: 0 } };
    expect(exAnteRequired(project, lowered)).toBe(true);
    expect(exAnteRequired(project, configOf(defaultSettingsValues))).toBe(false);
    const good = {
      stage: 'IN_LIBRARY',
      approvedTargetId: 't1',
      approvedGrade: 'GOOD',
      exAnteRequired: false,
      exAnteConclusion: null,
    };
    expect(budgetGate(good, configOf(defaultSettingsValues))).toEqual([]);
    expect(budgetGate(good, lowered)).toEqual(['grade_not_passing']);
    expect(budgetGate({ ...good, approvedGrade: 'EXCELLENT' }, lowered)).toEqual([]);
  });
});
