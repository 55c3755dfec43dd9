import { deepStrictEqual } from 'node:assert/strict';
import { spawn } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { type DeviationReason, defaultThresholds, type Likelihood } from '@jixiao/core/monitoring/monitoring-config.ts';
import type { ReportLine } from '@jixiao/core/monitoring/monitoring-report.ts';
import {
  applyChange,
  countsOnly,
  emptyCounts,
  recount,
  type TallyCounts,
} from '@jixiao/core/monitoring/monitoring-tally.ts';
import { assess } from '@jixiao/core/monitoring/monitoring-warnings.ts';
import { reportActions } from '@jixiao/core/monitoring/report-workflow.ts';
import { type DepartmentSeries, departmentSeries } from '@jixiao/core/organisation/department.ts';
import type { ReviewStep, TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import type { ProjectFunds } from '@jixiao/core/submission/project.ts';
import { createDocumentClient } from '@jixiao/functions/adapters/dynamodb/document-client.ts';
import * as keys from '@jixiao/functions/adapters/dynamodb/keys.ts';
import { createTableInput } from '@jixiao/functions/adapters/dynamodb/table-definition.ts';
import type { OperationRequest } from '@jixiao/functions/http/api-event.ts';
import {
  monitoringReportKind,
  monitoringRoundKind,
  monitoringTallyKind,
  redMarkKind,
} from '@jixiao/functions/monitoring/record-kinds.ts';
import {
  type DepartmentOfRound,
  newTally,
  redMarkWrite,
  type StoredReport,
  type TallyRecord,
  tallyId,
} from '@jixiao/functions/monitoring/tally-writes.ts';
import { departmentKind, financeSectionKind, unitKind } from '@jixiao/functions/organisation/record-kinds.ts';
import type { RecordKind, StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import { localRuntimeNodeFlags } from '@jixiao/infra/local/node-flags.ts';
import { repositoryRoot } from '@jixiao/infra/local/stack.ts';
import { type CountingProxy, type DynamoCall, startCountingProxy } from './counting-proxy.ts';

/**
 * The bureau dashboard's budget (docs/decisions.md#15-budgets-measured-by-npm-run-bench) (`npm run bench`, section 5): "200 departments / 5,000
 * projects: p95 ≤ 150 ms through the local gateway; items read ∝ departments".
 *
 * One tenant, written straight to a table of its own: 200 departments in the three series, and
 * three issued rounds — 200 departments with 5,000 reports, the same 200 with 1,000, and 100 of
 * them with 5,000 — the reports spread unevenly (a few departments with hundreds of projects), in
 * every review state and colour, each judged by core's `assess`; every department's tally is kept
 * as the API keeps it (each write of a report applied with `applyChange`) and checked against
 * `recount`. The dashboard is then called through the local gateway as the performance section,
 * one request at a time, while a proxy in front of DynamoDB Local counts the items DynamoDB
 * returns for each request; the baseline is the same items read directly with the SDK (the round,
 * then a Query of the tallies on the owner index), through the same proxy.
 */
const requestsPerRound = Number(process.env.BENCH_DASHBOARD_REQUESTS ?? 200);
const warmUpRequests = 20;
const tenant = '120110000';
const tableName = 'bench-dashboard';
/** No single request may take longer than this; the stack gets as long to start. */
const requestTimeoutMs = 10_000;
/** Who the generated records say made them. */
const benchRequest = { receivedAt: '2026-07-01T01:00:00.000Z', principal: { userId: 'bench' } } as OperationRequest;
const startTimeoutMs = 60_000;

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const count = (n: number) => n.toLocaleString('en-US');
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

/** A small seeded generator (mulberry32), so every run writes the same shape of data. */
const seeded = (seed: number) => {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (lo: number, hi: number) => lo + next() * (hi - lo),
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    weighted: <T extends string>(weights: Partial<Record<T, number>>): T => {
      const entries = Object.entries(weights) as [T, number][];
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [key, w] of entries) {
        r -= w;
        if (r < 0) return key;
      }
      return entries.at(-1)![0];
    },
  };
};
type Random = ReturnType<typeof seeded>;

