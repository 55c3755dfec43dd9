import { uuidV7 } from '@jixiao/core/ids.ts';
import { trainingSessionKind } from '@jixiao/functions/department-assessment/record-kinds.ts';
import type { MatrixPart, Outcomes } from './matrix-row.ts';
import { staleVersion, writeMatrixRecord } from './matrix-row.ts';

const perf = 'performance-section-reviewer';
const business = 'business-section-reviewer';
const everywhere: Outcomes = [200, 200, 200];
const inTenant: Outcomes = [200, 200, 404];

/**
 * The authorization matrix's rows for training sessions (培训): the performance section keeps them, the business
 * sections read them; a department reviewer reads their own department's attendance (always answered: the answer holds
 * their department only). Another tenant's session is not found; another tenant's department is not a reference.
 */
export const part: MatrixPart = {
  rows: {
    listTrainingSessions: { roles: { [perf]: everywhere, [business]: everywhere }, others: 403, anonymous: 401 },
    createTrainingSession: { roles: { [perf]: [201, 201, 422] }, others: 403, anonymous: 401 },
    getTrainingSession: { roles: { [perf]: inTenant, [business]: inTenant }, others: 403, anonymous: 401 },
    updateTrainingSession: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
    getTrainingAttendance: {
      roles: { [perf]: everywhere, [business]: everywhere, 'department-reviewer': everywhere },
      others: 403,
      anonymous: 401,
    },
  },
  request: async ({ operationId, path, store, tenant, targets }) => {
    // The relation's session, written through the store in its tenant.
    const session = async () =>
      `/api/v1/training-sessions/${await writeMatrixRecord(store, tenant, trainingSessionKind, {
        fiscalYear: 2026,
        topic: '矩阵培训',
        heldOn: '2026-04-15',
        organiser: '',
        audience: ['GOVERNMENT', 'PARTY_MASS', 'STREET_PARK'],
        attendance: [],
      })}`;
    switch (operationId) {
      case 'listTrainingSessions':
        return { path: `${path}?fiscalYear=2026` };
      case 'createTrainingSession':
        return {
          path,
          body: {
            id: uuidV7(),
            fiscalYear: 2026,
            topic: '矩阵培训',
            heldOn: '2026-04-15',
            organiser: '',
            audience: ['GOVERNMENT', 'PARTY_MASS', 'STREET_PARK'],
            attendance: [{ departmentId: targets.department ?? uuidV7(), attendees: 1 }],
          },
        };
      case 'getTrainingSession':
        return { path: await session() };
      case 'updateTrainingSession':
        return { path: await session(), body: { version: staleVersion, topic: '矩阵改名' } };
      default:
        return undefined;
    }
  },
};
