import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Structured logs: one JSON line per request with the request id, every refusal logged with its
 * reason, and never a token, an Authorization header or a person's name in them.
 */
let stack: TestStack;
const lines: string[] = [];
const streams = [process.stdout, process.stderr] as const;
const writes = streams.map((s) => s.write.bind(s));

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  stack = await startTestStack();
  // Powertools writes INFO to stdout and WARN/ERROR to stderr: capture both.
  streams.forEach((stream, i) => {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((l) => l.startsWith('{')),
      );
      return (writes[i] as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
  });
});
afterAll(async () => {
  streams.forEach((stream, i) => {
    stream.write = writes[i]!;
  });
  await stack?.stop();
});

describe('logs', () => {
  it('record each request, each refusal, and no secrets or personal data', async () => {
    const admin = await stack.tokenFor('admin');
    const observer = await stack.tokenFor('observer');
    const created = await stack.call('POST', '/api/v1/users', {
      token: admin,
      body: {
        id: uuidV7(),
        username: 'secret.person',
        displayName: '保密的名字',
        roles: ['department-reviewer'],
        departmentId: demoId('department:102'),
      },
    });
    expect(created.status).toBe(201);
    const denied = await stack.call('GET', '/api/v1/users', { token: observer });
    expect(denied.status).toBe(403);
    const invalid = await stack.call('POST', '/api/v1/departments', { token: admin, body: { id: 'x' } });
    expect(invalid.status).toBe(400);

    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = entries.filter((e) => e.route && e.status !== undefined);
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const entry of requests) {
      expect(entry.function_request_id).toEqual(expect.any(String));
      expect(entry.status).toEqual(expect.any(Number));
    }
    expect(entries.some((e) => e.decision === 'deny' && e.route === 'GET /api/v1/users')).toBe(true);
    expect(requests.some((e) => e.status === 400 && e.problem === 'validation-failed')).toBe(true);

    const text = lines.join('\n');
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect(text.toLowerCase()).not.toContain('authorization');
    expect(text).not.toContain('保密的名字');
    expect(text).not.toContain('secret.person');
  });
});
