import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { uuidV7 } from '@jixiao/core/ids.ts';
import * as keys from '@jixiao/functions/adapters/dynamodb/keys.ts';
import { createTableInput } from '@jixiao/functions/adapters/dynamodb/table-definition.ts';
import { exportJobKind, type StoredExportJob } from '@jixiao/functions/export-jobs/export-job-kind.ts';
import { localRuntimeNodeFlags } from '@jixiao/infra/local/node-flags.ts';
import { repositoryRoot } from '@jixiao/infra/local/stack.ts';
import {
  benchDepartments,
  benchMeta,
  benchSectionCodes,
  benchSelfEvaluationRound,
  seeded,
} from '../support/self-evaluation-bench-data.ts';
import { batchWrite, benchTenantItems, benchWriteClient, fmt } from './self-evaluation-summary.ts';

/**
 * The bureau's export across departments (docs/domain/daily-work.md#exports-across-departments): the self-evaluation
 * round of the 200-department tenant (5,000 self-evaluations, 6–636 a department; and 2,500) packed by the export job
 * in a process sized like its Lambda (1,024 MB: a 768 MB heap), from DynamoDB Local: time to ready, peak RSS, the
 * ZIP's size. The baseline, in a process of the same size, reads the same records department by department as the
 * job does, without packing. Each is run `BENCH_EXPORT_RUNS` times (3), each run a fresh process, as a job is.
 */
const runs = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
const lambdaHeapMb = 768;
const tenant = '120110000';
const tableName = 'bench-export-job';

interface ProbeResult {
  ms: number;
  records: number;
  state: string;
  zipBytes: number;
  peakRssMb: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const benchExportJob = async (dynamoEndpoint: string): Promise<void> => {
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error('BENCH_EXPORT_RUNS must be 1 to 20');
  const random = seeded(20261207);
  const db = benchWriteClient(dynamoEndpoint);
  try {
    const at = '2027-01-10T02:00:00.000Z';
    const sections = benchSectionCodes.map((code) => ({
      ...benchMeta(uuidV7(), at),
      code,
      name: code,
      type: 'BUSINESS',
    }));
    const departments = benchDepartments(
      200,
      sections.map((s) => s.id),
    );
    const rounds = [
      benchSelfEvaluationRound('200 departments / 5,000 self-evaluations', 2026, departments, 5000, random),
      benchSelfEvaluationRound('200 departments / 2,500 self-evaluations', 2025, departments, 2500, random),
    ];
    await db.send(new CreateTableCommand(createTableInput(tableName)));
    await batchWrite(db, benchTenantItems(at, sections, departments, rounds), tableName);

    const probe = (mode: 'read' | 'pack', roundId: string, jobId?: string): ProbeResult =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [
            ...localRuntimeNodeFlags,
            `--max-old-space-size=${lambdaHeapMb}`,
            join(repositoryRoot, 'test/bench/export-job-probe.ts'),
            mode,
            dynamoEndpoint,
            tableName,
            tenant,
            roundId,
            ...(jobId ? [jobId] : []),
          ],
          { encoding: 'utf8', env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT' } },
        ),
      ) as ProbeResult;

    console.log(
      `\nExport across departments: a self-evaluation round packed by the export job, heap capped at ${lambdaHeapMb} MB, ${runs} runs each (median; peak RSS the largest)`,
    );
    for (const r of rounds) {
      const reads: ProbeResult[] = [];
      const packs: ProbeResult[] = [];
      for (let i = 0; i < runs; i++) {
        reads.push(probe('read', r.round.id));
        const job: StoredExportJob = {
          ...benchMeta(uuidV7(), at),
          kind: 'self-evaluation-round',
          roundId: r.round.id,
          fiscalYear: r.round.fiscalYear,
          title: `${r.round.name} 全部部门`,
          state: 'QUEUED',
          progress: { done: 0, total: 0 },
          records: 0,
          requestedBy: 'bench',
          requestedByName: 'bench',
          requestedAt: new Date().toISOString(),
          startedAt: null,
          finishedAt: null,
          file: null,
          fileKey: null,
          failure: null,
          updatedAt: new Date().toISOString(),
        };
        await batchWrite(db, [keys.recordItem(tenant, exportJobKind, job)], tableName);
        packs.push(probe('pack', r.round.id, job.id));
      }
      const expected = r.selfEvaluations.length;
      for (const p of [...reads, ...packs]) {
        if (p.records !== expected) throw new Error(`export bench: ${p.records} records, ${expected} written`);
      }
      if (packs.some((p) => p.state !== 'DONE')) throw new Error('export bench: a job did not finish');
      const line = (name: string, results: ProbeResult[]) =>
        `  ${name.padEnd(44)} ${fmt(median(results.map((p) => p.ms)) / 1000, 2)} s, peak RSS ${fmt(Math.max(...results.map((p) => p.peakRssMb)), 0)} MB`;
      console.log(`  ${r.label} (${r.departments.length} departments)`);
      console.log(line('read department by department (baseline)', reads));
      console.log(
        `${line('export job: read, 10号 sheets, XLSX, ZIP', packs)}, ZIP ${fmt(packs[0]!.zipBytes / 2 ** 20, 1)} MB`,
      );
      console.log(
        `  job ÷ read: ${fmt(median(packs.map((p) => p.ms)) / median(reads.map((p) => p.ms)), 2)}; every record packed, Lambda's limit 900 s`,
      );
    }
  } finally {
    await db.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    db.destroy();
  }
};
