/**
 * `npm run bench`: the budgets of docs/decisions.md#15-budgets-measured-by-npm-run-bench, each against a baseline measured in the same run on
 * the same machine where there is one. A benchmark, not a test: it prints, it does not assert.
 * Section 4 needs the built web app: it is built first when missing or older than its sources.
 * `BENCH_ONLY=deadline-rush` runs section 6 alone; `BENCH_ONLY=table-check` the table check alone;
 * `BENCH_ONLY=self-evaluation-summary` section 7 alone; `BENCH_ONLY=self-evaluation-rush` section 8 alone;
 * `BENCH_ONLY=to-do-home` section 9 alone; `BENCH_ONLY=export-job` the export across departments alone;
 * `BENCH_ONLY=working-papers` an engagement's archive (500 records, 1,000 photos) alone;
 * `BENCH_ONLY=evaluation-report` the report's DOCX and XLSX (120 indicators, 50 findings) alone.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { newTargetRow } from '@jixiao/core/submission/target-row.ts';
import { createDocumentClient } from '@jixiao/functions/adapters/dynamodb/document-client.ts';
import * as keys from '@jixiao/functions/adapters/dynamodb/keys.ts';
import { createTableInput } from '@jixiao/functions/adapters/dynamodb/table-definition.ts';
import { engagementKind } from '@jixiao/functions/fieldwork/record-kinds.ts';
import { monitoringRoundKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import { departmentKind, financeSectionKind } from '@jixiao/functions/organisation/record-kinds.ts';
import type { StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import { requestHash } from '@jixiao/functions/records/request-hash.ts';
import { capabilities, handlerEntry } from '@jixiao/functions/routes.ts';
import { indicatorKind, projectKind, targetKind } from '@jixiao/functions/submission/record-kinds.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import { demoIndicators } from '@jixiao/infra/local/demo-indicators.ts';
import { startDynamoDbLocal } from '@jixiao/infra/local/dynamodb-local.ts';
import { localRuntimeNodeFlags } from '@jixiao/infra/local/node-flags.ts';
import { repositoryRoot } from '@jixiao/infra/local/stack.ts';
import { benchDeadlineRush } from './deadline-rush.ts';
import { benchEvaluationReport } from './evaluation-report.ts';
import { benchExportJob } from './export-job.ts';
import { benchFieldApp } from './field-app.ts';
import { bundleHandler } from './lambda-bundle.ts';
import { benchMonitoringDashboard } from './monitoring-dashboard.ts';
import { benchSelfEvaluationDeadlineRush } from './self-evaluation-deadline-rush.ts';
import { benchSelfEvaluationSummary } from './self-evaluation-summary.ts';
import { benchTableCheck } from './table-check.ts';
import { benchToDoHome } from './to-do-home.ts';
import { ensureWebBuild } from './web-build.ts';
import { benchWorkingPapersJob } from './working-papers-job.ts';

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const requestsPerRound = Number(process.env.BENCH_REQUESTS ?? 1000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const coldRuns = Number(process.env.BENCH_COLD_RUNS ?? 40);
const warmInvocations = Number(process.env.BENCH_WARM_INVOCATIONS ?? 5000);
const tenant = '120110000';
const here = join(repositoryRoot, 'test/bench');
const scratch = mkdtempSync(join(os.tmpdir(), 'jixiao-bench-'));

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const median = (values: number[]) => percentile(values, 50);
const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** N operations at fixed concurrency; returns throughput and latencies. */
const load = async (operation: (i: number) => Promise<void>, n: number) => {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        try {
          await operation(i);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: n / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
};

const peakRssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

const submissionsPerRound = Number(process.env.BENCH_SUBMISSIONS ?? 300);

const benchProject = (code: string) => ({
  id: uuidV7(),
  fiscalYear: 2027,
  code: `BENCH${code.toUpperCase()}`.replace(/[^0-9A-Z]/g, '').slice(0, 21),
  name: '基准测试项目',
  unitId: demoId('unit:102001'),
  category: 'SPECIFIC_PURPOSE',
  nature: 'CONTINUING',
  recurrence: 'RECURRING',
  periodStart: 2027,
  periodEnd: 2027,
  funds: { fiscal: 100_000_000, carryOver: 0, other: 0 },
  functionalClass: '20502',
  majorPolicy: false,
});

const benchRows = () =>
  (
    [
      ['OUTPUT', 'QUANTITY', 'GTE', '100', '人次', 20],
      ['OUTPUT', 'QUALITY', 'GTE', '95', '%', 15],
      ['OUTPUT', 'TIMELINESS', 'LTE', '11', '月', 10],
      ['OUTPUT', 'COST', 'LTE', '650', '元/人次', 5],
      ['BENEFIT', 'SOCIAL', 'QUALITATIVE', '明显提升', '', 30],
      ['SATISFACTION', 'SERVICE_RECIPIENT', 'GTE', '90', '%', 10],
    ] as const
  ).map(([level1, level2, operator, value, unit, weight]) =>
    newTargetRow(uuidV7(), {
      level1,
      level2,
      name: `${level2}指标`,
      operator,
      value,
      unit,
      weight,
      scoringStandard: '按完成比例计分',
    }),
  );

const departmentBody = (i: number, prefix: string) => ({
  id: uuidV7(),
  code: `${prefix}${i}`,
  name: `基准测试部门${i}`,
  series: 'GOVERNMENT',
  financeSectionId: demoId('section:JKW'),
});

const main = async () => {
  if (process.env.BENCH_ONLY === 'table-check') {
    try {
      await benchTableCheck(scratch);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    return;
  }
  // The self-evaluation lines (docs/testing.md), each on a DynamoDB Local of its own.
  const selfEvaluationLine = {
    'self-evaluation-summary': benchSelfEvaluationSummary,
    'self-evaluation-rush': benchSelfEvaluationDeadlineRush,
    'to-do-home': benchToDoHome,
    'export-job': benchExportJob,
    'working-papers': benchWorkingPapersJob,
    'evaluation-report': benchEvaluationReport,
  }[process.env.BENCH_ONLY ?? ''];
  if (selfEvaluationLine) {
    const dynamo = await startDynamoDbLocal();
    try {
      await selfEvaluationLine(dynamo.endpoint);
    } finally {
      await dynamo.stop();
    }
    return;
  }
  if (process.env.BENCH_ONLY === 'deadline-rush') {
    const dynamo = await startDynamoDbLocal();
    try {
      await benchDeadlineRush(dynamo.endpoint);
    } finally {
      await dynamo.stop();
    }
    return;
  }
  // Before anything is measured: a build would load the machine during the figures.
  ensureWebBuild();
  const dynamo = await startDynamoDbLocal();
  const db = createDocumentClient(dynamo.endpoint);
  const children: ChildProcess[] = [];
  try {
    console.log('Jixiao benchmark');
    console.log(
      `machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB, ${os.platform()} ${os.arch()}; Node ${process.version}`,
    );
    console.log(`DynamoDB Local: the bundled emulator (Java), in memory, on loopback\n`);

    // ---- 1. create throughput: gateway + handler vs the same DynamoDB requests sent directly
    const baselineTable = 'bench-baseline';
    await db.send(new CreateTableCommand(createTableInput(baselineTable)));
    const section = { id: demoId('section:JKW'), version: 1, code: 'JKW', name: '教科文科', type: 'BUSINESS' };
    await db.send(
      new PutCommand({ TableName: baselineTable, Item: keys.recordItem(tenant, financeSectionKind, section) }),
    );

    const gateway = spawn(
      process.execPath,
      [...localRuntimeNodeFlags, join(here, 'gateway-process.ts'), dynamo.endpoint, 'bench-gateway'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(gateway);
    const { url, token, preparer, approver } = await new Promise<{
      url: string;
      token: string;
      preparer: string;
      approver: string;
    }>((resolve, reject) => {
      let text = '';
      gateway.stdout!.on('data', (c: Buffer) => {
        text += c.toString();
        const line = text.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line));
      });
      gateway.once('exit', () => reject(new Error('gateway process exited')));
    });

    const viaGateway = async (i: number, prefix: string) => {
      const response = await fetch(`${url}/api/v1/departments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(departmentBody(i, prefix)),
      });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(String(response.status));
    };
    // The very requests the repository makes for that create: read the referenced section, then
    // one transaction with the record, the create record (idempotency), the audit entry and the code.
    const direct = async (i: number, prefix: string) => {
      const body = departmentBody(i, prefix);
      const at = new Date().toISOString();
      const record = {
        ...body,
        isFinanceBureau: false,
        status: 'active',
        version: 1,
        createdAt: at,
        updatedAt: at,
        createdBy: 'bench',
        updatedBy: 'bench',
      };
      await db.send(
        new GetCommand({
          TableName: baselineTable,
          Key: { pk: keys.recordPk(tenant, financeSectionKind, section.id), sk: keys.recordSk },
          ConsistentRead: true,
        }),
      );
      const pk = keys.recordPk(tenant, departmentKind, record.id);
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: baselineTable,
                Item: keys.recordItem(tenant, departmentKind, record),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: baselineTable,
                Item: { pk, sk: keys.createSk, requestHash: requestHash(body), response: JSON.stringify(record), at },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: baselineTable,
                Item: {
                  pk,
                  sk: keys.auditSk(at, uuidV7()),
                  entry: { at, actor: 'bench', action: 'create', before: null, after: record },
                },
              },
            },
            {
              Put: {
                TableName: baselineTable,
                Item: {
                  pk: keys.uniquePk(tenant, departmentKind, 'code', record.code),
                  sk: keys.uniqueSk,
                  id: record.id,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    };

    await load((i) => direct(i, 'w'), 200);
    await load((i) => viaGateway(i, 'w'), 200);
    const baselineRuns = [];
    const gatewayRuns = [];
    for (let r = 0; r < rounds; r++) {
      baselineRuns.push(await load((i) => direct(i, `b${r}x`), requestsPerRound));
      gatewayRuns.push(await load((i) => viaGateway(i, `g${r}x`), requestsPerRound));
    }
    const summarise = (runs: Awaited<ReturnType<typeof load>>[]) => ({
      perSecond: median(runs.map((r) => r.perSecond)),
      p50: median(runs.map((r) => r.p50)),
      p99: median(runs.map((r) => r.p99)),
      errors: runs.reduce((s, r) => s + r.errors, 0),
    });
    const base = summarise(baselineRuns);
    const ours = summarise(gatewayRuns);
    const gatewayPeakMb = peakRssMb(gateway.pid!);
    console.log(
      `1. Idempotent create (POST /api/v1/departments), ${rounds} rounds × ${requestsPerRound} at concurrency ${concurrency} (medians)`,
    );
    console.log(
      `   baseline, same DynamoDB requests via the SDK: ${fmt(base.perSecond)} creates/s, p50 ${fmt(base.p50)} ms, p99 ${fmt(base.p99)} ms, errors ${base.errors}`,
    );
    console.log(
      `   through gateway + token check + validation + handler + audit: ${fmt(ours.perSecond)} creates/s, p50 ${fmt(ours.p50)} ms, p99 ${fmt(ours.p99)} ms, errors ${ours.errors}`,
    );
    console.log(
      `   throughput ratio ${fmt(ours.perSecond / base.perSecond, 2)} (budget ≥ 0.80); p99 ratio ${fmt(ours.p99 / base.p99, 2)} (budget ≤ 2.00); ODK Central publishes 41 submissions/s`,
    );
    console.log(`   local gateway peak RSS during the run: ${fmt(gatewayPeakMb)} MB (budget ≤ 300 MB)\n`);

    // ---- 1b. target submission: the unit approver sends a complete draft on (rules 1–4 checked,
    // the version and its project moved in one transaction with two audit entries)
    const api = async (who: string, method: string, path: string, body: unknown) => {
      const response = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${who}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (response.status >= 300) throw new Error(`${method} ${path} ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    /** Drafts ready to submit, made through the API (not timed). */
    const prepareDrafts = async (n: number, prefix: string) => {
      const drafts: { id: string; version: number }[] = [];
      await load(async (i) => {
        const project = await api(preparer, 'POST', '/projects', benchProject(`${prefix}${i}`));
        const target = await api(preparer, 'POST', `/projects/${project.id}/targets`, { id: uuidV7() });
        const saved = await api(preparer, 'PATCH', `/targets/${target.id}`, {
          version: target.version,
          annualGoal: '完成年度任务',
          rows: benchRows(),
        });
        drafts[i] = { id: String(saved.id), version: Number(saved.version) };
      }, n);
      return drafts;
    };
    const submitViaGateway = (drafts: { id: string; version: number }[]) => async (i: number) => {
      const d = drafts[i]!;
      const result = await api(approver, 'POST', `/targets/${d.id}/submit`, { version: d.version });
      if (result.reviewStatus !== 'UNIT_SUBMITTED') throw new Error('not submitted');
    };
    // The baseline: the requests a submit makes, sent directly on copies of such a draft and its
    // project: read both, then one transaction with both records and their audit entries.
    const sample = (await prepareDrafts(1, 'sample'))[0]!;
    const templateTarget = (await api(approver, 'GET', `/targets/${sample.id}`, undefined)) as StoredRecord;
    const { checks: _c, libraryReferences: _l, ...targetRecord } = templateTarget;
    const templateProject = (await api(
      approver,
      'GET',
      `/projects/${targetRecord.projectId}`,
      undefined,
    )) as StoredRecord;
    const seedBaseline = async (n: number) => {
      const pairs: { target: StoredRecord; project: StoredRecord }[] = [];
      await load(async (i) => {
        const project = { ...templateProject, id: uuidV7() };
        const target: StoredRecord = {
          ...targetRecord,
          id: uuidV7(),
          projectId: project.id,
          version: templateTarget.version,
        };
        await db.send(
          new PutCommand({ TableName: baselineTable, Item: keys.recordItem(tenant, projectKind, project) }),
        );
        await db.send(new PutCommand({ TableName: baselineTable, Item: keys.recordItem(tenant, targetKind, target) }));
        pairs[i] = { target, project };
      }, n);
      return pairs;
    };
    const submitDirect = (pairs: Awaited<ReturnType<typeof seedBaseline>>) => async (i: number) => {
      const { target, project } = pairs[i]!;
      const read = (kind: typeof targetKind, id: string) =>
        db.send(
          new GetCommand({
            TableName: baselineTable,
            Key: { pk: keys.recordPk(tenant, kind, id), sk: keys.recordSk },
            ConsistentRead: true,
          }),
        );
      await read(targetKind, target.id);
      await read(projectKind, project.id);
      const at = new Date().toISOString();
      const nextTarget: StoredRecord = {
        ...target,
        reviewStatus: 'UNIT_SUBMITTED',
        statusSince: at,
        version: target.version + 1,
      };
      const nextProject = {
        ...project,
        currentTargetStatus: 'UNIT_SUBMITTED',
        stage: 'IN_REVIEW',
        version: project.version + 1,
      };
      const audit = (kind: typeof targetKind, id: string, before: unknown, after: unknown) => ({
        Put: {
          TableName: baselineTable,
          Item: {
            pk: keys.recordPk(tenant, kind, id),
            sk: keys.auditSk(at, uuidV7()),
            entry: { at, actor: 'bench', action: 'update', operation: 'submit', before, after },
          },
        },
      });
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: baselineTable,
                Item: keys.recordItem(tenant, targetKind, nextTarget),
                ConditionExpression: 'version = :v',
                ExpressionAttributeValues: { ':v': target.version },
              },
            },
            audit(targetKind, target.id, target, nextTarget),
            {
              Put: {
                TableName: baselineTable,
                Item: keys.recordItem(tenant, projectKind, nextProject),
                ConditionExpression: 'version = :v',
                ExpressionAttributeValues: { ':v': project.version },
              },
            },
            audit(projectKind, project.id, project, nextProject),
          ],
        }),
      );
    };
    const submitRuns = {
      base: [] as Awaited<ReturnType<typeof load>>[],
      ours: [] as Awaited<ReturnType<typeof load>>[],
    };
    for (let r = 0; r < rounds; r++) {
      const pairs = await seedBaseline(submissionsPerRound);
      const drafts = await prepareDrafts(submissionsPerRound, `s${r}x`);
      submitRuns.base.push(await load(submitDirect(pairs), submissionsPerRound));
      submitRuns.ours.push(await load(submitViaGateway(drafts), submissionsPerRound));
    }
    const submitBase = summarise(submitRuns.base);
    const submitOurs = summarise(submitRuns.ours);
    console.log(
      `1b. Target submission (POST /api/v1/targets/{id}/submit), ${rounds} rounds × ${submissionsPerRound} at concurrency ${concurrency} (medians)`,
    );
    console.log(
      `   baseline, same DynamoDB requests via the SDK: ${fmt(submitBase.perSecond)} submissions/s, p50 ${fmt(submitBase.p50)} ms, p99 ${fmt(submitBase.p99)} ms, errors ${submitBase.errors}`,
    );
    console.log(
      `   through gateway + token + scope + rules 1–4 + transaction: ${fmt(submitOurs.perSecond)} submissions/s, p50 ${fmt(submitOurs.p50)} ms, p99 ${fmt(submitOurs.p99)} ms, errors ${submitOurs.errors}`,
    );
    console.log(
      `   throughput ratio ${fmt(submitOurs.perSecond / submitBase.perSecond, 2)} (budget ≥ 0.80); p99 ratio ${fmt(submitOurs.p99 / submitBase.p99, 2)} (budget ≤ 2.00)\n`,
    );
    gateway.kill('SIGTERM');

    // ---- 2. bundles and cold starts
    const coldTable = 'bench-cold';
    await db.send(new CreateTableCommand(createTableInput(coldTable)));
    const department = {
      id: demoId('department:102'),
      version: 1,
      code: '102',
      name: '东丽区教育局',
      series: 'GOVERNMENT',
      financeSectionId: section.id,
      isFinanceBureau: false,
      status: 'active',
    };
    await db.send(new PutCommand({ TableName: coldTable, Item: keys.recordItem(tenant, departmentKind, department) }));
    const indicatorId = demoId(`indicator:${demoIndicators[0]!.code}`);
    await db.send(
      new PutCommand({
        TableName: coldTable,
        Item: keys.recordItem(tenant, indicatorKind, {
          id: indicatorId,
          version: 1,
          fiscalYear: 2026,
          ...demoIndicators[0]!,
        }),
      }),
    );
    const engagementId = demoId('engagement:bench');
    await db.send(
      new PutCommand({
        TableName: coldTable,
        Item: keys.recordItem(tenant, engagementKind, {
          id: engagementId,
          version: 1,
          title: '重点评价',
          state: 'SELECTED',
          departmentId: department.id,
          financeSectionId: section.id,
          agencyId: null,
          releasedAt: null,
        }),
      }),
    );
    const roundId = demoId('monitoring-round:bench');
    await db.send(
      new PutCommand({
        TableName: coldTable,
        Item: keys.recordItem(tenant, monitoringRoundKind, {
          id: roundId,
          version: 1,
          fiscalYear: 2026,
          name: '2026 年 1–6 月运行监控',
          dataDate: '2026-06-30',
          deadline: '2026-07-20',
          roundStatus: 'ISSUED',
        }),
      }),
    );
    const admin = { sub: 'bench-admin', 'custom:tenant': tenant, 'cognito:groups': '[tenant-admin]' };
    const apiEvent = (
      routeKey: string,
      path: string,
      pathParameters?: Record<string, string>,
      claims: Record<string, string> = admin,
      queryStringParameters?: Record<string, string>,
    ) => ({
      version: '2.0',
      routeKey,
      rawPath: path,
      rawQueryString: new URLSearchParams(queryStringParameters).toString(),
      ...(queryStringParameters ? { queryStringParameters } : {}),
      headers: { 'accept-language': 'zh-CN' },
      ...(pathParameters ? { pathParameters } : {}),
      isBase64Encoded: false,
      requestContext: {
        requestId: 'cold',
        routeKey,
        http: { method: 'GET', path },
        authorizer: { jwt: { claims, scopes: [] } },
      },
    });
    const targets: { name: string; entry: string; event: unknown }[] = [
      {
        name: 'bare handler (baseline)',
        entry: join(here, 'bare-handler.ts'),
        event: { pathParameters: { id: department.id } },
      },
      ...capabilities.map((capability) => ({
        name: capability,
        entry: join(repositoryRoot, handlerEntry(capability)),
        // Each capability's one call reads one record (the platform's reads the caller's profile).
        event: {
          platform: apiEvent('GET /api/v1/me', '/api/v1/me'),
          organisation: apiEvent('GET /api/v1/departments/{id}', `/api/v1/departments/${department.id}`, {
            id: department.id,
          }),
          submission: apiEvent('GET /api/v1/indicators/{id}', `/api/v1/indicators/${indicatorId}`, { id: indicatorId }),
          fieldwork: apiEvent(
            'GET /api/v1/engagements/{id}',
            `/api/v1/engagements/${engagementId}`,
            { id: engagementId },
            { ...admin, 'cognito:groups': '[performance-section-reviewer]' },
          ),
          monitoring: apiEvent(
            'GET /api/v1/monitoring-rounds/{id}',
            `/api/v1/monitoring-rounds/${roundId}`,
            { id: roundId },
            { ...admin, 'cognito:groups': '[performance-section-reviewer]' },
          ),
          'daily-work': apiEvent('GET /api/v1/to-do', '/api/v1/to-do', undefined, {
            ...admin,
            'cognito:groups': '[performance-section-reviewer]',
          }),
          imports: apiEvent(
            'GET /api/v1/execution-imports/{fiscalYear}',
            '/api/v1/execution-imports/2026',
            { fiscalYear: '2026' },
            { ...admin, 'cognito:groups': '[performance-section-reviewer]' },
          ),
          'self-evaluation': apiEvent(
            'GET /api/v1/scoring-settings/{fiscalYear}',
            '/api/v1/scoring-settings/2026',
            { fiscalYear: '2026' },
            { ...admin, 'cognito:groups': '[performance-section-reviewer]' },
          ),
          'department-evaluation': apiEvent(
            'GET /api/v1/department-evaluations',
            '/api/v1/department-evaluations',
            undefined,
            { ...admin, 'cognito:groups': '[performance-section-reviewer]' },
            { fiscalYear: '2026' },
          ),
          'key-evaluation': apiEvent(
            'GET /api/v1/engagements/{id}/conclusion',
            `/api/v1/engagements/${engagementId}/conclusion`,
            { id: engagementId },
            { ...admin, 'cognito:groups': '[performance-section-reviewer]' },
          ),
          'evaluation-report': apiEvent(
            'GET /api/v1/engagements/{id}/report',
            `/api/v1/engagements/${engagementId}/report`,
            { id: engagementId },
            { ...admin, 'cognito:groups': '[performance-section-reviewer]' },
          ),
          'results-application': apiEvent(
            'GET /api/v1/results-policies/{fiscalYear}',
            '/api/v1/results-policies/2026',
            { fiscalYear: '2026' },
            { ...admin, 'cognito:groups': '[performance-section-reviewer]' },
          ),
          'department-assessment': apiEvent(
            'GET /api/v1/training-attendance/{fiscalYear}',
            '/api/v1/training-attendance/2026',
            { fiscalYear: '2026' },
            { ...admin, 'cognito:groups': '[performance-section-reviewer]' },
          ),
        }[capability],
      })),
    ];
    const bundles: {
      name: string;
      entry: string;
      event: unknown;
      file: string;
      eventFile: string;
      bytes: number;
      samples: number[];
    }[] = [];
    for (const target of targets) {
      const file = join(scratch, `${target.name.split(' ')[0]}.mjs`);
      const eventFile = join(scratch, `${target.name.split(' ')[0]}.event.json`);
      writeFileSync(eventFile, JSON.stringify(target.event));
      bundles.push({
        ...target,
        file,
        eventFile,
        bytes: await bundleHandler(target.entry, file),
        samples: [] as number[],
      });
    }
    const env = {
      ...process.env,
      TABLE_NAME: coldTable,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      POWERTOOLS_SERVICE_NAME: 'bench',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      POWERTOOLS_METRICS_NAMESPACE: 'Jixiao',
    };
    for (let run = 0; run < coldRuns; run++) {
      for (const bundle of bundles) {
        const output = execFileSync(
          process.execPath,
          [join(here, 'cold-start-probe.ts'), bundle.file, bundle.eventFile],
          { env, encoding: 'utf8' },
        );
        const result = JSON.parse(output.slice(output.lastIndexOf('{"importMs"'))) as {
          totalMs: number;
          status: number;
        };
        if (result.status !== 200) throw new Error(`${bundle.name} answered ${result.status}`);
        bundle.samples.push(result.totalMs);
      }
    }
    const bare = bundles[0]!;
    console.log(
      `2. Lambda bundles (esbuild, ESM, minified, AWS SDK inside) and cold start in a fresh process: import + init + one call, ${coldRuns} runs each, interleaved`,
    );
    for (const bundle of bundles) {
      const p50 = median(bundle.samples);
      const p95 = percentile(bundle.samples, 95);
      const ratio =
        bundle === bare
          ? ''
          : `; p50 ratio ${fmt(p50 / median(bare.samples), 2)}, p95 ratio ${fmt(p95 / percentile(bare.samples, 95), 2)} (budget ≤ 1.25)`;
      console.log(
        `   ${bundle.name.padEnd(24)} ${fmt(bundle.bytes / 1024)} KB (budget ≤ 400 KB); p50 ${fmt(p50)} ms, p95 ${fmt(p95)} ms${ratio}`,
      );
    }
    console.log('');

    // ---- 3. memory of one warm handler, against the bare SDK handler
    const memoryOf = (bundle: (typeof bundles)[number]) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          ['--expose-gc', join(here, 'memory-probe.ts'), bundle.file, bundle.eventFile, String(warmInvocations)],
          { env: { ...env, POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' }, encoding: 'utf8' },
        ),
      ) as { before: number; after: number; heapBefore: number; heapAfter: number; failures: number };
    const mb = (bytes: number) => fmt(bytes / 2 ** 20);
    const growth = (a: number, b: number) => fmt(((b - a) / a) * 100);
    console.log(
      `3. Memory over ${warmInvocations} warm in-process invocations, after a warm-up of as many (GET a department / the bare read)`,
    );
    for (const bundle of [bundles.find((b) => b.name === 'organisation')!, bare]) {
      const m = memoryOf(bundle);
      console.log(
        `   ${bundle.name.padEnd(24)} RSS ${mb(m.before)} → ${mb(m.after)} MB: ${growth(m.before, m.after)} %${bundle === bare ? '' : ' (budget < 10 %)'}; heap ${mb(m.heapBefore)} → ${mb(m.heapAfter)} MB; failures ${m.failures}`,
      );
    }
    console.log('');

    // ---- 4. the field app: first-load JS, Lighthouse, the outbox drain
    await benchFieldApp(dynamo.endpoint);
    await benchMonitoringDashboard(dynamo.endpoint);
    await benchDeadlineRush(dynamo.endpoint);
    await benchSelfEvaluationSummary(dynamo.endpoint);
    await benchSelfEvaluationDeadlineRush(dynamo.endpoint);
    await benchToDoHome(dynamo.endpoint);
    await benchExportJob(dynamo.endpoint);
    await benchTableCheck(scratch);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    db.destroy();
    await dynamo.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
};

await main();
