import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySigV4 } from '@jixiao/infra/local/sigv4-verify.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '#functions/adapters/ses/ses-mailer.ts';
import { MailerUnavailableError } from '#functions/ports/mailer.ts';

/**
 * The SES adapter against a loopback server that checks its SigV4 signature as AWS would (scoped to `ses`) and keeps
 * what it received: the v2 SendEmail body, the recipients blind-copied, UTF-8 Chinese intact; a refusal or no answer is
 * MailerUnavailableError; more than 50 recipients is refused before anything is sent.
 */
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret-for-test' };
let server: Server;
let endpoint = '';
const received: { path: string; body: Record<string, unknown>; refusal: unknown }[] = [];
let answer = 200;

const read = (request: IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks)));
  });

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = await read(request);
    const refusal = verifySigV4(
      {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        bodySha256: createHash('sha256').update(body).digest('hex'),
      },
      { credentials: { [credentials.accessKeyId]: credentials.secretAccessKey }, service: 'ses' },
    );
    received.push({ path: request.url ?? '', body: JSON.parse(body.toString('utf8')), refusal });
    response.writeHead(refusal ? 403 : answer, { 'content-type': 'application/json' });
    response.end(JSON.stringify(refusal ?? { MessageId: 'm-1' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const mailer = () => new SesMailer('jixiao@example.gov.cn', 'cn-north-1', endpoint, async () => credentials);

describe('SesMailer', () => {
  it('sends a signed SendEmail with the recipients blind-copied and the Chinese intact', async () => {
    await mailer().send({ to: ['a@example.cn', 'b@example.cn'], subject: '【绩效】催报', text: '请抓紧填报。' });
    const last = received.at(-1)!;
    expect(last.refusal).toBeUndefined();
    expect(last.path).toBe('/v2/email/outbound-emails');
    expect(last.body).toEqual({
      FromEmailAddress: 'jixiao@example.gov.cn',
      Destination: { BccAddresses: ['a@example.cn', 'b@example.cn'] },
      Content: {
        Simple: {
          Subject: { Data: '【绩效】催报', Charset: 'UTF-8' },
          Body: { Text: { Data: '请抓紧填报。', Charset: 'UTF-8' } },
        },
      },
    });
  });

  it('is unavailable when SES refuses or does not answer, and refuses more than 50 recipients itself', async () => {
    answer = 400;
    await expect(mailer().send({ to: ['a@example.cn'], subject: 's', text: 't' })).rejects.toBeInstanceOf(
      MailerUnavailableError,
    );
    answer = 200;
    const closed = new SesMailer('x@example.cn', 'cn-north-1', 'http://127.0.0.1:9', async () => credentials);
    await expect(closed.send({ to: ['a@example.cn'], subject: 's', text: 't' })).rejects.toBeInstanceOf(
      MailerUnavailableError,
    );
    const before = received.length;
    const many = Array.from({ length: 51 }, (_, i) => `p${i}@example.cn`);
    await expect(mailer().send({ to: many, subject: 's', text: 't' })).rejects.toBeInstanceOf(RangeError);
    expect(received.length).toBe(before);
  });
});
