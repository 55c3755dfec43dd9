import type { EngagementState } from '@jixiao/core/fieldwork/engagement.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { engagementKind, type StoredEngagement } from '@jixiao/functions/fieldwork/record-kinds.ts';
import type { OperationRequest } from '@jixiao/functions/http/api-event.ts';
import {
  evaluationReportKind,
  type StoredEvaluationReport,
} from '@jixiao/functions/key-evaluation/evaluation-report-kind.ts';
import { paperLocks } from '@jixiao/functions/key-evaluation/paper-lock.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngagementFixture, seedReleasedEngagement } from '../support/fieldwork-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * The evaluation report (docs/domain/key-evaluation.md#the-report) through the local gateway on DynamoDB Local: the
 * narrative saved at its version through the paper lock, bad input refused without a change, what is filled from the
 * scoring papers and the findings, the DOCX (草稿 until the final report, 定稿 after) and the scoring table as XLSX
 * read back with independent readers, its figures equal to the API's; the lock: refused under review, refused after
 * the final report unless amended with a reason.
 */
let stack: TestStack;
const token: Record<string, string> = {};
let own: EngagementFixture;
const agency = demoId('agency:91120110MA05JX8K2Q');
const education = demoId('department:102');

beforeAll(async () => {
  stack = await startTestStack();
  for (const u of ['agency-lead', 'evaluator', 'perf-reviewer', 'dept-reviewer']) token[u] = await stack.tokenFor(u);
  own = await seedReleasedEngagement(stack.store, demoTenant.id, {
    departmentId: education,
    agencyId: agency,
    evaluatorId: demoId('user:evaluator'),
    leadId: demoId('user:agency-lead'),
  });
});
afterAll(() => stack?.stop());

const call = (who: string, method: string, path: string, body?: unknown) =>
  stack.call(method, `/api/v1${path}`, { token: token[who]!, ...(body === undefined ? {} : { body }) });

const reportPath = () => `/engagements/${own.engagement}/report`;
const emptySections = {
  overview: '',
  targets: '',
  purpose: '',
  method: '',
  process: '',
  conclusion: '',
  experience: '',
  causes: '',
  other: '',
};
const stored = () => stack.store.get<StoredEvaluationReport>(demoTenant.id, evaluationReportKind, own.engagement);

/** Moves the engagement's paper lock as a step of the conclusion does. */
const lockAt = async (state: EngagementState) => {
  const locks = paperLocks(stack.store);
  const request = {
    principal: { tenant: demoTenant.id, userId: 'test:conclusion', roles: ['performance-section-reviewer'] },
    language: 'zh-CN',
    requestId: uuidV7(),
    params: {},
    query: {},
    body: { state },
    receivedAt: new Date().toISOString(),
  } as unknown as OperationRequest;
  const lock = await locks.read(demoTenant.id, own.engagement);
  const write = locks.stepWrite(request, { id: own.engagement }, lock, state);
  const result = await stack.store.transact(demoTenant.id, [write], {
    actor: 'test:conclusion',
    actorRoles: ['performance-section-reviewer'],
    requestId: request.requestId,
    at: request.receivedAt,
  });
  expect(result.outcome).toBe('done');
};

const download = async (who: string, kind: 'docx' | 'scoring-table', id = uuidV7()) => {
  const res = await call(who, 'POST', `${reportPath()}/${kind}`, { id });
  expect(res.status).toBe(201);
  return { res, bytes: new Uint8Array(await (await fetch(res.body.url)).arrayBuffer()) };
};

const docxText = async (bytes: Uint8Array) => {
  const zip = await JSZip.loadAsync(bytes);
  const doc = await zip.file('word/document.xml')!.async('string');
  const header = await zip.file('word/header1.xml')?.async('string');
  const text = [...doc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return { text, header };
};

describe('the evaluation report', () => {
  it('starts blank, with the scoring table of the framework unscored and the filled parts saying so', async () => {
    const res = await call('agency-lead', 'GET', reportPath());
    expect(res.status).toBe(200);
    expect(res.body.report).toMatchObject({ version: 0, sections: emptySections, recommendations: [] });
    expect(res.body.papersState).toBe('open');
    const e = await stack.store.get<StoredEngagement>(demoTenant.id, engagementKind, own.engagement);
    const rows = res.body.filled.scoringTable.groups.flatMap((g: { rows: unknown[] }) => g.rows);
    expect(rows).toHaveLength(e!.indicators.length);
    expect(res.body.filled.scoringTable).toMatchObject({ total: 0, complete: false, gradeLabel: '未定' });
    expect(res.body.filled.problems).toEqual([]);
    expect(res.body.filled.sampling).toBeNull();
  });

  it('saves the narrative at its version; a stale version, bad input and the wrong people change nothing', async () => {
    const body = {
      version: 0,
      sections: { ...emptySections, overview: '该项目为区级学校设施改造项目。\n资金来源为区级财政。' },
      recommendations: ['建立项目储备库'],
    };
    const saved = await call('agency-lead', 'POST', reportPath(), body);
    expect(saved.status).toBe(200);
    expect(saved.body.report).toMatchObject({ version: 1, recommendations: ['建立项目储备库'], updatedByName: '周敏' });

    const stale = await call('agency-lead', 'POST', reportPath(), {
      ...body,
      sections: { ...body.sections, overview: '旧' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current.version).toBe(1);

    const tooLong = await call('agency-lead', 'POST', reportPath(), {
      ...body,
      version: 1,
      sections: { ...body.sections, other: '字'.repeat(4001) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.headers.get('content-type')).toContain('application/problem+json');
    const unknownSection = await call('agency-lead', 'POST', reportPath(), {
      ...body,
      version: 1,
      sections: { ...body.sections, appendix: 'x' },
    });
    expect(unknownSection.status).toBe(400);

    expect((await call('evaluator', 'POST', reportPath(), { ...body, version: 1 })).status).toBe(403);
    expect((await call('dept-reviewer', 'POST', reportPath(), { ...body, version: 1 })).status).toBe(403);
    // The performance section corrects only after the lock, as an amendment.
    expect((await call('perf-reviewer', 'POST', reportPath(), { ...body, version: 1 })).status).toBe(403);
    // The department reads the report only once it is final.
    expect((await call('dept-reviewer', 'GET', reportPath())).status).toBe(404);
    expect((await call('perf-reviewer', 'GET', reportPath())).status).toBe(200);

    const kept = await stored();
    expect(kept?.version).toBe(1);
    expect(kept?.sections.overview).toBe('该项目为区级学校设施改造项目。\n资金来源为区级财政。');
  });

  it("fills the scoring table from the scoring papers and the problems from the findings; the XLSX's figures are the API's", async () => {
    const e = await stack.store.get<StoredEngagement>(demoTenant.id, engagementKind, own.engagement);
    const [first, second] = e!.indicators;
    const paper = (deductions: { points: string; reason: string }[]) => ({
      version: 0,
      standard: '按评分标准',
      dataSource: '资料',
      evidence: { recordIds: [own.record], photoIds: [], questionnaireIds: [] },
      verification: '已核查立项文件',
      scoring: { method: 'JUDGEMENT', deductions },
      deviation: '',
      causeAnalysis: '前期论证不足',
      responsibleParty: '',
      suggestion: '',
    });
    const papers = `/engagements/${own.engagement}/scoring-papers`;
    expect(
      (await call('agency-lead', 'POST', `${papers}/${first!.id}`, paper([{ points: '1.25', reason: '论证不充分' }])))
        .status,
    ).toBe(200);
    const sheet = await call('agency-lead', 'POST', `${papers}/${second!.id}`, paper([]));
    expect(sheet.status).toBe(200);
    const finding = await call('agency-lead', 'POST', `/engagements/${own.engagement}/findings`, {
      id: uuidV7(),
      category: 'FUNDS',
      title: '资金拨付滞后',
      facts: '第三季度资金拨付滞后两个月',
      amount: 250000,
      quantity: '',
      basis: '《预算法》',
      evidence: { fieldRecordIds: [own.record], photoIds: [], indicatorIds: [] },
      responsibleParty: '区教育局',
      suggestion: '按进度及时拨付资金',
      reportParagraph: null,
    });
    expect(finding.status).toBe(201);

    const res = await call('agency-lead', 'GET', reportPath());
    const table = res.body.filled.scoringTable;
    const rows = table.groups.flatMap((g: { rows: { indicatorId: string; score: number | null }[] }) => g.rows);
    const scoreOf = (id: string) => rows.find((r: { indicatorId: string }) => r.indicatorId === id);
    expect(scoreOf(first!.id)).toMatchObject({ score: first!.points - 1.25, deductions: ['扣1.25分：论证不充分'] });
    expect(table.total).toBe(sheet.body.score.total);
    expect(table.groups.map((g: { score: number }) => g.score)).toEqual(
      sheet.body.score.levels
        .filter((l: { indicators: number }) => l.indicators > 0)
        .map((l: { score: number }) => l.score),
    );
    expect(res.body.filled.problems).toEqual([
      expect.objectContaining({ title: '资金拨付滞后', category: '资金管理', amount: '250,000.00 元' }),
    ]);
    expect(res.body.filled.analysis[0].indicators[0]).toMatchObject({
      verification: '已核查立项文件',
      cause: '前期论证不足',
    });

    const { bytes } = await download('agency-lead', 'scoring-table');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = book.worksheets[0]!;
    const byName = new Map<string, unknown>();
    ws.eachRow((row) => {
      byName.set(String(row.getCell(3).value ?? row.getCell(1).value), row.getCell(6).value);
    });
    for (const row of rows as { name: string; score: number | null }[]) {
      expect(byName.get(row.name), row.name).toBe(row.score ?? '—');
    }
    expect(byName.get('合计')).toBe(table.total);
    expect(byName.get('决策小计')).toBe(table.groups[0].score);
  });

  it('downloads the DOCX with the narrative, the filled parts and 草稿 on every page; the same id links the same file', async () => {
    const id = uuidV7();
    const { res, bytes } = await download('agency-lead', 'docx', id);
    const { text, header } = await docxText(bytes);
    expect(text).toContain('该项目为区级学校设施改造项目。');
    expect(text).toContain('资金拨付滞后（资金管理）');
    expect(text).toContain('针对“资金拨付滞后”：按进度及时拨付资金');
    expect(text).toContain('建立项目储备库');
    expect(text).toContain('扣1.25分：论证不充分');
    expect(header).toContain('草稿');
    const again = await call('agency-lead', 'POST', `${reportPath()}/docx`, { id });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(res.body.expiresAt).toBeTruthy();
    expect((await call('evaluator', 'POST', `${reportPath()}/docx`, { id: uuidV7() })).status).toBe(403);
    expect((await call('dept-reviewer', 'POST', `${reportPath()}/docx`, { id: uuidV7() })).status).toBe(404);
  });

  it('under review a save is 409 and changes nothing', async () => {
    await lockAt('QC_REVIEW');
    const res = await call('agency-lead', 'POST', reportPath(), {
      version: 1,
      sections: { ...emptySections, overview: '审核中修改' },
      recommendations: [],
    });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].code).toBe('papers_under_review');
    expect((await stored())?.version).toBe(1);
  });

  it('after the final report: a plain save is papers-locked, an amendment is saved and listed; the DOCX is 定稿', async () => {
    await lockAt('FINAL_REPORT');
    const body = { version: 1, sections: { ...emptySections, overview: '定稿后修改' }, recommendations: [] };
    const plain = await call('agency-lead', 'POST', reportPath(), body);
    expect(plain.status).toBe(409);
    expect(plain.body.type).toBe('urn:jixiao:problem:papers-locked');
    expect((await stored())?.version).toBe(1);

    const amended = await call('perf-reviewer', 'POST', reportPath(), { ...body, amendmentReason: '更正项目概况' });
    expect(amended.status).toBe(200);
    expect(amended.body.report.amendment).toMatchObject({ reason: '更正项目概况' });
    const listed: unknown = await paperLocks(stack.store).amendments(demoTenant.id, own.engagement);
    expect(Array.isArray(listed) ? listed : (listed as { items: unknown[] }).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ paperType: 'evaluation-report', reason: '更正项目概况' })]),
    );

    // Now final: the department reads it, and the document has no draft mark.
    expect((await call('dept-reviewer', 'GET', reportPath())).status).toBe(200);
    const { text, header } = await docxText((await download('dept-reviewer', 'docx')).bytes);
    expect(header).toBeUndefined();
    expect(text).toContain('（定稿）');
    expect(text).toContain('定稿后修改');
    expect(text).toContain('原因：更正项目概况');
  });
});
