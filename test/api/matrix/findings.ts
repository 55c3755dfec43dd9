import { uuidV7 } from '@jixiao/core/ids.ts';
import { findingKind } from '@jixiao/functions/key-evaluation/finding-kind.ts';
import type { MatrixPart, Row } from './matrix-row.ts';
import { staleVersion, writeMatrixRecord } from './matrix-row.ts';

const perf = 'performance-section-reviewer';

/** A step only the engagement's agency lead takes: refused (409) on the matrix's engagement, which is in fieldwork. */
const leadStep: Row = { roles: { 'agency-lead': [409, 404, 404] }, others: 403, anonymous: 401 };
/** The department's answers: its reviewer only, refused (409) outside the exchange; another department's is not found. */
const departmentStep: Row = { roles: { 'department-reviewer': [409, 404, 404] }, others: 403, anonymous: 401 };

const blankEvidence = { fieldRecordIds: [], photoIds: [], indicatorIds: [] };
const findingFields = {
  category: 'FUNDS',
  title: '矩阵问题',
  facts: '矩阵测试的事实描述',
  amount: null,
  quantity: '',
  basis: '',
  evidence: blankEvidence,
  responsibleParty: '',
  suggestion: '',
  reportParagraph: null,
};

/**
 * The authorization matrix's rows for findings and the exchange of opinions, and the requests its operations make.
 * The matrix's engagement of each relation is released and in fieldwork, its findings not yet sent: the department
 * does not see the summary (404), the exchange's steps are refused by the state (409) where the caller may take them.
 */
export const part: MatrixPart = {
  rows: {
    listFindings: {
      roles: {
        [perf]: [200, 200, 404],
        'business-section-reviewer': [200, 404, 404],
        'agency-lead': [200, 404, 404],
        'department-reviewer': [404, 404, 404],
        'unit-approver': [404, 404, 404],
        'unit-preparer': [404, 404, 404],
      },
      others: 403,
      anonymous: 401,
    },
    createFinding: { roles: { [perf]: [201, 201, 404], 'agency-lead': [201, 404, 404] }, others: 403, anonymous: 401 },
    updateFinding: { roles: { [perf]: [409, 409, 404], 'agency-lead': [409, 404, 404] }, others: 403, anonymous: 401 },
    sendFindings: leadStep,
    closeOpinionExchange: leadStep,
    recordAnswerHandling: leadStep,
    saveFindingAnswers: departmentStep,
    submitFindingAnswers: departmentStep,
  },
  request: async ({ store, operationId, path, tenant, engagement }) => {
    switch (operationId) {
      case 'listFindings':
        return { path };
      case 'createFinding':
        return { path, body: { id: uuidV7(), ...findingFields } };
      case 'updateFinding': {
        // A finding of the relation's engagement, revised at a version it does not have.
        const id = await writeMatrixRecord(store, tenant, findingKind, {
          engagementId: engagement?.engagement ?? uuidV7(),
          withdrawn: false,
          ...findingFields,
        });
        return { path: path.replace('{findingId}', id), body: { version: staleVersion, title: '改名' } };
      }
      case 'sendFindings':
        return { path, body: { version: staleVersion, dueDate: '2030-01-01' } };
      case 'closeOpinionExchange':
        return { path, body: { version: staleVersion } };
      case 'recordAnswerHandling':
        return {
          path: path.replace('{findingId}', uuidV7()),
          body: { version: staleVersion, decision: 'UPHELD', reason: '维持' },
        };
      case 'saveFindingAnswers':
        return {
          path,
          body: { version: staleVersion, answers: [{ findingId: uuidV7(), position: 'AGREE', explanation: '' }] },
        };
      case 'submitFindingAnswers':
        return { path, body: { version: staleVersion } };
      default:
        return undefined;
    }
  },
};
