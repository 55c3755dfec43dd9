import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { createApiHandler } from '#functions/http/api-handler.ts';
import { userStandingReader } from '#functions/organisation/user-standing.ts';
import { tracer } from '#functions/powertools.ts';
import { importsRoutes } from '#functions/routes/imports-routes.ts';
import { importsOperations } from '#functions/self-evaluation/imports-operations.ts';

/** Lambda: files the bureau sends to be read — the treasury's execution figures and filled 自评表 to check. */
const store = new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName());

export const handler = createApiHandler(importsRoutes, importsOperations(store), {
  users: userStandingReader(store),
}).use(captureLambdaHandler(tracer, { captureResponse: false }));
