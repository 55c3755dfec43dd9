import { uuidV7 } from '@jixiao/core/ids.ts';
import { type MatrixPart, type Outcomes, staleVersion } from './matrix-row.ts';

const perf = 'performance-section-reviewer';

/** Who reads the report (or has a file of it made): the bureau, the agency's lead; the department only once final. */
const readers = (status: number) => ({
  roles: {
    [perf]: [status, status, 404] as Outcomes,
    'business-section-reviewer': [status, 404, 404] as Outcomes,
    'agency-lead': [status, 404, 404] as Outcomes,
    // The own relation's engagement is released to its department but in fieldwork: the report is the agency's draft.
    'unit-preparer': [404, 404, 404] as Outcomes,
    'unit-approver': [404, 404, 404] as Outcomes,
    'department-reviewer': [404, 404, 404] as Outcomes,
  },
  others: 403,
  anonymous: 401,
});

/**
 * The authorization matrix's rows for the evaluation report, and the requests its operations make. The own
 * relation's engagement is in fieldwork (papers open), commissioned to the demo agency; the other department's is
 * another agency's.
 */
export const part: MatrixPart = {
  rows: {
    getEvaluationReport: readers(200),
    // The lead writes (a stale version: 409, nothing written); the performance section only amends after the lock,
    // so while the papers are open it is refused.
    saveEvaluationReport: {
      roles: { 'agency-lead': [409, 404, 404], [perf]: [403, 403, 404] },
      others: 403,
      anonymous: 401,
    },
    downloadEvaluationReport: readers(201),
    downloadScoringTable: readers(201),
  },
  request: async ({ operationId, path }) => {
    if (operationId === 'getEvaluationReport') return { path };
    if (operationId === 'saveEvaluationReport') {
      const sections = {
        overview: '矩阵',
        targets: '',
        purpose: '',
        method: '',
        process: '',
        conclusion: '',
        experience: '',
        causes: '',
        other: '',
      };
      return { path, body: { version: staleVersion, sections, recommendations: [] } };
    }
    if (operationId === 'downloadEvaluationReport' || operationId === 'downloadScoringTable') {
      return { path, body: { id: uuidV7() } };
    }
    return undefined;
  },
};
