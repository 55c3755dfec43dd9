import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';

/**
 * Puts in front of the s3rver stand-in the two things of S3 that uploads rely on and s3rver
 * ignores: a conditional write (`If-None-Match: *` refuses to replace an object, 412) and the
 * checksum a presigned PUT signs (`x-amz-checksum-sha256` must match the bytes, else 400
 * BadDigest). Everything else passes through unchanged, CORS included.
 */
export const startS3Guard = async (
  upstreamPort: number,
  port = 0,
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

  const refuse = (res: ServerResponse, status: number, code: string) => {
    res.writeHead(status, {
      'content-type': 'application/xml',
      'access-control-allow-origin': '*',
    });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`);
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
      if (req.method !== 'PUT') return forward(req, undefined, relay);
      const body = await readAll(req);
      const path = req.url?.split('?')[0] ?? '/';
      const checksum = req.headers['x-amz-checksum-sha256'];
      if (typeof checksum === 'string' && createHash('sha256').update(body).digest('base64') !== checksum)
        return refuse(res, 400, 'BadDigest');
      return serially(path, async () => {
        if (req.headers['if-none-match'] === '*' && (await exists(path))) return refuse(res, 412, 'PreconditionFailed');
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
