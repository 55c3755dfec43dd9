import { describe, expect, it } from 'vitest';
import { engagementSteps, takesStep } from '#core/fieldwork/engagement-steps.ts';
import type { Role } from '#core/roles.ts';

const performance = { roles: ['performance-section-reviewer'] as Role[] };
const section = { roles: ['business-section-reviewer'] as Role[] };
const lead = { roles: ['agency-lead'] as Role[], agencyId: 'a1' };
const rival = { roles: ['agency-lead'] as Role[], agencyId: 'a2' };
const department = { roles: ['department-reviewer'] as Role[] };
const at = (
  state: 'SELECTED' | 'AGENCY_CONTRACTED' | 'FIELDWORK' | 'PRELIM_FINDINGS',
  releasedAt: string | null = null,
) => ({
  state,
  agencyId: state === 'SELECTED' ? null : 'a1',
  releasedAt,
});

describe('the steps of a key evaluation', () => {
  it('lets the performance section commission, approve and release, each in its state only', () => {
    expect(engagementSteps(performance, at('SELECTED'))).toMatchObject({
      editPlan: true,
      commission: true,
      approvePlan: false,
      release: false,
    });
    expect(engagementSteps(performance, at('AGENCY_CONTRACTED'))).toMatchObject({
      editPlan: true,
      commission: false,
      approvePlan: true,
    });
    expect(engagementSteps(performance, at('FIELDWORK'))).toMatchObject({ editPlan: false, release: true });
    expect(engagementSteps(performance, at('PRELIM_FINDINGS'))).toMatchObject({ release: true, exportPapers: true });
    expect(engagementSteps(performance, at('FIELDWORK', '2026-11-20T00:00:00Z')).release).toBe(false);
  });

  it('lets the commissioned lead edit the plan once commissioned, assign, close fieldwork and export', () => {
    expect(engagementSteps(lead, at('AGENCY_CONTRACTED'))).toMatchObject({
      editPlan: true,
      assign: true,
      approvePlan: false,
      exportPapers: true,
      seeProgress: true,
    });
    expect(engagementSteps(lead, at('FIELDWORK'))).toMatchObject({
      editPlan: false,
      assign: true,
      closeFieldwork: true,
    });
    expect(engagementSteps(lead, at('PRELIM_FINDINGS'))).toMatchObject({ assign: false, closeFieldwork: false });
    expect(Object.values(engagementSteps(rival, at('FIELDWORK'))).some(Boolean)).toBe(false);
    expect(takesStep(lead, 'assign', { agencyId: null })).toBe(false);
    // Past approval the lead still works on the plan, and is told its state no longer allows it.
    expect(takesStep(lead, 'editPlan', at('FIELDWORK'))).toBe(true);
  });

  it('gives a business section progress only, and the department nothing to act on', () => {
    const steps = engagementSteps(section, at('FIELDWORK'));
    expect(steps.seeProgress).toBe(true);
    expect(
      Object.entries(steps)
        .filter(([, v]) => v)
        .map(([k]) => k),
    ).toEqual(['seeProgress']);
    expect(Object.values(engagementSteps(department, at('FIELDWORK', 'x'))).some(Boolean)).toBe(false);
  });
});
