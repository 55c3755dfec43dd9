import type { EngagementState } from '@jixiao/core/fieldwork/engagement.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { engagementKind, type StoredEngagement } from '@jixiao/functions/fieldwork/record-kinds.ts';
import { scoringPaperId, scoringPaperKind } from '@jixiao/functions/key-evaluation/scoring-paper-kind.ts';
import { rectificationKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DraftReportFixture, seedDraftReport } from '../support/key-evaluation-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * A key evaluation from its draft report to its archive (docs/domain/key-evaluation.md#from-findings-to-the-archive)
 * through the local gateway on DynamoDB Local: rule 10 before the report leaves the agency, the three review levels by
 * different people, returns by the agency and the bureau, the final report fixing the score and grade of the papers
 * and locking them (a plain write refused, an amendment marked, listed and audited, a write racing the approval never
 * slipping in after it), the result notice with its rectification, and the archive.
 */
let stack: TestStack;
const token: Record<string, string> = {};
let main: DraftReportFixture;
let race: DraftReportFixture;
const agency = demoId('agency:91120110MA05JX8K2Q');
const education = demoId('department:102');
const who = {
  departmentId: education,
  agencyId: agency,
  evaluatorId: demoId('user:evaluator'),
  leadId: demoId('user:agency-lead'),
};

beforeAll(async () => {
  stack = await startTestStack();
  for (const u of [
    'agency-lead',
    'agency-qc',
    'agency-partner',
    'evaluator',
    'perf-reviewer',
    'dept-reviewer',
    'business-reviewer',
  ])
    token[u] = await stack.tokenFor(u);
  token['other-reviewer'] = await stack.tokenForPerson({
    id: uuidV7(),
    displayName: '发改委复核人',
    tenant: demoTenant.id,
    roles: ['department-reviewer'],
    departmentId: demoId('department:101'),
  });
  main = await seedDraftReport(stack.store, demoTenant.id, who, [{ points: '2.5', reason: '立项依据缺少可行性研究' }]);
  race = await seedDraftReport(stack.store, demoTenant.id, who);
});
afterAll(() => stack?.stop());

const call = (person: string, method: string, path: string, body?: unknown) =>
  stack.call(method, `/api/v1${path}`, { token: token[person]!, ...(body === undefined ? {} : { body }) });
const engagementOf = async (id: string) =>
  (await stack.store.get<StoredEngagement>(demoTenant.id, engagementKind, id))!;
const step = async (person: string, id: string, path: string, body: Record<string, unknown> = {}) =>
  call(person, 'POST', `/engagements/${id}/${path}`, { version: (await engagementOf(id)).version, ...body });
const stateOf = async (id: string): Promise<EngagementState> => (await engagementOf(id)).state;

type Paper = {
  version: number;
  indicatorId: string;
  standard: string;
  evidence: unknown;
  scoring: unknown;
  amendment?: unknown;
};
const paperOf = async (engagementId: string, indicatorId: string) =>
  (await stack.store.get<Paper & { id: string }>(
    demoTenant.id,
    scoringPaperKind,
    scoringPaperId(engagementId, indicatorId),
  ))!;
const savePaper = async (
  person: string,
  engagementId: string,
  indicatorId: string,
  change: Record<string, unknown>,
) => {
  const paper = await paperOf(engagementId, indicatorId);
  return call(person, 'POST', `/engagements/${engagementId}/scoring-papers/${indicatorId}`, {
    version: paper.version,
    standard: paper.standard,
    dataSource: '访谈记录',
    evidence: paper.evidence,
    verification: '经核查，与申报一致',
    scoring: paper.scoring,
    deviation: '',
    causeAnalysis: '',
    responsibleParty: '',
    suggestion: '',
    ...change,
  });
};
const firstIndicator = async (engagementId: string) => (await engagementOf(engagementId)).indicators[0]!.id;

