import { describe, expect, it } from 'vitest';
import {
  allows,
  offeredActions,
  type ReviewProblem,
  type ReviewTable,
  rulesNotMet,
  step,
} from '#core/review/review-engine.ts';
import type { Role } from '#core/roles.ts';

type State = 'OPEN' | 'SENT' | 'DONE';
interface Facts {
  first?: ReviewProblem;
  second?: ReviewProblem;
}
/** A subject with nothing of the domain: the engine's own order of checks, seen alone. */
const table = {
  send: {
    from: ['OPEN'],
    to: 'SENT',
    role: 'unit-approver',
    guards: [(f: Facts) => f.first, (f: Facts) => f.second],
    effects: ['stamp'],
  },
  close: { from: ['SENT', 'OPEN'], to: 'DONE', role: 'performance-section-reviewer' },
} as const satisfies ReviewTable<string, State, Facts, 'stamp'>;

const as = (...roles: Role[]) => ({ actsAs: (role: Role) => roles.includes(role) });
const open = { status: 'OPEN' as State, version: 3 };
const refused = (type: ReviewProblem['type']) => ({ ok: false, problem: { type } });

describe('the review engine', () => {
  it('takes an allowed action to its state, with its role and effects', () => {
    expect(step(table, open, 'send', as('unit-approver'), { version: 3, facts: {} })).toEqual({
      ok: true,
      action: 'send',
      from: 'OPEN',
      to: 'SENT',
      role: 'unit-approver',
      effects: ['stamp'],
    });
    const closed = step(table, { status: 'SENT', version: 1 }, 'close', as('performance-section-reviewer'), {
      version: 1,
      facts: {},
    });
    expect(closed).toEqual({
      ok: true,
      action: 'close',
      from: 'SENT',
      to: 'DONE',
      role: 'performance-section-reviewer',
      effects: [],
    });
  });

  it('refuses a caller not acting in the role, before anything else', () => {
    const first: ReviewProblem = { type: 'rules-not-met', errors: [] };
    expect(
      step(table, { status: 'DONE', version: 9 }, 'send', as('unit-preparer'), { version: 1, facts: { first } }),
    ).toEqual(refused('forbidden'));
    expect(step(table, open, 'send', as(), { version: 3, facts: {} })).toEqual(refused('forbidden'));
  });

  it('refuses a stale version before looking at the state', () => {
    expect(step(table, { status: 'DONE', version: 4 }, 'send', as('unit-approver'), { version: 3, facts: {} })).toEqual(
      refused('version-conflict'),
    );
    expect(step(table, open, 'send', as('unit-approver'), { version: 2, facts: {} })).toEqual(
      refused('version-conflict'),
    );
  });

  it('refuses an action its state does not allow, before the guards', () => {
    const first: ReviewProblem = { type: 'forbidden' };
    expect(
      step(table, { status: 'SENT', version: 3 }, 'send', as('unit-approver'), { version: 3, facts: { first } }),
    ).toEqual(refused('invalid-transition'));
    expect(
      step(table, { status: 'DONE', version: 3 }, 'close', as('performance-section-reviewer'), {
        version: 3,
        facts: {},
      }),
    ).toEqual(refused('invalid-transition'));
  });

  it('answers with the first guard that fails, in the order the table lists them', () => {
    const first: ReviewProblem = { type: 'invalid-transition' };
    const second: ReviewProblem = { type: 'rules-not-met', errors: [{ pointer: '', code: 'x', message: 'x' }] };
    const act = (facts: Facts) => step(table, open, 'send', as('unit-approver'), { version: 3, facts });
    expect(act({ first, second })).toEqual({ ok: false, problem: first });
    expect(act({ second })).toEqual({ ok: false, problem: second });
    expect(act({}).ok).toBe(true);
  });

  it('turns field errors into rules-not-met, and none into nothing', () => {
    const errors = [{ pointer: '/a', code: 'required', message: '必填' }];
    expect(rulesNotMet(errors)).toEqual({ type: 'rules-not-met', errors });
    expect(rulesNotMet([])).toBeUndefined();
  });

  it('says which actions the state allows, and which an actor is offered', () => {
    expect(allows(table, 'send', 'OPEN')).toBe(true);
    expect(allows(table, 'send', 'SENT')).toBe(false);
    expect(allows(table, 'close', 'SENT')).toBe(true);
    expect(offeredActions(table, 'OPEN', as('unit-approver'))).toEqual(['send']);
    expect(offeredActions(table, 'OPEN', as('unit-approver', 'performance-section-reviewer'))).toEqual([
      'send',
      'close',
    ]);
    expect(offeredActions(table, 'SENT', as('unit-approver'))).toEqual([]);
    expect(offeredActions(table, 'DONE', as('performance-section-reviewer'))).toEqual([]);
  });
});
