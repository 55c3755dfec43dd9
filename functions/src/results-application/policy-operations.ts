import {
  defaultPolicyRules,
  type PolicyRules,
  policyErrors,
  type ResultsPolicy,
} from '@jixiao/core/results-application/results-policy.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { newRecord, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { resultsPolicyKind } from '#functions/results-application/record-kinds.ts';

type PolicyRecord = StoredRecord & { fiscalYear: number; rules: PolicyRules };

/** The one policy record of a year. */
export const resultsPolicyId = (fiscalYear: number) => derivedId(`results-policy:${fiscalYear}`);

const body = (fiscalYear: number, record: PolicyRecord | undefined): ResultsPolicy => ({
  fiscalYear,
  rules: record?.rules ?? defaultPolicyRules,
  version: record?.version ?? 0,
});

/**
 * The results-application policy of a year (docs/domain/results-application.md#the-policy), kept by the performance
 * section: the defaults until it saves its own; a save at a stale version is a 409 and changes nothing.
 */
export const policyOperations = (store: RecordStore) => {
  const stored = (tenant: string, fiscalYear: number) =>
    store.get<PolicyRecord>(tenant, resultsPolicyKind, resultsPolicyId(fiscalYear));

  /** The rules a proposal of results of `fiscalYear` follows. */
  const rulesFor = async (tenant: string, fiscalYear: number): Promise<PolicyRules> =>
    (await stored(tenant, fiscalYear))?.rules ?? defaultPolicyRules;

  const get: Operation = async (request: OperationRequest<{ fiscalYear: number }>) => {
    const { fiscalYear } = request.params;
    return { status: 200, body: body(fiscalYear, await stored(request.principal.tenant, fiscalYear)) };
  };

  const save: Operation = async (
    request: OperationRequest<{ fiscalYear: number }, unknown, { version: number; rules: PolicyRules }>,
  ) => {
    const tenant = request.principal.tenant;
    const { fiscalYear } = request.params;
    const errors = policyErrors(request.body.rules, request.language);
    if (errors.length > 0) throw new HttpProblem('validation-failed', { errors });
    const current = await stored(tenant, fiscalYear);
    if ((current?.version ?? 0) !== request.body.version) {
      throw new HttpProblem('version-conflict', { current: body(fiscalYear, current) });
    }
    const context = { ...writeContext(request), operation: 'save-results-policy' };
    if (!current) {
      const record: PolicyRecord = {
        ...newRecord({ id: resultsPolicyId(fiscalYear) }, request),
        fiscalYear,
        rules: request.body.rules,
      };
      const result = await store.create<PolicyRecord>(tenant, resultsPolicyKind, record, {
        hash: requestHash(request.body),
        context,
      });
      if (result.outcome === 'created' || result.outcome === 'replayed') {
        return { status: 200, body: body(fiscalYear, result.record) };
      }
      throw new HttpProblem('version-conflict', { current: body(fiscalYear, await stored(tenant, fiscalYear)) });
    }
    const next: PolicyRecord = {
      ...current,
      rules: request.body.rules,
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const result = await store.update(tenant, resultsPolicyKind, current, next, context);
    if (result.outcome !== 'updated') {
      throw new HttpProblem('version-conflict', { current: body(fiscalYear, await stored(tenant, fiscalYear)) });
    }
    return { status: 200, body: body(fiscalYear, next) };
  };

  return { get, save, rulesFor };
};
