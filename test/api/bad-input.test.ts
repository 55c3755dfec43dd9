import { uuidV7 } from '@jixiao/core/ids.ts';
import { departmentKind } from '@jixiao/functions/organisation/record-kinds.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countItems } from '../support/table-count.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/** Bad input gets a clear problem+json and changes nothing. */
let stack: TestStack;
let admin: string;
let itemsBefore: number;

beforeAll(async () => {
  stack = await startTestStack();
  admin = await stack.tokenFor('admin');
});
afterAll(() => stack?.stop());
beforeEach(async () => {
  itemsBefore = await countItems(stack.dynamoEndpoint, stack.tableName);
});

const valid = () => ({
  id: uuidV7(),
  code: '777',
  name: '东丽区测试局',
  series: 'GOVERNMENT',
  financeSectionId: demoId('section:JKW'),
});

const expectRefused = async (
  response: Awaited<ReturnType<TestStack['call']>>,
  status: number,
  type: string,
): Promise<void> => {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  expect(response.body.type).toBe(`urn:jixiao:problem:${type}`);
  expect(response.body.title).toMatch(/[\u4e00-\u9fff]/);
  expect(JSON.stringify(response.body)).not.toMatch(/at \w+ \(|\.ts:\d+/);
  expect(await countItems(stack.dynamoEndpoint, stack.tableName)).toBe(itemsBefore);
};

describe('bad input', () => {
  it('invalid JSON → 400 malformed-json', async () => {
    const response = await stack.call('POST', '/api/v1/departments', {
      token: admin,
      rawBody: '{"id": "x", ',
      headers: { 'content-type': 'application/json' },
    });
    await expectRefused(response, 400, 'malformed-json');
  });

  it('wrong types → 400 with a field error per field', async () => {
    const response = await stack.call('POST', '/api/v1/departments', {
      token: admin,
      body: { ...valid(), code: 777, series: 'MINISTRY', isFinanceBureau: 'yes' },
    });
    await expectRefused(response, 400, 'validation-failed');
    expect(response.body.errors).toEqual([
      { pointer: '/code', code: 'string', message: '应为文本' },
      { pointer: '/series', code: 'picklist', message: '不是允许的选项' },
      { pointer: '/isFinanceBureau', code: 'boolean', message: '应为是或否' },
    ]);
  });

  it('unknown fields (including __proto__) → 400, never silently dropped', async () => {
    const response = await stack.call('POST', '/api/v1/departments', {
      token: admin,
      rawBody: JSON.stringify(valid()).replace(/}$/, ',"tenant":"120103000","__proto__":{"admin":true}}'),
      headers: { 'content-type': 'application/json' },
    });
    await expectRefused(response, 400, 'validation-failed');
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/__proto__']);
    const plain = await stack.call('POST', '/api/v1/departments', {
      token: admin,
      body: { ...valid(), tenant: '120103000' },
    });
    await expectRefused(plain, 400, 'validation-failed');
    expect(plain.body.errors).toEqual([{ pointer: '/tenant', code: 'unknown_field', message: '不允许的字段' }]);
  });

  it('a body over the 64 KiB cap → 413', async () => {
    const response = await stack.call('POST', '/api/v1/departments', {
      token: admin,
      body: { ...valid(), name: '长'.repeat(30_000) },
    });
    await expectRefused(response, 413, 'body-too-large');
  });

  it('a body over the gateway limit → 413 before the handler runs', async () => {
    const response = await stack.call('POST', '/api/v1/departments', {
      token: admin,
      rawBody: 'x'.repeat(11 * 1024 * 1024),
      headers: { 'content-type': 'application/json' },
    });
    await expectRefused(response, 413, 'body-too-large');
  });

  it('another content type → 415', async () => {
    const response = await stack.call('POST', '/api/v1/departments', {
      token: admin,
      rawBody: 'code=777',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await expectRefused(response, 415, 'unsupported-media-type');
  });

  it('a missing body → 400 with the required fields', async () => {
    const response = await stack.call('POST', '/api/v1/departments', { token: admin });
    await expectRefused(response, 400, 'validation-failed');
  });

  // Lone UTF-16 surrogates (sent as JSON escapes) used to be stored and then broke every file named after them.
  it.each([
    ['a lone high surrogate in a text field', { name: '东丽\ud800局' }, '/name'],
    ['a lone low surrogate', { name: '\udc00东丽局' }, '/name'],
    ['a high surrogate at the end', { name: '东丽局\ud83d' }, '/name'],
    ['two halves in the wrong order', { name: '东丽\ude00\ud83d局' }, '/name'],
    ['a lone surrogate in a coded field', { code: '77\ud800' }, '/code'],
    ['a lone surrogate in a reference', { financeSectionId: '\ud800' }, '/financeSectionId'],
  ])('%s → 400 well_formed, nothing written', async (_, change, pointer) => {
    const response = await stack.call('POST', '/api/v1/departments', { token: admin, body: { ...valid(), ...change } });
    await expectRefused(response, 400, 'validation-failed');
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    expect(response.body.errors.find((e: { pointer: string }) => e.pointer === pointer)?.code).toMatch(
      /^(well_formed|department_code|uuid_v7)$/,
    );
  });

  it('a lone surrogate in a key or in an update → 400', async () => {
    const key = await stack.call('POST', '/api/v1/departments', {
      token: admin,
      rawBody: JSON.stringify(valid()).replace(/}$/, ',"\\ud800":"x"}'),
      headers: { 'content-type': 'application/json' },
    });
    await expectRefused(key, 400, 'validation-failed');
    // Refused at a pointer that is itself well-formed (the unknown key is named with U+FFFD).
    expect(key.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/\ufffd']);
    const id = demoId('department:102');
    const current = await stack.call('GET', `/api/v1/departments/${id}`, { token: admin });
    const update = await stack.call('PATCH', `/api/v1/departments/${id}`, {
      token: admin,
      body: { version: current.body.version, name: '教育\udfff局' },
    });
    await expectRefused(update, 400, 'validation-failed');
    expect(update.body.errors).toEqual([expect.objectContaining({ pointer: '/name', code: 'well_formed' })]);
  });

  it('a JSON list where an object is expected → 400, also for a body with no fields', async () => {
    const reviewer = await stack.tokenFor('perf-reviewer');
    const issue = await stack.call('POST', `/api/v1/monitoring-rounds/${uuidV7()}/issue`, {
      token: reviewer,
      body: [],
    });
    await expectRefused(issue, 400, 'validation-failed');
    expect(issue.body.errors).toEqual([{ pointer: '', code: 'object', message: '应为对象' }]);
    const department = await stack.call('POST', '/api/v1/departments', { token: admin, body: [valid()] });
    await expectRefused(department, 400, 'validation-failed');
  });

  it('a bad path id, an unknown query parameter and an oversized page → 400', async () => {
    await expectRefused(
      await stack.call('GET', '/api/v1/departments/not-an-id', { token: admin }),
      400,
      'validation-failed',
    );
    await expectRefused(
      await stack.call('GET', '/api/v1/departments?sort=name', { token: admin }),
      400,
      'validation-failed',
    );
    await expectRefused(
      await stack.call('GET', '/api/v1/departments?limit=1000', { token: admin }),
      400,
      'validation-failed',
    );
  });

  it('a forged cursor pointing into another tenant → 400, no data', async () => {
    const forged = Buffer.from(
      JSON.stringify({ pk: 'T#120103000#department#x', sk: '#RECORD', gsi1pk: 'T#120103000#department', gsi1sk: 'a' }),
    ).toString('base64url');
    const response = await stack.call('GET', `/api/v1/departments?cursor=${forged}`, { token: admin });
    await expectRefused(response, 400, 'validation-failed');
    expect(response.body.errors[0].pointer).toBe('/cursor');
  });

  it('a real cursor reused on another index or partition → 400, not a DynamoDB error', async () => {
    const byDepartment = await stack.call('GET', `/api/v1/units?limit=1&departmentId=${demoId('department:102')}`, {
      token: admin,
    });
    const cursor = byDepartment.body.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    await expectRefused(
      await stack.call('GET', `/api/v1/units?cursor=${cursor}`, { token: admin }),
      400,
      'validation-failed',
    );
    const otherDepartment = `/api/v1/units?departmentId=${demoId('department:101')}&cursor=${cursor}`;
    await expectRefused(await stack.call('GET', otherDepartment, { token: admin }), 400, 'validation-failed');
    const ok = await stack.call(
      'GET',
      `/api/v1/units?limit=1&departmentId=${demoId('department:102')}&cursor=${cursor}`,
      {
        token: admin,
      },
    );
    expect(ok.status).toBe(200);
  });

  it('a broken %-escape in a path → 400', async () => {
    await expectRefused(
      await stack.call('GET', '/api/v1/departments/%E0%A4%A', { token: admin }),
      400,
      'validation-failed',
    );
  });

  it('an update with a bad field changes nothing', async () => {
    const id = demoId('department:101');
    const before = await stack.store.get(demoTenant.id, departmentKind, id);
    const response = await stack.call('PATCH', `/api/v1/departments/${id}`, {
      token: admin,
      body: { version: before?.version, name: '', status: 'deleted' },
    });
    await expectRefused(response, 400, 'validation-failed');
    const after = await stack.call('GET', `/api/v1/departments/${id}`, { token: admin });
    expect(after.body.version).toBe(before?.version);
  });

  it('an unknown route → 404 problem', async () => {
    const response = await stack.call('DELETE', '/api/v1/departments', { token: admin });
    await expectRefused(response, 404, 'route-not-found');
  });
});
