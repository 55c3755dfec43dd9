import { beijingDay } from '@jixiao/core/beijing-day.ts';
import type { EngagementState } from '@jixiao/core/fieldwork/engagement.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { engagementToDoKind } from '@jixiao/functions/daily-work/record-kinds.ts';
import { engagementKind, type StoredEngagement } from '@jixiao/functions/fieldwork/record-kinds.ts';
import type { OperationRequest } from '@jixiao/functions/http/api-event.ts';
import {
  findingKind,
  opinionExchangeKind,
  type StoredOpinionExchange,
} from '@jixiao/functions/key-evaluation/finding-kind.ts';
import { paperLocks } from '@jixiao/functions/key-evaluation/paper-lock.ts';
import type { StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngagementFixture, seedReleasedEngagement } from '../support/fieldwork-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Findings (问题汇总表) and the exchange of opinions (docs/domain/key-evaluation.md#findings-and-the-exchange-of-opinions)
 * through the local gateway on DynamoDB Local: the summary written through the lock with its evidence checked, the
 * findings sent (state, release), the department's drafts and its one submission (refused outside the exchange and to
 * another department), the agency's handling, the close (refused until complete; late with a note), and the lock.
 */
let stack: TestStack;
const token: Record<string, string> = {};
let own: EngagementFixture;
let late: EngagementFixture;
const agency = demoId('agency:91120110MA05JX8K2Q');
const education = demoId('department:102');
const today = () => beijingDay(new Date().toISOString());

beforeAll(async () => {
  stack = await startTestStack();
  for (const u of ['agency-lead', 'evaluator', 'perf-reviewer', 'dept-reviewer', 'unit-preparer'])
    token[u] = await stack.tokenFor(u);
  token['other-reviewer'] = await stack.tokenForPerson({
    id: uuidV7(),
    displayName: '发改委复核人',
    tenant: demoTenant.id,
    roles: ['department-reviewer'],
    departmentId: demoId('department:101'),
  });
  const who = {
    departmentId: education,
    agencyId: agency,
    evaluatorId: demoId('user:evaluator'),
    leadId: demoId('user:agency-lead'),
  };
  own = await seedReleasedEngagement(stack.store, demoTenant.id, who);
  late = await seedReleasedEngagement(stack.store, demoTenant.id, who);
});
afterAll(() => stack?.stop());

const call = (who: string, method: string, path: string, body?: unknown) =>
  stack.call(method, `/api/v1${path}`, { token: token[who]!, ...(body === undefined ? {} : { body }) });

const engagementOf = async (id: string) =>
  (await stack.store.get<StoredEngagement>(demoTenant.id, engagementKind, id))!;
const exchangeOf = async (id: string) =>
  (await stack.store.get<StoredOpinionExchange>(demoTenant.id, opinionExchangeKind, id))!;

const findingBody = (overrides: Record<string, unknown> = {}) => ({
  id: uuidV7(),
  category: 'FUNDS',
  title: '资金拨付滞后',
  facts: '第三季度资金到位后 45 天才拨付至实施单位',
  amount: 1250000.5,
  quantity: '',
  basis: '《天津市东丽区区级项目支出管理办法》第十二条',
  evidence: { fieldRecordIds: [own.record], photoIds: [own.photo], indicatorIds: [] },
  responsibleParty: '区教育局财务科',
  suggestion: '建立资金拨付台账，按月跟踪拨付进度',
  reportParagraph: null,
  ...overrides,
});

const step = async (who: string, engagementId: string, path: string, body: Record<string, unknown> = {}) => {
  const e = await engagementOf(engagementId);
  return call(who, 'POST', `/engagements/${engagementId}/${path}`, { version: e.version, ...body });
};

/** Moves the engagement's paper lock as a step of the conclusion would (the review steps are built elsewhere). */
const lockAt = async (engagementId: string, state: EngagementState) => {
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
  const lock = await locks.read(demoTenant.id, engagementId);
  const write = locks.stepWrite(request, { id: engagementId }, lock, state);
  const result = await stack.store.transact(demoTenant.id, [write], {
    actor: 'test:conclusion',
    actorRoles: ['performance-section-reviewer'],
    requestId: request.requestId,
    at: request.receivedAt,
  });
  expect(result.outcome).toBe('done');
};

