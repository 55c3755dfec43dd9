import { beijingDay } from '@jixiao/core/beijing-day.ts';
import type { Language } from '@jixiao/core/language.ts';
import {
  canTakeRectificationAction,
  mayAnswerRectification,
  type Rectification,
  type RectificationState,
  rectificationActions,
  rectificationOverdue,
  rectificationStates,
  verifyRectification,
} from '@jixiao/core/monitoring/rectification.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import type { Role } from '@jixiao/core/roles.ts';
import { validate } from '@jixiao/core/validation.ts';

/**
 * Rectification (整改, docs/domain/monitoring.md, "Rectification") as the screens need it: whether it is overdue on the day in
 * Beijing, who may draft, send and verify (core's rules; the API checks again),
 * and the verification's body checked by core's `verifyRectification`.
 */
type Person = { roles: readonly Role[]; unit: { id: string } | null; department?: { id: string } | null };
type Answered = Pick<Rectification, 'state' | 'unitId'> & { departmentId?: string };

/** Today in Beijing (due dates are Beijing days). */
export const beijingToday = (now = new Date()): string => beijingDay(now.toISOString());

export const isOverdue = (r: Pick<Rectification, 'state' | 'dueDate'>, now = new Date()): boolean =>
  rectificationOverdue(r, beijingToday(now));

const may = (person: Person, action: keyof typeof rectificationActions, state: RectificationState) =>
  person.roles.some((role) => (rectificationActions[action].roles as readonly Role[]).includes(role)) &&
  (rectificationActions[action].from as readonly RectificationState[]).includes(state);

/** Who answers it, as the API decides (core's `mayAnswerRectification`): its unit, or its department if it has none. */
const answers = (person: Person, r: Answered, action: 'save-feedback' | 'submit-feedback') =>
  mayAnswerRectification(
    {
      roles: [...person.roles],
      ...(person.unit ? { unitId: person.unit.id } : {}),
      ...(person.department ? { departmentId: person.department.id } : {}),
    },
    r,
    action,
  );

/** Whoever answers it (the unit's preparer or approver; a department-level one's reviewer) drafts while it is open. */
export const mayDraftFeedback = (person: Person, r: Answered): boolean =>
  answers(person, r, 'save-feedback') && canTakeRectificationAction('save-feedback', r.state);

/** Only the unit's approver (a department-level one's reviewer) sends it, from a saved draft. */
export const maySendFeedback = (person: Person, r: Answered): boolean =>
  answers(person, r, 'submit-feedback') && (r.state === 'FEEDBACK_DRAFT' || r.state === 'NOTICE_ISSUED');

/** The performance section verifies feedback that was sent. */
export const mayVerify = (person: Person, r: Pick<Rectification, 'state'>): boolean => may(person, 'accept', r.state);

export const rectificationStateName = (state: string, language: Language): string =>
  rectificationStates[state as RectificationState]?.[language] ?? state;

export const rectificationTone = (state: string): 'ok' | 'wait' | 'back' | 'draft' =>
  state === 'CLOSED' ? 'ok' : state === 'FEEDBACK_SUBMITTED' ? 'wait' : state === 'FEEDBACK_DRAFT' ? 'draft' : 'back';

export interface VerifyValues extends Record<string, unknown> {
  decision: 'accept' | 'insufficient' | '';
  opinion: string;
  requirements: string;
  dueDate: string;
}

export const verifyFields = ['decision', 'opinion', 'requirements', 'dueDate'] as const;

/** What the API is sent: a follow-up's requirements and date only when the feedback is found insufficient. */
export const verifyBody = (values: VerifyValues, version: number) => ({
  version,
  decision: values.decision || undefined,
  opinion: values.opinion.trim(),
  requirements: values.decision === 'insufficient' ? values.requirements.trim() : '',
  dueDate: values.decision === 'insufficient' && values.dueDate ? values.dueDate : null,
});

export const verifyErrors = (values: VerifyValues, version: number, language: Language): FieldError[] => {
  const result = validate(verifyRectification, verifyBody(values, version), language);
  return result.ok ? [] : result.errors;
};
