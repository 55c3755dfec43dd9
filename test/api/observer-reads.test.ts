import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { operationRunner } from '@jixiao/infra/local/record-loader.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReleasedEngagement } from '../support/fieldwork-fixture.ts';
import { seedMonitoringReports, seedMonitoringRound } from '../support/monitoring-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Issue 10: the observer's home (人大/审计) promised published targets and results but could read
 * nothing. The observer now reads the whole tenant, what has been published only
 * (core/src/scope/observer-scope.ts): sent target versions, concluded assessments, sent reports,
 * released evaluations; never a draft. The authorization matrix checks that every write refuses it.
 */
let stack: TestStack;
let observer = '';
let perf = '';
const bureau = { userId: 'test:perf', roles: ['performance-section-reviewer' as const] };
const department = {
  id: demoId('department:102'),
  code: '102',
  name: '教育局',
  series: 'GOVERNMENT',
  financeSectionId: demoId('section:JKW'),
  unitId: demoId('unit:102001'),
  unitName: '教育局机关',
};
let round = '';
let draftReport = '';
let approvedReport = '';
let released = '';
let unreleased = '';

const get = (path: string, token = observer) => stack.call('GET', `/api/v1${path}`, { token });

beforeAll(async () => {
  stack = await startTestStack();
  observer = await stack.tokenFor('observer');
  perf = await stack.tokenFor('perf-reviewer');
  round = await seedMonitoringRound(stack.store, demoTenant.id);
  [draftReport, approvedReport] = (await seedMonitoringReports(stack.store, demoTenant.id, round, department, [
    'DRAFT',
    'FINAL_APPROVED',
  ])) as [string, string];
  released = (
    await seedReleasedEngagement(stack.store, demoTenant.id, {
      departmentId: department.id,
      agencyId: demoId('agency:91120110MA05JX8K2Q'),
      evaluatorId: demoId('user:evaluator'),
      leadId: demoId('user:agency-lead'),
    })
  ).engagement;
  unreleased = uuidV7();
  const created = await operationRunner(stack.store, demoTenant.id)('createEngagement', bureau, {
    body: {
      id: unreleased,
      kind: 'DEPARTMENT',
      fiscalYear: 2026,
      title: '未发布的评价',
      projectId: null,
      departmentId: department.id,
    },
  });
  expect(created.status).toBe(201);
});
afterAll(() => stack?.stop());

describe('the observer reads what has been published', () => {
  it('reads every project, but a target version only once the unit has sent it', async () => {
    const projects = await get('/projects?limit=100');
    expect(projects.status).toBe(200);
    const codes = projects.body.items.map((p: { code: string }) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['DL2027JY0001', 'DL2027FG0001']));

    // 普惠性幼儿园 has only a draft; 规划 has been sent (unit-submitted).
    const draftOnly = await get(`/projects/${demoId('project:DL2027JY0001')}/targets`);
    expect(draftOnly.status).toBe(200);
    expect(draftOnly.body.items).toEqual([]);
    expect((await get(`/targets/${demoId('target:DL2027JY0001:1')}`)).status).toBe(404);
    const sent = await get(`/projects/${demoId('project:DL2027FG0001')}/targets`);
    expect(sent.body.items.map((t: { reviewStatus: string }) => t.reviewStatus)).toEqual(['UNIT_SUBMITTED']);
    expect((await get(`/targets/${demoId('target:DL2027FG0001:1')}`)).body.reviewStatus).toBe('UNIT_SUBMITTED');
    // The unit's own people still see their draft.
    const preparer = await stack.tokenFor('unit-preparer');
    expect((await get(`/targets/${demoId('target:DL2027JY0001:1')}`, preparer)).status).toBe(200);
  });

  it('reads an ex-ante assessment once the performance section has concluded it', async () => {
    const projectId = demoId('project:DL2027JY0002');
    const created = await stack.call('POST', '/api/v1/ex-ante-assessments', {
      token: perf,
      body: { id: uuidV7(), projectId, assessorType: 'FINANCE' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await get(`/ex-ante-assessments/${id}`)).status).toBe(404);
    expect((await get('/ex-ante-assessments?limit=100')).body.items.map((a: { id: string }) => a.id)).not.toContain(id);
    const dimension = (score: number) => ({ score, note: '依据充分' });
    const scored = await stack.call('PATCH', `/api/v1/ex-ante-assessments/${id}`, {
      token: perf,
      body: {
        version: created.body.version,
        dimensions: {
          NECESSITY: dimension(18),
          ECONOMY: dimension(16),
          TARGETS: dimension(17),
          FEASIBILITY: dimension(15),
          FUNDING: dimension(19),
        },
        conclusion: 'SUPPORT',
      },
    });
    expect(scored.status).toBe(200);
    const concluded = await stack.call('POST', `/api/v1/ex-ante-assessments/${id}/conclude`, {
      token: perf,
      body: { version: scored.body.version },
    });
    expect(concluded.status).toBe(200);
    expect((await get(`/ex-ante-assessments/${id}`)).body.state).toBe('CONCLUDED');
    const listed = await get('/ex-ante-assessments?limit=100');
    expect(listed.body.items.map((a: { id: string }) => a.id)).toContain(id);
    expect(listed.body.items.every((a: { state: string }) => a.state === 'CONCLUDED')).toBe(true);
    const ofProject = await get(`/ex-ante-assessments?projectId=${projectId}&limit=100`);
    expect(ofProject.body.items.map((a: { id: string }) => a.id)).toEqual([id]);
  });

  it('reads a round, its dashboard and its sent reports, never a draft report', async () => {
    expect((await get(`/monitoring-rounds/${round}`)).status).toBe(200);
    expect((await get(`/monitoring-rounds/${round}/dashboard`)).status).toBe(200);
    const reports = await get(`/monitoring-rounds/${round}/reports?departmentId=${department.id}`);
    expect(reports.status).toBe(200);
    expect(reports.body.items.map((r: { id: string }) => r.id)).toEqual([approvedReport]);
    const drafts = await get(`/monitoring-rounds/${round}/reports?departmentId=${department.id}&reviewStatus=DRAFT`);
    expect(drafts.body.items).toEqual([]);
    expect((await get(`/monitoring-reports/${approvedReport}`)).status).toBe(200);
    expect((await get(`/monitoring-reports/${draftReport}`)).status).toBe(404);
    // The bureau still reads both.
    const all = await get(`/monitoring-rounds/${round}/reports?departmentId=${department.id}`, perf);
    expect(all.body.items.map((r: { id: string }) => r.id).sort()).toEqual([draftReport, approvedReport].sort());
  });

  it('reads an evaluation once the bureau has released it, with its working papers', async () => {
    const list = await get('/engagements?limit=100');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((e: { id: string }) => e.id);
    expect(ids).toContain(released);
    expect(ids).not.toContain(unreleased);
    expect((await get(`/engagements/${released}`)).status).toBe(200);
    expect((await get(`/engagements/${released}/evidence`)).status).toBe(200);
    expect((await get(`/engagements/${released}/field-records`)).body.items.length).toBeGreaterThan(0);
    expect((await get(`/engagements/${unreleased}`)).status).toBe(404);
  });

  it('writes nothing', async () => {
    const refused = await stack.call('PATCH', `/api/v1/projects/${demoId('project:DL2027FG0001')}`, {
      token: observer,
      body: { version: 1, name: '改名' },
    });
    expect(refused.status).toBe(403);
  });
});
