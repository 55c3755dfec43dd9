import { createHash, randomBytes } from 'node:crypto';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { S3EvidenceStore } from '@jixiao/functions/adapters/s3/s3-evidence-store.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import {
  demoAssignmentId,
  demoEngagementId,
  demoQuestionnaireId,
  demoSiteIds,
} from '@jixiao/infra/local/demo-fieldwork.ts';
import { propertyServices } from '@jixiao/infra/local/demo-projects.ts';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Key evaluations and their fieldwork (issue 4; docs/domain/fieldwork.md, rules 10–11) through the
 * local gateway on DynamoDB Local: the engagement and its plan, commissioning with the conflict
 * rules, assignments, the evaluator's package, idempotent and conflicting replays of field records,
 * who may read and write what, photo uploads with their limits and checksum, and the views.
 */
let stack: TestStack;
const token: Record<string, string> = {};
const agency = demoId('agency:91120110MA05JX8K2Q');
const otherAgency = demoId('agency:91120116MA06B3T71L');
const housing = demoId('department:107');
const property = demoId(`project:${propertyServices}`);

beforeAll(async () => {
  stack = await startTestStack();
  for (const u of ['evaluator', 'agency-lead', 'perf-reviewer', 'business-reviewer', 'dept-reviewer', 'admin']) {
    token[u] = await stack.tokenFor(u);
  }
  const person = (id: string, roles: string[], org: Record<string, string>) =>
    stack.tokenForPerson({ id, displayName: id, tenant: demoTenant.id, roles, ...org });
  token.colleague = await person('evaluator-2', ['evaluator'], { agencyId: agency });
  token['rival-lead'] = await person('lead-2', ['agency-lead'], { agencyId: otherAgency });
  token['housing-reviewer'] = await person('housing-reviewer', ['department-reviewer'], { departmentId: housing });
  token['construction-section'] = await person('jjjs-reviewer', ['business-section-reviewer'], {
    sectionId: demoId('section:JJJS'),
  });
});
afterAll(() => stack?.stop());

const call = (who: string, method: string, path: string, body?: unknown) =>
  stack.call(method, `/api/v1${path}`, { token: token[who]!, ...(body === undefined ? {} : { body }) });

const now = () => new Date().toISOString();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const photo = (bytes: Uint8Array, caption = '楼道照明') => ({
  id: uuidV7(),
  sha256: sha256(bytes),
  sizeBytes: bytes.length,
  contentType: 'image/jpeg',
  width: 1600,
  height: 1200,
  caption,
  takenAt: now(),
  position: { latitude: 39.1192, longitude: 117.3134, accuracyMetres: 12, capturedAt: now() },
});

const siteVisit = (overrides: Record<string, unknown> = {}) => ({
  id: uuidV7(),
  assignmentId: demoAssignmentId,
  type: 'SITE_VISIT',
  deviceCreatedAt: now(),
  deviceUpdatedAt: now(),
  siteId: demoSiteIds[0],
  arrivedAt: '2026-11-20T09:00:00+08:00',
  departedAt: null,
  position: { latitude: 39.1192, longitude: 117.3134, accuracyMetres: 12, capturedAt: now() },
  positionNote: '',
  accompaniedBy: '区住建委物业科 王科长',
  checks: [
    {
      id: uuidV7(),
      indicatorId: demoId(`target-row:${propertyServices}:1`),
      claim: '小区已纳入补贴范围并签订物业服务合同',
      method: 'INSPECT',
      declaredValue: '',
      observedValue: '',
      verdict: 'CONFIRMED',
      note: '合同在物业服务中心公示',
    },
  ],
  findings: '门岗值守正常，3 号楼楼道照明损坏。',
  signature: { signerName: '孙强', signedAt: now(), path: 'M 10 10 L 20 20 L 30 15' },
  photos: [],
  ...overrides,
});

const interview = (overrides: Record<string, unknown> = {}) => ({
  id: uuidV7(),
  assignmentId: demoAssignmentId,
  type: 'INTERVIEW',
  deviceCreatedAt: now(),
  deviceUpdatedAt: now(),
  mode: 'IN_PERSON',
  place: '成林道小区物业服务中心',
  startedAt: now(),
  interviewee: { category: 'BENEFICIARY', role: '业委会委员', name: '' },
  consent: { given: false, method: null },
  answers: [
    {
      questionId: demoId('interview-question:property-2026:2'),
      question: '补贴资金是否按季度足额拨付到物业公司？',
      answer: '第三季度补贴晚到约一个月。',
    },
  ],
  notes: '',
  linkedIndicatorIds: [],
  photos: [],
  ...overrides,
});

