import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { uuidV7 } from '@jixiao/core/ids.ts';
import * as keys from '@jixiao/functions/adapters/dynamodb/keys.ts';
import { createTableInput } from '@jixiao/functions/adapters/dynamodb/table-definition.ts';
import { localS3Credentials } from '@jixiao/functions/adapters/s3/local-credentials.ts';
import { S3EvidenceStore } from '@jixiao/functions/adapters/s3/s3-evidence-store.ts';
import { exportJobKind, type StoredExportJob } from '@jixiao/functions/export-jobs/export-job-kind.ts';
import {
  assignmentKind,
  engagementKind,
  fieldPhotoKind,
  fieldRecordKind,
} from '@jixiao/functions/fieldwork/record-kinds.ts';
import { localRuntimeNodeFlags } from '@jixiao/infra/local/node-flags.ts';
import { freePort } from '@jixiao/infra/local/ports.ts';
import { repositoryRoot } from '@jixiao/infra/local/stack.ts';
import S3rver from 's3rver';
import { benchMeta } from '../support/self-evaluation-bench-data.ts';
import { batchWrite, benchWriteClient, fmt } from './self-evaluation-summary.ts';
import { archiveBenchData } from './working-papers-job-data.ts';

/**
 * An engagement's archive as an export job (issue 13 item 11; docs/domain/key-evaluation.md#the-archive): 500 field
 * records and 1,000 photos (generated, `BENCH_ARCHIVE_PHOTO_KB` each, 128 unless said: a 125 MB archive, near the
 * job's 160 MB limit; the field app's photos are about 350 KB, so a real engagement of 1,000 is over it) in DynamoDB
 * Local and the local S3 stand-in on loopback, packed by the export job in a process sized like its Lambda (1,024
 * MB: a 768 MB heap): time to ready, peak RSS, the ZIP's size. The baseline, in a process of the same size, makes
 * the same reads (the records, every photo from the bucket one at a time) without packing. Each is run
 * `BENCH_EXPORT_RUNS` times (3), each run a fresh process, as a job is. The generated files live in a temporary
 * folder removed at the end.
 */
const runs = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
const photoKb = Number(process.env.BENCH_ARCHIVE_PHOTO_KB ?? 128);
const lambdaHeapMb = 768;
const tenant = '120110000';
const tableName = 'bench-working-papers-job';
const bucket = 'bench-evidence';

