import { describe, expect, it } from 'vitest';
import { step } from '#core/review/review-engine.ts';
import { undoneSteps, type WithdrawalAction, withdrawalActions } from '#core/review/withdrawal.ts';
import { type Role, roles } from '#core/roles.ts';
import type { BudgetGateFacts } from '#core/submission/budget-gate.ts';
import { type TargetStatus, targetStatusCodes } from '#core/submission/performance-target.ts';
import { type TargetAction, type TargetReviewFacts, targetActions } from '#core/submission/review-workflow.ts';
import { submissionConfig } from '#core/submission/submission-config.ts';

/**
 * The target review's table run through the engine for every action × state × role, against
 * transitions written out here by hand (docs/domain/submission.md, "Review"), and every guard on
 * both sides.
 */
const expected: Record<TargetAction, { from: TargetStatus[]; to: TargetStatus; role: Role; effects: string[] }> = {
  submit: { from: ['DRAFT', 'RETURNED'], to: 'UNIT_SUBMITTED', role: 'unit-approver', effects: ['snapshot-project'] },
  'department-approve': { from: ['UNIT_SUBMITTED'], to: 'DEPT_APPROVED', role: 'department-reviewer', effects: [] },
  'department-return': { from: ['UNIT_SUBMITTED'], to: 'RETURNED', role: 'department-reviewer', effects: [] },
  'first-approve': { from: ['DEPT_APPROVED'], to: 'FIRST_REVIEWED', role: 'business-section-reviewer', effects: [] },
  'first-return': { from: ['DEPT_APPROVED'], to: 'RETURNED', role: 'business-section-reviewer', effects: [] },
  'final-approve': {
    from: ['FIRST_REVIEWED'],
    to: 'FINAL_APPROVED',
    role: 'performance-section-reviewer',
    effects: ['grade', 'record-approval'],
  },
  'final-return': {
    from: ['FIRST_REVIEWED'],
    to: 'RETURNED',
    role: 'performance-section-reviewer',
    effects: ['grade'],
  },
  'final-reject': {
    from: ['FIRST_REVIEWED'],
    to: 'REJECTED',
    role: 'performance-section-reviewer',
    effects: ['grade'],
  },
  'cancel-approval': {
    from: ['FINAL_APPROVED'],
    to: 'FIRST_REVIEWED',
    role: 'performance-section-reviewer',
    effects: ['clear-grade', 'withdraw-approval'],
  },
  'unit-withdraw': { from: ['UNIT_SUBMITTED'], to: 'DRAFT', role: 'unit-approver', effects: [] },
  'department-withdraw': { from: ['DEPT_APPROVED'], to: 'UNIT_SUBMITTED', role: 'department-reviewer', effects: [] },
  'first-withdraw': { from: ['FIRST_REVIEWED'], to: 'DEPT_APPROVED', role: 'business-section-reviewer', effects: [] },
};
const actions = Object.keys(expected) as TargetAction[];

const gate: BudgetGateFacts = {
  stage: 'IN_REVIEW',
  approvedTargetId: null,
  approvedGrade: null,
  exAnteRequired: false,
  exAnteConclusion: null,
};
const passing: TargetReviewFacts = {
  newest: true,
  unknownRowIds: [],
  ruleErrors: [],
  gate,
  config: submissionConfig,
  language: 'zh-CN',
};
const isWithdrawal = (action: string): action is WithdrawalAction => withdrawalActions.includes(action as never);
/** The facts every guard of the action passes: a withdrawal's own step is the last one taken. */
const passingFor = (action: TargetAction): TargetReviewFacts =>
  isWithdrawal(action) ? { ...passing, lastAction: undoneSteps[action][0] } : passing;
const only = (role: Role) => ({ actsAs: (r: Role) => r === role });
const take = (action: TargetAction, facts: Partial<TargetReviewFacts> = {}, status = expected[action].from[0]!) =>
  step(targetActions, { status, version: 7 }, action, only(expected[action].role), {
    version: 7,
    facts: { ...passingFor(action), ...facts },
  });
const ruleError = { pointer: '/rows/0/value', code: 'required', message: '必填' };

