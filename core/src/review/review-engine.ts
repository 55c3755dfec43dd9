import type { FieldError } from '#core/problem.ts';
import type { Role } from '#core/roles.ts';

/**
 * One engine for every review (docs/architecture.md#review-engine): a subject — a target version, a
 * monitoring report, next the year-end self-evaluation — declares its actions in a table (from which
 * states, to which, in whose role, behind which guards, with which effects), and `step` decides one
 * action on one subject. It reads nothing and writes nothing: the handler loads the subject and the
 * facts its guards need, calls `step`, and writes what it answers in one transaction.
 */

/** Why a step is refused, in the problem vocabulary of the API (docs/architecture.md#errors). */
export type ReviewProblem =
  | { type: 'forbidden' }
  | { type: 'version-conflict' }
  | { type: 'invalid-transition' }
  | { type: 'validation-failed'; errors: readonly FieldError[] }
  | { type: 'rules-not-met'; errors: readonly FieldError[] };

/** A condition on the facts beyond the state: the problem that stops the step, or nothing. */
export type ReviewGuard<F> = (facts: F) => ReviewProblem | undefined;

export interface ReviewActionSpec<S extends string, F, E extends string = never> {
  from: readonly S[];
  to: S;
  /** The one role the step is taken in. */
  role: Role;
  /** Checked in order after the state; the first that fails answers. */
  guards?: readonly ReviewGuard<F>[];
  /** What else the step does, for the handler to carry out (a snapshot, an approval to record…). */
  effects?: readonly E[];
}

export type ReviewTable<A extends string, S extends string, F, E extends string = never> = {
  readonly [K in A]: ReviewActionSpec<S, F, E>;
};

export interface ReviewSubject<S extends string> {
  status: S;
  version: number;
}

/** Who acts: whether they may act in a role on this subject (they hold it, and it is theirs in scope). */
export interface ReviewActor {
  actsAs: (role: Role) => boolean;
}

export interface ReviewContext<F> {
  /** The version the caller saw: a step at another is a stale one. */
  version: number;
  facts: F;
}

export type StepResult<A extends string, S extends string, E extends string> =
  | { ok: true; action: A; from: S; to: S; role: Role; effects: readonly E[] }
  | { ok: false; problem: ReviewProblem };

export const rulesNotMet = (errors: readonly FieldError[]): ReviewProblem | undefined =>
  errors.length > 0 ? { type: 'rules-not-met', errors } : undefined;

/**
 * Decides one action: the actor's role on the subject first (seeing a subject through one role does
 * not let another of their roles act on it), then the version, then the state, then the guards.
 */
export const step = <A extends string, S extends string, F, E extends string>(
  table: ReviewTable<A, S, F, E>,
  subject: ReviewSubject<S>,
  action: A,
  actor: ReviewActor,
  context: ReviewContext<F>,
): StepResult<A, S, E> => {
  const spec: ReviewActionSpec<S, F, E> = table[action];
  if (!actor.actsAs(spec.role)) return { ok: false, problem: { type: 'forbidden' } };
  if (subject.version !== context.version) return { ok: false, problem: { type: 'version-conflict' } };
  if (!spec.from.includes(subject.status)) return { ok: false, problem: { type: 'invalid-transition' } };
  for (const guard of spec.guards ?? []) {
    const problem = guard(context.facts);
    if (problem) return { ok: false, problem };
  }
  return { ok: true, action, from: subject.status, to: spec.to, role: spec.role, effects: spec.effects ?? [] };
};

/** Whether the state alone allows the action (what a screen asks before offering a button). */
export const allows = <A extends string, S extends string>(
  table: { readonly [K in A]: { from: readonly S[] } },
  action: A,
  status: S,
): boolean => table[action].from.includes(status);

/** The actions an actor could take on a subject in its state (ignoring guards and version). */
export const offeredActions = <A extends string, S extends string>(
  table: { readonly [K in A]: { from: readonly S[]; role: Role } },
  status: S,
  actor: ReviewActor,
): A[] => (Object.keys(table) as A[]).filter((a) => table[a].from.includes(status) && actor.actsAs(table[a].role));
