import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { capabilities, routes } from '@jixiao/functions/routes.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackName } from '../../infra/cdk/jixiao-app.ts';
import { repoRoot } from '../../infra/cdk/repo-paths.ts';

/** docs/decisions.md#15-budgets-measured-by-npm-run-bench: each Lambda bundle (minified ESM) ≤ 400 KB. */
const bundleBudgetBytes = 400 * 1024;
const synthTimeoutMs = 240_000;

const run = promisify(execFile);
let outdir: string;
let result: { stdout: string; stderr: string; exitCode: number };

/**
 * The real CLI, as `npm run synth` and `npm run deploy` use it: cdk.json's app command on Node 24,
 * esbuild bundling (this is the one test that bundles for real), cdk-nag and CDK's own template
 * validation, offline and without credentials.
 */
beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'jixiao-cdk-synth-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE|DEFAULT_PROFILE)$/.test(key)) delete env[key];
  }
  Object.assign(env, {
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    // No instance-metadata probe for credentials: there are none, and there is no network.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(outdir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(outdir, 'no-aws-credentials'),
  });
  const args = ['cdk', 'synth', '--no-notices', '--no-version-reporting', '--no-lookups', '--quiet', '-o', outdir];
  try {
    const { stdout, stderr } = await run('npx', args, {
      cwd: repoRoot,
      env,
      timeout: synthTimeoutMs,
      maxBuffer: 32 * 1024 * 1024,
    });
    result = { stdout, stderr, exitCode: 0 };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number | string };
    result = {
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? String(error),
      exitCode: typeof e.code === 'number' ? e.code : 1,
    };
  }
}, synthTimeoutMs + 30_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

interface LambdaResource {
  Type: string;
  Properties: { Code?: { S3Key?: string }; Environment?: { Variables?: Record<string, unknown> } };
}

const template = (): { Resources: Record<string, LambdaResource> } =>
  JSON.parse(readFileSync(join(outdir, `${stackName}.template.json`), 'utf8'));

const bundleDirOf = (capability: string): string => {
  const fn = Object.values(template().Resources).find(
    (r) =>
      r.Type === 'AWS::Lambda::Function' &&
      r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === `jixiao-${capability}`,
  );
  const key = fn?.Properties.Code?.S3Key;
  if (!key) throw new Error(`No code asset for ${capability}`);
  return join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
};

describe('npx cdk synth', () => {
  it('succeeds offline, without credentials, with no unacknowledged cdk-nag finding', () => {
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/AwsSolutions-\w+/);
    expect(existsSync(join(outdir, `${stackName}.template.json`))).toBe(true);
  });

  it('reports no validation violation', () => {
    const reportPath = join(outdir, 'validation-report.json');
    if (!existsSync(reportPath)) return;
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
      pluginReports: { violations?: unknown[] }[];
    };
    expect(report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
  });
});

/** Every function: one per capability, and the three that run off the request path (the scheduled, the export and the archive jobs). */
const bundledFunctions = [...capabilities, 'daily-work-jobs', 'export-jobs', 'archive-jobs'];

