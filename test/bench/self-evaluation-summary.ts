import { deepStrictEqual } from 'node:assert/strict';
import { spawn } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { departmentSeries } from '@jixiao/core/organisation/department.ts';
import { roundSummary } from '@jixiao/core/self-evaluation/round-summary.ts';
import {
  recountSelfEvaluations,
  selfEvaluationCountsOnly,
} from '@jixiao/core/self-evaluation/self-evaluation-tally.ts';
import { createDocumentClient } from '@jixiao/functions/adapters/dynamodb/document-client.ts';
import * as keys from '@jixiao/functions/adapters/dynamodb/keys.ts';
import { createTableInput } from '@jixiao/functions/adapters/dynamodb/table-definition.ts';
import { departmentKind, financeSectionKind, unitKind } from '@jixiao/functions/organisation/record-kinds.ts';
import type { RecordKind, StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import {
  selfEvaluationKind,
  selfEvaluationRoundKind,
  selfEvaluationTallyKind,
} from '@jixiao/functions/self-evaluation/record-kinds.ts';
import type { SelfEvaluationTally, StoredSelfEvaluation } from '@jixiao/functions/self-evaluation/tally-writes.ts';
import { localRuntimeNodeFlags } from '@jixiao/infra/local/node-flags.ts';
import { repositoryRoot } from '@jixiao/infra/local/stack.ts';
import {
  type BenchDepartment,
  type BenchSelfEvaluationRound,
  benchDepartments,
  benchMeta,
  benchSectionCodes,
  benchSelfEvaluationRound,
  checkBenchTallies,
  seeded,
} from '../support/self-evaluation-bench-data.ts';
import { type CountingProxy, type DynamoCall, startCountingProxy } from './counting-proxy.ts';

/**
 * The bureau summary of a self-evaluation round (docs/domain/self-evaluation.md#bureau-summary),
 * held to the dashboard's budget (docs/decisions.md#15-budgets-measured-by-npm-run-bench): "200
 * departments / 5,000 projects: p95 ≤ 150 ms through the local gateway; items read ∝ departments".
 *
 * One tenant, written straight to a table of its own (test/support/self-evaluation-bench-data.ts):
 * 200 departments and three issued rounds, one per fiscal year as the API allows — 2026 with 5,000
 * self-evaluations over the 200, 2025 with 2,500 over the same 200, 2024 with 5,000 over 100 of
 * them — in every review state and grade, some spot-checked, every department's tally kept as the
 * API keeps it and checked against the recount. The summary is then called through the local
 * gateway as the performance section, one request at a time, while a proxy in front of DynamoDB
 * Local counts the items DynamoDB returns; the baseline is the same items read directly with the
 * SDK (the round, then a Query of the tallies on the owner index), through the same proxy.
 * Doubling the self-evaluations must leave the items read alone; doubling the departments doubles them.
 */
const requestsPerRound = Number(process.env.BENCH_SUMMARY_REQUESTS ?? 200);
const warmUpRequests = 20;
const tenant = '120110000';
const tableName = 'bench-self-evaluation-summary';
/** No single request may take longer than this; the stack gets as long to start. */
const requestTimeoutMs = 10_000;
const startTimeoutMs = 60_000;

export const fmt = (n: number, digits = 1) => n.toFixed(digits);
const count = (n: number) => n.toLocaleString('en-US');
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

const item = (kind: RecordKind, record: StoredRecord) => keys.recordItem(tenant, kind, record);

export const batchWrite = async (db: DynamoDBDocumentClient, items: Record<string, unknown>[], table = tableName) => {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let requests = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
        for (let attempt = 0; requests.length > 0; attempt++) {
          if (attempt === 10) throw new Error('bench data: DynamoDB Local left items unwritten');
          const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
          requests = (UnprocessedItems?.[table] ?? []) as typeof requests;
        }
      }
    }),
  );
};

/**
 * The client that writes a bench's data: writing is not timed, and on a busy machine a batch may take longer than
 * the handlers' 1.5 s per call, so it waits longer.
 */
export const benchWriteClient = (dynamoEndpoint: string): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: dynamoEndpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      requestHandler: { requestTimeout: 30_000 },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );

