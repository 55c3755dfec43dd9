import { createAgency } from '@jixiao/core/organisation/agency.ts';
import { createDepartment } from '@jixiao/core/organisation/department.ts';
import { createFinanceSection } from '@jixiao/core/organisation/finance-section.ts';
import { createUnit } from '@jixiao/core/organisation/unit.ts';
import { createUser } from '@jixiao/core/organisation/user.ts';
import type { Principal } from '@jixiao/core/principal.ts';
import { validate } from '@jixiao/core/validation.ts';
import type { Operation } from '@jixiao/functions/http/api-event.ts';
import { organisationOperations } from '@jixiao/functions/organisation/organisation-operations.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import type * as v from 'valibot';
import { demoAgencies, demoDepartments, demoId, demoSections, demoTenant, demoUsers } from '#infra/local/demo-data.ts';

export interface SeedReport {
  created: number;
  unchanged: number;
}

/**
 * Loads the Dongli demo through the same create operations the API runs (validation, references,
 * audit). Ids are stable, so a second load only replays the creates: it adds nothing.
 */
export const seedDemoData = async (store: RecordStore): Promise<SeedReport> => {
  const ops = organisationOperations(store);
  const principal: Principal = {
    subject: 'system:demo-loader',
    userId: 'system:demo-loader',
    tenant: demoTenant.id,
    roles: ['tenant-admin'],
  };
  const report: SeedReport = { created: 0, unchanged: 0 };
  await store.putTenant(demoTenant);

  const create = async (operationId: string, schema: v.GenericSchema, body: Record<string, unknown>) => {
    const checked = validate(schema, body, 'en');
    if (!checked.ok)
      throw new Error(`Demo data ${operationId} ${JSON.stringify(body)}: ${JSON.stringify(checked.errors)}`);
    const operation = ops[operationId] as Operation;
    const result = await operation({
      principal,
      language: 'en',
      requestId: `seed-${body.id}`,
      params: {},
      query: {},
      body: checked.value,
      receivedAt: new Date().toISOString(),
    });
    if (result.headers?.['idempotent-replayed']) report.unchanged++;
    else report.created++;
  };

  for (const s of demoSections) {
    await create('createFinanceSection', createFinanceSection, { id: demoId(`section:${s.code}`), ...s });
  }
  for (const d of demoDepartments) {
    await create('createDepartment', createDepartment, {
      id: demoId(`department:${d.code}`),
      code: d.code,
      name: d.name,
      series: d.series,
      financeSectionId: demoId(`section:${d.section}`),
      isFinanceBureau: d.isFinanceBureau ?? false,
    });
    for (const u of d.units) {
      await create('createUnit', createUnit, {
        id: demoId(`unit:${u.code}`),
        departmentId: demoId(`department:${d.code}`),
        ...u,
      });
    }
  }
  for (const a of demoAgencies) {
    await create('createAgency', createAgency, { id: demoId(`agency:${a.creditCode}`), ...a });
  }
  for (const u of demoUsers) {
    await create('createUser', createUser, {
      id: demoId(`user:${u.username}`),
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      ...(u.department ? { departmentId: demoId(`department:${u.department}`) } : {}),
      ...(u.unit ? { unitId: demoId(`unit:${u.unit}`) } : {}),
      ...(u.agency ? { agencyId: demoId(`agency:${u.agency}`) } : {}),
      ...(u.section ? { financeSectionId: demoId(`section:${u.section}`) } : {}),
    });
  }
  return report;
};
