import { engagementSteps } from '@jixiao/core/fieldwork/engagement-steps.ts';
import { principalOf } from '@jixiao/core/scope/person.ts';
import { exAnteSteps } from '@jixiao/core/submission/ex-ante-steps.ts';
import { describe, expect, it } from 'vitest';
import { engagementRoles } from '#lib/engagements/engagement-access.ts';
import {
  dashboardRoles,
  mayEdit,
  maySubmit,
  monitoringRoles,
  reviewRoleFor as reportReviewRoleFor,
  seesDashboard,
} from '#lib/monitoring/monitoring-access.ts';
import { mayExport, readsOnly, withObserver } from '#lib/observer-access.ts';
import { exAnteRoles, isUnitPerson, projectReaderRoles, projectRoles, reviewRoleFor } from '#lib/submission-access.ts';

const observer = { roles: ['observer'] as const, agency: null, unit: null, department: null };

describe('the observer reads the screens the API serves it', () => {
  it('reaches projects, targets, ex-ante assessments, monitoring, rectifications and evaluations', () => {
    for (const roles of [projectReaderRoles, exAnteRoles, monitoringRoles, dashboardRoles, engagementRoles]) {
      expect(roles).toContain('observer');
    }
    expect(seesDashboard(observer)).toBe(true);
  });

  it('does not reach the screens whose reads the API refuses it (the year’s target weights)', () => {
    // /targets/weights reads GET /target-weights/{year}, which answers project people only.
    expect(projectRoles).not.toContain('observer');
  });

  it('adds the observer once, keeping the screen’s own roles', () => {
    expect(withObserver(['unit-preparer'])).toEqual(['unit-preparer', 'observer']);
    expect(withObserver(['observer'])).toEqual(['observer']);
  });
});

describe('the observer is offered nothing to do', () => {
  it('reads only, and may not export; anyone with another role keeps their exports', () => {
    expect(readsOnly(['observer'])).toBe(true);
    expect(mayExport(['observer'])).toBe(false);
    expect(readsOnly(['observer', 'performance-section-reviewer'])).toBe(false);
    expect(mayExport(['performance-section-reviewer'])).toBe(true);
    expect(mayExport(['unit-preparer'])).toBe(true);
    expect(readsOnly([])).toBe(false);
  });

  it('takes no step on a target version, an ex-ante assessment, a report or an evaluation', () => {
    expect(isUnitPerson(observer.roles)).toBe(false);
    for (const status of ['DRAFT', 'UNIT_SUBMITTED', 'DEPT_APPROVED', 'FIRST_REVIEWED', 'FINAL_APPROVED'] as const) {
      expect(reviewRoleFor(observer.roles, status)).toBeUndefined();
      expect(reportReviewRoleFor(observer.roles, status)).toBeUndefined();
      const report = { reviewStatus: status, unitId: 'u', version: 2 };
      expect(mayEdit(observer, report)).toBe(false);
      expect(maySubmit(observer, report)).toBe(false);
    }
    for (const state of ['DRAFT', 'SUBMITTED', 'CONCLUDED'] as const) {
      for (const assessorType of ['FINANCE', 'THIRD_PARTY'] as const) {
        expect(
          Object.values(exAnteSteps(principalOf(observer), { state, assessorType, agencyId: null })),
        ).not.toContain(true);
      }
    }
    for (const state of ['SELECTED', 'AGENCY_CONTRACTED', 'FIELDWORK', 'PRELIM_FINDINGS'] as const) {
      const steps = engagementSteps(principalOf(observer), {
        state,
        agencyId: 'a',
        releasedAt: '2026-11-30T08:00:00Z',
      });
      expect(Object.values(steps)).not.toContain(true);
    }
  });
});
