import { randomUUID } from 'node:crypto';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { dynamoDbCallBudget } from '@jixiao/functions/adapters/dynamodb/document-client.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { countItems } from '../support/table-count.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Faults between the handlers and DynamoDB, caused for real by a proxy: nothing acknowledged is
 * lost, nothing is written twice, and a fault that outlasts the SDK's retries is a clean 503
 * that changed nothing.
 */
let proxy: FaultProxy;
let stack: TestStack;
let admin: string;

beforeAll(async () => {
  // Server errors are what this file is about: let the handlers log them.
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  proxy = await startFaultProxy(inject('dynamoEndpoint'));
  stack = await startTestStack({ dynamoEndpoint: proxy.endpoint, tableName: `faults-${randomUUID()}` });
  admin = await stack.tokenFor('admin');
});
afterEach(() => proxy.clear());
afterAll(async () => {
  await stack?.stop();
  await proxy?.close();
});

const department = () => ({
  id: uuidV7(),
  code: String(600_000 + Math.floor(Math.random() * 300_000)),
  name: '故障测试局',
  series: 'GOVERNMENT',
  financeSectionId: demoId('section:JKW'),
});
const items = () => countItems(inject('dynamoEndpoint'), stack.tableName);

describe('faults between the handler and DynamoDB', () => {
  it('rides out brief throttling: one create, written once', async () => {
    const before = await items();
    proxy.inject('TransactWriteItems', 'throttle', 2);
    const body = department();
    const response = await stack.call('POST', '/api/v1/departments', { token: admin, body });
    expect(response.status).toBe(201);
    // record + create record + audit entry + unique code
    expect(await items()).toBe(before + 4);
  });

  it('answers 503 with Retry-After when throttling outlasts the retries, writes nothing, and a retry then succeeds', async () => {
    const before = await items();
    // However many attempts the SDK makes, all of them are throttled until the fault is cleared.
    proxy.inject('TransactWriteItems', 'throttle', Number.POSITIVE_INFINITY);
    const body = department();
    const attempts = proxy.seen.get('TransactWriteItems') ?? 0;
    const refused = await stack.call('POST', '/api/v1/departments', { token: admin, body });
    expect(refused.status).toBe(503);
    expect(proxy.seen.get('TransactWriteItems')).toBe(attempts + dynamoDbCallBudget.attempts);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body.type).toBe('urn:jixiao:problem:unavailable');
    expect(await items()).toBe(before);
    proxy.clear();

    const retried = await stack.call('POST', '/api/v1/departments', { token: admin, body });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await items()).toBe(before + 4);
  });

  it('answers 503 within the function timeout when DynamoDB stops answering, saying the outcome is unknown', async () => {
    const before = await items();
    proxy.inject('TransactWriteItems', 'stall', Number.POSITIVE_INFINITY);
    const started = performance.now();
    const refused = await stack.call('POST', '/api/v1/departments', { token: admin, body: department() });
    // Not a timing assertion: a 500 from the function timeout (10 s) is the failure this guards against.
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    // The handler cannot know that the proxy never passed the write on: it must not claim nothing was written.
    expect(refused.body.type).toBe('urn:jixiao:problem:outcome-unknown');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await items()).toBe(before);
  });

  // The finding: a 503 said "unavailable" (nothing written) while the write had landed.
  it('when every answer is lost, says the outcome is unknown in both languages; the same request then lands once', async () => {
    const before = await items();
    proxy.inject('TransactWriteItems', 'lose-response', Number.POSITIVE_INFINITY);
    const body = department();
    const lost = await stack.call('POST', '/api/v1/departments', {
      token: admin,
      body,
      headers: { 'accept-language': 'en' },
    });
    expect(lost.status).toBe(503);
    expect(lost.headers.get('retry-after')).toBe('1');
    expect(lost.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(lost.body.type).toBe('urn:jixiao:problem:outcome-unknown');
    expect(lost.body.title).toMatch(/could not confirm whether this was saved; send the same request again/);
    // It did land: that is why the answer may not say otherwise.
    expect(await items()).toBe(before + 4);
    proxy.clear();
    const retried = await stack.call('POST', '/api/v1/departments', { token: admin, body });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(await items()).toBe(before + 4);

    proxy.inject('TransactWriteItems', 'lose-response', Number.POSITIVE_INFINITY);
    const zh = await stack.call('POST', '/api/v1/departments', { token: admin, body: department() });
    expect(zh.body.title).toBe('无法确认是否已保存，请用相同内容重试，不会重复保存');
  });

  // The SDK gives each TransactWriteItems a ClientRequestToken and keeps it across its retries, so
  // DynamoDB answers the retry of a transaction it already carried out without doing it again.
  it('when DynamoDB wrote but its answer was lost, the retry is answered without a second write', async () => {
    const before = await items();
    const writes = proxy.seen.get('TransactWriteItems') ?? 0;
    proxy.inject('TransactWriteItems', 'lose-response', 1);
    const body = department();
    const response = await stack.call('POST', '/api/v1/departments', { token: admin, body });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ ...body, version: 1 });
    expect(proxy.seen.get('TransactWriteItems')).toBe(writes + 2);
    expect(await items()).toBe(before + 4);
    const history = await stack.call('GET', `/api/v1/departments/${body.id}/history`, { token: admin });
    expect(history.body.items).toHaveLength(1);
  });

  it('an update whose answer was lost is applied once and answered as applied', async () => {
    const body = department();
    await stack.call('POST', '/api/v1/departments', { token: admin, body });
    proxy.inject('TransactWriteItems', 'lose-response', 1);
    const update = await stack.call('PATCH', `/api/v1/departments/${body.id}`, {
      token: admin,
      body: { version: 1, name: '改过一次' },
    });
    expect(update.status).toBe(200);
    expect(update.body).toMatchObject({ version: 2, name: '改过一次' });
    const history = await stack.call('GET', `/api/v1/departments/${body.id}/history`, { token: admin });
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
  });
});
