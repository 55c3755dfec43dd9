import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@jixiao/infra/local/stack.ts';
import { buildLargeTable, tableXlsx } from '../support/self-evaluation-tables.ts';

/**
 * Checking an uploaded 300-row 项目支出绩效自评表 (docs/domain/self-evaluation.md#checking-a-filled-table)
 * in a process sized like the self-evaluation Lambda (1,024 MB), beside reading the same file with
 * the bare XLSX reader: time per run and peak memory, each mode in a process of its own.
 */
const lambdaHeapMb = 768;
const runs = Number(process.env.BENCH_TABLE_RUNS ?? 30);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

interface ProbeResult {
  times: number[];
  rows: number;
  peakRssMb: number;
  bytes: number;
}

const probe = (mode: 'read' | 'check', file: string): ProbeResult =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [
        `--max-old-space-size=${lambdaHeapMb}`,
        join(repositoryRoot, 'test/bench/table-check-probe.ts'),
        mode,
        file,
        String(runs),
      ],
      { encoding: 'utf8' },
    ),
  ) as ProbeResult;

export const benchTableCheck = async (scratch: string) => {
  const file = join(scratch, 'self-evaluation-300-rows.xlsx');
  writeFileSync(file, await tableXlsx(buildLargeTable(300)));
  const read = probe('read', file);
  const check = probe('check', file);
  if (check.rows !== 300) throw new Error(`table check bench: ${check.rows} rows read, 300 written`);
  const line = (name: string, r: ProbeResult) =>
    `  ${name.padEnd(38)} p50 ${percentile(r.times, 50).toFixed(1)} ms, p95 ${percentile(r.times, 95).toFixed(1)} ms, peak RSS ${r.peakRssMb.toFixed(0)} MB`;
  console.log(
    `\nTable check: a 300-row 自评表 (${(read.bytes / 1024).toFixed(1)} KB), ${runs} runs each, heap capped at ${lambdaHeapMb} MB`,
  );
  console.log(line('bare XLSX reader (baseline)', read));
  console.log(line('read and checked against the formula', check));
  console.log(
    `  check ÷ read at p50: ${(percentile(check.times, 50) / percentile(read.times, 50)).toFixed(2)}; all 300 rows read and scored`,
  );
};
