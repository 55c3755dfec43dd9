import { describe, expect, it } from 'vitest';
import { daysBetween, toDoQueuesFor } from '#core/daily-work/to-do.ts';

const keys = (p: Parameters<typeof toDoQueuesFor>[0]) => toDoQueuesFor(p).map((q) => `${q.key} ${q.queue}`);

describe('toDoQueuesFor', () => {
  it("gives a unit's people their unit's queues, returned before drafts", () => {
    expect(keys({ userId: 'u', roles: ['unit-preparer'], unitId: 'U1', departmentId: 'D1' })).toEqual([
      'target:fix RETURNED#U1',
      'target:send DRAFT#U1',
      'monitoring-report:fix RETURNED#U1',
      'monitoring-report:send DRAFT#U1',
      'self-evaluation:fix RETURNED#U1',
      'self-evaluation:send DRAFT#U1',
      'rectification:answer OPEN#U1',
    ]);
  });

  it('gives each reviewer the queue of their own department, section, or the tenant', () => {
    expect(keys({ userId: 'u', roles: ['department-reviewer'], departmentId: 'D1' })).toEqual([
      'target:review:department-reviewer UNIT_SUBMITTED#D1',
      'monitoring-report:review:department-reviewer UNIT_SUBMITTED#D1',
      'self-evaluation:review:department-reviewer UNIT_SUBMITTED#D1',
    ]);
    expect(keys({ userId: 'u', roles: ['business-section-reviewer'], sectionId: 'S1' })[0]).toBe(
      'target:review:business-section-reviewer DEPT_APPROVED#S1',
    );
    expect(keys({ userId: 'u', roles: ['performance-section-reviewer'] })).toEqual([
      'target:review:performance-section-reviewer FIRST_REVIEWED',
      'monitoring-report:review:performance-section-reviewer FIRST_REVIEWED',
      'self-evaluation:review:performance-section-reviewer FIRST_REVIEWED',
      'rectification:verify FEEDBACK_SUBMITTED',
    ]);
    expect(keys({ userId: 'e1', roles: ['evaluator'] })).toEqual(['fieldwork-assignment:visit EVALUATOR#e1']);
  });

  it("never falls back to someone else's queue when the organisation is missing", () => {
    expect(keys({ userId: 'u', roles: ['unit-approver'] })).toEqual([]);
    expect(keys({ userId: 'u', roles: ['department-reviewer'] })).toEqual([]);
    expect(keys({ userId: 'u', roles: ['business-section-reviewer'] })).toEqual([]);
    expect(keys({ userId: 'u', roles: ['observer', 'tenant-admin', 'agency-lead'] })).toEqual([]);
  });
});

describe('daysBetween', () => {
  it('counts whole calendar days, from a day or an instant', () => {
    expect(daysBetween('2026-07-20', '2026-12-06')).toBe(139);
    expect(daysBetween('2026-12-06', '2026-12-06')).toBe(0);
    expect(daysBetween('2026-12-08', '2026-12-06')).toBe(-2);
    expect(daysBetween('2026-12-01T23:59:00.000Z', '2026-12-06')).toBe(5);
  });
});
