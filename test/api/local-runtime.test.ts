import { request } from 'node:http';
import { connect } from 'node:net';
import { GetBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { primaryWorkspace, type Role, workspaceOrder } from '@jixiao/core/roles.ts';
import { routes } from '@jixiao/functions/routes.ts';
import { selfEvaluationId } from '@jixiao/functions/self-evaluation/round-operations.ts';
import { evidenceBucketCors } from '@jixiao/infra/evidence-bucket-definition.ts';
import { demoAgencies, demoDepartments, demoId, demoSections, demoUsers } from '@jixiao/infra/local/demo-data.ts';
import { demoSelfEvaluationRoundId } from '@jixiao/infra/local/demo-self-evaluation.ts';
import { seedDemoData } from '@jixiao/infra/local/seed.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countItems } from '../support/table-count.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack({ selfEvaluationDemo: true });
  admin = await stack.tokenFor('admin');
});
afterAll(() => stack?.stop());

describe('demo data for 东丽区', () => {
  it('has about 20 departments in the three series, their units, sections, three agencies and a user per role', async () => {
    const departments = await stack.call('GET', '/api/v1/departments?limit=100', { token: admin });
    const series = new Set(departments.body.items.map((d: { series: string }) => d.series));
    expect(departments.body.items.length).toBeGreaterThanOrEqual(18);
    expect(series).toEqual(new Set(['GOVERNMENT', 'PARTY_MASS', 'STREET_PARK']));
    expect(departments.body.items.filter((d: { isFinanceBureau: boolean }) => d.isFinanceBureau)).toHaveLength(1);

    const units = await stack.call('GET', '/api/v1/units?limit=100', { token: admin });
    expect(units.body.items.length).toBe(demoDepartments.flatMap((d) => d.units).length);
    const sections = await stack.call('GET', '/api/v1/finance-sections?limit=100', { token: admin });
    expect(sections.body.items.length).toBe(demoSections.length);
    const agencies = await stack.call('GET', '/api/v1/agencies', { token: admin });
    expect(agencies.body.items.length).toBe(demoAgencies.length);

    const users = await stack.call('GET', '/api/v1/users?limit=100', { token: admin });
    const rolesCovered = new Set(users.body.items.flatMap((u: { roles: string[] }) => u.roles));
    expect(rolesCovered.size).toBe(9);
    expect(users.body.items.length).toBe(demoUsers.length);
  });

  it('has the year-end self-evaluation of the monitored year at every step, scored by the engine', async () => {
    const perf = await stack.tokenFor('perf-reviewer');
    const rounds = await stack.call('GET', '/api/v1/self-evaluation-rounds?fiscalYear=2026', { token: perf });
    expect(rounds.body.items).toHaveLength(1);
    expect(rounds.body.items[0]).toMatchObject({ roundStatus: 'ISSUED', deadline: '2027-03-31' });
    const summary = await stack.call('GET', `/api/v1/self-evaluation-rounds/${demoSelfEvaluationRoundId}/summary`, {
      token: perf,
    });
    expect(summary.status).toBe(200);
    const education = await stack.call(
      'GET',
      `/api/v1/self-evaluation-rounds/${demoSelfEvaluationRoundId}/self-evaluations?limit=100&departmentId=${demoId('department:102')}`,
      { token: perf },
    );
    const byCode = new Map(
      education.body.items.map((s: { projectCode: string; reviewStatus: string }) => [s.projectCode, s.reviewStatus]),
    );
    expect(Object.fromEntries(byCode)).toMatchObject({
      DL2026JY0002: 'FINAL_APPROVED',
      DL2026JY0003: 'UNIT_SUBMITTED',
      DL2026JY0004: 'DRAFT',
      DL2026JY0005: 'RETURNED',
    });
    const property = await stack.call(
      'GET',
      `/api/v1/self-evaluations/${selfEvaluationId(demoSelfEvaluationRoundId, demoId('project:DL2026ZJ0003'))}`,
      { token: perf },
    );
    expect(property.body).toMatchObject({ reviewStatus: 'FINAL_APPROVED', grade: 'EXCELLENT', checks: [] });
    const tiered = await stack.call(
      'GET',
      `/api/v1/self-evaluations/${selfEvaluationId(demoSelfEvaluationRoundId, demoId('project:DL2026JY0003'))}`,
      { token: perf },
    );
    expect(tiered.body.sheet.rows[0]).toMatchObject({ kind: 'NOT_COMPUTABLE' });
    expect(tiered.body.sheet.rows[0].score).not.toBeNull();
  });

  it('loads idempotently: a second load adds nothing', async () => {
    const before = await countItems(stack.dynamoEndpoint, stack.tableName);
    const report = await seedDemoData(stack.store);
    expect(report.created).toBe(0);
    expect(report.unchanged).toBeGreaterThan(80);
    expect(await countItems(stack.dynamoEndpoint, stack.tableName)).toBe(before);
  });
});