interface BenchDepartment extends DepartmentOfRound {
  unitId: string;
  unitName: string;
}

interface BenchRound {
  label: string;
  id: string;
  record: StoredRecord;
  departments: BenchDepartment[];
  reports: StoredReport[];
  tallies: TallyRecord[];
}

const at = '2026-07-01T02:00:00.000Z';
const meta = (id: string) => ({
  id,
  version: 1,
  status: 'active' as const,
  createdAt: at,
  updatedAt: at,
  createdBy: 'bench',
  updatedBy: 'bench',
});

const sections = ['JKW', 'SNK', 'JJK', 'ZHK', 'XZK'].map((code, i) => ({
  ...meta(uuidV7()),
  code,
  name: ['教科文科', '社会保障科', '经济建设科', '综合科', '行政政法科'][i]!,
  type: 'BUSINESS',
}));

/** 200 departments: about half government, a fifth party and mass organisations, the rest streets and parks. */
const makeDepartments = (n: number): BenchDepartment[] =>
  Array.from({ length: n }, (_, i) => {
    const series: DepartmentSeries =
      i % 20 < 11 ? departmentSeries[0] : i % 20 < 15 ? departmentSeries[1] : departmentSeries[2];
    const code = `9${String(i + 1).padStart(3, '0')}`;
    return {
      id: uuidV7(),
      code,
      name: `${{ GOVERNMENT: '区直部门', PARTY_MASS: '党群部门', STREET_PARK: '街道园区' }[series]}${code}`,
      series,
      financeSectionId: sections[i % sections.length]!.id,
      unitId: uuidV7(),
      unitName: `${code}本级`,
    };
  });

/**
 * `total` reports over `n` departments, every department at least one, the rest by a long-tailed
 * weight (the k-th largest department gets about 1/k^0.9 of it) in a shuffled order.
 */
const spread = (total: number, n: number, random: Random): number[] => {
  const weights = Array.from({ length: n }, (_, k) => 1 / (k + 1) ** 0.9);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [weights[i], weights[j]] = [weights[j]!, weights[i]!];
  }
  const sum = weights.reduce((s, w) => s + w, 0);
  const shares = weights.map((w) => ((total - n) * w) / sum);
  const counts = shares.map((s) => 1 + Math.floor(s));
  const order = shares.map((s, i) => ({ i, rest: s - Math.floor(s) })).sort((a, b) => b.rest - a.rest);
  for (let k = 0; counts.reduce((s, c) => s + c, 0) < total; k++) counts[order[k % n]!.i]! += 1;
  return counts;
};

const indicatorTemplates = [
  ['OUTPUT', 'QUANTITY', 'GTE', '1200', '人次', '培训人次'],
  ['OUTPUT', 'QUANTITY', 'GTE', '36', '个', '覆盖社区数'],
  ['OUTPUT', 'QUALITY', 'GTE', '95', '%', '验收合格率'],
  ['OUTPUT', 'TIMELINESS', 'LTE', '11', '月', '完成时间'],
  ['OUTPUT', 'COST', 'LTE', '650', '元/人次', '人均成本'],
  ['BENEFIT', 'SOCIAL', 'QUALITATIVE', '明显提升', '', '公共服务水平'],
  ['SATISFACTION', 'SERVICE_RECIPIENT', 'GTE', '90', '%', '服务对象满意度'],
] as const;

/** Mid-round: most reports sent on, many approved, some still drafts or sent back. */
const reviewWeights: Partial<Record<TargetStatus, number>> = {
  DRAFT: 12,
  RETURNED: 6,
  UNIT_SUBMITTED: 14,
  DEPT_APPROVED: 18,
  FIRST_REVIEWED: 20,
  FINAL_APPROVED: 30,
};

