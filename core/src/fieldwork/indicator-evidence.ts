import type { Engagement } from '#core/fieldwork/engagement.ts';
import type { FieldRecordContent, Verdict } from '#core/fieldwork/field-record.ts';
import { type SurveySummary, summariseSurvey } from '#core/fieldwork/survey-summary.ts';

/**
 * Everything gathered for each indicator of an engagement, across site visits, interviews,
 * symposia and questionnaires (the "per indicator, all the evidence" view of the bureau and the
 * agency, and the evidence chain a score will cite).
 */
export interface CheckEvidence {
  recordId: string;
  siteId: string;
  claim: string;
  declaredValue: string;
  observedValue: string;
  verdict: Verdict | null;
  note: string;
  photoCount: number;
}

export interface ConversationEvidence {
  recordId: string;
  type: 'INTERVIEW' | 'SYMPOSIUM';
  /** The answers given to outline questions linked to this indicator. */
  answers: { question: string; answer: string }[];
}

export interface SurveyEvidence {
  questionnaireId: string;
  questionId: string;
  answered: number;
  rate: number | null;
  score: number | null;
  belowMinimumSample: boolean;
}

export interface IndicatorEvidence {
  indicatorId: string;
  verdicts: Record<Verdict, number>;
  checks: CheckEvidence[];
  conversations: ConversationEvidence[];
  surveys: SurveyEvidence[];
}

type RecordLike = FieldRecordContent & { id: string };

export const verdictTally = (verdicts: readonly (Verdict | null)[]): Record<Verdict, number> => {
  const tally: Record<Verdict, number> = { CONFIRMED: 0, PARTLY: 0, NOT_CONFIRMED: 0, CANNOT_VERIFY: 0 };
  for (const verdict of verdicts) if (verdict) tally[verdict] += 1;
  return tally;
};

export const indicatorEvidence = (
  plan: Pick<Engagement, 'indicators' | 'interviewQuestions' | 'questionnaires'>,
  records: readonly RecordLike[],
  survey: SurveySummary = summariseSurvey(
    plan.questionnaires,
    records.flatMap((r) => (r.type === 'SURVEY_RESPONSE' ? [r] : [])),
  ),
): IndicatorEvidence[] => {
  const outline = new Map(plan.interviewQuestions.map((q) => [q.id, q.indicatorIds]));
  return plan.indicators.map((indicator): IndicatorEvidence => {
    const checks: CheckEvidence[] = records.flatMap((r) =>
      r.type === 'SITE_VISIT'
        ? r.checks
            .filter((c) => c.indicatorId === indicator.id)
            .map((c) => ({
              recordId: r.id,
              siteId: r.siteId,
              claim: c.claim,
              declaredValue: c.declaredValue,
              observedValue: c.observedValue,
              verdict: c.verdict,
              note: c.note,
              photoCount: r.photos.length,
            }))
        : [],
    );
    const conversations: ConversationEvidence[] = records.flatMap((r) => {
      if (r.type !== 'INTERVIEW' && r.type !== 'SYMPOSIUM') return [];
      const answers = r.answers
        .filter((a) => a.questionId !== null && (outline.get(a.questionId) ?? []).includes(indicator.id))
        .map((a) => ({ question: a.question, answer: a.answer }));
      if (answers.length === 0 && !r.linkedIndicatorIds.includes(indicator.id)) return [];
      return [{ recordId: r.id, type: r.type, answers }];
    });
    const surveys: SurveyEvidence[] = plan.questionnaires.flatMap((questionnaire) => {
      const summary = survey.questionnaires.find((s) => s.questionnaireId === questionnaire.id);
      return questionnaire.questions
        .filter((q) => q.indicatorId === indicator.id && q.kind === 'LIKERT')
        .map((q) => {
          const tally = summary?.questions.find((t) => t.questionId === q.id);
          return {
            questionnaireId: questionnaire.id,
            questionId: q.id,
            answered: tally?.answered ?? 0,
            rate: tally?.rate ?? null,
            score: tally?.score ?? null,
            belowMinimumSample: summary?.belowMinimumSample ?? true,
          };
        });
    });
    return {
      indicatorId: indicator.id,
      verdicts: verdictTally(checks.map((c) => c.verdict)),
      checks,
      conversations,
      surveys,
    };
  });
};
