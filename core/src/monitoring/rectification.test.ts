import { describe, expect, it } from 'vitest';
import { uuidV7 } from '#core/ids.ts';
import {
  answerRoles,
  answerRolesOfAnyRectification,
  isDepartmentLevel,
  mayAnswerRectification,
  rectificationName,
  startRectification,
} from '#core/monitoring/rectification.ts';
import { validate } from '#core/validation.ts';

const projectLevel = { unitId: 'U1', departmentId: 'D1' };
const departmentLevel = { unitId: null, departmentId: 'D1' };

describe('who answers a rectification', () => {
  it("is the project's unit for a project-level one: its preparer or approver drafts, its approver sends", () => {
    expect(isDepartmentLevel(projectLevel)).toBe(false);
    expect(answerRoles(projectLevel, 'save-feedback')).toEqual(['unit-preparer', 'unit-approver']);
    expect(answerRoles(projectLevel, 'submit-feedback')).toEqual(['unit-approver']);
    const preparer = { roles: ['unit-preparer' as const], unitId: 'U1', departmentId: 'D1' };
    expect(mayAnswerRectification(preparer, projectLevel, 'save-feedback')).toBe(true);
    expect(mayAnswerRectification(preparer, projectLevel, 'submit-feedback')).toBe(false);
    expect(mayAnswerRectification({ ...preparer, unitId: 'U2' }, projectLevel, 'save-feedback')).toBe(false);
    const approver = { roles: ['unit-approver' as const], unitId: 'U1', departmentId: 'D1' };
    expect(mayAnswerRectification(approver, projectLevel, 'submit-feedback')).toBe(true);
    const reviewer = { roles: ['department-reviewer' as const], departmentId: 'D1' };
    expect(mayAnswerRectification(reviewer, projectLevel, 'save-feedback')).toBe(false);
  });

  it("is the department's reviewer for a department-level one (no unit), never a unit", () => {
    expect(isDepartmentLevel(departmentLevel)).toBe(true);
    expect(answerRoles(departmentLevel, 'save-feedback')).toEqual(['department-reviewer']);
    const reviewer = { roles: ['department-reviewer' as const], departmentId: 'D1' };
    expect(mayAnswerRectification(reviewer, departmentLevel, 'save-feedback')).toBe(true);
    expect(mayAnswerRectification(reviewer, departmentLevel, 'submit-feedback')).toBe(true);
    expect(mayAnswerRectification({ ...reviewer, departmentId: 'D2' }, departmentLevel, 'save-feedback')).toBe(false);
    expect(mayAnswerRectification({ roles: ['department-reviewer'] }, departmentLevel, 'save-feedback')).toBe(false);
    const approver = { roles: ['unit-approver' as const], unitId: 'U1', departmentId: 'D1' };
    expect(mayAnswerRectification(approver, departmentLevel, 'submit-feedback')).toBe(false);
    expect(mayAnswerRectification({ roles: ['performance-section-reviewer'] }, departmentLevel, 'save-feedback')).toBe(
      false,
    );
  });

  it('lets into the routes every role that answers some rectification', () => {
    expect(answerRolesOfAnyRectification('save-feedback')).toEqual([
      'unit-preparer',
      'unit-approver',
      'department-reviewer',
    ]);
    expect(answerRolesOfAnyRectification('submit-feedback')).toEqual(['unit-approver', 'department-reviewer']);
  });
});

describe('starting one', () => {
  const body = {
    id: uuidV7(),
    source: 'DEPARTMENT_EVALUATION',
    sourceId: uuidV7(),
    requirements: '完善内控制度',
    dueDate: '2027-06-30',
    opinion: '须限期整改',
  };
  it('names its source of three (monitoring starts through its disposition), a due date and an opinion', () => {
    expect(validate(startRectification, body, 'zh-CN').ok).toBe(true);
    for (const bad of [
      { ...body, source: 'MONITORING' },
      { ...body, dueDate: '2027-13-01' },
      { ...body, requirements: '' },
      { ...body, opinion: '' },
      { ...body, extra: 1 },
    ])
      expect(validate(startRectification, bad, 'zh-CN').ok).toBe(false);
  });

  it('is named by its project, else its source, else its department', () => {
    expect(rectificationName({ projectName: '教师培训', title: 'x', departmentName: '教育局' })).toBe('教师培训');
    expect(rectificationName({ projectName: null, title: '部门整体评价', departmentName: '教育局' })).toBe(
      '部门整体评价',
    );
    expect(rectificationName({ projectName: null, departmentName: '教育局' })).toBe('教育局');
  });
});
