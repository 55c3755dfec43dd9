import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { evidenceStoreFromEnv } from '#functions/adapters/s3/evidence-store-from-env.ts';
import { notifyingStore } from '#functions/daily-work/notifying-store.ts';
import { createApiHandler } from '#functions/http/api-handler.ts';
import { keyEvaluationOperations } from '#functions/key-evaluation/key-evaluation-operations.ts';
import { userStandingReader } from '#functions/organisation/user-standing.ts';
import { tracer } from '#functions/powertools.ts';
import { keyEvaluationRoutes } from '#functions/routes/key-evaluation-routes.ts';

/** Lambda: a key evaluation from its papers to its conclusion (scoring papers, account check, findings, reviews, report). */
// Steps that send findings, return a report or notify a result tell the people concerned in the same write.
const store = notifyingStore(new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName()));

export const handler = createApiHandler(keyEvaluationRoutes, keyEvaluationOperations(store, evidenceStoreFromEnv()), {
  users: userStandingReader(store),
}).use(captureLambdaHandler(tracer, { captureResponse: false }));
