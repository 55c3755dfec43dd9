import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { evidenceStoreFromEnv } from '#functions/adapters/s3/evidence-store-from-env.ts';
import { createApiHandler } from '#functions/http/api-handler.ts';
import { evaluationReportOperations } from '#functions/key-evaluation/evaluation-report-operations.ts';
import { userStandingReader } from '#functions/organisation/user-standing.ts';
import { tracer } from '#functions/powertools.ts';
import { evaluationReportRoutes } from '#functions/routes/evaluation-report-routes.ts';

/**
 * Lambda: the evaluation report of a key evaluation — its narrative, and the DOCX and the scoring table's XLSX written
 * by our own writers (docs/decisions.md, decision 20), in a Lambda of its own to keep the key-evaluation one small.
 */
const store = new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName());

export const handler = createApiHandler(
  evaluationReportRoutes,
  evaluationReportOperations(store, evidenceStoreFromEnv()),
  { users: userStandingReader(store) },
).use(captureLambdaHandler(tracer, { captureResponse: false }));
