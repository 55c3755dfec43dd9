import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { evidenceStoreFromEnv } from '#functions/adapters/s3/evidence-store-from-env.ts';
import { notifyingStore } from '#functions/daily-work/notifying-store.ts';
import { fieldworkOperations } from '#functions/fieldwork/fieldwork-operations.ts';
import { createApiHandler } from '#functions/http/api-handler.ts';
import { userStandingReader } from '#functions/organisation/user-standing.ts';
import { tracer } from '#functions/powertools.ts';
import { fieldworkRoutes } from '#functions/routes/fieldwork-routes.ts';

/** Lambda: key evaluations and the evaluators' fieldwork (engagements, assignments, field records, photos). */
// Steps that return, approve, order rectified or assign notify the people concerned in the same write.
const store = notifyingStore(new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName()));

export const handler = createApiHandler(fieldworkRoutes, fieldworkOperations(store, evidenceStoreFromEnv()), {
  users: userStandingReader(store),
}).use(captureLambdaHandler(tracer, { captureResponse: false }));
