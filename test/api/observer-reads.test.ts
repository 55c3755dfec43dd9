import { createHash } from 'node:crypto';
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
 *
 * A review then found two drafts still open to it: a rectification's feedback while the unit was
 * drafting it (text, files and their links), and a monitoring round the bureau had opened but not
 * yet issued, with its dashboard and reports. Both are now answered as published only.
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

/** A file's bytes, uploaded for real to the evidence store's stand-in. */
const bytes = Buffer.from('%PDF-1.4\n% 整改反馈草稿的佐证材料\n', 'utf8');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the observer reads a rectification’s feedback only once the unit has sent it', () => {
  let id = '';
  let preparer = '';
  let approver = '';
  let fileId = '';
  const draftText = '草稿：设备尚未到货，拟于9月安装（未经单位负责人审定）';

  beforeAll(async () => {
    preparer = await stack.tokenFor('unit-preparer');
    approver = await stack.tokenFor('unit-approver');
    const ownRound = await seedMonitoringRound(stack.store, demoTenant.id);
    const [decided] = await seedMonitoringReports(stack.store, demoTenant.id, ownRound, department, ['FINAL_APPROVED']);
    const disposition = await operationRunner(stack.store, demoTenant.id)('recordMonitoringDisposition', bureau, {
      params: { id: decided! },
      body: {
        version: 1,
        decision: 'RECTIFY',
        reason: '执行进度严重滞后',
        dueDate: '2026-09-30',
        requirements: '加快支出进度，报送佐证材料',
      },
    });
    expect(disposition.status).toBe(201);
    id = String(disposition.body.rectificationId);

    // The unit drafts its feedback: a file uploaded for real, then the text and the file saved.
    fileId = uuidV7();
    const ticket = await stack.call('POST', `/api/v1/rectifications/${id}/attachment-uploads`, {
      token: preparer,
      body: {
        id: fileId,
        name: '草稿附件.pdf',
        contentType: 'application/pdf',
        sizeBytes: bytes.length,
        sha256: sha256(bytes),
      },
    });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    const { 'content-length': _length, ...headers } = ticket.body.upload.headers as Record<string, string>;
    expect((await fetch(ticket.body.upload.url, { method: 'PUT', headers, body: bytes })).status).toBe(200);
    const saved = await stack.call('PATCH', `/api/v1/rectifications/${id}`, {
      token: preparer,
      body: { version: 1, feedback: draftText, attachments: [ticket.body.attachment] },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.state).toBe('FEEDBACK_DRAFT');
  });

  /** The rectification as the list shows it to `token` (every page read). */
  const listed = async (token: string, query = '') => {
    const items: { id: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await get(`/rectifications?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`, token);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items.find((r) => r.id === id);
  };

  it('sees the notice as issued while the feedback is a draft: no text, no file, no link, no drafting step', async () => {
    const read = await get(`/rectifications/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      state: 'NOTICE_ISSUED',
      requirements: '加快支出进度，报送佐证材料',
      dueDate: '2026-09-30',
      round: 1,
      feedback: '',
      attachments: [],
      feedbackSubmittedAt: null,
    });
    // Last changed, as far as the observer is shown, by the notice.
    expect([read.body.updatedBy, read.body.updatedAt]).toEqual([read.body.createdBy, read.body.createdAt]);
    expect(read.body.log.map((s: { action: string }) => s.action)).toEqual(['issue-notice']);
    expect(JSON.stringify(read.body)).not.toContain('草稿');
    expect(JSON.stringify(read.body)).not.toContain(fileId);
    // The file's link is answered as if the file did not exist.
    const link = await get(`/rectifications/${id}/attachments/${fileId}`);
    expect(link.status).toBe(404);
    expect(link.body.type).toMatch(/not-found/);

    // The list says the same as the single read, and filters by what it shows.
    expect(await listed(observer)).toEqual(read.body);
    expect(await listed(observer, '&state=NOTICE_ISSUED')).toEqual(read.body);
    expect(await listed(observer, '&state=FEEDBACK_DRAFT')).toBeUndefined();
  });

  it('leaves the unit and the bureau their view of the draft', async () => {
    for (const token of [preparer, perf]) {
      const read = await get(`/rectifications/${id}`, token);
      expect(read.body).toMatchObject({ state: 'FEEDBACK_DRAFT', feedback: draftText });
      expect(read.body.attachments.map((a: { id: string }) => a.id)).toEqual([fileId]);
      expect(read.body.log.map((s: { action: string }) => s.action)).toEqual(['issue-notice', 'save-feedback']);
      expect((await get(`/rectifications/${id}/attachments/${fileId}`, token)).status).toBe(200);
      expect(await listed(token, '&state=FEEDBACK_DRAFT')).toEqual(read.body);
    }
  });

  it('reads the feedback, its file and its link once the unit’s approver has sent it', async () => {
    const current = await get(`/rectifications/${id}`, approver);
    const sent = await stack.call('POST', `/api/v1/rectifications/${id}/submit`, {
      token: approver,
      body: { version: current.body.version },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const read = await get(`/rectifications/${id}`);
    expect(read.body).toMatchObject({
      state: 'FEEDBACK_SUBMITTED',
      feedback: draftText,
      feedbackSubmittedAt: sent.body.feedbackSubmittedAt,
    });
    expect(read.body.attachments.map((a: { id: string }) => a.id)).toEqual([fileId]);
    // Sending is published; the steps of drafting it are the unit's.
    expect(read.body.log.map((s: { action: string }) => s.action)).toEqual(['issue-notice', 'submit-feedback']);
    const link = await get(`/rectifications/${id}/attachments/${fileId}`);
    expect(link.status).toBe(200);
    expect(Buffer.from(await (await fetch(link.body.url)).arrayBuffer())).toEqual(bytes);
    expect(await listed(observer, '&state=FEEDBACK_SUBMITTED')).toEqual(read.body);
  });
});

describe('the observer reads a monitoring round only once the bureau has issued it', () => {
  let opening = '';
  let sentEarly = '';
  let decision = '';
  let rectification = '';

  beforeAll(async () => {
    opening = uuidV7();
    const created = await stack.call('POST', '/api/v1/monitoring-rounds', {
      token: perf,
      body: {
        id: opening,
        fiscalYear: 2026,
        name: '2026 年 1–9 月运行监控（未下发）',
        dataDate: '2026-09-30',
        deadline: '2026-10-20',
        scope: 'ALL',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.roundStatus).toBe('OPENING');
    // A department issued first may already have sent (and the bureau approved) a report while the
    // round is still being issued to the others.
    [sentEarly] = (await seedMonitoringReports(stack.store, demoTenant.id, opening, department, [
      'FINAL_APPROVED',
    ])) as [string];
    const disposed = await operationRunner(stack.store, demoTenant.id)('recordMonitoringDisposition', bureau, {
      params: { id: sentEarly },
      body: {
        version: 1,
        decision: 'RECTIFY',
        reason: '执行进度严重滞后',
        dueDate: '2026-11-30',
        requirements: '加快支出进度',
      },
    });
    expect(disposed.status).toBe(201);
    decision = String(disposed.body.id);
    rectification = String(disposed.body.rectificationId);
  });

  /** Whether the rectifications' list (every page) shows it to `token`. */
  const listsRectification = async (token = observer) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await get(`/rectifications?limit=100${cursor ? `&cursor=${cursor}` : ''}`, token);
      ids.push(...page.body.items.map((r: { id: string }) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    return ids.includes(rectification);
  };

  it('answers the round, its list entry, dashboard, red list, reports and dispositions as not found', async () => {
    const notFound = async (path: string) => {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.type, path).toMatch(/not-found/);
    };
    await notFound(`/monitoring-rounds/${opening}`);
    await notFound(`/monitoring-rounds/${opening}/dashboard`);
    await notFound(`/monitoring-rounds/${opening}/red-list?limit=50`);
    await notFound(`/monitoring-rounds/${opening}/reports?departmentId=${department.id}`);
    await notFound(`/monitoring-rounds/${opening}/dispositions?limit=50`);
    await notFound(`/monitoring-reports/${sentEarly}`);
    // What was decided on in it too: the disposition and the rectification it started.
    await notFound(`/monitoring-dispositions/${decision}`);
    await notFound(`/rectifications/${rectification}`);
    expect(await listsRectification()).toBe(false);
    for (const query of ['', '&fiscalYear=2026']) {
      const rounds = await get(`/monitoring-rounds?limit=100${query}`);
      expect(rounds.status).toBe(200);
      const ids = rounds.body.items.map((r: { id: string }) => r.id);
      expect(ids).toContain(round);
      expect(ids).not.toContain(opening);
    }
    // No export lets the observer in, of this round or any other.
    for (const path of [
      `/monitoring-rounds/${opening}/overdue.xlsx`,
      `/monitoring-reports/${sentEarly}/monitoring-table.xlsx`,
    ])
      expect((await get(path)).status, path).toBe(403);
  });

  it('leaves the bureau, the department and its units their view of the round being issued', async () => {
    const dept = await stack.tokenFor('dept-reviewer');
    const preparer = await stack.tokenFor('unit-preparer');
    for (const token of [perf, dept, preparer]) {
      expect((await get(`/monitoring-rounds/${opening}`, token)).body.roundStatus).toBe('OPENING');
      const rounds = await get('/monitoring-rounds?limit=100&fiscalYear=2026', token);
      expect(rounds.body.items.map((r: { id: string }) => r.id)).toContain(opening);
      expect((await get(`/monitoring-reports/${sentEarly}`, token)).status).toBe(200);
      expect((await get(`/rectifications/${rectification}`, token)).status).toBe(200);
      expect(await listsRectification(token)).toBe(true);
    }
    expect((await get(`/monitoring-dispositions/${decision}`, perf)).status).toBe(200);
    for (const token of [perf, dept]) {
      expect((await get(`/monitoring-rounds/${opening}/dashboard`, token)).status).toBe(200);
      const reports = await get(`/monitoring-rounds/${opening}/reports?departmentId=${department.id}`, token);
      expect(reports.body.items.map((r: { id: string }) => r.id)).toEqual([sentEarly]);
    }
  });

  it('reads the round once it is issued', async () => {
    for (let i = 0; i < 20; i++) {
      const issued = await stack.call('POST', `/api/v1/monitoring-rounds/${opening}/issue`, { token: perf, body: {} });
      expect(issued.status, JSON.stringify(issued.body)).toBe(200);
      if (issued.body.roundStatus === 'ISSUED') break;
    }
    expect((await get(`/monitoring-rounds/${opening}`)).body.roundStatus).toBe('ISSUED');
    expect((await get(`/monitoring-rounds/${opening}/dashboard`)).status).toBe(200);
    expect((await get(`/monitoring-reports/${sentEarly}`)).status).toBe(200);
    const reports = await get(`/monitoring-rounds/${opening}/reports?departmentId=${department.id}`);
    expect(reports.body.items.map((r: { id: string }) => r.id)).toContain(sentEarly);
    const rounds = await get('/monitoring-rounds?limit=100&fiscalYear=2026');
    expect(rounds.body.items.map((r: { id: string }) => r.id)).toContain(opening);
    expect((await get(`/monitoring-dispositions/${decision}`)).status).toBe(200);
    const decisions = await get(`/monitoring-rounds/${opening}/dispositions?limit=50`);
    expect(decisions.body.items.map((d: { id: string }) => d.id)).toEqual([decision]);
    expect((await get(`/rectifications/${rectification}`)).body.state).toBe('NOTICE_ISSUED');
    expect(await listsRectification()).toBe(true);
  });
});
