import type { Call } from './deadline-rush.ts';

/**
 * The last day of a self-evaluation round (test/bench/self-evaluation-deadline-rush.ts): a unit
 * approver of one large department sends every filled table on at once. A client as the
 * approver's browser would be: a 503 or 429 waited out as its Retry-After says (1 s when it says
 * nothing); a 409 resolved by reading the table again — still at the version that was sent and a
 * draft: nothing was written, the same request is repeated; one version on and sent: the write
 * landed before its answer was lost, and is not sent twice. Anything else stops that table and is
 * reported, never dropped. Tables named in `doubled` are sent twice at once, as a double tap on a
 * phone would: exactly one of the two may be answered 200, the other must learn from its 409 that
 * the table is already sent.
 */
export interface SubmitRushOutcome {
  /** Tables that ended sent on, each once. */
  landed: number;
  /** Tables that could not be made to land, with the answer that stopped each (empty when all landed). */
  failures: string[];
  /** Repeats after an answer that asked for one. */
  retries: { unavailable: number; conflict: number };
  /** Every request's time, retries and the reads after a 409 included (ms). */
  requestMs: number[];
  /** Each table from its first request to its landing (ms). */
  submitMs: number[];
  /** Tables sent twice at once that landed once: one answer 200, the other a 409 then the sent table. */
  doubledOnce: number;
}

export interface RushDraft {
  id: string;
  version: number;
}

/** How often one table is tried before it is reported as stopped. */
export const attemptsPerTable = 50;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits out a 503 or 429 as its Retry-After says (seconds), jittered so that the retries spread. */
const waitOut = (retryAfter: string | null) => sleep(Number(retryAfter ?? 1) * 1000 * (0.5 + Math.random()));

export const submitAll = async (
  call: Call,
  drafts: readonly RushDraft[],
  approver: string,
  concurrency: number,
  doubled: ReadonlySet<string> = new Set(),
): Promise<SubmitRushOutcome> => {
  const outcome: SubmitRushOutcome = {
    landed: 0,
    failures: [],
    retries: { unavailable: 0, conflict: 0 },
    requestMs: [],
    submitMs: [],
    doubledOnce: 0,
  };
  const timed = async (method: string, path: string, body?: unknown) => {
    const started = performance.now();
    const answer = await call(method, path, { token: approver, ...(body === undefined ? {} : { body }) });
    outcome.requestMs.push(performance.now() - started);
    return answer;
  };
  const busy = (status: number) => status === 503 || status === 429;

  /** Sends one table on until it lands: how it learnt that it did, else what stopped it. */
  const send = async ({ id, version }: RushDraft): Promise<{ landed: 'answered' | 'read' } | { stopped: string }> => {
    const path = `/api/v1/self-evaluations/${id}`;
    for (let attempt = 1; attempt <= attemptsPerTable; attempt++) {
      const answer = await timed('POST', `${path}/submit`, { version });
      if (answer.status === 200) {
        return answer.body.reviewStatus === 'UNIT_SUBMITTED' && answer.body.version === version + 1
          ? { landed: 'answered' }
          : { stopped: `200 but ${answer.body.reviewStatus} at version ${answer.body.version}` };
      }
      if (busy(answer.status)) {
        outcome.retries.unavailable++;
        await waitOut(answer.headers.get('retry-after'));
        continue;
      }
      if (answer.status !== 409) return { stopped: `${answer.status} ${JSON.stringify(answer.body)}` };
      outcome.retries.conflict++;
      let current = await timed('GET', path);
      for (let read = 1; busy(current.status) && read < attemptsPerTable; read++) {
        outcome.retries.unavailable++;
        await waitOut(current.headers.get('retry-after'));
        current = await timed('GET', path);
      }
      if (current.status !== 200) return { stopped: `GET after 409: ${current.status}` };
      if (current.body.version === version && current.body.reviewStatus === 'DRAFT') continue;
      if (current.body.version === version + 1 && current.body.reviewStatus === 'UNIT_SUBMITTED') {
        return { landed: 'read' };
      }
      return {
        stopped: `409 and the table moved on to ${current.body.reviewStatus} at version ${current.body.version}`,
      };
    }
    return { stopped: `still not landed after ${attemptsPerTable} attempts` };
  };

  /** Undefined when the table landed (once, if sent twice), else what stopped it. */
  const one = async (draft: RushDraft): Promise<string | undefined> => {
    if (!doubled.has(draft.id)) {
      const sent = await send(draft);
      return 'stopped' in sent ? sent.stopped : undefined;
    }
    const both = await Promise.all([send(draft), send(draft)]);
    const stopped = both.find((s) => 'stopped' in s);
    if (stopped && 'stopped' in stopped) return stopped.stopped;
    const answered = both.filter((s) => 'landed' in s && s.landed === 'answered').length;
    if (answered !== 1) return `sent twice at once: ${answered} of the two answered 200`;
    outcome.doubledOnce++;
    return undefined;
  };

  const queue = [...drafts];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const started = performance.now();
        const stopped = await one(next);
        if (stopped) {
          outcome.failures.push(`${next.id}: ${stopped}`);
          continue;
        }
        outcome.landed++;
        outcome.submitMs.push(performance.now() - started);
      }
    }),
  );
  return outcome;
};