describe('the target review through the engine', () => {
  it('lists exactly the actions written out here', () => {
    expect(Object.keys(targetActions)).toEqual(actions);
  });

  for (const action of actions) {
    for (const status of targetStatusCodes) {
      for (const role of roles) {
        const e = expected[action];
        const outcome = role !== e.role ? 'forbidden' : !e.from.includes(status) ? 'invalid-transition' : `→ ${e.to}`;
        it(`${action} from ${status} by ${role}: ${outcome}`, () => {
          const result = step(targetActions, { status, version: 2 }, action, only(role), {
            version: 2,
            facts: passingFor(action),
          });
          if (outcome.startsWith('→')) {
            expect(result).toEqual({ ok: true, action, from: status, to: e.to, role, effects: e.effects });
          } else {
            expect(result).toEqual({ ok: false, problem: { type: outcome } });
          }
        });
      }
    }
  }

  it('refuses a stale version of every action', () => {
    for (const action of actions) {
      const e = expected[action];
      expect(
        step(targetActions, { status: e.from[0]!, version: 3 }, action, only(e.role), {
          version: 2,
          facts: passingFor(action),
        }),
      ).toEqual({ ok: false, problem: { type: 'version-conflict' } });
    }
  });

  it('moves only the newest version, for every action', () => {
    for (const action of actions) {
      expect(take(action, { newest: false })).toEqual({ ok: false, problem: { type: 'invalid-transition' } });
      expect(take(action, { newest: true }).ok).toBe(true);
    }
  });

  it('refuses comments on rows the version does not have, for every action, in the caller’s language', () => {
    // A withdrawal carries no row comments (its body has none).
    for (const action of actions.filter((a) => !isWithdrawal(a))) {
      expect(take(action, { unknownRowIds: ['r9', 'r8'] })).toEqual({
        ok: false,
        problem: {
          type: 'validation-failed',
          errors: [
            { pointer: '/rowComments/r9', code: 'unknown_row', message: '意见针对的指标行不存在' },
            { pointer: '/rowComments/r8', code: 'unknown_row', message: '意见针对的指标行不存在' },
          ],
        },
      });
    }
    const zh = take('submit', { unknownRowIds: ['r9'] });
    const en = take('submit', { unknownRowIds: ['r9'], language: 'en' });
    expect(zh.ok || en.ok).toBe(false);
    if (!zh.ok && !en.ok && zh.problem.type === 'validation-failed' && en.problem.type === 'validation-failed') {
      expect(zh.problem.errors[0]!.message).not.toEqual(en.problem.errors[0]!.message);
    }
  });

  it('holds rules 1–4 before sending and before final approval only', () => {
    const held: TargetAction[] = ['submit', 'final-approve'];
    for (const action of actions) {
      const result = take(action, { ruleErrors: [ruleError] });
      if (held.includes(action)) {
        expect(result).toEqual({ ok: false, problem: { type: 'rules-not-met', errors: [ruleError] } });
      } else {
        expect(result.ok).toBe(true);
      }
    }
  });

  it('holds the budget gate’s ex-ante condition before final approval only', () => {
    const missing = { gate: { ...gate, exAnteRequired: true, exAnteConclusion: null } };
    for (const action of actions) {
      const result = take(action, missing);
      if (action === 'final-approve') {
        expect(result).toEqual({
          ok: false,
          problem: {
            type: 'rules-not-met',
            errors: [{ pointer: '', code: 'ex_ante_missing', message: expect.any(String) }],
          },
        });
      } else {
        expect(result.ok).toBe(true);
      }
    }
    expect(take('final-approve', { gate: { ...gate, exAnteRequired: true, exAnteConclusion: 'SUPPORT' } }).ok).toBe(
      true,
    );
    expect(take('final-approve', { gate: { ...gate, exAnteRequired: false, exAnteConclusion: null } }).ok).toBe(true);
    // An adjustment of a budgeted project is held to it too.
    expect(take('final-approve', { gate: { ...gate, stage: 'BUDGETED', exAnteRequired: true } }).ok).toBe(false);
  });

  it('cancels an approval only while the budget gate has not let the project in', () => {
    const budgeted = { gate: { ...gate, stage: 'BUDGETED' } };
    for (const action of actions) {
      const result = take(action, budgeted);
      if (action === 'cancel-approval') {
        expect(result).toEqual({
          ok: false,
          problem: {
            type: 'rules-not-met',
            errors: [{ pointer: '', code: 'already_budgeted', message: expect.any(String) }],
          },
        });
      } else {
        expect(result.ok).toBe(true);
      }
    }
    for (const stage of ['PROPOSED', 'IN_REVIEW', 'IN_LIBRARY', 'REJECTED']) {
      expect(take('cancel-approval', { gate: { ...gate, stage } }).ok).toBe(true);
    }
  });

  it('checks in order: the newest version, the rows, the rules, the ex-ante conclusion', () => {
    const all = {
      newest: false,
      unknownRowIds: ['r9'],
      ruleErrors: [ruleError],
      gate: { ...gate, exAnteRequired: true },
    };
    const problem = (facts: Partial<TargetReviewFacts>) => {
      const r = take('final-approve', facts);
      return r.ok ? 'ok' : r.problem.type === 'rules-not-met' ? r.problem.errors[0]!.code : r.problem.type;
    };
    expect(problem(all)).toBe('invalid-transition');
    expect(problem({ ...all, newest: true })).toBe('validation-failed');
    expect(problem({ ...all, newest: true, unknownRowIds: [] })).toBe('required');
    expect(problem({ ...all, newest: true, unknownRowIds: [], ruleErrors: [] })).toBe('ex_ante_missing');
  });

  it('withdraws a step only while it is the last one taken (nobody has acted since), else invalid-transition', () => {
    for (const action of withdrawalActions) {
      for (const lastAction of [undefined, ...Object.keys(expected)]) {
        const allowed = lastAction !== undefined && undoneSteps[action].includes(lastAction);
        const result = take(action, { lastAction });
        expect(result.ok ? 'ok' : result.problem.type, `${action} after ${lastAction}`).toBe(
          allowed ? 'ok' : 'invalid-transition',
        );
      }
    }
    // The unit may withdraw what its department handed back by withdrawing its approval; the
    // business section may not withdraw a first review the final review acted on, even cancelled.
    expect(take('unit-withdraw', { lastAction: 'department-withdraw' }).ok).toBe(true);
    expect(take('department-withdraw', { lastAction: 'first-withdraw' }).ok).toBe(true);
    expect(take('first-withdraw', { lastAction: 'cancel-approval' }).ok).toBe(false);
  });
});
