import type { ReviewStep, TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import { describe, expect, it } from 'vitest';
import { openReturn } from '#lib/target-types.ts';

const step = (action: string, to: TargetStatus): ReviewStep => ({
  action,
  from: 'DRAFT',
  to,
  by: 'u',
  byName: 'u',
  role: 'unit-approver',
  at: '2026-12-01T00:00:00Z',
  opinion: action,
  grade: null,
  rowComments: {},
});

describe('the open return (what the unit is asked to fix)', () => {
  it('is the last step when it sent the record back, and stays through the unit’s own sending withdrawn (撤回)', () => {
    const returned = step('department-return', 'RETURNED');
    expect(openReturn({ reviewLog: [step('submit', 'UNIT_SUBMITTED'), returned] })).toBe(returned);
    const withdrawn = [returned, step('submit', 'UNIT_SUBMITTED'), step('unit-withdraw', 'DRAFT')];
    expect(openReturn({ reviewLog: withdrawn })).toBe(returned);
    expect(
      openReturn({ reviewLog: [...withdrawn, step('submit', 'UNIT_SUBMITTED'), step('unit-withdraw', 'DRAFT')] }),
    ).toBe(returned);
    // Sent again: nothing open; never returned: nothing open.
    expect(openReturn({ reviewLog: [returned, step('submit', 'UNIT_SUBMITTED')] })).toBeUndefined();
    expect(
      openReturn({ reviewLog: [step('submit', 'UNIT_SUBMITTED'), step('unit-withdraw', 'DRAFT')] }),
    ).toBeUndefined();
  });
});
