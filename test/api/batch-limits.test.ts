import { uuidV7 } from '@jixiao/core/ids.ts';
import { monitoringTallyKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import { type TallyRecord, tallyId } from '@jixiao/functions/monitoring/tally-writes.ts';
import { TransactionTooLargeError } from '@jixiao/functions/ports/record-store.ts';
import { projectKind, targetKind } from '@jixiao/functions/submission/record-kinds.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedManyBudgetedProjects } from '../support/many-budgeted-projects.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * No silent truncation (issue 10, item 1): reading many records at once is batched inside the
 * store, and a monitoring round reaches every project in scope however many there are, over as
 * many resumable issue calls as it takes. Against DynamoDB Local, through the local gateway.
 */
let stack: TestStack;
let perf = '';
const education = { department: '102', unit: '102001', section: 'JKW' };
const planning = { department: '101', unit: '101001', section: 'JJJS' };
const educationProjects: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  perf = await stack.tokenForPerson({
    id: 'perf',
    displayName: 'perf',
    tenant: demoTenant.id,
    roles: ['performance-section-reviewer'],
  });
  educationProjects.push(
    ...(await seedManyBudgetedProjects(stack.store, { ...education, count: 250, prefix: 'BL2026JY' })),
  );
}, 300_000);
afterAll(() => stack?.stop());

/** Calls issue until the round is ISSUED (each call does a bounded share of the work). */
const issueToTheEnd = async (roundId: string, maxCalls: number) => {
  let round: { roundStatus: string; reportCount: number } | undefined;
  let calls = 0;
  for (; calls < maxCalls; calls++) {
    const answer = await stack.call('POST', `/api/v1/monitoring-rounds/${roundId}/issue`, { token: perf, body: {} });
    expect(answer.status).toBe(200);
    round = answer.body;
    if (round!.roundStatus === 'ISSUED') break;
  }
  return { round: round!, calls: calls + 1 };
};

/** Every report of a department in a round, read through the API page by page. */
const reportsOf = async (roundId: string, department: string): Promise<string[]> => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await stack.call(
      'GET',
      `/api/v1/monitoring-rounds/${roundId}/reports?departmentId=${demoId(`department:${department}`)}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token: perf },
    );
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((r: { projectId: string }) => r.projectId));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
};

const tallyOf = (roundId: string, department: string) =>
  stack.store.get<TallyRecord>(
    demoTenant.id,
    monitoringTallyKind,
    tallyId(roundId, demoId(`department:${department}`)),
  );

describe('reading many records at once', () => {
  it('answers every one of 250 ids, once, and leaves out only ids that do not exist', async () => {
    const unknown = [uuidV7(), uuidV7()];
    const asked = [...educationProjects, educationProjects[0]!, educationProjects[249]!, ...unknown];
    const found = await stack.store.getMany(demoTenant.id, projectKind, asked);
    expect(found).toHaveLength(250);
    expect(new Set(found.map((p) => p.id))).toEqual(new Set(educationProjects));
  });
});

describe('writing many records at once', () => {
  it('refuses a transaction past 100 items before writing any of it', async () => {
    const at = new Date().toISOString();
    const context = { actor: 'test', actorRoles: [], requestId: uuidV7(), at };
    // 34 creates of 3 items each: 102 items.
    const records = Array.from({ length: 34 }, () => ({ id: uuidV7(), version: 1, createdAt: at }));
    const writes = records.map((record) => ({ kind: targetKind, create: record, hash: record.id }));
    await expect(stack.store.transact(demoTenant.id, writes, context)).rejects.toThrow(TransactionTooLargeError);
    expect(
      await stack.store.getMany(
        demoTenant.id,
        targetKind,
        records.map((r) => r.id),
      ),
    ).toEqual([]);
    // 33 creates (99 items) go through whole.
    expect(await stack.store.transact(demoTenant.id, writes.slice(0, 33), context)).toEqual({ outcome: 'done' });
    expect(
      await stack.store.getMany(
        demoTenant.id,
        targetKind,
        records.map((r) => r.id),
      ),
    ).toHaveLength(33);
  });
});

describe('a monitoring round of a large department', () => {
  it('issued to every department, makes all 250 reports of the department with 250 budgeted projects', async () => {
    const id = uuidV7();
    const opened = await stack.call('POST', '/api/v1/monitoring-rounds', {
      token: perf,
      body: {
        id,
        fiscalYear: 2026,
        name: '2026 年 1–6 月绩效运行监控（全部项目）',
        dataDate: '2026-06-30',
        deadline: '2026-07-20',
        scope: 'ALL',
      },
    });
    expect(opened.status).toBe(201);
    const { round } = await issueToTheEnd(id, 30);
    expect(round.roundStatus).toBe('ISSUED');
    // The department also has the demo's own budgeted projects of 2026: counted page by page.
    const budgeted: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await stack.store.list(demoTenant.id, projectKind, {
        limit: 100,
        cursor,
        ownerId: demoId(`department:${education.department}`),
        filters: [
          { field: 'fiscalYear', op: 'eq', value: 2026 },
          { field: 'stage', op: 'eq', value: 'BUDGETED' },
        ],
      });
      budgeted.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(budgeted.length).toBeGreaterThanOrEqual(250);
    const tally = await tallyOf(id, education.department);
    expect(tally?.reports).toBe(budgeted.length);
    expect(tally?.byStatus.DRAFT).toBe(budgeted.length);
    const listed = await reportsOf(id, education.department);
    expect(listed).toHaveLength(budgeted.length);
    expect(new Set(listed)).toEqual(new Set(budgeted));
    for (const project of educationProjects) expect(listed).toContain(project);
  }, 180_000);
});

describe('a key set of 2,000 projects', () => {
  it('issues all 2,000 reports across resumable calls, and refuses 2,001 ids with problem+json', async () => {
    const planningProjects = await seedManyBudgetedProjects(stack.store, {
      ...planning,
      count: 1750,
      prefix: 'BL2026FG',
    });
    const projectIds = [...educationProjects, ...planningProjects];
    expect(projectIds).toHaveLength(2000);
    const body = {
      fiscalYear: 2026,
      name: '2026 年 1–6 月重点项目绩效运行监控',
      dataDate: '2026-06-30',
      deadline: '2026-07-20',
      scope: 'KEY',
    };
    const tooMany = await stack.call('POST', '/api/v1/monitoring-rounds', {
      token: perf,
      body: { ...body, id: uuidV7(), projectIds: [...projectIds, uuidV7()] },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.headers.get('content-type')).toContain('application/problem+json');
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ pointer: '/projectIds' })]);

    const id = uuidV7();
    const opened = await stack.call('POST', '/api/v1/monitoring-rounds', {
      token: perf,
      body: { ...body, id, projectIds },
    });
    expect(opened.status).toBe(201);
    const { round, calls } = await issueToTheEnd(id, 60);
    expect(round).toMatchObject({ roundStatus: 'ISSUED', reportCount: 2000 });
    // No single call may do it all: each is bounded, and the next one resumes.
    expect(calls).toBeGreaterThan(1);
    expect((await tallyOf(id, education.department))?.reports).toBe(250);
    expect((await tallyOf(id, planning.department))?.reports).toBe(1750);
    const listed = await reportsOf(id, planning.department);
    expect(listed).toHaveLength(1750);
    expect(new Set(listed)).toEqual(new Set(planningProjects));
  }, 600_000);
});
