import type { MatrixPart, Outcomes, Row } from './matrix-row.ts';
import { staleVersion } from './matrix-row.ts';

const perf = 'performance-section-reviewer';
const tenantRead: Outcomes = [200, 200, 404];

/**
 * The authorization matrix's rows for the engagement's steps after the exchange of opinions, and their requests. The
 * matrix's engagement of each relation is released and in fieldwork: who may read the conclusion reads it as they read
 * the engagement (the department once released, the observer too); every step is taken at a version no engagement has
 * (409) by whoever may take it, and is not found (404) for an agency lead of another agency's engagement.
 */
const leadStep: Row = { roles: { 'agency-lead': [409, 404, 404] }, others: 403, anonymous: 401 };
const bureauStep: Row = { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 };

export const part: MatrixPart = {
  rows: {
    getConclusion: {
      roles: {
        'unit-preparer': [200, 404, 404],
        'unit-approver': [200, 404, 404],
        'department-reviewer': [200, 404, 404],
        'business-section-reviewer': [200, 404, 404],
        [perf]: tenantRead,
        'agency-lead': [200, 404, 404],
        observer: tenantRead,
      },
      others: 403,
      anonymous: 401,
    },
    submitReport: leadStep,
    qualityReview: leadStep,
    financeReview: bureauStep,
    notifyResult: bureauStep,
    archiveEngagement: bureauStep,
  },
  request: async ({ operationId, path }) => {
    switch (operationId) {
      case 'getConclusion':
        return { path };
      case 'submitReport':
      case 'archiveEngagement':
        return { path, body: { version: staleVersion } };
      case 'qualityReview':
      case 'financeReview':
        return { path, body: { version: staleVersion, decision: 'approve' } };
      case 'notifyResult':
        return { path, body: { version: staleVersion, notice: '评价结果为良', rectification: null } };
      default:
        return undefined;
    }
  },
};
