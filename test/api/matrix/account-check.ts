import { uuidV7 } from '@jixiao/core/ids.ts';
import { accountPaymentKind, type StoredPayment } from '@jixiao/functions/key-evaluation/account-check-kind.ts';
import type { Relation } from './matrix-row.ts';
import { type MatrixPart, type Row, staleVersion } from './matrix-row.ts';

const perf = 'performance-section-reviewer';

/**
 * The authorization matrix's rows for the account check (账务核查), and the requests its operations make. The own
 * relation's engagement is in fieldwork (papers open), commissioned to the demo agency with the demo evaluator; the
 * other department's is another agency's; the other tenant's is not there for this tenant's callers.
 */
const write = (allowed: number): Row => ({
  // The lead writes; the performance section only amends after the final report, so while the papers are open it
  // is refused (403) wherever it sees the engagement.
  roles: { 'agency-lead': [allowed, 404, 404], [perf]: [403, 403, 404] },
  others: 403,
  anonymous: 401,
});

const content = {
  paymentDate: '2026-03-01',
  payee: '矩阵收款单位',
  amountFen: 100_00,
  reference: 'HT-矩阵',
  quotaIssueDate: null,
  milestone: '',
  budgetLine: '',
  budgetAmountFen: null,
};

/** One payment per relation's engagement, written straight into the store (the routes under test must not make it). */
const payments = new Map<Relation, string>();

export const part: MatrixPart = {
  rows: {
    // The bureau, the agency's lead and its evaluator read; the department nothing before the final report.
    getAccountCheck: {
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
    // A file without the header: 422, nothing written.
    importAccountPayments: write(422),
    createAccountPayment: write(201),
    // At a stale version: 409, nothing written.
    updateAccountPayment: write(409),
    checkAccountPayment: write(409),
    drawAccountSample: write(409),
  },
  request: async ({ operationId, path, store, tenant, engagement, relation }) => {
    switch (operationId) {
      case 'getAccountCheck':
        return { path };
      case 'importAccountPayments':
        return {
          path,
          body: { id: uuidV7(), fileName: '矩阵.csv', contentBase64: Buffer.from('a,b\n1,2').toString('base64') },
        };
      case 'createAccountPayment':
        return { path, body: { id: uuidV7(), ...content } };
      case 'drawAccountSample':
        return { path, body: { version: staleVersion, thresholdFen: 0, sharePct: 10 } };
      case 'updateAccountPayment':
      case 'checkAccountPayment': {
        let id = payments.get(relation);
        if (!id && engagement) {
          id = uuidV7();
          const at = new Date().toISOString();
          const payment = {
            id,
            version: 1,
            status: 'active',
            createdAt: at,
            updatedAt: at,
            createdBy: 'matrix',
            updatedBy: 'matrix',
            ...content,
            engagementId: engagement.engagement,
            importId: null,
            line: null,
            check: null,
            checkedAt: null,
            checkedByName: null,
          } satisfies StoredPayment;
          await store.create(tenant, accountPaymentKind, payment, {
            hash: id,
            context: { actor: 'matrix', actorRoles: [], requestId: id, at },
          });
          payments.set(relation, id);
        }
        // The generic rules know no record behind /account-check-payments/{id}: the path is made here.
        const exact = `/api/v1/account-check-payments/${id ?? uuidV7()}${operationId === 'checkAccountPayment' ? '/check' : ''}`;
        return operationId === 'updateAccountPayment'
          ? { path: exact, body: { version: staleVersion, ...content } }
          : {
              path: exact,
              body: {
                version: staleVersion,
                budget: 'OK',
                contract: 'OK',
                voucher: 'OK',
                abnormal: false,
                explanation: '',
                evidenceNumber: '',
                findingIds: [],
              },
            };
      }
      default:
        return undefined;
    }
  },
};