/** The actions that lead from a draft to `status`, in order. */
const pathTo = (status: TargetStatus, random: Random): (keyof typeof reportActions)[] => {
  const forward = ['submit', 'department-approve', 'first-approve', 'final-approve'] as const;
  const steps = { UNIT_SUBMITTED: 1, DEPT_APPROVED: 2, FIRST_REVIEWED: 3, FINAL_APPROVED: 4 } as Record<string, number>;
  if (status === 'DRAFT') return [];
  if (status === 'RETURNED') {
    const by = random.pick(['department-return', 'first-return', 'final-return'] as const);
    return [...forward.slice(0, { 'department-return': 1, 'first-return': 2, 'final-return': 3 }[by]), by];
  }
  // A fifth of those under review or approved were sent back once on the way.
  const path: (keyof typeof reportActions)[] = random.next() < 0.2 ? ['submit', 'department-return'] : [];
  return [...path, ...forward.slice(0, steps[status] ?? 0)];
};

/** What the department filled in, shaped so that the colours come out varied (judged by `assess`). */
const content = (budget: ProjectFunds, dataDate: string, filled: boolean, random: Random) => {
  const month = Number(dataDate.slice(5, 7));
  const time = month / 12;
  const total = budget.fiscal + budget.carryOver + budget.other;
  const trouble = random.weighted({ none: 62, budget: 8, possible: 12, impossible: 4, forecast: 10, diverge: 4 });
  const rate = trouble === 'budget' ? random.between(0.08, time - 0.22) : random.between(time - 0.05, time + 0.2);
  const executedTotal = filled ? Math.round(total * Math.min(rate, 1)) : 0;
  const executed = { fiscal: Math.min(executedTotal, budget.fiscal), carryOver: 0, other: 0 };
  executed.carryOver = Math.min(executedTotal - executed.fiscal, budget.carryOver);
  const templates = [...indicatorTemplates].sort(() => random.next() - 0.5).slice(0, random.int(3, 7));
  const troubled = random.int(0, templates.length - 1);
  const lines: ReportLine[] = templates.map(([level1, level2, operator, targetValue, unit, name], i) => {
    const target = Number(targetValue);
    const quantitative = operator !== 'QUALITATIVE';
    const progress = trouble === 'diverge' ? Math.min(1, rate + 0.35) : rate + random.between(-0.04, 0.04);
    let forecast = quantitative ? targetValue : '';
    let likelihood: Likelihood = 'CERTAIN';
    let reasons: DeviationReason[] = [];
    if (i === troubled && trouble === 'possible') likelihood = 'POSSIBLE';
    if (i === troubled && trouble === 'impossible') likelihood = 'IMPOSSIBLE';
    if (i === troubled && trouble === 'forecast' && quantitative) {
      const miss = random.pick([0.05, 0.25]);
      forecast = String(Math.round(operator === 'LTE' ? target * (1 + miss) : target * (1 - miss)));
      likelihood = 'POSSIBLE';
    }
    if (likelihood !== 'CERTAIN') reasons = [random.pick(['FUNDING', 'STAFFING', 'HARDWARE', 'OTHER'] as const)];
    return {
      rowId: `r${i + 1}`,
      period: 'ANNUAL',
      level1,
      level2,
      name,
      operator,
      targetValue,
      unit,
      actualToDate:
        filled && quantitative ? String(operator === 'LTE' ? targetValue : Math.round(target * progress)) : '',
      forecastYearEnd: filled ? forecast : '',
      likelihood: filled ? likelihood : null,
      deviationReasons: filled ? reasons : [],
      deviationAnalysis: filled && reasons.length > 0 ? '受资金拨付进度影响，部分采购延后至第四季度实施。' : '',
      correctiveMeasures: filled && reasons.length > 0 ? '加快政府采购流程，按月调度执行进度。' : '',
      remarks: '',
    };
  });
  return { executed, lines };
};

