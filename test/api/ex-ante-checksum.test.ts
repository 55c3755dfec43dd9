import { createHash } from 'node:crypto';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * The finding: where the store reports no checksum (the local stand-in), an ex-ante attachment
 * was listed with whatever SHA-256 the client claimed, as long as the size matched. The bytes are
 * now read back and hashed, as for field photos.
 */
let stack: TestStack;
let lead: string;

beforeAll(async () => {
  stack = await startTestStack();
  lead = await stack.tokenFor('agency-lead');
});
afterAll(() => stack?.stop());

const report = Buffer.from('%PDF-1.4\n% 事前绩效评估报告（第三方）\n', 'utf8');
const hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('an ex-ante attachment', () => {
  it('is listed only with the SHA-256 of the bytes in the bucket', async () => {
    const mine = await stack.call('GET', '/api/v1/ex-ante-assessments', { token: lead });
    const draft = mine.body.items.find((a: { state: string }) => a.state === 'DRAFT');
    expect(draft, 'the demo has a draft commissioned from the agency').toBeDefined();
    const file = { id: uuidV7(), name: '评估报告.pdf', contentType: 'application/pdf', sizeBytes: report.length };
    const ticket = await stack.call('POST', `/api/v1/ex-ante-assessments/${draft.id}/attachment-uploads`, {
      token: lead,
      body: { ...file, sha256: hex(report) },
    });
    expect(ticket.status).toBe(201);
    const { 'content-length': _length, ...headers } = ticket.body.upload.headers as Record<string, string>;
    expect((await fetch(ticket.body.upload.url, { method: 'PUT', headers, body: report })).status).toBe(200);

    // Same size, another checksum: the claim does not match the bytes.
    const claimed = { ...ticket.body.attachment, sha256: hex(Buffer.from('something else')) };
    const current = await stack.call('GET', `/api/v1/ex-ante-assessments/${draft.id}`, { token: lead });
    const refused = await stack.call('PATCH', `/api/v1/ex-ante-assessments/${draft.id}`, {
      token: lead,
      body: { version: current.body.version, attachments: [...current.body.attachments, claimed] },
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        pointer: `/attachments/${current.body.attachments.length}`,
        code: 'attachment_not_uploaded',
      }),
    ]);

    const listed = await stack.call('PATCH', `/api/v1/ex-ante-assessments/${draft.id}`, {
      token: lead,
      body: { version: current.body.version, attachments: [...current.body.attachments, ticket.body.attachment] },
    });
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.attachments.at(-1)).toEqual(ticket.body.attachment);
  });
});