interface ProbeResult {
  ms: number;
  records: number;
  photos: number;
  state: string;
  zipBytes: number;
  peakRssMb: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const benchWorkingPapersJob = async (dynamoEndpoint: string): Promise<void> => {
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error('BENCH_EXPORT_RUNS must be 1 to 20');
  if (!Number.isInteger(photoKb) || photoKb < 1 || photoKb > 512) throw new Error('BENCH_ARCHIVE_PHOTO_KB: 1 to 512');
  const scratch = mkdtempSync(join(os.tmpdir(), 'jixiao-bench-archive-'));
  const s3Port = await freePort();
  const s3rver = new S3rver({ address: '127.0.0.1', port: s3Port, directory: scratch, silent: true });
  await s3rver.run();
  const s3Endpoint = `http://127.0.0.1:${s3Port}`;
  const db = benchWriteClient(dynamoEndpoint);
  try {
    const s3 = new S3Client({
      endpoint: s3Endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: localS3Credentials,
    });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    s3.destroy();
    const data = archiveBenchData(tenant, { records: 500, photosPerVisit: 4, photoBytes: photoKb * 1024 });
    await db.send(new CreateTableCommand(createTableInput(tableName)));
    await batchWrite(
      db,
      [
        keys.recordItem(tenant, engagementKind, data.engagement),
        keys.recordItem(tenant, assignmentKind, data.assignment),
        ...data.records.map((r) => keys.recordItem(tenant, fieldRecordKind, r)),
        ...data.photos.map((p) => keys.recordItem(tenant, fieldPhotoKind, p.record)),
      ],
      tableName,
    );
    const evidence = new S3EvidenceStore(bucket, 'local', s3Endpoint);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < data.photos.length) {
          const photo = data.photos[next++]!;
          await evidence.write(photo.record.key, photo.bytes, 'image/jpeg');
        }
      }),
    );

    // Asynchronously: the S3 stand-in answers the probe from this process's event loop.
    const probe = async (mode: 'read' | 'pack', jobId?: string): Promise<ProbeResult> =>
      JSON.parse(
        (
          await promisify(execFile)(
            process.execPath,
            [
              ...localRuntimeNodeFlags,
              `--max-old-space-size=${lambdaHeapMb}`,
              join(repositoryRoot, 'test/bench/working-papers-job-probe.ts'),
              mode,
              dynamoEndpoint,
              tableName,
              tenant,
              data.engagement.id,
              ...(jobId ? [jobId] : []),
            ],
            {
              encoding: 'utf8',
              maxBuffer: 1024 * 1024,
              env: {
                ...process.env,
                POWERTOOLS_LOG_LEVEL: 'SILENT',
                EVIDENCE_BUCKET: bucket,
                S3_ENDPOINT: s3Endpoint,
                AWS_REGION: 'local',
              },
            },
          )
        ).stdout,
      ) as ProbeResult;

    const reads: ProbeResult[] = [];
    const packs: ProbeResult[] = [];
    for (let i = 0; i < runs; i++) {
      reads.push(await probe('read'));
      const at = new Date().toISOString();
      const job: StoredExportJob = {
        ...benchMeta(uuidV7(), at),
        kind: 'working-papers',
        roundId: null,
        engagementId: data.engagement.id,
        fiscalYear: 2026,
        title: `工作底稿 ${data.engagement.title}`,
        state: 'QUEUED',
        progress: { done: 0, total: 0 },
        records: 0,
        requestedBy: 'bench',
        requestedByName: 'bench',
        requestedAt: at,
        startedAt: null,
        finishedAt: null,
        file: null,
        fileKey: null,
        failure: null,
      };
      await batchWrite(db, [keys.recordItem(tenant, exportJobKind, job)], tableName);
      packs.push(await probe('pack', job.id));
    }
    for (const p of [...reads, ...packs]) {
      if (p.records !== data.records.length) throw new Error(`archive bench: ${p.records} records, 500 written`);
      if (p.photos !== data.photos.length) throw new Error(`archive bench: ${p.photos} photos, 1,000 written`);
    }
    if (packs.some((p) => p.state !== 'DONE')) throw new Error('archive bench: a job did not finish');
    const photoMb = (data.photos.length * photoKb) / 1024;
    const line = (name: string, results: ProbeResult[]) =>
      `  ${name.padEnd(52)} ${fmt(median(results.map((p) => p.ms)) / 1000, 2)} s, peak RSS ${fmt(Math.max(...results.map((p) => p.peakRssMb)), 0)} MB`;
    console.log(
      `\nWorking papers archive: 500 field records, ${data.photos.length} photos of ${photoKb} KB (${fmt(photoMb, 1)} MB), packed by the export job, heap capped at ${lambdaHeapMb} MB, ${runs} runs each (median; peak RSS the largest)`,
    );
    console.log(line('read records and every photo (baseline)', reads));
    console.log(
      `${line('archive job: read, 6 sheets, XLSX, photos, manifest, ZIP', packs)}, ZIP ${fmt(packs[0]!.zipBytes / 2 ** 20, 1)} MB`,
    );
    console.log(
      `  job ÷ read: ${fmt(median(packs.map((p) => p.ms)) / median(reads.map((p) => p.ms)), 2)}; every record and photo packed, Lambda's limit 900 s`,
    );
  } finally {
    await db.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    db.destroy();
    await new Promise<void>((done) => s3rver.close(() => done()));
    rmSync(scratch, { recursive: true, force: true });
  }
};
