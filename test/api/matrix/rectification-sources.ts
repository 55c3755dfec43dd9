import { uuidV7 } from '@jixiao/core/ids.ts';
import { selfEvaluationKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import { seedSelfEvaluation } from '../../support/self-evaluation-fixture.ts';
import type { MatrixPart } from './matrix-row.ts';

const perf = 'performance-section-reviewer';
const unitSteps = { 'unit-preparer': [200, 404, 404], 'unit-approver': [200, 404, 404] } as const;

/**
 * The authorization matrix's rows for rectification from every source (issue 13 item 6), and the requests its start
 * makes. The feedback's routes now let the department's reviewer in too (it answers department-level rectifications),
 * so their rows are restated here: the relation's rectification is a monitoring one of a project, which the
 * department's reviewer sees in its own department but may not answer (403), and does not see elsewhere (404).
 */
export const part: MatrixPart = {
  rows: {
    // Each request starts from its own finally approved self-evaluation of the relation's department: the performance
    // section starts one tenant-wide; another tenant's source is a reference not found.
    startRectification: { roles: { [perf]: [201, 201, 422] }, others: 403, anonymous: 401 },
    saveRectificationFeedback: {
      roles: { ...unitSteps, 'department-reviewer': [403, 404, 404] },
      others: 403,
      anonymous: 401,
    },
    submitRectificationFeedback: {
      roles: { 'unit-approver': [409, 404, 404], 'department-reviewer': [403, 404, 404] },
      others: 403,
      anonymous: 401,
    },
    uploadRectificationAttachment: {
      roles: {
        'unit-preparer': [201, 404, 404],
        'unit-approver': [201, 404, 404],
        'department-reviewer': [403, 404, 404],
      },
      others: 403,
      anonymous: 401,
    },
  },
  request: async ({ operationId, path, store, tenant, targets }) => {
    if (operationId !== 'startRectification') return undefined; // the feedback's requests are monitoring's
    const sourceId = await seedSelfEvaluation(store, tenant, uuidV7(), {
      id: String(targets.department),
      code: '999',
      name: '矩阵部门',
      series: 'GOVERNMENT',
      financeSectionId: targets.section ?? null,
      unitId: String(targets.unit),
      unitName: '矩阵单位',
    });
    const before = await store.get(tenant, selfEvaluationKind, sourceId);
    if (!before) throw new Error('matrix self-evaluation not seeded');
    const at = new Date().toISOString();
    await store.update(
      tenant,
      selfEvaluationKind,
      before,
      { ...before, reviewStatus: 'FINAL_APPROVED', version: before.version + 1 },
      { actor: 'matrix', actorRoles: [], requestId: uuidV7(), at },
    );
    return {
      path,
      body: {
        id: uuidV7(),
        source: 'SELF_EVALUATION',
        sourceId,
        requirements: '矩阵整改要求',
        dueDate: '2027-06-30',
        opinion: '矩阵意见',
      },
    };
  },
};
