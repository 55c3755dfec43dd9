import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { userKind } from '@jixiao/functions/organisation/record-kinds.ts';
import { requestHash } from '@jixiao/functions/records/request-hash.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * The local runtime runs the daily work's jobs on a timer, as EventBridge Scheduler does in the cloud: a 催报 sent
 * through the API reaches the local outbox file as an e-mail to the department's people with an address, without
 * anyone calling the job.
 */
let stack: TestStack;
let scratch = '';
let outboxFile = '';

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'jixiao-local-jobs-'));
  outboxFile = join(scratch, 'outbox.jsonl');
  stack = await startTestStack({ jobs: { outboxFile, everyMs: 250 } });
  const at = new Date().toISOString();
  const record = {
    id: uuidV7(),
    version: 1,
    status: 'active',
    createdAt: at,
    updatedAt: at,
    createdBy: 'test',
    updatedBy: 'test',
    username: 'outbox-reader',
    displayName: '收件人',
    roles: ['unit-preparer'],
    departmentId: demoId('department:102'),
    unitId: demoId('unit:102001'),
    agencyId: null,
    financeSectionId: null,
    email: 'outbox-reader@example.cn',
  };
  await stack.store.create(demoTenant.id, userKind, record, {
    hash: requestHash(record),
    context: { actor: 'test', actorRoles: [], requestId: uuidV7(), at },
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the local scheduled jobs', () => {
  it('mail a 催报 to the outbox file by themselves', async () => {
    const perf = await stack.tokenFor('perf-reviewer');
    const rounds = (await stack.call('GET', '/api/v1/monitoring-rounds?fiscalYear=2026', { token: perf })).body.items;
    const round = rounds.find((r: { roundStatus: string }) => r.roundStatus === 'ISSUED');
    const sent = await stack.call('POST', `/api/v1/monitoring-rounds/${round.id}/reminders`, {
      token: perf,
      body: { id: uuidV7(), note: '本地发件箱测试' },
    });
    expect(sent.status).toBe(201);
    const mailed = () =>
      existsSync(outboxFile)
        ? readFileSync(outboxFile, 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as { to: string[]; subject: string; text: string })
            .filter((m) => m.text.includes('本地发件箱测试'))
        : [];
    await expect.poll(() => mailed().length, { timeout: 20_000, interval: 250 }).toBeGreaterThan(0);
    const mail = mailed().find((m) => m.to.includes('outbox-reader@example.cn'));
    expect(mail?.subject).toBe(`【绩效】催报：${round.name}`);
  });
});
