import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySigV4 } from '#infra/local/sigv4-verify.ts';

type JobHandler = (event: unknown, context: unknown) => Promise<unknown>;

const read = (request: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

/**
 * What Lambda's Invoke API does for an asynchronous invocation, on loopback: a SigV4-signed `POST
 * /2015-03-31/functions/{name}/invocations` with `X-Amz-Invocation-Type: Event`, by a known key, is answered 202 and
 * the function's handler then runs in this process with the body as its event. Anything else is refused as Lambda
 * would (403 for a bad signature, 404 for an unknown function, 400 for another invocation type). `stop` waits for the
 * runs still going, so a test that stops the stack leaves no job writing to a closed table.
 */
export const startLambdaInvokeEmulator = async (
  functions: Readonly<Record<string, JobHandler>>,
  credentials: Readonly<Record<string, string>>,
): Promise<{ endpoint: string; stop: () => Promise<void> }> => {
  const running = new Set<Promise<unknown>>();
  const server = createServer(async (request, response) => {
    const body = await read(request);
    const refusal = verifySigV4(
      {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        bodySha256: createHash('sha256').update(body).digest('hex'),
      },
      { credentials, service: 'lambda' },
    );
    const answer = (status: number, message = '') => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(message ? JSON.stringify({ message }) : '');
    };
    if (refusal) return answer(403, `signature refused: ${JSON.stringify(refusal)}`);
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(request.url ?? '');
    const handler = match && request.method === 'POST' ? functions[decodeURIComponent(match[1]!)] : undefined;
    if (!handler) return answer(404, 'Function not found');
    if (request.headers['x-amz-invocation-type'] !== 'Event') return answer(400, 'only Event invocations here');
    let event: unknown;
    try {
      event = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(400, 'the event is not JSON');
    }
    answer(202);
    const run = handler(event, { functionName: match![1], awsRequestId: `local-${Date.now()}` })
      .catch((error: unknown) => console.error(`local function ${match![1]} failed:`, error))
      .finally(() => running.delete(run));
    running.add(run);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.allSettled([...running]);
    },
  };
};
