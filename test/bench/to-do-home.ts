import os from 'node:os';
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ToDoHome } from '@jixiao/core/daily-work/to-do.ts';
import { toDoItemsShown, toDoQueuesFor } from '@jixiao/core/daily-work/to-do.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { createDocumentClient } from '@jixiao/functions/adapters/dynamodb/document-client.ts';
import * as keys from '@jixiao/functions/adapters/dynamodb/keys.ts';
import { createTableInput } from '@jixiao/functions/adapters/dynamodb/table-definition.ts';
import { monitoringReportKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import type { RecordKind } from '@jixiao/functions/ports/record-store.ts';
import { selfEvaluationKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import { targetKind } from '@jixiao/functions/submission/record-kinds.ts';
import {
  benchDepartments,
  benchMeta,
  benchSectionCodes,
  benchSelfEvaluationRound,
  seeded,
} from '../support/self-evaluation-bench-data.ts';
import { type CountingProxy, type DynamoCall, startCountingProxy } from './counting-proxy.ts';
import {
  batchWrite,
  benchTenantItems,
  benchWriteClient,
  callsText,
  fmt,
  itemsOf,
  percentile,
  startStack,
} from './self-evaluation-summary.ts';

/**
 * The to-do home (docs/domain/daily-work.md) held to its budget (issue 12): "a department reviewer in the
 * 200-department tenant: p95 ≤ 100 ms through the gateway", and the items it reads.
 *
 * The tenant is the self-evaluation summary's (test/support/self-evaluation-bench-data.ts): 200 departments, the
 * rounds of 2026 (5,000 self-evaluations) and 2025 (2,500), in every review state, written straight to a table of
 * their own with the queue keys the record kinds give them. The department reviewer of the department with the
 * most self-evaluations calls GET /api/v1/to-do through the local gateway, one request at a time, while a proxy in
 * front of DynamoDB Local counts the items DynamoDB returns. The baseline sends the same queries straight with the
 * SDK (for each of the reviewer's three queues a COUNT and a first page), in parallel as the handler does.
 * The answer's counts must equal a recount of the written records, and the items read must be the entries of the
 * reviewer's own queues plus the few shown, whatever the size of the tenant.
 */
const requests = Number(process.env.BENCH_TO_DO_REQUESTS ?? 200);
const warmUpRequests = 20;
const tenant = '120110000';
const tableName = 'bench-to-do-home';
const requestTimeoutMs = 10_000;

const kindOf: Record<string, RecordKind> = {
  target: targetKind,
  'monitoring-report': monitoringReportKind,
  'self-evaluation': selfEvaluationKind,
};

export const benchToDoHome = async (dynamoEndpoint: string): Promise<void> => {
  if (!Number.isInteger(requests) || requests < 1 || requests > 10_000)
    throw new Error('BENCH_TO_DO_REQUESTS must be a whole number from 1 to 10,000');
  const random = seeded(20261206);
  const db = benchWriteClient(dynamoEndpoint);
  let proxy: CountingProxy | undefined;
  let direct: DynamoDBDocumentClient | undefined;
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
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
      benchSelfEvaluationRound('2026', 2026, departments, 5000, random),
      benchSelfEvaluationRound('2025', 2025, departments, 2500, random),
    ];
    const selfEvaluations = rounds.flatMap((r) => r.selfEvaluations);
    await db.send(new CreateTableCommand(createTableInput(tableName)));
    const items = benchTenantItems(at, sections, departments, rounds);
    await batchWrite(db, items, tableName);

    // The reviewer of the department with the most self-evaluations waiting for them.
    const waitingFor = (departmentId: string) =>
      selfEvaluations.filter((s) => s.departmentId === departmentId && s.reviewStatus === 'UNIT_SUBMITTED').length;
    const busiest = [...departments].sort((a, b) => waitingFor(b.id) - waitingFor(a.id))[0]!;
    const person = {
      id: 'bench-department-reviewer',
      displayName: '部门审核基准',
      roles: ['department-reviewer'],
      departmentId: busiest.id,
    };
    const queues = toDoQueuesFor({ userId: person.id, roles: ['department-reviewer'], departmentId: busiest.id });
    const expectedCount = waitingFor(busiest.id);

    proxy = await startCountingProxy(dynamoEndpoint);
    stack = await startStack(proxy.endpoint, tableName, person);
    direct = createDocumentClient(proxy.endpoint);

    const viaGateway = async () => {
      const t0 = performance.now();
      const response = await fetch(`${stack!.url}/api/v1/to-do`, {
        headers: { authorization: `Bearer ${stack!.token}`, 'accept-language': 'zh-CN' },
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`to-do answered ${response.status}: ${text.slice(0, 300)}`);
      return { ms: performance.now() - t0, body: JSON.parse(text) as ToDoHome };
    };
    // The same queries, sent directly: per queue a COUNT and a first page of the entries shown plus one.
    const viaSdk = async () => {
      const t0 = performance.now();
      await Promise.all(
        queues.flatMap((q) => {
          const values = { ':pk': keys.queuePk(tenant, kindOf[q.subject]!, q.queue) };
          const query = { TableName: tableName, IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk' };
          return [
            direct!.send(new QueryCommand({ ...query, ExpressionAttributeValues: values, Select: 'COUNT' })),
            direct!.send(new QueryCommand({ ...query, ExpressionAttributeValues: values, Limit: toDoItemsShown + 1 })),
          ];
        }),
      );
      return performance.now() - t0;
    };

    const gateway: number[] = [];
    const baseline: number[] = [];
    let calls: DynamoCall[] = [];
    let last: ToDoHome | undefined;
    const loadBefore = os.loadavg()[0]!;
    proxy.take();
    for (let i = 0; i < warmUpRequests + requests; i++) {
      const b = await viaSdk();
      const bCalls = proxy.take();
      const g = await viaGateway();
      const gCalls = proxy.take();
      last = g.body;
      if (gCalls.some((c) => c.operation === 'Scan'))
        throw new Error(`a Scan on the to-do's path: ${callsText(gCalls)}`);
      if (gCalls.some((c) => c.status !== 200)) throw new Error(`DynamoDB refused a call: ${JSON.stringify(gCalls)}`);
      if (itemsOf(gCalls) !== itemsOf(bCalls))
        throw new Error(`the to-do read ${itemsOf(gCalls)} items, the baseline ${itemsOf(bCalls)}`);
      calls = gCalls;
      if (i < warmUpRequests) continue;
      gateway.push(g.ms);
      baseline.push(b);
    }
    const selfReview = last!.lists.find((l) => l.key === 'self-evaluation:review:department-reviewer');
    if (selfReview?.count !== expectedCount)
      throw new Error(`the to-do counts ${selfReview?.count} waiting self-evaluations, the records ${expectedCount}`);
    const counted = last!.lists.reduce((s, l) => s + l.count, 0);
    const shown = last!.lists.reduce((s, l) => s + Math.min(l.count, toDoItemsShown + 1), 0);
    if (itemsOf(calls) !== counted + shown)
      throw new Error(`the to-do read ${itemsOf(calls)} items; its queues hold ${counted} and it shows ${shown}`);

    console.log(
      `\n9. To-do home (GET /api/v1/to-do) as the department reviewer of the busiest of 200 departments, through the local gateway: ${requests} sequential requests after ${warmUpRequests} to warm up; load average ${fmt(loadBefore, 2)} → ${fmt(os.loadavg()[0]!, 2)}`,
    );
    console.log(
      `   tenant: ${departments.length} departments, ${selfEvaluations.length.toLocaleString('en-US')} self-evaluations over two rounds in every review state, ${items.length.toLocaleString('en-US')} items; the reviewer's queues: ${last!.lists.map((l) => `${l.key} ${l.count}`).join(', ')} (equal to the recount of the written records)`,
    );
    console.log(
      `   through the gateway: p50 ${fmt(percentile(gateway, 50))} ms, p95 ${fmt(percentile(gateway, 95))} ms (budget ≤ 100 ms), p99 ${fmt(percentile(gateway, 99))} ms; items read per request ${itemsOf(calls)} at the wire (${callsText(calls)}) = the ${counted} entries of the reviewer's own queues counted + ${shown} read to show; Scans: none`,
    );
    console.log(
      `   baseline, the same ${queues.length * 2} queries sent with the SDK in parallel: p50 ${fmt(percentile(baseline, 50))} ms, p95 ${fmt(percentile(baseline, 95))} ms; ratio p95 ${fmt(percentile(gateway, 95) / percentile(baseline, 95), 2)}\n`,
    );
  } finally {
    await stack?.stop();
    await proxy?.close();
    direct?.destroy();
    await db.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    db.destroy();
  }
};
