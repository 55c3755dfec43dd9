import { createHash } from 'node:crypto';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { selfEvaluationKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import type { StoredSelfEvaluation } from '@jixiao/functions/self-evaluation/tally-writes.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSelfEvaluation, seedSelfEvaluationRound } from '../support/self-evaluation-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Issue 11, item 3: evidence attachments per row of the 项目支出绩效自评表. The unit asks for a presigned PUT at
 * the version it read, uploads the bytes, lists the file on its row (the bytes are checked against what was asked);
 * everyone who reads the self-evaluation downloads it. Only while the unit may edit the table; a stale version is 409.
 */
let stack: TestStack;
const tokens: Record<string, string> = {};
const records: Record<'own' | 'other', string> = { own: '', other: '' };

const bytes = Buffer.from('%PDF-1.4\n% 佐证材料：培训签到表\n', 'utf8');
const hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const as = (token: string, body?: unknown) => ({ token, body });
const department = (code: string, unit: string, section: string) => ({
  id: demoId(`department:${code}`),
  code,
  name: `部门${code}`,
  series: 'GOVERNMENT',
  financeSectionId: demoId(`section:${section}`),
  unitId: demoId(`unit:${unit}`),
  unitName: `单位${unit}`,
});

beforeAll(async () => {
  stack = await startTestStack();
  for (const user of ['unit-preparer', 'unit-approver', 'dept-reviewer', 'perf-reviewer', 'observer'])
    tokens[user] = await stack.tokenFor(user);
  const round = await seedSelfEvaluationRound(stack.store, demoTenant.id);
  records.own = await seedSelfEvaluation(stack.store, demoTenant.id, round, department('102', '102001', 'JKW'));
  records.other = await seedSelfEvaluation(stack.store, demoTenant.id, round, department('101', '101001', 'JJJS'));
}, 300_000);
afterAll(() => stack?.stop());

const file = () => ({
  id: uuidV7(),
  name: '培训签到表/第1页.pdf',
  contentType: 'application/pdf',
  sizeBytes: bytes.length,
  sha256: hex(bytes),
});
const url = (which: keyof typeof records) => `/api/v1/self-evaluations/${records[which]}`;
const read = async (which: keyof typeof records, user = 'unit-preparer') =>
  (await stack.call('GET', url(which), as(tokens[user]!))).body;

/** Asks for an upload as `user` at the record's current version, PUTs the bytes and answers the ticket. */
const upload = async (which: keyof typeof records, user = 'unit-preparer') => {
  const { version } = await read(which);
  const ticket = await stack.call(
    'POST',
    `${url(which)}/row-attachment-uploads`,
    as(tokens[user]!, { ...file(), version, rowId: 'r1' }),
  );
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  const { 'content-length': _length, ...headers } = ticket.body.upload.headers as Record<string, string>;
  const put = await fetch(ticket.body.upload.url, { method: 'PUT', headers, body: bytes });
  expect(put.status).toBe(200);
  return ticket.body;
};

describe('evidence files on a row of a self-evaluation', () => {
  it('are uploaded, listed on their row at the version read, and downloaded by everyone who reads the table', async () => {
    const ticket = await upload('own');
    expect(ticket.attachment.key).toBe(`T/${demoTenant.id}/self-evaluation/${records.own}/${ticket.attachment.id}`);
    const before = await read('own');
    const saved = await stack.call(
      'PATCH',
      `${url('own')}/row-attachments`,
      as(tokens['unit-preparer']!, { version: before.version, rowId: 'r1', attachments: [ticket.attachment] }),
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(before.version + 1);
    const after = await read('own');
    expect(after.version).toBe(saved.body.version);
    expect(after.reviewStatus).toBe('DRAFT');
    expect(after.rowAttachments.r1).toEqual([
      expect.objectContaining({ name: '培训签到表/第1页.pdf', sizeBytes: bytes.length, sha256: hex(bytes) }),
    ]);
    // The table saved afterwards keeps the files.
    const text = await stack.call(
      'PATCH',
      url('own'),
      as(tokens['unit-preparer']!, { version: after.version, goalCompletion: '全年培训教师1180人次' }),
    );
    expect(text.status, JSON.stringify(text.body)).toBe(200);
    expect(text.body.rowAttachments.r1).toHaveLength(1);

    for (const user of ['unit-preparer', 'unit-approver', 'dept-reviewer', 'perf-reviewer']) {
      const link = await stack.call('GET', `${url('own')}/attachments/${ticket.attachment.id}`, as(tokens[user]!));
      expect(link.status, user).toBe(200);
      const got = await fetch(link.body.url);
      expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
      expect(got.headers.get('content-disposition') ?? '').not.toContain('/');
    }
  });

  it('are refused at a stale version (409), and a file whose bytes differ from what was asked is not listed', async () => {
    const current = await read('own');
    const stale = await stack.call(
      'POST',
      `${url('own')}/row-attachment-uploads`,
      as(tokens['unit-preparer']!, { ...file(), version: current.version - 1, rowId: 'r1' }),
    );
    expect(stale.status).toBe(409);
    expect(stale.body.type).toMatch(/version-conflict/);
    const ticket = await upload('own');
    const listed = current.rowAttachments.r1 ?? [];
    const staleSave = await stack.call(
      'PATCH',
      `${url('own')}/row-attachments`,
      as(tokens['unit-preparer']!, {
        version: current.version - 1,
        rowId: 'r1',
        attachments: [...listed, ticket.attachment],
      }),
    );
    expect(staleSave.status).toBe(409);
    const claimed = { ...ticket.attachment, sha256: hex(Buffer.from('something else')) };
    const refused = await stack.call(
      'PATCH',
      `${url('own')}/row-attachments`,
      as(tokens['unit-preparer']!, { version: current.version, rowId: 'r1', attachments: [...listed, claimed] }),
    );
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ pointer: `/attachments/${listed.length}`, code: 'attachment_not_uploaded' }),
    ]);
    // A row the table does not have, and a file under another record's key, change nothing either.
    const noRow = await stack.call(
      'PATCH',
      `${url('own')}/row-attachments`,
      as(tokens['unit-preparer']!, { version: current.version, rowId: 'r9', attachments: [ticket.attachment] }),
    );
    expect(noRow.status).toBe(400);
    expect(noRow.body.errors).toEqual([expect.objectContaining({ pointer: '/rowId', code: 'unknown_row' })]);
    const moved = await stack.call(
      'PATCH',
      `${url('own')}/row-attachments`,
      as(tokens['unit-preparer']!, {
        version: current.version,
        rowId: 'r1',
        attachments: [
          ...listed,
          { ...ticket.attachment, key: ticket.attachment.key.replace(records.own, records.other) },
        ],
      }),
    );
    expect(moved.status).toBe(422);
    const after = await read('own');
    expect(after.version).toBe(current.version);
    expect(after.rowAttachments).toEqual(current.rowAttachments);
  });

  it('leave the list when the row is saved without them', async () => {
    const current = await read('own');
    expect(current.rowAttachments.r1.length).toBeGreaterThan(0);
    const emptied = await stack.call(
      'PATCH',
      `${url('own')}/row-attachments`,
      as(tokens['unit-approver']!, { version: current.version, rowId: 'r1', attachments: [] }),
    );
    expect(emptied.status, JSON.stringify(emptied.body)).toBe(200);
    expect(emptied.body.rowAttachments).toEqual({});
    const gone = current.rowAttachments.r1[0].id;
    expect((await stack.call('GET', `${url('own')}/attachments/${gone}`, as(tokens['unit-preparer']!))).status).toBe(
      404,
    );
  });

  it('are out of reach of another department (404), of reviewers (403) and of a table already sent (409)', async () => {
    const other = await stack.call(
      'POST',
      `${url('other')}/row-attachment-uploads`,
      as(tokens['unit-preparer']!, { ...file(), version: 1, rowId: 'r1' }),
    );
    expect(other.status).toBe(404);
    const current = await read('own');
    for (const user of ['dept-reviewer', 'perf-reviewer', 'observer']) {
      const byReviewer = await stack.call(
        'POST',
        `${url('own')}/row-attachment-uploads`,
        as(tokens[user]!, { ...file(), version: current.version, rowId: 'r1' }),
      );
      expect(byReviewer.status, user).toBe(403);
    }
    // Another department's people do not learn a file exists.
    const ticket = await upload('own');
    const listed = await stack.call(
      'PATCH',
      `${url('own')}/row-attachments`,
      as(tokens['unit-preparer']!, {
        version: (await read('own')).version,
        rowId: 'r1',
        attachments: [ticket.attachment],
      }),
    );
    expect(listed.status).toBe(200);
    const otherToken = await stack.tokenForPerson({
      id: uuidV7(),
      displayName: '他部门填报人',
      tenant: demoTenant.id,
      roles: ['unit-preparer'],
      departmentId: demoId('department:101'),
      unitId: demoId('unit:101001'),
    });
    const hidden = await stack.call('GET', `${url('own')}/attachments/${ticket.attachment.id}`, as(otherToken));
    expect(hidden.status).toBe(404);
    // Sent to the department: no longer the unit's to change.
    const draft = (await stack.store.get<StoredSelfEvaluation>(demoTenant.id, selfEvaluationKind, records.own))!;
    const sent = { ...draft, version: draft.version + 1, reviewStatus: 'UNIT_SUBMITTED' as const };
    const moved = await stack.store.transact(
      demoTenant.id,
      [{ kind: selfEvaluationKind, before: draft, after: sent }],
      {
        actor: 'test',
        actorRoles: [],
        requestId: uuidV7(),
        at: new Date().toISOString(),
      },
    );
    expect(moved.outcome).toBe('done');
    const refused = await stack.call(
      'POST',
      `${url('own')}/row-attachment-uploads`,
      as(tokens['unit-preparer']!, { ...file(), version: sent.version, rowId: 'r1' }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/invalid-transition/);
    const relist = await stack.call(
      'PATCH',
      `${url('own')}/row-attachments`,
      as(tokens['unit-preparer']!, { version: sent.version, rowId: 'r1', attachments: [] }),
    );
    expect(relist.status).toBe(409);
  });
});
