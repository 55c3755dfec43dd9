import * as v from 'valibot';
import { type DepartmentSeries, departmentSeries } from '#core/organisation/department.ts';
import {
  anyId,
  fiscalYearParams,
  isoDate,
  pageQuery,
  recordMeta,
  text,
  uuidV7Id,
  version,
} from '#core/schema-parts.ts';

/**
 * A training session (培训) the performance section holds for departments
 * (docs/domain/department-assessment.md#training): its topic, day, the series it is for and which
 * departments attended with how many people. Attendance feeds the assessment's training leaf: of
 * the year's sessions meant for a department's series, the share it attended.
 */
const fiscalYear = v.pipe(v.number(), v.integer(), v.minValue(2000, 'fiscal_year'), v.maxValue(2100, 'fiscal_year'));

/** At most this many departments attend one session (a district has a few hundred at most). */
export const attendanceLimit = 500;

export const attendanceEntry = v.strictObject({
  departmentId: anyId,
  attendees: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(999)),
});
export type AttendanceEntry = v.InferOutput<typeof attendanceEntry>;

const attendance = v.pipe(
  v.array(attendanceEntry),
  v.maxLength(attendanceLimit),
  v.check(
    (entries) => new Set(entries.map((e) => e.departmentId)).size === entries.length,
    'attendance_departments_unique',
  ),
);
const audience = v.pipe(
  v.array(v.picklist(departmentSeries)),
  v.minLength(1),
  v.check((series) => new Set(series).size === series.length, 'unique_items'),
);

const fields = {
  topic: text(2, 100),
  heldOn: isoDate,
  organiser: text(0, 60),
  audience,
  attendance,
};

export const createTrainingSession = v.strictObject({ id: uuidV7Id, fiscalYear, ...fields });
export type CreateTrainingSession = v.InferOutput<typeof createTrainingSession>;

export const updateTrainingSession = v.strictObject({
  version,
  topic: v.optional(fields.topic),
  heldOn: v.optional(fields.heldOn),
  organiser: v.optional(fields.organiser),
  audience: v.optional(fields.audience),
  attendance: v.optional(fields.attendance),
});
export type UpdateTrainingSession = v.InferOutput<typeof updateTrainingSession>;

export const trainingSession = v.object({
  ...recordMeta,
  fiscalYear: v.number(),
  topic: v.string(),
  heldOn: v.string(),
  organiser: v.string(),
  audience: v.array(v.picklist(departmentSeries)),
  attendance: v.array(attendanceEntry),
});
export type TrainingSession = v.InferOutput<typeof trainingSession>;

/** A year's sessions, a page at a time (the list endpoints' limit and cursor). */
export const trainingQuery = v.strictObject({
  fiscalYear: fiscalYearParams.entries.fiscalYear,
  limit: pageQuery.limit,
  cursor: pageQuery.cursor,
});

/** The year's counts, kept on write with every session: sessions meant for each series, sessions each department attended. */
export interface TrainingCounts {
  requiredBySeries: Record<DepartmentSeries, number>;
  attendedByDepartment: Record<string, number>;
}

export const noTrainingCounts = (): TrainingCounts => ({
  requiredBySeries: { GOVERNMENT: 0, PARTY_MASS: 0, STREET_PARK: 0 },
  attendedByDepartment: {},
});

type Counted = Pick<TrainingSession, 'audience' | 'attendance'>;

/** The counts after a session is added, changed (`before` → `after`) or, with `after` undefined, taken away. */
export const recountTraining = (
  counts: TrainingCounts,
  before: Counted | undefined,
  after: Counted | undefined,
): TrainingCounts => {
  const next: TrainingCounts = {
    requiredBySeries: { ...counts.requiredBySeries },
    attendedByDepartment: { ...counts.attendedByDepartment },
  };
  const apply = (session: Counted, sign: 1 | -1) => {
    for (const series of session.audience) next.requiredBySeries[series] += sign;
    for (const { departmentId } of session.attendance) {
      const n = (next.attendedByDepartment[departmentId] ?? 0) + sign;
      if (n === 0) delete next.attendedByDepartment[departmentId];
      else next.attendedByDepartment[departmentId] = n;
    }
  };
  if (before) apply(before, -1);
  if (after) apply(after, 1);
  return next;
};

/** A department's attendance as the assessment reads it: attended of the sessions meant for its series. */
export const departmentAttendance = (
  counts: TrainingCounts,
  department: { id: string; series: DepartmentSeries },
): { attended: number; required: number } => ({
  attended: counts.attendedByDepartment[department.id] ?? 0,
  required: counts.requiredBySeries[department.series],
});

export const trainingAttendanceRow = v.object({
  departmentId: v.string(),
  departmentCode: v.string(),
  departmentName: v.string(),
  series: v.picklist(departmentSeries),
  attended: v.number(),
  required: v.number(),
});
export type TrainingAttendanceRow = v.InferOutput<typeof trainingAttendanceRow>;
