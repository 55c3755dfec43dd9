import { describe, expect, it } from 'vitest';
import { isUnitPerson, organisationOf, reviewRoleFor } from '#lib/submission-access.ts';

describe('reviewRoleFor', () => {
  it('gives each reviewer the step of their own queue, and nothing on other steps', () => {
    expect(reviewRoleFor(['department-reviewer'], 'UNIT_SUBMITTED')).toBe('department-reviewer');
    expect(reviewRoleFor(['department-reviewer'], 'DEPT_APPROVED')).toBeUndefined();
    expect(reviewRoleFor(['business-section-reviewer'], 'DEPT_APPROVED')).toBe('business-section-reviewer');
    expect(reviewRoleFor(['business-section-reviewer'], 'FIRST_REVIEWED')).toBeUndefined();
    expect(reviewRoleFor(['performance-section-reviewer'], 'FIRST_REVIEWED')).toBe('performance-section-reviewer');
  });

  it('picks the role that matches the state for someone with two reviewer roles', () => {
    const both = ['business-section-reviewer', 'performance-section-reviewer'] as const;
    expect(reviewRoleFor(both, 'DEPT_APPROVED')).toBe('business-section-reviewer');
    expect(reviewRoleFor(both, 'FIRST_REVIEWED')).toBe('performance-section-reviewer');
  });

  it('never lets the unit review: the approver sends its own draft, it does not review it', () => {
    expect(reviewRoleFor(['unit-approver'], 'DRAFT')).toBeUndefined();
    expect(reviewRoleFor(['unit-preparer', 'unit-approver'], 'UNIT_SUBMITTED')).toBeUndefined();
    for (const status of ['DRAFT', 'RETURNED', 'FINAL_APPROVED', 'REJECTED']) {
      expect(reviewRoleFor(['department-reviewer', 'performance-section-reviewer'], status)).toBeUndefined();
    }
  });
});

describe('isUnitPerson', () => {
  it('is the unit’s preparer or approver only', () => {
    expect(isUnitPerson(['unit-preparer'])).toBe(true);
    expect(isUnitPerson(['observer', 'unit-approver'])).toBe(true);
    expect(isUnitPerson(['department-reviewer'])).toBe(false);
    expect(isUnitPerson([])).toBe(false);
  });
});

describe('organisationOf', () => {
  const record = {
    departmentId: 'd-edu',
    unitId: 'u-edu',
    departmentName: '东丽区教育局',
    unitName: '区教育局（本级）',
  };
  const bureau = { department: { id: 'd-finance' }, unit: { id: 'u-finance' } };

  it('names the department for the bureau (whose own department is the finance bureau)', () => {
    expect(organisationOf(bureau, record)).toBe('东丽区教育局');
    expect(organisationOf({ department: null, unit: null }, record)).toBe('东丽区教育局');
  });

  it('names the unit for its own department, and nothing for the unit itself', () => {
    expect(organisationOf({ department: { id: 'd-edu' }, unit: null }, record)).toBe('区教育局（本级）');
    expect(organisationOf({ department: { id: 'd-edu' }, unit: { id: 'u-edu' } }, record)).toBeUndefined();
  });

  it('gives nothing rather than an empty name for records made before names were copied', () => {
    expect(organisationOf(bureau, { departmentId: 'd-edu', unitId: 'u-edu', departmentName: null })).toBeUndefined();
    expect(organisationOf(bureau, { ...record, departmentName: '' })).toBeUndefined();
  });
});
