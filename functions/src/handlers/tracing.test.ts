import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { capabilities } from '#functions/routes/route-definition.ts';

/**
 * Every Lambda entry point is traced (docs/operations.md#tracing): each real handler module, imported as
 * Lambda imports it, hands its DynamoDB client to the tracer and runs the tracer's middleware around every
 * invocation. The tracer is a no-op outside Lambda, so the test turns it on and watches what the middleware asks
 * of it (a cold-start annotation before the handler, the error after a refusal) without an X-Ray daemon.
 */
const handlersDir = import.meta.dirname;
type Handler = (event: unknown, context: Context) => Promise<{ statusCode: number }>;

let tracer: typeof import('#functions/powertools.ts').tracer;
let captureClient: ReturnType<typeof vi.spyOn>;

beforeAll(async () => {
  vi.stubEnv('TABLE_NAME', 'jixiao-tracing-test');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  ({ tracer } = await import('#functions/powertools.ts'));
  captureClient = vi.spyOn(tracer, 'captureAWSv3Client');
});

afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const unknownRoute = {
  version: '2.0',
  routeKey: 'GET /api/v1/no-such-route',
  rawPath: '/api/v1/no-such-route',
  rawQueryString: '',
  headers: {},
  requestContext: { requestId: 'tracing-test', routeKey: 'GET /api/v1/no-such-route', http: { method: 'GET' } },
  isBase64Encoded: false,
};
const context = {
  awsRequestId: 'tracing-test',
  functionName: 'jixiao-test',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

describe('the tracer on every Lambda', () => {
  it('covers every module in handlers/ (one per capability, the scheduled jobs, the export and the archive jobs)', () => {
    const modules = readdirSync(handlersDir).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
    expect(modules.sort()).toEqual(
      [...capabilities.map((c) => `${c}.ts`), 'daily-work-jobs.ts', 'export-jobs.ts', 'archive-jobs.ts'].sort(),
    );
  });

  it.each(['export-jobs.ts', 'archive-jobs.ts'])(
    'traces the jobs of %s: their DynamoDB client, the cold start, and an event that is not a job',
    async (module) => {
      captureClient.mockClear();
      const { handler } = (await import(join(handlersDir, module))) as {
        handler: (event: unknown, context: Context) => Promise<unknown>;
      };
      expect(captureClient).toHaveBeenCalledWith(expect.any(DynamoDBDocumentClient));
      const enabled = vi.spyOn(tracer, 'isTracingEnabled').mockReturnValue(true);
      vi.spyOn(tracer, 'getSegment').mockReturnValue(undefined);
      const coldStart = vi.spyOn(tracer, 'annotateColdStart').mockImplementation(() => {});
      const error = vi.spyOn(tracer, 'addErrorAsMetadata').mockImplementation(() => {});
      try {
        // Refused before anything is read.
        await expect(handler({ job: 'export' }, context)).rejects.toThrow('not an export job');
        expect(coldStart).toHaveBeenCalledTimes(1);
        expect(error).toHaveBeenCalledTimes(1);
      } finally {
        for (const spy of [enabled, coldStart, error]) spy.mockRestore();
        vi.mocked(tracer.getSegment).mockRestore();
      }
    },
  );

  it('traces the scheduled jobs: their DynamoDB client, the cold start, and a job that cannot run', async () => {
    captureClient.mockClear();
    vi.stubEnv('MAIL_FROM', '');
    vi.stubEnv('MAIL_OUTBOX_FILE', '');
    const { handler } = (await import(join(handlersDir, 'daily-work-jobs.ts'))) as {
      handler: (event: unknown, context: Context) => Promise<{ outcomes: unknown[] }>;
    };
    expect(captureClient).toHaveBeenCalledWith(expect.any(DynamoDBDocumentClient));
    const enabled = vi.spyOn(tracer, 'isTracingEnabled').mockReturnValue(true);
    vi.spyOn(tracer, 'getSegment').mockReturnValue(undefined);
    const coldStart = vi.spyOn(tracer, 'annotateColdStart').mockImplementation(() => {});
    const error = vi.spyOn(tracer, 'addErrorAsMetadata').mockImplementation(() => {});
    try {
      // Without a mailer the mail job answers without reading the table.
      expect((await handler({ job: 'mail' }, context)).outcomes).toEqual([
        'no mailer configured: MAIL_FROM or MAIL_OUTBOX_FILE',
      ]);
      expect(coldStart).toHaveBeenCalledTimes(1);
      await expect(handler({ job: 'nonsense' }, context)).rejects.toThrow('unknown job');
      expect(error).toHaveBeenCalledTimes(1);
    } finally {
      for (const spy of [enabled, coldStart, error]) spy.mockRestore();
      vi.mocked(tracer.getSegment).mockRestore();
    }
  });

  it.each(capabilities)('%s captures its DynamoDB client and runs captureLambdaHandler', async (capability) => {
    captureClient.mockClear();
    const { handler } = (await import(join(handlersDir, `${capability}.ts`))) as { handler: Handler };
    expect(captureClient).toHaveBeenCalledWith(expect.any(DynamoDBDocumentClient));

    const enabled = vi.spyOn(tracer, 'isTracingEnabled').mockReturnValue(true);
    vi.spyOn(tracer, 'getSegment').mockReturnValue(undefined);
    const coldStart = vi.spyOn(tracer, 'annotateColdStart').mockImplementation(() => {});
    const service = vi.spyOn(tracer, 'addServiceNameAnnotation').mockImplementation(() => {});
    const error = vi.spyOn(tracer, 'addErrorAsMetadata').mockImplementation(() => {});
    const response = vi.spyOn(tracer, 'addResponseAsMetadata').mockImplementation(() => {});
    try {
      const result = await handler(structuredClone(unknownRoute), context);
      expect(result.statusCode).toBe(404);
      expect(coldStart).toHaveBeenCalledTimes(1);
      expect(service).toHaveBeenCalledTimes(1);
      expect(error).toHaveBeenCalledTimes(1);
      // Responses carry personal data: never copied into a trace.
      expect(response).not.toHaveBeenCalled();
    } finally {
      for (const spy of [enabled, coldStart, service, error, response]) spy.mockRestore();
      vi.mocked(tracer.getSegment).mockRestore();
    }
  });
});
