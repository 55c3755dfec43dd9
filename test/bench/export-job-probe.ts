/**
 * Runs in its own process, sized like the export jobs' Lambda (--max-old-space-size of its memory): either reads the
 * records of a round's export as the job reads them, department by department, without packing (`read`, the
 * baseline), or runs the export job itself (`pack`), and prints its time, the process's peak RSS, the records and
 * the ZIP's size as one JSON line. The evidence store keeps only the size of what is written: S3 is not measured.
 *
 * Arguments: mode (read | pack), DynamoDB endpoint, table, tenant, round id, job id (pack).
 */
import { createDocumentClient } from '@jixiao/functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '@jixiao/functions/adapters/dynamodb/dynamodb-record-store.ts';
import { departmentExports, planExport } from '@jixiao/functions/export-jobs/pack-export.ts';
import { runExportJob } from '@jixiao/functions/export-jobs/run-export-job.ts';
import type { EvidenceStore } from '@jixiao/functions/ports/evidence-store.ts';
import { selfEvaluationKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';

const [mode, endpoint, table, tenant, roundId, jobId] = process.argv.slice(2) as [
  'read' | 'pack',
  string,
  string,
  string,
  string,
  string | undefined,
];
const store = new DynamoDbRecordStore(createDocumentClient(endpoint), table);
let zipBytes = 0;
const unused = () => Promise.reject(new Error('not used by the export job'));
const evidence: EvidenceStore = {
  signUpload: unused,
  signDownload: unused,
  head: unused,
  read: unused,
  write: async (_key, bytes) => {
    zipBytes = bytes.byteLength;
  },
};

const started = performance.now();
let records = 0;
let state = '';
if (mode === 'read') {
  const sections = await planExport(store, tenant, { kind: 'self-evaluation-round', roundId, fiscalYear: 0 });
  for (const s of sections) {
    for (const t of s.tallies) {
      let cursor: string | undefined;
      do {
        const page = await store.list(tenant, selfEvaluationKind, {
          limit: 100,
          cursor,
          ownerId: `${roundId}#${t.departmentId}`,
        });
        records += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
    }
  }
  state = 'READ';
} else {
  const outcome = await runExportJob(store, evidence, departmentExports, { tenant, jobId: jobId! });
  records = outcome.records ?? 0;
  state = outcome.state;
}
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ ms, records, state, zipBytes, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