/** The bench tenant's items as stored, with the keys the record kinds give them: sections, departments, units, rounds. */
export const benchTenantItems = (
  at: string,
  sections: readonly StoredRecord[],
  departments: readonly BenchDepartment[],
  rounds: readonly BenchSelfEvaluationRound[],
): Record<string, unknown>[] => [
  ...sections.map((s) => item(financeSectionKind, s)),
  ...departments.flatMap((d) => [
    item(departmentKind, {
      ...benchMeta(d.id, at),
      code: d.code,
      name: d.name,
      series: d.series,
      financeSectionId: d.financeSectionId,
      isFinanceBureau: false,
    }),
    item(unitKind, { ...benchMeta(d.unitId, at), code: `${d.code}001`, name: d.unitName, departmentId: d.id }),
  ]),
  ...rounds.flatMap((r) => [
    item(selfEvaluationRoundKind, r.round),
    ...r.tallies.map((t) => item(selfEvaluationTallyKind, t)),
    ...r.selfEvaluations.map((s) => item(selfEvaluationKind, s)),
  ]),
];

/** A department's self-evaluations and tally as stored, recounted: the written data are what was meant. */
const checkStored = async (db: DynamoDBDocumentClient, r: BenchSelfEvaluationRound, departmentId: string) => {
  const stored: StoredSelfEvaluation[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: {
          ':pk': keys.ownerPk(tenant, selfEvaluationKind, `${r.round.id}#${departmentId}`),
        },
        ExclusiveStartKey: start,
      }),
    );
    stored.push(...(page.Items ?? []).map((i) => i.record as StoredSelfEvaluation));
    start = page.LastEvaluatedKey;
  } while (start);
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: {
        pk: keys.recordPk(tenant, selfEvaluationTallyKind, r.tallies.find((t) => t.departmentId === departmentId)!.id),
        sk: keys.recordSk,
      },
    }),
  );
  const expected = r.selfEvaluations.filter((s) => s.departmentId === departmentId).length;
  if (stored.length !== expected)
    throw new Error(`bench data: ${stored.length} self-evaluations stored, ${expected} written`);
  deepStrictEqual(
    selfEvaluationCountsOnly(Item?.record as SelfEvaluationTally),
    recountSelfEvaluations(stored),
    `stored tally of a department in ${r.label}`,
  );
};

/**
 * The local stack behind the counting proxy, in a process of its own (see dashboard-stack-process.ts), with a token
 * for the performance section or for `person`.
 */
