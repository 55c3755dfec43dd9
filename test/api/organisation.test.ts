import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoDepartments, demoId } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
let admin: string;
const section = demoId('section:JKW');

beforeAll(async () => {
  stack = await startTestStack();
  admin = await stack.tokenFor('admin');
});
afterAll(() => stack?.stop());

const newDepartment = (overrides: Record<string, unknown> = {}) => ({
  id: uuidV7(),
  code: String(500 + Math.floor(Math.random() * 400_000)),
  name: '东丽区测试局',
  series: 'GOVERNMENT',
  financeSectionId: section,
  ...overrides,
});

describe('departments', () => {
  it('creates, reads, lists and finds a department', async () => {
    const body = newDepartment({ name: '东丽区数据局' });
    const created = await stack.call('POST', '/api/v1/departments', { token: admin, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, version: 1, status: 'active', isFinanceBureau: false });
    expect(created.body.createdBy).toBe(demoId('user:admin'));

    const read = await stack.call('GET', `/api/v1/departments/${body.id}`, { token: admin });
    expect(read.body).toEqual(created.body);

    const found = await stack.call('GET', `/api/v1/departments?q=${encodeURIComponent('数据局')}`, { token: admin });
    expect(found.body.items.map((d: { id: string }) => d.id)).toEqual([body.id]);
  });

  it('filters by series and pages through every department exactly once', async () => {
    const party = await stack.call('GET', '/api/v1/departments?series=PARTY_MASS&limit=100', { token: admin });
    const expectedParty = demoDepartments.filter((d) => d.series === 'PARTY_MASS').length;
    expect(party.body.items).toHaveLength(expectedParty);
    expect(party.body.items.every((d: { series: string }) => d.series === 'PARTY_MASS')).toBe(true);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await stack.call('GET', `/api/v1/departments?limit=4${cursor ? `&cursor=${cursor}` : ''}`, {
        token: admin,
      });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.body.items.map((d: { id: string }) => d.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    const all = await stack.call('GET', '/api/v1/departments?limit=100', { token: admin });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(all.body.items.map((d: { id: string }) => d.id).sort());
    expect(all.body.items.length).toBeGreaterThanOrEqual(demoDepartments.length);
  });

  it('lists the units of one department through the owner index', async () => {
    const units = await stack.call('GET', `/api/v1/units?departmentId=${demoId('department:102')}`, { token: admin });
    expect(units.body.items.map((u: { code: string }) => u.code).sort()).toEqual(['102001', '102002', '102003']);
  });

  it('replays an identical create and refuses the same id with another body', async () => {
    const body = newDepartment();
    const first = await stack.call('POST', '/api/v1/departments', { token: admin, body });
    const replay = await stack.call('POST', '/api/v1/departments', { token: admin, body });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);

    const conflicting = await stack.call('POST', '/api/v1/departments', {
      token: admin,
      body: { ...body, name: '别的名字' },
    });
    expect(conflicting.status).toBe(409);
    expect(conflicting.body.type).toBe('urn:jixiao:problem:idempotency-conflict');

    const stored = await stack.call('GET', `/api/v1/departments/${body.id}`, { token: admin });
    expect(stored.body).toEqual(first.body);
    const history = await stack.call('GET', `/api/v1/departments/${body.id}/history`, { token: admin });
    expect(history.body.items).toHaveLength(1);
  });

  it('answers a concurrent burst of the same create with one record', async () => {
    const body = newDepartment();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => stack.call('POST', '/api/v1/departments', { token: admin, body })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const history = await stack.call('GET', `/api/v1/departments/${body.id}/history`, { token: admin });
    expect(history.body.items).toHaveLength(1);
  });

  it('updates with the current version, refuses a stale one with the current copy, and audits both', async () => {
    const body = newDepartment();
    await stack.call('POST', '/api/v1/departments', { token: admin, body });
    const updated = await stack.call('PATCH', `/api/v1/departments/${body.id}`, {
      token: admin,
      body: { version: 1, name: '东丽区测试局（更名）', series: 'STREET_PARK' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, name: '东丽区测试局（更名）', series: 'STREET_PARK' });

    const stale = await stack.call('PATCH', `/api/v1/departments/${body.id}`, {
      token: admin,
      body: { version: 1, name: '被覆盖的名字' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe('urn:jixiao:problem:version-conflict');
    expect(stale.body.current).toEqual(updated.body);

    const history = await stack.call('GET', `/api/v1/departments/${body.id}/history`, { token: admin });
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    const [update] = history.body.items;
    expect(update.actor).toBe(demoId('user:admin'));
    expect(update.before.name).toBe('东丽区测试局');
    expect(update.after.name).toBe('东丽区测试局（更名）');
  });

  it('lets exactly one of two racing writers of the same version win', async () => {
    const body = newDepartment();
    await stack.call('POST', '/api/v1/departments', { token: admin, body });
    const [a, b] = await Promise.all([
      stack.call('PATCH', `/api/v1/departments/${body.id}`, { token: admin, body: { version: 1, name: '甲的改动' } }),
      stack.call('PATCH', `/api/v1/departments/${body.id}`, { token: admin, body: { version: 1, name: '乙的改动' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const stored = await stack.call('GET', `/api/v1/departments/${body.id}`, { token: admin });
    expect(stored.body).toEqual(winner.body);
  });

  it('keeps codes unique within the tenant, on create and on update', async () => {
    const duplicate = await stack.call('POST', '/api/v1/departments', {
      token: admin,
      body: newDepartment({ code: '102' }),
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors[0].pointer).toBe('/code');

    const body = newDepartment();
    await stack.call('POST', '/api/v1/departments', { token: admin, body });
    const clash = await stack.call('PATCH', `/api/v1/departments/${body.id}`, {
      token: admin,
      body: { version: 1, code: '101' },
    });
    expect(clash.status).toBe(409);
    // the old code is still taken by this department, and it is unchanged
    const again = await stack.call('POST', '/api/v1/departments', {
      token: admin,
      body: newDepartment({ code: body.code }),
    });
    expect(again.status).toBe(409);
    const stored = await stack.call('GET', `/api/v1/departments/${body.id}`, { token: admin });
    expect(stored.body.version).toBe(1);

    // after a successful code change the old code is free again
    await stack.call('PATCH', `/api/v1/departments/${body.id}`, {
      token: admin,
      body: { version: 1, code: `${body.code}9` },
    });
    const reuse = await stack.call('POST', '/api/v1/departments', {
      token: admin,
      body: newDepartment({ code: body.code }),
    });
    expect(reuse.status).toBe(201);
  });

  it('refuses a reference to a section that does not exist', async () => {
    const response = await stack.call('POST', '/api/v1/departments', {
      token: admin,
      body: newDepartment({ financeSectionId: uuidV7() }),
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { pointer: '/financeSectionId', code: 'reference_not_found', message: '所选记录不存在' },
    ]);
  });

  it('answers 404 for an unknown id', async () => {
    const response = await stack.call('GET', `/api/v1/departments/${uuidV7()}`, { token: admin });
    expect(response.status).toBe(404);
  });
});

describe('users', () => {
  it('requires the organisation each role acts for, in Chinese or English', async () => {
    const zh = await stack.call('POST', '/api/v1/users', {
      token: admin,
      body: { id: uuidV7(), username: 'new.preparer', displayName: '新填报人', roles: ['unit-preparer'] },
    });
    expect(zh.status).toBe(400);
    expect(zh.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/departmentId', '/unitId']);
    expect(zh.body.errors[0].message).toMatch(/[\u4e00-\u9fff]/);

    const en = await stack.call('POST', '/api/v1/users', {
      token: admin,
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
      body: { id: uuidV7(), username: 'new.evaluator', displayName: 'E', roles: ['evaluator'] },
    });
    expect(en.body.title).toBe('Some fields are invalid');
    expect(en.body.errors).toEqual([
      {
        pointer: '/agencyId',
        code: 'agency_required',
        message: 'Evaluators and agency leads need a third-party agency',
      },
    ]);
  });

  it('refuses a unit outside the chosen department', async () => {
    const response = await stack.call('POST', '/api/v1/users', {
      token: admin,
      body: {
        id: uuidV7(),
        username: 'wrong.unit',
        displayName: '错单位',
        roles: ['unit-preparer'],
        departmentId: demoId('department:101'),
        unitId: demoId('unit:102001'),
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].code).toBe('unit_outside_department');
  });

  it('creates a user who can then sign in with the roles and organisation given', async () => {
    const id = uuidV7();
    const created = await stack.call('POST', '/api/v1/users', {
      token: admin,
      body: {
        id,
        username: 'Li.Na',
        displayName: '李娜',
        roles: ['unit-preparer', 'unit-approver'],
        departmentId: demoId('department:109'),
        unitId: demoId('unit:109002'),
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.username).toBe('li.na');
    const listed = await stack.call('GET', '/local-idp/users');
    expect(listed.body.items.find((u: { id: string }) => u.id === id)).toMatchObject({
      displayName: '李娜',
      organisation: '东丽区农业农村委员会',
    });
    const token = await stack.call('POST', '/local-idp/token', { body: { userId: id } });
    const me = await stack.call('GET', '/api/v1/me', { token: token.body.idToken });
    expect(me.body).toMatchObject({
      userId: id,
      displayName: '李娜',
      roles: ['unit-preparer', 'unit-approver'],
      tenant: { id: '120110000', name: '天津市东丽区' },
      department: { name: '东丽区农业农村委员会' },
      unit: { name: '东丽区农业技术推广中心' },
    });
  });

  it('filters users by role', async () => {
    const response = await stack.call('GET', '/api/v1/users?role=evaluator', { token: admin });
    expect(response.body.items.map((u: { username: string }) => u.username)).toEqual(['evaluator']);
  });
});