/** The three levels of the agency's review, each by its own lead. */
const reviewThrough = async (id: string) => {
  for (const person of ['agency-lead', 'agency-qc', 'agency-partner']) {
    const signed = await step(person, id, 'quality-review', { decision: 'approve' });
    expect(signed.status, person).toBe(200);
  }
};

describe('the report leaves the agency only when the papers are ready (rule 10)', () => {
  it('lists what is missing, and sends it once it is not', async () => {
    const indicator = await firstIndicator(main.engagement);
    const unlinked = await savePaper('agency-lead', main.engagement, indicator, {
      evidence: { recordIds: [], photoIds: [], questionnaireIds: [] },
    });
    expect(unlinked.status).toBe(200);
    const conclusion = await call('agency-lead', 'GET', `/engagements/${main.engagement}/conclusion`);
    expect(conclusion.body.problems).toEqual([
      expect.objectContaining({ pointer: `/indicators/${indicator}`, code: 'indicator_evidence_missing' }),
    ]);
    const refused = await step('agency-lead', main.engagement, 'submit-report');
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { code: string }) => e.code)).toEqual(['indicator_evidence_missing']);
    expect(await stateOf(main.engagement)).toBe('DRAFT_REPORT');

    await savePaper('agency-lead', main.engagement, indicator, {
      evidence: { recordIds: [main.record], photoIds: [], questionnaireIds: [] },
    });
    expect((await step('evaluator', main.engagement, 'submit-report')).status).toBe(403);
    expect((await step('perf-reviewer', main.engagement, 'submit-report')).status).toBe(403);
    const sent = await step('agency-lead', main.engagement, 'submit-report');
    expect(sent.status).toBe(200);
    expect(sent.body.state).toBe('QC_REVIEW');
  });

  it('holds the papers still under review', async () => {
    const indicator = await firstIndicator(main.engagement);
    const before = await paperOf(main.engagement, indicator);
    const refused = await savePaper('agency-lead', main.engagement, indicator, { verification: '改动' });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].code).toBe('papers_under_review');
    expect(await paperOf(main.engagement, indicator)).toEqual(before);
  });
});

describe("the agency's review in three levels", () => {
  it('is signed by the agency’s leads in order, each level by a different person, and a return says why', async () => {
    const id = main.engagement;
    const stale = await call('agency-lead', 'POST', `/engagements/${id}/quality-review`, {
      version: 1,
      decision: 'approve',
    });
    expect(stale.status).toBe(409);
    expect((await step('evaluator', id, 'quality-review', { decision: 'approve' })).status).toBe(403);
    expect((await step('agency-lead', id, 'quality-review', { decision: 'approve' })).status).toBe(200);
    const twice = await step('agency-lead', id, 'quality-review', { decision: 'approve' });
    expect(twice.status).toBe(422);
    expect(twice.body.errors[0].code).toBe('reviewer_signed_earlier_level');

    const bare = await step('agency-qc', id, 'quality-review', { decision: 'return', comments: ' ' });
    expect(bare.status).toBe(400);
    expect(bare.body.errors[0]).toMatchObject({ pointer: '/comments', code: 'return_comments_required' });
    const returned = await step('agency-qc', id, 'quality-review', {
      decision: 'return',
      comments: '第二部分缺少抽样说明',
    });
    expect(returned.status).toBe(200);
    expect(returned.body.state).toBe('DRAFT_REPORT');
    expect(returned.body.reviews.map((r: { level: string; decision: string }) => `${r.level}:${r.decision}`)).toEqual([
      'PROJECT_MANAGER:approve',
      'QUALITY_CONTROL:return',
    ]);

    expect((await step('agency-lead', id, 'submit-report')).status).toBe(200);
    const sheet = await call('agency-partner', 'GET', `/engagements/${id}/conclusion`);
    expect(sheet.body.nextQualityLevel).toBe('PROJECT_MANAGER');
    await reviewThrough(id);
    expect(await stateOf(id)).toBe('FINANCE_REVIEW');
  });
});

