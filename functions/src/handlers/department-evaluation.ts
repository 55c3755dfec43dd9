import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { evidenceStoreFromEnv } from '#functions/adapters/s3/evidence-store-from-env.ts';
import { departmentEvaluationOperations } from '#functions/department-evaluation/department-evaluation-operations.ts';
import { departmentFiguresImportOperations } from '#functions/department-evaluation/figures-import-operations.ts';
import { createApiHandler } from '#functions/http/api-handler.ts';
import { userStandingReader } from '#functions/organisation/user-standing.ts';
import { tracer } from '#functions/powertools.ts';
import { departmentEvaluationRoutes } from '#functions/routes/department-evaluation-routes.ts';

/** Lambda: the department overall self-evaluation (部门整体支出绩效自评) — figures, judgement scores and their evidence files, review, table. */
const store = new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName());

const evaluations = departmentEvaluationOperations(store, evidenceStoreFromEnv());

export const handler = createApiHandler(
  departmentEvaluationRoutes,
  { ...evaluations, ...departmentFiguresImportOperations(evaluations) },
  {
    users: userStandingReader(store),
  },
).use(captureLambdaHandler(tracer, { captureResponse: false }));
