import { describe, expect, it } from 'vitest';
import type { Role } from '#core/roles.ts';
import type { ExAnteState } from '#core/submission/ex-ante-assessment.ts';
import { concludesFrom, exAnteSteps, isAgencyOf, worksOnAssessment } from '#core/submission/ex-ante-steps.ts';

describe('what each person may do with an ex-ante assessment', () => {
  const bureau = { roles: ['performance-section-reviewer'] as Role[] };
  const lead = { roles: ['agency-lead'] as Role[], agencyId: 'jincheng' };
  const evaluator = { roles: ['evaluator'] as Role[], agencyId: 'jincheng' };
  const otherLead = { roles: ['agency-lead'] as Role[], agencyId: 'huatai' };
  const unit = { roles: ['unit-preparer'] as Role[] };
  const commissioned = (state: ExAnteState) => ({ state, assessorType: 'THIRD_PARTY' as const, agencyId: 'jincheng' });
  const own = (state: ExAnteState) => ({ state, assessorType: 'FINANCE' as const, agencyId: null });
  const none = { write: false, submit: false, conclude: false, sendBack: false };

  it('lets the commissioned agency write a draft and its lead submit it; the bureau may not conclude it yet', () => {
    expect(exAnteSteps(lead, commissioned('DRAFT'))).toEqual({ ...none, write: true, submit: true });
    expect(exAnteSteps(evaluator, commissioned('DRAFT'))).toEqual({ ...none, write: true });
    expect(exAnteSteps(bureau, commissioned('DRAFT'))).toEqual({ ...none, write: true });
  });

  it('lets the bureau accept or return what the agency submitted, and nobody change it meanwhile', () => {
    expect(exAnteSteps(bureau, commissioned('SUBMITTED'))).toEqual({ ...none, conclude: true, sendBack: true });
    expect(exAnteSteps(lead, commissioned('SUBMITTED'))).toEqual(none);
  });

  it('lets the bureau conclude its own assessment straight from the draft', () => {
    expect(exAnteSteps(bureau, own('DRAFT'))).toEqual({ ...none, write: true, conclude: true });
  });

  it('gives another agency, the unit and everyone after the conclusion nothing to do', () => {
    expect(exAnteSteps(otherLead, commissioned('DRAFT'))).toEqual(none);
    expect(exAnteSteps(unit, commissioned('DRAFT'))).toEqual(none);
    for (const person of [bureau, lead]) expect(exAnteSteps(person, commissioned('CONCLUDED'))).toEqual(none);
    expect(exAnteSteps(bureau, own('CONCLUDED'))).toEqual(none);
  });
});

describe('the rules the API refuses by', () => {
  it('the agency’s people are its lead and evaluators, of the agency commissioned', () => {
    expect(isAgencyOf({ roles: ['evaluator'], agencyId: 'a' }, { agencyId: 'a' })).toBe(true);
    expect(isAgencyOf({ roles: ['agency-lead'], agencyId: 'a' }, { agencyId: 'b' })).toBe(false);
    expect(isAgencyOf({ roles: ['unit-preparer'], agencyId: 'a' }, { agencyId: 'a' })).toBe(false);
    expect(isAgencyOf({ roles: ['evaluator'] }, { agencyId: null })).toBe(false);
  });

  it('the performance section works on every assessment, an agency on its own', () => {
    expect(worksOnAssessment({ roles: ['performance-section-reviewer'] }, { agencyId: null })).toBe(true);
    expect(worksOnAssessment({ roles: ['business-section-reviewer'] }, { agencyId: null })).toBe(false);
    expect(worksOnAssessment({ roles: ['evaluator'], agencyId: 'a' }, { agencyId: 'a' })).toBe(true);
  });

  it('a third party’s assessment is concluded from SUBMITTED, the bureau’s own and an expert panel’s from DRAFT', () => {
    expect(concludesFrom({ assessorType: 'THIRD_PARTY' })).toBe('SUBMITTED');
    expect(concludesFrom({ assessorType: 'FINANCE' })).toBe('DRAFT');
    expect(concludesFrom({ assessorType: 'EXPERT_PANEL' })).toBe('DRAFT');
  });
});
