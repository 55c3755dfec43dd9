import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { jobStarterFromEnv } from '#functions/adapters/job-starter-from-env.ts';
import { evidenceStoreFromEnv } from '#functions/adapters/s3/evidence-store-from-env.ts';
import { dailyWorkOperations } from '#functions/daily-work/daily-work-operations.ts';
import { createApiHandler } from '#functions/http/api-handler.ts';
import { userStandingReader } from '#functions/organisation/user-standing.ts';
import { tracer } from '#functions/powertools.ts';
import { dailyWorkRoutes } from '#functions/routes/daily-work-routes.ts';

/** Lambda: the daily work — the to-do home read from the work queues, notifications, reminders (催报), exports. */
const store = new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName());

export const handler = createApiHandler(
  dailyWorkRoutes,
  dailyWorkOperations(store, evidenceStoreFromEnv(), jobStarterFromEnv()),
  {
    users: userStandingReader(store),
  },
).use(captureLambdaHandler(tracer, { captureResponse: false }));
