import { uuidV7 } from '@jixiao/core/ids.ts';
import { validate } from '@jixiao/core/validation.ts';
import type { Operation } from '@jixiao/functions/http/api-event.ts';
import { organisationOperations } from '@jixiao/functions/organisation/organisation-operations.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { routes } from '@jixiao/functions/routes.ts';

export type LoadOutcome = 'created' | 'unchanged';

/**
 * Creates organisation records through the API's own create operations and route schemas
 * (validation, references, uniqueness, audit), as a tenant admin would: for the demo data and for
 * test fixtures. Replaying a create with the same id and body reports `unchanged`.
 */
export const recordLoader = (store: RecordStore, tenant: string, actor: string) => {
  const operations = organisationOperations(store);
  return async (operationId: string, body: Record<string, unknown>): Promise<LoadOutcome> => {
    const route = routes.find((r) => r.operationId === operationId && r.method === 'POST');
    if (!route?.body) throw new Error(`${operationId} is not a create`);
    const checked = validate(route.body, body, 'en');
    if (!checked.ok) throw new Error(`${operationId} ${JSON.stringify(body)}: ${JSON.stringify(checked.errors)}`);
    const result = await (operations[operationId] as Operation)({
      principal: { subject: actor, userId: actor, tenant, roles: ['tenant-admin'] },
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