/**
 * A round's reports and, for each department, its tally kept as the API keeps it: the report
 * issued as an empty draft, then each write of it (filled in, then every review step) applied to
 * the tally with `applyChange`.
 */
const makeRound = (
  label: string,
  departments: BenchDepartment[],
  reportCount: number,
  round: { name: string; dataDate: string; deadline: string; scope: 'ALL' | 'KEY' },
  random: Random,
): BenchRound => {
  const id = uuidV7();
  const perDepartment = spread(reportCount, departments.length, random);
  const request = { receivedAt: at, principal: { userId: 'bench' } } as OperationRequest;
  const reports: StoredReport[] = [];
  const tallies: TallyRecord[] = [];
  departments.forEach((department, d) => {
    let counts: TallyCounts = emptyCounts();
    for (let p = 0; p < perDepartment[d]!; p++) {
      const fiscal = random.int(5, 2000) * 1_000_000; // 5万–2000万元 in fen
      const budget = { fiscal, carryOver: random.next() < 0.2 ? random.int(1, 50) * 100_000 : 0, other: 0 };
      const status = random.weighted(reviewWeights);
      const filled = status !== 'DRAFT' || random.next() < 0.5;
      const base = content(budget, round.dataDate, false, random);
      const issued: StoredReport = {
        ...meta(uuidV7()),
        roundId: id,
        roundName: round.name,
        roundDepartment: `${id}#${department.id}`,
        fiscalYear: 2026,
        dataDate: round.dataDate,
        deadline: round.deadline,
        thresholds: defaultThresholds,
        projectId: uuidV7(),
        projectCode: `1201102026${department.code}${String(p + 1).padStart(4, '0')}`,
        projectName: `${department.name}${random.pick(['教师培训', '社区养老服务', '道路维护', '老旧小区改造', '公共卫生服务', '政务信息化'])}项目${p + 1}`,
        departmentId: department.id,
        departmentName: department.name,
        departmentSeries: department.series,
        unitId: department.unitId,
        unitName: department.unitName,
        financeSectionId: department.financeSectionId,
        targetId: uuidV7(),
        targetVersionNo: 1,
        annualGoal: '按期完成年度建设与服务任务，服务对象满意度不低于90%。',
        budget,
        executed: base.executed,
        forecastFullYearFen: null,
        goalProgress: '',
        lines: base.lines,
        reviewStatus: 'DRAFT',
        statusSince: at,
        reviewLog: [],
        firstSubmittedAt: null,
        assessment: assess({ dataDate: round.dataDate, budget, ...base }, defaultThresholds),
      };
      counts = applyChange(counts, undefined, issued);
      let current = issued;
      if (filled) {
        const filledIn = content(budget, round.dataDate, true, random);
        const next: StoredReport = {
          ...current,
          ...filledIn,
          version: current.version + 1,
          forecastFullYearFen: annualFen(budget),
          goalProgress: '项目按计划推进，已完成年度任务的主要部分。',
          assessment: assess({ dataDate: round.dataDate, budget, ...filledIn }, defaultThresholds),
        };
        counts = applyChange(counts, current, next);
        current = next;
      }
      // Sent on between five days after the data date and a few days past the deadline: some late.
      let clock = Date.parse(`${round.dataDate}T00:00:00+08:00`) + random.between(5, 25) * 86_400_000;
      for (const action of pathTo(status, random)) {
        clock += random.between(0.1, 3) * 86_400_000;
        const when = new Date(clock).toISOString();
        const step: ReviewStep = {
          action,
          from: current.reviewStatus,
          to: reportActions[action].to,
          by: `bench-${reportActions[action].role}`,
          byName: '基准审核人',
          role: reportActions[action].role,
          at: when,
          opinion: action.endsWith('return') ? '请补充偏差原因分析。' : '同意。',
          grade: null,
          rowComments: {},
        };
        const next: StoredReport = {
          ...current,
          version: current.version + 1,
          reviewStatus: step.to,
          statusSince: when,
          firstSubmittedAt: current.firstSubmittedAt ?? (action === 'submit' ? when : null),
          reviewLog: [...current.reviewLog, step],
          updatedAt: when,
        };
        counts = applyChange(counts, current, next);
        current = next;
      }
      if (current.reviewStatus !== status) throw new Error(`bench data: ${current.reviewStatus} is not ${status}`);
      reports.push(current);
    }
    tallies.push({ ...newTally(id, department, [], request), ...counts });
  });
  const record = {
    ...meta(id),
    fiscalYear: 2026,
    name: round.name,
    dataDate: round.dataDate,
    deadline: round.deadline,
    scope: round.scope,
    projectIds: round.scope === 'KEY' ? reports.map((r) => r.projectId) : [],
    roundStatus: 'ISSUED',
    thresholds: defaultThresholds,
    reportCount,
    pendingDepartmentIds: [],
  };
  return { label, id, record, departments, reports, tallies };
};

