import { createHash } from 'node:crypto';
import { sampleEntries } from '@jixiao/core/department-evaluation/department-example.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import {
  departmentEvaluationId,
  departmentEvaluationKind,
} from '@jixiao/functions/department-evaluation/record-kinds.ts';
import type { StoredDepartmentEvaluation } from '@jixiao/functions/department-evaluation/stored-department-evaluation.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Issue 11, item 5: the judgement indicators of the 部门整体支出绩效自评表 scored with evidence. The department asks
 * for a presigned PUT for an indicator at the version it read, uploads the bytes and lists the file on the
 * indicator (the bytes are checked against what was asked; the entry of the code carries the ids); everyone who
 * reads the evaluation downloads it. Only while the department may save the evaluation; a stale version is 409.
 */
let stack: TestStack;
const tokens: Record<string, string> = {};
const base = '/api/v1/department-evaluations';
const own = departmentEvaluationId(2026, demoId('department:102'));
const other = departmentEvaluationId(2026, demoId('department:101'));
const url = (id = own) => `${base}/${id}`;

const bytes = Buffer.from('%PDF-1.4\n% 佐证材料：资产盘点报告\n', 'utf8');
const hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const file = () => ({
  id: uuidV7(),
  name: '资产盘点/2026年报告.pdf',
  contentType: 'application/pdf',
  sizeBytes: bytes.length,
  sha256: hex(bytes),
});

const person = (id: string, roles: string[], where: { department?: string; section?: string } = {}) =>
  stack.tokenForPerson({
    id,
    displayName: id,
    tenant: demoTenant.id,
    roles,
    departmentId: where.department ? demoId(`department:${where.department}`) : null,
    unitId: null,
    sectionId: where.section ? demoId(`section:${where.section}`) : null,
  });
const call = (method: string, path: string, who: string, body?: unknown) =>
  stack.call(method, path, { token: tokens[who]!, ...(body === undefined ? {} : { body }) });
const read = async (id = own) => (await call('GET', url(id), 'perf')).body;

/** Asks for an upload as `who` at the record's current version, PUTs the bytes and answers the ticket. */
const upload = async (code = 'ASSETS_SAFE', who = 'preparer') => {
  const { version } = await read();
  const ticket = await call('POST', `${url()}/evidence-uploads`, who, { ...file(), version, code });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  const { 'content-length': _length, ...headers } = ticket.body.upload.headers as Record<string, string>;
  const put = await fetch(ticket.body.upload.url, { method: 'PUT', headers, body: bytes });
  expect(put.status).toBe(200);
  return ticket.body;
};

beforeAll(async () => {
  stack = await startTestStack();
  tokens.perf = await person('perf', ['performance-section-reviewer']);
  tokens.section = await person('section', ['business-section-reviewer'], { section: 'JKW' });
  tokens.approver = await person('approver', ['department-reviewer'], { department: '102' });
  tokens.preparer = await person('preparer', ['unit-preparer'], { department: '102' });
  tokens.otherPreparer = await person('other-preparer', ['unit-preparer'], { department: '101' });
  tokens.observer = await person('observer', ['observer']);
  for (const departmentId of [demoId('department:102'), demoId('department:101')]) {
    const made = await call('POST', base, 'perf', { fiscalYear: 2026, departmentId });
    expect([200, 201]).toContain(made.status);
  }
  // ASSETS_SAFE is scored; ON_TIME is left unscored.
  const { version } = await read();
  const scored = await call('PATCH', url(), 'preparer', {
    version,
    entries: sampleEntries.filter((e) => e.code === 'ASSETS_SAFE'),
  });
  expect(scored.status, JSON.stringify(scored.body)).toBe(200);
}, 300_000);
afterAll(() => stack?.stop());

