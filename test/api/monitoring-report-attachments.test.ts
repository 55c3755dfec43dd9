import { createHash } from 'node:crypto';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { monitoringTallyKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import { tallyId } from '@jixiao/functions/monitoring/tally-writes.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMonitoringReports, seedMonitoringRound } from '../support/monitoring-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Issue 12, item 5: files attached to a monitoring report (情况说明、佐证材料). The unit asks for a presigned PUT at
 * the version it read, uploads the bytes and lists the file on the report (the bytes are checked against what was
 * asked); everyone who reads the report downloads it. Only while the unit may edit the report (a draft or a
 * returned one); a stale version is 409, another department's report 404; files change no figure, so the
 * department's tally stays as it was; a refusal changes nothing.
 */
let stack: TestStack;
const token: Record<string, string> = {};
const department = {
  id: demoId('department:102'),
  code: '102',
  name: '东丽区教育局',
  series: 'GOVERNMENT',
  financeSectionId: demoId('section:JKW'),
  unitId: demoId('unit:102001'),
  unitName: '东丽区教育局机关',
};

const bytes = Buffer.from('PK\u0003\u0004 监控情况说明（模拟的 Word 文档）', 'utf8');
const hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const file = () => ({
  id: uuidV7(),
  name: '上半年执行情况说明.docx',
  contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  sizeBytes: bytes.length,
  sha256: hex(bytes),
});

const call = (who: string, method: string, path: string, body?: unknown) =>
  stack.call(method, `/api/v1${path}`, { token: token[who]!, ...(body === undefined ? {} : { body }) });

let roundId = '';
let draftId = '';
let finalId = '';
const url = (id = draftId) => `/monitoring-reports/${id}`;
const read = async (id = draftId) => (await call('unit-preparer', 'GET', url(id))).body;
const tally = () => stack.store.get(demoTenant.id, monitoringTallyKind, tallyId(roundId, department.id));

/** Asks for an upload at the report's current version, PUTs the bytes and answers the ticket. */
const upload = async (who = 'unit-preparer') => {
  const { version } = await read();
  const ticket = await call(who, 'POST', `${url()}/attachment-uploads`, { ...file(), version });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  const { 'content-length': _length, ...headers } = ticket.body.upload.headers as Record<string, string>;
  const put = await fetch(ticket.body.upload.url, { method: 'PUT', headers, body: bytes });
  expect(put.status).toBe(200);
  return ticket.body;
};

beforeAll(async () => {
  stack = await startTestStack();
  for (const u of ['unit-preparer', 'unit-approver', 'dept-reviewer', 'business-reviewer', 'perf-reviewer']) {
    token[u] = await stack.tokenFor(u);
  }
  token['other-preparer'] = await stack.tokenForPerson({
    id: 'preparer-101001',
    displayName: 'preparer-101001',
    tenant: demoTenant.id,
    roles: ['unit-preparer'],
    departmentId: demoId('department:101'),
    unitId: demoId('unit:101001'),
    sectionId: null,
  });
  roundId = await seedMonitoringRound(stack.store, demoTenant.id);
  [draftId, finalId] = (await seedMonitoringReports(stack.store, demoTenant.id, roundId, department, [
    'DRAFT',
    'FINAL_APPROVED',
  ])) as [string, string];
}, 300_000);
afterAll(() => stack?.stop());

describe('files attached to a monitoring report', () => {
  it('are uploaded, listed at the version read, leave the tally, and are downloaded by everyone who reads it', async () => {
    const tallyBefore = await tally();
    const ticket = await upload('unit-approver');
    expect(ticket.attachment.key).toBe(`T/${demoTenant.id}/monitoring-report/${draftId}/${ticket.attachment.id}`);
    const before = await read();
    const saved = await call('unit-approver', 'PATCH', `${url()}/attachments`, {
      version: before.version,
      attachments: [ticket.attachment],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(before.version + 1);
    const after = await read();
    expect(after.version).toBe(saved.body.version);
    expect(after.reviewStatus).toBe('DRAFT');
    expect(after.lines).toEqual(before.lines);
    expect(after.assessment).toEqual(before.assessment);
    expect(after.attachments).toEqual([
      expect.objectContaining({ name: '上半年执行情况说明.docx', sizeBytes: bytes.length, sha256: hex(bytes) }),
    ]);
    expect(await tally()).toEqual(tallyBefore);

    // Saving the report's figures afterwards keeps the list.
    const edited = await call('unit-preparer', 'PATCH', url(), {
      version: after.version,
      goalProgress: '按计划推进。',
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.attachments).toEqual(after.attachments);

    for (const who of ['unit-preparer', 'unit-approver', 'dept-reviewer', 'business-reviewer', 'perf-reviewer']) {
      const link = await call(who, 'GET', `${url()}/attachments/${ticket.attachment.id}`);
      expect(link.status, who).toBe(200);
      const got = await fetch(link.body.url);
      expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
    }
  });

  it('are refused at a stale version (409), of a forbidden type (400), when the bytes differ (422), and change nothing', async () => {
    const current = await read();
    const stale = await call('unit-preparer', 'POST', `${url()}/attachment-uploads`, {
      ...file(),
      version: current.version - 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toMatch(/version-conflict/);
    const script = await call('unit-preparer', 'POST', `${url()}/attachment-uploads`, {
      ...file(),
      name: '说明.exe',
      contentType: 'application/x-msdownload',
      version: current.version,
    });
    expect(script.status).toBe(400);
    expect(script.body.errors).toEqual([expect.objectContaining({ pointer: '/contentType', code: 'attachment_type' })]);

    const ticket = await upload();
    const listed = current.attachments;
    for (const claimed of [
      { ...ticket.attachment, sha256: hex(Buffer.from('something else')) },
      { ...ticket.attachment, sizeBytes: bytes.length - 1 },
      { ...ticket.attachment, contentType: 'application/pdf' },
    ]) {
      const refused = await call('unit-preparer', 'PATCH', `${url()}/attachments`, {
        version: current.version,
        attachments: [...listed, claimed],
      });
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ pointer: `/attachments/${listed.length}`, code: 'attachment_not_uploaded' }),
      ]);
    }
    const staleSave = await call('unit-preparer', 'PATCH', `${url()}/attachments`, {
      version: current.version - 1,
      attachments: [],
    });
    expect(staleSave.status).toBe(409);
    const after = await read();
    expect(after.version).toBe(current.version);
    expect(after.attachments).toEqual(current.attachments);
  });

  it('are out of reach of another department (404), of reviewers (403) and of a final-approved report (409)', async () => {
    const current = await read();
    const listedId = current.attachments[0].id;
    expect(
      (await call('other-preparer', 'POST', `${url()}/attachment-uploads`, { ...file(), version: current.version }))
        .status,
    ).toBe(404);
    expect((await call('other-preparer', 'GET', `${url()}/attachments/${listedId}`)).status).toBe(404);
    for (const who of ['dept-reviewer', 'business-reviewer', 'perf-reviewer']) {
      const byReviewer = await call(who, 'PATCH', `${url()}/attachments`, {
        version: current.version,
        attachments: [],
      });
      expect(byReviewer.status, who).toBe(403);
    }
    const final = await read(finalId);
    const refused = await call('unit-preparer', 'POST', `${url(finalId)}/attachment-uploads`, {
      ...file(),
      version: final.version,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/invalid-transition/);
    expect((await read()).attachments).toEqual(current.attachments);
    // A file left out is no longer listed, nor downloadable.
    const emptied = await call('unit-preparer', 'PATCH', `${url()}/attachments`, {
      version: current.version,
      attachments: [],
    });
    expect(emptied.status).toBe(200);
    expect(emptied.body.attachments).toEqual([]);
    expect((await call('unit-preparer', 'GET', `${url()}/attachments/${listedId}`)).status).toBe(404);
  });
});