const annualFen = (funds: ProjectFunds) => funds.fiscal + funds.carryOver + funds.other;

/** Every tally equals the recount of its department's reports (in memory). */
const checkTallies = (round: BenchRound) => {
  const byDepartment = Map.groupBy(round.reports, (r) => r.departmentId);
  for (const tally of round.tallies) {
    deepStrictEqual(
      countsOnly(tally),
      countsOnly(recount(byDepartment.get(tally.departmentId) ?? [])),
      `tally of ${tally.departmentCode} in ${round.label}`,
    );
  }
};

const batchWrite = async (db: DynamoDBDocumentClient, items: Record<string, unknown>[]) => {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let requests = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
        for (let attempt = 0; requests.length > 0; attempt++) {
          if (attempt === 10) throw new Error('bench data: DynamoDB Local left items unwritten');
          const { UnprocessedItems } = await db.send(
            new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
          );
          requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
        }
      }
    }),
  );
};

const item = (kind: RecordKind, record: StoredRecord) => keys.recordItem(tenant, kind, record);

/** The reports and tally of a department as stored, recounted: the written data are what was meant. */
const checkStored = async (db: DynamoDBDocumentClient, round: BenchRound, department: BenchDepartment) => {
  const reports: StoredReport[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: {
          ':pk': keys.ownerPk(tenant, monitoringReportKind, `${round.id}#${department.id}`),
        },
        ExclusiveStartKey: start,
      }),
    );
    reports.push(...(page.Items ?? []).map((i) => i.record as StoredReport));
    start = page.LastEvaluatedKey;
  } while (start);
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: { pk: keys.recordPk(tenant, monitoringTallyKind, tallyId(round.id, department.id)), sk: keys.recordSk },
    }),
  );
  const expected = round.reports.filter((r) => r.departmentId === department.id).length;
  if (reports.length !== expected) throw new Error(`bench data: ${reports.length} reports stored, ${expected} written`);
  deepStrictEqual(
    countsOnly(Item?.record as TallyRecord),
    countsOnly(recount(reports)),
    `stored tally of ${department.code} in ${round.label}`,
  );
};

