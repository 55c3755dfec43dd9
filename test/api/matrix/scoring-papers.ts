import { engagementKind, type StoredEngagement } from '@jixiao/functions/fieldwork/record-kinds.ts';
import { type MatrixPart, staleVersion } from './matrix-row.ts';

const perf = 'performance-section-reviewer';

/**
 * The authorization matrix's rows for scoring papers (绩效指标底稿), and the requests its operations make. The own
 * relation's engagement is in fieldwork (papers open), commissioned to the demo agency with the demo evaluator
 * assigned; the other department's is another agency's.
 */
export const part: MatrixPart = {
  rows: {
    // The bureau, the agency's lead and its evaluator on the engagement read; the department nothing before the
    // final report (its own engagement is released but its papers are the agency's drafts).
    listScoringPapers: {
      roles: {
        [perf]: [200, 200, 404],
        'business-section-reviewer': [200, 404, 404],
        'agency-lead': [200, 404, 404],
        evaluator: [200, 404, 404],
        'unit-preparer': [404, 404, 404],
        'unit-approver': [404, 404, 404],
        'department-reviewer': [404, 404, 404],
      },
      others: 403,
      anonymous: 401,
    },
    // The lead writes (a stale version: 409, nothing written); the performance section only amends after the lock,
    // so while the papers are open it is refused.
    saveScoringPaper: {
      roles: { 'agency-lead': [409, 404, 404], [perf]: [403, 403, 404] },
      others: 403,
      anonymous: 401,
    },
  },
  request: async ({ operationId, path, store, tenant, engagement }) => {
    if (operationId === 'listScoringPapers') return { path };
    if (operationId !== 'saveScoringPaper') return undefined;
    const e = engagement && (await store.get<StoredEngagement>(tenant, engagementKind, engagement.engagement));
    const indicatorId = e?.indicators[0]?.id ?? '0190a000-0000-7000-8000-000000000000';
    return {
      path: path.replace('{indicatorId}', indicatorId),
      body: {
        version: staleVersion,
        standard: '矩阵',
        dataSource: '',
        evidence: { recordIds: [], photoIds: [], questionnaireIds: [] },
        verification: '',
        scoring: null,
        deviation: '',
        causeAnalysis: '',
        responsibleParty: '',
        suggestion: '',
      },
    };
  },
};
