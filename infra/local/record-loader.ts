import { uuidV7 } from '@jixiao/core/ids.ts';
import type { Role } from '@jixiao/core/roles.ts';
import { validate } from '@jixiao/core/validation.ts';
import { evidenceStoreFromEnv } from '@jixiao/functions/adapters/s3/evidence-store-from-env.ts';
import { departmentAssessmentOperations } from '@jixiao/functions/department-assessment/department-assessment-operations.ts';
import { departmentEvaluationOperations } from '@jixiao/functions/department-evaluation/department-evaluation-operations.ts';
import { departmentFiguresImportOperations } from '@jixiao/functions/department-evaluation/figures-import-operations.ts';
import { fieldworkOperations } from '@jixiao/functions/fieldwork/fieldwork-operations.ts';
import type { Operation } from '@jixiao/functions/http/api-event.ts';
import { evaluationReportOperations } from '@jixiao/functions/key-evaluation/evaluation-report-operations.ts';
import { keyEvaluationOperations } from '@jixiao/functions/key-evaluation/key-evaluation-operations.ts';
import { monitoringOperations } from '@jixiao/functions/monitoring/monitoring-operations.ts';
import { organisationOperations } from '@jixiao/functions/organisation/organisation-operations.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { resultsApplicationOperations } from '@jixiao/functions/results-application/results-application-operations.ts';
import { routes } from '@jixiao/functions/routes.ts';
import { selfEvaluationOperations } from '@jixiao/functions/self-evaluation/self-evaluation-operations.ts';
import { submissionOperations } from '@jixiao/functions/submission/submission-operations.ts';
import { demoActorIdentity } from '#infra/local/demo-data.ts';

export type LoadOutcome = 'created' | 'unchanged';

/**
 * Creates records through the API's own create operations and route schemas (validation,
 * references, uniqueness, audit), as the role allowed to would: for the demo data and for test
 * fixtures. Replaying a create with the same id and body reports `unchanged`.
 */
export const recordLoader = (store: RecordStore, tenant: string, actor: string) => {
  const operations = { ...organisationOperations(store), ...submissionOperations(store, evidenceStoreFromEnv()) };
  return async (operationId: string, body: Record<string, unknown>): Promise<LoadOutcome> => {
    const route = routes.find((r) => r.operationId === operationId && r.method === 'POST');
    if (!route?.body) throw new Error(`${operationId} is not a create`);
    const checked = validate(route.body, body, 'en');
    if (!checked.ok) throw new Error(`${operationId} ${JSON.stringify(body)}: ${JSON.stringify(checked.errors)}`);
    // The role each create needs: the admin for organisation data, the performance section for the library.
    const role = route.access === 'public' ? 'tenant-admin' : (route.access[0] ?? 'tenant-admin');
    const result = await (operations[operationId] as Operation)({
      principal: { subject: actor, userId: actor, tenant, roles: [role] },
      language: 'en',
      requestId: uuidV7(),
      params: {},
      query: {},
      body: checked.value,
      receivedAt: new Date().toISOString(),
    });
    return result.headers?.['idempotent-replayed'] ? 'unchanged' : 'created';
  };
};

/** Who a runner acts as: a demo user's roles and organisation. */
export interface Actor {
  userId: string;
  roles: Role[];
  departmentId?: string;
  unitId?: string;
  agencyId?: string;
  sectionId?: string;
}

/**
 * Runs any operation through its route's schemas as a given actor, for demo states and fixtures
 * that need more than creates (a target submitted, reviewed, returned). Refusals throw.
 */
export const operationRunner = (store: RecordStore, tenant: string) => {
  const evidence = evidenceStoreFromEnv();
  const operations = {
    ...organisationOperations(store),
    ...submissionOperations(store, evidence),
    ...fieldworkOperations(store, evidence),
    ...monitoringOperations(store, evidence),
    ...selfEvaluationOperations(store, evidence),
    ...departmentEvaluationOperations(store, evidence),
    ...departmentFiguresImportOperations(departmentEvaluationOperations(store, evidence)),
    ...keyEvaluationOperations(store, evidence),
    ...evaluationReportOperations(store, evidence),
    ...resultsApplicationOperations(store),
    ...departmentAssessmentOperations(store),
  };
  return async (
    operationId: string,
    actor: Actor,
    /** `receivedAt`: when the demo says it happened (a check-in sent in July), instead of now. */
    input: { params?: Record<string, string>; body?: unknown; receivedAt?: string } = {},
  ): Promise<{ status: number; body: Record<string, unknown>; replayed: boolean }> => {
    const route = routes.find((r) => r.operationId === operationId);
    if (!route) throw new Error(`no route ${operationId}`);
    const body = route.body ? validate(route.body, input.body, 'en') : { ok: true as const, value: undefined };
    if (!body.ok) throw new Error(`${operationId}: ${JSON.stringify(body.errors)}`);
    const { userId: actorId, roles: actorRoles, ...organisation } = actor;
    // Demo steps are recorded as the demo person who would take them, or by the role's name.
    const identity = demoActorIdentity(actor);
    const userId = identity?.userId || actorId;
    const result = await (operations[operationId] as Operation)({
      principal: {
        subject: userId,
        userId,
        tenant,
        roles: actorRoles,
        ...organisation,
        ...(identity ? { displayName: identity.displayName } : {}),
      },
      language: 'en',
      requestId: uuidV7(),
      params: input.params ?? {},
      query: {},
      body: body.value,
      receivedAt: input.receivedAt ?? new Date().toISOString(),
    });
    return {
      status: result.status,
      body: result.body as Record<string, unknown>,
      replayed: Boolean(result.headers?.['idempotent-replayed']),
    };
  };
};
