import { Agent, createServer, type IncomingMessage, request } from 'node:http';
import { gunzipSync } from 'node:zlib';

/**
 * A loopback proxy in front of DynamoDB Local that counts, for every request, the items DynamoDB
 * returned: GetItem 1 when it found the item, Query and Scan their `Count`, BatchGetItem and
 * TransactGetItems the items in `Responses`. What the bench reads at the wire, not what the
 * handler says it read. Requests and answers pass through unchanged; answers are kept and counted
 * only when the bench takes them, between timed requests, so counting adds nothing to a latency.
 */
export interface DynamoCall {
  operation: string;
  status: number;
  items: number;
  /** Bytes of DynamoDB's answer. */
  bytes: number;
}

export interface CountingProxy {
  endpoint: string;
  /** The calls answered since the last `take`, in order, counted now (outside the caller's timing). */
  take(): DynamoCall[];
  close(): Promise<void>;
}

const readAll = (stream: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

/** Items in one DynamoDB answer of `operation` (undefined: an operation that returns none). */
export const itemsInAnswer = (operation: string, answer: Record<string, unknown>): number => {
  switch (operation) {
    case 'GetItem':
      return answer.Item ? 1 : 0;
    case 'Query':
    case 'Scan':
      return Number(answer.Count ?? 0);
    case 'BatchGetItem':
      return Object.values((answer.Responses ?? {}) as Record<string, unknown[]>).reduce((s, r) => s + r.length, 0);
    case 'TransactGetItems':
      return ((answer.Responses ?? []) as { Item?: unknown }[]).filter((r) => r.Item).length;
    default:
      return 0;
  }
};

export const startCountingProxy = async (upstream: string): Promise<CountingProxy> => {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  let answers: { operation: string; status: number; payload: Buffer; gzip: boolean }[] = [];
  const server = createServer(async (req, res) => {
    try {
      const body = await readAll(req);
      const operation =
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      const headers = { ...req.headers, host: target.host };
      delete headers.connection;
      const answer = await new Promise<IncomingMessage>((resolve, reject) => {
        const upstreamRequest = request(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
          resolve,
        );
        upstreamRequest.once('error', reject);
        upstreamRequest.end(body);
      });
      const payload = await readAll(answer);
      const answerHeaders = { ...answer.headers };
      delete answerHeaders.connection;
      delete answerHeaders['keep-alive'];
      delete answerHeaders['transfer-encoding'];
      answers.push({
        operation,
        status: answer.statusCode ?? 0,
        payload,
        gzip: answer.headers['content-encoding'] === 'gzip',
      });
      res.writeHead(answer.statusCode ?? 502, { ...answerHeaders, 'content-length': payload.byteLength });
      res.end(payload);
    } catch {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    take: () => {
      const taken = answers;
      answers = [];
      return taken.map(({ operation, status, payload, gzip }) => ({
        operation,
        status,
        items:
          status === 200
            ? itemsInAnswer(operation, JSON.parse((gzip ? gunzipSync(payload) : payload).toString('utf8')))
            : 0,
        bytes: payload.byteLength,
      }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
};
