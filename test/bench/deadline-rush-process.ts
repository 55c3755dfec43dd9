/**
 * The deadline-rush figure in a process of its own (a handler makes its DynamoDB client once per
 * process, from the environment of that moment; see dashboard-stack-process.ts). Starts the local
 * stack with the demo on a fresh table, gives one department 300 budgeted projects and a round,
 * then saves and sends all 300 reports at concurrency 50 through the local gateway, as units'
 * browsers would (retrying what the API says to retry). Prints one JSON line with the figures.
 *
 * Arguments: DynamoDB endpoint, table.
 */
import { isDeepStrictEqual } from 'node:util';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { countsOnly, recount } from '@jixiao/core/monitoring/monitoring-tally.ts';
import { monitoringTallyKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import { type StoredReport, type TallyRecord, tallyId } from '@jixiao/functions/monitoring/tally-writes.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { startLocalStack } from '@jixiao/infra/local/stack.ts';
import { type Call, percentile, type RushReport, rushReports } from '../support/deadline-rush.ts';
import { seedManyBudgetedProjects } from '../support/many-budgeted-projects.ts';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const [dynamoEndpoint, tableName] = process.argv.slice(2) as [string, string];
const reportCount = 300;
const concurrency = 50;
const where = { department: '102', unit: '102001', section: 'JKW' };

const stack = await startLocalStack({ dynamoEndpoint, tableName, webRoot: '/nonexistent' });
try {
  const token = async (id: string, roles: string[], unit?: string) =>
    (
      await stack.identityProvider.issueIdToken(
        {
          id,
          displayName: id,
          tenant: demoTenant.id,
          roles,
          ...(unit ? { departmentId: demoId(`department:${where.department}`), unitId: demoId(`unit:${unit}`) } : {}),
        },
        3600,
      )
    ).idToken;
  const perf = await token('bench-perf', ['performance-section-reviewer']);
  const tokens = {
    preparer: await token('bench-rush-preparer', ['unit-preparer'], where.unit),
    approver: await token('bench-rush-approver', ['unit-approver'], where.unit),
  };
  const call: Call = async (method, path, options = {}) => {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${stack.url}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };

  const projectIds = await seedManyBudgetedProjects(stack.store, { ...where, count: reportCount, prefix: 'BR2026JY' });
  const roundId = uuidV7();
  const opened = await call('POST', '/api/v1/monitoring-rounds', {
    token: perf,
    body: {
      id: roundId,
      fiscalYear: 2026,
      name: '2026 年 1–6 月重点项目绩效运行监控',
      dataDate: '2026-06-30',
      deadline: '2026-07-20',
      scope: 'KEY',
      projectIds,
    },
  });
  if (opened.status !== 201) throw new Error(`round: ${opened.status}`);
  for (let i = 0; i < 20; i++) {
    if (
      (await call('POST', `/api/v1/monitoring-rounds/${roundId}/issue`, { token: perf, body: {} })).body.roundStatus ===
      'ISSUED'
    )
      break;
  }
  const readAll = async (): Promise<StoredReport[]> => {
    const reports: StoredReport[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(
        'GET',
        `/api/v1/monitoring-rounds/${roundId}/reports?departmentId=${demoId(`department:${where.department}`)}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: perf },
      );
      reports.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return reports;
  };
  const issued = await readAll();
  const started = performance.now();
  const outcome = await rushReports(call, issued as unknown as RushReport[], tokens, concurrency);
  const seconds = (performance.now() - started) / 1000;
  const after = await readAll();
  const tally = await stack.store.get<TallyRecord>(
    demoTenant.id,
    monitoringTallyKind,
    tallyId(roundId, demoId(`department:${where.department}`)),
  );
  const budgetFen = ((reportCount * (reportCount + 1)) / 2) * 1_000_000_00;
  process.stdout.write(
    `${JSON.stringify({
      reports: issued.length,
      concurrency,
      landed: outcome.landed,
      failures: outcome.failures.length,
      firstFailure: outcome.failures[0] ?? null,
      retries: outcome.retries,
      requests: outcome.requestMs.length,
      seconds,
      requestP50: percentile(outcome.requestMs, 50),
      requestP95: percentile(outcome.requestMs, 95),
      reportP50: percentile(outcome.reportMs, 50),
      reportP95: percentile(outcome.reportMs, 95),
      tallyEqualsRecount: isDeepStrictEqual(countsOnly(tally!), countsOnly(recount(after))),
      handTotals:
        tally?.reports === reportCount &&
        tally.submitted === reportCount &&
        tally.byStatus.UNIT_SUBMITTED === reportCount &&
        tally.budgetFen === budgetFen &&
        tally.executedFen === budgetFen / 2,
    })}\n`,
  );
} finally {
  await stack.stop();
}
