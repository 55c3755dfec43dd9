import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { calendarOperations } from '#functions/daily-work/calendar-operations.ts';
import { notificationOperations } from '#functions/daily-work/notification-operations.ts';
import { reminderOperations } from '#functions/daily-work/reminder-operations.ts';
import { toDoOperations } from '#functions/daily-work/to-do-operations.ts';
import { createApiHandler } from '#functions/http/api-handler.ts';
import { userStandingReader } from '#functions/organisation/user-standing.ts';
import { tracer } from '#functions/powertools.ts';
import { dailyWorkRoutes } from '#functions/routes/daily-work-routes.ts';

/** Lambda: the daily work — the to-do home read from the work queues, notifications, reminders (催报). */
const store = new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName());

export const handler = createApiHandler(
  dailyWorkRoutes,
  {
    ...toDoOperations(store),
    ...notificationOperations(store),
    ...reminderOperations(store),
    ...calendarOperations(store),
  },
  {
    users: userStandingReader(store),
  },
).use(captureLambdaHandler(tracer, { captureResponse: false }));