describe('one origin with the cloud security headers', () => {
  it('sends CSP, HSTS, frame and content-type options on the app, the config and the API', async () => {
    for (const path of ['/', '/config.json', '/api/v1/health', '/api/v1/nothing']) {
      const response = await fetch(`${stack.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).not.toContain('unsafe-eval');
      expect(response.headers.get('strict-transport-security'), path).toMatch(/max-age=\d{8,}; includeSubDomains/);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  // Node used to answer these with a bare status line: no body, no security headers.
  it('answers a 64 KB header with a 431 problem+json carrying the security headers', async () => {
    const { status, headers, body } = await new Promise<{
      status: number;
      headers: Record<string, unknown>;
      body: string;
    }>((resolve, reject) => {
      const req = request(`${stack.url}/api/v1/me`, { headers: { 'x-padding': 'a'.repeat(64 * 1024) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(431);
    expect(headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(String(headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(headers['strict-transport-security']).toMatch(/max-age=\d{8,}; includeSubDomains/);
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cache-control']).toBe('no-store');
    const problem = JSON.parse(body);
    expect(problem).toMatchObject({ type: 'urn:jixiao:problem:headers-too-large', status: 431, title: '请求头过大' });
    expect(problem.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a request line it cannot parse with a 400 problem+json', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(stack.url).port), '127.0.0.1', () => socket.write('NONSENSE\r\n\r\n'));
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        text += chunk;
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toMatch(/\r\ncontent-type: application\/problem\+json; charset=utf-8\r\n/);
    expect(raw).toMatch(/\r\nx-frame-options: DENY\r\n/);
    expect(raw).toContain('"type":"urn:jixiao:problem:malformed-request"');
  });

  it('tells the PWA to use the local identity provider', async () => {
    const config = await stack.call('GET', '/config.json');
    expect(config.body).toEqual({ auth: { kind: 'local', issuer: `${stack.url}/local-idp` }, apiBase: '/api/v1' });
    const jwks = await stack.call('GET', '/local-idp/jwks.json');
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    expect(jwks.body.keys[0]).not.toHaveProperty('d');
  });
});

describe('demo sign-in chooser', () => {
  it('lists the active people admin first, then bureau, department, field and observer', async () => {
    const users = await stack.call('GET', '/local-idp/users');
    const order = users.body.items.map((u: { roles: Role[] }) => workspaceOrder.indexOf(primaryWorkspace(u.roles)!));
    expect(users.body.items[0].username).toBe('admin');
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(users.body.items.at(-1).username).toBe('observer');
  });
});

describe('evidence bucket', () => {
  it('exists in the S3 stand-in with the CORS rule the cloud bucket has, for this origin', async () => {
    const s3 = new S3Client({
      endpoint: process.env.S3_ENDPOINT,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const { CORSRules } = await s3.send(new GetBucketCorsCommand({ Bucket: process.env.EVIDENCE_BUCKET }));
    s3.destroy();
    const rule = evidenceBucketCors(stack.url);
    expect(CORSRules).toEqual([
      expect.objectContaining({
        AllowedOrigins: rule.allowedOrigins,
        AllowedMethods: [...rule.allowedMethods],
        AllowedHeaders: rule.allowedHeaders,
        ExposeHeaders: rule.exposedHeaders,
        MaxAgeSeconds: rule.maxAgeSeconds,
      }),
    ]);
  });
});

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and describes exactly the routes of the route table', async () => {
    const response = await stack.call('GET', '/api/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    const documented = Object.entries(response.body.paths as Record<string, Record<string, { operationId: string }>>)
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
      )
      .sort();
    expect(documented).toEqual(routes.map((r) => `${r.method} ${r.path} ${r.operationId}`).sort());
    const create = response.body.paths['/api/v1/departments'].post;
    expect(create.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(create.security).toEqual([{ bearer: [] }]);
    expect(response.body.paths['/api/v1/health'].get.security).toEqual([]);
  });
});
