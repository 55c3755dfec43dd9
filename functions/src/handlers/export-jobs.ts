import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { evidenceStoreFromEnv } from '#functions/adapters/s3/evidence-store-from-env.ts';
import { runExportJob } from '#functions/export-jobs/run-export-job.ts';
import { logger, tracer } from '#functions/powertools.ts';

/**
 * Lambda: runs one export across departments (docs/domain/daily-work.md#exports-across-departments), invoked
 * asynchronously by the API with `{ tenant, jobId }` (infra/cdk/export-jobs.ts). Not behind the API.
 */
const store = new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName());
const evidence = evidenceStoreFromEnv();

export const handler = middy(async (event: { tenant?: unknown; jobId?: unknown }) => {
  if (typeof event.tenant !== 'string' || typeof event.jobId !== 'string')
    throw new Error(`not an export job: ${JSON.stringify(event)}`);
  const outcome = await runExportJob(store, evidence, { tenant: event.tenant, jobId: event.jobId });
  logger.info('export job', { ...outcome, tenant: event.tenant });
  return outcome;
}).use(captureLambdaHandler(tracer, { captureResponse: false }));
