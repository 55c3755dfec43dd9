import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CognitoEmulator,
  createJixiaoPool,
  emulatorClient,
  startCognitoEmulator,
} from '#functions/adapters/cognito/cognito-emulator.ts';
import { CognitoIdentityDirectory } from '#functions/adapters/cognito/cognito-identity-directory.ts';
import { syncUser } from '#functions/organisation/directory-sync.ts';
import { DirectoryError, type DirectoryUser } from '#functions/ports/identity-directory.ts';

/**
 * The Cognito adapter against cognito-local 5.3.0, a Cognito emulator that runs offline. It serves
 * every call the adapter makes except AdminUserGlobalSignOut, which it answers as unsupported: the
 * last test pins that, so a version that serves it shows up here.
 */
let emulator: CognitoEmulator;
let client: CognitoIdentityProviderClient;
let poolId = '';
let directory: CognitoIdentityDirectory;

const tenant = '120110000';
const person = (over: Partial<DirectoryUser> = {}): DirectoryUser => ({
  username: '019a0000-0000-7000-8000-000000000001',
  tenant,
  displayName: '刘洋',
  email: 'liu.yang@dongli.example.cn',
  roles: ['unit-preparer'],
  departmentId: 'dept-102',
  unitId: 'unit-102001',
  ...over,
});

const attributes = async (username: string) => {
  const user = await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
  return {
    enabled: user.Enabled,
    values: Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name, a.Value])),
  };
};
const groups = async (username: string) =>
  (await client.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: username }))).Groups?.map(
    (g) => g.GroupName,
  ).sort();

beforeAll(async () => {
  emulator = await startCognitoEmulator();
  client = emulatorClient(emulator);
  poolId = await createJixiaoPool(client);
  directory = new CognitoIdentityDirectory(client, poolId);
}, 60_000);
afterAll(async () => {
  client?.destroy();
  await emulator?.stop();
});

describe('CognitoIdentityDirectory against cognito-local', () => {
  it('creates a user with the organisation attributes and emails the invitation, once', async () => {
    const user = person();
    expect(await directory.createUser(user)).toBe('invited');
    const { enabled, values } = await attributes(user.username);
    expect(enabled).toBe(true);
    expect(values).toMatchObject({
      'custom:tenant': tenant,
      'custom:department': 'dept-102',
      'custom:unit': 'unit-102001',
      name: '刘洋',
      email: 'liu.yang@dongli.example.cn',
      email_verified: 'true',
    });
    expect(values['custom:agency']).toBeUndefined();
    // cognito-local "delivers" the invitation by printing it, with its destination.
    expect(emulator.output()).toMatch(/Destination:\s+liu\.yang@dongli\.example\.cn/);
    const invitations = emulator.output().split('Confirmation Code Delivery').length - 1;

    expect(await directory.createUser(user)).toBe('exists');
    expect(emulator.output().split('Confirmation Code Delivery').length - 1).toBe(invitations);
  });

  it('sends no invitation to a person without an email', async () => {
    const user = person({ username: '019a0000-0000-7000-8000-000000000002', email: null, roles: ['observer'] });
    const before = emulator.output().split('Confirmation Code Delivery').length;
    expect(await directory.createUser(user)).toBe('created');
    expect(emulator.output().split('Confirmation Code Delivery').length).toBe(before);
  });

  it('moves a user to another organisation: sets what is given and clears what is not', async () => {
    const user = person({ username: '019a0000-0000-7000-8000-000000000003' });
    await directory.createUser(user);
    await directory.updateAttributes(user.username, {
      displayName: '刘洋（评价）',
      email: 'liu.yang@jincheng.example.cn',
      departmentId: null,
      unitId: null,
      agencyId: 'agency-jincheng',
    });
    const { values } = await attributes(user.username);
    expect(values).toMatchObject({
      'custom:tenant': tenant,
      'custom:agency': 'agency-jincheng',
      name: '刘洋（评价）',
      email: 'liu.yang@jincheng.example.cn',
    });
    expect(values['custom:department']).toBeUndefined();
    expect(values['custom:unit']).toBeUndefined();
  });

  it('makes the groups exactly the roles', async () => {
    const user = person({ username: '019a0000-0000-7000-8000-000000000004' });
    await directory.createUser(user);
    await directory.setGroups(user.username, ['unit-preparer', 'unit-approver']);
    expect(await groups(user.username)).toEqual(['unit-approver', 'unit-preparer']);
    await directory.setGroups(user.username, ['unit-approver', 'observer']);
    expect(await groups(user.username)).toEqual(['observer', 'unit-approver']);
    await directory.setGroups(user.username, ['unit-approver', 'observer']);
    expect(await groups(user.username)).toEqual(['observer', 'unit-approver']);
  });

  it('disables and enables a user', async () => {
    const user = person({ username: '019a0000-0000-7000-8000-000000000005' });
    await directory.createUser(user);
    await directory.disableUser(user.username);
    expect((await attributes(user.username)).enabled).toBe(false);
    await directory.enableUser(user.username);
    expect((await attributes(user.username)).enabled).toBe(true);
  });

  it('turns a refusal into a DirectoryError with Cognito’s name', async () => {
    const failure = await directory.disableUser('nobody-here').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DirectoryError);
    expect((failure as DirectoryError).code).toBe('UserNotFoundException');
  });

  it('syncs a record end to end: created, attributes, groups, disabled', async () => {
    const record = {
      id: '019a0000-0000-7000-8000-000000000006',
      version: 3,
      displayName: '赵丽',
      email: 'zhao.li@dongli.example.cn',
      roles: ['unit-approver'],
      departmentId: 'dept-102',
      unitId: 'unit-102001',
      status: 'inactive',
    };
    const outcome = await syncUser(directory, tenant, record, '2026-12-05T00:00:00.000Z');
    expect(outcome).toEqual({ state: 'invited', at: '2026-12-05T00:00:00.000Z' });
    expect((await attributes(record.id)).enabled).toBe(false);
    expect(await groups(record.id)).toEqual(['unit-approver']);
  });

  it('is reported as failed, still owing the sign-out, when the directory cannot be reached', async () => {
    const closed = new CognitoIdentityProviderClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const unreachable = new CognitoIdentityDirectory(closed, poolId);
    const outcome = await syncUser(
      unreachable,
      tenant,
      {
        id: '019a0000-0000-7000-8000-000000000007',
        version: 2,
        displayName: '陈芳',
        roles: ['department-reviewer'],
        departmentId: 'dept-102',
        status: 'inactive',
        directory: { state: 'pending', at: '2026-12-05T00:00:00.000Z', signOutPending: true },
      },
      '2026-12-05T00:00:01.000Z',
    );
    closed.destroy();
    expect(outcome).toMatchObject({ state: 'failed', signOutPending: true });
    expect(outcome.problem).toMatch(/ECONNREFUSED|connect/i);
  });

  it('AdminUserGlobalSignOut: cognito-local 5.3.0 does not serve it, and the adapter reports that as a DirectoryError', async () => {
    const user = person({ username: '019a0000-0000-7000-8000-000000000008' });
    await directory.createUser(user);
    const failure = await directory.signOut(user.username).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DirectoryError);
    expect((failure as DirectoryError).message).toMatch(/unsupported feature.*AdminUserGlobalSignOut/i);
  });
});
