import { uuidV7 } from '@jixiao/core/ids.ts';
import { type Role, roles } from '@jixiao/core/roles.ts';
import {
  agencyKind,
  departmentKind,
  financeSectionKind,
  unitKind,
  userKind,
} from '@jixiao/functions/organisation/record-kinds.ts';
import type { RecordKind } from '@jixiao/functions/ports/record-store.ts';
import { routes } from '@jixiao/functions/routes.ts';
import { indicatorKind } from '@jixiao/functions/submission/record-kinds.ts';
import { demoId, demoTenant, demoUsers } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherTenant, seedOtherTenant, type TenantRecords } from '../support/other-tenant.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Every route × role × relation has an expected outcome written here by hand, independently of
 * the route table's `access` lists; a route without a row fails the suite.
 *
 * Relation = where the record the call acts on lives, seen from the caller (a demo user of 东丽区
 * whose department is 东丽区教育局 where the role has one): in the caller's own department, in
 * another department of the same tenant, or in another tenant (天津市河西区). Other tenants'
 * records are hidden (404 / 422 for references), never shown.
 */
type Relation = 'own-department' | 'other-department' | 'other-tenant';
type Caller = Role | 'anonymous';
const relations: readonly Relation[] = ['own-department', 'other-department', 'other-tenant'];
const callers: readonly Caller[] = [...roles, 'anonymous'];

type Outcomes = readonly [number, number, number];

interface Row {
  /** Outcomes per relation for the roles named here… */
  roles?: Partial<Record<Role, Outcomes>>;
  /** …and for every other signed-in role (a number: the same for every relation). */
  others?: number | Outcomes;
  anonymous?: number;
  everyone?: number;
}

const adminRead: Row = { roles: { 'tenant-admin': [200, 200, 404] }, others: 403, anonymous: 401 };
const adminList: Row = { roles: { 'tenant-admin': [200, 200, 200] }, others: 403, anonymous: 401 };
const adminCreateWithReference: Row = { roles: { 'tenant-admin': [201, 201, 422] }, others: 403, anonymous: 401 };
const adminCreateStandalone: Row = { roles: { 'tenant-admin': [201, 201, 201] }, others: 403, anonymous: 401 };
const perf = 'performance-section-reviewer';

const matrix: Record<string, Row> = {
  getHealth: { everyone: 200 },
  getOpenApi: { everyone: 200 },
  getMe: { others: 200, anonymous: 401 },

  listFinanceSections: adminList,
  createFinanceSection: adminCreateStandalone,
  getFinanceSection: adminRead,
  updateFinanceSection: adminRead,
  getFinanceSectionHistory: adminRead,

  listDepartments: adminList,
  createDepartment: adminCreateWithReference,
  getDepartment: adminRead,
  updateDepartment: adminRead,
  getDepartmentHistory: adminRead,

  listUnits: adminList,
  createUnit: adminCreateWithReference,
  getUnit: adminRead,
  updateUnit: adminRead,
  getUnitHistory: adminRead,

  listAgencys: adminList,
  createAgency: adminCreateStandalone,
  getAgency: adminRead,
  updateAgency: adminRead,
  getAgencyHistory: adminRead,

  listUsers: adminList,
  createUser: adminCreateWithReference,
  getUser: adminRead,
  updateUser: adminRead,
  getUserHistory: adminRead,

  // The indicator library is tenant-wide: everyone searches it, the performance section keeps it.
  listIndicators: { others: 200, anonymous: 401 },
  getIndicator: { others: [200, 200, 404], anonymous: 401 },
  createIndicator: { roles: { [perf]: [201, 201, 201] }, others: 403, anonymous: 401 },
  updateIndicator: { roles: { [perf]: [200, 200, 404] }, others: 403, anonymous: 401 },
  rollOverIndicators: { roles: { [perf]: [200, 200, 200] }, others: 403, anonymous: 401 },
  getIndicatorHistory: {
    roles: { [perf]: [200, 200, 404], 'tenant-admin': [200, 200, 404] },
    others: 403,
    anonymous: 401,
  },
};

const expectedStatus = (row: Row, caller: Caller, relation: Relation): number | undefined => {
  if (row.everyone !== undefined) return row.everyone;
  if (caller === 'anonymous') return row.anonymous;
  const outcome = row.roles?.[caller] ?? row.others;
  return typeof outcome === 'number' ? outcome : outcome?.[relations.indexOf(relation)];
};

let stack: TestStack;
let other: TenantRecords;
const tokens = new Map<Role, string>();