/** The ids a list of the person's to-do home shows (its first entries: the test's tenant has few engagements). */
const toDoIds = async (who: string, key: string): Promise<string[]> => {
  const home = await call(who, 'GET', '/to-do');
  expect(home.status).toBe(200);
  const list = home.body.lists.find((l: { key: string }) => l.key === key);
  expect(list).toBeDefined();
  return list.items.map((i: { id: string }) => i.id);
};

/** Where the engagement's to-do entries of the department's and the agency's side are (null: on no list). */
const toDoQueues = async (id: string) => {
  const entries = await stack.store.getMany<StoredRecord & { queue: string | null }>(
    demoTenant.id,
    engagementToDoKind,
    [`department#${id}`, `agency#${id}`],
  );
  const queueOf = (side: string) => entries.find((e) => e.id === `${side}#${id}`)?.queue ?? null;
  return { department: queueOf('department'), agency: queueOf('agency') };
};

const findingsPath = (id = own.engagement) => `/engagements/${id}/findings`;
const summaryOf = async (who: string, id = own.engagement) => (await call(who, 'GET', findingsPath(id))).body;

let first: { id: string; version: number };
let second: { id: string; version: number };

describe('the issue summary', () => {
  it('is written by the lead through the lock, with evidence of the engagement only, and replays a create', async () => {
    const indicator = (await engagementOf(own.engagement)).indicators[0]!.id;
    const body = findingBody({
      evidence: { fieldRecordIds: [own.record], photoIds: [own.photo], indicatorIds: [indicator] },
    });
    const created = await call('agency-lead', 'POST', findingsPath(), body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ engagementId: own.engagement, withdrawn: false, amount: 1250000.5 });
    const replay = await call('agency-lead', 'POST', findingsPath(), body);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(body.id);
    first = created.body;

    // Another engagement's record and photo are no evidence of this one; nothing is written.
    const foreign = findingBody({
      evidence: { fieldRecordIds: [late.record], photoIds: [late.photo], indicatorIds: [] },
    });
    const refused = await call('agency-lead', 'POST', findingsPath(), foreign);
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/evidence/fieldRecordIds/0',
      '/evidence/photoIds/0',
    ]);
    expect(refused.body.errors[0].code).toBe('evidence_not_in_engagement');
    expect(await stack.store.get(demoTenant.id, findingKind, foreign.id)).toBeUndefined();

    const bad = await call('agency-lead', 'POST', findingsPath(), findingBody({ amount: 1.005, category: '资金' }));
    expect(bad.status).toBe(400);

    const more = await call(
      'agency-lead',
      'POST',
      findingsPath(),
      findingBody({
        category: 'OUTPUT',
        title: '部分设备闲置',
        amount: null,
        quantity: '12 台',
        evidence: { fieldRecordIds: [], photoIds: [], indicatorIds: [] },
      }),
    );
    expect(more.status).toBe(201);
    second = more.body;
    expect((await call('evaluator', 'POST', findingsPath(), findingBody())).status).toBe(403);
    expect((await call('dept-reviewer', 'POST', findingsPath(), findingBody())).status).toBe(403);
  });

  it('revises a finding at the version seen; the department does not see the summary before it is sent', async () => {
    const path = `${findingsPath()}/${first.id}`;
    const revised = await call('agency-lead', 'PATCH', path, {
      version: first.version,
      suggestion: '按月通报拨付进度',
    });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({ version: first.version + 1, suggestion: '按月通报拨付进度' });
    first = revised.body;
    const stale = await call('agency-lead', 'PATCH', path, { version: 1, suggestion: '旧的' });
    expect(stale.status).toBe(409);
    const unknown = await call('agency-lead', 'PATCH', `${findingsPath()}/${uuidV7()}`, { version: 1, title: 'x' });
    expect(unknown.status).toBe(404);

    const summary = await summaryOf('agency-lead');
    expect(summary.findings.map((f: { id: string }) => f.id)).toEqual([first.id, second.id]);
    expect(summary.exchange).toBeNull();
    expect((await call('perf-reviewer', 'GET', findingsPath())).status).toBe(200);
    expect((await call('dept-reviewer', 'GET', findingsPath())).status).toBe(404);
  });
});

