import { describe, expect, it } from 'vitest';
import type { Principal } from '#core/principal.ts';
import type { Role } from '#core/roles.ts';
import {
  bureauSees,
  departmentSees,
  isAssignee,
  leadsAgencyOf,
  observerSees,
  seesEngagement,
} from '#core/scope/fieldwork-scope.ts';

const person = (roles: Role[], at: Partial<Principal> = {}) => ({ roles, userId: 'user-1', ...at });
const draft = { agencyId: 'agency-1', departmentId: 'dept-a', releasedAt: null, financeSectionId: 'section-1' };
const released = { ...draft, releasedAt: '2026-11-30T08:00:00.000Z' };

describe('who sees a key evaluation', () => {
  it('the performance section always; a business section its own departments', () => {
    expect(bureauSees(person(['performance-section-reviewer']), draft)).toBe(true);
    expect(bureauSees(person(['business-section-reviewer'], { sectionId: 'section-1' }), draft)).toBe(true);
    expect(bureauSees(person(['business-section-reviewer'], { sectionId: 'section-2' }), draft)).toBe(false);
    expect(bureauSees(person(['business-section-reviewer']), { financeSectionId: null })).toBe(false);
  });

  it('the lead of the commissioned agency, not another agency’s, nor before it is commissioned', () => {
    expect(leadsAgencyOf(person(['agency-lead'], { agencyId: 'agency-1' }), draft)).toBe(true);
    expect(leadsAgencyOf(person(['agency-lead'], { agencyId: 'agency-2' }), draft)).toBe(false);
    expect(leadsAgencyOf(person(['evaluator'], { agencyId: 'agency-1' }), draft)).toBe(false);
    expect(leadsAgencyOf(person(['agency-lead'], { agencyId: 'agency-1' }), { agencyId: null })).toBe(false);
  });

  it('the evaluated department and the observer only after release', () => {
    for (const role of ['department-reviewer', 'unit-approver', 'unit-preparer'] as Role[]) {
      expect(departmentSees(person([role], { departmentId: 'dept-a' }), draft), role).toBe(false);
      expect(departmentSees(person([role], { departmentId: 'dept-a' }), released), role).toBe(true);
      expect(departmentSees(person([role], { departmentId: 'dept-b' }), released), role).toBe(false);
    }
    expect(departmentSees(person(['evaluator'], { departmentId: 'dept-a' }), released)).toBe(false);
    expect(observerSees(person(['observer']), draft)).toBe(false);
    expect(observerSees(person(['observer']), released)).toBe(true);
  });

  it('an evaluator sees only their own assignment, of the agency it was made for', () => {
    const assignment = { evaluatorId: 'user-1', agencyId: 'agency-1' };
    expect(isAssignee(person(['evaluator'], { agencyId: 'agency-1' }), assignment)).toBe(true);
    expect(isAssignee(person(['agency-lead'], { agencyId: 'agency-1' }), assignment)).toBe(true);
    expect(isAssignee(person(['evaluator'], { agencyId: 'agency-2' }), assignment)).toBe(false);
    expect(isAssignee(person(['evaluator'], { agencyId: 'agency-1', userId: 'user-2' }), assignment)).toBe(false);
    expect(isAssignee(person(['department-reviewer'], { agencyId: 'agency-1' }), assignment)).toBe(false);
  });

  it('the whole engagement: any of the above, and an evaluator never through it', () => {
    expect(seesEngagement(person(['performance-section-reviewer']), draft)).toBe(true);
    expect(seesEngagement(person(['agency-lead'], { agencyId: 'agency-1' }), draft)).toBe(true);
    expect(seesEngagement(person(['department-reviewer'], { departmentId: 'dept-a' }), released)).toBe(true);
    expect(seesEngagement(person(['observer']), released)).toBe(true);
    expect(seesEngagement(person(['evaluator'], { agencyId: 'agency-1' }), released)).toBe(false);
    expect(seesEngagement(person(['observer']), draft)).toBe(false);
  });
});
