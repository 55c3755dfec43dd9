import * as training from '@jixiao/core/department-assessment/training-session.ts';
import { fiscalYearParams, idParams, pageOf } from '@jixiao/core/schema-parts.ts';
import * as v from 'valibot';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const assessment = { capability: 'department-assessment', tag: 'department-assessment' } as const;

/** The bureau keeps the training sessions; its business sections read them. */
const bureauReaders = ['performance-section-reviewer', 'business-section-reviewer'] as const;

/** The year-end assessment of departments and what feeds it (docs/domain/department-assessment.md). */
export const departmentAssessmentRoutes: RouteDefinition[] = [
  {
    ...assessment,
    operationId: 'listTrainingSessions',
    method: 'GET',
    path: '/api/v1/training-sessions',
    summary: "One page of a year's training sessions (培训) with their attendance, by the day they were held",
    access: bureauReaders,
    query: training.trainingQuery,
    response: { status: 200, description: 'A page of sessions', schema: pageOf(training.trainingSession) },
  },
  {
    ...assessment,
    operationId: 'createTrainingSession',
    method: 'POST',
    path: '/api/v1/training-sessions',
    summary:
      "Record a training session with the series it is for and the departments that attended; the year's attendance counts change in the same write",
    access: ['performance-section-reviewer'],
    body: training.createTrainingSession,
    idempotentCreate: true,
    response: { status: 201, description: 'The session', schema: training.trainingSession },
  },
  {
    ...assessment,
    operationId: 'getTrainingSession',
    method: 'GET',
    path: '/api/v1/training-sessions/{id}',
    summary: 'One training session with its attendance',
    access: bureauReaders,
    params: idParams,
    response: { status: 200, description: 'The session', schema: training.trainingSession },
  },
  {
    ...assessment,
    operationId: 'updateTrainingSession',
    method: 'PATCH',
    path: '/api/v1/training-sessions/{id}',
    summary: "Change a session (its topic, day, audience or attendance) at the version read; the year's counts follow",
    access: ['performance-section-reviewer'],
    params: idParams,
    body: training.updateTrainingSession,
    response: { status: 200, description: 'The session', schema: training.trainingSession },
  },
  {
    ...assessment,
    operationId: 'getTrainingAttendance',
    method: 'GET',
    path: '/api/v1/training-attendance/{fiscalYear}',
    summary:
      "Each department's attendance of the year's sessions meant for its series, as the assessment reads it: the bureau sees every department, a department reviewer its own",
    access: [...bureauReaders, 'department-reviewer'],
    params: fiscalYearParams,
    response: {
      status: 200,
      description: 'Attendance per department',
      schema: v.object({ fiscalYear: v.number(), items: v.array(training.trainingAttendanceRow) }),
    },
  },
];