export const startStack = async (dynamoEndpoint: string, table = tableName, person?: Record<string, unknown>) => {
  const child = spawn(
    process.execPath,
    [
      ...localRuntimeNodeFlags,
      join(repositoryRoot, 'test/bench/dashboard-stack-process.ts'),
      dynamoEndpoint,
      table,
      tenant,
      ...(person ? [JSON.stringify(person)] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('the summary stack did not start in time')), startTimeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the summary stack exited (${code})`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    process.off('exit', killOnExit);
    throw error;
  });
  return {
    ...ready,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      process.off('exit', killOnExit);
    },
  };
};

export const itemsOf = (calls: DynamoCall[]) => calls.reduce((s, c) => s + c.items, 0);
export const callsText = (calls: DynamoCall[]) => {
  const byOperation = new Map<string, number>();
  for (const c of calls) byOperation.set(c.operation, (byOperation.get(c.operation) ?? 0) + 1);
  return [...byOperation].map(([op, n]) => `${n} ${op}`).join(' + ');
};

interface SummaryBody extends ReturnType<typeof roundSummary> {
  pastDeadline: boolean;
  itemsRead: number;
}

const measureRound = async (
  r: BenchSelfEvaluationRound,
  proxy: CountingProxy,
  direct: DynamoDBDocumentClient,
  stack: { url: string; token: string },
) => {
  const viaGateway = async () => {
    const t0 = performance.now();
    const response = await fetch(`${stack.url}/api/v1/self-evaluation-rounds/${r.round.id}/summary`, {
      headers: { authorization: `Bearer ${stack.token}`, 'accept-language': 'zh-CN' },
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const text = await response.text();
    const ms = performance.now() - t0;
    if (response.status !== 200) throw new Error(`summary answered ${response.status}: ${text.slice(0, 300)}`);
    return { ms, body: JSON.parse(text) as SummaryBody, bytes: Buffer.byteLength(text) };
  };
  // The same reads the repository makes, sent directly: the round (consistent), then the tallies on
  // the owner index, a page of up to 251 at a time (functions/src/records/department-tally.ts).
  const viaSdk = async () => {
    const t0 = performance.now();
    const { Item } = await direct.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: keys.recordPk(tenant, selfEvaluationRoundKind, r.round.id), sk: keys.recordSk },
        ConsistentRead: true,
      }),
    );
    if (!Item) throw new Error('baseline: no round');
    let tallies = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await direct.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': 'gsi2pk' },
          ExpressionAttributeValues: { ':pk': keys.ownerPk(tenant, selfEvaluationTallyKind, r.round.id) },
          Limit: 251,
          ExclusiveStartKey: start,
        }),
      );
      tallies += page.Items?.length ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return { ms: performance.now() - t0, tallies };
  };

  const gateway: { ms: number; calls: DynamoCall[]; bytes: number; itemsRead: number }[] = [];
  const baseline: { ms: number; calls: DynamoCall[] }[] = [];
  let last: SummaryBody | undefined;
  proxy.take();
  for (let i = 0; i < warmUpRequests + requestsPerRound; i++) {
    // Interleaved, so both see the same moments of a shared machine.
    const b = await viaSdk();
    const bCalls = proxy.take();
    const g = await viaGateway();
    const gCalls = proxy.take();
    last = g.body;
    if (gCalls.some((c) => c.operation === 'Scan'))
      throw new Error(`a Scan on the summary's path: ${callsText(gCalls)}`);
    if (gCalls.some((c) => c.status !== 200)) throw new Error(`DynamoDB refused a call: ${JSON.stringify(gCalls)}`);
    if (itemsOf(gCalls) !== g.body.itemsRead)
      throw new Error(
        `the summary says it read ${g.body.itemsRead} items, DynamoDB returned ${itemsOf(gCalls)} (${callsText(gCalls)})`,
      );
    if (itemsOf(gCalls) !== r.departments.length + 1)
      throw new Error(`the summary read ${itemsOf(gCalls)} items for ${r.departments.length} departments`);
    if (itemsOf(bCalls) !== itemsOf(gCalls) || b.tallies !== r.tallies.length)
      throw new Error(`the baseline read ${itemsOf(bCalls)} items, the summary ${itemsOf(gCalls)}`);
    if (i < warmUpRequests) continue;
    gateway.push({ ms: g.ms, calls: gCalls, bytes: g.bytes, itemsRead: g.body.itemsRead });
    baseline.push({ ms: b.ms, calls: bCalls });
  }
  // What it answered equals the figures worked out from a recount of the self-evaluations written.
  const byDepartment = Map.groupBy(r.selfEvaluations, (s) => s.departmentId);
  const recounted = [...r.tallies]
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .map((t) => ({ ...t, ...recountSelfEvaluations(byDepartment.get(t.departmentId) ?? []) }));
  const expected = roundSummary(recounted, last!.pastDeadline, r.round.scoring.rounding);
  deepStrictEqual(
    { total: last!.total, series: last!.series, departments: last!.departments },
    expected,
    `the summary of ${r.label} is not the recount of its self-evaluations`,
  );
  if (last!.total.selfEvaluations !== r.selfEvaluations.length)
    throw new Error(`the summary of ${r.label} counts ${last!.total.selfEvaluations} self-evaluations`);
  return { gateway, baseline, body: last! };
};

export const benchSelfEvaluationSummary = async (dynamoEndpoint: string): Promise<void> => {
  if (!Number.isInteger(requestsPerRound) || requestsPerRound < 1 || requestsPerRound > 10_000)
    throw new Error('BENCH_SUMMARY_REQUESTS must be a whole number from 1 to 10,000');
  const random = seeded(20270331);
  // Writing the data is not timed; on a busy machine a batch may take longer than the handlers'
  // 1.5 s per call, so this client waits longer.
  const db = benchWriteClient(dynamoEndpoint);
  let proxy: CountingProxy | undefined;
  let direct: DynamoDBDocumentClient | undefined;
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  try {
    const generated = performance.now();
    const at = '2027-01-10T02:00:00.000Z';
    const sections = benchSectionCodes.map((code, i) => ({
      ...benchMeta(uuidV7(), at),
      code,
      name: ['教科文科', '社会保障科', '经济建设科', '综合科', '行政政法科'][i]!,
      type: 'BUSINESS',
    }));
    const departments = benchDepartments(
      200,
      sections.map((s) => s.id),
    );
    const rounds = [
      benchSelfEvaluationRound('200 departments / 5,000 self-evaluations', 2026, departments, 5000, random),
      benchSelfEvaluationRound('200 departments / 2,500 self-evaluations', 2025, departments, 2500, random),
      benchSelfEvaluationRound(
        '100 departments / 5,000 self-evaluations',
        2024,
        departments.slice(0, 100),
        5000,
        random,
      ),
    ];
    for (const r of rounds) checkBenchTallies(r);
    const generatedMs = performance.now() - generated;

    const written = performance.now();
    await db.send(new CreateTableCommand(createTableInput(tableName)));
    const items = benchTenantItems(at, sections, departments, rounds);
    await batchWrite(db, items);
    const writtenMs = performance.now() - written;
    // A sample read back: the largest and smallest department of each round and eight more.
    for (const r of rounds) {
      const sizes = r.tallies.map((t) => t.selfEvaluations);
      const sample = new Set([sizes.indexOf(Math.max(...sizes)), sizes.indexOf(Math.min(...sizes))]);
      while (sample.size < 10) sample.add(random.int(0, r.departments.length - 1));
      for (const d of sample) await checkStored(db, r, r.departments[d]!.id);
    }

    proxy = await startCountingProxy(dynamoEndpoint);
    stack = await startStack(proxy.endpoint);
    direct = createDocumentClient(proxy.endpoint);

    const loadBefore = os.loadavg()[0]!;
    const results = [];
    for (const r of rounds) results.push({ r, ...(await measureRound(r, proxy, direct, stack)) });

    const series = departmentSeries.map((s) => `${s} ${departments.filter((d) => d.series === s).length}`);
    console.log(
      `\n7. Self-evaluation summary (GET /api/v1/self-evaluation-rounds/{id}/summary) as the performance section, through the local gateway: ${requestsPerRound} sequential requests per round after ${warmUpRequests} to warm up; items counted at the wire by a proxy in front of DynamoDB Local; load average ${fmt(loadBefore, 2)} → ${fmt(os.loadavg()[0]!, 2)}`,
    );
    console.log(
      `   one tenant, written directly: ${departments.length} departments (${series.join(', ')}), three rounds (2026, 2025, 2024), ${count(items.length)} items in ${fmt(writtenMs / 1000)} s (made in ${fmt(generatedMs / 1000)} s); every tally equal to the recount of its self-evaluations, 10 per round also read back; every answer equal to the figures of that recount`,
    );
    for (const { r, gateway, baseline, body } of results) {
      const sizes = r.tallies.map((t) => t.selfEvaluations).sort((a, b) => a - b);
      const largestTally = Math.max(
        ...r.tallies.map((t) => Buffer.byteLength(JSON.stringify(item(selfEvaluationTallyKind, t)))),
      );
      const g = gateway.map((s) => s.ms);
      const b = baseline.map((s) => s.ms);
      const wireItems = itemsOf(gateway[0]!.calls);
      const dynamoKb = gateway[0]!.calls.reduce((s, c) => s + c.bytes, 0) / 1024;
      const t = body.total;
      console.log(
        `   ${r.label} (per department ${sizes[0]}–${sizes.at(-1)}, median ${percentile(sizes, 50)}; ${count(t.submitted)} sent on, ${count(t.late)} late, ${count(t.overdue)} overdue; ${count(t.approved)} final-approved, 优 ${t.byGrade.EXCELLENT} 良 ${t.byGrade.GOOD} 中 ${t.byGrade.FAIR} 差 ${t.byGrade.POOR}, average counted score ${t.averageCountedScore}; ${t.sampled} spot-checked, ${t.reviewed} finished, mean gap ${t.meanGap})`,
      );
      console.log(
        `     through the gateway: p50 ${fmt(percentile(g, 50))} ms, p95 ${fmt(percentile(g, 95))} ms (budget ≤ 150 ms), p99 ${fmt(percentile(g, 99))} ms; items read per request ${wireItems} at the wire (${callsText(gateway[0]!.calls)}, ${fmt(dynamoKb)} KB) = departments + 1, the answer's itemsRead ${gateway[0]!.itemsRead}; answer ${fmt(gateway[0]!.bytes / 1024)} KB; largest tally ${fmt(largestTally / 1024)} KB as JSON`,
      );
      console.log(
        `     baseline, the same ${wireItems} items read with the SDK (a GetItem, a Query on the tallies' owner index): p50 ${fmt(percentile(b, 50))} ms, p95 ${fmt(percentile(b, 95))} ms, p99 ${fmt(percentile(b, 99))} ms; ratio p50 ${fmt(percentile(g, 50) / percentile(b, 50), 2)}, p95 ${fmt(percentile(g, 95) / percentile(b, 95), 2)}`,
      );
    }
    const perRound = results.map((x) => `${itemsOf(x.gateway[0]!.calls)} for ${x.r.label}`);
    console.log(
      `   items read per request: ${perRound.join(', ')} (budget ∝ departments, not self-evaluations); Scans: none\n`,
    );
  } finally {
    await stack?.stop();
    await proxy?.close();
    direct?.destroy();
    await db.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    db.destroy();
  }
};
