import { createHash } from 'node:crypto';
import type { EngagementState } from '@jixiao/core/fieldwork/engagement.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { engagementKind, type StoredEngagement } from '@jixiao/functions/fieldwork/record-kinds.ts';
import type { OperationRequest } from '@jixiao/functions/http/api-event.ts';
import { paperLocks } from '@jixiao/functions/key-evaluation/paper-lock.ts';
import { scoringPaperId, scoringPaperKind } from '@jixiao/functions/key-evaluation/scoring-paper-kind.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngagementFixture, seedReleasedEngagement } from '../support/fieldwork-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Scoring papers (docs/domain/key-evaluation.md#scoring-papers) through the local gateway on DynamoDB Local: one
 * paper per framework indicator, judged, formula and satisfaction scores by core's engine, evidence links refused
 * when they are another engagement's, rule 10's list shrinking to nothing, who may read and write, and the lock:
 * under review refused, locked refused unless amended with a reason (marked, listed, audited).
 */
let stack: TestStack;
const token: Record<string, string> = {};
let own: EngagementFixture;
let foreign: EngagementFixture;
const agency = demoId('agency:91120110MA05JX8K2Q');
const education = demoId('department:102');

beforeAll(async () => {
  stack = await startTestStack();
  for (const u of ['agency-lead', 'evaluator', 'perf-reviewer', 'dept-reviewer']) token[u] = await stack.tokenFor(u);
  const who = {
    departmentId: education,
    agencyId: agency,
    evaluatorId: demoId('user:evaluator'),
    leadId: demoId('user:agency-lead'),
  };
  own = await seedReleasedEngagement(stack.store, demoTenant.id, who);
  foreign = await seedReleasedEngagement(stack.store, demoTenant.id, who);
});
afterAll(() => stack?.stop());

const call = (who: string, method: string, path: string, body?: unknown) =>
  stack.call(method, `/api/v1${path}`, { token: token[who]!, ...(body === undefined ? {} : { body }) });

type Indicator = { id: string; name: string; level1: string; points: number; standard: string };
const indicatorsOf = async (engagementId: string): Promise<Indicator[]> =>
  ((await stack.store.get<StoredEngagement>(demoTenant.id, engagementKind, engagementId))?.indicators ??
    []) as Indicator[];
const named = async (name: string) => (await indicatorsOf(own.engagement)).find((i) => i.name === name)!;

const paperBody = (overrides: Record<string, unknown> = {}) => ({
  version: 0,
  standard: '按评分标准',
  dataSource: '部门提供的资料及现场核查',
  evidence: { recordIds: [own.record], photoIds: [], questionnaireIds: [] },
  verification: '已核查',
  scoring: { method: 'JUDGEMENT', deductions: [] },
  deviation: '',
  causeAnalysis: '',
  responsibleParty: '',
  suggestion: '',
  ...overrides,
});

const papersPath = (engagementId = own.engagement) => `/engagements/${engagementId}/scoring-papers`;
const save = (who: string, indicatorId: string, body: unknown, engagementId = own.engagement) =>
  call(who, 'POST', `${papersPath(engagementId)}/${indicatorId}`, body);
const stored = (indicatorId: string, engagementId = own.engagement) =>
  stack.store.get(demoTenant.id, scoringPaperKind, scoringPaperId(engagementId, indicatorId));

/** Moves the engagement's paper lock as a step of the conclusion would (the lead builds the real steps). */
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

describe('scoring papers', () => {
  it('lists one blank paper per framework indicator, with the plan standard, and rule 10 missing everything', async () => {
    const indicators = await indicatorsOf(own.engagement);
    const res = await call('agency-lead', 'GET', papersPath());
    expect(res.status).toBe(200);
    expect(res.body.papersState).toBe('open');
    expect(res.body.papers).toHaveLength(indicators.length);
    expect(res.body.papers[0]).toMatchObject({ version: 0, standard: indicators[0]!.standard, scoring: null });
    expect(res.body.score).toMatchObject({ total: 0, complete: false, grade: null });
    expect(res.body.problems).toHaveLength(indicators.length * 2);
    expect(res.body.problems[0]).toMatchObject({
      pointer: `/indicators/${indicators[0]!.id}`,
      code: 'indicator_evidence_missing',
    });
    expect(res.body.rounding).toEqual({ decimals: 2, mode: 'HALF_UP', rateFirst: false });
  });

  it('saves a judged paper: points less its deductions, evidence linked, its problems gone', async () => {
    const ind = await named('立项依据充分性');
    const body = paperBody({
      evidence: { recordIds: [own.record], photoIds: [own.photo], questionnaireIds: [] },
      scoring: {
        method: 'JUDGEMENT',
        deductions: [
          { points: '1', reason: '立项依据未引用区级规划' },
          { points: '0.5', reason: '测算依据不完整' },
        ],
      },
      causeAnalysis: '前期论证不充分',
      responsibleParty: '区教育局',
      suggestion: '完善立项论证',
    });
    const res = await save('agency-lead', ind.id, body);
    expect(res.status).toBe(200);
    const row = res.body.score.rows.find((r: { indicatorId: string }) => r.indicatorId === ind.id);
    expect(row.score).toBe(ind.points - 1.5);
    const paper = res.body.papers.find((p: { indicatorId: string }) => p.indicatorId === ind.id);
    expect(paper).toMatchObject({ version: 1, responsibleParty: '区教育局', updatedByName: '周敏' });
    expect(res.body.problems.filter((p: { pointer: string }) => p.pointer === `/indicators/${ind.id}`)).toEqual([]);
    // Saved again at its version; a stale version is refused and changes nothing.
    const again = await save('agency-lead', ind.id, { ...body, version: 1, verification: '复核后确认' });
    expect(again.status).toBe(200);
    const stale = await save('agency-lead', ind.id, { ...body, version: 1, verification: '旧版本' });
    expect(stale.status).toBe(409);
    expect(stale.body.current.version).toBe(2);
    expect((await stored(ind.id))?.verification).toBe('复核后确认');
  });

  it('scores a formula indicator from its figures: 预算执行率 is spending over the funds received', async () => {
    const ind = await named('预算执行率');
    const res = await save(
      'agency-lead',
      ind.id,
      paperBody({
        scoring: {
          method: 'FORMULA',
          formula: 'BUDGET_EXECUTION',
          numerator: '850000',
          denominator: '900000',
          rule: { kind: 'THRESHOLD', fullAt: '95', perPercent: '0.2' },
        },
      }),
    );
    expect(res.status).toBe(200);
    const row = res.body.score.rows.find((r: { indicatorId: string }) => r.indicatorId === ind.id);
    // 94 4/9 %: 5 − (5/9) × 0.2 = 4.888… → 4.89 by the year's rule (half up, two decimals)
    expect(ind.points).toBe(5);
    expect(row).toMatchObject({ score: 4.89, rate: 94.44, reason: null });
  });

  it('a zero denominator is saved but not a score, and rule 10 says so', async () => {
    const ind = await named('资金到位率');
    const res = await save(
      'agency-lead',
      ind.id,
      paperBody({
        scoring: {
          method: 'FORMULA',
          formula: 'FUNDS_RECEIVED',
          numerator: '0',
          denominator: '0',
          rule: { kind: 'PROPORTIONAL' },
        },
      }),
    );
    expect(res.status).toBe(200);
    const row = res.body.score.rows.find((r: { indicatorId: string }) => r.indicatorId === ind.id);
    expect(row).toMatchObject({ score: null, reason: 'formula_zero_denominator' });
    expect(res.body.problems).toContainEqual(
      expect.objectContaining({ pointer: `/indicators/${ind.id}`, code: 'indicator_not_scored' }),
    );
  });

  it("refuses links to another engagement's record or photo, or a questionnaire not in the plan (422, nothing saved)", async () => {
    const ind = await named('立项程序规范性');
    for (const [evidence, pointer] of [
      [{ recordIds: [foreign.record], photoIds: [], questionnaireIds: [] }, '/evidence/recordIds/0'],
      [{ recordIds: [own.record], photoIds: [foreign.photo], questionnaireIds: [] }, '/evidence/photoIds/0'],
      [{ recordIds: [], photoIds: [], questionnaireIds: [uuidV7()] }, '/evidence/questionnaireIds/0'],
    ] as const) {
      const res = await save('agency-lead', ind.id, paperBody({ evidence }));
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          pointer,
          code: 'evidence_not_in_engagement',
          message: expect.stringContaining('本评价'),
        }),
      ]);
    }
    expect(await stored(ind.id)).toBeUndefined();
  });

  it('bad input is 400 and saves nothing; an indicator not in the framework is 404', async () => {
    const ind = await named('立项程序规范性');
    const noReason = paperBody({ scoring: { method: 'JUDGEMENT', deductions: [{ points: '1', reason: '' }] } });
    expect((await save('agency-lead', ind.id, noReason)).status).toBe(400);
    const badFigure = paperBody({
      scoring: {
        method: 'FORMULA',
        formula: 'QUALITY',
        numerator: '-1',
        denominator: '10',
        rule: { kind: 'PROPORTIONAL' },
      },
    });
    expect((await save('agency-lead', ind.id, badFigure)).status).toBe(400);
    expect((await save('agency-lead', ind.id, paperBody({ weight: 3 }))).status).toBe(400);
    expect(await stored(ind.id)).toBeUndefined();
    expect((await save('agency-lead', uuidV7(), paperBody())).status).toBe(404);
  });

  it('the lead writes; evaluators and the bureau read; the department reads nothing before the final report', async () => {
    const ind = await named('立项程序规范性');
    expect((await call('evaluator', 'GET', papersPath())).status).toBe(200);
    expect((await call('perf-reviewer', 'GET', papersPath())).status).toBe(200);
    expect((await call('dept-reviewer', 'GET', papersPath())).status).toBe(404);
    expect((await save('evaluator', ind.id, paperBody())).status).toBe(403);
    // The performance section corrects only after the lock, as an amendment.
    expect((await save('perf-reviewer', ind.id, paperBody())).status).toBe(403);
    expect((await save('dept-reviewer', ind.id, paperBody())).status).toBe(403);
    expect(await stored(ind.id)).toBeUndefined();
  });

  it('satisfaction without a questionnaire that reached its sample is not a score', async () => {
    const ind = await named('社会公众满意度');
    const res = await save('agency-lead', ind.id, paperBody({ scoring: { method: 'SATISFACTION', target: '90' } }));
    expect(res.status).toBe(200);
    const row = res.body.score.rows.find((r: { indicatorId: string }) => r.indicatorId === ind.id);
    expect(row).toMatchObject({ score: null, reason: 'satisfaction_no_survey' });
    expect((await stored(ind.id))?.surveyRate).toBeNull();
  });

  it('rule 10: once every indicator has its standard, evidence and a score, nothing is missing and the sheet is graded', async () => {
    const indicators = await indicatorsOf(own.engagement);
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (const ind of indicators) {
      const current = await stored(ind.id);
      last = await save('agency-lead', ind.id, paperBody({ version: current?.version ?? 0 }));
      expect(last.status).toBe(200);
    }
    expect(last!.body.problems).toEqual([]);
    expect(last!.body.score).toMatchObject({ total: 100, complete: true, grade: 'EXCELLENT' });
    expect(last!.body.score.levels.map((l: { weight: number; score: number }) => [l.weight, l.score])).toEqual([
      [20, 20],
      [20, 20],
      [30, 30],
      [30, 30],
    ]);
  });

  it("takes documents: uploaded at the paper's key, listed with its save, counted as evidence, downloaded by its readers", async () => {
    const [ind, other] = (await indicatorsOf(own.engagement)).slice(2, 4) as [Indicator, Indicator];
    const bytes = Buffer.from('%PDF-1.4\n% 资金拨付台账\n');
    const file = {
      id: uuidV7(),
      name: '资金拨付台账.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    const uploads = (indicatorId: string) => `${papersPath()}/${indicatorId}/document-uploads`;
    expect((await call('evaluator', 'POST', uploads(ind.id), file)).status).toBe(403);
    const ticket = await call('agency-lead', 'POST', uploads(ind.id), file);
    expect(ticket.status).toBe(201);
    const document = ticket.body.attachment;
    expect(document).toMatchObject({ ...file, key: expect.stringContaining(scoringPaperId(own.engagement, ind.id)) });
    const withDocument = async (indicatorId: string, documents: unknown[]) => {
      const current = await stored(indicatorId);
      const evidence = { recordIds: [own.record], photoIds: [], questionnaireIds: [], documents };
      return save('agency-lead', indicatorId, paperBody({ version: current?.version ?? 0, evidence }));
    };

    // Listed before its bytes arrived: 422 at the document, nothing saved.
    const before = await stored(ind.id);
    const early = await withDocument(ind.id, [document]);
    expect(early.status).toBe(422);
    expect(early.body.errors).toContainEqual(
      expect.objectContaining({ pointer: '/evidence/documents/0', code: 'attachment_not_uploaded' }),
    );
    expect((await stored(ind.id))?.version).toBe(before?.version);

    const { 'content-length': _length, ...headers } = ticket.body.upload.headers as Record<string, string>;
    expect((await fetch(ticket.body.upload.url, { method: 'PUT', headers, body: bytes })).ok).toBe(true);
    const saved = await withDocument(ind.id, [document]);
    expect(saved.status).toBe(200);
    const paper = saved.body.papers.find((x: { indicatorId: string }) => x.indicatorId === ind.id);
    expect(paper.evidence.documents).toEqual([document]);
    // A save that leaves the list out (a client that knows nothing of documents) keeps it.
    const unaware = await save('agency-lead', ind.id, paperBody({ version: (await stored(ind.id))!.version }));
    expect(unaware.status).toBe(200);
    expect((await stored(ind.id))?.evidence).toMatchObject({ documents: [document] });
    // Another paper cannot claim it: its bytes are not at that paper's key.
    const claimed = await withDocument(other.id, [document]);
    expect(claimed.status).toBe(422);
    expect(claimed.body.errors[0]).toMatchObject({ pointer: '/evidence/documents/0' });

    const documentPath = `${papersPath()}/${ind.id}/documents/${file.id}`;
    const link = await call('evaluator', 'GET', documentPath);
    expect(link.status).toBe(200);
    expect(Buffer.from(await (await fetch(link.body.url)).arrayBuffer())).toEqual(bytes);
    // The department reads the papers, and so their documents, only after the final report.
    expect((await call('dept-reviewer', 'GET', documentPath)).status).toBe(404);
    expect((await call('evaluator', 'GET', `${papersPath()}/${other.id}/documents/${file.id}`)).status).toBe(404);

    // Saved without it, the paper no longer lists it and it is no longer downloaded through the paper.
    expect((await withDocument(ind.id, [])).status).toBe(200);
    expect((await call('evaluator', 'GET', documentPath)).status).toBe(404);
  });

  it('under review a save is 409 and changes nothing', async () => {
    const ind = await named('立项依据充分性');
    const before = await stored(ind.id);
    await lockAt('QC_REVIEW');
    const res = await save('agency-lead', ind.id, paperBody({ version: before!.version, verification: '审核中修改' }));
    expect(res.status).toBe(409);
    expect(res.body.errors[0].code).toBe('papers_under_review');
    expect((await stored(ind.id))?.version).toBe(before!.version);
    // Nor is a document's upload asked for.
    const upload = await call('agency-lead', 'POST', `${papersPath()}/${ind.id}/document-uploads`, {
      id: uuidV7(),
      name: '审核中补充.pdf',
      contentType: 'application/pdf',
      sizeBytes: 10,
      sha256: 'b'.repeat(64),
    });
    expect(upload.status).toBe(409);
    expect(upload.body.errors[0].code).toBe('papers_under_review');
    expect((await call('agency-lead', 'GET', papersPath())).body.papersState).toBe('under-review');
  });

  it('after the final report: a plain save is papers-locked; an amendment with a reason is saved, marked, listed and audited', async () => {
    const ind = await named('立项依据充分性');
    const before = await stored(ind.id);
    await lockAt('FINAL_REPORT');
    const plain = await save(
      'agency-lead',
      ind.id,
      paperBody({ version: before!.version, verification: '定稿后修改' }),
    );
    expect(plain.status).toBe(409);
    expect(plain.body.type).toBe('urn:jixiao:problem:papers-locked');
    expect((await stored(ind.id))?.version).toBe(before!.version);
    expect((await save('evaluator', ind.id, paperBody({ version: before!.version }))).status).toBe(403);

    const amended = await save(
      'agency-lead',
      ind.id,
      paperBody({
        version: before!.version,
        verification: '更正：补充核查了立项批复',
        amendmentReason: '复核发现立项批复已在附件中，扣分有误',
      }),
    );
    expect(amended.status).toBe(200);
    const paper = amended.body.papers.find((p: { indicatorId: string }) => p.indicatorId === ind.id);
    expect(paper.amendment).toMatchObject({ reason: '复核发现立项批复已在附件中，扣分有误', byName: '周敏' });
    expect(paper.verification).toBe('更正：补充核查了立项批复');
    // The amendments as the engagement lists them (a page, or every page as one list).
    const listed: unknown = await paperLocks(stack.store).amendments(demoTenant.id, own.engagement);
    expect(Array.isArray(listed) ? listed : (listed as { items: unknown[] }).items).toEqual([
      expect.objectContaining({
        paperType: 'scoring-paper',
        paperId: scoringPaperId(own.engagement, ind.id),
        reason: '复核发现立项批复已在附件中，扣分有误',
      }),
    ]);
    const audit = await stack.store.history(demoTenant.id, scoringPaperKind, scoringPaperId(own.engagement, ind.id), {
      limit: 10,
    });
    const last = audit.items.find((e) => e.after.verification === '更正：补充核查了立项批复');
    expect(last?.before?.verification).toBe('已核查');
    expect(last?.after.amendment).toMatchObject({ reason: '复核发现立项批复已在附件中，扣分有误' });

    // The performance section may amend too; the department now reads the locked papers.
    const byBureau = await save(
      'perf-reviewer',
      ind.id,
      paperBody({ version: before!.version + 1, verification: '财政复核更正', amendmentReason: '财政复核' }),
    );
    expect(byBureau.status).toBe(200);
    const read = await call('dept-reviewer', 'GET', papersPath());
    expect(read.status).toBe(200);
    expect(read.body.papersState).toBe('locked');
  });

  it("another engagement's papers are not found by an agency lead of another agency", async () => {
    const rival = await stack.tokenForPerson({
      id: 'rival-lead',
      displayName: '别家负责人',
      tenant: demoTenant.id,
      roles: ['agency-lead'],
      agencyId: demoId('agency:91120116MA06B3T71L'),
    });
    const res = await stack.call('GET', `/api/v1${papersPath(foreign.engagement)}`, { token: rival });
    expect(res.status).toBe(404);
  });
});
