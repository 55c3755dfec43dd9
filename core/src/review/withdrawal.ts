import * as v from 'valibot';
import type { ReviewGuard } from '#core/review/review-engine.ts';
import type { Role } from '#core/roles.ts';
import { text, version } from '#core/schema-parts.ts';

/**
 * Withdrawal (撤回, docs/domain/submission.md#withdrawal): whoever took a step of a review may take it
 * back while nobody has acted on it since — the unit its sending, the department its approval, the
 * business section its first review. Each is an action of the review tables (targets, monitoring
 * reports, self-evaluations); this names them, the step each one undoes, and how a request picks one.
 */
export const withdrawalActions = ['unit-withdraw', 'department-withdraw', 'first-withdraw'] as const;
export type WithdrawalAction = (typeof withdrawalActions)[number];

/**
 * The steps whose effect a withdrawal undoes: the record's last step must be one of them, or someone
 * has acted since. A department's withdrawal leaves the record as the unit sent it, so the unit may
 * then withdraw too; after 取消审核 the final review did happen, so the first review stays.
 */
export const undoneSteps: Readonly<Record<WithdrawalAction, readonly string[]>> = {
  'unit-withdraw': ['submit', 'department-withdraw'],
  'department-withdraw': ['department-approve', 'first-withdraw'],
  'first-withdraw': ['first-approve'],
};

/** What a withdrawal's guard reads: the action of the record's last review step. */
export interface WithdrawalFacts {
  /** Absent where a review does not say (a record without a log): a withdrawal is then refused. */
  lastAction?: string | undefined;
}

/** Nobody acted since the step being withdrawn (else the state has moved on: invalid-transition). */
export const nobodyActedSince =
  <F extends WithdrawalFacts>(action: WithdrawalAction): ReviewGuard<F> =>
  (facts) =>
    facts.lastAction !== undefined && undoneSteps[action].includes(facts.lastAction)
      ? undefined
      : { type: 'invalid-transition' };

/** The body of a withdrawal: the version the caller saw, and an optional word of why. */
export const withdrawSubmission = v.strictObject({ version, comment: v.optional(text(0, 1000), '') });
export type WithdrawSubmission = v.InferOutput<typeof withdrawSubmission>;

/** Who may withdraw anything: the roles of the three withdrawals (the routes' access; the tables say which step). */
export const withdrawerRoles: Role[] = ['unit-approver', 'department-reviewer', 'business-section-reviewer'];

type WithdrawalTable = { readonly [K in WithdrawalAction]: { from: readonly string[]; role: Role } };

/**
 * The withdrawal one request means, since the route is one for all three: the one the caller's role
 * may take in the record's state; else one of the caller's roles (the state moved on: the engine
 * answers invalid-transition); else the unit's (the engine answers forbidden).
 */
export const withdrawalFor = (
  table: WithdrawalTable,
  status: string,
  actsAs: (role: Role) => boolean,
): WithdrawalAction =>
  withdrawalActions.find((a) => table[a].from.includes(status) && actsAs(table[a].role)) ??
  withdrawalActions.find((a) => actsAs(table[a].role)) ??
  'unit-withdraw';

/**
 * The withdrawal a screen may offer on a record as it stands, if any: its state allows it, the
 * person acts in its role, and nobody acted since (the same tables and guard the API decides by).
 */
export const offeredWithdrawal = (
  table: WithdrawalTable,
  record: { reviewStatus: string; reviewLog: readonly { action: string }[] },
  actsAs: (role: Role) => boolean,
): WithdrawalAction | undefined => {
  const action = withdrawalActions.find((a) => table[a].from.includes(record.reviewStatus) && actsAs(table[a].role));
  if (!action) return undefined;
  return nobodyActedSince(action)({ lastAction: record.reviewLog.at(-1)?.action }) ? undefined : action;
};