const likert = (scores: number[]) => ({
  id: uuidV7(),
  assignmentId: demoAssignmentId,
  type: 'SURVEY_RESPONSE',
  deviceCreatedAt: now(),
  deviceUpdatedAt: now(),
  questionnaireId: demoQuestionnaireId,
  respondentGroup: 'BENEFICIARY',
  channel: 'ON_SITE',
  respondentCode: `R-${Math.random().toString(36).slice(2, 8)}`,
  answers: [
    ...scores.map((s, i) => ({
      questionId: demoId(`survey-question:property-2026:${i + 1}`),
      likert: s,
      choice: null,
    })),
    { questionId: demoId('survey-question:property-2026:4'), likert: null, choice: '5 年以上' },
  ],
  photos: [],
});

/** PUTs bytes with the signed headers (fetch sets the length itself). */
const upload = async (
  ticket: { upload: { url: string; headers: Record<string, string> } },
  bytes: Uint8Array<ArrayBuffer>,
) => {
  const { 'content-length': _length, ...headers } = ticket.upload.headers;
  return fetch(ticket.upload.url, { method: 'PUT', headers, body: bytes });
};

describe('the demo engagement and the evaluator’s package', () => {
  it('lists the evaluator’s assignment and gives everything the phone needs offline', async () => {
    const mine = await call('evaluator', 'GET', '/my-assignments');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([demoAssignmentId]);
    const pack = await call('evaluator', 'GET', `/assignments/${demoAssignmentId}/package`);
    expect(pack.status).toBe(200);
    expect(pack.body.sites.map((s: { id: string }) => s.id)).toEqual(demoSiteIds.slice(0, 2));
    expect(pack.body.engagement.state).toBe('FIELDWORK');
    expect(pack.body.engagement.gpsAccuracyLimitMetres).toBe(50);
    const fromTargets = pack.body.engagement.indicators.filter((i: { source: string }) => i.source === 'TARGET');
    expect(fromTargets.map((i: { name: string }) => i.name)).toContain('补贴覆盖小区数');
    expect(fromTargets.find((i: { name: string }) => i.name === '补贴覆盖小区数').target).toBe('≥ 46 个');
    expect(pack.body.engagement.questionnaires[0].questions).toHaveLength(4);
    // Another evaluator of the same agency, and another agency's lead, do not see it.
    expect((await call('colleague', 'GET', `/assignments/${demoAssignmentId}/package`)).status).toBe(404);
    expect((await call('rival-lead', 'GET', `/assignments/${demoAssignmentId}/package`)).status).toBe(404);
    expect((await call('colleague', 'GET', '/my-assignments')).body.items).toEqual([]);
  });
});

