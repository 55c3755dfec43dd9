import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { localRuntimeNodeFlags } from '@jixiao/infra/local/node-flags.ts';
import { repositoryRoot } from '@jixiao/infra/local/stack.ts';

const fmt = (n: number, digits = 0) => n.toFixed(digits);

/**
 * 6. The deadline rush: 300 reports of one department saved and sent on at concurrency 50 through
 * the local gateway, every write touching the department's one tally (see deadline-rush-process.ts).
 */
export const benchDeadlineRush = async (dynamoEndpoint: string): Promise<void> => {
  const output = execFileSync(
    process.execPath,
    [
      ...localRuntimeNodeFlags,
      join(repositoryRoot, 'test/bench/deadline-rush-process.ts'),
      dynamoEndpoint,
      `bench-rush-${Date.now()}`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 2 ** 20 },
  );
  const r = JSON.parse(output.slice(output.lastIndexOf('\n{') + 1));
  console.log(
    `6. Deadline rush: ${r.reports} reports of one department saved and sent on (PATCH, then POST …/submit) at concurrency ${r.concurrency} through the local gateway`,
  );
  console.log(
    `   landed ${r.landed} of ${r.reports}${r.failures ? ` (${r.failures} failed: ${r.firstFailure})` : ''} in ${fmt(r.seconds, 1)} s; ${r.requests} requests, retried after 503 ${r.retries.unavailable}, after 409 ${r.retries.conflict}`,
  );
  console.log(
    `   per request p50 ${fmt(r.requestP50)} ms, p95 ${fmt(r.requestP95)} ms; per report (save and send, retries included) p50 ${fmt(r.reportP50)} ms, p95 ${fmt(r.reportP95)} ms; tally == recount: ${r.tallyEqualsRecount ? 'yes' : 'NO'}; tally == hand totals: ${r.handTotals ? 'yes' : 'NO'}`,
  );
  console.log('');
};
