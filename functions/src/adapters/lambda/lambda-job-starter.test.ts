import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySigV4 } from '@jixiao/infra/local/sigv4-verify.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LambdaJobStarter } from '#functions/adapters/lambda/lambda-job-starter.ts';
import { JobStarterUnavailableError } from '#functions/ports/job-starter.ts';

/**
 * The Lambda job starter against a loopback server that checks its SigV4 signature as AWS would (scoped to `lambda`):
 * an asynchronous Invoke of the named function with the job as its event; anything but 202, or no answer, is
 * JobStarterUnavailableError.
 */
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret-for-test' };
let server: Server;
let endpoint = '';
const received: { path: string; invocationType: unknown; body: unknown; refusal: unknown }[] = [];
let answer = 202;

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
      { credentials: { [credentials.accessKeyId]: credentials.secretAccessKey }, service: 'lambda' },
    );
    received.push({
      path: request.url ?? '',
      invocationType: request.headers['x-amz-invocation-type'],
      body: JSON.parse(body.toString('utf8')),
      refusal,
    });
    response.writeHead(refusal ? 403 : answer);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const starter = () => new LambdaJobStarter('jixiao-export-jobs', 'cn-north-1', endpoint, async () => credentials);

describe('LambdaJobStarter', () => {
  it('invokes the function asynchronously, signed, with the job as the event', async () => {
    answer = 202;
    await starter().start({ tenant: 'dongli', jobId: '0193a1b2-0000-7000-8000-000000000001' });
    const last = received.at(-1)!;
    expect(last.refusal).toBeUndefined();
    expect(last.path).toBe('/2015-03-31/functions/jixiao-export-jobs/invocations');
    expect(last.invocationType).toBe('Event');
    expect(last.body).toEqual({ tenant: 'dongli', jobId: '0193a1b2-0000-7000-8000-000000000001' });
  });

  it('says the job was not started when Lambda refuses or does not answer', async () => {
    answer = 429;
    await expect(starter().start({ tenant: 't', jobId: 'j' })).rejects.toBeInstanceOf(JobStarterUnavailableError);
    const gone = new LambdaJobStarter('f', 'cn-north-1', 'http://127.0.0.1:1', async () => credentials);
    await expect(gone.start({ tenant: 't', jobId: 'j' })).rejects.toBeInstanceOf(JobStarterUnavailableError);
    answer = 202;
  });
});
