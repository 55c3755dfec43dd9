import { describe, expect, it } from 'vitest';
import type { FieldRecordContent } from '#core/fieldwork/field-record.ts';
import { fieldPlan, planProblems } from '#core/fieldwork/plan-rules.ts';
import { uuidV7 } from '#core/ids.ts';

/**
 * 孙强 is assigned two estates of the sample; the framework has two indicators and the plan one
 * residents' questionnaire with two questions. The third estate is a colleague's.
 */
const estate = { mine: uuidV7(), alsoMine: uuidV7(), colleagues: uuidV7() };
const indicator = { coverage: uuidV7(), satisfaction: uuidV7() };
const questionnaireId = uuidV7();
const question = { service: uuidV7(), fees: uuidV7() };
const plan = fieldPlan(
  { siteIds: [estate.mine, estate.alsoMine] },
  {
    indicators: [{ id: indicator.coverage }, { id: indicator.satisfaction }],
    questionnaires: [{ id: questionnaireId, questions: [{ id: question.service }, { id: question.fees }] }],
  },
);

const now = '2026-11-26T09:00:00+08:00';
const common = { deviceCreatedAt: now, deviceUpdatedAt: now, photos: [] };

const check = (indicatorId: string | null) => ({
  id: uuidV7(),
  indicatorId,
  claim: '小区已纳入补贴范围',
  method: 'INSPECT' as const,
  declaredValue: '',
  observedValue: '',
  verdict: 'CONFIRMED' as const,
  note: '',
});

const siteVisit = (siteId: string, checks: ReturnType<typeof check>[] = []): FieldRecordContent => ({
  ...common,
  type: 'SITE_VISIT',
  siteId,
  arrivedAt: now,
  departedAt: null,
  position: null,
  positionNote: '地下车库无信号',
  accompaniedBy: '',
  checks,
  findings: '',
  signature: { signerName: '孙强', signedAt: now, path: 'M 1 1 L 2 2' },
});

const interview = (linkedIndicatorIds: string[]): FieldRecordContent => ({
  ...common,
  type: 'INTERVIEW',
  mode: 'IN_PERSON',
  place: '物业服务中心',
  startedAt: now,
  interviewee: { category: 'BENEFICIARY', role: '居民', name: '' },
  consent: { given: false, method: null },
  answers: [],
  notes: '',
  linkedIndicatorIds,
});

const symposium = (linkedIndicatorIds: string[]): FieldRecordContent => ({
  ...common,
  type: 'SYMPOSIUM',
  topic: '物业服务质量',
  place: '社区居委会',
  startedAt: now,
  participants: [{ category: 'BENEFICIARY', role: '居民代表', count: 6 }],
  answers: [],
  notes: '',
  linkedIndicatorIds,
});

const response = (questionnaire: string, questionIds: string[]): FieldRecordContent => ({
  ...common,
  type: 'SURVEY_RESPONSE',
  questionnaireId: questionnaire,
  respondentGroup: 'BENEFICIARY',
  channel: 'ON_SITE',
  respondentCode: 'R-001',
  answers: questionIds.map((questionId) => ({ questionId, likert: 4, choice: null })),
});

/** `pointer code` of each problem, in order. */
const problems = (content: FieldRecordContent) => planProblems(content, plan).map((e) => `${e.pointer} ${e.code}`);

describe('planProblems: a record keeps to the plan and the assignment', () => {
  it('passes a record of each kind that keeps to the plan', () => {
    expect(problems(siteVisit(estate.mine, [check(indicator.coverage), check(null)]))).toEqual([]);
    expect(problems(siteVisit(estate.alsoMine))).toEqual([]);
    expect(problems(interview([indicator.coverage, indicator.satisfaction]))).toEqual([]);
    expect(problems(symposium([indicator.satisfaction]))).toEqual([]);
    expect(problems(response(questionnaireId, [question.service, question.fees]))).toEqual([]);
    // A response may leave questions out: unanswered is not unknown.
    expect(problems(response(questionnaireId, []))).toEqual([]);
  });

  it('refuses a visit to a site of the sample that is not in the evaluator’s assignment', () => {
    expect(problems(siteVisit(estate.colleagues))).toEqual(['/siteId site_not_in_assignment']);
  });

  it('refuses a check that points at an indicator outside the framework, and only that check', () => {
    const removed = uuidV7();
    expect(problems(siteVisit(estate.mine, [check(indicator.coverage), check(null), check(removed)]))).toEqual([
      '/checks/2/indicatorId unknown_indicator',
    ]);
  });

  it('names a visit’s every problem: the site and each unknown indicator', () => {
    expect(problems(siteVisit(estate.colleagues, [check(uuidV7()), check(uuidV7())]))).toEqual([
      '/siteId site_not_in_assignment',
      '/checks/0/indicatorId unknown_indicator',
      '/checks/1/indicatorId unknown_indicator',
    ]);
  });

  it('refuses an interview or a symposium linked to an indicator outside the framework', () => {
    expect(problems(interview([indicator.coverage, uuidV7()]))).toEqual(['/linkedIndicatorIds/1 unknown_indicator']);
    expect(problems(symposium([uuidV7(), indicator.satisfaction]))).toEqual([
      '/linkedIndicatorIds/0 unknown_indicator',
    ]);
  });

  it('refuses a response to a questionnaire the plan does not have, without judging its answers', () => {
    expect(problems(response(uuidV7(), [question.service, uuidV7()]))).toEqual([
      '/questionnaireId unknown_questionnaire',
    ]);
  });

  it('refuses an answer to a question the questionnaire does not have', () => {
    expect(problems(response(questionnaireId, [question.service, uuidV7(), question.fees]))).toEqual([
      '/answers/1/questionId unknown_question',
    ]);
  });

  it('does not take a question of one questionnaire for another’s', () => {
    const other = uuidV7();
    const twoQuestionnaires = fieldPlan(
      { siteIds: [] },
      {
        indicators: [],
        questionnaires: [
          { id: questionnaireId, questions: [{ id: question.service }] },
          { id: other, questions: [{ id: question.fees }] },
        ],
      },
    );
    const codes = planProblems(response(questionnaireId, [question.fees]), twoQuestionnaires).map((e) => e.code);
    expect(codes).toEqual(['unknown_question']);
  });

  it('gives every problem its code as the message, for the caller to put in the user’s language', () => {
    for (const e of planProblems(siteVisit(estate.colleagues), plan)) expect(e.message).toBe(e.code);
  });
});
