import { describe, expect, it } from 'vitest';
import { targetStatusCodes } from '#core/submission/performance-target.ts';
import { canTake, finalActionFor, projectStageAfter, targetActions } from '#core/submission/review-workflow.ts';

describe('target review workflow (docs/domain/submission.md, "Review")', () => {
  it('allows each action only from its states, to its state, for its role', () => {
    const table = Object.entries(targetActions).map(
      ([action, t]) => `${action}: ${t.from.join('|')} → ${t.to} by ${t.role}`,
    );
    expect(table).toEqual([
      'submit: DRAFT|RETURNED → UNIT_SUBMITTED by unit-approver',
      'department-approve: UNIT_SUBMITTED → DEPT_APPROVED by department-reviewer',
      'department-return: UNIT_SUBMITTED → RETURNED by department-reviewer',
      'first-approve: DEPT_APPROVED → FIRST_REVIEWED by business-section-reviewer',
      'first-return: DEPT_APPROVED → RETURNED by business-section-reviewer',
      'final-approve: FIRST_REVIEWED → FINAL_APPROVED by performance-section-reviewer',
      'final-return: FIRST_REVIEWED → RETURNED by performance-section-reviewer',
      'final-reject: FIRST_REVIEWED → REJECTED by performance-section-reviewer',
      'cancel-approval: FINAL_APPROVED → FIRST_REVIEWED by performance-section-reviewer',
      'unit-withdraw: UNIT_SUBMITTED → DRAFT by unit-approver',
      'department-withdraw: DEPT_APPROVED → UNIT_SUBMITTED by department-reviewer',
      'first-withdraw: FIRST_REVIEWED → DEPT_APPROVED by business-section-reviewer',
    ]);
    for (const [action, t] of Object.entries(targetActions)) {
      for (const status of targetStatusCodes) {
        expect(canTake(action as keyof typeof targetActions, status)).toBe(
          (t.from as readonly string[]).includes(status),
        );
      }
    }
  });

  it('maps the final grade to its consequence (88号): 优/良 approve, 中 returns, 差 rejects', () => {
    expect(finalActionFor('approve', 'EXCELLENT')).toBe('final-approve');
    expect(finalActionFor('approve', 'GOOD')).toBe('final-approve');
    expect(finalActionFor('approve', 'FAIR')).toBe('final-return');
    expect(finalActionFor('approve', 'POOR')).toBe('final-reject');
    expect(finalActionFor('return', undefined)).toBe('final-return');
  });

  it('moves the project through the library stages; an adjustment keeps an approved project in', () => {
    expect(projectStageAfter('PROPOSED', 'UNIT_SUBMITTED', false, false)).toBe('IN_REVIEW');
    expect(projectStageAfter('IN_REVIEW', 'RETURNED', false, false)).toBe('PROPOSED');
    expect(projectStageAfter('IN_REVIEW', 'FINAL_APPROVED', true, false)).toBe('IN_LIBRARY');
    expect(projectStageAfter('IN_REVIEW', 'REJECTED', false, false)).toBe('REJECTED');
    expect(projectStageAfter('IN_LIBRARY', 'UNIT_SUBMITTED', true, false)).toBe('IN_LIBRARY');
    expect(projectStageAfter('IN_LIBRARY', 'REJECTED', true, false)).toBe('IN_LIBRARY');
    expect(projectStageAfter('BUDGETED', 'DRAFT', true, false)).toBe('BUDGETED');
    expect(projectStageAfter('IN_LIBRARY', 'FIRST_REVIEWED', false, false)).toBe('IN_REVIEW');
    // Ex-ante 不予支持 keeps it out whatever its targets do, unless it is already in the budget;
    // a later supporting conclusion lets it back in.
    expect(projectStageAfter('IN_REVIEW', 'FINAL_APPROVED', true, true)).toBe('REJECTED');
    expect(projectStageAfter('BUDGETED', 'FINAL_APPROVED', true, true)).toBe('BUDGETED');
    expect(projectStageAfter('REJECTED', 'FIRST_REVIEWED', false, false)).toBe('IN_REVIEW');
  });

  it('puts a project in the library on its first final approval, and back to proposed on a draft or a return', () => {
    expect(projectStageAfter('IN_REVIEW', 'FINAL_APPROVED', false, false)).toBe('IN_LIBRARY');
    expect(projectStageAfter('PROPOSED', 'DRAFT', false, false)).toBe('PROPOSED');
    expect(projectStageAfter('IN_REVIEW', 'DRAFT', false, false)).toBe('PROPOSED');
    expect(projectStageAfter('IN_LIBRARY', 'RETURNED', true, false)).toBe('IN_LIBRARY');
    expect(projectStageAfter('PROPOSED', 'DEPT_APPROVED', false, false)).toBe('IN_REVIEW');
  });
});