/** The dashboard's stack in a process of its own (see dashboard-stack-process.ts). */
const startStack = async (dynamoEndpoint: string) => {
  const child = spawn(
    process.execPath,
    [
      ...localRuntimeNodeFlags,
      join(repositoryRoot, 'test/bench/dashboard-stack-process.ts'),
      dynamoEndpoint,
      tableName,
      tenant,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('the dashboard stack did not start in time')), startTimeoutMs);
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
      reject(new Error(`the dashboard stack exited (${code})`));
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

interface Sample {
  ms: number;
  calls: DynamoCall[];
}

const itemsOf = (calls: DynamoCall[]) => calls.reduce((s, c) => s + c.items, 0);
const callsText = (calls: DynamoCall[]) => {
  const byOperation = new Map<string, number>();
  for (const c of calls) byOperation.set(c.operation, (byOperation.get(c.operation) ?? 0) + 1);
  return [...byOperation].map(([op, n]) => `${n} ${op}`).join(' + ');
};

interface DashboardBody {
  itemsRead: number;
  total: { reports: number; submitted: number; byColour: Record<string, number> };
  departments: unknown[];
  red: unknown[];
}

const measureRound = async (
  round: BenchRound,
  proxy: CountingProxy,
  direct: DynamoDBDocumentClient,
  stack: { url: string; token: string },
) => {
  const viaGateway = async () => {
    const t0 = performance.now();
    const response = await fetch(`${stack.url}/api/v1/monitoring-rounds/${round.id}/dashboard`, {
      headers: { authorization: `Bearer ${stack.token}`, 'accept-language': 'zh-CN' },
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const text = await response.text();
    const ms = performance.now() - t0;
    if (response.status !== 200) throw new Error(`dashboard answered ${response.status}: ${text.slice(0, 300)}`);
    return { ms, body: JSON.parse(text) as DashboardBody, bytes: Buffer.byteLength(text) };
  };
  // The same reads the repository makes, sent directly: the round (consistent), then the tallies
  // on the owner index, a page of up to 251 at a time.
  const viaSdk = async () => {
    const t0 = performance.now();
    const { Item } = await direct.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: keys.recordPk(tenant, monitoringRoundKind, round.id), sk: keys.recordSk },
        ConsistentRead: true,
      }),
    );
    if (!Item) throw new Error('baseline: no round');
    const tallies: unknown[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await direct.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': 'gsi2pk' },
          ExpressionAttributeValues: { ':pk': keys.ownerPk(tenant, monitoringTallyKind, round.id) },
          Limit: 251,
          ExclusiveStartKey: start,
        }),
      );
      tallies.push(...(page.Items ?? []).map((i) => i.record));
      start = page.LastEvaluatedKey;
    } while (start);
    // The red list's first page, from its queue, as the handler reads it (one more than shown).
    await direct.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'gsi3pk' },
        ExpressionAttributeValues: { ':pk': keys.queuePk(tenant, redMarkKind, `RED#${round.id}`) },
        Limit: 51,
      }),
    );
    return { ms: performance.now() - t0, tallies: tallies.length };
  };

  const gateway: (Sample & { bytes: number; itemsRead: number })[] = [];
  const baseline: Sample[] = [];
  let last: DashboardBody | undefined;
  proxy.take();
  for (let i = 0; i < warmUpRequests + requestsPerRound; i++) {
    // Interleaved, so both see the same moments of a shared machine.
    const b = await viaSdk();
    const bCalls = proxy.take();
    const g = await viaGateway();
    const gCalls = proxy.take();
    last = g.body;
    if (gCalls.some((c) => c.operation === 'Scan') || bCalls.some((c) => c.operation === 'Scan'))
      throw new Error(`a Scan on the dashboard's path: ${callsText(gCalls)}`);
    if (gCalls.some((c) => c.status !== 200)) throw new Error(`DynamoDB refused a call: ${JSON.stringify(gCalls)}`);
    if (itemsOf(gCalls) !== g.body.itemsRead)
      throw new Error(
        `the dashboard says it read ${g.body.itemsRead} items, DynamoDB returned ${itemsOf(gCalls)} (${callsText(gCalls)})`,
      );
    if (itemsOf(bCalls) !== itemsOf(gCalls) || b.tallies !== round.tallies.length)
      throw new Error(`the baseline read ${itemsOf(bCalls)} items, the dashboard ${itemsOf(gCalls)}`);
    if (i < warmUpRequests) continue;
    gateway.push({ ms: g.ms, calls: gCalls, bytes: g.bytes, itemsRead: g.body.itemsRead });
    baseline.push({ ms: b.ms, calls: bCalls });
  }
  if (!last || last.total.reports !== round.reports.length || last.departments.length !== round.departments.length)
    throw new Error(`the dashboard of ${round.label} does not show the reports written`);
  const items = new Set(gateway.map((s) => itemsOf(s.calls)));
  if (items.size !== 1) throw new Error(`items read varied between requests: ${[...items].join(', ')}`);
  return { gateway, baseline, body: last };
};

