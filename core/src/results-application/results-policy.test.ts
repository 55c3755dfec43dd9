import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { defaultPolicyRules, policyErrors, saveResultsPolicy } from '#core/results-application/results-policy.ts';

describe('the results-application policy', () => {
  it('defaults to 优 priority support, 良 guaranteed, 中 cut 10 %, 差 cancelled', () => {
    expect(defaultPolicyRules).toEqual({
      EXCELLENT: { measure: 'SUPPORT', pct: null, amountFen: null },
      GOOD: { measure: 'KEEP', pct: null, amountFen: null },
      FAIR: { measure: 'REDUCE_PCT', pct: 10, amountFen: null },
      POOR: { measure: 'STOP', pct: null, amountFen: null },
    });
    expect(policyErrors(defaultPolicyRules, 'zh-CN')).toEqual([]);
  });

  it('takes any measure per grade, with the percentage or amount it needs and nothing else', () => {
    const changed = {
      ...defaultPolicyRules,
      FAIR: { measure: 'REDUCE_AMOUNT' as const, pct: null, amountFen: 100_000_00 },
      POOR: { measure: 'REDUCE_PCT' as const, pct: 20, amountFen: null },
    };
    expect(policyErrors(changed, 'en')).toEqual([]);
    const bad = {
      ...defaultPolicyRules,
      GOOD: { measure: 'KEEP' as const, pct: 5, amountFen: null },
      FAIR: { measure: 'REDUCE_PCT' as const, pct: null, amountFen: null },
      POOR: { measure: 'REDUCE_AMOUNT' as const, pct: null, amountFen: 0 },
    };
    expect(policyErrors(bad, 'zh-CN').map((e) => [e.pointer, e.code])).toEqual([
      ['/rules/GOOD/pct', 'pct_not_taken'],
      ['/rules/FAIR/pct', 'pct_required'],
      ['/rules/POOR/amountFen', 'amount_required'],
    ]);
    expect(policyErrors(bad, 'en')[1]?.message).toBe('A percentage cut needs its percentage (above 0)');
  });

  it('refuses an unknown measure, a grade missing, a percentage above 100 or with three decimals', () => {
    const body = (rules: unknown) => v.safeParse(saveResultsPolicy, { version: 0, rules }).success;
    expect(body(defaultPolicyRules)).toBe(true);
    expect(body({ ...defaultPolicyRules, POOR: { measure: 'DOUBLE' } })).toBe(false);
    const { POOR: _poor, ...three } = defaultPolicyRules;
    expect(body(three)).toBe(false);
    expect(body({ ...defaultPolicyRules, FAIR: { measure: 'REDUCE_PCT', pct: 101 } })).toBe(false);
    expect(body({ ...defaultPolicyRules, FAIR: { measure: 'REDUCE_PCT', pct: 10.125 } })).toBe(false);
    expect(body({ ...defaultPolicyRules, FAIR: { measure: 'REDUCE_PCT', pct: 12.5 } })).toBe(true);
  });
});
