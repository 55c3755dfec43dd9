/**
 * Runs in its own process, sized like the self-evaluation Lambda (--max-old-space-size of its
 * memory): reads an uploaded 项目支出绩效自评表 N times, either with the bare XLSX reader alone
 * (`read`, the baseline) or read and checked against the formula (`check`), and prints the time of
 * each run and the process's peak RSS as one JSON line.
 *
 * Arguments: mode (read | check), the XLSX file, runs.
 */
import { readFileSync } from 'node:fs';
import { defaultScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import { checkTable } from '@jixiao/core/self-evaluation/table-check/table-check.ts';
import { readXlsx } from '@jixiao/functions/import/xlsx/read-xlsx.ts';

const [mode, file, runs] = process.argv.slice(2) as ['read' | 'check', string, string];
const bytes = new Uint8Array(readFileSync(file));
const times: number[] = [];
let rows = 0;
for (let i = 0; i < Number(runs); i++) {
  const started = performance.now();
  const grid = readXlsx(bytes);
  if (mode === 'check') {
    const result = checkTable(grid, defaultScoringSettings, { fiscalYear: 2026, executionPoints: 10 });
    rows = result.tables[0]?.rows.length ?? 0;
  }
  times.push(performance.now() - started);
}
process.stdout.write(
  `${JSON.stringify({ times, rows, peakRssMb: process.resourceUsage().maxRSS / 1024, bytes: bytes.length })}\n`,
);
