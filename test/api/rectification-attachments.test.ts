import { createHash } from 'node:crypto';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { operationRunner } from '@jixiao/infra/local/record-loader.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMonitoringReports, seedMonitoringRound } from '../support/monitoring-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Issue 10: the rectification feedback asks for 佐证材料 but could not attach a file. The unit now
 * uploads evidence files to the evidence store (presigned PUT, checksum read back), lists them on the
 * feedback, and everyone who sees the rectification downloads them; nothing once it is closed.
 */
let stack: TestStack;
const tokens: Record<string, string> = {};
const rectifications: Record<'own' | 'other', string> = { own: '', other: '' };

const bytes = Buffer.from('%PDF-1.4\n% 整改佐证材料：设备安装验收单\n', 'utf8');
const hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const as = (token: string, body?: unknown) => ({ token, body });

beforeAll(async () => {
  stack = await startTestStack();
  for (const user of ['unit-preparer', 'unit-approver', 'dept-reviewer', 'perf-reviewer', 'observer'])
    tokens[user] = await stack.tokenFor(user);
  const round = await seedMonitoringRound(stack.store, demoTenant.id);
  const departments = {
    own: { department: '102', unit: '102001', section: 'JKW' },
    other: { department: '101', unit: '101001', section: 'JJJS' },
  } as const;
  for (const [which, d] of Object.entries(departments) as ['own' | 'other', (typeof departments)['own']][]) {
    const [decided] = await seedMonitoringReports(
      stack.store,
      demoTenant.id,
      round,
      {
        id: demoId(`department:${d.department}`),
        code: d.department,
        name: `部门${d.department}`,
        series: 'GOVERNMENT',
        financeSectionId: demoId(`section:${d.section}`),
        unitId: demoId(`unit:${d.unit}`),
        unitName: `单位${d.unit}`,
      },
      ['FINAL_APPROVED'],
    );
    const disposition = await operationRunner(stack.store, demoTenant.id)(
      'recordMonitoringDisposition',
      { userId: 'test:perf', roles: ['performance-section-reviewer'] },
      {
        params: { id: decided! },
        body: {
          version: 1,
          decision: 'RECTIFY',
          reason: '执行进度严重滞后',
          dueDate: '2026-09-30',
          requirements: '加快支出进度，报送佐证材料',
        },
      },
    );
    rectifications[which] = String(disposition.body.rectificationId);
  }
}, 300_000);
afterAll(() => stack?.stop());

const file = () => ({
  id: uuidV7(),
  name: '验收单/第1页.pdf',
  contentType: 'application/pdf',
  sizeBytes: bytes.length,
});

/** Asks for an upload as `user`, PUTs the bytes and answers the ticket. */
const upload = async (id: string, user = 'unit-preparer') => {
  const ticket = await stack.call('POST', `/api/v1/rectifications/${id}/attachment-uploads`, {
    token: tokens[user]!,
    body: { ...file(), sha256: hex(bytes) },
  });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  const { 'content-length': _length, ...headers } = ticket.body.upload.headers as Record<string, string>;
  const put = await fetch(ticket.body.upload.url, { method: 'PUT', headers, body: bytes });
  return { ticket: ticket.body, put };
};