describe('Lambda bundles', () => {
  it.each(bundledFunctions)(
    '%s is a minified ESM bundle within the 400 KB budget, with its source map',
    (capability) => {
      expect(result.exitCode, result.stderr).toBe(0);
      const dir = bundleDirOf(capability);
      const bundle = join(dir, 'index.mjs');
      expect(existsSync(bundle), bundle).toBe(true);
      const size = statSync(bundle).size;
      expect(size, `${capability}: ${(size / 1024).toFixed(1)} KB`).toBeLessThanOrEqual(bundleBudgetBytes);

      const code = readFileSync(bundle, 'utf8');
      expect(code.startsWith("import{createRequire}from'module';const require=createRequire(import.meta.url);")).toBe(
        true,
      );
      expect(code.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map')).toBe(true);
      expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
      // infra/lambda-bundling.ts swaps the SDK's default credential chain for the environment
      // provider; these settings names exist only in the providers that were left out.
      for (const marker of ['AWS_WEB_IDENTITY_TOKEN_FILE', 'sso_start_url', 'credential_process']) {
        expect(code, marker).not.toContain(marker);
      }
      // ...and its event-stream codec for a stub that says why it is missing (no operation here streams events).
      expect(code).toContain('event streams are not bundled in Jixiao Lambdas');
      // The SDK is bundled, not imported from the runtime; only Powertools comes from outside, from its layer
      // (docs/decisions.md#16-powertools-from-its-public-lambda-layer).
      expect(code).not.toMatch(/from\s*"@aws-sdk\/client-dynamodb"/);
      const imported = new Set(
        [
          ...code.matchAll(
            // Not inside a word, path or key ("execution-imports", "/imports"); a default import is followed by `from`.
            /(?<![\w$./-])import\s*(?:[\w$]+\s*(?:,\s*|(?=from)))?(?:\{[^}]*\}|\*\s*as\s+[\w$]+)?\s*(?:from\s*)?\(?["']([^"']+)["']/g,
          ),
        ].map((m) => m[1]),
      );
      expect(
        [...imported].filter(
          (name) => name !== undefined && !isBuiltin(name) && !name.startsWith('@aws-lambda-powertools/'),
        ),
      ).toEqual([]);
      expect(imported).toContain('@aws-lambda-powertools/tracer');
    },
  );
});

describe('the platform bundle', () => {
  it('starts on Node 24 like Lambda does, with Powertools beside it as the layer puts it, and answers GET /api/v1/health and the OpenAPI document shipped beside it', async () => {
    expect(result.exitCode, result.stderr).toBe(0);
    // Lambda finds Powertools in the layer's nodejs/node_modules; here the installed packages stand in for it.
    const task = join(outdir, 'platform-task');
    mkdirSync(join(task, 'node_modules'), { recursive: true });
    for (const file of ['index.mjs', 'index.mjs.map', 'openapi.json'])
      copyFileSync(join(bundleDirOf('platform'), file), join(task, file));
    symlinkSync(
      join(repoRoot, 'node_modules', '@aws-lambda-powertools'),
      join(task, 'node_modules', '@aws-lambda-powertools'),
    );
    const bundle = join(task, 'index.mjs');
    const eventOf = (path: string) => ({
      version: '2.0',
      routeKey: `GET ${path}`,
      rawPath: path,
      rawQueryString: '',
      headers: { accept: 'application/json' },
      requestContext: {
        http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
        requestId: 'cdk-synth-test',
        routeKey: `GET ${path}`,
        stage: '$default',
        timeEpoch: Date.now(),
      },
      isBase64Encoded: false,
    });
    const script = `
      const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
      const context = { awsRequestId: 'cdk-synth-test', getRemainingTimeInMillis: () => 10000 };
      const health = await handler(${JSON.stringify(eventOf('/api/v1/health'))}, context);
      const openApi = await handler(${JSON.stringify(eventOf('/api/v1/openapi.json'))}, context);
      process.stdout.write('\\n' + JSON.stringify([health, openApi]) + '\\n');`;
    const { stdout } = await run(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
      cwd: tmpdir(),
      timeout: 30_000,
      // The OpenAPI document is over a megabyte.
      maxBuffer: 16 * 1024 * 1024,
      // What Lambda sets, with credentials that are never used: health reads nothing.
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'ap-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'example',
        AWS_SESSION_TOKEN: 'example',
        TABLE_NAME: 'jixiao-test',
        EVIDENCE_BUCKET: 'jixiao-test-evidence',
        POWERTOOLS_SERVICE_NAME: 'jixiao-platform',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      },
    });
    const [health, openApi] = JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]');
    expect(health.statusCode).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
    expect(openApi.statusCode).toBe(200);
    const document = JSON.parse(openApi.body);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.values(document.paths).flatMap((p) => Object.keys(p as object))).toHaveLength(routes.length);
    // Built beside the bundle, not in it: the JSON Schema converter and the other capabilities' schemas stay out.
    expect(readFileSync(bundle, 'utf8')).not.toContain('draft-2020-12');
  });
});
