import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  createTrainingSession,
  departmentAttendance,
  noTrainingCounts,
  recountTraining,
} from '#core/department-assessment/training-session.ts';
import { uuidV7 } from '#core/ids.ts';

const a = '0190a000-0000-7000-8000-00000000000a';
const b = '0190a000-0000-7000-8000-00000000000b';

describe('training counts kept on write', () => {
  it('add, change and take away sessions: the counts equal a recount of what is left', () => {
    const first = { audience: ['GOVERNMENT', 'PARTY_MASS'] as const, attendance: [{ departmentId: a, attendees: 2 }] };
    const second = {
      audience: ['GOVERNMENT'] as const,
      attendance: [
        { departmentId: a, attendees: 1 },
        { departmentId: b, attendees: 3 },
      ],
    };
    let counts = recountTraining(noTrainingCounts(), undefined, { ...first, audience: [...first.audience] });
    counts = recountTraining(counts, undefined, { ...second, audience: [...second.audience] });
    expect(counts).toEqual({
      requiredBySeries: { GOVERNMENT: 2, PARTY_MASS: 1, STREET_PARK: 0 },
      attendedByDepartment: { [a]: 2, [b]: 1 },
    });
    // the second session becomes one for street offices that only b attended
    const changed = { audience: ['STREET_PARK' as const], attendance: [{ departmentId: b, attendees: 3 }] };
    counts = recountTraining(counts, { ...second, audience: [...second.audience] }, changed);
    expect(counts).toEqual({
      requiredBySeries: { GOVERNMENT: 1, PARTY_MASS: 1, STREET_PARK: 1 },
      attendedByDepartment: { [a]: 1, [b]: 1 },
    });
    counts = recountTraining(counts, changed, undefined);
    expect(counts).toEqual({
      requiredBySeries: { GOVERNMENT: 1, PARTY_MASS: 1, STREET_PARK: 0 },
      attendedByDepartment: { [a]: 1 },
    });
    expect(departmentAttendance(counts, { id: a, series: 'GOVERNMENT' })).toEqual({ attended: 1, required: 1 });
    expect(departmentAttendance(counts, { id: b, series: 'STREET_PARK' })).toEqual({ attended: 0, required: 0 });
  });
});

describe('a training session as sent', () => {
  const valid = {
    id: uuidV7(),
    fiscalYear: 2026,
    topic: '预算绩效管理业务培训',
    heldOn: '2026-04-15',
    organiser: '区财政局预算绩效管理科',
    audience: ['GOVERNMENT'],
    attendance: [{ departmentId: a, attendees: 2 }],
  };
  it('takes a well-formed session', () => {
    expect(v.safeParse(createTrainingSession, valid).success).toBe(true);
  });
  it('refuses a department listed twice, an empty audience, a day that does not exist and no one attending', () => {
    const issues = (body: unknown) => v.safeParse(createTrainingSession, body).issues?.map((i) => i.message) ?? [];
    expect(issues({ ...valid, attendance: [...valid.attendance, { departmentId: a, attendees: 1 }] })).toContain(
      'attendance_departments_unique',
    );
    expect(issues({ ...valid, audience: [] }).length).toBeGreaterThan(0);
    expect(issues({ ...valid, heldOn: '2026-02-30' })).toContain('iso_date');
    expect(issues({ ...valid, attendance: [{ departmentId: a, attendees: 0 }] }).length).toBeGreaterThan(0);
  });
});
