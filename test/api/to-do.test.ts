import { beijingDay } from '@jixiao/core/beijing-day.ts';
import type { ToDoHome, ToDoList } from '@jixiao/core/daily-work/to-do.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { engagementKind } from '@jixiao/functions/fieldwork/record-kinds.ts';
import { opinionExchangeKind } from '@jixiao/functions/key-evaluation/finding-kind.ts';
import { monitoringReportKind, rectificationKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import type { RecordKind, StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import { selfEvaluationKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import { exAnteKind, targetKind } from '@jixiao/functions/submission/record-kinds.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMonitoringReports, seedMonitoringRound } from '../support/monitoring-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * The to-do home (issue 12 item 1) through the local gateway on the demo tenant: every list's count
 * equals a recount of the records read from the type's whole collection (not from the queue the
 * count comes from), its items are the oldest first, and the lists follow the records through a
 * submission and a return.
 */
let stack: TestStack;
const tokens: Record<string, string> = {};
const unit = demoId('unit:102001');
const department = demoId('department:102');

const kinds: Record<string, RecordKind> = {
  target: targetKind,
  'monitoring-report': monitoringReportKind,
  'self-evaluation': selfEvaluationKind,
  rectification: rectificationKind,
  'ex-ante-assessment': exAnteKind,
  engagement: engagementKind,
};
/** The demo's agency, whose lead and evaluator sign in below. */
const agency = demoId('agency:91120110MA05JX8K2Q');

/** Every record of a type, read page by page from its collection. */
const everyRecord = async (kind: RecordKind): Promise<StoredRecord[]> => {
  const all: StoredRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await stack.store.list(demoTenant.id, kind, { limit: 200, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
};

const toDo = async (who: string): Promise<ToDoHome> => {
  const response = await stack.call('GET', '/api/v1/to-do', { token: tokens[who]! });
  expect(response.status).toBe(200);
  return response.body as ToDoHome;
};

const listOf = (home: ToDoHome, key: string): ToDoList => {
  const list = home.lists.find((l) => l.key === key);
  if (!list) throw new Error(`no list ${key} in ${home.lists.map((l) => l.key).join(', ')}`);
  return list;
};

/** Which records a list should hold, decided from the records themselves. */
const expected = (records: StoredRecord[], key: string, answered: ReadonlySet<string>): StoredRecord[] => {
  const [, action] = key.split(':');
  return records.filter((r) => {
    // Ex-ante assessments and engagements, from their own states (not from the to-do entries the counts come from).
    const agencyDraft = r.state === 'DRAFT' && r.assessorType === 'THIRD_PARTY' && r.agencyId === agency;
    if (key === 'ex-ante-assessment:review') return r.state === 'SUBMITTED';
    if (key === 'ex-ante-assessment:fix') return agencyDraft && Boolean(r.lastReturn);
    if (key === 'ex-ante-assessment:send') return agencyDraft && !r.lastReturn;
    if (key === 'engagement:review')
      return ['SELECTED', 'AGENCY_CONTRACTED', 'FINANCE_REVIEW', 'FINAL_REPORT'].includes(String(r.state));
    // The evaluated department answers the findings until it submits its answers (the exchange says when).
    if (key === 'engagement:answer')
      return r.state === 'OPINION_EXCHANGE' && r.departmentId === department && !answered.has(r.id);
    if (key === 'engagement:lead')
      return (
        r.agencyId === agency &&
        (['AGENCY_CONTRACTED', 'FIELDWORK', 'PRELIM_FINDINGS', 'DRAFT_REPORT', 'QC_REVIEW'].includes(String(r.state)) ||
          (r.state === 'OPINION_EXCHANGE' && answered.has(r.id)))
      );
    if (action === 'fix') return r.unitId === unit && r.reviewStatus === 'RETURNED';
    if (action === 'send') return r.unitId === unit && r.reviewStatus === 'DRAFT';
    const open = r.state === 'NOTICE_ISSUED' || r.state === 'FEEDBACK_DRAFT';
    // A department-level rectification (no unit) is its department reviewer's to answer.
    if (key === 'rectification:answer:department-reviewer')
      return r.unitId === null && r.departmentId === department && open;
    if (action === 'answer') return r.unitId === unit && open;
    if (key.endsWith(':department-reviewer'))
      return r.departmentId === department && r.reviewStatus === 'UNIT_SUBMITTED';
    if (key.endsWith(':performance-section-reviewer')) return r.reviewStatus === 'FIRST_REVIEWED';
    if (action === 'verify') return r.state === 'FEEDBACK_SUBMITTED';
    return false;
  });
};

const expectRecount = async (who: string) => {
  const home = await toDo(who);
  expect(home.lists.length).toBeGreaterThan(0);
  const answered = new Set(
    (await everyRecord(opinionExchangeKind)).filter((x) => x.submittedAt).map((x) => String(x.engagementId)),
  );
  for (const list of home.lists) {
    const records = expected(await everyRecord(kinds[list.subject]!), list.key, answered);
    expect({ key: list.key, count: list.count }).toEqual({ key: list.key, count: records.length });
    expect(list.countIsFloor).toBe(false);
    expect(list.items.map((i) => i.id).every((id) => records.some((r) => r.id === id))).toBe(true);
    expect(list.items.length).toBe(Math.min(5, records.length));
    // A list ordered by waiting time says how long, never "overdue" (the unit's lateness is not the reviewer's).
    if (list.overdue === null) for (const item of list.items) expect(item.overdueDays).toBeNull();
    if (list.overdue !== null) {
      const due = (r: StoredRecord) => String(r.deadline ?? r.dueDate);
      expect(list.overdue).toBe(records.filter((r) => due(r) < home.today).length);
    }
  }
  return home;
};

beforeAll(async () => {
  stack = await startTestStack();
  tokens.preparer = await stack.tokenFor('unit-preparer');
  tokens.approver = await stack.tokenFor('unit-approver');
  tokens.department = await stack.tokenFor('dept-reviewer');
  tokens.section = await stack.tokenFor('business-reviewer');
  tokens.performance = await stack.tokenFor('perf-reviewer');
  tokens.observer = await stack.tokenFor('observer');
  tokens.admin = await stack.tokenFor('admin');
  tokens.evaluator = await stack.tokenFor('evaluator');
  tokens.lead = await stack.tokenFor('agency-lead');
  // Seven draft reports of the unit, overdue since their July deadline: more than one page of items shown.
  const roundId = await seedMonitoringRound(stack.store, demoTenant.id);
  await seedMonitoringReports(
    stack.store,
    demoTenant.id,
    roundId,
    {
      id: department,
      code: '102',
      name: '东丽区教育局',
      series: 'GOVERNMENT',
      financeSectionId: demoId('section:JKW'),
      unitId: unit,
      unitName: '区教育局（本级）',
    },
    ['DRAFT', 'DRAFT', 'DRAFT', 'DRAFT', 'DRAFT', 'DRAFT', 'DRAFT', 'FINAL_APPROVED'],
  );
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('GET /api/v1/to-do', () => {
  it('gives a unit its lists: what came back, what is to send, notices to answer, each counted as a recount finds', async () => {
    const home = await expectRecount('preparer');
    expect(home.today).toBe(beijingDay(new Date().toISOString()));
    expect(home.lists.map((l) => l.key)).toEqual([
      'target:fix',
      'target:send',
      'monitoring-report:fix',
      'monitoring-report:send',
      'self-evaluation:fix',
      'self-evaluation:send',
      'rectification:answer',
    ]);
    const reports = listOf(home, 'monitoring-report:send');
    expect(reports.count).toBeGreaterThanOrEqual(7);
    expect(reports.items).toHaveLength(5);
    // The July deadline is past: every seeded report is overdue, by as many days as the calendar says.
    const item = reports.items.find((i) => i.dueDate === '2026-07-20');
    expect(item?.overdueDays).toBe(Math.round((Date.parse(home.today) - Date.parse('2026-07-20')) / 86_400_000));
    expect(item?.title).toBe('教师培训项目');
    // The approver, of the same unit, has the same lists.
    expect((await toDo('approver')).lists.map((l) => [l.key, l.count])).toEqual(
      home.lists.map((l) => [l.key, l.count]),
    );
  });

  it('gives a department reviewer the three review queues of their department, oldest first, with each age', async () => {
    const home = await expectRecount('department');
    expect(home.lists.map((l) => l.key)).toEqual([
      'target:review:department-reviewer',
      'monitoring-report:review:department-reviewer',
      'self-evaluation:review:department-reviewer',
      'rectification:answer:department-reviewer',
      'engagement:answer',
    ]);
    const targets = listOf(home, 'target:review:department-reviewer');
    const since = targets.items.map((i) => i.waitingSince ?? '');
    expect(since).toEqual([...since].sort());
    for (const item of targets.items) expect(item.ageDays).toBeGreaterThanOrEqual(0);
  });

  it('gives the sections their queues and the performance section the feedback to verify; observers and admins nothing', async () => {
    expect((await toDo('section')).lists.map((l) => l.key)).toEqual([
      'target:review:business-section-reviewer',
      'monitoring-report:review:business-section-reviewer',
      'self-evaluation:review:business-section-reviewer',
    ]);
    await expectRecount('performance');
    expect((await toDo('performance')).lists.map((l) => l.key)).toEqual([
      'target:review:performance-section-reviewer',
      'monitoring-report:review:performance-section-reviewer',
      'self-evaluation:review:performance-section-reviewer',
      'rectification:verify',
      'ex-ante-assessment:review',
      'engagement:review',
    ]);
    expect((await toDo('evaluator')).lists.map((l) => l.key)).toEqual([
      'ex-ante-assessment:fix',
      'ex-ante-assessment:send',
      'fieldwork-assignment:visit',
    ]);
    const lead = await expectRecount('lead');
    expect(lead.lists.map((l) => l.key)).toEqual([
      'ex-ante-assessment:fix',
      'ex-ante-assessment:send',
      'engagement:lead',
    ]);
    // The demo's assessment (seeded through the API) waits for the agency; its engagement is in fieldwork.
    expect(listOf(lead, 'ex-ante-assessment:send').count).toBeGreaterThan(0);
    expect(listOf(lead, 'engagement:lead').items.map((i) => i.status)).toContain('FIELDWORK');
    expect((await toDo('observer')).lists).toEqual([]);
    expect((await toDo('admin')).lists).toEqual([]);
  });

  it('counts the section queues as the review queue pages list them', async () => {
    for (const [who, path, key] of [
      ['section', '/api/v1/review-queue', 'target:review:business-section-reviewer'],
      ['performance', '/api/v1/review-queue', 'target:review:performance-section-reviewer'],
      ['performance', '/api/v1/monitoring-review-queue', 'monitoring-report:review:performance-section-reviewer'],
    ] as const) {
      let listed = 0;
      let cursor: string | undefined;
      do {
        const page = await stack.call('GET', `${path}?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
          token: tokens[who]!,
        });
        expect(page.status).toBe(200);
        listed += page.body.items.length;
        cursor = page.body.nextCursor;
      } while (cursor);
      expect({ key, count: listOf(await toDo(who), key).count }).toEqual({ key, count: listed });
    }
  });

  it('follows a target from the unit to the department and back: sent, it leaves "to send"; returned, it waits to be fixed', async () => {
    const before = await toDo('approver');
    const draft = listOf(before, 'target:send').items[0];
    expect(draft).toBeDefined();
    const reviewerBefore = listOf(await toDo('department'), 'target:review:department-reviewer').count;
    const target = (await stack.call('GET', `/api/v1/targets/${draft!.id}`, { token: tokens.approver! })).body;
    const sent = await stack.call('POST', `/api/v1/targets/${draft!.id}/submit`, {
      token: tokens.approver!,
      body: { version: target.version },
    });
    expect(sent.status).toBe(200);
    const afterSend = await expectRecount('approver');
    expect(listOf(afterSend, 'target:send').count).toBe(listOf(before, 'target:send').count - 1);
    const reviewer = await expectRecount('department');
    const queue = listOf(reviewer, 'target:review:department-reviewer');
    expect(queue.count).toBe(reviewerBefore + 1);

    const returned = await stack.call('POST', `/api/v1/targets/${draft!.id}/department-review`, {
      token: tokens.department!,
      body: { version: sent.body.version, decision: 'return', opinion: '请补充产出指标的依据' },
    });
    expect(returned.status).toBe(200);
    const afterReturn = await expectRecount('approver');
    const fix = listOf(afterReturn, 'target:fix');
    expect(fix.count).toBe(listOf(before, 'target:fix').count + 1);
    const item = fix.items.find((i) => i.id === draft!.id);
    expect(item).toMatchObject({ status: 'RETURNED', ageDays: 0, code: draft!.code });
    expect(listOf(await toDo('department'), 'target:review:department-reviewer').count).toBe(reviewerBefore);
  });

  it("follows an ex-ante assessment from the agency to the performance section and back, the agency's list page unchanged", async () => {
    const before = { lead: await toDo('lead'), performance: await toDo('performance') };
    const sendCount = listOf(before.lead, 'ex-ante-assessment:send').count;
    const fixCount = listOf(before.lead, 'ex-ante-assessment:fix').count;
    const reviewCount = listOf(before.performance, 'ex-ante-assessment:review').count;
    const id = listOf(before.lead, 'ex-ante-assessment:send').items[0]!.id;
    const draft = (await stack.call('GET', `/api/v1/ex-ante-assessments/${id}`, { token: tokens.lead! })).body;
    const score = { score: 18, note: '依据充分' };
    const scored = await stack.call('PATCH', `/api/v1/ex-ante-assessments/${id}`, {
      token: tokens.lead!,
      body: {
        version: draft.version,
        dimensions: { NECESSITY: score, ECONOMY: score, TARGETS: score, FEASIBILITY: score, FUNDING: score },
        conclusion: 'SUPPORT',
      },
    });
    expect(scored.status).toBe(200);
    const submitted = await stack.call('POST', `/api/v1/ex-ante-assessments/${id}/submit`, {
      token: tokens.lead!,
      body: { version: scored.body.version },
    });
    expect(submitted.status).toBe(200);
    expect(listOf(await expectRecount('lead'), 'ex-ante-assessment:send').count).toBe(sendCount - 1);
    const waiting = listOf(await expectRecount('performance'), 'ex-ante-assessment:review');
    expect(waiting.count).toBe(reviewCount + 1);
    // Oldest first: the one just submitted is last, waiting since today.
    if (waiting.count <= 5) expect(waiting.items.at(-1)).toMatchObject({ id, status: 'SUBMITTED', ageDays: 0 });
    // The agency still lists it on its own page, read from its agency queue.
    const mine = await stack.call('GET', '/api/v1/ex-ante-assessments?limit=100', { token: tokens.lead! });
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(id);

    const returned = await stack.call('POST', `/api/v1/ex-ante-assessments/${id}/return`, {
      token: tokens.performance!,
      body: { version: submitted.body.version, opinion: '请补充同类项目的价格比较' },
    });
    expect(returned.status).toBe(200);
    const lead = await expectRecount('lead');
    expect(listOf(lead, 'ex-ante-assessment:fix').count).toBe(fixCount + 1);
    expect(listOf(lead, 'ex-ante-assessment:fix').items.map((i) => i.id)).toContain(id);
    expect(listOf(await expectRecount('performance'), 'ex-ante-assessment:review').count).toBe(reviewCount);
  });

  it("puts an engagement on the performance section's list until its plan is approved, and on the lead's once commissioned", async () => {
    const bureauBefore = listOf(await toDo('performance'), 'engagement:review').count;
    const leadBefore = listOf(await toDo('lead'), 'engagement:lead').count;
    const created = await stack.call('POST', '/api/v1/engagements', {
      token: tokens.performance!,
      body: {
        id: uuidV7(),
        kind: 'DEPARTMENT',
        fiscalYear: 2026,
        title: '2026 年度区教育局部门整体支出评价',
        projectId: null,
        departmentId: department,
      },
    });
    expect(created.status).toBe(201);
    const selected = listOf(await expectRecount('performance'), 'engagement:review');
    expect(selected.count).toBe(bureauBefore + 1);
    const commissioned = await stack.call('POST', `/api/v1/engagements/${created.body.id}/commission`, {
      token: tokens.performance!,
      body: {
        version: created.body.version,
        agencyId: agency,
        declaration: {
          noConflict: true,
          statement: '与评价对象无利益关系。',
          declaredBy: '周敏',
          declaredOn: '2026-11-02',
        },
      },
    });
    expect(commissioned.status).toBe(200);
    expect(listOf(await expectRecount('performance'), 'engagement:review').count).toBe(bureauBefore + 1);
    const lead = listOf(await expectRecount('lead'), 'engagement:lead');
    expect(lead.count).toBe(leadBefore + 1);
    expect(lead.items.find((i) => i.id === created.body.id)).toMatchObject({
      title: '2026 年度区教育局部门整体支出评价',
      status: 'AGENCY_CONTRACTED',
      ageDays: 0,
    });
  });

  it('needs a token', async () => {
    expect((await stack.call('GET', '/api/v1/to-do')).status).toBe(401);
  });
});
