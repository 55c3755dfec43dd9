import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { Engagement } from '@jixiao/core/fieldwork/engagement.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { reportSectionKeys } from '@jixiao/core/key-evaluation/evaluation-report.ts';
import { createDocumentClient } from '@jixiao/functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '@jixiao/functions/adapters/dynamodb/dynamodb-record-store.ts';
import * as keys from '@jixiao/functions/adapters/dynamodb/keys.ts';
import { createTableInput } from '@jixiao/functions/adapters/dynamodb/table-definition.ts';
import {
  evaluationReportDocx,
  type ReportDocxInput,
  type ReportEngagement,
} from '@jixiao/functions/export/docx/evaluation-report-docx.ts';
import { engagementKind } from '@jixiao/functions/fieldwork/record-kinds.ts';
import type { OperationRequest } from '@jixiao/functions/http/api-event.ts';
import { evaluationReportKind } from '@jixiao/functions/key-evaluation/evaluation-report-kind.ts';
import { evaluationReportOperations } from '@jixiao/functions/key-evaluation/evaluation-report-operations.ts';
import { findingKind } from '@jixiao/functions/key-evaluation/finding-kind.ts';
import { scoringPaperId, scoringPaperKind } from '@jixiao/functions/key-evaluation/scoring-paper-kind.ts';
import type { EvidenceStore } from '@jixiao/functions/ports/evidence-store.ts';
import type { RecordKind, StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import { batchWrite, benchWriteClient, fmt, percentile } from './self-evaluation-summary.ts';

/**
 * Report generation time (issue 13 item 11; docs/domain/key-evaluation.md#the-report): the evaluation report of an
 * engagement with 120 indicators (the framework's maximum), a scoring paper on each, 50 findings and a narrative of
 * nine full sections, in DynamoDB Local. The measured line is the DOCX download's operation as the key-evaluation
 * Lambda runs it — every read, the score by core's engine, the filled parts, the document built and written — and
 * the same for the scoring table's XLSX; the baseline is the report's GET, which makes exactly the same reads and
 * works out the same filled parts without building a file. The bucket is an in-memory stand-in (the PUT of a file of
 * some tens of KB is S3's time, not ours), so the difference is what building the document costs. Each is run
 * `BENCH_REPORT_RUNS` times (30) after 3 warm-up runs, interleaved, in this process; the DOCX alone (built from what
 * the GET answered, no reads) is timed beside them.
 */
const runs = Number(process.env.BENCH_REPORT_RUNS ?? 30);
const warmUp = 3;
const tenant = '120110000';
const tableName = 'bench-evaluation-report';

const meta = (id: string, at: string) => ({
  id,
  version: 1,
  status: 'active',
  createdAt: at,
  updatedAt: at,
  createdBy: 'bench',
  updatedBy: 'bench',
});

/** A sentence repeated to `chars` characters: report text of a realistic length. */
const prose = (chars: number, seed: string) => `${seed}。`.repeat(Math.ceil(chars / (seed.length + 1))).slice(0, chars);

const benchData = (at: string) => {
  const engagementId = uuidV7();
  const agencyId = uuidV7();
  // 20 + 20 + 40 + 40 indicators: 20 points each for decision and process, 30 for output and benefit.
  const spec = [
    ['DECISION', 20, 1, ['项目立项', '绩效目标', '资金投入']],
    ['PROCESS', 20, 1, ['资金管理', '组织实施']],
    ['OUTPUT', 40, 0.75, ['产出数量', '产出质量', '产出时效', '产出成本']],
    ['BENEFIT', 40, 0.75, ['经济效益', '社会效益', '可持续影响', '满意度']],
  ] as const;
  const indicators: Engagement['indicators'] = spec.flatMap(([level1, count, points, level2s]) =>
    Array.from({ length: count }, (_, i) => ({
      id: uuidV7(),
      level1,
      level2: level2s[i % level2s.length]!,
      name: `${level2s[i % level2s.length]}指标${i + 1}`,
      source: 'ENGAGEMENT' as const,
      target: '',
      points,
      standard: prose(120, '符合要求得满分，每发现一处不符扣减相应分值'),
      claim: null,
    })),
  );
  const engagement = {
    ...meta(engagementId, at),
    kind: 'PROJECT',
    fiscalYear: 2026,
    title: '基准测试项目重点绩效评价',
    state: 'DRAFT_REPORT',
    projectId: uuidV7(),
    projectCode: 'BENCH-001',
    projectName: '基准测试项目',
    approvedTargetId: null,
    departmentId: uuidV7(),
    departmentName: '基准测试部门',
    financeSectionId: null,
    agencyId,
    agencyName: '基准测试会计师事务所',
    conflictDeclaration: null,
    weights: { DECISION: 20, PROCESS: 20, OUTPUT: 30, BENEFIT: 30 },
    indicators,
    sites: [],
    sampling: { population: '', method: 'JUDGEMENTAL', note: '' },
    interviewQuestions: [],
    questionnaires: [],
    gpsAccuracyLimitMetres: 200,
    releasedAt: null,
  };
  const papers = indicators.map((indicator, i) => ({
    ...meta(scoringPaperId(engagementId, indicator.id), at),
    engagementId,
    indicatorId: indicator.id,
    standard: indicator.standard,
    dataSource: '部门提供的资料及现场核查',
    evidence: { recordIds: [uuidV7()], photoIds: [], questionnaireIds: [] },
    verification: prose(300, '经核查相关资料和现场情况'),
    scoring: {
      method: 'JUDGEMENT',
      deductions: Array.from({ length: i % 3 }, (_, j) => ({ points: '0.1', reason: `第${j + 1}处不符` })),
    },
    deviation: '',
    causeAnalysis: prose(150, '制度执行不到位'),
    responsibleParty: '项目单位',
    suggestion: prose(100, '加强管理'),
    surveyRate: null,
  }));
  const findings = Array.from({ length: 50 }, (_, i) => ({
    ...meta(uuidV7(), at),
    engagementId,
    category: 'FUNDS',
    title: `问题${i + 1}`,
    facts: prose(400, '资金拨付滞后于计划进度'),
    amount: 10_000 + i,
    quantity: '',
    basis: prose(100, '依据相关管理办法'),
    evidence: { fieldRecordIds: [], photoIds: [], indicatorIds: [] },
    responsibleParty: '项目单位',
    suggestion: prose(200, '建立按进度拨付机制'),
    reportParagraph: null,
    withdrawn: false,
  }));
  const report = {
    ...meta(engagementId, at),
    engagementId,
    sections: Object.fromEntries(reportSectionKeys.map((k) => [k, prose(4000, `${k}部分的评价内容`)])),
    recommendations: Array.from({ length: 30 }, (_, i) => prose(500, `建议${i + 1}`)),
  };
  const item = (kind: RecordKind, record: unknown) => keys.recordItem(tenant, kind, record as StoredRecord);
  return {
    engagementId,
    engagement,
    items: [
      item(engagementKind, engagement),
      ...papers.map((p) => item(scoringPaperKind, p)),
      ...findings.map((f) => item(findingKind, f)),
      item(evaluationReportKind, report),
    ],
  };
};

/** The bucket as a map: the file is made and handed over, and the link is a string. */
const memoryBucket = () => {
  const files = new Map<string, Uint8Array>();
  const bucket = {
    head: async (key: string) => (files.has(key) ? { key, sizeBytes: files.get(key)!.length } : undefined),
    write: async (key: string, bytes: Uint8Array) => {
      files.set(key, bytes);
    },
    signDownload: async (key: string) => ({ method: 'GET', url: `memory://${key}`, headers: {}, expiresAt: '' }),
  };
  return { files, evidence: bucket as unknown as EvidenceStore };
};

export const benchEvaluationReport = async (dynamoEndpoint: string): Promise<void> => {
  if (!Number.isInteger(runs) || runs < 1 || runs > 1000) throw new Error('BENCH_REPORT_RUNS must be 1 to 1000');
  const admin = benchWriteClient(dynamoEndpoint);
  await admin.send(new CreateTableCommand(createTableInput(tableName)));
  try {
    const at = new Date().toISOString();
    const data = benchData(at);
    const engagement = data.engagement;
    await batchWrite(admin, data.items, tableName);
    const store = new DynamoDbRecordStore(createDocumentClient(dynamoEndpoint), tableName);
    const { files, evidence } = memoryBucket();
    const operations = evaluationReportOperations(store, evidence);
    const request = (): OperationRequest =>
      ({
        principal: {
          tenant,
          userId: 'bench:performance-section',
          displayName: '绩效管理科',
          roles: ['performance-section-reviewer'],
        },
        language: 'zh-CN',
        requestId: uuidV7(),
        params: { id: data.engagementId },
        query: {},
        body: { id: uuidV7() },
        receivedAt: new Date().toISOString(),
      }) as unknown as OperationRequest;
    // The three are interleaved run by run, so a busy moment of the machine falls on all of them alike.
    const lines = ['getEvaluationReport', 'downloadEvaluationReport', 'downloadScoringTable'] as const;
    const ms: Record<(typeof lines)[number] | 'build', number[]> = {
      getEvaluationReport: [],
      downloadEvaluationReport: [],
      downloadScoringTable: [],
      build: [],
    };
    let view: Record<string, unknown> = {};
    for (let i = 0; i < warmUp + runs; i++) {
      for (const operationId of lines) {
        const started = performance.now();
        const answer = await operations[operationId]!(request());
        const took = performance.now() - started;
        if (answer.status !== 200 && answer.status !== 201) throw new Error(`${operationId}: ${answer.status}`);
        if (operationId === 'getEvaluationReport') view = answer.body as Record<string, unknown>;
        if (i >= warmUp) ms[operationId].push(took);
      }
      // The document alone, from what the GET answered: the CPU the DOCX costs, without the reads.
      const started = performance.now();
      evaluationReportDocx({
        engagement: engagement as unknown as ReportEngagement,
        report: view.report as ReportDocxInput['report'],
        filled: view.filled as ReportDocxInput['filled'],
        mark: view.mark as string | null,
        commissioner: '财政局',
        generatedAt: new Date().toISOString(),
        generatedBy: 'bench',
      });
      if (i >= warmUp) ms.build.push(performance.now() - started);
    }
    const size = (ext: string) =>
      Math.max(...[...files].filter(([k]) => k.endsWith(ext)).map(([, bytes]) => bytes.length)) / 1024;
    const line = (name: string, values: number[]) =>
      `  ${name.padEnd(48)} median ${fmt(percentile(values, 50))} ms   p95 ${fmt(percentile(values, 95))} ms`;
    console.log('\nEvaluation report (120 indicators, 120 scoring papers, 50 findings, nine full sections)');
    console.log(line('baseline: the same reads, no file (GET)', ms.getEvaluationReport));
    console.log(line(`DOCX: reads, built and handed over (${fmt(size('.docx'))} KB)`, ms.downloadEvaluationReport));
    console.log(line(`scoring table XLSX (${fmt(size('.xlsx'))} KB)`, ms.downloadScoringTable));
    console.log(line('the DOCX alone, built from what the GET read', ms.build));
    console.log(`  ${runs} runs each after ${warmUp} warm-up runs, interleaved`);
  } finally {
    await admin.send(new DeleteTableCommand({ TableName: tableName }));
  }
};
