import type {
  Engagement,
  FrameworkIndicator,
  InterviewQuestion,
  Questionnaire,
  Site,
  SurveyQuestion,
  Weights,
} from '@jixiao/core/fieldwork/engagement.ts';
import { evaluationLevel1Codes, fieldworkDefaults } from '@jixiao/core/fieldwork/fieldwork-config.ts';
import type { Language } from '@jixiao/core/language.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { describe } from '@jixiao/core/validation.ts';

/**
 * The work plan (评价方案) as the editor holds it, and the sums the bureau checks it by: level-1
 * weights total 100, each level's indicator points total its weight. Pure, so the rules shown as
 * the person types are the ones the tests pin down; the approval rules themselves are core's
 * `planProblems`, which the API runs again.
 */
export type PlanDraft = Pick<
  Engagement,
  'weights' | 'indicators' | 'sites' | 'sampling' | 'interviewQuestions' | 'questionnaires' | 'gpsAccuracyLimitMetres'
>;
export type Level = (typeof evaluationLevel1Codes)[number];
export const levels: readonly Level[] = evaluationLevel1Codes;

/**
 * A deep copy, so editing the draft never touches the stored engagement. Through JSON rather than
 * `structuredClone`, which refuses the proxies of Svelte state; a plan is JSON anyway.
 */
export const draftOf = (e: PlanDraft): PlanDraft =>
  JSON.parse(
    JSON.stringify({
      weights: e.weights,
      indicators: e.indicators,
      sites: e.sites,
      sampling: e.sampling,
      interviewQuestions: e.interviewQuestions,
      questionnaires: e.questionnaires,
      gpsAccuracyLimitMetres: e.gpsAccuracyLimitMetres,
    }),
  );

/** Two decimals, the precision of points, without binary noise (0.1 + 0.2). */
export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** An empty number input gives null (Svelte) or NaN: both count as nothing in a live sum. */
const numberOr0 = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) ? n : 0);

export const weightTotal = (weights: Weights): number =>
  round2(levels.reduce((sum, level) => sum + numberOr0(weights[level]), 0));

export const levelPoints = (
  indicators: readonly Pick<FrameworkIndicator, 'level1' | 'points'>[],
): Record<Level, number> =>
  Object.fromEntries(
    levels.map((level) => [
      level,
      round2(indicators.filter((i) => i.level1 === level).reduce((s, i) => s + numberOr0(i.points), 0)),
    ]),
  ) as Record<Level, number>;

/** Within half a hundredth, as core's `planProblems` judges. */
export const balanced = (a: number, b: number): boolean => Math.abs(a - b) < 0.005;

/**
 * What the plan's body looks like for `PATCH /engagements/{id}`: the choice options are typed one
 * per line, so blank lines and spaces around them are dropped here.
 */
export const planBody = (draft: PlanDraft): PlanDraft => ({
  ...draft,
  questionnaires: draft.questionnaires.map((q) => ({
    ...q,
    questions: q.questions.map((question) => ({
      ...question,
      options: question.kind === 'CHOICE' ? question.options.map((o) => o.trim()).filter(Boolean) : [],
    })),
  })),
});

export const samePlan = (a: PlanDraft, b: PlanDraft): boolean =>
  JSON.stringify(planBody(a)) === JSON.stringify(planBody(b));

export const newIndicator = (id: string, level1: Level): FrameworkIndicator => ({
  id,
  level1,
  level2: '',
  name: '',
  source: 'ENGAGEMENT',
  target: '',
  points: 0,
  standard: '',
  claim: null,
});

export const newSite = (id: string): Site => ({ id, name: '', address: '', latitude: null, longitude: null, note: '' });

export const newInterviewQuestion = (id: string): InterviewQuestion => ({ id, text: '', indicatorIds: [] });

export const newSurveyQuestion = (id: string): SurveyQuestion => ({
  id,
  text: '',
  kind: 'LIKERT',
  options: [],
  indicatorId: null,
});

export const newQuestionnaire = (
  id: string,
  firstQuestionId: string,
  others: readonly Questionnaire[],
): Questionnaire => ({
  id,
  title: '',
  respondentGroup: 'BENEFICIARY',
  // The first questionnaire weighs it all; a later one starts at nothing, for the person to share out.
  groupWeight: others.length === 0 ? 100 : 0,
  minimumSample: fieldworkDefaults.surveyMinimumSample,
  questions: [newSurveyQuestion(firstQuestionId)],
});

/** An indicator's links are dropped with it, so the plan never points at something gone. */
export const withoutIndicator = (draft: PlanDraft, indicatorId: string): PlanDraft => ({
  ...draft,
  indicators: draft.indicators.filter((i) => i.id !== indicatorId),
  interviewQuestions: draft.interviewQuestions.map((q) => ({
    ...q,
    indicatorIds: q.indicatorIds.filter((id) => id !== indicatorId),
  })),
  questionnaires: draft.questionnaires.map((q) => ({
    ...q,
    questions: q.questions.map((s) => (s.indicatorId === indicatorId ? { ...s, indicatorId: null } : s)),
  })),
});

/** Inserts a new indicator after the last one of its level, so the table stays in level order. */
export const withIndicator = (draft: PlanDraft, indicator: FrameworkIndicator): PlanDraft => {
  const order = levels.indexOf(indicator.level1);
  const after = draft.indicators.findLastIndex((i) => levels.indexOf(i.level1) <= order);
  const indicators = [...draft.indicators];
  indicators.splice(after + 1, 0, indicator);
  return { ...draft, indicators };
};

/** `planProblems` in words, once each (several indicators may lack a standard). */
export const problemTexts = (problems: readonly FieldError[], language: Language, levelName: (l: Level) => string) => [
  ...new Set(
    problems.map((p) => {
      const level = /^\/weights\/(\w+)$/.exec(p.pointer)?.[1] as Level | undefined;
      const text = describe(p.code, language);
      return level ? `${levelName(level)}：${text}` : text;
    }),
  ),
];
