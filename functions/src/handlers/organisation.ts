import { identityDirectoryFromEnv } from '#functions/adapters/cognito/identity-directory-from-env.ts';
import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { createApiHandler } from '#functions/http/api-handler.ts';
import { organisationOperations } from '#functions/organisation/organisation-operations.ts';
import { userStandingReader } from '#functions/organisation/user-standing.ts';
import { organisationRoutes } from '#functions/routes/organisation-routes.ts';

/** Lambda: organisation master data (departments, units, sections, agencies, users). */
const store = new DynamoDbRecordStore(createDocumentClient(), tableName());

export const handler = createApiHandler(organisationRoutes, organisationOperations(store, identityDirectoryFromEnv()), {
  users: userStandingReader(store),
});
