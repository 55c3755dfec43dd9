import { uuidV7 } from '@jixiao/core/ids.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { operationRunner, recordLoader } from '@jixiao/infra/local/record-loader.ts';

/** A second fiscal region (天津市河西区) with one record of each kind, for cross-tenant tests. */
export const otherTenant = { id: '120103000', name: '天津市河西区', shortName: '河西区' };

export interface TenantRecords {
  section: string;
  department: string;
  unit: string;
  agency: string;
  user: string;
  indicator: string;
  project: string;
  target: string;
  exAnte: string;
}

export const seedOtherTenant = async (store: RecordStore): Promise<TenantRecords> => {
  await store.putTenant(otherTenant);
  const load = recordLoader(store, otherTenant.id, 'other-admin');
  const ids: TenantRecords = {
    section: uuidV7(),
    department: uuidV7(),
    unit: uuidV7(),
    agency: uuidV7(),
    user: uuidV7(),
    indicator: uuidV7(),
    project: uuidV7(),
    target: uuidV7(),
    exAnte: uuidV7(),
  };
  await load('createFinanceSection', { id: ids.section, code: 'HXJKW', name: '河西区教科文科', type: 'BUSINESS' });
  await load('createDepartment', {
    id: ids.department,
    code: '902',
    name: '河西区教育局',
    series: 'GOVERNMENT',
    financeSectionId: ids.section,
  });
  await load('createUnit', {
    id: ids.unit,
    code: '902001',
    name: '河西区教育局（本级）',
    departmentId: ids.department,
    unitType: 'ADMINISTRATIVE',
  });
  await load('createAgency', {
    id: ids.agency,
    name: '河西某咨询有限公司',
    creditCode: '91120103MA07C4D52X',
    kind: 'CONSULTANCY',
  });
  await load('createUser', {
    id: ids.user,
    username: 'hx-preparer',
    displayName: '河西填报人',
    roles: ['unit-preparer'],
    departmentId: ids.department,
    unitId: ids.unit,
  });
  await load('createIndicator', {
    id: ids.indicator,
    fiscalYear: 2026,
    code: 'HX-001',
    name: '河西区学生资助人次',
    level1: 'OUTPUT',
    level2: 'QUANTITY',
    scope: 'SECTOR',
    sector: 'VETERANS_AFFAIRS',
    operator: 'GTE',
    unit: '人次',
    referenceValue: '500',
    valueBasis: 'PLAN',
    scoringStandard: '完成值≥目标值得满分',
    validFrom: '2026-01-01',
  });
  const run = operationRunner(store, otherTenant.id);
  const unitPerson = {
    userId: 'hx-preparer',
    roles: ['unit-preparer' as const],
    departmentId: ids.department,
    unitId: ids.unit,
  };
  await run('createProject', unitPerson, {
    body: {
      id: ids.project,
      fiscalYear: 2027,
      code: 'HX2027JY0001',
      name: '河西区学生资助',
      unitId: ids.unit,
      category: 'SPECIFIC_PURPOSE',
      nature: 'NEW',
      recurrence: 'RECURRING',
      periodStart: 2027,
      periodEnd: 2027,
      funds: { fiscal: 100_000_00, carryOver: 0, other: 0 },
      functionalClass: '20509',
      majorPolicy: true,
    },
  });
  await run('createProjectTarget', unitPerson, { params: { id: ids.project }, body: { id: ids.target } });
  await run(
    'createExAnteAssessment',
    { userId: 'hx-perf', roles: ['performance-section-reviewer'] },
    {
      body: { id: ids.exAnte, projectId: ids.project, assessorType: 'THIRD_PARTY', agencyId: ids.agency },
    },
  );
  return ids;
};
