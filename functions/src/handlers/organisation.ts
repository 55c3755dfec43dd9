import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { identityDirectoryFromEnv } from '#functions/adapters/cognito/identity-directory-from-env.ts';
import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { createApiHandler } from '#functions/http/api-handler.ts';
import { organisationOperations } from '#functions/organisation/organisation-operations.ts';
import { userStandingReader } from '#functions/organisation/user-standing.ts';
import { tracer } from '#functions/powertools.ts';
import { organisationRoutes } from '#functions/routes/organisation-routes.ts';

/** Lambda: organisation master data (departments, units, sections, agencies, users). */
const store = new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName());

export const handler = createApiHandler(
  organisationRoutes,
  organisationOperations(
    store,
    identityDirectoryFromEnv((client) => tracer.captureAWSv3Client(client)),
  ),
  {
    users: userStandingReader(store),
  },
).use(captureLambdaHandler(tracer, { captureResponse: false }));
