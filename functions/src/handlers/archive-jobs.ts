import { createDocumentClient, tableName } from '#functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '#functions/adapters/dynamodb/dynamodb-record-store.ts';
import { evidenceStoreFromEnv } from '#functions/adapters/s3/evidence-store-from-env.ts';
import { jobHandler } from '#functions/export-jobs/job-handler.ts';
import { engagementArchive } from '#functions/export-jobs/pack-working-papers.ts';
import { tracer } from '#functions/powertools.ts';

/**
 * Lambda: packs one engagement's archive (docs/domain/key-evaluation.md#the-archive: the working papers, the
 * conclusion's papers and the final report), apart from the exports across departments so that neither function
 * carries the other's code.
 */
const store = new DynamoDbRecordStore(tracer.captureAWSv3Client(createDocumentClient()), tableName());
const evidence = evidenceStoreFromEnv();

export const handler = jobHandler(store, evidence, engagementArchive, 'archive job');