describe("the bureau's review and the final report", () => {
  it('returns with comments, and on approval fixes the score and grade of the papers and locks them', async () => {
    const id = main.engagement;
    expect((await step('agency-lead', id, 'finance-review', { decision: 'approve' })).status).toBe(403);
    expect((await step('business-reviewer', id, 'finance-review', { decision: 'approve' })).status).toBe(403);
    const back = await step('perf-reviewer', id, 'finance-review', {
      decision: 'return',
      comments: '请补充满意度分析',
    });
    expect(back.status).toBe(200);
    expect(back.body.state).toBe('DRAFT_REPORT');
    expect((await step('agency-lead', id, 'submit-report')).status).toBe(200);
    await reviewThrough(id);

    const sheet = await call('perf-reviewer', 'GET', `/engagements/${id}/scoring-papers`);
    expect(sheet.body.score.complete).toBe(true);
    const final = await step('perf-reviewer', id, 'finance-review', { decision: 'approve' });
    expect(final.status).toBe(200);
    expect(final.body.state).toBe('FINAL_REPORT');
    // The deduction of 2.5 on the first indicator: 97.5, graded 优 by the year's bands.
    expect(final.body.conclusion).toMatchObject({ score: 97.5, grade: 'EXCELLENT' });
    expect(final.body.conclusion.score).toBe(sheet.body.score.total);
    expect(final.body.conclusion.grade).toBe(sheet.body.score.grade);
    expect(final.body.reviews.at(-1)).toMatchObject({ level: 'FINANCE', decision: 'approve' });
  });

  it('refuses every plain paper write after it, changing nothing', async () => {
    const id = main.engagement;
    const indicator = await firstIndicator(id);
    const before = await paperOf(id, indicator);
    const refused = await savePaper('agency-lead', id, indicator, { verification: '定稿后改动' });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('urn:jixiao:problem:papers-locked');
    expect(await paperOf(id, indicator)).toEqual(before);
    const byEvaluator = await savePaper('evaluator', id, indicator, { amendmentReason: '更正笔误' });
    expect([403, 404]).toContain(byEvaluator.status);
    expect(await paperOf(id, indicator)).toEqual(before);
  });

  it('takes an amendment with a reason, marks the paper, lists it and keeps it in the audit log', async () => {
    const id = main.engagement;
    const indicator = await firstIndicator(id);
    const amended = await savePaper('agency-lead', id, indicator, {
      verification: '经核查，与申报一致（更正：核查日期为 4 月 10 日）',
      amendmentReason: '核查日期笔误',
    });
    expect(amended.status).toBe(200);
    const paper = await paperOf(id, indicator);
    expect(paper.amendment).toMatchObject({ reason: '核查日期笔误', byName: '周敏' });
    const conclusion = await call('perf-reviewer', 'GET', `/engagements/${id}/conclusion`);
    expect(conclusion.body.amendments).toEqual([
      expect.objectContaining({ paperType: 'scoring-paper', reason: '核查日期笔误', amendedBy: '周敏' }),
    ]);
    const history = await stack.store.history(demoTenant.id, scoringPaperKind, scoringPaperId(id, indicator), {
      limit: 10,
    });
    const entry = history.items.find((h) => (h.after as { version?: number } | undefined)?.version === paper.version);
    expect(entry?.after).toMatchObject({ amendment: { reason: '核查日期笔误' } });
    expect(entry?.before).not.toHaveProperty('amendment');
  });
});

