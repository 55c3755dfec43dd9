import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { evidenceStoreFromEnv } from '#functions/adapters/s3/evidence-store-from-env.ts';
import { jobHandler } from '#functions/export-jobs/job-handler.ts';
import { departmentExports } from '#functions/export-jobs/pack-export.ts';
import { tracer } from '#functions/powertools.ts';

/**
 * Lambda: runs one export across departments (docs/domain/daily-work.md#exports-across-departments). An engagement's
 * archive runs in its own function (functions/src/handlers/archive-jobs.ts).
 */
const store = new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName());
const evidence = evidenceStoreFromEnv();

export const handler = jobHandler(store, evidence, departmentExports, 'export job');
