import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  DeleteGroupCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  type CognitoEmulator,
  createJixiaoPool,
  emulatorClient,
  startCognitoEmulator,
} from '@jixiao/functions/adapters/cognito/cognito-emulator.ts';
import { CognitoIdentityDirectory } from '@jixiao/functions/adapters/cognito/cognito-identity-directory.ts';
import { createDocumentClient } from '@jixiao/functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '@jixiao/functions/adapters/dynamodb/dynamodb-record-store.ts';
import { userKind } from '@jixiao/functions/organisation/record-kinds.ts';
import { ensureTable } from '@jixiao/infra/local/provision.ts';
import { onboardTenant } from '@jixiao/infra/operator/onboard-tenant.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * A deployed system gets its first tenant and administrator from the operator's command (docs/identity.md,
 * "Onboarding a tenant"), against DynamoDB Local and a Cognito emulator: the tenant and the
 * administrator's record are written, the pool holds the person in the tenant-admin group with an
 * invitation, a rerun changes nothing and retries a sync the pool refused, and a mistyped tenant
 * changes nothing.
 */
let emulator: CognitoEmulator;
let cognito: CognitoIdentityProviderClient;
let poolId = '';
let store: DynamoDbRecordStore;
let table = '';
const endpoint = () => inject('dynamoEndpoint');

beforeAll(async () => {
  emulator = await startCognitoEmulator();
  cognito = emulatorClient(emulator);
  poolId = await createJixiaoPool(cognito);
  table = `onboard-${randomUUID()}`;
  const db = createDocumentClient(endpoint());
  await ensureTable(db, table);
  store = new DynamoDbRecordStore(db, table);
}, 180_000);
afterAll(async () => {
  cognito?.destroy();
  await emulator?.stop();
});