describe('a paper written while the report is submitted', () => {
  it('either lands before the papers freeze or is refused; never after, and never lost', async () => {
    const id = race.engagement;
    const indicator = await firstIndicator(id);
    for (let round = 1; round <= 4; round += 1) {
      const scoring = { method: 'JUDGEMENT', deductions: [{ points: String(round), reason: `第 ${round} 轮扣分` }] };
      const [write, submit] = await Promise.all([
        savePaper('agency-lead', id, indicator, { scoring }),
        step('agency-lead', id, 'submit-report'),
      ]);
      // The submit's lock write conflicts with a save that came between its read and its write: it asks again (409).
      expect([write.status, submit.status].sort(), `round ${round}`).not.toEqual([409, 409]);
      const paper = await paperOf(id, indicator);
      if (write.status === 200) expect(paper.scoring).toEqual(scoring);
      else expect(write.status).toBe(409);
      if (submit.status !== 200) {
        expect(submit.status).toBe(409);
        expect(await stateOf(id)).toBe('DRAFT_REPORT');
        expect((await step('agency-lead', id, 'submit-report')).status).toBe(200);
      }
      // Frozen from the submission on: what the reviewers read is what stays.
      expect(await stateOf(id)).toBe('QC_REVIEW');
      const after = await savePaper('agency-lead', id, indicator, { verification: '冻结后' });
      expect(after.status).toBe(409);
      expect(await paperOf(id, indicator)).toEqual(paper);
      const back = await step('agency-lead', id, 'quality-review', {
        decision: 'return',
        comments: `第 ${round} 轮退回`,
      });
      expect(back.status).toBe(200);
    }
  });
});

describe('the result notice and the archive', () => {
  it('notifies the department, starts the rectification it orders in the same step, and archives', async () => {
    const id = main.engagement;
    expect(
      (await step('agency-lead', id, 'notify-result', { notice: '评价结果为优', rectification: null })).status,
    ).toBe(403);
    const notified = await step('perf-reviewer', id, 'notify-result', {
      notice: '经评价，得分 97.5 分，等级为优。请对凭证不全问题整改。',
      rectification: { requirements: '补齐 2 笔支付的验收单', dueDate: '2027-09-30' },
    });
    expect(notified.status).toBe(200);
    expect(notified.body.state).toBe('RESULT_NOTIFIED');
    const rectificationId = notified.body.resultNotice.rectificationId;
    const rectification = await stack.store.get(demoTenant.id, rectificationKind, rectificationId);
    expect(rectification).toMatchObject({
      source: 'KEY_EVALUATION',
      sourceId: id,
      departmentId: education,
      state: 'NOTICE_ISSUED',
      requirements: '补齐 2 笔支付的验收单',
      dueDate: '2027-09-30',
    });
    expect((await step('perf-reviewer', id, 'notify-result', { notice: '再次通知', rectification: null })).status).toBe(
      409,
    );

    // The department sees the conclusion and the notice, not the agency's review sheet; another department nothing.
    const seen = await call('dept-reviewer', 'GET', `/engagements/${id}/conclusion`);
    expect(seen.status).toBe(200);
    expect(seen.body.conclusion).toMatchObject({ score: 97.5, grade: 'EXCELLENT' });
    expect(seen.body.resultNotice.notice).toContain('等级为优');
    expect(seen.body.reviews).toEqual([]);
    expect(seen.body.problems).toEqual([]);
    expect((await call('other-reviewer', 'GET', `/engagements/${id}/conclusion`)).status).toBe(404);
    // A department's overall evaluation has no project: the department's reviewer answers its rectification, listed
    // on their to-do home under the evaluation's title.
    const home = await call('dept-reviewer', 'GET', '/to-do');
    const answer = home.body.lists.find((l: { key: string }) => l.key === 'rectification:answer:department-reviewer');
    expect(answer.items).toContainEqual(
      expect.objectContaining({ id: rectificationId, title: (await engagementOf(id)).title, dueDate: '2027-09-30' }),
    );
    // Told in the same write: the department's reviewers find the result among their notifications.
    const told = await call('dept-reviewer', 'GET', '/notifications');
    expect(told.body.items).toContainEqual(
      expect.objectContaining({
        topic: 'result-notified',
        subject: expect.objectContaining({ type: 'engagement', id }),
        note: expect.stringContaining('等级为优'),
      }),
    );

    const archived = await step('perf-reviewer', id, 'archive');
    expect(archived.status).toBe(200);
    expect(archived.body.state).toBe('ARCHIVED');
    const indicator = await firstIndicator(id);
    const locked = await savePaper('agency-lead', id, indicator, { verification: '归档后改动' });
    expect(locked.status).toBe(409);
  });
});