export const benchMonitoringDashboard = async (dynamoEndpoint: string): Promise<void> => {
  if (!Number.isInteger(requestsPerRound) || requestsPerRound < 1 || requestsPerRound > 10_000)
    throw new Error('BENCH_DASHBOARD_REQUESTS must be a whole number from 1 to 10,000');
  const random = seeded(20260630);
  // Writing the data is not timed; on a busy machine a batch may take longer than the handlers'
  // 1.5 s per call, so this client waits longer.
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: dynamoEndpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      requestHandler: { requestTimeout: 30_000 },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  let proxy: CountingProxy | undefined;
  let direct: DynamoDBDocumentClient | undefined;
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  try {
    // ---- the tenant: 200 departments, three rounds, every department's tally
    const generated = performance.now();
    const departments = makeDepartments(200);
    const rounds = [
      makeRound(
        '200 departments / 5,000 reports',
        departments,
        5000,
        { name: '2026 年 1–6 月绩效运行监控', dataDate: '2026-06-30', deadline: '2026-07-20', scope: 'ALL' },
        random,
      ),
      makeRound(
        '200 departments / 1,000 reports',
        departments,
        1000,
        { name: '2026 年 1–8 月重点项目监控', dataDate: '2026-08-31', deadline: '2026-09-18', scope: 'KEY' },
        random,
      ),
      makeRound(
        '100 departments / 5,000 reports',
        departments.slice(0, 100),
        5000,
        { name: '2026 年 1–10 月绩效运行监控', dataDate: '2026-10-31', deadline: '2026-11-20', scope: 'ALL' },
        random,
      ),
    ];
    for (const round of rounds) checkTallies(round);
    const generatedMs = performance.now() - generated;

    const written = performance.now();
    await db.send(new CreateTableCommand(createTableInput(tableName)));
    const items = [
      ...sections.map((s) => item(financeSectionKind, s)),
      ...departments.flatMap((d) => [
        item(departmentKind, {
          ...meta(d.id),
          code: d.code,
          name: d.name,
          series: d.series,
          financeSectionId: d.financeSectionId,
          isFinanceBureau: false,
        }),
        item(unitKind, { ...meta(d.unitId), code: `${d.code}001`, name: d.unitName, departmentId: d.id }),
      ]),
      ...rounds.flatMap((r) => [
        item(monitoringRoundKind, r.record),
        ...r.tallies.map((t) => item(monitoringTallyKind, t)),
        ...r.reports.map((report) => item(monitoringReportKind, report)),
        // Each report red once reported is on its round's red list, as the API keeps it.
        ...r.reports.flatMap((report) => {
          const code = r.departments.find((d) => d.id === report.departmentId)?.code ?? '';
          const write = redMarkWrite(undefined, report, code, benchRequest);
          return write && 'create' in write ? [item(redMarkKind, write.create)] : [];
        }),
      ]),
    ];
    await batchWrite(db, items);
    const writtenMs = performance.now() - written;
    // A sample read back: the largest and smallest department of each round and eight more.
    for (const round of rounds) {
      const sizes = round.tallies.map((t) => t.reports);
      const sample = new Set([sizes.indexOf(Math.max(...sizes)), sizes.indexOf(Math.min(...sizes))]);
      while (sample.size < 10) sample.add(random.int(0, round.departments.length - 1));
      for (const d of sample) await checkStored(db, round, round.departments[d]!);
    }

    // ---- the stack behind the counting proxy, and the baseline's client through the same proxy
    proxy = await startCountingProxy(dynamoEndpoint);
    stack = await startStack(proxy.endpoint);
    direct = createDocumentClient(proxy.endpoint);

    const loadBefore = os.loadavg()[0]!;
    const results = [];
    for (const round of rounds) results.push({ round, ...(await measureRound(round, proxy, direct, stack)) });

    const series = departmentSeries.map((s) => `${s} ${departments.filter((d) => d.series === s).length}`);
    console.log(
      `\n5. Bureau dashboard (GET /api/v1/monitoring-rounds/{id}/dashboard) as the performance section, through the local gateway: ${requestsPerRound} sequential requests per round after ${warmUpRequests} to warm up; items counted at the wire by a proxy in front of DynamoDB Local; load average ${fmt(loadBefore, 2)} → ${fmt(os.loadavg()[0]!, 2)}`,
    );
    console.log(
      `   one tenant, written directly: ${departments.length} departments (${series.join(', ')}), ${count(items.length)} items in ${fmt(writtenMs / 1000)} s (made in ${fmt(generatedMs / 1000)} s); every tally equal to the recount of its reports, 10 per round also read back`,
    );
    for (const { round, gateway, baseline, body } of results) {
      const largestTally = Math.max(
        ...round.tallies.map((t) => Buffer.byteLength(JSON.stringify(item(monitoringTallyKind, t)))),
      );
      const sizes = round.tallies.map((t) => t.reports).sort((a, b) => a - b);
      const g = gateway.map((s) => s.ms);
      const b = baseline.map((s) => s.ms);
      const wireItems = itemsOf(gateway[0]!.calls);
      const dynamoKb = gateway[0]!.calls.reduce((s, c) => s + c.bytes, 0) / 1024;
      console.log(
        `   ${round.label} (reports per department ${sizes[0]}–${sizes.at(-1)}, median ${percentile(sizes, 50)}; ${count(body.total.submitted)} sent on; reported green ${body.total.byColour.GREEN}, yellow ${body.total.byColour.YELLOW}, red ${body.total.byColour.RED})`,
      );
      console.log(
        `     through the gateway: p50 ${fmt(percentile(g, 50))} ms, p95 ${fmt(percentile(g, 95))} ms (budget ≤ 150 ms), p99 ${fmt(percentile(g, 99))} ms; items read per request ${wireItems} at the wire (${callsText(gateway[0]!.calls)}, ${fmt(dynamoKb)} KB), the answer's itemsRead ${gateway[0]!.itemsRead}; answer ${fmt(gateway[0]!.bytes / 1024)} KB (${count(gateway[0]!.bytes)} bytes), ${body.red.length} of ${body.total.byColour.RED} red projects on its first page of the red list; largest tally ${fmt(largestTally / 1024)} KB as JSON (DynamoDB's item limit 400 KB)`,
      );
      console.log(
        `     baseline, the same ${wireItems} items read with the SDK (a GetItem, a Query on the tallies' owner index, one on the red queue): p50 ${fmt(percentile(b, 50))} ms, p95 ${fmt(percentile(b, 95))} ms, p99 ${fmt(percentile(b, 99))} ms; ratio p50 ${fmt(percentile(g, 50) / percentile(b, 50), 2)}, p95 ${fmt(percentile(g, 95) / percentile(b, 95), 2)}`,
      );
    }
    const perDepartment = results.map((r) => `${itemsOf(r.gateway[0]!.calls)} for ${r.round.label}`);
    console.log(`   items read per request: ${perDepartment.join(', ')} (budget ∝ departments); Scans: none\n`);
  } finally {
    await stack?.stop();
    await proxy?.close();
    direct?.destroy();
    await db.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    db.destroy();
  }
};
