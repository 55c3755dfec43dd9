import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * The calendar of a budget year (issue 12 item 3) through the local gateway on the demo tenant: the demo's issued
 * monitoring round of 2026 shows its data date and deadline; the performance section sets the year's targets due
 * and budget reply, and the publication deadline follows 20 days after the reply; a stale version and a bad date
 * are refused with nothing changed; a unit preparer reads the same calendar but may not change it.
 */
let stack: TestStack;
let perf = '';
let preparer = '';

beforeAll(async () => {
  stack = await startTestStack();
  perf = await stack.tokenFor('perf-reviewer');
  preparer = await stack.tokenFor('unit-preparer');
}, 120_000);
afterAll(() => stack?.stop());

const calendar = async (token: string) => {
  const response = await stack.call('GET', '/api/v1/budget-calendar/2026', { token });
  expect(response.status).toBe(200);
  return response.body;
};

describe('the calendar of the budget year', () => {
  it("lists the year's issued monitoring rounds, at version 0 before any date is set", async () => {
    const body = await calendar(preparer);
    expect(body.version).toBe(0);
    expect(body.settings).toEqual({ targetsDue: null, budgetReply: null, disclosureDays: 20, reminderDaysBefore: 3 });
    const deadlines = body.events.filter((e: { kind: string }) => e.kind === 'monitoring-deadline');
    expect(deadlines.length).toBeGreaterThan(0);
    expect(deadlines[0]).toMatchObject({ date: '2026-07-20' });
    expect(body.events.map((e: { date: string }) => e.date)).toEqual(
      [...body.events.map((e: { date: string }) => e.date)].sort(),
    );
  });

  it("takes the performance section's dates and works out the publication deadline from the reply", async () => {
    const saved = await stack.call('PATCH', '/api/v1/budget-calendar/2026', {
      token: perf,
      body: {
        version: 0,
        targetsDue: '2025-09-30',
        budgetReply: '2026-01-25',
        disclosureDays: 20,
        reminderDaysBefore: 5,
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    const kinds = saved.body.events.map((e: { kind: string; date: string }) => `${e.date} ${e.kind}`);
    expect(kinds.slice(0, 3)).toEqual([
      '2025-09-30 targets-due',
      '2026-01-25 budget-reply',
      '2026-02-14 disclosure-due',
    ]);
    expect((await calendar(preparer)).events).toEqual(saved.body.events);
  });

  it('refuses a stale version, a bad date and a unit, changing nothing', async () => {
    const before = await calendar(perf);
    const stale = await stack.call('PATCH', '/api/v1/budget-calendar/2026', {
      token: perf,
      body: { version: 0, targetsDue: null, budgetReply: null, disclosureDays: 20, reminderDaysBefore: 3 },
    });
    expect(stale.status).toBe(409);
    const bad = await stack.call('PATCH', '/api/v1/budget-calendar/2026', {
      token: perf,
      body: { version: 1, targetsDue: '2025-02-30', budgetReply: null, disclosureDays: 0, reminderDaysBefore: 3 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/disclosureDays',
      '/targetsDue',
    ]);
    const unit = await stack.call('PATCH', '/api/v1/budget-calendar/2026', {
      token: preparer,
      body: { version: 1, targetsDue: null, budgetReply: null, disclosureDays: 20, reminderDaysBefore: 3 },
    });
    expect(unit.status).toBe(403);
    expect(await calendar(perf)).toEqual(before);
  });
});