describe('sending the findings', () => {
  it('waits for fieldwork to close, a reply date not past, then opens the exchange and releases the evidence', async () => {
    const tooEarly = await step('agency-lead', own.engagement, 'send-findings', { dueDate: today() });
    expect(tooEarly.status).toBe(409);
    expect((await step('agency-lead', own.engagement, 'close-fieldwork')).status).toBe(200);
    // Not yet released to the department (the fixture releases it; the send must release it itself).
    const e = await engagementOf(own.engagement);
    await stack.store.update(
      demoTenant.id,
      engagementKind,
      e,
      { ...e, version: e.version + 1, releasedAt: null },
      {
        actor: 'test',
        actorRoles: [],
        requestId: uuidV7(),
        at: new Date().toISOString(),
      },
    );
    expect((await step('perf-reviewer', own.engagement, 'send-findings', { dueDate: today() })).status).toBe(403);
    const past = await step('agency-lead', own.engagement, 'send-findings', { dueDate: '2020-01-01' });
    expect(past.status).toBe(422);
    expect(past.body.errors[0]).toMatchObject({ pointer: '/dueDate', code: 'due_date_past' });

    const due = `${Number(today().slice(0, 4)) + 1}${today().slice(4)}`.replace(/-02-29$/, '-02-28');
    const sent = await step('agency-lead', own.engagement, 'send-findings', { dueDate: due });
    expect(sent.status).toBe(200);
    expect(sent.body.state).toBe('OPINION_EXCHANGE');
    expect(sent.body.releasedAt).not.toBeNull();
    expect((await paperLocks(stack.store).read(demoTenant.id, own.engagement))?.state).toBe('OPINION_EXCHANGE');
    expect(await exchangeOf(own.engagement)).toMatchObject({
      dueDate: due,
      submittedAt: null,
      departmentId: education,
    });

    const seen = await summaryOf('dept-reviewer');
    expect(seen.exchange).toMatchObject({ dueDate: due });
    expect(seen.findings).toHaveLength(2);
    expect(seen.findings[0]).toMatchObject({
      facts: '第三季度资金到位后 45 天才拨付至实施单位',
      suggestion: '按月通报拨付进度',
    });
    expect((await call('unit-preparer', 'GET', findingsPath())).status).toBe(200);
    // Told in the send's own write (core's step notifications on the engagement's state).
    const told = await call('dept-reviewer', 'GET', '/notifications');
    expect(told.body.items).toContainEqual(
      expect.objectContaining({
        topic: 'findings-sent',
        subject: expect.objectContaining({ type: 'engagement', id: own.engagement }),
      }),
    );
    // On the department reviewer's to-do list (待反馈的重点评价意见), off the lead's while the department answers.
    expect(await toDoIds('dept-reviewer', 'engagement:answer')).toContain(own.engagement);
    expect(await toDoQueues(own.engagement)).toEqual({ department: `FINDINGS#${education}`, agency: null });
  });
});

