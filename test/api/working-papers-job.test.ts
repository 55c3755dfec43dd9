import { createHash } from 'node:crypto';
import type { Attachment } from '@jixiao/core/evidence/attachment.ts';
import { maxArchivePhotoBytes, requestPathArchiveLimit } from '@jixiao/core/export-jobs/export-job.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { populationKey } from '@jixiao/core/key-evaluation/account-check-sample.ts';
import { blankReport } from '@jixiao/core/key-evaluation/evaluation-report.ts';
import { evidenceStoreFromEnv } from '@jixiao/functions/adapters/s3/evidence-store-from-env.ts';
import { engagementKind, fieldPhotoKind, type StoredEngagement } from '@jixiao/functions/fieldwork/record-kinds.ts';
import { readXlsx } from '@jixiao/functions/import/xlsx/read-xlsx.ts';
import { accountCheckKind, accountPaymentKind } from '@jixiao/functions/key-evaluation/account-check-kind.ts';
import { evaluationReportKind } from '@jixiao/functions/key-evaluation/evaluation-report-kind.ts';
import { findingAnswerKind, findingKind, opinionExchangeKind } from '@jixiao/functions/key-evaluation/finding-kind.ts';
import { scoringPaperId, scoringPaperKind } from '@jixiao/functions/key-evaluation/scoring-paper-kind.ts';
import type { RecordKind, StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoEngagementId } from '@jixiao/infra/local/demo-fieldwork.ts';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngagementFixture, seedReleasedEngagement } from '../support/fieldwork-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * An engagement's archive of working papers as an export job (issue 13 item 9; docs/domain/key-evaluation.md#the-archive)
 * through the local gateway and the local Lambda Invoke: the agency's lead (or the performance section) asks, the
 * job packs off the request path with progress to the end, and the ZIP read back holds the workbook, the photos, the
 * conclusion's papers and a manifest whose hashes hold. A retried start replays; other roles, another agency's lead
 * and other kinds are refused; an archive over its limit fails saying so; the request path refuses an engagement too
 * big to pack in a request, pointing to the job.
 */
let stack: TestStack;
const tokens: Record<string, string> = {};
const agency = demoId('agency:91120110MA05JX8K2Q');
const otherAgency = demoId('agency:91120116MA06B3T71L');
let reviewed: EngagementFixture;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** A document the lead uploaded for the scoring paper (the bytes written to the bucket at the paper's key). */
const paperDocumentBytes = new TextEncoder().encode('%PDF-1.4\n% 资金拨付台账\n');
let paperDocument: Attachment;
let documentPath = '';

const ask = (who: string, body: Record<string, unknown>) =>
  stack.call('POST', '/api/v1/export-jobs', { token: tokens[who]!, body });
const read = (who: string, id: string) => stack.call('GET', `/api/v1/export-jobs/${id}`, { token: tokens[who]! });

const finished = async (who: string, id: string) => {
  for (let i = 0; i < 150; i++) {
    const job = await read(who, id);
    expect(job.status).toBe(200);
    if (job.body.state === 'DONE' || job.body.state === 'FAILED') return job.body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`archive ${id} did not finish`);
};

/** A photo as recorded on upload, written straight to the store (its bytes never reach the bucket). */
const seedPhotoRecord = async (fixture: EngagementFixture, sizeBytes: number) => {
  const id = uuidV7();
  const at = new Date().toISOString();
  const made = await stack.store.create(
    demoTenant.id,
    fieldPhotoKind,
    {
      id,
      version: 1,
      status: 'active',
      createdAt: at,
      updatedAt: at,
      createdBy: 'fixture',
      updatedBy: 'fixture',
      recordId: fixture.record,
      engagementId: fixture.engagement,
      assignmentId: fixture.assignment,
      key: `T/${demoTenant.id}/fieldwork/${fixture.engagement}/${fixture.assignment}/${id}`,
      sha256: '0'.repeat(64),
      sizeBytes,
      contentType: 'image/jpeg',
    },
    { hash: `photo-fixture:${id}`, context: { actor: 'fixture', actorRoles: [], requestId: id, at } },
  );
  if (made.outcome !== 'created') throw new Error(made.outcome);
};

/** A record written straight to the store, as the API would have recorded it. */
const seedRecord = async (kind: RecordKind, record: Record<string, unknown> & { id: string }) => {
  const at = new Date().toISOString();
  const made = await stack.store.create(
    demoTenant.id,
    kind,
    {
      version: 1,
      status: 'active',
      createdAt: at,
      updatedAt: at,
      createdBy: 'fixture',
      updatedBy: 'fixture',
      ...record,
    } as StoredRecord,
    { hash: `fixture:${String(record.id)}`, context: { actor: 'fixture', actorRoles: [], requestId: uuidV7(), at } },
  );
  if (made.outcome !== 'created') throw new Error(made.outcome);
};

/** Two findings of the engagement, sent, answered and handled, the exchange closed. */
const seedFindings = async (fixture: EngagementFixture) => {
  const finding = (title: string, amount: number | null, withdrawn: boolean) => ({
    id: uuidV7(),
    engagementId: fixture.engagement,
    category: 'FUNDS',
    title,
    facts: `${title}的事实`,
    amount,
    quantity: amount === null ? '3 份合同' : '',
    basis: '《区级项目支出管理办法》第十二条',
    evidence: { fieldRecordIds: [fixture.record], photoIds: [fixture.photo], indicatorIds: [] },
    responsibleParty: '区教育局财务科',
    suggestion: '建立拨付台账',
    reportParagraph: null,
    withdrawn,
  });
  const findings = [finding('资金拨付滞后', 1250000.5, false), finding('合同签订不规范', null, true)];
  for (const f of findings) await seedRecord(findingKind, f);
  await seedRecord(opinionExchangeKind, {
    id: fixture.engagement,
    engagementId: fixture.engagement,
    departmentId: demoId('department:102'),
    dueDate: '2027-05-20',
    sentAt: '2027-05-10T02:00:00.000Z',
    sentByName: '周敏',
    submittedAt: '2027-05-15T02:00:00.000Z',
    submittedByName: '陈芳',
    closedAt: '2027-05-16T02:00:00.000Z',
    closedByName: '周敏',
    lateNote: null,
  });
  const answer = (f: { id: string }, position: string, explanation: string, decision: string, reason: string) => ({
    id: f.id,
    engagementId: fixture.engagement,
    findingId: f.id,
    position,
    explanation,
    answeredByName: '陈芳',
    handling: { decision, reason, at: '2027-05-16T01:00:00.000Z', by: 'lead', byName: '周敏' },
  });
  await seedRecord(findingAnswerKind, answer(findings[0]!, 'AGREE', '', 'UPHELD', '部门同意'));
  await seedRecord(findingAnswerKind, answer(findings[1]!, 'DISAGREE', '合同已补签', 'ACCEPTED', '已核实补签，撤回'));
};

const newEngagement = () =>
  seedReleasedEngagement(stack.store, demoTenant.id, {
    departmentId: demoId('department:102'),
    agencyId: agency,
    evaluatorId: demoId('user:evaluator'),
    leadId: demoId('user:agency-lead'),
  });

beforeAll(async () => {
  stack = await startTestStack();
  for (const [name, user] of [
    ['perf', 'perf-reviewer'],
    ['lead', 'agency-lead'],
    ['evaluator', 'evaluator'],
    ['deptReviewer', 'dept-reviewer'],
    ['business', 'business-reviewer'],
  ] as const) {
    tokens[name] = await stack.tokenFor(user);
  }
  tokens.rivalLead = await stack.tokenForPerson({
    id: 'rival-lead',
    displayName: '外所负责人',
    tenant: demoTenant.id,
    roles: ['agency-lead'],
    agencyId: otherAgency,
  });
  asked.engagementId = (await newEngagement()).engagement;
  // An engagement through the agency's review and the bureau's, concluded by the final report.
  reviewed = await newEngagement();
  const e = (await stack.store.get<StoredEngagement>(demoTenant.id, engagementKind, reviewed.engagement))!;
  const review = (level: string, decision: string, name: string, at: string) => ({
    level,
    decision,
    reviewerId: name,
    reviewerName: name,
    comments: `${name}的复核意见`,
    resolution: decision === 'return' ? '已按意见修改' : '',
    at,
  });
  const updated = await stack.store.update(
    demoTenant.id,
    engagementKind,
    e,
    {
      ...e,
      version: e.version + 1,
      reviews: [
        review('PROJECT_MANAGER', 'approve', '周敏', '2027-05-01T02:00:00.000Z'),
        review('QUALITY_CONTROL', 'return', '郑华', '2027-05-02T02:00:00.000Z'),
        review('QUALITY_CONTROL', 'approve', '郑华', '2027-05-03T02:00:00.000Z'),
        review('SIGNING_PARTNER', 'approve', '冯军', '2027-05-04T02:00:00.000Z'),
        review('FINANCE', 'approve', '李明', '2027-05-05T02:00:00.000Z'),
      ],
      conclusion: {
        score: 86.5,
        grade: 'GOOD',
        finalizedAt: '2027-05-06T02:00:00.000Z',
        finalizedBy: 'perf',
        finalizedByName: '李明',
      },
      // The final report is out: the papers are locked (the lock follows the engagement's state when it has no record).
      state: 'FINAL_REPORT',
    } as StoredEngagement,
    { actor: 'fixture', actorRoles: [], requestId: uuidV7(), at: new Date().toISOString(), operation: 'fixture' },
  );
  if (updated.outcome !== 'updated') throw new Error(updated.outcome);
  await seedFindings(reviewed);
  // Three payments; the draw takes the two of 100,000 元 or more, one of them checked and abnormal.
  const payment = (payee: string, amountFen: number, date: string) => ({
    id: uuidV7(),
    engagementId: e.id,
    paymentDate: date,
    payee,
    amountFen,
    reference: `HT-${payee}`,
    quotaIssueDate: '2026-03-01',
    milestone: '',
    budgetLine: '设备购置',
    budgetAmountFen: null,
    importId: null,
    line: null,
    check: null,
    checkedAt: null,
    checkedByName: null,
  });
  const payments = [
    payment('甲公司', 50_000_000, '2026-04-01'),
    payment('乙公司', 20_000_000, '2026-05-01'),
    payment('丙公司', 500_000, '2026-06-01'),
  ];
  payments[0] = {
    ...payments[0]!,
    check: {
      budget: 'OK',
      contract: 'ABNORMAL',
      voucher: 'OK',
      abnormal: true,
      explanation: '付款金额超过合同约定',
      evidenceNumber: 'PZ-001',
      findingIds: [],
    },
    checkedAt: '2027-04-20T02:00:00.000Z',
    checkedByName: '周敏',
  } as unknown as (typeof payments)[number];
  for (const p of payments) await seedRecord(accountPaymentKind, p);
  await seedRecord(accountCheckKind, {
    id: e.id,
    engagementId: e.id,
    imports: [],
    draws: [
      {
        seed: 'a1b2c3d4',
        thresholdFen: 10_000_000,
        sharePct: 0,
        populationKey: populationKey(payments),
        populationCount: 3,
        aboveThreshold: 2,
        random: 0,
        at: '2027-04-19T02:00:00.000Z',
        by: 'lead',
        byName: '周敏',
      },
    ],
  });
  // The report's narrative as the lead wrote it.
  await seedRecord(evaluationReportKind, {
    ...blankReport(e.id),
    id: e.id,
    sections: { ...blankReport(e.id).sections, overview: '本项目为全区中小学校园安全设施提升工程。' },
    recommendations: ['建立设备使用台账'],
  });
  // One indicator's scoring paper, judged with a deduction and with one uploaded document; the others not yet scored.
  const indicator = e.indicators[0]!;
  const paperId = scoringPaperId(e.id, indicator.id);
  const documentId = uuidV7();
  const documentKey = `T/${demoTenant.id}/scoring-paper/${paperId}/${documentId}`;
  await evidenceStoreFromEnv().write(documentKey, paperDocumentBytes, 'application/pdf');
  paperDocument = {
    id: documentId,
    key: documentKey,
    name: '资金拨付台账.pdf',
    contentType: 'application/pdf',
    sizeBytes: paperDocumentBytes.byteLength,
    sha256: sha256(paperDocumentBytes),
  };
  documentPath = `结论底稿/指标文件/1-${indicator.name}/1-资金拨付台账.pdf`;
  await seedRecord(scoringPaperKind, {
    id: paperId,
    engagementId: e.id,
    indicatorId: indicator.id,
    standard: '完成得满分，每发现一处不符扣1分',
    dataSource: '部门提供的台账',
    evidence: {
      recordIds: [reviewed.record],
      photoIds: [reviewed.photo],
      questionnaireIds: [],
      documents: [paperDocument],
    },
    verification: '现场核对台账',
    scoring: { method: 'JUDGEMENT', deductions: [{ points: '1', reason: '台账与现场不符一处' }] },
    deviation: '',
    causeAnalysis: '管理不到位',
    responsibleParty: '财务科',
    suggestion: '完善台账',
    surveyRate: null,
  });
}, 120_000);

afterAll(() => stack?.stop());

/** The agency lead's archive of an engagement in fieldwork (a record, a photo whose bytes are in the bucket), asked for first. */
const asked = { id: uuidV7(), kind: 'working-papers', engagementId: '' };

describe('an engagement’s archive as a job', () => {
  it('the agency’s lead asks; the job packs off the request path with progress to the end, and the ZIP holds every file with its hash', async () => {
    const created = await ask('lead', asked);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: asked.id,
      kind: 'working-papers',
      engagementId: asked.engagementId,
      roundId: null,
      requestedByName: '周敏',
    });
    expect(['QUEUED', 'RUNNING', 'DONE']).toContain(created.body.state);
    expect(created.body.title).toMatch(/^工作底稿 /);

    const done = await finished('lead', asked.id);
    expect(done.state).toBe('DONE');
    expect(done.failure).toBeNull();
    expect(done.progress.total).toBe(2);
    expect(done.progress.done).toBe(done.progress.total);
    expect(done.records).toBeGreaterThan(0);
    expect(done.file).toMatchObject({ contentType: 'application/zip' });
    expect(done.file.name).toMatch(/^工作底稿-.+\.zip$/);

    const response = await fetch(done.download.url);
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.byteLength).toBe(done.file.sizeBytes);
    const archive = await JSZip.loadAsync(bytes);
    const manifest = JSON.parse(await archive.file('manifest.json')!.async('string'));
    expect(manifest.engagement.id).toBe(asked.engagementId);
    const paths = manifest.files.map((f: { path: string }) => f.path);
    expect(paths[0]).toBe('工作底稿.xlsx');
    // One step per photo and one for the workbooks: every recorded photo of the demo is in the archive.
    expect(paths.filter((p: string) => p.startsWith('照片/'))).toHaveLength(done.progress.total - 1);
    for (const entry of manifest.files as { path: string; sha256: string; sizeBytes: number }[]) {
      const file = await archive.file(entry.path)!.async('uint8array');
      expect(sha256(file), entry.path).toBe(entry.sha256);
      expect(file.length, entry.path).toBe(entry.sizeBytes);
    }
    const listed = Object.keys(archive.files).filter((n) => !n.endsWith('/'));
    expect(listed.sort()).toEqual([...paths, 'manifest.json', 'manifest.sha256'].sort());
    const checksums = await archive.file('manifest.sha256')!.async('string');
    const manifestJson = await archive.file('manifest.json')!.async('uint8array');
    expect(checksums).toContain(`${sha256(manifestJson)}  manifest.json\n`);
  });

  it('a repeated start replays the same job; the same id with another body is refused', async () => {
    const again = await ask('lead', asked);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(asked.id);
    const changed = await ask('lead', { ...asked, engagementId: reviewed.engagement });
    expect(changed.status).toBe(409);
  });

  it('the performance section asks for and reads any engagement’s archive, and lists it', async () => {
    const id = uuidV7();
    expect((await ask('perf', { id, kind: 'working-papers', engagementId: demoEngagementId })).status).toBe(201);
    expect((await finished('perf', id)).state).toBe('DONE');
    expect((await read('perf', asked.id)).status).toBe(200);
    const list = await stack.call('GET', '/api/v1/export-jobs', { token: tokens.perf! });
    expect(list.body.items.map((j: { id: string }) => j.id)).toEqual(expect.arrayContaining([id, asked.id]));
  });

  it('holds the scoring papers, the account check, the issue summary, the opinion exchange, the quality review sheet and the final report, once the engagement has them', async () => {
    const id = uuidV7();
    expect((await ask('lead', { id, kind: 'working-papers', engagementId: reviewed.engagement })).status).toBe(201);
    const done = await finished('lead', id);
    expect(done.state).toBe('DONE');
    const archive = await JSZip.loadAsync(new Uint8Array(await (await fetch(done.download.url)).arrayBuffer()));
    const manifest = JSON.parse(await archive.file('manifest.json')!.async('string'));
    const entry = manifest.files.find((f: { path: string }) => f.path === '结论底稿/质量复核单.xlsx');
    expect(entry).toBeDefined();
    const sheet = await archive.file(entry.path)!.async('uint8array');
    expect(sha256(sheet)).toBe(entry.sha256);
    const text = JSON.stringify(readXlsx(sheet).sheets[0]);
    for (const expected of [
      '项目经理复核',
      '质量控制复核',
      '退回',
      '签字人复核',
      '财政部门审核',
      '郑华的复核意见',
      '得分 86.5，等级 良',
    ]) {
      expect(text).toContain(expected);
    }
    const book = async (path: string) => {
      const item = manifest.files.find((f: { path: string }) => f.path === path);
      expect(item, path).toBeDefined();
      const bytes = await archive.file(path)!.async('uint8array');
      expect(sha256(bytes)).toBe(item.sha256);
      return JSON.stringify(readXlsx(bytes).sheets[0]);
    };
    const scoring = await archive.file('结论底稿/绩效指标底稿.xlsx')!.async('uint8array');
    const sheets = readXlsx(scoring).sheets;
    expect(sheets.map((sh) => sh.name)).toEqual(['评分表', '指标底稿']);
    const papers = JSON.stringify(sheets);
    for (const expected of [
      '扣1分：台账与现场不符一处',
      '部门提供的台账',
      '现场记录 1 条；照片 1 张；问卷 0 份；文件 1 份',
      documentPath,
      '定性评判（扣分）',
      '管理不到位',
    ]) {
      expect(papers).toContain(expected);
    }
    await book('结论底稿/绩效指标底稿.xlsx');
    const check = await book('结论底稿/账务核查.xlsx');
    for (const expected of [
      '甲公司',
      '达到金额标准',
      '未抽中',
      '异常',
      '付款金额超过合同约定',
      '全部 ≥ 100,000.00 元的支付',
      '种子 a1b2c3d4',
      '支付 3 笔、705,000.00 元；抽查 2 笔、700,000.00 元',
      '异常 1 笔、500,000.00 元',
    ]) {
      expect(check).toContain(expected);
    }
    const summary = await book('结论底稿/问题汇总表.xlsx');
    for (const expected of [
      '问题汇总表',
      '资金管理',
      '资金拨付滞后',
      '1250000.5',
      '合同签订不规范',
      '3 份合同',
      '已撤回',
    ]) {
      expect(summary).toContain(expected);
    }
    const exchange = await book('结论底稿/意见交换记录.xlsx');
    for (const expected of [
      '同意',
      '不同意',
      '合同已补签',
      '维持原意见',
      '采纳',
      '已核实补签，撤回',
      '答复期限 2027-05-20',
    ]) {
      expect(exchange).toContain(expected);
    }
    // The paper's document as uploaded, under its indicator, with its hash in the manifest.
    const listedDocument = manifest.files.find((f: { path: string }) => f.path === documentPath);
    expect(listedDocument).toMatchObject({ sha256: paperDocument.sha256, sizeBytes: paperDocument.sizeBytes });
    expect(await archive.file(documentPath)!.async('uint8array')).toEqual(new Uint8Array(paperDocumentBytes));
    // The final report as the bureau approved it: the report's own DOCX, without a draft mark, its cover naming the
    // tenant's finance bureau as the commissioner.
    const report = manifest.files.find((f: { path: string }) => f.path === '结论底稿/评价报告.docx');
    expect(report).toBeDefined();
    const docx = await archive.file(report.path)!.async('uint8array');
    expect(sha256(docx)).toBe(report.sha256);
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    const body = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    for (const expected of [
      '东丽区教育局部门整体支出绩效评价报告|（定稿）',
      '委托单位：天津市东丽区财政局',
      '本项目为全区中小学校园安全设施提升工程。',
      '建立设备使用台账',
      '资金拨付滞后',
    ]) {
      expect(body).toContain(expected);
    }
    expect(body).not.toContain('草稿');
    expect(body).not.toContain('征求意见稿');
    // An engagement without reviews, findings or an exchange has none of these papers.
    const demo = await finished('lead', asked.id);
    const demoArchive = await JSZip.loadAsync(new Uint8Array(await (await fetch(demo.download.url)).arrayBuffer()));
    expect(Object.keys(demoArchive.files).filter((n) => n.startsWith('结论底稿/'))).toEqual([]);
  });
});