describe('evidence files on a rectification’s feedback', () => {
  it('are uploaded, listed with name, size and SHA-256, and downloaded under their own name', async () => {
    const url = `/api/v1/rectifications/${rectifications.own}`;
    const { ticket, put } = await upload(rectifications.own);
    expect(put.status).toBe(200);
    expect(ticket.attachment.key).toBe(
      `T/${demoTenant.id}/rectification/${rectifications.own}/${ticket.attachment.id}`,
    );

    const current = (await stack.call('GET', url, as(tokens['unit-preparer']!))).body;
    const saved = await stack.call(
      'PATCH',
      url,
      as(tokens['unit-preparer']!, { version: current.version, attachments: [ticket.attachment] }),
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.state).toBe('FEEDBACK_DRAFT');
    expect(saved.body.attachments).toEqual([
      expect.objectContaining({ name: '验收单/第1页.pdf', sizeBytes: bytes.length, sha256: hex(bytes) }),
    ]);

    // The text saved later keeps the files.
    const text = await stack.call(
      'PATCH',
      url,
      as(tokens['unit-preparer']!, { version: saved.body.version, feedback: '设备已安装，验收单附后。' }),
    );
    expect(text.status).toBe(200);
    expect(text.body.attachments).toHaveLength(1);

    for (const user of ['unit-preparer', 'dept-reviewer', 'perf-reviewer']) {
      const link = await stack.call('GET', `${url}/attachments/${ticket.attachment.id}`, as(tokens[user]!));
      expect(link.status, user).toBe(200);
      const got = await fetch(link.body.url);
      expect(got.status).toBe(200);
      expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
      // The name's slash cannot make a path: content-disposition.ts makes it safe.
      const disposition = got.headers.get('content-disposition') ?? '';
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
      expect(disposition).not.toContain('/');
    }
  });

  it('are listed only with the SHA-256 of the bytes in the bucket, and only at the rectification’s own key', async () => {
    const url = `/api/v1/rectifications/${rectifications.own}`;
    const { ticket } = await upload(rectifications.own);
    const current = (await stack.call('GET', url, as(tokens['unit-preparer']!))).body;
    const listed = current.attachments ?? [];
    const claimed = { ...ticket.attachment, sha256: hex(Buffer.from('something else')) };
    const refused = await stack.call(
      'PATCH',
      url,
      as(tokens['unit-preparer']!, { version: current.version, attachments: [...listed, claimed] }),
    );
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ pointer: `/attachments/${listed.length}`, code: 'attachment_not_uploaded' }),
    ]);
    // A file of another record's key is not this rectification's.
    const elsewhere = {
      ...ticket.attachment,
      key: `T/${demoTenant.id}/rectification/${rectifications.other}/${ticket.attachment.id}`,
    };
    const moved = await stack.call(
      'PATCH',
      url,
      as(tokens['unit-preparer']!, { version: current.version, attachments: [...listed, elsewhere] }),
    );
    expect(moved.status).toBe(422);
    const after = (await stack.call('GET', url, as(tokens['unit-preparer']!))).body;
    expect(after.version).toBe(current.version);
    expect(after.attachments).toEqual(listed);
  });

  it('are out of reach of another department (404) and of roles that do not draft feedback (403)', async () => {
    const other = `/api/v1/rectifications/${rectifications.other}`;
    const asked = await stack.call('POST', `${other}/attachment-uploads`, {
      token: tokens['unit-preparer']!,
      body: { ...file(), sha256: hex(bytes) },
    });
    expect(asked.status).toBe(404);
    const own = `/api/v1/rectifications/${rectifications.own}`;
    const byReviewer = await stack.call('POST', `${own}/attachment-uploads`, {
      token: tokens['perf-reviewer']!,
      body: { ...file(), sha256: hex(bytes) },
    });
    expect(byReviewer.status).toBe(403);
    const current = (await stack.call('GET', own, as(tokens['unit-preparer']!))).body;
    const first = current.attachments[0];
    // 人大/审计 observers read a rectification's evidence once the feedback is sent (docs/domain/README.md, roles), not
    // while it is drafted (test/api/observer-reads.test.ts), and never upload.
    expect((await stack.call('GET', `${own}/attachments/${first.id}`, as(tokens.observer!))).status).toBe(404);
    const byObserver = await stack.call('POST', `${own}/attachment-uploads`, {
      token: tokens.observer!,
      body: { ...file(), sha256: hex(bytes) },
    });
    expect(byObserver.status).toBe(403);
    // Another department's people do not learn the file exists.
    const otherToken = await stack.tokenForPerson({
      id: uuidV7(),
      displayName: '他部门填报人',
      tenant: demoTenant.id,
      roles: ['unit-preparer'],
      departmentId: demoId('department:101'),
      unitId: demoId('unit:101001'),
    });
    const hidden = await stack.call('GET', `${own}/attachments/${first.id}`, as(otherToken));
    expect(hidden.status).toBe(404);
  });

  it('are refused once the feedback is sent and once the rectification is closed', async () => {
    const url = `/api/v1/rectifications/${rectifications.own}`;
    let current = (await stack.call('GET', url, as(tokens['unit-approver']!))).body;
    const sent = await stack.call('POST', `${url}/submit`, as(tokens['unit-approver']!, { version: current.version }));
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const sentFile = `${url}/attachments/${sent.body.attachments[0].id}`;
    expect((await stack.call('GET', sentFile, as(tokens.observer!))).status).toBe(200);
    const ask = () =>
      stack.call('POST', `${url}/attachment-uploads`, {
        token: tokens['unit-preparer']!,
        body: { ...file(), sha256: hex(bytes) },
      });
    expect((await ask()).status).toBe(409);
    current = sent.body;
    const closed = await stack.call(
      'POST',
      `${url}/verify`,
      as(tokens['perf-reviewer']!, { version: current.version, decision: 'accept', opinion: '整改到位' }),
    );
    expect(closed.status).toBe(200);
    const refused = await ask();
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/invalid-transition/);
    const relist = await stack.call(
      'PATCH',
      url,
      as(tokens['unit-preparer']!, { version: closed.body.version, attachments: [] }),
    );
    expect(relist.status).toBe(409);
    // Still downloadable: the closed record keeps its evidence.
    const link = await stack.call(
      'GET',
      `${url}/attachments/${current.attachments[0].id}`,
      as(tokens['perf-reviewer']!),
    );
    expect(link.status).toBe(200);
  });
});
