import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { languageFromHeader } from '@jixiao/core/language.ts';
import type { ApiEvent, ApiResult } from '@jixiao/functions/http/api-event.ts';
import { HttpProblem } from '@jixiao/functions/http/http-problem.ts';
import { problemResponse } from '@jixiao/functions/http/respond.ts';
import { type Capability, type RouteDefinition, routeKey } from '@jixiao/functions/routes.ts';
import type { Context } from 'aws-lambda';
import type { AuthorizerClaims } from '#infra/local/jwt-authorizer.ts';

export type LambdaHandler = (event: ApiEvent, context: Context) => Promise<ApiResult>;

export interface GatewayOptions {
  routes: readonly RouteDefinition[];
  handlers: Record<Capability, LambdaHandler>;
  authorize: (authorization: string | undefined) => Promise<AuthorizerClaims | undefined>;
  /** API Gateway's own payload limit is 10 MB; the handlers cap far lower. */
  maxRequestBytes?: number;
}

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  names: string[];
}

/** Static paths win over templated ones, as in API Gateway. */
const compile = (routes: readonly RouteDefinition[]): CompiledRoute[] =>
  routes
    .map((route) => {
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((segment) => {
          const param = /^\{(\w+)\}$/.exec(segment);
          if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(param[1]!);
          return '([^/]+)';
        })
        .join('/');
      return { route, pattern: new RegExp(`^${source}$`), names };
    })
    .sort((a, b) => a.names.length - b.names.length);

const textual = /^(application\/(?:[\w.+-]+\+)?json|text\/|application\/x-www-form-urlencoded)/i;

export class PayloadTooLargeError extends Error {}

export const readBody = (req: IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        req.pause();
        reject(new PayloadTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const lambdaContext = (capability: Capability, requestId: string): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: `jixiao-${capability}`,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:jixiao-${capability}`,
  memoryLimitInMB: '1024',
  awsRequestId: requestId,
  logGroupName: `/aws/lambda/jixiao-${capability}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

const send = (res: ServerResponse, result: ApiResult, extraHeaders: Record<string, string> = {}) => {
  const headers: Record<string, string | string[]> = { ...extraHeaders };
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  headers['content-length'] = String(body.byteLength);
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(body);
};

/** Request line and headers together, as Node counts them; larger gets a 431 problem. */
export const maxHeaderBytes = 16 * 1024;

/**
 * For the server's 'clientError' event: a request Node cannot even parse (headers over
 * {@link maxHeaderBytes}, a malformed request line) gets a whole answer — problem+json in Chinese
 * with the security headers every other answer carries — instead of Node's bare status line.
 */
export const answerClientError =
  (extraHeaders: Record<string, string> = {}) =>
  (error: Error & { code?: string }, socket: Duplex): void => {
    if (!socket.writable || (error.code === 'ECONNRESET' && socket.destroyed)) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    // The headers were not read, so neither was Accept-Language: the default language answers.
    const result = problemResponse(
      new HttpProblem(tooLarge ? 'headers-too-large' : 'malformed-request'),
      'zh-CN',
      randomUUID(),
    );
    const headers: Record<string, string> = { ...extraHeaders };
    for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
    const bytes = Buffer.from(result.body ?? '', 'utf8');
    headers['content-length'] = String(bytes.byteLength);
    headers.connection = 'close';
    const reason = tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
    const head = [`HTTP/1.1 ${status} ${reason}`, ...Object.entries(headers).map(([n, v]) => `${n}: ${v}`)].join(
      '\r\n',
    );
    socket.end(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), bytes]));
  };

/**
 * The local API Gateway: matches the route table, checks the bearer token like the JWT
 * authorizer, turns the HTTP request into a payload-v2 event and calls the very same handler
 * export that Lambda runs.
 */
export const createGateway = (options: GatewayOptions) => {
  const compiled = compile(options.routes);
  const limit = options.maxRequestBytes ?? 10 * 1024 * 1024;

  return async (req: IncomingMessage, res: ServerResponse, extraHeaders: Record<string, string> = {}) => {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const language = languageFromHeader(req.headers['accept-language']);
    const fail = (error: HttpProblem, headers: Record<string, string> = {}) =>
      send(res, problemResponse(error, language, requestId, url.pathname), { ...extraHeaders, ...headers });

    let match: { compiledRoute: CompiledRoute; values: string[] } | undefined;
    for (const compiledRoute of compiled) {
      if (compiledRoute.route.method !== method) continue;
      const found = compiledRoute.pattern.exec(url.pathname);
      if (found) {
        match = { compiledRoute, values: found.slice(1) };
        break;
      }
    }
    if (!match) return fail(new HttpProblem('route-not-found'));
    const { route } = match.compiledRoute;

    const claims = route.access === 'public' ? undefined : await options.authorize(req.headers.authorization);
    if (route.access !== 'public' && !claims) {
      return fail(new HttpProblem('unauthenticated'), { 'www-authenticate': 'Bearer' });
    }

    let raw: Buffer;
    try {
      raw = await readBody(req, limit);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        res.setHeader('connection', 'close');
        return fail(new HttpProblem('body-too-large'));
      }
      throw error;
    }

    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name === 'cookie' || value === undefined) continue;
      headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
    const pathParameters: Record<string, string> = {};
    match.compiledRoute.names.forEach((name, i) => {
      const raw = match.values[i]!;
      try {
        pathParameters[name] = decodeURIComponent(raw);
      } catch {
        // A broken %-escape: pass it on as is; the handler's validation refuses it with a 400.
        pathParameters[name] = raw;
      }
    });
    const isText = textual.test(headers['content-type'] ?? '');
    const now = new Date();
    const event: ApiEvent = {
      version: '2.0',
      routeKey: routeKey(route),
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
      headers,
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(match.compiledRoute.names.length ? { pathParameters } : {}),
      ...(raw.byteLength ? { body: raw.toString(isText ? 'utf8' : 'base64') } : {}),
      isBase64Encoded: raw.byteLength > 0 && !isText,
      requestContext: {
        accountId: 'local',
        apiId: 'local',
        domainName: headers.host ?? 'localhost',
        domainPrefix: 'local',
        http: {
          method,
          path: url.pathname,
          protocol: `HTTP/${req.httpVersion}`,
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId,
        routeKey: routeKey(route),
        stage: '$default',
        time: now.toISOString(),
        timeEpoch: now.getTime(),
        ...(claims ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } } } : {}),
      },
    };
    try {
      const result = await options.handlers[route.capability](event, lambdaContext(route.capability, requestId));
      send(res, result, extraHeaders);
    } catch {
      // Lambda crashed: API Gateway answers 500 without details, so do we.
      fail(new HttpProblem('internal'));
    }
  };
};