describe('who may ask, and the limits', () => {
  it('refuses other roles, another agency’s lead and the other kinds of export to the agency; records nothing', async () => {
    const refused = [
      { who: 'evaluator', status: 403 },
      { who: 'deptReviewer', status: 403 },
      { who: 'business', status: 403 },
      { who: 'rivalLead', status: 422 },
    ];
    for (const { who, status } of refused) {
      const id = uuidV7();
      const answer = await ask(who, { id, kind: 'working-papers', engagementId: demoEngagementId });
      expect(answer.status, who).toBe(status);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect((await read('perf', id)).status, who).toBe(404);
    }
    for (const body of [
      { kind: 'year', fiscalYear: 2026 },
      { kind: 'monitoring-round', roundId: uuidV7() },
    ]) {
      const id = uuidV7();
      expect((await ask('lead', { id, ...body })).status, body.kind).toBe(403);
      expect((await read('perf', id)).status).toBe(404);
    }
    // An engagement that does not exist is a reference not found, for the section too.
    expect((await ask('perf', { id: uuidV7(), kind: 'working-papers', engagementId: uuidV7() })).status).toBe(422);
  });

  it('an agency’s lead reads only its own engagements’ archives, never another export nor the list', async () => {
    const year = uuidV7();
    expect((await ask('perf', { id: year, kind: 'year', fiscalYear: 2026 })).status).toBe(201);
    expect((await read('lead', year)).status).toBe(404);
    expect((await read('rivalLead', asked.id)).status).toBe(404);
    expect((await read('evaluator', asked.id)).status).toBe(403);
    expect((await stack.call('GET', '/api/v1/export-jobs', { token: tokens.lead! })).status).toBe(403);
    // Replaying another person's job id is answered as not found, not with that job.
    expect((await ask('rivalLead', { id: year, kind: 'working-papers', engagementId: demoEngagementId })).status).toBe(
      404,
    );
  });

  it('an archive with more photo bytes than its limit fails the job, saying how much', async () => {
    const fixture = await newEngagement();
    await seedPhotoRecord(fixture, maxArchivePhotoBytes);
    const id = uuidV7();
    expect((await ask('lead', { id, kind: 'working-papers', engagementId: fixture.engagement })).status).toBe(201);
    const done = await finished('lead', id);
    expect(done.state).toBe('FAILED');
    expect(done.failure.code).toBe('too-large');
    expect(done.failure.detail).toContain(`上限 ${maxArchivePhotoBytes / 2 ** 20} MB`);
    expect(done.download).toBeNull();
  });

  it('the request path packs a small engagement, and refuses one too big for a request, pointing to the job', async () => {
    const fixture = await newEngagement();
    const small = await stack.call('POST', `/api/v1/engagements/${fixture.engagement}/working-papers`, {
      token: tokens.perf!,
      body: { id: uuidV7() },
    });
    expect(small.status).toBe(201);
    await seedPhotoRecord(fixture, requestPathArchiveLimit.photoBytes);
    const big = await stack.call('POST', `/api/v1/engagements/${fixture.engagement}/working-papers`, {
      token: tokens.perf!,
      body: { id: uuidV7() },
    });
    expect(big.status).toBe(422);
    expect(big.body.type).toBe('urn:jixiao:problem:rules-not-met');
    expect(big.body.detail).toContain('导出任务');
    // The job packs it: the photo whose bytes never arrived is listed as not received.
    const id = uuidV7();
    expect((await ask('perf', { id, kind: 'working-papers', engagementId: fixture.engagement })).status).toBe(201);
    expect((await finished('perf', id)).state).toBe('DONE');
  });
});
