import type { CallOptions, CallResult } from './test-stack.ts';

/**
 * The last day of a monitoring round: every unit of one large department fills in its reports and
 * sends them on at once. A client as a unit's browser would be: each report saved, then sent; a
 * 503 waited out as its Retry-After says, a 409 resolved by reading the report again (when the
 * report is still at the version that was sent, nothing was written and the same request is
 * repeated; when it is one further and shows the change, the write landed before its answer was
 * lost). Used by the API test and the bench.
 */
export type Call = (method: string, path: string, options?: CallOptions) => Promise<CallResult>;

export interface RushReport {
  id: string;
  version: number;
  budget: { fiscal: number; carryOver: number; other: number };
  lines: { rowId: string; operator: string; targetValue: string }[];
}

export interface RushOutcome {
  /** Reports that ended saved and sent on. */
  landed: number;
  /** What could not be made to land, with the answer that stopped it (empty when all landed). */
  failures: string[];
  /** Repeats after an answer that asked for one. */
  retries: { unavailable: number; conflict: number };
  /** Every request's time, retries included (ms). */
  requestMs: number[];
  /** Each report from its first request to its landing (ms). */
  reportMs: number[];
}

/** What the unit enters: half the budget spent by 30 June, every indicator on track. */
export const onTrackEntry = (report: RushReport) => ({
  executed: { fiscal: Math.floor(report.budget.fiscal / 2), carryOver: 0, other: 0 },
  forecastFullYearFen: report.budget.fiscal,
  goalProgress: '按计划推进。',
  lines: report.lines.map((l) => ({
    rowId: l.rowId,
    actualToDate: l.operator === 'QUALITATIVE' ? '进行中' : l.targetValue,
    forecastYearEnd: l.operator === 'QUALITATIVE' ? '达到' : l.targetValue,
    likelihood: 'CERTAIN',
    deviationReasons: [],
    deviationAnalysis: '',
    correctiveMeasures: '',
    remarks: '',
  })),
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const rushReports = async (
  call: Call,
  reports: readonly RushReport[],
  tokens: { preparer: string; approver: string },
  concurrency: number,
): Promise<RushOutcome> => {
  const outcome: RushOutcome = {
    landed: 0,
    failures: [],
    retries: { unavailable: 0, conflict: 0 },
    requestMs: [],
    reportMs: [],
  };
  const timed = async (method: string, path: string, options: CallOptions) => {
    const started = performance.now();
    const answer = await call(method, path, options);
    outcome.requestMs.push(performance.now() - started);
    return answer;
  };

  /** Reads a report, waiting out 503s as their Retry-After says. */
  const read = async (url: string, token: string) => {
    for (let attempt = 1; ; attempt++) {
      const answer = await timed('GET', url, { token });
      if (answer.status !== 503 || !answer.headers.get('retry-after') || attempt === 50) return answer;
      outcome.retries.unavailable++;
      await sleep(Number(answer.headers.get('retry-after')) * 1000 * (0.5 + Math.random()));
    }
  };

  /** One step at `version`, repeated until it lands; the report after it, or the answer that stopped it. */
  const step = async (
    url: string,
    method: string,
    token: string,
    version: number,
    body: Record<string, unknown>,
    landedAs: (report: { version: number; reviewStatus: string }) => boolean,
  ): Promise<{ report: { version: number; reviewStatus: string } } | { stopped: string }> => {
    for (let attempt = 1; attempt <= 50; attempt++) {
      const answer = await timed(method, url, { token, body: { ...body, version } });
      if (answer.status === 200) return { report: answer.body };
      if (answer.status === 503 && answer.headers.get('retry-after')) {
        outcome.retries.unavailable++;
        await sleep(Number(answer.headers.get('retry-after')) * 1000 * (0.5 + Math.random()));
        continue;
      }
      if (answer.status === 409) {
        outcome.retries.conflict++;
        const current = await read(url.replace(/\/submit$/, ''), token);
        if (current.status !== 200) return { stopped: `GET after 409: ${current.status}` };
        if (current.body.version === version) continue;
        if (current.body.version === version + 1 && landedAs(current.body)) return { report: current.body };
        return { stopped: `409 and the report moved on to version ${current.body.version} by someone else` };
      }
      return { stopped: `${answer.status} ${JSON.stringify(answer.body)}` };
    }
    return { stopped: 'still not landed after 50 attempts' };
  };

  const one = async (report: RushReport): Promise<void> => {
    const started = performance.now();
    const url = `/api/v1/monitoring-reports/${report.id}`;
    const saved = await step(url, 'PATCH', tokens.preparer, report.version, onTrackEntry(report), (r) =>
      ['DRAFT'].includes(r.reviewStatus),
    );
    if ('stopped' in saved) {
      outcome.failures.push(`save ${report.id}: ${saved.stopped}`);
      return;
    }
    const sent = await step(
      `${url}/submit`,
      'POST',
      tokens.approver,
      saved.report.version,
      {},
      (r) => r.reviewStatus === 'UNIT_SUBMITTED',
    );
    if ('stopped' in sent) {
      outcome.failures.push(`send ${report.id}: ${sent.stopped}`);
      return;
    }
    outcome.landed++;
    outcome.reportMs.push(performance.now() - started);
  };

  const queue = [...reports];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await one(next);
    }),
  );
  return outcome;
};

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