describe("the department's answers", () => {
  const answersPath = `/engagements/{id}/finding-answers`;
  const path = () => answersPath.replace('{id}', own.engagement);

  it('are drafts of the department reviewer alone, hidden from the agency until submitted', async () => {
    const exchange = await exchangeOf(own.engagement);
    const body = { version: exchange.version, answers: [{ findingId: first.id, position: 'AGREE', explanation: '' }] };
    expect((await call('unit-preparer', 'POST', path(), body)).status).toBe(403);
    expect((await call('other-reviewer', 'POST', path(), body)).status).toBe(404);
    expect((await call('other-reviewer', 'GET', findingsPath())).status).toBe(404);
    const unknown = await call('dept-reviewer', 'POST', path(), {
      ...body,
      answers: [{ findingId: uuidV7(), position: 'AGREE', explanation: '' }],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({
      pointer: '/answers/0/findingId',
      code: 'finding_not_in_engagement',
    });

    const saved = await call('dept-reviewer', 'POST', path(), body);
    expect(saved.status).toBe(200);
    expect(saved.body.answers).toHaveLength(1);
    expect(saved.body.exchange.version).toBe(exchange.version + 1);
    expect((await call('dept-reviewer', 'POST', path(), body)).status).toBe(409);
    expect((await summaryOf('agency-lead')).answers).toEqual([]);
    expect((await summaryOf('dept-reviewer')).answers).toHaveLength(1);
  });

  it('are submitted once, when every finding is answered and every disagreement explained', async () => {
    const submit = async () =>
      call('dept-reviewer', 'POST', `${path()}/submit`, { version: (await exchangeOf(own.engagement)).version });
    const missing = await submit();
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ pointer: `/findings/${second.id}`, code: 'answer_missing' }),
    ]);
    const save = async (explanation: string) =>
      call('dept-reviewer', 'POST', path(), {
        version: (await exchangeOf(own.engagement)).version,
        answers: [{ findingId: second.id, position: 'DISAGREE', explanation }],
      });
    expect((await save('')).status).toBe(200);
    const unexplained = await submit();
    expect(unexplained.status).toBe(422);
    expect(unexplained.body.errors[0].code).toBe('answer_explanation_required');
    expect((await save('设备已于 11 月调配至新校区使用，附调拨单')).status).toBe(200);

    const submitted = await submit();
    expect(submitted.status).toBe(200);
    expect(submitted.body.submittedAt).not.toBeNull();
    expect(submitted.body.submittedByName).not.toBe('');
    const again = await save('改口');
    expect(again.status).toBe(409);
    expect(again.body.errors[0].code).toBe('answers_submitted');
    expect((await submit()).status).toBe(409);
    // The submission moves the engagement from the department's to-do list to the lead's, who handles the answers.
    expect(await toDoIds('dept-reviewer', 'engagement:answer')).not.toContain(own.engagement);
    expect(await toDoQueues(own.engagement)).toEqual({ department: null, agency: `AGENCY_MOVE#${agency}` });
    const shown = await summaryOf('agency-lead');
    expect(shown.answers.map((a: { findingId: string; position: string }) => [a.findingId, a.position])).toEqual(
      expect.arrayContaining([
        [first.id, 'AGREE'],
        [second.id, 'DISAGREE'],
      ]),
    );
  });
});

