import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { mailerFromEnv } from '#functions/adapters/mailer-from-env.ts';
import { isDailyWorkJob, runDailyWorkJob } from '#functions/daily-work/daily-work-jobs.ts';
import { logger, tracer } from '#functions/powertools.ts';

/**
 * Lambda: the scheduled jobs of the daily work, invoked by EventBridge Scheduler with `{ "job": "due-soon" }` once a
 * day and `{ "job": "mail" }` every few minutes (infra/cdk/daily-work-schedules.ts). Not behind the API.
 */
const store = new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName());
const mailer = mailerFromEnv();

export const handler = middy(async (event: { job?: unknown }) => {
  if (!isDailyWorkJob(event.job)) throw new Error(`unknown job ${JSON.stringify(event.job)}`);
  const result = await runDailyWorkJob(store, mailer, event.job, new Date().toISOString());
  if (result.failures.length > 0) logger.error('daily-work job failed for some tenants', { ...result });
  else logger.info('daily-work job done', { ...result });
  return result;
}).use(captureLambdaHandler(tracer, { captureResponse: false }));
