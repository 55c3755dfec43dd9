import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { demoAgencies, demoDepartments, demoId, demoSections, demoTenant, demoUsers } from '#infra/local/demo-data.ts';
import { demoIndicators, demoLibraryYear } from '#infra/local/demo-indicators.ts';
import { recordLoader } from '#infra/local/record-loader.ts';

export interface SeedReport {
  created: number;
  unchanged: number;
}

/**
 * Loads the Dongli demo through the same create operations the API runs (validation, references,
 * audit). Ids are stable, so a second load only replays the creates: it adds nothing.
 */
export const seedDemoData = async (store: RecordStore): Promise<SeedReport> => {
  const load = recordLoader(store, demoTenant.id, 'system:demo-loader');
  const report: SeedReport = { created: 0, unchanged: 0 };
  await store.putTenant(demoTenant);
  const create = async (operationId: string, body: Record<string, unknown>) => {
    report[await load(operationId, body)]++;
  };

  for (const s of demoSections) {
    await create('createFinanceSection', { id: demoId(`section:${s.code}`), ...s });
  }
  for (const d of demoDepartments) {
    await create('createDepartment', {
      id: demoId(`department:${d.code}`),
      code: d.code,
      name: d.name,
      series: d.series,
      financeSectionId: demoId(`section:${d.section}`),
      isFinanceBureau: d.isFinanceBureau ?? false,
    });
    for (const u of d.units) {
      await create('createUnit', {
        id: demoId(`unit:${u.code}`),
        departmentId: demoId(`department:${d.code}`),
        ...u,
      });
    }
  }
  for (const a of demoAgencies) {
    await create('createAgency', { id: demoId(`agency:${a.creditCode}`), ...a });
  }
  for (const u of demoUsers) {
    await create('createUser', {
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
  for (const indicator of demoIndicators) {
    await create('createIndicator', {
      id: demoId(`indicator:${indicator.code}`),
      fiscalYear: demoLibraryYear,
      validFrom: `${demoLibraryYear}-01-01`,
      ...indicator,
    });
  }
  return report;
};
