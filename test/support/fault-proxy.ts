import { createServer, type IncomingMessage } from 'node:http';

/**
 * A loopback proxy in front of DynamoDB Local that injects real faults into chosen operations:
 * throttling answers (as DynamoDB sends them) or a lost response (the request reaches DynamoDB and
 * is carried out, then the connection is cut before the answer gets back) or a stall (the request
 * is held and never answered, as when a network path goes dark).
 */
export type Fault = 'throttle' | 'lose-response' | 'stall';

export interface FaultProxy {
  endpoint: string;
  /** The next `count` calls of `operation` (e.g. `TransactWriteItems`) get `fault` (Infinity: until cleared). */
  inject(operation: string, fault: Fault, count: number): void;
  /** Drops every planned fault that has not struck yet. */
  clear(): void;
  /** How many calls of each operation the proxy has seen. */
  seen: Map<string, number>;
  close(): Promise<void>;
}

const readAll = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

export const startFaultProxy = async (upstream: string): Promise<FaultProxy> => {
  const planned: { operation: string; fault: Fault; left: number }[] = [];
  const seen = new Map<string, number>();
  const server = createServer(async (req, res) => {
    const body = await readAll(req);
    const operation =
      String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .pop() ?? '';
    seen.set(operation, (seen.get(operation) ?? 0) + 1);
    const plan = planned.find((p) => p.operation === operation && p.left > 0);
    if (plan) plan.left--;
    if (plan?.fault === 'stall') return; // the connection stays open until the client gives up
    if (plan?.fault === 'throttle') {
      const text = JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
        message: 'The level of configured provisioned throughput for the table was exceeded (injected)',
      });
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers[name] = value;
    }
    const answer = await fetch(`${upstream}${req.url ?? '/'}`, {
      method: req.method ?? 'POST',
      headers,
      body: new Uint8Array(body),
    });
    const payload = Buffer.from(await answer.arrayBuffer());
    if (plan?.fault === 'lose-response') {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/x-amz-json-1.0',
      'content-length': payload.byteLength,
    });
    res.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    inject: (operation, fault, count) => planned.push({ operation, fault, left: count }),
    clear: () => {
      planned.length = 0;
    },
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
