import { uuidV7 } from '@jixiao/core/ids.ts';
import { createAgency } from '@jixiao/core/organisation/agency.ts';
import { createDepartment } from '@jixiao/core/organisation/department.ts';
import { createFinanceSection } from '@jixiao/core/organisation/finance-section.ts';
import { createUnit } from '@jixiao/core/organisation/unit.ts';
import { createUser } from '@jixiao/core/organisation/user.ts';
import { validate } from '@jixiao/core/validation.ts';
import type { Operation } from '@jixiao/functions/http/api-event.ts';
import { organisationOperations } from '@jixiao/functions/organisation/organisation-operations.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import type * as v from 'valibot';

/** A second fiscal region (天津市河西区) with one record of each kind, for cross-tenant tests. */
export const otherTenant = { id: '120103000', name: '天津市河西区', shortName: '河西区' };

export interface TenantRecords {
  section: string;
  department: string;
  unit: string;
  agency: string;
  user: string;
}

export const seedOtherTenant = async (store: RecordStore): Promise<TenantRecords> => {
  await store.putTenant(otherTenant);
  const ops = organisationOperations(store);
  const create = async (operationId: string, schema: v.GenericSchema, body: Record<string, unknown>) => {
    const checked = validate(schema, body, 'en');
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    await (ops[operationId] as Operation)({
      principal: { subject: 'other-admin', userId: 'other-admin', tenant: otherTenant.id, roles: ['tenant-admin'] },
      language: 'en',
      requestId: uuidV7(),
      params: {},
      query: {},
      body: checked.value,
      receivedAt: new Date().toISOString(),
    });
    return String(body.id);
  };
  const section = await create('createFinanceSection', createFinanceSection, {
    id: uuidV7(),
    code: 'HXJKW',
    name: '河西区教科文科',
    type: 'BUSINESS',
  });
  const department = await create('createDepartment', createDepartment, {
    id: uuidV7(),
    code: '902',
    name: '河西区教育局',
    series: 'GOVERNMENT',
    financeSectionId: section,
  });
  const unit = await create('createUnit', createUnit, {
    id: uuidV7(),
    code: '902001',
    name: '河西区教育局（本级）',
    departmentId: department,
    unitType: 'ADMINISTRATIVE',
  });
  const agency = await create('createAgency', createAgency, {
    id: uuidV7(),
    name: '河西某咨询有限公司',
    creditCode: '91120103MA07C4D52X',
    kind: 'CONSULTANCY',
  });
  const user = await create('createUser', createUser, {
    id: uuidV7(),
    username: 'hx-preparer',
    displayName: '河西填报人',
    roles: ['unit-preparer'],
    departmentId: department,
    unitId: unit,
  });
  return { section, department, unit, agency, user };
};