describe('evidence files on an indicator of the department overall self-evaluation', () => {
  it('are uploaded, listed on the indicator at the version read, and downloaded by everyone who reads it', async () => {
    const ticket = await upload();
    expect(ticket.attachment.key).toBe(`T/${demoTenant.id}/department-evaluation/${own}/${ticket.attachment.id}`);
    const before = await read();
    const saved = await call('PATCH', `${url()}/entry-attachments`, 'preparer', {
      version: before.version,
      code: 'ASSETS_SAFE',
      attachments: [ticket.attachment],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(before.version + 1);
    const after = await read();
    expect(after.version).toBe(saved.body.version);
    expect(after.reviewStatus).toBe('DRAFT');
    expect(after.total).toBe(before.total);
    expect(after.entryAttachments.ASSETS_SAFE).toEqual([
      expect.objectContaining({ name: '资产盘点/2026年报告.pdf', sizeBytes: bytes.length, sha256: hex(bytes) }),
    ]);
    const entry = after.entries.find((e: { code: string }) => e.code === 'ASSETS_SAFE');
    expect(entry).toMatchObject({ score: '3.5', note: '两台报废车辆未及时处置', evidence: [ticket.attachment.id] });

    // A save of the figures and scores afterwards keeps the files, and the entry keeps their ids whatever it sends.
    const resaved = await call('PATCH', url(), 'approver', {
      version: after.version,
      entries: [{ ...entry, note: '两台报废车辆未及时处置（已列入处置计划）', evidence: [] }],
    });
    expect(resaved.status, JSON.stringify(resaved.body)).toBe(200);
    expect(resaved.body.entryAttachments.ASSETS_SAFE).toHaveLength(1);
    expect(resaved.body.entries.find((e: { code: string }) => e.code === 'ASSETS_SAFE').evidence).toEqual([
      ticket.attachment.id,
    ]);

    for (const who of ['preparer', 'approver', 'section', 'perf']) {
      const link = await call('GET', `${url()}/attachments/${ticket.attachment.id}`, who);
      expect(link.status, who).toBe(200);
      const got = await fetch(link.body.url);
      expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
      expect(got.headers.get('content-disposition') ?? '').not.toContain('/');
    }
  });

  it('go on an indicator not scored yet without making it an entry', async () => {
    const ticket = await upload('ON_TIME', 'approver');
    const before = await read();
    const saved = await call('PATCH', `${url()}/entry-attachments`, 'approver', {
      version: before.version,
      code: 'ON_TIME',
      attachments: [ticket.attachment],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.entryAttachments.ON_TIME).toHaveLength(1);
    expect(saved.body.entries).toEqual(before.entries);
    // Scored later, the entry lists the file.
    const scored = await call('PATCH', url(), 'preparer', {
      version: saved.body.version,
      entries: [{ code: 'ON_TIME', score: '3', note: '', evidence: [] }],
    });
    expect(scored.status, JSON.stringify(scored.body)).toBe(200);
    expect(scored.body.entries.find((e: { code: string }) => e.code === 'ON_TIME').evidence).toEqual([
      ticket.attachment.id,
    ]);
  });

  it('are refused at a stale version (409), for a code the framework lacks (400), and when the bytes differ (422)', async () => {
    const current = await read();
    const stale = await call('POST', `${url()}/evidence-uploads`, 'preparer', {
      ...file(),
      version: current.version - 1,
      code: 'ASSETS_SAFE',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toMatch(/version-conflict/);
    const unknown = await call('POST', `${url()}/evidence-uploads`, 'preparer', {
      ...file(),
      version: current.version,
      code: 'NO_SUCH',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ pointer: '/code', code: 'unknown_indicator' })]);

    const ticket = await upload();
    const listed = current.entryAttachments.ASSETS_SAFE;
    const staleSave = await call('PATCH', `${url()}/entry-attachments`, 'preparer', {
      version: current.version - 1,
      code: 'ASSETS_SAFE',
      attachments: [...listed, ticket.attachment],
    });
    expect(staleSave.status).toBe(409);
    const claimed = { ...ticket.attachment, sha256: hex(Buffer.from('something else')) };
    const refused = await call('PATCH', `${url()}/entry-attachments`, 'preparer', {
      version: current.version,
      code: 'ASSETS_SAFE',
      attachments: [...listed, claimed],
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ pointer: `/attachments/${listed.length}`, code: 'attachment_not_uploaded' }),
    ]);
    const noCode = await call('PATCH', `${url()}/entry-attachments`, 'preparer', {
      version: current.version,
      code: 'NO_SUCH',
      attachments: [ticket.attachment],
    });
    expect(noCode.status).toBe(400);
    expect(noCode.body.errors).toEqual([expect.objectContaining({ pointer: '/code', code: 'unknown_indicator' })]);
    // A file listed on another indicator, one under another record's key, and a 21st file change nothing either.
    const twice = await call('PATCH', `${url()}/entry-attachments`, 'preparer', {
      version: current.version,
      code: 'QUALITY',
      attachments: listed,
    });
    expect(twice.status).toBe(400);
    const moved = await call('PATCH', `${url()}/entry-attachments`, 'preparer', {
      version: current.version,
      code: 'ASSETS_SAFE',
      attachments: [...listed, { ...ticket.attachment, key: ticket.attachment.key.replace(own, other) }],
    });
    expect(moved.status).toBe(422);
    const tooMany = await call('PATCH', `${url()}/entry-attachments`, 'preparer', {
      version: current.version,
      code: 'ASSETS_SAFE',
      attachments: Array.from({ length: 21 }, () => ({ ...ticket.attachment, id: uuidV7() })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ pointer: '/attachments', code: 'max_items' })]);
    const after = await read();
    expect(after.version).toBe(current.version);
    expect(after.entryAttachments).toEqual(current.entryAttachments);
    expect(after.entries).toEqual(current.entries);
  });

  it('leave the list and the entry when the indicator is saved without them', async () => {
    const current = await read();
    const gone = current.entryAttachments.ON_TIME[0].id;
    const emptied = await call('PATCH', `${url()}/entry-attachments`, 'preparer', {
      version: current.version,
      code: 'ON_TIME',
      attachments: [],
    });
    expect(emptied.status, JSON.stringify(emptied.body)).toBe(200);
    expect(Object.keys(emptied.body.entryAttachments)).toEqual(['ASSETS_SAFE']);
    expect(emptied.body.entries.find((e: { code: string }) => e.code === 'ON_TIME').evidence).toEqual([]);
    expect((await call('GET', `${url()}/attachments/${gone}`, 'preparer')).status).toBe(404);
  });

  it('are out of reach of another department (404), of reviewers (403) and of an evaluation already sent (409)', async () => {
    const current = await read();
    const otherDepartment = await call('POST', `${url(other)}/evidence-uploads`, 'preparer', {
      ...file(),
      version: 1,
      code: 'ASSETS_SAFE',
    });
    expect(otherDepartment.status).toBe(404);
    for (const who of ['section', 'perf', 'observer']) {
      const byReviewer = await call('POST', `${url()}/evidence-uploads`, who, {
        ...file(),
        version: current.version,
        code: 'ASSETS_SAFE',
      });
      expect(byReviewer.status, who).toBe(403);
    }
    // Another department's people, and the observer before it is sent, do not learn a file exists.
    const listedId = current.entryAttachments.ASSETS_SAFE[0].id;
    for (const who of ['otherPreparer', 'observer']) {
      expect((await call('GET', `${url()}/attachments/${listedId}`, who)).status, who).toBe(404);
    }
    // Sent to the department's approver: no longer the department's to change.
    const draft = (await stack.store.get<StoredDepartmentEvaluation>(demoTenant.id, departmentEvaluationKind, own))!;
    const sent = { ...draft, version: draft.version + 1, reviewStatus: 'UNIT_SUBMITTED' as const };
    const moved = await stack.store.transact(
      demoTenant.id,
      [{ kind: departmentEvaluationKind, before: draft, after: sent }],
      { actor: 'test', actorRoles: [], requestId: uuidV7(), at: new Date().toISOString() },
    );
    expect(moved.outcome).toBe('done');
    const refused = await call('POST', `${url()}/evidence-uploads`, 'preparer', {
      ...file(),
      version: sent.version,
      code: 'ASSETS_SAFE',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/invalid-transition/);
    const relist = await call('PATCH', `${url()}/entry-attachments`, 'preparer', {
      version: sent.version,
      code: 'ASSETS_SAFE',
      attachments: [],
    });
    expect(relist.status).toBe(409);
    // The observer reads it once sent, files included.
    expect((await call('GET', `${url()}/attachments/${listedId}`, 'observer')).status).toBe(200);
  });
});
