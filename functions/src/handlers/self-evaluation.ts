import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { evidenceStoreFromEnv } from '#functions/adapters/s3/evidence-store-from-env.ts';
import { notifyingStore } from '#functions/daily-work/notifying-store.ts';
import { createApiHandler } from '#functions/http/api-handler.ts';
import { userStandingReader } from '#functions/organisation/user-standing.ts';
import { tracer } from '#functions/powertools.ts';
import { selfEvaluationRoutes } from '#functions/routes/self-evaluation-routes.ts';
import { selfEvaluationOperations } from '#functions/self-evaluation/self-evaluation-operations.ts';

/** Lambda: year-end self-evaluation — scoring settings, rounds, the tables and their review, execution figures. */
// Steps that return, approve, order rectified or assign notify the people concerned in the same write.
const store = notifyingStore(new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName()));

export const handler = createApiHandler(selfEvaluationRoutes, selfEvaluationOperations(store, evidenceStoreFromEnv()), {
  users: userStandingReader(store),
}).use(captureLambdaHandler(tracer, { captureResponse: false }));
