import { describe, expect, it } from 'vitest';
import type { Principal } from '#core/principal.ts';
import type { Role } from '#core/roles.ts';
import { canSee, isUnitMember, listScope, mayActAs, seesTenant } from '#core/scope/project-scope.ts';

const person = (roles: Role[], at: Partial<Principal> = {}) => ({ roles, ...at });
const record = { departmentId: 'dept-a', unitId: 'unit-a1', financeSectionId: 'section-1' };

describe('who sees a project and what hangs off it', () => {
  it('the performance section and the observer read the tenant; nobody else does', () => {
    expect(seesTenant(person(['performance-section-reviewer']))).toBe(true);
    expect(seesTenant(person(['observer']))).toBe(true);
    for (const role of ['business-section-reviewer', 'department-reviewer', 'unit-approver', 'evaluator'] as Role[])
      expect(seesTenant(person([role])), role).toBe(false);
  });

  it('a business section sees the departments it is responsible for, and no other', () => {
    expect(canSee(person(['business-section-reviewer'], { sectionId: 'section-1' }), record)).toBe(true);
    expect(canSee(person(['business-section-reviewer'], { sectionId: 'section-2' }), record)).toBe(false);
    expect(canSee(person(['business-section-reviewer']), { departmentId: 'd', unitId: 'u' })).toBe(false);
    // The section id alone, without the role, opens nothing.
    expect(canSee(person(['evaluator'], { sectionId: 'section-1' }), record)).toBe(false);
  });

  it('a department reviewer sees their department; a unit person their unit', () => {
    expect(canSee(person(['department-reviewer'], { departmentId: 'dept-a' }), record)).toBe(true);
    expect(canSee(person(['department-reviewer'], { departmentId: 'dept-b' }), record)).toBe(false);
    expect(canSee(person(['department-reviewer']), { departmentId: undefined, unitId: 'u' })).toBe(false);
    expect(canSee(person(['unit-preparer'], { departmentId: 'dept-a', unitId: 'unit-a1' }), record)).toBe(true);
    expect(canSee(person(['unit-approver'], { departmentId: 'dept-a', unitId: 'unit-a2' }), record)).toBe(false);
    // A unit person does not see the department's other units, though the department is theirs.
    expect(canSee(person(['unit-preparer'], { departmentId: 'dept-a' }), record)).toBe(false);
  });

  it('the observer sees only what was published; the performance section sees drafts too', () => {
    expect(canSee(person(['observer']), record, true)).toBe(true);
    expect(canSee(person(['observer']), record, false)).toBe(false);
    expect(canSee(person(['performance-section-reviewer']), record, false)).toBe(true);
  });

  it('a unit member is a preparer or approver of the record’s unit', () => {
    expect(isUnitMember(person(['unit-approver'], { unitId: 'unit-a1' }), record)).toBe(true);
    expect(isUnitMember(person(['department-reviewer'], { unitId: 'unit-a1' }), record)).toBe(false);
    expect(isUnitMember(person(['unit-preparer']), { unitId: undefined })).toBe(false);
  });
});

describe('listing within the scope', () => {
  it('the tenant readers list what they ask for', () => {
    expect(listScope(person(['performance-section-reviewer']), {})).toEqual({});
    expect(listScope(person(['observer']), { departmentId: 'dept-a', unitId: 'unit-a1' })).toEqual({
      departmentId: 'dept-a',
      unitId: 'unit-a1',
    });
  });

  it('a business section always lists within its section', () => {
    const section = person(['business-section-reviewer'], { sectionId: 'section-1' });
    expect(listScope(section, {})).toEqual({ financeSectionId: 'section-1' });
    expect(listScope(section, { departmentId: 'dept-a' })).toEqual({
      departmentId: 'dept-a',
      financeSectionId: 'section-1',
    });
  });

  it('a department reviewer lists their department, and asking for another narrows to nothing', () => {
    const reviewer = person(['department-reviewer'], { departmentId: 'dept-a' });
    expect(listScope(reviewer, {})).toEqual({ departmentId: 'dept-a' });
    expect(listScope(reviewer, { unitId: 'unit-a2' })).toEqual({ departmentId: 'dept-a', unitId: 'unit-a2' });
    expect(listScope(reviewer, { departmentId: 'dept-b' })).toBe('nothing');
    expect(listScope(reviewer, { departmentId: 'dept-a' })).toEqual({ departmentId: 'dept-a' });
  });

  it('a unit person lists their unit only; without a department or unit, nothing', () => {
    const preparer = person(['unit-preparer'], { departmentId: 'dept-a', unitId: 'unit-a1' });
    expect(listScope(preparer, {})).toEqual({ departmentId: 'dept-a', unitId: 'unit-a1' });
    expect(listScope(preparer, { unitId: 'unit-a1' })).toEqual({ departmentId: 'dept-a', unitId: 'unit-a1' });
    expect(listScope(preparer, { unitId: 'unit-a2' })).toBe('nothing');
    expect(listScope(person(['unit-preparer'], { departmentId: 'dept-a' }), {})).toBe('nothing');
    expect(listScope(person(['unit-preparer']), {})).toBe('nothing');
    expect(listScope(person(['evaluator']), {})).toBe('nothing');
  });
});

describe('acting in a review step’s role', () => {
  it('needs the role, and for the first three steps the record to be theirs', () => {
    expect(mayActAs(person(['unit-approver'], { unitId: 'unit-a1' }), 'unit-approver', record)).toBe(true);
    expect(mayActAs(person(['unit-approver'], { unitId: 'unit-a2' }), 'unit-approver', record)).toBe(false);
    expect(mayActAs(person(['unit-preparer'], { unitId: 'unit-a1' }), 'unit-approver', record)).toBe(false);
    expect(mayActAs(person(['department-reviewer'], { departmentId: 'dept-a' }), 'department-reviewer', record)).toBe(
      true,
    );
    expect(mayActAs(person(['department-reviewer'], { departmentId: 'dept-b' }), 'department-reviewer', record)).toBe(
      false,
    );
    expect(
      mayActAs(person(['business-section-reviewer'], { sectionId: 'section-1' }), 'business-section-reviewer', record),
    ).toBe(true);
    expect(
      mayActAs(person(['business-section-reviewer'], { sectionId: 'section-2' }), 'business-section-reviewer', record),
    ).toBe(false);
    expect(mayActAs(person(['business-section-reviewer']), 'business-section-reviewer', record)).toBe(false);
    expect(mayActAs(person(['performance-section-reviewer']), 'performance-section-reviewer', record)).toBe(true);
    expect(mayActAs(person(['observer']), 'performance-section-reviewer', record)).toBe(false);
  });
});
