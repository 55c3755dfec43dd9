import { describe, expect, it } from 'vitest';
import { mayEdit, maySubmit, notFilledIn, reviewRoleFor } from '#lib/monitoring/monitoring-access.ts';

const unit = { id: 'unit-1' };
const preparer = { roles: ['unit-preparer'] as const, unit, department: { id: 'dept-1' } };
const approver = { roles: ['unit-approver'] as const, unit, department: { id: 'dept-1' } };
const otherUnit = { roles: ['unit-approver'] as const, unit: { id: 'unit-2' }, department: { id: 'dept-1' } };
const report = (reviewStatus: 'DRAFT' | 'RETURNED' | 'UNIT_SUBMITTED', version = 2) => ({
  reviewStatus,
  unitId: 'unit-1',
  version,
});

describe('who may do what with a monitoring report', () => {
  it('lets the unit’s preparer and approver edit a draft or returned report, and only the approver send it', () => {
    expect(mayEdit(preparer, report('DRAFT'))).toBe(true);
    expect(mayEdit(preparer, report('RETURNED'))).toBe(true);
    expect(mayEdit(preparer, report('UNIT_SUBMITTED'))).toBe(false);
    expect(maySubmit(preparer, report('DRAFT'))).toBe(false);
    expect(maySubmit(approver, report('DRAFT'))).toBe(true);
    expect(mayEdit(otherUnit, report('DRAFT'))).toBe(false);
  });

  it('gives each reviewer the step of their queue’s state, as targets do', () => {
    expect(reviewRoleFor(['department-reviewer'], 'UNIT_SUBMITTED')).toBe('department-reviewer');
    expect(reviewRoleFor(['department-reviewer'], 'DEPT_APPROVED')).toBeUndefined();
    expect(reviewRoleFor(['business-section-reviewer'], 'DEPT_APPROVED')).toBe('business-section-reviewer');
    expect(reviewRoleFor(['performance-section-reviewer'], 'FIRST_REVIEWED')).toBe('performance-section-reviewer');
    expect(reviewRoleFor(['performance-section-reviewer'], 'FINAL_APPROVED')).toBeUndefined();
  });

  it('calls a report never saved since it was issued not filled in', () => {
    expect(notFilledIn(report('DRAFT', 1))).toBe(true);
    expect(notFilledIn(report('DRAFT', 2))).toBe(false);
    expect(notFilledIn(report('RETURNED', 1))).toBe(false);
  });
});
