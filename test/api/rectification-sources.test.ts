import { uuidV7 } from '@jixiao/core/ids.ts';
import { departmentEvaluationKind } from '@jixiao/functions/department-evaluation/record-kinds.ts';
import { engagementKind } from '@jixiao/functions/fieldwork/record-kinds.ts';
import { rectificationKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import { rectificationIdOf } from '@jixiao/functions/monitoring/rectification-start.ts';
import type { RecordKind, RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { selfEvaluationKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { propertyServices } from '@jixiao/infra/local/demo-projects.ts';
import { operationRunner } from '@jixiao/infra/local/record-loader.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReleasedEngagement } from '../support/fieldwork-fixture.ts';
import { demoEducation } from '../support/monitoring-fixture.ts';
import { otherTenant, seedOtherTenant } from '../support/other-tenant.ts';
import { seedSelfEvaluation, seedSelfEvaluationRound } from '../support/self-evaluation-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Issue 13 item 6: a rectification starts from any of four sources. The performance section starts one from a
 * self-evaluation finally approved, a department evaluation approved or a key evaluation with its final report
 * (monitoring's start through its disposition, test/api/monitoring.test.ts); one per source, replayed by its request;
 * a department-level one (no project) is answered by the department's reviewer, never by a unit.
 */
let stack: TestStack;
const token: Record<string, string> = {};
const sources = { selfEvaluation: '', otherSelfEvaluation: '', departmentEvaluation: '', engagement: '', project: '' };

/** Moves a seeded source to the state the test needs, as the review steps would leave it (their own tests cover them). */
const force = async (store: RecordStore, tenant: string, kind: RecordKind, id: string, change: object) => {
  const before = await store.get(tenant, kind, id);
  if (!before) throw new Error(`no ${kind.type} ${id}`);
  const after = { ...before, ...change, version: before.version + 1 };
  const at = new Date().toISOString();
  const result = await store.update(tenant, kind, before, after, {
    actor: 'fixture',
    actorRoles: [],
    requestId: uuidV7(),
    at,
  });
  if (result.outcome !== 'updated') throw new Error(`force ${kind.type}: ${result.outcome}`);
};

beforeAll(async () => {
  stack = await startTestStack();
  for (const u of ['perf-reviewer', 'business-reviewer', 'dept-reviewer', 'unit-preparer', 'unit-approver', 'observer'])
    token[u] = await stack.tokenFor(u);
  token['housing-reviewer'] = await stack.tokenForPerson({
    id: 'housing-reviewer',
    displayName: '住建局负责人',
    tenant: demoTenant.id,
    roles: ['department-reviewer'],
    departmentId: demoId('department:107'),
  });
  const round = await seedSelfEvaluationRound(stack.store, demoTenant.id);
  sources.selfEvaluation = await seedSelfEvaluation(stack.store, demoTenant.id, round, demoEducation);
  const other = await seedOtherTenant(stack.store);
  const otherRound = await seedSelfEvaluationRound(stack.store, otherTenant.id);
  sources.otherSelfEvaluation = await seedSelfEvaluation(stack.store, otherTenant.id, otherRound, {
    id: other.department,
    code: '902',
    name: '河西区教育局',
    series: 'GOVERNMENT',
    financeSectionId: other.section,
    unitId: other.unit,
    unitName: '河西区教育局（本级）',
  });
  await force(stack.store, otherTenant.id, selfEvaluationKind, sources.otherSelfEvaluation, {
    reviewStatus: 'FINAL_APPROVED',
  });
  const made = await operationRunner(stack.store, demoTenant.id)(
    'createDepartmentEvaluation',
    { userId: 'test:perf', roles: ['performance-section-reviewer'] },
    { body: { fiscalYear: 2026, departmentId: demoEducation.id } },
  );
  sources.departmentEvaluation = String(made.body.id);
  sources.engagement = (
    await seedReleasedEngagement(stack.store, demoTenant.id, {
      departmentId: demoEducation.id,
      agencyId: demoId('agency:91120110MA05JX8K2Q'),
      evaluatorId: demoId('user:evaluator'),
      leadId: demoId('user:agency-lead'),
    })
  ).engagement;
  const project = await call('perf-reviewer', 'POST', '/engagements', {
    id: uuidV7(),
    kind: 'PROJECT',
    fiscalYear: 2026,
    title: '物业服务补贴重点评价',
    projectId: demoId(`project:${propertyServices}`),
    departmentId: null,
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  sources.project = project.body.id;
}, 300_000);
afterAll(() => stack?.stop());

const call = (who: string, method: string, path: string, body?: unknown) =>
  stack.call(method, `/api/v1${path}`, { token: token[who]!, ...(body === undefined ? {} : { body }) });

const startBody = (source: string, sourceId: string) => ({
  id: uuidV7(),
  source,
  sourceId,
  requirements: '对照评价发现的问题逐项整改，报送整改情况和佐证材料',
  dueDate: '2027-06-30',
  opinion: '评价等级为中，须限期整改',
});

const toDoList = async (who: string, key: string) => {
  const home = await call(who, 'GET', '/to-do');
  expect(home.status).toBe(200);
  return (home.body.lists as { key: string; items: { id: string }[] }[]).find((l) => l.key === key);
};

describe('a rectification from a self-evaluation', () => {
  it('is refused until the self-evaluation is finally approved, and writes nothing', async () => {
    const refused = await call(
      'perf-reviewer',
      'POST',
      '/rectifications',
      startBody('SELF_EVALUATION', sources.selfEvaluation),
    );
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors[0]).toMatchObject({ pointer: '/sourceId', code: 'source_not_concluded' });
    const id = rectificationIdOf('SELF_EVALUATION', sources.selfEvaluation);
    expect(await stack.store.get(demoTenant.id, rectificationKind, id)).toBeUndefined();
  });

  it('is started by the performance section alone, once per source, replayed by the same request', async () => {
    await force(stack.store, demoTenant.id, selfEvaluationKind, sources.selfEvaluation, {
      reviewStatus: 'FINAL_APPROVED',
    });
    const body = startBody('SELF_EVALUATION', sources.selfEvaluation);
    for (const who of ['business-reviewer', 'dept-reviewer', 'unit-approver', 'observer'])
      expect((await call(who, 'POST', '/rectifications', body)).status).toBe(403);
    const started = await call('perf-reviewer', 'POST', '/rectifications', body);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body).toMatchObject({
      id: rectificationIdOf('SELF_EVALUATION', sources.selfEvaluation),
      source: 'SELF_EVALUATION',
      sourceId: sources.selfEvaluation,
      reportId: null,
      roundId: null,
      fiscalYear: 2026,
      title: '教师培训项目',
      projectName: '教师培训项目',
      departmentId: demoEducation.id,
      unitId: demoEducation.unitId,
      unitName: demoEducation.unitName,
      financeSectionId: demoEducation.financeSectionId,
      state: 'NOTICE_ISSUED',
      round: 1,
      dueDate: '2027-06-30',
    });
    expect(started.body.log).toEqual([
      expect.objectContaining({ action: 'issue-notice', opinion: '评价等级为中，须限期整改', byName: '李明' }),
    ]);
    const replayed = await call('perf-reviewer', 'POST', '/rectifications', body);
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(started.body);
    const again = await call(
      'perf-reviewer',
      'POST',
      '/rectifications',
      startBody('SELF_EVALUATION', sources.selfEvaluation),
    );
    expect(again.status).toBe(409);
    expect(again.body.errors[0].code).toBe('already_rectifying');
    expect(again.body.current.id).toBe(started.body.id);
    const stored = await stack.store.get(demoTenant.id, rectificationKind, started.body.id);
    expect(stored?.version).toBe(1);
  });

  it("is answered by the project's unit, on its to-do list; the department's reviewer cannot answer it", async () => {
    const id = rectificationIdOf('SELF_EVALUATION', sources.selfEvaluation);
    expect((await toDoList('unit-preparer', 'rectification:answer'))?.items.map((i) => i.id)).toContain(id);
    expect((await toDoList('dept-reviewer', 'rectification:answer:department-reviewer'))?.items).toEqual([]);
    const denied = await call('dept-reviewer', 'PATCH', `/rectifications/${id}`, { version: 1, feedback: '部门代填' });
    expect(denied.status).toBe(403);
    const saved = await call('unit-preparer', 'PATCH', `/rectifications/${id}`, {
      version: 1,
      feedback: '已按要求完成培训台账整改',
    });
    expect(saved.status).toBe(200);
    expect((await call('dept-reviewer', 'POST', `/rectifications/${id}/submit`, { version: 2 })).status).toBe(403);
    const sent = await call('unit-approver', 'POST', `/rectifications/${id}/submit`, { version: 2 });
    expect(sent.status).toBe(200);
    expect(sent.body.state).toBe('FEEDBACK_SUBMITTED');
    const closed = await call('perf-reviewer', 'POST', `/rectifications/${id}/verify`, {
      version: 3,
      decision: 'accept',
      opinion: '整改到位',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('CLOSED');
  });
});

describe('a department-level rectification from a department evaluation', () => {
  const id = () => rectificationIdOf('DEPARTMENT_EVALUATION', sources.departmentEvaluation);

  it('is refused until the department evaluation is approved, then has no project and no unit', async () => {
    const draft = await call(
      'perf-reviewer',
      'POST',
      '/rectifications',
      startBody('DEPARTMENT_EVALUATION', sources.departmentEvaluation),
    );
    expect(draft.status).toBe(422);
    expect(draft.body.errors[0].code).toBe('source_not_concluded');
    await force(stack.store, demoTenant.id, departmentEvaluationKind, sources.departmentEvaluation, {
      reviewStatus: 'FINAL_APPROVED',
    });
    const started = await call(
      'perf-reviewer',
      'POST',
      '/rectifications',
      startBody('DEPARTMENT_EVALUATION', sources.departmentEvaluation),
    );
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body).toMatchObject({
      id: id(),
      source: 'DEPARTMENT_EVALUATION',
      projectId: null,
      projectCode: null,
      projectName: null,
      unitId: null,
      unitName: null,
      departmentId: demoEducation.id,
      title: '东丽区教育局2026年度部门整体支出绩效自评',
    });
  });

  it("is on the department reviewer's to-do list, not the unit's, and out of the unit's sight", async () => {
    expect(
      (await toDoList('dept-reviewer', 'rectification:answer:department-reviewer'))?.items.map((i) => i.id),
    ).toEqual([id()]);
    expect((await toDoList('unit-preparer', 'rectification:answer'))?.items.map((i) => i.id)).not.toContain(id());
    expect((await call('unit-preparer', 'GET', `/rectifications/${id()}`)).status).toBe(404);
    const listed = await call('unit-preparer', 'GET', '/rectifications?limit=100');
    expect(listed.body.items.map((r: { id: string }) => r.id)).not.toContain(id());
    expect((await call('dept-reviewer', 'GET', `/rectifications/${id()}`)).status).toBe(200);
    expect((await call('business-reviewer', 'GET', `/rectifications/${id()}`)).status).toBe(200);
  });

  it("is answered by the department's reviewer; a unit or another department cannot", async () => {
    for (const who of ['unit-preparer', 'unit-approver']) {
      const refused = await call(who, 'PATCH', `/rectifications/${id()}`, { version: 1, feedback: '单位代填' });
      expect(refused.status).toBe(404);
    }
    expect(
      (await call('housing-reviewer', 'PATCH', `/rectifications/${id()}`, { version: 1, feedback: '他部门' })).status,
    ).toBe(404);
    const saved = await call('dept-reviewer', 'PATCH', `/rectifications/${id()}`, {
      version: 1,
      feedback: '已修订部门内控制度并完成资产清查',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.state).toBe('FEEDBACK_DRAFT');
    expect((await call('unit-approver', 'POST', `/rectifications/${id()}/submit`, { version: 2 })).status).toBe(404);
    const sent = await call('dept-reviewer', 'POST', `/rectifications/${id()}/submit`, { version: 2 });
    expect(sent.status).toBe(200);
    expect(sent.body.state).toBe('FEEDBACK_SUBMITTED');
    expect((await toDoList('dept-reviewer', 'rectification:answer:department-reviewer'))?.items).toEqual([]);
    const followUp = await call('perf-reviewer', 'POST', `/rectifications/${id()}/verify`, {
      version: 3,
      decision: 'insufficient',
      opinion: '资产清查尚未覆盖下属单位',
      requirements: '完成下属单位资产清查',
      dueDate: '2027-09-30',
    });
    expect(followUp.status).toBe(200);
    expect(followUp.body).toMatchObject({ state: 'NOTICE_ISSUED', round: 2 });
    expect(
      (await toDoList('dept-reviewer', 'rectification:answer:department-reviewer'))?.items.map((i) => i.id),
    ).toEqual([id()]);
  });
});

describe('a rectification from a key evaluation', () => {
  it('is refused before the final report; a department engagement starts a department-level one', async () => {
    const early = await call(
      'perf-reviewer',
      'POST',
      '/rectifications',
      startBody('KEY_EVALUATION', sources.engagement),
    );
    expect(early.status).toBe(422);
    expect(early.body.errors[0].code).toBe('source_not_concluded');
    await force(stack.store, demoTenant.id, engagementKind, sources.engagement, { state: 'FINAL_REPORT' });
    const started = await call(
      'perf-reviewer',
      'POST',
      '/rectifications',
      startBody('KEY_EVALUATION', sources.engagement),
    );
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body).toMatchObject({
      id: rectificationIdOf('KEY_EVALUATION', sources.engagement),
      source: 'KEY_EVALUATION',
      sourceId: sources.engagement,
      title: '部门整体支出绩效评价',
      projectId: null,
      unitId: null,
      departmentId: demoEducation.id,
      financeSectionId: demoEducation.financeSectionId,
    });
  });

  it("of a project, after the result notice, is answered by the project's unit", async () => {
    await force(stack.store, demoTenant.id, engagementKind, sources.project, { state: 'RESULT_NOTIFIED' });
    const started = await call(
      'perf-reviewer',
      'POST',
      '/rectifications',
      startBody('KEY_EVALUATION', sources.project),
    );
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const project = (await call('perf-reviewer', 'GET', `/projects/${demoId(`project:${propertyServices}`)}`)).body;
    expect(started.body).toMatchObject({
      projectId: project.id,
      projectCode: propertyServices,
      unitId: project.unitId,
      departmentId: project.departmentId,
      title: '物业服务补贴重点评价',
    });
    // Not the education department's: its reviewer neither sees nor answers it.
    expect((await call('dept-reviewer', 'GET', `/rectifications/${started.body.id}`)).status).toBe(404);
    expect(
      (await call('housing-reviewer', 'PATCH', `/rectifications/${started.body.id}`, { version: 1, feedback: 'x' }))
        .status,
    ).toBe(403);
  });
});

describe('refusals', () => {
  it("answers another tenant's source as a reference not found, writing nothing", async () => {
    const refused = await call(
      'perf-reviewer',
      'POST',
      '/rectifications',
      startBody('SELF_EVALUATION', sources.otherSelfEvaluation),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ pointer: '/sourceId', code: 'reference_not_found' });
    const id = rectificationIdOf('SELF_EVALUATION', sources.otherSelfEvaluation);
    expect(await stack.store.get(demoTenant.id, rectificationKind, id)).toBeUndefined();
    expect(await stack.store.get(otherTenant.id, rectificationKind, id)).toBeUndefined();
  });

  it('refuses a source of the wrong kind, a missing due date, monitoring as a source, and unknown fields (400)', async () => {
    const good = startBody('SELF_EVALUATION', sources.selfEvaluation);
    const bad = [
      { ...good, source: 'MONITORING' },
      { ...good, dueDate: '2027-02-30' },
      { ...good, requirements: '' },
      { ...good, opinion: '' },
      { ...good, id: 'not-a-uuid' },
      { ...good, unitId: demoEducation.unitId },
    ];
    for (const body of bad) {
      const answer = await call('perf-reviewer', 'POST', '/rectifications', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
    // A department evaluation's id given as a self-evaluation's is no such self-evaluation.
    const mismatched = await call(
      'perf-reviewer',
      'POST',
      '/rectifications',
      startBody('SELF_EVALUATION', sources.departmentEvaluation),
    );
    expect(mismatched.status).toBe(422);
    expect(mismatched.body.errors[0].code).toBe('reference_not_found');
  });
});
