import { describe, expect, it } from 'vitest';
import { type ReportAction, reportActions } from '#core/monitoring/report-workflow.ts';
import { step } from '#core/review/review-engine.ts';
import { undoneSteps, type WithdrawalAction, withdrawalActions } from '#core/review/withdrawal.ts';
import { type Role, roles } from '#core/roles.ts';
import { type TargetStatus, targetStatusCodes } from '#core/submission/performance-target.ts';

/**
 * The monitoring report's review through the engine for every action × state × role, against
 * transitions written out here by hand (docs/domain/monitoring.md, "Review"), and its guard on both sides.
 */
const expected: Record<ReportAction, { from: TargetStatus[]; to: TargetStatus; role: Role; effects: string[] }> = {
  submit: { from: ['DRAFT', 'RETURNED'], to: 'UNIT_SUBMITTED', role: 'unit-approver', effects: ['first-submitted'] },
  'department-approve': { from: ['UNIT_SUBMITTED'], to: 'DEPT_APPROVED', role: 'department-reviewer', effects: [] },
  'department-return': { from: ['UNIT_SUBMITTED'], to: 'RETURNED', role: 'department-reviewer', effects: [] },
  'first-approve': { from: ['DEPT_APPROVED'], to: 'FIRST_REVIEWED', role: 'business-section-reviewer', effects: [] },
  'first-return': { from: ['DEPT_APPROVED'], to: 'RETURNED', role: 'business-section-reviewer', effects: [] },
  'final-approve': {
    from: ['FIRST_REVIEWED'],
    to: 'FINAL_APPROVED',
    role: 'performance-section-reviewer',
    effects: [],
  },
  'final-return': { from: ['FIRST_REVIEWED'], to: 'RETURNED', role: 'performance-section-reviewer', effects: [] },
  'unit-withdraw': { from: ['UNIT_SUBMITTED'], to: 'DRAFT', role: 'unit-approver', effects: [] },
  'department-withdraw': { from: ['DEPT_APPROVED'], to: 'UNIT_SUBMITTED', role: 'department-reviewer', effects: [] },
  'first-withdraw': { from: ['FIRST_REVIEWED'], to: 'DEPT_APPROVED', role: 'business-section-reviewer', effects: [] },
};
const actions = Object.keys(expected) as ReportAction[];
const isWithdrawal = (action: string): action is WithdrawalAction => withdrawalActions.includes(action as never);
/** Facts every guard of the action passes (a withdrawal's own step is the last one taken), with these rule errors. */
const factsFor = (action: ReportAction, ruleErrors: { pointer: string; code: string; message: string }[] = []) => ({
  ruleErrors,
  lastAction: isWithdrawal(action) ? undoneSteps[action][0] : undefined,
});
const only = (role: Role) => ({ actsAs: (r: Role) => r === role });
const ruleError = { pointer: '/lines/0/actual', code: 'required', message: '必填' };

describe('the monitoring report review through the engine', () => {
  it('lists exactly the actions written out here', () => {
    expect(Object.keys(reportActions)).toEqual(actions);
  });

  for (const action of actions) {
    for (const status of targetStatusCodes) {
      for (const role of roles) {
        const e = expected[action];
        const outcome = role !== e.role ? 'forbidden' : !e.from.includes(status) ? 'invalid-transition' : `→ ${e.to}`;
        it(`${action} from ${status} by ${role}: ${outcome}`, () => {
          const result = step(reportActions, { status, version: 1 }, action, only(role), {
            version: 1,
            facts: factsFor(action),
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
        step(reportActions, { status: e.from[0]!, version: 5 }, action, only(e.role), {
          version: 4,
          facts: factsFor(action),
        }),
      ).toEqual({ ok: false, problem: { type: 'version-conflict' } });
    }
  });

  it('holds the report’s rules before sending and before final approval only', () => {
    for (const action of actions) {
      const e = expected[action];
      const result = step(reportActions, { status: e.from[0]!, version: 1 }, action, only(e.role), {
        version: 1,
        facts: factsFor(action, [ruleError]),
      });
      if (action === 'submit' || action === 'final-approve') {
        expect(result).toEqual({ ok: false, problem: { type: 'rules-not-met', errors: [ruleError] } });
      } else {
        expect(result.ok).toBe(true);
      }
    }
  });

  it('withdraws a step only while nobody has acted since; a record whose log says nothing is refused', () => {
    for (const action of withdrawalActions) {
      const e = expected[action];
      const take = (lastAction: string | undefined) =>
        step(reportActions, { status: e.from[0]!, version: 1 }, action, only(e.role), {
          version: 1,
          facts: { ruleErrors: [], lastAction },
        });
      for (const lastAction of [undefined, ...Object.keys(expected)]) {
        const allowed = lastAction !== undefined && undoneSteps[action].includes(lastAction);
        const result = take(lastAction);
        expect(result.ok ? 'ok' : result.problem.type, `${action} after ${lastAction}`).toBe(
          allowed ? 'ok' : 'invalid-transition',
        );
      }
    }
  });
});