type Targets = Record<'section' | 'department' | 'unit' | 'agency' | 'user' | 'indicator', string>;
const targets = (relation: Relation): Targets =>
  relation === 'own-department'
    ? {
        section: demoId('section:JKW'),
        department: demoId('department:102'),
        unit: demoId('unit:102001'),
        agency: demoId('agency:91120110MA05JX8K2Q'),
        user: demoId('user:unit-preparer'),
        indicator: demoId('indicator:GX-DJ-001'),
      }
    : relation === 'other-department'
      ? {
          section: demoId('section:JJJS'),
          department: demoId('department:101'),
          unit: demoId('unit:101001'),
          agency: demoId('agency:91120116MA06B3T71L'),
          user: demoId('user:observer'),
          indicator: demoId('indicator:HY-WR-001'),
        }
      : other;

const kinds: Record<string, [RecordKind, keyof Targets]> = {
  FinanceSection: [financeSectionKind, 'section'],
  Department: [departmentKind, 'department'],
  Unit: [unitKind, 'unit'],
  Agency: [agencyKind, 'agency'],
  User: [userKind, 'user'],
  Indicator: [indicatorKind, 'indicator'],
};

const suffix = () =>
  Math.floor(Math.random() * 1e9)
    .toString()
    .padStart(9, '0');

/** The request each operation makes for a relation: which record, which body. */
const requestFor = async (operationId: string, relation: Relation): Promise<{ path: string; body?: unknown }> => {
  const t = targets(relation);
  const route = routes.find((r) => r.operationId === operationId)!;
  const entity = /^(?:list|create|get|update)(\w+?)(?:s|History)?$/.exec(operationId)?.[1] ?? '';
  const [kind, key] = kinds[entity] ?? [undefined, undefined];
  const path = route.path.replace('{id}', key ? t[key] : '');
  if (route.method === 'PATCH' && kind && key) {
    const tenant = relation === 'other-tenant' ? otherTenant.id : demoTenant.id;
    const current = await stack.store.get(tenant, kind, t[key]);
    const field = entity === 'User' ? 'displayName' : 'name';
    return { path, body: { version: current?.version ?? 1, [field]: `改名${suffix()}` } };
  }
  if (route.method !== 'POST') return { path };
  const id = uuidV7();
  const code = suffix();
  const bodies: Record<string, unknown> = {
    createFinanceSection: { id, code: `S${code}`, name: `测试科室${code}`, type: 'BUSINESS' },
    createDepartment: { id, code, name: `测试部门${code}`, series: 'GOVERNMENT', financeSectionId: t.section },
    createUnit: { id, code, name: `测试单位${code}`, departmentId: t.department, unitType: 'OTHER' },
    createAgency: { id, name: `测试机构${code}`, creditCode: `91120110${code}X`, kind: 'OTHER' },
    rollOverIndicators: { fromYear: 2026, toYear: 2030 },
    createIndicator: {
      id,
      fiscalYear: 2026,
      code: `T-${code}`,
      name: '测试指标',
      level1: 'OUTPUT',
      level2: 'QUANTITY',
      scope: 'SECTOR',
      sector: 'POSTAL',
      operator: 'GTE',
      unit: '个',
      referenceValue: '10',
      valueBasis: 'PLAN',
      scoringStandard: '完成值≥目标值得满分',
      validFrom: '2026-01-01',
    },
    createUser: {
      id,
      username: `u${code}`,
      displayName: '测试用户',
      roles: ['department-reviewer'],
      departmentId: t.department,
    },
  };
  return { path, body: bodies[operationId] };
};

beforeAll(async () => {
  stack = await startTestStack();
  other = await seedOtherTenant(stack.store);
  for (const role of roles) {
    const user = demoUsers.find((u) => u.roles.includes(role))!;
    tokens.set(role, await stack.tokenFor(user.username));
  }
});
afterAll(() => stack?.stop());

describe('authorization matrix', () => {
  it('has a row for every route in the route table, and no row without a route', () => {
    const operationIds = routes.map((r) => r.operationId).sort();
    expect(Object.keys(matrix).sort()).toEqual(operationIds);
  });

  for (const route of routes) {
    describe(`${route.method} ${route.path}`, () => {
      for (const caller of callers) {
        for (const relation of relations) {
          it(`${caller} / ${relation}`, async () => {
            const row = matrix[route.operationId];
            expect(row, `no matrix row for ${route.operationId}`).toBeDefined();
            const expected = expectedStatus(row!, caller, relation);
            expect(expected, `no outcome for ${caller}/${relation}`).toBeDefined();
            const { path, body } = await requestFor(route.operationId, relation);
            const token = caller === 'anonymous' ? undefined : tokens.get(caller);
            const response = await stack.call(route.method, path, { ...(token ? { token } : {}), body });
            expect(response.status, JSON.stringify(response.body)).toBe(expected);
            if (response.status >= 400) {
              expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
            }
            // Another tenant's records never show up in a list.
            if (relation === 'other-tenant' && response.status === 200 && Array.isArray(response.body.items)) {
              expect(JSON.stringify(response.body)).not.toContain(otherTenant.id);
              for (const id of Object.values(other)) expect(JSON.stringify(response.body)).not.toContain(id);
            }
          });
        }
      }
    });
  }
});
