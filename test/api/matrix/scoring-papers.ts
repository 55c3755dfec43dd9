import { uuidV7 } from '@jixiao/core/ids.ts';
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
    // A document's upload is asked for by whoever may save the paper: the lead while the papers are open (a presigned
    // PUT, nothing written); the performance section only after the lock.
    uploadScoringPaperDocument: {
      roles: { 'agency-lead': [201, 404, 404], [perf]: [403, 403, 404] },
      others: 403,
      anonymous: 401,
    },
    // The id asked for is no document of the paper: 404 to every reader, as to those who may not read the papers.
    getScoringPaperDocument: {
      roles: {
        [perf]: [404, 404, 404],
        'business-section-reviewer': [404, 404, 404],
        'agency-lead': [404, 404, 404],
        evaluator: [404, 404, 404],
        'unit-preparer': [404, 404, 404],
        'unit-approver': [404, 404, 404],
        'department-reviewer': [404, 404, 404],
      },
      others: 403,
      anonymous: 401,
    },
  },
  request: async ({ operationId, path, store, tenant, engagement }) => {
    if (operationId === 'listScoringPapers') return { path };
    const e = engagement && (await store.get<StoredEngagement>(tenant, engagementKind, engagement.engagement));
    const indicatorId = e?.indicators[0]?.id ?? '0190a000-0000-7000-8000-000000000000';
    if (operationId === 'getScoringPaperDocument') {
      return { path: path.replace('{indicatorId}', indicatorId).replace('{attachmentId}', uuidV7()) };
    }
    if (operationId === 'uploadScoringPaperDocument') {
      return {
        path: path.replace('{indicatorId}', indicatorId),
        body: {
          id: uuidV7(),
          name: '台账.pdf',
          contentType: 'application/pdf',
          sizeBytes: 1024,
          sha256: 'a'.repeat(64),
        },
      };
    }
    if (operationId !== 'saveScoringPaper') return undefined;
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
