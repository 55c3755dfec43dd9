import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { localRuntimeNodeFlags } from '@jixiao/infra/local/node-flags.ts';
import { repositoryRoot } from '@jixiao/infra/local/stack.ts';

const fmt = (n: number, digits = 0) => n.toFixed(digits);

interface ReadBack {
  tables: number;
  sentOnce: number;
  tallyEqualsRecount: boolean;
  handTotals: boolean;
}

/**
 * 8. The self-evaluation deadline rush: 500 filled self-evaluations of one department sent on at
 * concurrency 50 through the local gateway, every submit touching the department's one tally,
 * one in ten sent twice at once, beside the same store calls made directly (see
 * self-evaluation-deadline-rush-process.ts).
 * Throws when a table did not land, landed twice, or the tally is not the recount.
 */
export const benchSelfEvaluationDeadlineRush = async (dynamoEndpoint: string): Promise<void> => {
  const output = execFileSync(
    process.execPath,
    [
      ...localRuntimeNodeFlags,
      join(repositoryRoot, 'test/bench/self-evaluation-deadline-rush-process.ts'),
      dynamoEndpoint,
      `bench-self-evaluation-rush-${Date.now()}`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 2 ** 20 },
  );
  const r = JSON.parse(output.slice(output.lastIndexOf('\n{') + 1));
  const b = r.baseline;
  const checked = (x: ReadBack) =>
    `${x.sentOnce} of ${x.tables} sent on exactly once; tally == recount: ${x.tallyEqualsRecount ? 'yes' : 'NO'}; tally == hand totals: ${x.handTotals ? 'yes' : 'NO'}`;
  console.log(
    `8. Self-evaluation deadline rush: ${r.tables} filled self-evaluations of one department sent on (POST /api/v1/self-evaluations/{id}/submit) at concurrency ${r.concurrency} through the local gateway`,
  );
  console.log(
    `   landed ${r.landed} of ${r.tables}${r.failures ? ` (${r.failures} failed: ${r.firstFailure})` : ''} in ${fmt(r.seconds, 1)} s (${fmt(r.landed / r.seconds, 1)} submits/s); ${r.requests} requests, retried after 503/429 ${r.retries.unavailable}, after 409 ${r.retries.conflict}; ${r.doubledOnce} of ${r.doubled} sent twice at once (a double tap) answered 200 once and 409 once`,
  );
  console.log(
    `   per request p50 ${fmt(r.requestP50)} ms, p95 ${fmt(r.requestP95)} ms; per table (retries included) p50 ${fmt(r.submitP50)} ms, p95 ${fmt(r.submitP95)} ms; ${checked(r.rushed)}`,
  );
  console.log(
    `   baseline, the store calls of a submit made directly on ${b.readBack.tables} tables of another department: landed ${b.landed}${b.failures ? ` (${b.failures} failed)` : ''} in ${fmt(b.seconds, 1)} s (${fmt(b.landed / b.seconds, 1)} submits/s), p50 ${fmt(b.p50)} ms, p95 ${fmt(b.p95)} ms; ${checked(b.readBack)}`,
  );
  console.log(
    `   throughput ratio ${fmt(r.landed / r.seconds / (b.landed / b.seconds), 2)}, per-table p95 ratio ${fmt(r.submitP95 / b.p95, 2)} (the rush also carries the double taps' ${r.requests - r.tables} extra requests)\n`,
  );
  const whole = (x: ReadBack) => x.sentOnce === x.tables && x.tallyEqualsRecount && x.handTotals;
  if (
    r.landed !== r.tables ||
    r.failures > 0 ||
    r.doubledOnce !== r.doubled ||
    !whole(r.rushed) ||
    b.failures > 0 ||
    !whole(b.readBack)
  )
    throw new Error('the self-evaluation deadline rush lost, repeated or miscounted a submit (figures above)');
};
