import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  engagementToDoPlaces,
  exAnteToDoPlaces,
  rectificationAnswerQueue,
  toDoQueuesFor,
} from '#core/daily-work/to-do.ts';

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
      'rectification:answer:department-reviewer OPEN_DEPARTMENT#D1',
      'engagement:answer FINDINGS#D1',
    ]);
    expect(keys({ userId: 'u', roles: ['business-section-reviewer'], sectionId: 'S1' })[0]).toBe(
      'target:review:business-section-reviewer DEPT_APPROVED#S1',
    );
    expect(keys({ userId: 'u', roles: ['performance-section-reviewer'] })).toEqual([
      'target:review:performance-section-reviewer FIRST_REVIEWED',
      'monitoring-report:review:performance-section-reviewer FIRST_REVIEWED',
      'self-evaluation:review:performance-section-reviewer FIRST_REVIEWED',
      'rectification:verify FEEDBACK_SUBMITTED',
      'ex-ante-assessment:review SUBMITTED',
      'engagement:review BUREAU_MOVE',
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

describe('rectificationAnswerQueue', () => {
  it("puts an open notice in its unit's queue, a department-level one (no unit) in its department's", () => {
    expect(rectificationAnswerQueue({ unitId: 'U1', departmentId: 'D1' })).toBe('OPEN#U1');
    expect(rectificationAnswerQueue({ unitId: null, departmentId: 'D1' })).toBe('OPEN_DEPARTMENT#D1');
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

describe('the lists of ex-ante assessments and engagements', () => {
  it('gives the performance section the submitted assessments and the engagements waiting for its step', () => {
    expect(keys({ userId: 'u', roles: ['performance-section-reviewer'] }).slice(-2)).toEqual([
      'ex-ante-assessment:review SUBMITTED',
      'engagement:review BUREAU_MOVE',
    ]);
  });

  it("gives the agency's people its drafts (returned first); only the lead its engagements", () => {
    expect(keys({ userId: 'l', roles: ['agency-lead'], agencyId: 'A1' })).toEqual([
      'ex-ante-assessment:fix RETURNED#A1',
      'ex-ante-assessment:send DRAFT#A1',
      'engagement:lead AGENCY_MOVE#A1',
    ]);
    expect(keys({ userId: 'e1', roles: ['evaluator'], agencyId: 'A1' })).toEqual([
      'ex-ante-assessment:fix RETURNED#A1',
      'ex-ante-assessment:send DRAFT#A1',
      'fieldwork-assignment:visit EVALUATOR#e1',
    ]);
    expect(keys({ userId: 'l', roles: ['agency-lead'] })).toEqual([]);
  });

  it("places an assessment on the agency's side while a third party's draft, on the bureau's once submitted", () => {
    const third = { assessorType: 'THIRD_PARTY', agencyId: 'A1' };
    expect(exAnteToDoPlaces({ ...third, state: 'DRAFT' })).toEqual({ agency: 'DRAFT#A1' });
    expect(exAnteToDoPlaces({ ...third, state: 'DRAFT', lastReturn: { opinion: '补充测算' } })).toEqual({
      agency: 'RETURNED#A1',
    });
    expect(exAnteToDoPlaces({ ...third, state: 'SUBMITTED' })).toEqual({ bureau: 'SUBMITTED' });
    expect(exAnteToDoPlaces({ ...third, state: 'CONCLUDED' })).toEqual({});
    expect(exAnteToDoPlaces({ assessorType: 'FINANCE', agencyId: null, state: 'DRAFT' })).toEqual({});
  });

  it('places an engagement on the side whose step is next, a plan in preparation on both', () => {
    expect(engagementToDoPlaces({ state: 'SELECTED', agencyId: null })).toEqual({ bureau: 'BUREAU_MOVE' });
    expect(engagementToDoPlaces({ state: 'AGENCY_CONTRACTED', agencyId: 'A1' })).toEqual({
      bureau: 'BUREAU_MOVE',
      agency: 'AGENCY_MOVE#A1',
    });
    expect(engagementToDoPlaces({ state: 'FIELDWORK', agencyId: 'A1' })).toEqual({ agency: 'AGENCY_MOVE#A1' });
    expect(engagementToDoPlaces({ state: 'PRELIM_FINDINGS', agencyId: 'A1' })).toEqual({ agency: 'AGENCY_MOVE#A1' });
  });

  it("after fieldwork: the department answers the findings, the agency's lead handles the answers, drafts and reviews, the bureau reviews and notifies; none waits after the notice", () => {
    const places = Object.fromEntries(
      [
        'OPINION_EXCHANGE',
        'DRAFT_REPORT',
        'QC_REVIEW',
        'FINANCE_REVIEW',
        'FINAL_REPORT',
        'RESULT_NOTIFIED',
        'ARCHIVED',
      ].map((state) => [state, engagementToDoPlaces({ state, agencyId: 'A1', departmentId: 'D1' })]),
    );
    expect(places).toEqual({
      OPINION_EXCHANGE: { department: 'FINDINGS#D1' },
      DRAFT_REPORT: { agency: 'AGENCY_MOVE#A1' },
      QC_REVIEW: { agency: 'AGENCY_MOVE#A1' },
      FINANCE_REVIEW: { bureau: 'BUREAU_MOVE' },
      FINAL_REPORT: { bureau: 'BUREAU_MOVE' },
      RESULT_NOTIFIED: {},
      ARCHIVED: {},
    });
    const exchange = { state: 'OPINION_EXCHANGE', agencyId: 'A1', departmentId: 'D1' };
    expect(engagementToDoPlaces(exchange, true)).toEqual({ agency: 'AGENCY_MOVE#A1' });
  });
});
