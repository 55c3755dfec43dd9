import * as v from 'valibot';
import { maxFindings } from '#core/key-evaluation/finding.ts';
import type { Localized } from '#core/language.ts';
import { anyId, isoDate, text, version } from '#core/schema-parts.ts';

/**
 * The exchange of opinions (意见交换, docs/domain/key-evaluation.md#findings-and-the-exchange-of-opinions): the agency
 * sends its draft findings to the evaluated department with a reply date; the department answers point by point and
 * submits once; the agency records how it handled each answer (意见交换记录); then the lead closes the exchange and
 * the report is drafted.
 */

/** The department's position on a finding. */
export const answerPositions = {
  AGREE: { 'zh-CN': '同意', en: 'Agree' },
  PARTLY_AGREE: { 'zh-CN': '部分同意', en: 'Partly agree' },
  DISAGREE: { 'zh-CN': '不同意', en: 'Disagree' },
} as const satisfies Record<string, Localized>;
export type AnswerPosition = keyof typeof answerPositions;
export const answerPositionCodes = Object.keys(answerPositions) as [AnswerPosition, ...AnswerPosition[]];

/** How the agency handled an answer: accepted (the finding revised or withdrawn), partly accepted, or upheld. */
export const handlingDecisions = {
  ACCEPTED: { 'zh-CN': '采纳', en: 'Accepted' },
  PARTLY_ACCEPTED: { 'zh-CN': '部分采纳', en: 'Partly accepted' },
  UPHELD: { 'zh-CN': '维持原意见', en: 'Upheld' },
} as const satisfies Record<string, Localized>;
export type HandlingDecision = keyof typeof handlingDecisions;
export const handlingDecisionCodes = Object.keys(handlingDecisions) as [HandlingDecision, ...HandlingDecision[]];

/** The lead sends the draft findings (the engagement at the version seen) with the day the answers are due. */
export const sendFindings = v.strictObject({ version, dueDate: isoDate });
export type SendFindings = v.InferOutput<typeof sendFindings>;

export const answerInput = v.strictObject({
  findingId: anyId,
  position: v.picklist(answerPositionCodes),
  /** Why, and what the department sees differently; required unless it agrees. */
  explanation: text(0, 1000),
});
export type AnswerInput = v.InferOutput<typeof answerInput>;

/** A draft of the department's answers (any subset), at the exchange's version. */
export const saveAnswers = v.strictObject({
  version,
  answers: v.pipe(v.array(answerInput), v.minLength(1, 'min_items'), v.maxLength(maxFindings, 'max_items')),
});
export type SaveAnswers = v.InferOutput<typeof saveAnswers>;

export const submitAnswers = v.strictObject({ version });

/** The agency's handling of one answer, at the answer's version. */
export const recordHandling = v.strictObject({
  version,
  decision: v.picklist(handlingDecisionCodes),
  reason: text(1, 1000),
});
export type RecordHandling = v.InferOutput<typeof recordHandling>;

/** Closing the exchange (the engagement at the version seen); the note is required when the department did not answer by the due date. */
export const closeExchange = v.strictObject({ version, lateNote: v.optional(text(0, 500)) });
export type CloseExchange = v.InferOutput<typeof closeExchange>;

const handling = v.object({
  decision: v.picklist(handlingDecisionCodes),
  reason: v.string(),
  at: v.string(),
  by: v.string(),
  byName: v.string(),
});
export type Handling = v.InferOutput<typeof handling>;

export const answerParams = v.strictObject({ id: anyId, findingId: anyId });

export const findingAnswer = v.object({
  id: v.string(),
  version: v.number(),
  engagementId: v.string(),
  findingId: v.string(),
  position: v.picklist(answerPositionCodes),
  explanation: v.string(),
  answeredByName: v.string(),
  updatedAt: v.string(),
  handling: v.nullable(handling),
});
export type FindingAnswer = v.InferOutput<typeof findingAnswer>;

export const opinionExchange = v.object({
  id: v.string(),
  version: v.number(),
  engagementId: v.string(),
  departmentId: v.string(),
  dueDate: v.string(),
  sentAt: v.string(),
  sentByName: v.string(),
  /** Submitted once by the department; the answers are fixed from then on. */
  submittedAt: v.nullable(v.string()),
  submittedByName: v.nullable(v.string()),
  closedAt: v.nullable(v.string()),
  closedByName: v.nullable(v.string()),
  /** When the lead closed without the department's answers after the due date: what the note says. */
  lateNote: v.nullable(v.string()),
});
export type OpinionExchange = v.InferOutput<typeof opinionExchange>;

type Problem = { pointer: string; code: string };
type FindingLike = { id: string; withdrawn: boolean };
type AnswerLike = Pick<FindingAnswer, 'findingId' | 'position' | 'explanation' | 'handling'>;

/**
 * What keeps the department from submitting: a finding (not withdrawn) without an answer, or an answer other than
 * "agree" without its explanation. Pointers name the finding (`/findings/<id>`).
 */
export const submitProblems = (findings: readonly FindingLike[], answers: readonly AnswerLike[]): Problem[] => {
  const byFinding = new Map(answers.map((a) => [a.findingId, a]));
  return findings
    .filter((f) => !f.withdrawn)
    .flatMap((f): Problem[] => {
      const answer = byFinding.get(f.id);
      if (!answer) return [{ pointer: `/findings/${f.id}`, code: 'answer_missing' }];
      if (answer.position !== 'AGREE' && answer.explanation.trim() === '')
        return [{ pointer: `/findings/${f.id}`, code: 'answer_explanation_required' }];
      return [];
    });
};

/**
 * What blocks closing the exchange, on `today` (a Beijing day): the department's answers not submitted while the
 * due date has not passed; after it, a note saying they did not answer (`lateNote`); and, once submitted, every
 * answer without the agency's handling. Empty: the lead may close.
 */
export const exchangeProblems = (
  exchange: Pick<OpinionExchange, 'dueDate' | 'submittedAt'>,
  answers: readonly AnswerLike[],
  today: string,
  lateNote: string | undefined,
): Problem[] => {
  if (exchange.submittedAt === null) {
    if (today <= exchange.dueDate) return [{ pointer: '', code: 'answers_not_submitted' }];
    return (lateNote ?? '').trim() === '' ? [{ pointer: '/lateNote', code: 'late_note_required' }] : [];
  }
  return answers.flatMap((a) =>
    a.handling === null ? [{ pointer: `/findings/${a.findingId}`, code: 'handling_missing' }] : [],
  );
};

/** Whether the close is the late one: no answers submitted, the due date passed. */
export const closesLate = (exchange: Pick<OpinionExchange, 'dueDate' | 'submittedAt'>, today: string): boolean =>
  exchange.submittedAt === null && today > exchange.dueDate;