describe('handling and closing the exchange', () => {
  const handlingPath = (findingId: string) => `/engagements/${own.engagement}/finding-answers/${findingId}/handling`;
  const answerOf = async (findingId: string) =>
    (await summaryOf('agency-lead')).answers.find((a: { findingId: string }) => a.findingId === findingId);

  it('refuses to close until every answer has its handling, then moves to the report', async () => {
    const early = await step('agency-lead', own.engagement, 'close-opinion-exchange');
    expect(early.status).toBe(422);
    expect(early.body.errors.map((e: { code: string }) => e.code)).toEqual(['handling_missing', 'handling_missing']);

    const a1 = await answerOf(first.id);
    const body = { version: a1.version, decision: 'UPHELD', reason: '部门同意，维持' };
    expect((await call('dept-reviewer', 'POST', handlingPath(first.id), body)).status).toBe(403);
    expect((await call('agency-lead', 'POST', handlingPath(first.id), { ...body, version: 99 })).status).toBe(409);
    const handled = await call('agency-lead', 'POST', handlingPath(first.id), body);
    expect(handled.status).toBe(200);
    expect(handled.body.handling).toMatchObject({ decision: 'UPHELD', reason: '部门同意，维持' });
    expect(handled.body.handling.byName).not.toBe('');

    // Accepted: the finding is withdrawn through its own paper write.
    const a2 = await answerOf(second.id);
    const accepted = await call('agency-lead', 'POST', handlingPath(second.id), {
      version: a2.version,
      decision: 'ACCEPTED',
      reason: '调拨单证实设备已使用，撤回该问题',
    });
    expect(accepted.status).toBe(200);
    const withdrawn = await call('agency-lead', 'PATCH', `${findingsPath()}/${second.id}`, {
      version: second.version,
      withdrawn: true,
    });
    expect(withdrawn.status).toBe(200);
    second = withdrawn.body;

    const closed = await step('agency-lead', own.engagement, 'close-opinion-exchange');
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('DRAFT_REPORT');
    expect(await exchangeOf(own.engagement)).toMatchObject({ lateNote: null });
    expect((await exchangeOf(own.engagement)).closedAt).not.toBeNull();
    expect((await paperLocks(stack.store).read(demoTenant.id, own.engagement))?.state).toBe('DRAFT_REPORT');

    // Outside the exchange the department's answers are refused; the agency still records handling while drafting.
    const refused = await call('dept-reviewer', 'POST', `/engagements/${own.engagement}/finding-answers`, {
      version: (await exchangeOf(own.engagement)).version,
      answers: [{ findingId: first.id, position: 'AGREE', explanation: '' }],
    });
    expect(refused.status).toBe(409);
    const revised = await call('agency-lead', 'POST', handlingPath(first.id), {
      version: (await answerOf(first.id)).version,
      decision: 'PARTLY_ACCEPTED',
      reason: '金额按部门提供的凭证更正',
    });
    expect(revised.status).toBe(200);
  });

  it('closes without answers only after the due date, with a note that says so', async () => {
    expect((await step('agency-lead', late.engagement, 'close-fieldwork')).status).toBe(200);
    const finding = findingBody({ evidence: { fieldRecordIds: [late.record], photoIds: [], indicatorIds: [] } });
    expect((await call('agency-lead', 'POST', findingsPath(late.engagement), finding)).status).toBe(201);
    expect((await step('agency-lead', late.engagement, 'send-findings', { dueDate: today() })).status).toBe(200);
    const waiting = await step('agency-lead', late.engagement, 'close-opinion-exchange', { lateNote: '逾期' });
    expect(waiting.status).toBe(422);
    expect(waiting.body.errors[0].code).toBe('answers_not_submitted');

    // The reply date passes.
    const exchange = await exchangeOf(late.engagement);
    await stack.store.update(
      demoTenant.id,
      opinionExchangeKind,
      exchange,
      { ...exchange, version: exchange.version + 1, dueDate: '2026-01-05' },
      { actor: 'test', actorRoles: [], requestId: uuidV7(), at: new Date().toISOString() },
    );
    const noNote = await step('agency-lead', late.engagement, 'close-opinion-exchange');
    expect(noNote.status).toBe(422);
    expect(noNote.body.errors[0]).toMatchObject({ pointer: '/lateNote', code: 'late_note_required' });
    const note = '被评价部门逾期未反馈意见，经电话催告仍未反馈，视为无异议';
    const closed = await step('agency-lead', late.engagement, 'close-opinion-exchange', { lateNote: note });
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('DRAFT_REPORT');
    expect(await exchangeOf(late.engagement)).toMatchObject({ lateNote: note, submittedAt: null });
  });
});

describe('the lock', () => {
  it('refuses findings and handling under review, and takes a correction after the final report only as an amendment', async () => {
    await lockAt(own.engagement, 'QC_REVIEW');
    const underReview = await call('agency-lead', 'POST', findingsPath(), findingBody());
    expect(underReview.status).toBe(409);
    expect(underReview.body.errors[0].code).toBe('papers_under_review');
    const answer = (await summaryOf('agency-lead')).answers.find(
      (a: { findingId: string }) => a.findingId === first.id,
    );
    const handling = await call(
      'agency-lead',
      'POST',
      `/engagements/${own.engagement}/finding-answers/${first.id}/handling`,
      {
        version: answer.version,
        decision: 'UPHELD',
        reason: '复核中再改',
      },
    );
    expect(handling.status).toBe(409);

    await lockAt(own.engagement, 'FINAL_REPORT');
    const path = `${findingsPath()}/${first.id}`;
    const plain = await call('agency-lead', 'PATCH', path, { version: first.version, amount: 1200000 });
    expect(plain.status).toBe(409);
    expect(plain.body.type).toBe('urn:jixiao:problem:papers-locked');
    const amended = await call('agency-lead', 'PATCH', path, {
      version: first.version,
      amount: 1200000,
      amendmentReason: '按部门补充的拨付凭证更正金额',
    });
    expect(amended.status).toBe(200);
    expect(amended.body.amendment).toMatchObject({ reason: '按部门补充的拨付凭证更正金额' });
    const listed = await paperLocks(stack.store).amendments(demoTenant.id, own.engagement);
    expect(listed.map((a) => [a.paperType, a.paperId])).toContainEqual(['finding', first.id]);
    expect((await summaryOf('perf-reviewer')).findings[0].amendment.reason).toBe('按部门补充的拨付凭证更正金额');
  });
});
