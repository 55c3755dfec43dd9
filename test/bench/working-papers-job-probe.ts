/**
 * Runs in its own process, sized like the export jobs' Lambda (--max-old-space-size of its memory): either reads an
 * engagement's archive as the job reads it — the records, then every photo from the bucket one at a time — without
 * packing (`read`, the baseline), or runs the archive job itself (`pack`), and prints its time, the process's peak
 * RSS, the records, the photos read and the ZIP's size as one JSON line. The bucket is the local S3 stand-in
 * (EVIDENCE_BUCKET and S3_ENDPOINT in the environment), on loopback.
 *
 * Arguments: mode (read | pack), DynamoDB endpoint, table, tenant, engagement id, job id (pack).
 */
import { createDocumentClient } from '@jixiao/functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '@jixiao/functions/adapters/dynamodb/dynamodb-record-store.ts';
import { evidenceStoreFromEnv } from '@jixiao/functions/adapters/s3/evidence-store-from-env.ts';
import { exportJobKind, type StoredExportJob } from '@jixiao/functions/export-jobs/export-job-kind.ts';
import { engagementArchive } from '@jixiao/functions/export-jobs/pack-working-papers.ts';
import { runExportJob } from '@jixiao/functions/export-jobs/run-export-job.ts';
import { readWorkingPapersSource } from '@jixiao/functions/fieldwork/working-papers-source.ts';

const [mode, endpoint, table, tenant, engagementId, jobId] = process.argv.slice(2) as [
  'read' | 'pack',
  string,
  string,
  string,
  string,
  string | undefined,
];
const store = new DynamoDbRecordStore(createDocumentClient(endpoint), table);
const evidence = evidenceStoreFromEnv();

const started = performance.now();
let records = 0;
let photos = 0;
let zipBytes = 0;
let state = '';
if (mode === 'read') {
  const source = await readWorkingPapersSource(store, tenant, engagementId);
  records = source.records.length;
  for (const photo of source.photos) if (await evidence.read(photo.key)) photos += 1;
  state = 'READ';
} else {
  const outcome = await runExportJob(store, evidence, engagementArchive, { tenant, jobId: jobId! });
  const job = await store.get<StoredExportJob>(tenant, exportJobKind, jobId!);
  records = outcome.records ?? 0;
  photos = (job?.progress.done ?? 1) - 1;
  zipBytes = job?.file?.sizeBytes ?? 0;
  state = outcome.state;
}
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ ms, records, photos, state, zipBytes, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