describe('an engagement from selection to fieldwork', () => {
  let id = '';
  let version = 0;

  it('is opened on a project with approved targets, its framework built from them', async () => {
    const education = await call('perf-reviewer', 'GET', '/projects?fiscalYear=2027&q=幼儿园');
    const unapproved = education.body.items[0];
    const refused = await call('perf-reviewer', 'POST', '/engagements', {
      id: uuidV7(),
      kind: 'PROJECT',
      fiscalYear: 2027,
      title: '幼儿园补助评价',
      projectId: unapproved.id,
      departmentId: null,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].code).toBe('evaluation_needs_approved_targets');

    id = uuidV7();
    const created = await call('perf-reviewer', 'POST', '/engagements', {
      id,
      kind: 'PROJECT',
      fiscalYear: 2026,
      title: '物业服务补贴再评价',
      projectId: property,
      departmentId: null,
    });
    expect(created.status).toBe(201);
    version = created.body.version;
    expect(created.body.state).toBe('SELECTED');
    expect(created.body.departmentId).toBe(housing);
    const levels = ['DECISION', 'PROCESS', 'OUTPUT', 'BENEFIT'] as const;
    for (const level of levels) {
      const points = created.body.indicators
        .filter((i: { level1: string }) => i.level1 === level)
        .reduce((s: number, i: { points: number }) => s + i.points, 0);
      expect(points).toBeCloseTo(created.body.weights[level], 6);
    }
    // The six approved annual rows: four outputs and two benefits (satisfaction counts as benefit).
    const targets = created.body.indicators.filter((i: { source: string }) => i.source === 'TARGET');
    expect(targets.filter((i: { level1: string }) => i.level1 === 'OUTPUT')).toHaveLength(4);
    expect(targets.filter((i: { level1: string }) => i.level1 === 'BENEFIT')).toHaveLength(2);
    // Only the performance section opens one.
    const byLead = await call('agency-lead', 'POST', '/engagements', {
      id: uuidV7(),
      kind: 'DEPARTMENT',
      fiscalYear: 2026,
      title: 'x',
      projectId: null,
      departmentId: housing,
    });
    expect(byLead.status).toBe(403);
  });

  it("evaluates a department's overall spending with the department framework of its series, its levels named as it names them", async () => {
    const opened = async (departmentId: string) =>
      (
        await call('perf-reviewer', 'POST', '/engagements', {
          id: uuidV7(),
          kind: 'DEPARTMENT',
          fiscalYear: 2026,
          title: '部门整体支出绩效评价',
          projectId: null,
          departmentId,
        })
      ).body;
    const government = await opened(housing);
    // 财预〔2013〕53号's framework, as the national template ships it: 投入 10, 过程 60, 产出 15, 效果 15.
    expect(government.weights).toEqual({ DECISION: 10, PROCESS: 60, OUTPUT: 15, BENEFIT: 15 });
    expect(government.levelNames.DECISION['zh-CN']).toBe('投入');
    expect(government.levelNames.BENEFIT['zh-CN']).toBe('效果');
    expect(government.indicators.map((i: { name: string }) => i.name)).toContain('预算完成率');
    expect(
      government.indicators.every((i: { source: string; standard: string }) => i.source === 'ENGAGEMENT' && i.standard),
    ).toBe(true);
    // A street's own template (属地履职) for the street and park series.
    const street = await opened(demoId('department:301'));
    expect(Object.values(street.levelNames).map((l) => (l as { 'zh-CN': string })['zh-CN'])).toContain('属地履职');
  });

  it('refuses a blacklisted agency, a declared conflict, and the agency that did the project’s ex-ante work', async () => {
    const declaration = { noConflict: true, statement: '无利益冲突', declaredBy: '周敏', declaredOn: '2026-11-20' };
    const conflict = await call('perf-reviewer', 'POST', `/engagements/${id}/commission`, {
      version,
      agencyId: agency,
      declaration: { ...declaration, noConflict: false },
    });
    expect(conflict.status).toBe(422);
    expect(conflict.body.errors[0].code).toBe('conflict_declared');

    const exAnte = await call('perf-reviewer', 'POST', '/ex-ante-assessments', {
      id: uuidV7(),
      projectId: property,
      assessorType: 'THIRD_PARTY',
      agencyId: otherAgency,
      summary: '事前评估',
    });
    expect(exAnte.status).toBe(201);
    const selfReview = await call('perf-reviewer', 'POST', `/engagements/${id}/commission`, {
      version,
      agencyId: otherAgency,
      declaration,
    });
    expect(selfReview.status).toBe(422);
    expect(selfReview.body.errors[0].code).toBe('agency_assessed_project');

    const rival = await call('admin', 'GET', `/agencies/${otherAgency}`);
    await call('admin', 'PATCH', `/agencies/${otherAgency}`, {
      version: rival.body.version,
      creditStatus: 'BLACKLISTED',
    });
    const blacklisted = await call('perf-reviewer', 'POST', `/engagements/${id}/commission`, {
      version,
      agencyId: otherAgency,
      declaration,
    });
    expect(blacklisted.status).toBe(422);
    expect(blacklisted.body.errors[0].code).toBe('agency_blacklisted');
    const back = await call('admin', 'GET', `/agencies/${otherAgency}`);
    await call('admin', 'PATCH', `/agencies/${otherAgency}`, { version: back.body.version, creditStatus: 'GOOD' });

    const after = await call('perf-reviewer', 'GET', `/engagements/${id}`);
    expect(after.body.version).toBe(version);
    expect(after.body.state).toBe('SELECTED');

    const commissioned = await call('perf-reviewer', 'POST', `/engagements/${id}/commission`, {
      version,
      agencyId: agency,
      declaration,
    });
    expect(commissioned.status).toBe(200);
    expect(commissioned.body.state).toBe('AGENCY_CONTRACTED');
    expect(commissioned.body.conflictDeclaration.declaredBy).toBe('周敏');
    version = commissioned.body.version;
  });

  it('approves the plan only when it is complete (rule 10), then the lead assigns the agency’s own evaluators', async () => {
    const incomplete = await call('perf-reviewer', 'POST', `/engagements/${id}/approve-plan`, { version });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.errors.map((e: { code: string }) => e.code)).toContain('site_required');
    expect(incomplete.body.errors[0].message).toMatch(/[\u4e00-\u9fa5]/);

    const siteId = uuidV7();
    const rival = await call('rival-lead', 'PATCH', `/engagements/${id}`, { version, sites: [] });
    expect(rival.status).toBe(404);
    const planned = await call('agency-lead', 'PATCH', `/engagements/${id}`, {
      version,
      weights: { DECISION: 20, PROCESS: 20, OUTPUT: 30, BENEFIT: 31 },
      sites: [{ id: siteId, name: '成林道小区', address: '', latitude: null, longitude: null, note: '' }],
    });
    expect(planned.status).toBe(200);
    version = planned.body.version;
    const unbalanced = await call('perf-reviewer', 'POST', `/engagements/${id}/approve-plan`, { version });
    expect(unbalanced.status).toBe(422);
    expect(unbalanced.body.errors.map((e: { code: string }) => e.code)).toEqual(
      expect.arrayContaining(['weights_total_100', 'level_points_mismatch']),
    );
    version = (
      await call('agency-lead', 'PATCH', `/engagements/${id}`, {
        version,
        weights: { DECISION: 20, PROCESS: 20, OUTPUT: 30, BENEFIT: 30 },
      })
    ).body.version;
    const approved = await call('perf-reviewer', 'POST', `/engagements/${id}/approve-plan`, { version });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('FIELDWORK');
    version = approved.body.version;
    // The approved plan is not edited any more.
    const late = await call('agency-lead', 'PATCH', `/engagements/${id}`, { version, sites: [] });
    expect(late.status).toBe(409);

    const people = await call('agency-lead', 'GET', `/engagements/${id}/evaluators`);
    expect(people.status).toBe(200);
    // The agency's active evaluator and its three leads (the lead, its quality control and its signing partner).
    expect(people.body.items.map((u: { displayName: string }) => u.displayName).sort()).toEqual(
      ['周敏', '孙强', '郑华', '冯军'].sort(),
    );
    expect((await call('rival-lead', 'GET', `/engagements/${id}/evaluators`)).status).toBe(404);
    const colleague = await call('admin', 'POST', '/users', {
      id: uuidV7(),
      username: `eval-${Date.now()}`,
      displayName: '钱芳',
      roles: ['evaluator'],
      agencyId: otherAgency,
    });
    expect(colleague.status).toBe(201);
    const outsider = await call('agency-lead', 'POST', `/engagements/${id}/assignments`, {
      id: uuidV7(),
      evaluatorId: colleague.body.id,
      siteIds: [siteId],
      dueDate: null,
      note: '',
    });
    expect(outsider.status).toBe(422);
    expect(outsider.body.errors[0].code).toBe('evaluator_not_in_agency');
    const offPlan = await call('agency-lead', 'POST', `/engagements/${id}/assignments`, {
      id: uuidV7(),
      evaluatorId: demoId('user:evaluator'),
      siteIds: [uuidV7()],
      dueDate: null,
      note: '',
    });
    expect(offPlan.status).toBe(422);
    expect(offPlan.body.errors[0].code).toBe('site_not_in_plan');
    const assignment = {
      id: uuidV7(),
      evaluatorId: demoId('user:evaluator'),
      siteIds: [siteId],
      dueDate: '2026-12-31',
      note: '',
    };
    const assigned = await call('agency-lead', 'POST', `/engagements/${id}/assignments`, assignment);
    expect(assigned.status).toBe(201);
    expect(assigned.body.evaluatorName).toBe('孙强');
    // A site is one evaluator's: it is not assigned again, but the same request replays.
    const again = await call('agency-lead', 'POST', `/engagements/${id}/assignments`, {
      id: uuidV7(),
      evaluatorId: demoId('user:agency-lead'),
      siteIds: [siteId],
      dueDate: null,
      note: '',
    });
    expect(again.status).toBe(422);
    expect(again.body.errors[0]).toMatchObject({ pointer: '/siteIds/0', code: 'site_already_assigned' });
    expect(again.body.errors[0].message).toBe('该点位已分派给其他评价人员');
    const replay = await call('agency-lead', 'POST', `/engagements/${id}/assignments`, assignment);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(assignment.id);
    const mine = await call('evaluator', 'GET', '/my-assignments');
    expect(mine.body.items).toHaveLength(2);
  });

  it('keeps who did what in the engagement’s history', async () => {
    const history = await call('perf-reviewer', 'GET', `/engagements/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { operation?: string }) => e.operation)).toEqual(
      expect.arrayContaining(['commission', 'approve-plan']),
    );
  });
});

describe('field records from the phone', () => {
  it('replays a create with the same id and body, and refuses the same id with another body', async () => {
    const body = siteVisit();
    const first = await call('evaluator', 'POST', '/field-records', body);
    expect(first.status).toBe(201);
    expect(first.body.receivedAt).toBeTruthy();
    expect(first.body.evaluatorName).toBe('孙强');
    expect(first.body.departmentId).toBe(housing);
    const again = await call('evaluator', 'POST', '/field-records', body);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await call('evaluator', 'POST', '/field-records', { ...body, findings: '另一份内容' });
    expect(other.status).toBe(409);
    expect(other.body.type).toBe('urn:jixiao:problem:idempotency-conflict');
    const listed = await call('agency-lead', 'GET', `/engagements/${demoEngagementId}/field-records?limit=100`);
    expect(listed.body.items.filter((r: { id: string }) => r.id === body.id)).toHaveLength(1);
    const stored = await call('evaluator', 'GET', `/field-records/${body.id}`);
    expect(stored.body.findings).toBe(body.findings);
  });

  it('applies the record rules of core on the server too, and answers in Chinese', async () => {
    const unsigned = siteVisit({ signature: null });
    const noVerdict = siteVisit({
      checks: [{ ...siteVisit().checks[0], verdict: null }],
      position: null,
    });
    const a = await call('evaluator', 'POST', '/field-records', unsigned);
    expect(a.status).toBe(422);
    expect(a.body.errors[0]).toMatchObject({
      pointer: '/signature',
      code: 'signature_required',
      message: '请核查人员签名',
    });
    const b = await call('evaluator', 'POST', '/field-records', noVerdict);
    expect(b.status).toBe(422);
    expect(b.body.errors.map((e: { code: string }) => e.code)).toEqual(['verdict_required', 'position_note_required']);
    const elsewhere = await call('evaluator', 'POST', '/field-records', siteVisit({ siteId: demoSiteIds[3] }));
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors[0].code).toBe('site_not_in_assignment');
    const named = await call(
      'evaluator',
      'POST',
      '/field-records',
      interview({ interviewee: { category: 'BENEFICIARY', role: '居民', name: '张三' } }),
    );
    expect(named.status).toBe(422);
    expect(named.body.errors[0].code).toBe('name_without_consent');
    const bad = await call('evaluator', 'POST', '/field-records', { ...siteVisit(), arrivedAt: 'yesterday' });
    expect(bad.status).toBe(400);
    for (const body of [unsigned, noVerdict]) {
      expect((await call('evaluator', 'GET', `/field-records/${body.id}`)).status).toBe(404);
    }
  });

  it('flags a poor or missing position, and keeps both device and receipt times of the departure', async () => {
    const rough = siteVisit({
      position: { latitude: 39.12, longitude: 117.31, accuracyMetres: 80, capturedAt: now() },
    });
    const created = await call('evaluator', 'POST', '/field-records', rough);
    expect(created.body.positionFlag).toBe('INACCURATE');
    expect(created.body.departureReceivedAt).toBeNull();
    const departed = await call('evaluator', 'PATCH', `/field-records/${rough.id}`, {
      ...rough,
      id: undefined,
      assignmentId: undefined,
      version: created.body.version,
      departedAt: '2026-11-20T10:30:00+08:00',
      position: null,
      positionNote: '室内无信号，位于 3 号楼地下室',
    });
    expect(departed.status).toBe(200);
    expect(departed.body.positionFlag).toBe('NO_FIX');
    expect(departed.body.departedAt).toBe('2026-11-20T10:30:00+08:00');
    expect(Date.parse(departed.body.departureReceivedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.receivedAt));
    // An edit from a stale copy is a 409 with the server's copy, never an overwrite.
    const stale = await call('agency-lead', 'PATCH', `/field-records/${rough.id}`, {
      ...rough,
      id: undefined,
      assignmentId: undefined,
      version: created.body.version,
      findings: '旧副本上的修改',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current.version).toBe(departed.body.version);
    expect(stale.body.current.findings).toBe(rough.findings);
  });

  it('closes a site visit once the server holds its departure: no edit after that, by the evaluator or the lead', async () => {
    const visit = siteVisit();
    const created = await call('evaluator', 'POST', '/field-records', visit);
    expect(created.status).toBe(201);
    const edit = (who: string, version: number, changes: Record<string, unknown>) =>
      call(who, 'PATCH', `/field-records/${visit.id}`, {
        ...visit,
        id: undefined,
        assignmentId: undefined,
        version,
        ...changes,
      });
    // Before the departure the visit is still open: the findings change and the departure is added.
    const departed = await edit('evaluator', created.body.version, {
      findings: '门岗值守正常，3 号楼、5 号楼楼道照明损坏。',
      departedAt: '2026-11-20T10:30:00+08:00',
    });
    expect(departed.status).toBe(200);
    for (const [who, changes] of [
      ['evaluator', { departedAt: '2026-11-20T16:00:00+08:00' }],
      ['evaluator', { findings: '一切正常。' }],
      ['agency-lead', { arrivedAt: '2026-11-20T08:00:00+08:00' }],
    ] as const) {
      const refused = await edit(who, departed.body.version, changes);
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0]).toMatchObject({ pointer: '/departedAt', code: 'visit_closed' });
      expect(refused.body.errors[0].message).toMatch(/离场/);
    }
    const read = await call('evaluator', 'GET', `/field-records/${visit.id}`);
    expect(read.body).toMatchObject({ version: departed.body.version, departedAt: '2026-11-20T10:30:00+08:00' });
    expect(read.body.findings).toBe('门岗值守正常，3 号楼、5 号楼楼道照明损坏。');
  });

  it('gives a new phone every record the evaluator already sent for an assignment, page by page', async () => {
    const mine = [interview(), interview(), interview()];
    for (const r of mine) expect((await call('evaluator', 'POST', '/field-records', r)).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ assignmentId: demoAssignmentId, limit: '2', ...(cursor ? { cursor } : {}) });
      const page = await call('evaluator', 'GET', `/engagements/${demoEngagementId}/field-records?${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      for (const r of page.body.items) {
        expect(r.assignmentId).toBe(demoAssignmentId);
        seen.push(r.id);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const r of mine) expect(seen).toContain(r.id);
  });

  it('lets only the assignee write, the agency’s lead and the bureau read, and the department read after release', async () => {
    const body = interview();
    expect((await call('colleague', 'POST', '/field-records', body)).status).toBe(404);
    expect((await call('rival-lead', 'POST', '/field-records', body)).status).toBe(404);
    const created = await call('evaluator', 'POST', '/field-records', body);
    expect(created.status).toBe(201);
    const path = `/field-records/${body.id}`;
    expect((await call('colleague', 'GET', path)).status).toBe(404);
    expect((await call('rival-lead', 'GET', path)).status).toBe(404);
    expect(
      (await call('colleague', 'PATCH', path, { ...body, id: undefined, assignmentId: undefined, version: 1 })).status,
    ).toBe(404);
    expect((await call('agency-lead', 'GET', path)).status).toBe(200);
    expect((await call('perf-reviewer', 'GET', path)).status).toBe(200);
    expect((await call('construction-section', 'GET', path)).status).toBe(200);
    // The education section is not responsible for the housing department.
    expect((await call('business-reviewer', 'GET', path)).status).toBe(404);
    expect((await call('housing-reviewer', 'GET', path)).status).toBe(404);
    expect((await call('housing-reviewer', 'GET', `/engagements/${demoEngagementId}`)).status).toBe(404);
    expect((await call('dept-reviewer', 'GET', path)).status).toBe(404);

    const e = await call('perf-reviewer', 'GET', `/engagements/${demoEngagementId}`);
    const released = await call('perf-reviewer', 'POST', `/engagements/${demoEngagementId}/release`, {
      version: e.body.version,
    });
    expect(released.status).toBe(200);
    expect(released.body.releasedAt).toBeTruthy();
    expect((await call('housing-reviewer', 'GET', path)).status).toBe(200);
    expect((await call('housing-reviewer', 'GET', `/engagements/${demoEngagementId}/evidence`)).status).toBe(200);
    const listed = await call('housing-reviewer', 'GET', '/engagements');
    expect(listed.body.items.map((x: { id: string }) => x.id)).toContain(demoEngagementId);
    // Another department still sees nothing.
    expect((await call('dept-reviewer', 'GET', path)).status).toBe(404);
    expect((await call('dept-reviewer', 'GET', '/engagements')).body.items).toEqual([]);
  });
});

describe('photos', () => {
  it('presigns only under the evaluator’s own assignment prefix, within the size and type limits', async () => {
    const bytes = randomBytes(2048);
    const p = photo(bytes);
    const request = { id: p.id, contentType: 'image/jpeg', sizeBytes: bytes.length, sha256: p.sha256 };
    const ticket = await call('evaluator', 'POST', `/assignments/${demoAssignmentId}/photo-uploads`, request);
    expect(ticket.status).toBe(201);
    expect(ticket.body.key).toBe(`T/${demoTenant.id}/fieldwork/${demoEngagementId}/${demoAssignmentId}/${p.id}`);
    expect(ticket.body.upload.headers['x-amz-checksum-sha256']).toBe(Buffer.from(p.sha256, 'hex').toString('base64'));
    expect(ticket.body.upload.headers['content-length']).toBe(String(bytes.length));
    expect((await call('colleague', 'POST', `/assignments/${demoAssignmentId}/photo-uploads`, request)).status).toBe(
      404,
    );
    expect((await call('agency-lead', 'POST', `/assignments/${demoAssignmentId}/photo-uploads`, request)).status).toBe(
      403,
    );
    const huge = await call('evaluator', 'POST', `/assignments/${demoAssignmentId}/photo-uploads`, {
      ...request,
      sizeBytes: 6 * 1024 * 1024,
    });
    expect(huge.status).toBe(400);
    expect(huge.body.errors[0].code).toBe('photo_too_large');
    const gif = await call('evaluator', 'POST', `/assignments/${demoAssignmentId}/photo-uploads`, {
      ...request,
      contentType: 'image/gif',
    });
    expect(gif.status).toBe(400);
    expect(gif.body.errors[0].code).toBe('photo_type');
  });

  it('attaches a declared photo once its bytes are there, once, and refuses a checksum mismatch', async () => {
    const good = randomBytes(4096);
    const forged = randomBytes(4096);
    const first = photo(good, '3 号楼楼道');
    const second = photo(forged, '小区大门');
    const record = siteVisit({ photos: [first, second] });
    expect((await call('evaluator', 'POST', '/field-records', record)).status).toBe(201);
    const attach = (id: string) => call('evaluator', 'POST', `/field-records/${record.id}/photos`, { id });

    const early = await attach(first.id);
    expect(early.status).toBe(422);
    expect(early.body.errors[0].code).toBe('photo_not_uploaded');
    const undeclared = await attach(uuidV7());
    expect(undeclared.body.errors[0].code).toBe('photo_not_declared');

    const ticket = await call('evaluator', 'POST', `/assignments/${demoAssignmentId}/photo-uploads`, {
      id: first.id,
      contentType: 'image/jpeg',
      sizeBytes: good.length,
      sha256: first.sha256,
    });
    expect((await upload(ticket.body, good)).status).toBe(200);
    // A second PUT at the same key is refused by the store: nothing is overwritten.
    expect((await upload(ticket.body, good)).status).toBe(412);
    const attached = await attach(first.id);
    expect(attached.status).toBe(201);
    expect(attached.body).toMatchObject({ id: first.id, recordId: record.id, sha256: first.sha256 });
    const replay = await attach(first.id);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const asked = await call('evaluator', 'POST', `/assignments/${demoAssignmentId}/photo-uploads`, {
      id: first.id,
      contentType: 'image/jpeg',
      sizeBytes: good.length,
      sha256: first.sha256,
    });
    expect(asked.status).toBe(409);

    // The bucket refuses bytes that do not match the signed checksum (S3 does; the local
    // stand-in's guard does the same)…
    const secondTicket = await call('evaluator', 'POST', `/assignments/${demoAssignmentId}/photo-uploads`, {
      id: second.id,
      contentType: 'image/jpeg',
      sizeBytes: forged.length,
      sha256: second.sha256,
    });
    expect((await upload(secondTicket.body, good)).status).toBe(400);
    // …and where a file gets there another way (anonymous writes are refused: here it is written
    // with the bucket's own key), the server's own check catches it before attaching.
    await new S3EvidenceStore(process.env.EVIDENCE_BUCKET!, 'local', process.env.S3_ENDPOINT).write(
      secondTicket.body.key,
      good,
      'image/jpeg',
    );
    const mismatch = await attach(second.id);
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors[0]).toMatchObject({ code: 'photo_checksum_mismatch' });

    const stored = await call('perf-reviewer', 'GET', `/field-records/${record.id}`);
    expect(stored.body.receivedPhotoIds).toEqual([first.id]);
    const link = await call('perf-reviewer', 'GET', `/field-records/${record.id}/photos/${first.id}`);
    expect(link.status).toBe(200);
    const downloaded = new Uint8Array(await (await fetch(link.body.url)).arrayBuffer());
    expect(sha256(downloaded)).toBe(first.sha256);
    expect((await call('perf-reviewer', 'GET', `/field-records/${record.id}/photos/${second.id}`)).status).toBe(404);

    // A received photo is evidence: an edit may not drop it.
    const dropped = await call('evaluator', 'PATCH', `/field-records/${record.id}`, {
      ...record,
      id: undefined,
      assignmentId: undefined,
      version: stored.body.version,
      photos: [second],
    });
    expect(dropped.status).toBe(422);
    expect(dropped.body.errors[0].code).toBe('photo_received_fixed');
  });
});

