import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { createDocumentClient } from '@jixiao/functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '@jixiao/functions/adapters/dynamodb/dynamodb-record-store.ts';
import { localS3Credentials } from '@jixiao/functions/adapters/s3/local-credentials.ts';
import { buildOpenApiDocument } from '@jixiao/functions/platform/openapi.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { type Capability, capabilities, handlerEntry, routes } from '@jixiao/functions/routes.ts';
import S3rver from 's3rver';
import sirv from 'sirv';
import { demoTenant } from '#infra/local/demo-data.ts';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { answerClientError, createGateway, type LambdaHandler, maxHeaderBytes } from '#infra/local/gateway.ts';
import { createLocalIdentityProvider, type LocalIdentityProvider } from '#infra/local/identity-provider.ts';
import { createIdentityProviderRoutes } from '#infra/local/identity-provider-routes.ts';
import { createJwtAuthorizer } from '#infra/local/jwt-authorizer.ts';
import { startLambdaInvokeEmulator } from '#infra/local/lambda-invoke-emulator.ts';
import { assertPortFree, freePort } from '#infra/local/ports.ts';
import { ensureBucket, ensureTable } from '#infra/local/provision.ts';
import { startS3Guard } from '#infra/local/s3-guard.ts';
import { type SeedReport, seedDemoData } from '#infra/local/seed.ts';
import { inlineScriptHashes, securityHeaders } from '#infra/security-headers.ts';

export const repositoryRoot = resolve(import.meta.dirname, '../..');

export interface LocalStackOptions {
  /** 0 or absent: a free port chosen by the OS. */
  port?: number;
  /** Keeps DynamoDB, evidence files and the signing key here; absent: fresh temporary data. */
  dataDir?: string;
  tableName?: string;
  /** Load the Dongli demo (default true). */
  seed?: boolean;
  /**
   * Whether the demo includes the year-end self-evaluation of the monitored year (on unless said).
   * A round is one per year, so API tests that open their own round of that year leave it out.
   */
  selfEvaluationDemo?: boolean;
  /** The built PWA (default web/build); served with the SPA fallback when it exists. */
  webRoot?: string;
  /** Reuse a running DynamoDB Local instead of starting one (tests share one per run). */
  dynamoEndpoint?: string;
  /**
   * Runs the daily work's scheduled jobs (docs/domain/daily-work.md#the-scheduled-jobs) on a timer, as EventBridge
   * Scheduler does in the cloud: the reminders before a deadline and the e-mail, written to `outboxFile` (one JSON line
   * per message) instead of SES. Absent: no jobs run (tests run them when they mean to).
   */
  jobs?: { outboxFile: string; everyMs: number };
}

export interface LocalStack {
  url: string;
  tableName: string;
  dynamoEndpoint: string;
  store: RecordStore;
  identityProvider: LocalIdentityProvider;
  seed: SeedReport | undefined;
  stop(): Promise<void>;
}

export const localAudience = 'jixiao-local';
/** The export jobs' function's name in the local runtime. */
export const localExportFunction = 'jixiao-export-jobs-local';
/** The archive jobs' function's name in the local runtime. */
export const localArchiveFunction = 'jixiao-archive-jobs-local';

/** The context a scheduled job's handler gets locally (it reads none of it but its names). */
const lambdaJobContext = (job: string) => ({
  functionName: 'jixiao-daily-work-jobs',
  awsRequestId: `local-${job}-${Date.now()}`,
  getRemainingTimeInMillis: () => 60_000,
});

/**
 * The whole system on one loopback origin: PWA, API (the Lambda handlers behind the local
 * gateway), the local identity provider, DynamoDB Local and an S3 stand-in.
 */
