import { type Engagement, updateEngagementPlan } from '@jixiao/core/fieldwork/engagement.ts';
import { planProblems } from '@jixiao/core/fieldwork/evaluation-framework.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { validate } from '@jixiao/core/validation.ts';
import { engagementLevelName } from '#lib/engagements/engagement-labels.ts';
import {
  balanced,
  draftOf,
  type Level,
  levelPoints,
  levels,
  newIndicator,
  newInterviewQuestion,
  newQuestionnaire,
  newSite,
  newSurveyQuestion,
  type PlanDraft,
  planBody,
  problemTexts,
  samePlan,
  weightTotal,
  withIndicator,
  withoutIndicator,
} from '#lib/engagements/plan-draft.ts';
import { i18n } from '#lib/i18n.svelte.ts';

/**
 * The work plan being edited: a copy of the stored plan, what differs from it, the live sums
 * (weights to 100, each level's points to its weight), the field errors of core's schema and the
 * approval problems of core's `planProblems`, all as the person types.
 */
export class PlanManager {
  draft = $state<PlanDraft | null>(null);
  #stored = $state.raw<PlanDraft | null>(null);
  #levelNames = $state.raw<Engagement['levelNames']>(undefined);

  dirty = $derived(this.draft !== null && this.#stored !== null && !samePlan(this.draft, this.#stored));
  weightTotal = $derived(this.draft ? weightTotal(this.draft.weights) : 0);
  levelPoints = $derived(this.draft ? levelPoints(this.draft.indicators) : null);
  /** Levels whose indicator points do not add up to the level's weight. */
  unbalanced = $derived(
    this.draft && this.levelPoints
      ? levels.filter((l) => !balanced(this.levelPoints![l], Number(this.draft!.weights[l]) || 0))
      : [],
  );
  /** Shape errors (required, ranges) by JSON pointer, from the same schema the API validates with. */
  fieldErrors = $derived.by((): FieldError[] => {
    if (!this.draft) return [];
    const result = validate(updateEngagementPlan, { version: 1, ...planBody(this.draft) }, i18n.language);
    return result.ok ? [] : result.errors;
  });
  /** What keeps the draft from approval, in words (judged on the draft; the API judges the stored copy). */
  problems = $derived(
    this.draft ? problemTexts(planProblems(planBody(this.draft)), i18n.language, (l) => this.levelName(l)) : [],
  );

  /** The level's name as this engagement names it. */
  levelName(code: string): string {
    return engagementLevelName({ levelNames: this.#levelNames }, code);
  }

  /** Takes the stored plan (on arrival, after a save, after a conflict): unsaved edits are dropped. */
  reset(e: Engagement): void {
    const stored = draftOf(e);
    this.#stored = stored;
    this.#levelNames = e.levelNames;
    this.draft = draftOf(stored);
  }

  errorAt(pointer: string): string | undefined {
    return this.fieldErrors.find((e) => e.pointer === pointer)?.message;
  }

  body(): PlanDraft | null {
    return this.draft ? planBody($state.snapshot(this.draft) as PlanDraft) : null;
  }

  addIndicator(level: Level): string {
    const id = uuidV7();
    if (this.draft) this.draft = withIndicator(this.draft, newIndicator(id, level));
    return id;
  }

  removeIndicator(id: string): void {
    if (this.draft) this.draft = withoutIndicator(this.draft, id);
  }

  addSite(): string {
    const site = newSite(uuidV7());
    this.draft?.sites.push(site);
    return site.id;
  }

  removeSite(id: string): void {
    if (this.draft) this.draft.sites = this.draft.sites.filter((s) => s.id !== id);
  }

  addInterviewQuestion(): string {
    const q = newInterviewQuestion(uuidV7());
    this.draft?.interviewQuestions.push(q);
    return q.id;
  }

  removeInterviewQuestion(id: string): void {
    if (this.draft) this.draft.interviewQuestions = this.draft.interviewQuestions.filter((q) => q.id !== id);
  }

  addQuestionnaire(): string {
    if (!this.draft) return '';
    const q = newQuestionnaire(uuidV7(), uuidV7(), this.draft.questionnaires);
    this.draft.questionnaires.push(q);
    return q.id;
  }

  removeQuestionnaire(id: string): void {
    if (this.draft) this.draft.questionnaires = this.draft.questionnaires.filter((q) => q.id !== id);
  }

  addSurveyQuestion(questionnaireId: string): string {
    const q = newSurveyQuestion(uuidV7());
    this.draft?.questionnaires.find((x) => x.id === questionnaireId)?.questions.push(q);
    return q.id;
  }

  removeSurveyQuestion(questionnaireId: string, questionId: string): void {
    const questionnaire = this.draft?.questionnaires.find((x) => x.id === questionnaireId);
    if (questionnaire) questionnaire.questions = questionnaire.questions.filter((q) => q.id !== questionId);
  }
}
