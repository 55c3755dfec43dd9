import { uuidV7 } from '@jixiao/core/ids.ts';
import { validate } from '@jixiao/core/validation.ts';
import type { Operation } from '@jixiao/functions/http/api-event.ts';
import { organisationOperations } from '@jixiao/functions/organisation/organisation-operations.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { routes } from '@jixiao/functions/routes.ts';
import { submissionOperations } from '@jixiao/functions/submission/submission-operations.ts';

export type LoadOutcome = 'created' | 'unchanged';

/**
 * Creates records through the API's own create operations and route schemas (validation,
 * references, uniqueness, audit), as the role allowed to would: for the demo data and for test
 * fixtures. Replaying a create with the same id and body reports `unchanged`.
 */
export const recordLoader = (store: RecordStore, tenant: string, actor: string) => {
  const operations = { ...organisationOperations(store), ...submissionOperations(store) };
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
