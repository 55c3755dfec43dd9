import { createHash } from 'node:crypto';
import { buildFramework } from '@jixiao/core/fieldwork/evaluation-framework.ts';
import { fieldworkDefaults } from '@jixiao/core/fieldwork/fieldwork-config.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { operationRunner } from '@jixiao/infra/local/record-loader.ts';

export interface EngagementFixture {
  engagement: string;
  assignment: string;
  site: string;
  /** A second site of the sample that nobody is assigned (a site is one evaluator's). */
  freeSite: string;
  record: string;
  photo: string;
}

/**
 * A department-spending engagement taken as far as fieldwork and released to the department,
 * through the API's own operations: commissioned to `agencyId`, its plan completed and approved,
 * `evaluatorId` assigned to one of its two sites, and one interview recorded with one photo attached
 * (the bytes really in the bucket). For tests that need an engagement in every relation.
 */
export const seedReleasedEngagement = async (
  store: RecordStore,
  tenant: string,
  who: { departmentId: string; agencyId: string; evaluatorId: string; leadId: string },
  /** A project with approved targets: a project evaluation, its framework built from them and kept as built. */
  projectId: string | null = null,
): Promise<EngagementFixture> => {
  const run = operationRunner(store, tenant);
  const bureau = { userId: 'fixture:performance-section', roles: ['performance-section-reviewer' as const] };
  const lead = { userId: who.leadId, roles: ['agency-lead' as const], agencyId: who.agencyId };
  const evaluator = { userId: who.evaluatorId, roles: ['evaluator' as const], agencyId: who.agencyId };
  const id = uuidV7();
  let engagement = (
    await run('createEngagement', bureau, {
      body: {
        id,
        kind: projectId ? 'PROJECT' : 'DEPARTMENT',
        fiscalYear: 2026,
        title: projectId ? '项目支出重点绩效评价' : '部门整体支出绩效评价',
        projectId,
        departmentId: projectId ? null : who.departmentId,
      },
    })
  ).body;
  const step = async (operationId: string, actor: typeof bureau | typeof lead, body: Record<string, unknown> = {}) => {
    engagement = (await run(operationId, actor, { params: { id }, body: { version: engagement.version, ...body } }))
      .body;
  };
  await step('commissionEngagement', bureau, {
    agencyId: who.agencyId,
    declaration: { noConflict: true, statement: '无利益冲突', declaredBy: '负责人', declaredOn: '2026-11-01' },
  });
  const site = uuidV7();
  const freeSite = uuidV7();
  // The plan is edited to the project-style framework (10号's own decision and process indicators, with an output
  // and a benefit of the department's), which the tests of scoring papers and the working papers score by name;
  // the department framework an engagement of this kind starts with is tested in test/api/fieldwork.test.ts.
  const weights = fieldworkDefaults.weights;
  const indicators = buildFramework([], weights, uuidV7);
  const sites = [
    { id: site, name: '部门机关', address: '', latitude: null, longitude: null, note: '' },
    { id: freeSite, name: '下属服务中心', address: '', latitude: null, longitude: null, note: '' },
  ];
  await step(
    'updateEngagementPlan',
    lead,
    projectId
      ? { sites }
      : {
          weights,
          sites,
          // A department's own output and benefit indicators, so every level's points add up.
          indicators: [
            ...indicators,
            ...(['OUTPUT', 'BENEFIT'] as const).map((level1) => ({
              id: uuidV7(),
              level1,
              level2: level1 === 'OUTPUT' ? '重点工作' : '履职效益',
              name: level1 === 'OUTPUT' ? '重点工作完成率' : '社会公众满意度',
              source: 'ENGAGEMENT',
              target: '',
              points: 30,
              standard: '完成得满分',
              claim: null,
            })),
          ],
        },
  );
  await step('approveEngagementPlan', bureau);
  await step('releaseEngagement', bureau);
  const assignment = uuidV7();
  await run('createAssignment', lead, {
    params: { id },
    body: { id: assignment, evaluatorId: who.evaluatorId, siteIds: [site], dueDate: null, note: '' },
  });
  const bytes = new TextEncoder().encode(`photo ${id}`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const photo = uuidV7();
  const now = new Date().toISOString();
  const record = uuidV7();
  await run('createFieldRecord', evaluator, {
    body: {
      id: record,
      assignmentId: assignment,
      type: 'INTERVIEW',
      deviceCreatedAt: now,
      deviceUpdatedAt: now,
      mode: 'IN_PERSON',
      place: '会议室',
      startedAt: now,
      interviewee: { category: 'COMPETENT_DEPARTMENT', role: '财务科长', name: '' },
      consent: { given: false, method: null },
      answers: [],
      notes: '访谈记录',
      linkedIndicatorIds: [],
      photos: [
        {
          id: photo,
          sha256,
          sizeBytes: bytes.length,
          contentType: 'image/jpeg',
          width: 10,
          height: 10,
          caption: '',
          takenAt: now,
          position: null,
        },
      ],
    },
  });
  const ticket = (
    await run('signPhotoUpload', evaluator, {
      params: { id: assignment },
      body: { id: photo, contentType: 'image/jpeg', sizeBytes: bytes.length, sha256 },
    })
  ).body as { upload: { url: string; headers: Record<string, string> } };
  const { 'content-length': _length, ...headers } = ticket.upload.headers;
  const put = await fetch(ticket.upload.url, { method: 'PUT', headers, body: bytes });
  if (!put.ok) throw new Error(`fixture photo upload: ${put.status}`);
  await run('attachFieldPhoto', evaluator, { params: { id: record }, body: { id: photo } });
  return { engagement: id, assignment, site, freeSite, record, photo };
};
