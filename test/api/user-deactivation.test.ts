import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * A token outlives what the admin page changes; the user record's standing, read at most
 * USER_STANDING_CACHE_SECONDS ago (a minute in Lambda, one second here), decides every request:
 * a deactivated person or one moved elsewhere gets 401, a role taken away stops working at once,
 * and the directory (here the local identity provider's) is kept in step with a sign-out.
 */
process.env.USER_STANDING_CACHE_SECONDS = '1';
const cacheWindowMs = 1_100;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

let stack: TestStack;
let admin = '';
const education = demoId('department:102');
const educationUnit = demoId('unit:102001');

beforeAll(async () => {
  stack = await startTestStack();
  admin = await stack.tokenFor('admin');
}, 180_000);
afterAll(() => stack?.stop());

const api = (token: string, method: string, path: string, body?: unknown) =>
  stack.call(method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
/** Signs in through the local identity provider, as the PWA does. */
const signIn = (userId: string) => stack.call('POST', '/local-idp/token', { body: { userId } });
const directoryEntry = (id: string) => stack.identityProvider.directory.entries.get(id);

describe('user standing on every request', () => {
  it('refuses a deactivated demo user on their next request after the cache window, in their language', async () => {
    const id = demoId('user:unit-preparer');
    const token = await stack.tokenFor('unit-preparer');
    expect((await api(token, 'GET', '/projects')).status).toBe(200);

    const current = (await api(admin, 'GET', `/users/${id}`)).body;
    const deactivated = await api(admin, 'PATCH', `/users/${id}`, { version: current.version, status: 'inactive' });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.directory).toMatchObject({ state: 'synced' });
    expect(deactivated.body.directory.signOutPending).toBeUndefined();

    await pause(cacheWindowMs);
    const refused = await api(token, 'GET', '/projects');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.detail).toBe('您的账号已停用或所属单位已变更，请重新登录。');
    const english = await stack.call('GET', '/api/v1/me', {
      token,
      headers: { 'accept-language': 'en' },
    });
    expect(english.status).toBe(401);
    expect(english.body.detail).toMatch(/deactivated/);

    // The directory holds them disabled and signed out, and no new token is issued.
    expect(directoryEntry(id)).toMatchObject({ enabled: false });
    expect(directoryEntry(id)?.signedOutAt).toBeTruthy();
    expect((await signIn(id)).status).toBe(404);

    // Reactivated, they sign in again and work.
    const again = await api(admin, 'PATCH', `/users/${id}`, { version: deactivated.body.version, status: 'active' });
    expect(again.status).toBe(200);
    expect(directoryEntry(id)).toMatchObject({ enabled: true });
    const fresh = await signIn(id);
    expect(fresh.status).toBe(200);
    await pause(cacheWindowMs);
    expect((await api(fresh.body.idToken, 'GET', '/projects')).status).toBe(200);
  });

  it('stops a removed role from working while the token still names it', async () => {
    const id = uuidV7();
    const created = await api(admin, 'POST', '/users', {
      id,
      username: 'temp-admin',
      displayName: '临时管理员',
      email: 'Temp.Admin@Dongli.example.cn',
      roles: ['tenant-admin', 'observer'],
    });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('temp.admin@dongli.example.cn');
    expect(created.body.directory).toMatchObject({ state: 'invited' });
    expect(directoryEntry(id)).toMatchObject({ enabled: true, groups: ['tenant-admin', 'observer'] });
    expect(directoryEntry(id)?.invitedAt).toBeTruthy();

    const token = (await signIn(id)).body.idToken as string;
    expect((await api(token, 'GET', '/users')).status).toBe(200);

    const changed = await api(admin, 'PATCH', `/users/${id}`, { version: created.body.version, roles: ['observer'] });
    expect(changed.status).toBe(200);
    expect(changed.body.directory).toMatchObject({ state: 'synced' });
    expect(directoryEntry(id)).toMatchObject({ groups: ['observer'] });
    expect(directoryEntry(id)?.signedOutAt).toBeTruthy();

    await pause(cacheWindowMs);
    expect((await api(token, 'GET', '/users')).status).toBe(403);
    const me = await api(token, 'GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body.roles).toEqual(['observer']);
  });

  it('refuses a token whose organisation the person has left', async () => {
    const id = uuidV7();
    const created = await api(admin, 'POST', '/users', {
      id,
      username: 'moving-preparer',
      displayName: '调动人员',
      roles: ['unit-preparer'],
      departmentId: education,
      unitId: educationUnit,
    });
    expect(created.status).toBe(201);
    // No email: nobody to invite, but the directory holds the person.
    expect(created.body.directory).toMatchObject({ state: 'synced' });
    const token = (await signIn(id)).body.idToken as string;
    expect((await api(token, 'GET', '/projects')).status).toBe(200);

    const moved = await api(admin, 'PATCH', `/users/${id}`, {
      version: created.body.version,
      departmentId: demoId('department:101'),
      unitId: demoId('unit:101001'),
    });
    expect(moved.status).toBe(200);
    expect(directoryEntry(id)?.user).toMatchObject({ departmentId: demoId('department:101') });
    await pause(cacheWindowMs);
    expect((await api(token, 'GET', '/projects')).status).toBe(401);
  });

  it('replays a create without inviting twice', async () => {
    const body = {
      id: uuidV7(),
      username: 'invited-once',
      displayName: '只邀请一次',
      email: 'once@dongli.example.cn',
      roles: ['observer'],
    };
    const first = await api(admin, 'POST', '/users', body);
    const invitedAt = directoryEntry(body.id)?.invitedAt;
    const replay = await api(admin, 'POST', '/users', body);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    expect(directoryEntry(body.id)?.invitedAt).toBe(invitedAt);
  });
});