describe('what the bureau and the agency see', () => {
  it('shows progress, evidence per indicator and the survey summary with its minimum-sample warning', async () => {
    for (const scores of [
      [5, 4, 5],
      [4, 4, 3],
      [2, 3, 4],
    ]) {
      expect((await call('evaluator', 'POST', '/field-records', likert(scores))).status).toBe(201);
    }
    const progress = await call('agency-lead', 'GET', `/engagements/${demoEngagementId}/progress`);
    expect(progress.status).toBe(200);
    const mine = progress.body.assignments.find((a: { assignmentId: string }) => a.assignmentId === demoAssignmentId);
    expect(mine.surveyResponses).toBe(3);
    expect(mine.sites.find((s: { siteId: string }) => s.siteId === demoSiteIds[0]).visited).toBe(true);
    expect(mine.sites.find((s: { siteId: string }) => s.siteId === demoSiteIds[1]).visited).toBe(false);
    expect(mine.photosReceived).toBeGreaterThanOrEqual(1);
    expect(mine.photosDeclared).toBeGreaterThan(mine.photosReceived);
    // Progress is for the bureau and the agency's lead, not for one evaluator.
    expect((await call('evaluator', 'GET', `/engagements/${demoEngagementId}/progress`)).status).toBe(403);

    const evidence = await call('perf-reviewer', 'GET', `/engagements/${demoEngagementId}/evidence`);
    expect(evidence.status).toBe(200);
    const coverage = evidence.body.indicators.find(
      (i: { indicatorId: string }) => i.indicatorId === demoId(`target-row:${propertyServices}:1`),
    );
    expect(coverage.verdicts.CONFIRMED).toBeGreaterThanOrEqual(1);
    const timeliness = evidence.body.indicators.find(
      (i: { indicatorId: string }) => i.indicatorId === demoId(`target-row:${propertyServices}:3`),
    );
    expect(timeliness.conversations[0].answers[0].answer).toBe('第三季度补贴晚到约一个月。');
    const survey = evidence.body.survey.questionnaires[0];
    // 3 valid of a minimum 30: flagged and left out of the combined result.
    expect(survey).toMatchObject({ returned: 3, valid: 3, belowMinimumSample: true });
    // 9 answers: 5,4,5,4,4,3,2,3,4 → 满意 or better 6 of 9 = 66.67 %.
    expect(survey.rate).toBe(66.67);
    expect(evidence.body.survey.combinedRate).toBeNull();
  });

  it('packs the working papers: records as XLSX, the photos, and a manifest whose hashes hold', async () => {
    const exportId = uuidV7();
    const made = await call('agency-lead', 'POST', `/engagements/${demoEngagementId}/working-papers`, { id: exportId });
    expect(made.status).toBe(201);
    const again = await call('agency-lead', 'POST', `/engagements/${demoEngagementId}/working-papers`, {
      id: exportId,
    });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(
      (await call('evaluator', 'POST', `/engagements/${demoEngagementId}/working-papers`, { id: uuidV7() })).status,
    ).toBe(403);
    const archive = await JSZip.loadAsync(new Uint8Array(await (await fetch(made.body.url)).arrayBuffer()));
    const manifest = JSON.parse(await archive.file('manifest.json')!.async('string'));
    const photos = manifest.files.filter((f: { path: string }) => f.path.startsWith('照片/'));
    expect(photos.length).toBeGreaterThanOrEqual(1);
    for (const entry of manifest.files as { path: string; sha256: string; sizeBytes: number }[]) {
      const bytes = await archive.file(entry.path)!.async('uint8array');
      expect(sha256(bytes), entry.path).toBe(entry.sha256);
      expect(bytes.length).toBe(entry.sizeBytes);
    }
    expect(manifest.files.map((f: { path: string }) => f.path)).toContain('工作底稿.xlsx');
  });

  it('still takes a phone’s late records after the lead closes fieldwork', async () => {
    const e = await call('agency-lead', 'GET', `/engagements/${demoEngagementId}`);
    const closed = await call('agency-lead', 'POST', `/engagements/${demoEngagementId}/close-fieldwork`, {
      version: e.body.version,
    });
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('PRELIM_FINDINGS');
    expect((await call('evaluator', 'POST', '/field-records', interview())).status).toBe(201);
  });
});
