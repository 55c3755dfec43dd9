import { uuidV7 } from '@jixiao/core/ids.ts';
import { defaultPolicyRules } from '@jixiao/core/results-application/results-policy.ts';
import type { Role } from '@jixiao/core/roles.ts';
import { engagementKind } from '@jixiao/functions/fieldwork/record-kinds.ts';
import type { MatrixPart, Outcomes, Row } from './matrix-row.ts';
import { staleVersion, writeMatrixRecord } from './matrix-row.ts';

const perf = 'performance-section-reviewer';
const everywhere: Outcomes = [200, 200, 200];
const projectRoles: Role[] = [
  'unit-preparer',
  'unit-approver',
  'department-reviewer',
  'business-section-reviewer',
  perf,
];

/**
 * The authorization matrix's rows for results application (结果应用), and the requests its operations make.
 * The policy is the tenant's: everyone on projects and the observer read it, the performance section keeps it. The
 * proposals and the decisions are the performance section's; the decisions and the trace are read by it and the
 * observer (人大, 审计). A project's results are read as the project is.
 */
export const part: MatrixPart = {
  rows: {
    getResultsPolicy: {
      roles: Object.fromEntries([...projectRoles, 'observer'].map((r) => [r, everywhere])),
      others: 403,
      anonymous: 401,
    } satisfies Row,
    saveResultsPolicy: { roles: { [perf]: [409, 409, 409] }, others: 403, anonymous: 401 },
    listResultProposals: { roles: { [perf]: everywhere }, others: 403, anonymous: 401 },
    // A key evaluation with its conclusion in the relation's tenant: decided (201); another tenant's is not found (422).
    decideResult: { roles: { [perf]: [201, 201, 422] }, others: 403, anonymous: 401 },
    listResultApplications: { roles: { [perf]: everywhere, observer: everywhere }, others: 403, anonymous: 401 },
    getResultTrace: { roles: { [perf]: everywhere, observer: everywhere }, others: 403, anonymous: 401 },
    exportResultTrace: { roles: { [perf]: everywhere, observer: everywhere }, others: 403, anonymous: 401 },
    getProjectResults: {
      roles: {
        'unit-preparer': [200, 404, 404],
        'unit-approver': [200, 404, 404],
        'department-reviewer': [200, 404, 404],
        'business-section-reviewer': [200, 404, 404],
        [perf]: [200, 200, 404],
        observer: [200, 200, 404],
      },
      others: 403,
      anonymous: 401,
    },
  },
  request: async ({ operationId, path, store, tenant, targets }) => {
    switch (operationId) {
      case 'saveResultsPolicy':
        return { path, body: { version: staleVersion, rules: defaultPolicyRules } };
      case 'listResultProposals':
        return { path: `${path}?fiscalYear=2026&source=KEY_EVALUATION` };
      case 'listResultApplications':
      case 'getResultTrace':
      case 'exportResultTrace':
        return { path: `${path}?targetYear=2027` };
      case 'decideResult': {
        // A concluded key evaluation written through the store (the final report step is another feature's).
        const at = new Date().toISOString();
        const id = await writeMatrixRecord(store, tenant, engagementKind, {
          kind: 'DEPARTMENT',
          fiscalYear: 2026,
          title: '矩阵结果应用',
          state: 'FINAL_REPORT',
          projectId: null,
          projectCode: null,
          projectName: null,
          departmentId: targets.department ?? uuidV7(),
          departmentName: '矩阵部门',
          agencyId: null,
          releasedAt: null,
          conclusion: { score: 88, grade: 'GOOD', finalizedAt: at, finalizedBy: 'matrix', finalizedByName: '矩阵' },
        });
        return { path, body: { id: uuidV7(), source: 'KEY_EVALUATION', sourceId: id, measure: 'KEEP' } };
      }
      default:
        return undefined;
    }
  },
};
