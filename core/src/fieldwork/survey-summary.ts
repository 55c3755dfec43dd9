import type { Questionnaire, RespondentGroup } from '#core/fieldwork/engagement.ts';
import { fieldworkDefaults } from '#core/fieldwork/fieldwork-config.ts';

/**
 * Satisfaction from questionnaire responses (docs/domain/fieldwork.md#survey-summary-and-minimum-sample): the rate version (非常满意 + 满意
 * over valid answers) and the score version (Likert weights), per question, per questionnaire and
 * across respondent groups by their weights. A questionnaire with fewer valid responses than its
 * minimum sample is flagged and left out of the combined result.
 */
export interface SurveyAnswer {
  questionId: string;
  likert: number | null;
  choice: string | null;
}
export interface SurveyResponseLike {
  questionnaireId: string;
  answers: readonly SurveyAnswer[];
}

export interface LikertTally {
  questionId: string;
  /** counts[0] = 非常不满意 (1) … counts[4] = 非常满意 (5). */
  counts: [number, number, number, number, number];
  answered: number;
  /** Percent, two decimals; null with no answers. */
  rate: number | null;
  score: number | null;
}

export interface QuestionnaireSummary {
  questionnaireId: string;
  respondentGroup: RespondentGroup;
  groupWeight: number;
  returned: number;
  /** Responses that answered every Likert question. */
  valid: number;
  minimumSample: number;
  belowMinimumSample: boolean;
  rate: number | null;
  score: number | null;
  questions: LikertTally[];
  /** For choice questions: how often each option was picked. */
  choices: { questionId: string; counts: Record<string, number> }[];
}

export interface SurveySummary {
  questionnaires: QuestionnaireSummary[];
  /** Weighted by group over the questionnaires that reached their minimum sample; null if none did. */
  combinedRate: number | null;
  combinedScore: number | null;
}

/**
 * Half-up to two decimals, on the integer scale so 0.125 does not become 0.12. The scaled value is
 * cut to 15 significant digits first, which drops the binary noise of the division before it:
 * 23/160 × 100 is 14.374999999999998 in floating point and must round as 14.375 does, to 14.38.
 */
export const round2 = (value: number): number => Math.round(Number((value * 100).toPrecision(15))) / 100;

const rateOf = (counts: readonly number[], answered: number) =>
  answered === 0 ? null : round2((((counts[3] ?? 0) + (counts[4] ?? 0)) / answered) * 100);

const scoreOf = (counts: readonly number[], answered: number, likertWeights: readonly number[]) =>
  answered === 0
    ? null
    : round2(
        // likertWeights[0] is for 非常满意 (5), so the tally is read backwards.
        counts.reduce((sum, count, i) => sum + count * (likertWeights[4 - i] ?? 0), 0) / answered,
      );

export const summariseSurvey = (
  questionnaires: readonly Questionnaire[],
  responses: readonly SurveyResponseLike[],
  likertWeights: readonly number[] = fieldworkDefaults.likertWeights,
): SurveySummary => {
  const summaries = questionnaires.map((questionnaire): QuestionnaireSummary => {
    const mine = responses.filter((r) => r.questionnaireId === questionnaire.id);
    const likertIds = questionnaire.questions.filter((q) => q.kind === 'LIKERT').map((q) => q.id);
    const isValid = (r: SurveyResponseLike) =>
      likertIds.every((id) => r.answers.some((a) => a.questionId === id && a.likert !== null));
    const valid = mine.filter(isValid);
    const questions = likertIds.map((questionId): LikertTally => {
      const counts: LikertTally['counts'] = [0, 0, 0, 0, 0];
      for (const r of valid) {
        const likert = r.answers.find((a) => a.questionId === questionId)?.likert;
        if (likert) counts[likert - 1] = (counts[likert - 1] ?? 0) + 1;
      }
      const answered = counts.reduce((a, b) => a + b, 0);
      return {
        questionId,
        counts,
        answered,
        rate: rateOf(counts, answered),
        score: scoreOf(counts, answered, likertWeights),
      };
    });
    const pooled = [0, 1, 2, 3, 4].map((i) => questions.reduce((s, q) => s + q.counts[i]!, 0));
    const answered = pooled.reduce((a, b) => a + b, 0);
    const choices = questionnaire.questions
      .filter((q) => q.kind === 'CHOICE')
      .map((q) => {
        const counts: Record<string, number> = Object.fromEntries(q.options.map((o) => [o, 0]));
        for (const r of mine) {
          const choice = r.answers.find((a) => a.questionId === q.id)?.choice;
          if (choice && choice in counts) counts[choice] = (counts[choice] ?? 0) + 1;
        }
        return { questionId: q.id, counts };
      });
    return {
      questionnaireId: questionnaire.id,
      respondentGroup: questionnaire.respondentGroup,
      groupWeight: questionnaire.groupWeight,
      returned: mine.length,
      valid: valid.length,
      minimumSample: questionnaire.minimumSample,
      belowMinimumSample: valid.length < questionnaire.minimumSample,
      rate: rateOf(pooled, answered),
      score: scoreOf(pooled, answered, likertWeights),
      questions,
      choices,
    };
  });
  const usable = summaries.filter((s) => !s.belowMinimumSample && s.rate !== null);
  const weightSum = usable.reduce((s, q) => s + (usable.length === 1 ? 1 : q.groupWeight), 0);
  const combine = (pick: (s: QuestionnaireSummary) => number | null) =>
    usable.length === 0 || weightSum === 0
      ? null
      : round2(usable.reduce((s, q) => s + (pick(q) ?? 0) * (usable.length === 1 ? 1 : q.groupWeight), 0) / weightSum);
  return {
    questionnaires: summaries,
    combinedRate: combine((s) => s.rate),
    combinedScore: combine((s) => s.score),
  };
};

/** Points for a satisfaction indicator (docs/domain/fieldwork.md#survey-summary-and-minimum-sample): the full weight at or above target, else weight × A/T. */
export const satisfactionPoints = (actual: number, target: number, weight: number): number =>
  target <= 0 || actual >= target ? weight : round2((weight * actual) / target);