export const startLocalStack = async (options: LocalStackOptions = {}): Promise<LocalStack> => {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    if (options.port) await assertPortFree(options.port, 'Jixiao');
    const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
    const scratch = dataDir ? undefined : mkdtempSync(join(tmpdir(), 'jixiao-'));
    if (scratch) stops.push(async () => rmSync(scratch, { recursive: true, force: true }));

    const dynamoEndpoint =
      options.dynamoEndpoint ??
      (await (async () => {
        const ddb = await startDynamoDbLocal(dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {});
        stops.push(ddb.stop);
        return ddb.endpoint;
      })());

    const s3Dir = join(dataDir ?? scratch!, 's3');
    mkdirSync(s3Dir, { recursive: true });
    const s3Port = await freePort();
    const s3rver = new S3rver({ address: '127.0.0.1', port: s3Port, directory: s3Dir, silent: true });
    await s3rver.run();
    stops.push(() => new Promise<void>((done) => s3rver.close(() => done())));
    // The bucket's origin is in the app's CSP (and in the shell the service worker keeps), so with
    // a fixed port it stays the same across restarts: the port after the app's.
    if (options.port) await assertPortFree(options.port + 1, 'the evidence store');
    const guard = await startS3Guard(s3Port, options.port ? options.port + 1 : 0, {
      [localS3Credentials.accessKeyId]: localS3Credentials.secretAccessKey,
    });
    stops.push(guard.stop);
    const s3Endpoint = `http://127.0.0.1:${guard.port}`;

    const tableName = options.tableName ?? 'jixiao-local';
    const bucket = 'jixiao-evidence-local';
    // The handlers read these at import time, exactly as they read Lambda's environment.
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamoEndpoint,
      EVIDENCE_BUCKET: bucket,
      S3_ENDPOINT: s3Endpoint,
      AWS_REGION: process.env.AWS_REGION ?? 'local',
    });
    process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
    process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
    // No X-Ray daemon here: the handlers' tracer records nothing and sends nothing.
    process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';

    const db = createDocumentClient(dynamoEndpoint);
    stops.push(async () => db.destroy());
    await ensureTable(db, tableName);

    const store = new DynamoDbRecordStore(db, tableName);
    const seed =
      options.seed === false
        ? undefined
        : await seedDemoData(store, { selfEvaluation: options.selfEvaluationDemo ?? true });

    if (options.jobs) {
      // The jobs' handler reads its mailer from the environment at import, as in Lambda.
      process.env.MAIL_OUTBOX_FILE = options.jobs.outboxFile;
      const jobs = (await import(join(repositoryRoot, 'functions/src/handlers/daily-work-jobs.ts'))) as {
        handler: (event: { job: string }, context: unknown) => Promise<unknown>;
      };
      const run = () => {
        for (const job of ['due-soon', 'mail']) {
          jobs.handler({ job }, lambdaJobContext(job)).catch((error: unknown) => {
            console.error(`local job ${job} failed:`, error);
          });
        }
      };
      const timer = setInterval(run, options.jobs.everyMs);
      timer.unref();
      stops.push(async () => clearInterval(timer));
    }

    // The export jobs' and the archive jobs' functions, invoked by the API as Lambda's Invoke would
    // (infra/local/lambda-invoke-emulator.ts).
    type JobHandler = { handler: (event: unknown, context: unknown) => Promise<unknown> };
    const exportJobs = (await import(join(repositoryRoot, 'functions/src/handlers/export-jobs.ts'))) as JobHandler;
    const archiveJobs = (await import(join(repositoryRoot, 'functions/src/handlers/archive-jobs.ts'))) as JobHandler;
    const invoke = await startLambdaInvokeEmulator(
      { [localExportFunction]: exportJobs.handler, [localArchiveFunction]: archiveJobs.handler },
      { [localS3Credentials.accessKeyId]: localS3Credentials.secretAccessKey },
    );
    stops.push(invoke.stop);
    Object.assign(process.env, {
      EXPORT_FUNCTION_NAME: localExportFunction,
      ARCHIVE_FUNCTION_NAME: localArchiveFunction,
      LAMBDA_ENDPOINT: invoke.endpoint,
    });

    // The OpenAPI document, built from the route table as the CDK builds it beside the platform bundle.
    const openApiFile = join(dataDir ?? scratch!, 'openapi.json');
    writeFileSync(openApiFile, JSON.stringify(buildOpenApiDocument()));
    process.env.OPENAPI_FILE = openApiFile;

    const handlers = {} as Record<Capability, LambdaHandler>;
    for (const capability of capabilities) {
      const module = (await import(join(repositoryRoot, handlerEntry(capability)))) as { handler: LambdaHandler };
      handlers[capability] = module.handler;
    }

    const server: Server = createServer({ maxHeaderSize: maxHeaderBytes });
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? 0, '127.0.0.1', () => done());
    });
    stops.push(
      () =>
        new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
    );
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const s3 = new S3Client({
      endpoint: s3Endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: localS3Credentials,
    });
    await ensureBucket(s3, bucket, url);
    s3.destroy();

    const identityProvider = await createLocalIdentityProvider({
      issuer: `${url}/local-idp`,
      audience: localAudience,
      ...(dataDir ? { keyFile: join(dataDir, 'idp-key.json') } : {}),
    });
    const authorize = createJwtAuthorizer({
      issuer: identityProvider.issuer,
      audiences: [localAudience],
      jwks: identityProvider.jwks,
    });
    const gateway = createGateway({ routes, handlers, authorize });
    const idpRoutes = createIdentityProviderRoutes(identityProvider, store, demoTenant.id);

    const webRoot = resolve(options.webRoot ?? join(repositoryRoot, 'web/build'));
    const hasWeb = existsSync(join(webRoot, '200.html'));
    // The browser uploads evidence straight to the bucket (here the s3rver stand-in on its own port).
    const headers = securityHeaders({
      scriptHashes: hasWeb ? inlineScriptHashes(webRoot) : [],
      connectSources: [s3Endpoint],
    });
    const assets = hasWeb
      ? sirv(webRoot, {
          single: '200.html',
          etag: true,
          setHeaders: (res, pathname) => {
            res.setHeader(
              'cache-control',
              pathname.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache',
            );
          },
        })
      : undefined;
    const config = JSON.stringify({ auth: { kind: 'local', issuer: identityProvider.issuer }, apiBase: '/api/v1' });

    // A request Node refuses before any handler runs (431, 400) still gets problem+json and the headers.
    server.on('clientError', answerClientError(headers));
    server.on('request', (req, res) => {
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      const respond = async () => {
        if (pathname.startsWith('/api/')) return gateway(req, res, headers);
        if (pathname.startsWith('/local-idp/')) return idpRoutes(req, res, pathname, headers);
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        if (pathname === '/config.json') {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
          return res.end(config);
        }
        if (!assets) {
          res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
          return res.end('The web app is not built yet: run `npm run build -w web`.');
        }
        assets(req, res, () => {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('Not found');
        });
      };
      respond().catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end();
      });
    });

    return { url, tableName, dynamoEndpoint, store, identityProvider, seed, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
};
