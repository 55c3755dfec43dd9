import type { FieldRecordContent } from '#core/fieldwork/field-record.ts';
import type { FieldError } from '#core/problem.ts';

/**
 * What of the approved work plan and the evaluator's assignment a field record is checked against
 * (docs/domain/fieldwork.md#plan-rules): the assignment's sites, the framework's indicators, and
 * the questionnaires with their questions. The server builds it from the stored assignment and
 * engagement, the phone from the package it downloaded: both have this shape.
 */
export interface FieldPlan {
  siteIds: ReadonlySet<string>;
  indicatorIds: ReadonlySet<string>;
  /** Each questionnaire's question ids, by questionnaire id. */
  questionnaires: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The plan of one assignment: the sites assigned, and the engagement's framework and questionnaires. */
export const fieldPlan = (
  assignment: { readonly siteIds: readonly string[] },
  engagement: {
    readonly indicators: readonly { readonly id: string }[];
    readonly questionnaires: readonly { readonly id: string; readonly questions: readonly { readonly id: string }[] }[];
  },
): FieldPlan => ({
  siteIds: new Set(assignment.siteIds),
  indicatorIds: new Set(engagement.indicators.map((i) => i.id)),
  questionnaires: new Map(engagement.questionnaires.map((q) => [q.id, new Set(q.questions.map((x) => x.id))])),
});

/**
 * The plan rules a record meets beyond its own (`recordProblems`): a site visit is at a site of
 * the evaluator's assignment and its checks point at indicators of the framework; an interview's
 * or a symposium's linked indicators are in the framework; a questionnaire response answers a
 * questionnaire of the plan, and only its questions. The phone runs them before it queues a
 * record, with the plan it downloaded; the API runs them again with the plan it holds.
 */
export const planProblems = (content: FieldRecordContent, plan: FieldPlan): FieldError[] => {
  const errors: FieldError[] = [];
  const add = (pointer: string, code: string) => errors.push({ pointer, code, message: code });
  switch (content.type) {
    case 'SITE_VISIT':
      if (!plan.siteIds.has(content.siteId)) add('/siteId', 'site_not_in_assignment');
      content.checks.forEach((c, i) => {
        if (c.indicatorId !== null && !plan.indicatorIds.has(c.indicatorId))
          add(`/checks/${i}/indicatorId`, 'unknown_indicator');
      });
      break;
    case 'INTERVIEW':
    case 'SYMPOSIUM':
      content.linkedIndicatorIds.forEach((id, i) => {
        if (!plan.indicatorIds.has(id)) add(`/linkedIndicatorIds/${i}`, 'unknown_indicator');
      });
      break;
    case 'SURVEY_RESPONSE': {
      const questions = plan.questionnaires.get(content.questionnaireId);
      if (!questions) add('/questionnaireId', 'unknown_questionnaire');
      else
        content.answers.forEach((a, i) => {
          if (!questions.has(a.questionId)) add(`/answers/${i}/questionId`, 'unknown_question');
        });
      break;
    }
  }
  return errors;
};