const hexi = { id: '120111000', name: '天津市西青区', shortName: '西青区' };
const admin = { username: 'wangfang', displayName: '王芳', email: 'Wang.Fang@xiqing.example.cn' };
const poolUsers = async () => (await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users ?? [];

describe('onboarding a tenant', () => {
  it('creates the tenant and its administrator, in the table and in the pool, once', async () => {
    const directory = new CognitoIdentityDirectory(cognito, poolId);
    const first = await onboardTenant(store, directory, { tenant: hexi, admin });
    expect(first).toMatchObject({ ok: true, tenant: 'created', admin: 'created', directory: 'invited' });
    if (!first.ok) return;

    expect(await store.getTenant(hexi.id)).toEqual(hexi);
    const record = await store.get(hexi.id, userKind, first.adminId);
    expect(record).toMatchObject({
      username: 'wangfang',
      displayName: '王芳',
      email: 'wang.fang@xiqing.example.cn',
      roles: ['tenant-admin'],
      status: 'active',
    });
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: first.adminId }));
    expect(user.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name, a.Value]))).toMatchObject({
      'custom:tenant': hexi.id,
      email: 'wang.fang@xiqing.example.cn',
      name: '王芳',
    });
    const groups = await cognito.send(
      new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: first.adminId }),
    );
    expect((groups.Groups ?? []).map((g) => g.GroupName)).toEqual(['tenant-admin']);
    expect(emulator.output()).toMatch(/Destination:\s+wang\.fang@xiqing\.example\.cn/);
    const history = (await store.history(hexi.id, userKind, first.adminId, { limit: 10 })).items;
    expect(history.map((h) => h.actor)).toContain('operator:onboarding');

    // Run again (the operator is unsure it worked): nothing new, in the table or the pool.
    const usersBefore = (await poolUsers()).length;
    const again = await onboardTenant(store, directory, { tenant: hexi, admin });
    expect(again).toMatchObject({ ok: true, tenant: 'unchanged', admin: 'unchanged', adminId: first.adminId });
    expect((await poolUsers()).length).toBe(usersBefore);
  });

  it('refuses a tenant id already used for another region, and changes nothing', async () => {
    const directory = new CognitoIdentityDirectory(cognito, poolId);
    const usersBefore = (await poolUsers()).length;
    const outcome = await onboardTenant(store, directory, {
      tenant: { id: hexi.id, name: '天津市北辰区', shortName: '北辰区' },
      admin: { username: 'zhaolei', displayName: '赵磊', email: 'zhao.lei@beichen.example.cn' },
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems.join()).toContain('天津市西青区');
    expect(await store.getTenant(hexi.id)).toEqual(hexi);
    expect((await poolUsers()).length).toBe(usersBefore);
  });

  it('refuses a malformed tenant id or administrator before writing anything', async () => {
    const directory = new CognitoIdentityDirectory(cognito, poolId);
    const badTenant = await onboardTenant(store, directory, {
      tenant: { id: '12011', name: '某区', shortName: '某区' },
      admin,
    });
    expect(badTenant.ok).toBe(false);
    expect(await store.getTenant('12011')).toBeUndefined();
    const badEmail = await onboardTenant(store, directory, {
      tenant: { id: '120112000', name: '天津市津南区', shortName: '津南区' },
      admin: { ...admin, email: 'not-an-email' },
    });
    expect(badEmail.ok).toBe(false);
    expect(await store.getTenant('120112000')).toBeUndefined();
  });

  it('keeps the administrator when the pool refuses, and a rerun brings the pool to them', async () => {
    const directory = new CognitoIdentityDirectory(cognito, poolId);
    const jinnan = { id: '120112000', name: '天津市津南区', shortName: '津南区' };
    const lead = { username: 'liuqiang', displayName: '刘强', email: 'liu.qiang@jinnan.example.cn' };
    await cognito.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: 'tenant-admin' }));
    const refused = await onboardTenant(store, directory, { tenant: jinnan, admin: lead });
    expect(refused).toMatchObject({ ok: true, admin: 'created', directory: 'failed' });
    if (!refused.ok) return;
    expect(refused.directoryProblem).toMatch(/^ResourceNotFoundException/);

    await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'tenant-admin' }));
    const retried = await onboardTenant(store, directory, { tenant: jinnan, admin: lead });
    expect(retried).toMatchObject({ ok: true, tenant: 'unchanged', admin: 'unchanged', adminId: refused.adminId });
    expect((await store.get(jinnan.id, userKind, refused.adminId))?.directory).toMatchObject({
      state: expect.stringMatching(/^(invited|synced)$/),
    });
    const groups = await cognito.send(
      new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: refused.adminId }),
    );
    expect((groups.Groups ?? []).map((g) => g.GroupName)).toEqual(['tenant-admin']);
  });

  it('runs as the operator command: exit code 0 once the administrator is invited, 2 on a usage error', async () => {
    const command = resolve(import.meta.dirname, '../../infra/operator/onboard-tenant-command.ts');
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((done) => {
        const child = spawn(process.execPath, [command, ...args], {
          env: {
            ...process.env,
            DYNAMODB_ENDPOINT: endpoint(),
            COGNITO_ENDPOINT: emulator.endpoint,
            AWS_REGION: 'local',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout?.on('data', (c: Buffer) => {
          out += c.toString();
        });
        child.stderr?.on('data', (c: Buffer) => {
          err += c.toString();
        });
        child.on('exit', (code) => done({ code, out, err }));
      });
    const usage = await run(['--table', table]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--user-pool');

    const done = await run([
      ...['--table', table, '--user-pool', poolId, '--tenant', '120113000'],
      ...['--name', '天津市北辰区', '--short-name', '北辰区', '--admin-username', 'zhaolei'],
      ...['--admin-name', '赵磊', '--admin-email', 'zhao.lei@beichen.example.cn'],
    ]);
    expect(done.code, done.err).toBe(0);
    expect(JSON.parse(done.out)).toMatchObject({ ok: true, tenant: 'created', directory: 'invited' });
    expect(await store.getTenant('120113000')).toEqual({ id: '120113000', name: '天津市北辰区', shortName: '北辰区' });
  });
});
