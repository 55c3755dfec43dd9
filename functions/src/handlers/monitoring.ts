import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { evidenceStoreFromEnv } from '#functions/adapters/s3/evidence-store-from-env.ts';
import { notifyingStore } from '#functions/daily-work/notifying-store.ts';
import { createApiHandler } from '#functions/http/api-handler.ts';
import { monitoringOperations } from '#functions/monitoring/monitoring-operations.ts';
import { userStandingReader } from '#functions/organisation/user-standing.ts';
import { tracer } from '#functions/powertools.ts';
import { monitoringRoutes } from '#functions/routes/monitoring-routes.ts';

/** Lambda: mid-year monitoring — rounds, check-in reports and their review, the dashboard. */
// Steps that return, approve, order rectified or assign notify the people concerned in the same write.
const store = notifyingStore(new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName()));

export const handler = createApiHandler(monitoringRoutes, monitoringOperations(store, evidenceStoreFromEnv()), {
  users: userStandingReader(store),
}).use(captureLambdaHandler(tracer, { captureResponse: false }));
