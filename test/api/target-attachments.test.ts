import { createHash } from 'node:crypto';
import { uuidV7 } from '@jixiao/core/ids.ts';
import type { StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import { targetKind } from '@jixiao/functions/submission/record-kinds.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoProjectYear } from '@jixiao/infra/local/demo-projects.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Issue 12, item 5: a target version's basis documents (立项依据、测算依据). The unit asks for a presigned PUT at
 * the version it read, uploads the bytes and lists the file on the version (the bytes are checked against what
 * was asked); everyone who reads the version downloads it. Only while the version may be edited (DRAFT,
 * RETURNED); a stale version is 409, another unit's version 404, and a refusal changes nothing.
 */
let stack: TestStack;
const token: Record<string, string> = {};
const educationUnit = demoId('unit:102001');

const bytes = Buffer.from('%PDF-1.4\n% 立项依据：区政府常务会议纪要\n', 'utf8');
const hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const file = () => ({
  id: uuidV7(),
  name: '立项依据/常务会议纪要.pdf',
  contentType: 'application/pdf',
  sizeBytes: bytes.length,
  sha256: hex(bytes),
});

const call = (who: string, method: string, path: string, body?: unknown) =>
  stack.call(method, `/api/v1${path}`, { token: token[who]!, ...(body === undefined ? {} : { body }) });

let targetId = '';
const url = () => `/targets/${targetId}`;
const read = async () => (await call('unit-preparer', 'GET', url())).body;

/** Asks for an upload at the version's current version, PUTs the bytes and answers the ticket. */
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
  const project = await call('unit-preparer', 'POST', '/projects', {
    id: uuidV7(),
    fiscalYear: demoProjectYear,
    code: `A${Date.now().toString().slice(-9)}`,
    name: '立项依据测试项目',
    unitId: educationUnit,
    category: 'SPECIFIC_PURPOSE',
    nature: 'CONTINUING',
    recurrence: 'RECURRING',
    periodStart: demoProjectYear,
    periodEnd: demoProjectYear,
    funds: { fiscal: 1_000_000_00, carryOver: 0, other: 0 },
    functionalClass: '20502',
    majorPolicy: false,
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  const created = await call('unit-preparer', 'POST', `/projects/${project.body.id}/targets`, { id: uuidV7() });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  targetId = created.body.id;
}, 300_000);
afterAll(() => stack?.stop());

describe('basis documents on a target version', () => {
  it('are uploaded, listed at the version read, kept by later saves and downloaded by everyone who reads it', async () => {
    const ticket = await upload();
    expect(ticket.attachment.key).toBe(`T/${demoTenant.id}/target/${targetId}/${ticket.attachment.id}`);
    const before = await read();
    const saved = await call('unit-preparer', 'PATCH', `${url()}/attachments`, {
      version: before.version,
      attachments: [ticket.attachment],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(before.version + 1);
    const after = await read();
    expect(after.version).toBe(saved.body.version);
    expect(after.reviewStatus).toBe('DRAFT');
    expect(after.rows).toEqual(before.rows);
    expect(after.attachments).toEqual([
      expect.objectContaining({ name: '立项依据/常务会议纪要.pdf', sizeBytes: bytes.length, sha256: hex(bytes) }),
    ]);

    // Saving the version's goals afterwards keeps the list as it is.
    const edited = await call('unit-preparer', 'PATCH', url(), { version: after.version, annualGoal: '完成年度任务' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.attachments).toEqual(after.attachments);

    for (const who of ['unit-preparer', 'unit-approver', 'dept-reviewer', 'perf-reviewer']) {
      const link = await call(who, 'GET', `${url()}/attachments/${ticket.attachment.id}`);
      expect(link.status, who).toBe(200);
      const got = await fetch(link.body.url);
      expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
      expect(got.headers.get('content-disposition') ?? '').not.toContain('/');
    }
  });

  it('are refused at a stale version (409), of a forbidden type or size (400), when the bytes differ (422), and change nothing', async () => {
    const current = await read();
    const stale = await call('unit-preparer', 'POST', `${url()}/attachment-uploads`, {
      ...file(),
      version: current.version - 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toMatch(/version-conflict/);
    const zip = await call('unit-preparer', 'POST', `${url()}/attachment-uploads`, {
      ...file(),
      name: '依据.zip',
      contentType: 'application/zip',
      version: current.version,
    });
    expect(zip.status).toBe(400);
    expect(zip.body.errors).toEqual([expect.objectContaining({ pointer: '/contentType', code: 'attachment_type' })]);
    const huge = await call('unit-preparer', 'POST', `${url()}/attachment-uploads`, {
      ...file(),
      sizeBytes: 50 * 1024 * 1024 + 1,
      version: current.version,
    });
    expect(huge.status).toBe(400);
    expect(huge.body.errors).toEqual([
      expect.objectContaining({ pointer: '/sizeBytes', code: 'attachment_too_large' }),
    ]);

    const ticket = await upload();
    const listed = current.attachments;
    const staleSave = await call('unit-preparer', 'PATCH', `${url()}/attachments`, {
      version: current.version - 1,
      attachments: [...listed, ticket.attachment],
    });
    expect(staleSave.status).toBe(409);
    for (const claimed of [
      { ...ticket.attachment, sha256: hex(Buffer.from('something else')) },
      { ...ticket.attachment, sizeBytes: bytes.length + 1 },
      { ...ticket.attachment, key: ticket.attachment.key.replace(targetId, uuidV7()) },
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
    const renamed = await call('unit-preparer', 'PATCH', `${url()}/attachments`, {
      version: current.version,
      attachments: [{ ...listed[0], name: '改名.pdf' }],
    });
    expect(renamed.status).toBe(422);
    expect(renamed.body.errors).toEqual([expect.objectContaining({ code: 'attachment_changed' })]);
    const tooMany = await call('unit-preparer', 'PATCH', `${url()}/attachments`, {
      version: current.version,
      attachments: Array.from({ length: 21 }, () => ({ ...ticket.attachment, id: uuidV7() })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ pointer: '/attachments', code: 'max_items' })]);
    const after = await read();
    expect(after.version).toBe(current.version);
    expect(after.attachments).toEqual(current.attachments);
  });

  it('are out of reach of another unit (404), of reviewers (403) and of a version already sent (409)', async () => {
    const current = await read();
    const listedId = current.attachments[0].id;
    const otherUnit = await call('other-preparer', 'POST', `${url()}/attachment-uploads`, {
      ...file(),
      version: current.version,
    });
    expect(otherUnit.status).toBe(404);
    expect((await call('other-preparer', 'GET', `${url()}/attachments/${listedId}`)).status).toBe(404);
    for (const who of ['dept-reviewer', 'business-reviewer', 'perf-reviewer']) {
      const byReviewer = await call(who, 'POST', `${url()}/attachment-uploads`, {
        ...file(),
        version: current.version,
      });
      expect(byReviewer.status, who).toBe(403);
    }
    expect((await call('unit-preparer', 'GET', `${url()}/attachments/${uuidV7()}`)).status).toBe(404);
    // Sent to the department: no longer the unit's to change, though everyone who reads it still downloads.
    const draft = (await stack.store.get<StoredRecord & { reviewStatus: string }>(
      demoTenant.id,
      targetKind,
      targetId,
    ))!;
    const sent = { ...draft, version: draft.version + 1, reviewStatus: 'UNIT_SUBMITTED' };
    const moved = await stack.store.transact(demoTenant.id, [{ kind: targetKind, before: draft, after: sent }], {
      actor: 'test',
      actorRoles: [],
      requestId: uuidV7(),
      at: new Date().toISOString(),
    });
    expect(moved.outcome).toBe('done');
    const refused = await call('unit-preparer', 'POST', `${url()}/attachment-uploads`, {
      ...file(),
      version: sent.version,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/invalid-transition/);
    const relist = await call('unit-preparer', 'PATCH', `${url()}/attachments`, {
      version: sent.version,
      attachments: [],
    });
    expect(relist.status).toBe(409);
    expect((await read()).attachments).toEqual(current.attachments);
    expect((await call('dept-reviewer', 'GET', `${url()}/attachments/${listedId}`)).status).toBe(200);
  });
});
