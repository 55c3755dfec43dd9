import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { verifySigV4 } from '#infra/local/sigv4-verify.ts';

/**
 * Puts in front of the s3rver stand-in what S3 enforces and s3rver does not: every request but a
 * CORS preflight must carry a valid SigV4 signature (header or presigned query) by a known key,
 * within its expiry, for exactly the method, bucket, key, query and signed headers (type, length,
 * checksum) it was made for — else 403 with S3's XML error, so an anonymous or tampered request
 * reads, lists and writes nothing; a conditional write (`If-None-Match: *` refuses to replace an
 * object, 412); and the checksum a presigned PUT signs (`x-amz-checksum-sha256` must match the
 * bytes, else 400 BadDigest). What passes goes on to s3rver unchanged, CORS included.
 */
export const startS3Guard = async (
  upstreamPort: number,
  port: number,
  /** Access key id → secret of the keys this bucket accepts. */
  credentials: Readonly<Record<string, string>>,
): Promise<{ port: number; stop: () => Promise<void> }> => {
  const forward = (req: IncomingMessage, body: Buffer | undefined, respond: (res: IncomingMessage) => void) =>
    new Promise<void>((done, fail) => {
      const upstream = request(
        { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers },
        (res) => {
          respond(res);
          done();
        },
      );
      upstream.on('error', fail);
      if (body) upstream.end(body);
      else req.pipe(upstream);
    });

  const exists = (path: string | undefined) =>
    new Promise<boolean>((done, fail) => {
      const head = request({ host: '127.0.0.1', port: upstreamPort, method: 'HEAD', path }, (res) => {
        res.resume();
        done(res.statusCode === 200);
      });
      head.on('error', fail);
      head.end();
    });

  const readAll = (req: IncomingMessage) =>
    new Promise<Buffer>((done, fail) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => done(Buffer.concat(chunks)));
      req.on('error', fail);
    });

  const xml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const refuse = (req: IncomingMessage, res: ServerResponse, status: number, code: string, message = code) => {
    const requestId = randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase();
    res.writeHead(status, {
      'content-type': 'application/xml',
      'access-control-allow-origin': '*',
      'x-amz-request-id': requestId,
    });
    // As S3: a HEAD gets the status without a body.
    if (req.method === 'HEAD') return res.end();
    const resource = xml(req.url?.split('?')[0] ?? '/');
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xml(message)}</Message><Resource>${resource}</Resource><RequestId>${requestId}</RequestId></Error>`,
    );
  };

  // One write per key at a time, so two conditional PUTs cannot both find the key free.
  const writing = new Map<string, Promise<unknown>>();
  const serially = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const previous = writing.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    writing.set(key, next);
    return next.finally(() => {
      if (writing.get(key) === next) writing.delete(key);
    });
  };

  const server: Server = createServer((req, res) => {
    const relay = (upstream: IncomingMessage) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
    };
    const handle = async () => {
      // A CORS preflight carries no credentials, in S3 as here: s3rver answers it from the bucket's rule.
      if (req.method === 'OPTIONS') return forward(req, undefined, relay);
      const body = await readAll(req);
      const refusal = verifySigV4(
        {
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
          bodySha256: createHash('sha256').update(body).digest('hex'),
        },
        { credentials },
      );
      if (refusal) return refuse(req, res, 403, refusal.code, refusal.message);
      if (req.method !== 'PUT') return forward(req, body, relay);
      const path = req.url?.split('?')[0] ?? '/';
      const checksum = req.headers['x-amz-checksum-sha256'];
      if (typeof checksum === 'string' && createHash('sha256').update(body).digest('base64') !== checksum)
        return refuse(req, res, 400, 'BadDigest', 'The SHA256 you specified did not match the calculated checksum.');
      return serially(path, async () => {
        if (req.headers['if-none-match'] === '*' && (await exists(path)))
          return refuse(
            req,
            res,
            412,
            'PreconditionFailed',
            'At least one of the pre-conditions you specified did not hold',
          );
        return forward(req, body, relay);
      });
    };
    handle().catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', done);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    stop: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
};
