import * as accountCheck from '@jixiao/core/key-evaluation/account-check.ts';
import { agencyRoles, departmentRoles, sectionRoles } from '@jixiao/core/roles.ts';
import { idParams } from '@jixiao/core/schema-parts.ts';
import * as v from 'valibot';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const keyEvaluation = { capability: 'key-evaluation', tag: 'key-evaluation' } as const;

/**
 * Who writes: the commissioned agency's lead; the performance section as an amendment after the final report
 * (anything else it sends is 403). The operations narrow both lists to the engagement (another's is 404).
 */
const writers = ['agency-lead', 'performance-section-reviewer'] as const;

const payment = v.object({
  id: v.string(),
  version: v.number(),
  engagementId: v.string(),
  paymentDate: v.string(),
  payee: v.string(),
  amountFen: v.number(),
  reference: v.string(),
  quotaIssueDate: v.nullable(v.string()),
  milestone: v.string(),
  budgetLine: v.string(),
  budgetAmountFen: v.nullable(v.number()),
  importId: v.nullable(v.string()),
  line: v.nullable(v.number()),
  check: v.nullable(v.unknown()),
  checkedAt: v.nullable(v.string()),
  checkedByName: v.nullable(v.string()),
});

/** The account check (账务核查) of a key evaluation (docs/domain/key-evaluation.md#the-account-check). */
export const accountCheckRoutes: RouteDefinition[] = [
  {
    ...keyEvaluation,
    operationId: 'getAccountCheck',
    method: 'GET',
    path: '/api/v1/engagements/{id}/account-check',
    summary:
      'The account check: every payment (at most 5,000, all in one answer) with its place in the sample, the draws (seed, threshold, share, who, when) and the method text, the imports, and the totals',
    access: [...sectionRoles, ...agencyRoles, ...departmentRoles],
    params: idParams,
    response: { status: 200, description: 'The account check', schema: v.unknown() },
  },
  {
    ...keyEvaluation,
    operationId: 'importAccountPayments',
    method: 'POST',
    path: '/api/v1/engagements/{id}/account-check/imports',
    summary:
      'Import a payment list (CSV or XLSX, base64, at most 2 MiB; columns by their Chinese headers): all or nothing as read, every bad row named (422); written 30 payments a transaction, each id derived from the import id and its line, so sending the same import again finishes or replays it (200) and never duplicates; refused beyond 5,000 payments per engagement',
    access: writers,
    params: idParams,
    body: accountCheck.importPayments,
    maxBodyBytes: 3 * 1024 * 1024,
    idempotentBulk: true,
    response: { status: 201, description: 'The import (rows, payments created)', schema: v.unknown() },
  },
  {
    ...keyEvaluation,
    operationId: 'createAccountPayment',
    method: 'POST',
    path: '/api/v1/engagements/{id}/account-check/payments',
    summary: 'Enter one payment by hand (refused beyond 5,000 per engagement)',
    access: writers,
    params: idParams,
    body: accountCheck.createPayment,
    idempotentCreate: true,
    response: { status: 201, description: 'Created', schema: payment },
  },
  {
    ...keyEvaluation,
    operationId: 'updateAccountPayment',
    method: 'PATCH',
    path: '/api/v1/account-check-payments/{id}',
    summary: 'Correct a payment as listed (a changed list makes the sample out of date until it is drawn again)',
    access: writers,
    params: idParams,
    body: accountCheck.updatePayment,
    response: { status: 200, description: 'Updated', schema: payment },
  },
  {
    ...keyEvaluation,
    operationId: 'checkAccountPayment',
    method: 'POST',
    path: '/api/v1/account-check-payments/{id}/check',
    summary:
      "Record a sampled payment's check: against the budget, the contract and the voucher, abnormal or not with its explanation, the evidence number and the findings it is listed under",
    access: writers,
    params: idParams,
    body: accountCheck.paymentCheck,
    versionedAction: true,
    response: { status: 200, description: 'The payment with its check', schema: payment },
  },
  {
    ...keyEvaluation,
    operationId: 'drawAccountSample',
    method: 'POST',
    path: '/api/v1/engagements/{id}/account-check/draws',
    summary:
      'Draw (or redraw) the sample: every payment at or above the threshold and ceil(share × the rest) at random from the seed (given, or made here); the draw is recorded with who and when',
    access: writers,
    params: idParams,
    body: accountCheck.drawSample,
    versionedAction: true,
    response: { status: 200, description: 'The account check with the new draw', schema: v.unknown() },
  },
];
