import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  commissionAgency,
  defaultPlan,
  engagementQuery,
  engagementStep,
  type FrameworkIndicator,
  type Questionnaire,
  updateEngagementPlan,
} from '#core/fieldwork/engagement.ts';
import { buildFramework } from '#core/fieldwork/evaluation-framework.ts';
import { fieldworkDefaults } from '#core/fieldwork/fieldwork-config.ts';
import { uuidV7 } from '#core/ids.ts';

/**
 * Every limit of a work plan at its edge (docs/domain/fieldwork.md): the most a plan holds of each list, the kinds and
 * sources it accepts, and the plan a new engagement starts from. Mutation testing showed these unchecked.
 */
const failures = (schema: v.GenericSchema, input: unknown): string[] => {
  const result = v.safeParse(schema, input);
  if (result.success) return [];
  return result.issues.map((i) => `${v.getDotPath(i) ?? ''} ${/^[a-z0-9_]+$/.test(i.message) ? i.message : i.type}`);
};
const times = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);

const indicator = (): FrameworkIndicator => buildFramework([], fieldworkDefaults.weights, uuidV7)[0]!;
const site = () => ({ id: uuidV7(), name: '和平街道', address: '', latitude: null, longitude: null, note: '' });
const question = (kind = 'LIKERT', options: string[] = []) => ({
  id: uuidV7(),
  text: '您是否满意？',
  kind,
  options,
  indicatorId: null,
});
const questionnaire = (questions: unknown[]): Questionnaire =>
  ({
    id: uuidV7(),
    title: '居民满意度问卷',
    respondentGroup: 'BENEFICIARY',
    groupWeight: 100,
    minimumSample: 30,
    questions,
  }) as Questionnaire;
const plan = (part: Record<string, unknown>) => failures(updateEngagementPlan, { version: 1, ...part });

describe('the most a work plan holds', () => {
  it('120 indicators, 200 sites, 60 interview questions with 10 indicators each', () => {
    expect(plan({ indicators: times(120, indicator) })).toEqual([]);
    expect(plan({ indicators: times(121, indicator) })).toEqual(['indicators max_items']);
    expect(plan({ sites: times(200, site) })).toEqual([]);
    expect(plan({ sites: times(201, site) })).toEqual(['sites max_items']);
    const interview = (indicatorIds: number) => ({
      id: uuidV7(),
      text: '资金如何拨付？',
      indicatorIds: times(indicatorIds, uuidV7),
    });
    expect(plan({ interviewQuestions: times(60, () => interview(10)) })).toEqual([]);
    expect(plan({ interviewQuestions: times(61, () => interview(0)) })).toEqual(['interviewQuestions max_items']);
    expect(plan({ interviewQuestions: [interview(11)] })).toEqual(['interviewQuestions.0.indicatorIds max_items']);
  });

  it('a questionnaire of 1 to 40 questions, each a Likert scale or a choice among at most 10 options', () => {
    expect(plan({ questionnaires: [questionnaire(times(40, () => question()))] })).toEqual([]);
    expect(plan({ questionnaires: [questionnaire(times(41, () => question()))] })).toEqual([
      'questionnaires.0.questions max_items',
    ]);
    const options = (n: number) => times(n, () => '满意');
    expect(plan({ questionnaires: [questionnaire([question('CHOICE', options(10))])] })).toEqual([]);
    expect(plan({ questionnaires: [questionnaire([question('CHOICE', options(11))])] })).toEqual([
      'questionnaires.0.questions.0.options max_items',
    ]);
    expect(plan({ questionnaires: [questionnaire([question('TEXT')])] })).toEqual([
      'questionnaires.0.questions.0.kind picklist',
    ]);
  });
});

describe('what a framework indicator says the department claimed', () => {
  it('comes from its targets, its monitoring or its self-evaluation, and nowhere else', () => {
    for (const source of ['TARGET', 'MONITORING', 'SELF_EVALUATION']) {
      expect(plan({ indicators: [{ ...indicator(), claim: { source, value: '1200 盏' } }] }), source).toEqual([]);
    }
    expect(plan({ indicators: [{ ...indicator(), claim: { source: 'HEARSAY', value: '' } }] })).toEqual([
      'indicators.0.claim.source picklist',
    ]);
    expect(plan({ indicators: [{ ...indicator(), claim: { source: 'TARGET' } }] })).toEqual([
      'indicators.0.claim.value strict_object',
    ]);
  });
});

describe('the agency’s declaration, a step and the list filter', () => {
  it('dates the declaration as a calendar day that exists', () => {
    const declaration = (declaredOn: string) => ({
      version: 2,
      agencyId: uuidV7(),
      declaration: { noConflict: true, statement: '与被评价单位无利害关系', declaredBy: '周敏', declaredOn },
    });
    expect(failures(commissionAgency, declaration('2027-04-01'))).toEqual([]);
    expect(failures(commissionAgency, declaration('2027-04-31'))).toEqual(['declaration.declaredOn iso_date']);
    expect(failures(commissionAgency, declaration('2027/04/01'))).toEqual(['declaration.declaredOn iso_date']);
  });

  it('a step carries its version and nothing else; the list filters by a known state', () => {
    expect(failures(engagementStep, { version: 3 })).toEqual([]);
    expect(failures(engagementStep, { version: 3, state: 'RELEASED' })).toEqual(['state strict_object']);
    expect(failures(engagementQuery, {})).toEqual([]);
    expect(failures(engagementQuery, { state: 'SELECTED' })).toEqual([]);
    expect(failures(engagementQuery, { state: 'LOST' })).toEqual(['state picklist']);
  });
});

describe('the plan a new engagement starts from', () => {
  it('has the configured weights and GPS limit, judgemental sampling and nothing else yet', () => {
    expect(defaultPlan()).toEqual({
      weights: fieldworkDefaults.weights,
      sampling: { population: '', method: 'JUDGEMENTAL', note: '' },
      interviewQuestions: [],
      questionnaires: [],
      sites: [],
      gpsAccuracyLimitMetres: fieldworkDefaults.gpsAccuracyLimitMetres,
    });
    // Each engagement gets its own copy to edit.
    expect(defaultPlan().weights).not.toBe(fieldworkDefaults.weights);
  });
});
