import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { departmentAssessmentOperations } from '#functions/department-assessment/department-assessment-operations.ts';
import { createApiHandler } from '#functions/http/api-handler.ts';
import { userStandingReader } from '#functions/organisation/user-standing.ts';
import { tracer } from '#functions/powertools.ts';
import { departmentAssessmentRoutes } from '#functions/routes/department-assessment-routes.ts';

/** Lambda: the year-end assessment of departments and what feeds it (training). */
const store = new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName());

export const handler = createApiHandler(departmentAssessmentRoutes, departmentAssessmentOperations(store), {
  users: userStandingReader(store),
}).use(captureLambdaHandler(tracer, { captureResponse: false }));
