import { describe, expect, it } from 'vitest';
import { mayAdjust, projectEditable } from '#core/submission/project-steps.ts';

describe('projectEditable and mayAdjust', () => {
  const project = { currentTargetStatus: null, approvedTargetId: null, stage: 'PROPOSED' };

  it('lets the unit change a project until its targets are sent on', () => {
    expect(projectEditable(project)).toBe(true);
    expect(projectEditable({ ...project, currentTargetStatus: 'DRAFT' })).toBe(true);
    expect(projectEditable({ ...project, currentTargetStatus: 'RETURNED' })).toBe(true);
    expect(projectEditable({ ...project, currentTargetStatus: 'UNIT_SUBMITTED' })).toBe(false);
  });

  it('keeps an approved or budgeted project as it was approved, even while an adjustment is a draft', () => {
    expect(projectEditable({ ...project, currentTargetStatus: 'DRAFT', approvedTargetId: 'v1' })).toBe(false);
    expect(projectEditable({ ...project, stage: 'BUDGETED' })).toBe(false);
  });

  it('offers an adjustment after an approval, and again after an adjustment graded 差', () => {
    expect(mayAdjust({ approvedTargetId: 'v1' }, { reviewStatus: 'FINAL_APPROVED' })).toBe(true);
    expect(mayAdjust({ approvedTargetId: 'v1' }, { reviewStatus: 'REJECTED' })).toBe(true);
    expect(mayAdjust({ approvedTargetId: null }, { reviewStatus: 'REJECTED' })).toBe(false);
    expect(mayAdjust({ approvedTargetId: 'v1' }, { reviewStatus: 'DRAFT' })).toBe(false);
    expect(mayAdjust({ approvedTargetId: null }, undefined)).toBe(false);
  });
});
