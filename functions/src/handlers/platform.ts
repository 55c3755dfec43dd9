import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { createApiHandler } from '#functions/http/api-handler.ts';
import { userStandingReader } from '#functions/organisation/user-standing.ts';
import { openApiFromFile } from '#functions/platform/openapi-file.ts';
import { platformOperations } from '#functions/platform/platform-operations.ts';
import { tracer } from '#functions/powertools.ts';
import { platformRoutes } from '#functions/routes/platform-routes.ts';

/** Lambda: health, the OpenAPI document and the signed-in person. */
const store = new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName());

export const handler = createApiHandler(platformRoutes, platformOperations(store, openApiFromFile()), {
  users: userStandingReader(store),
}).use(captureLambdaHandler(tracer, { captureResponse: false }));
