import { uuidV7 } from '@jixiao/core/ids.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { createBudgetedProject } from '@jixiao/infra/local/budgeted-project.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoProjects } from '@jixiao/infra/local/demo-projects.ts';
import { operationRunner } from '@jixiao/infra/local/record-loader.ts';

/**
 * Budgeted 2026 projects of a demo unit, taken there through the API's own operations. Their
 * targets are those of the demo's 2026 property-services project; the i-th has a budget of i
 * million 元.
 */
export const seedBudgetedProjects = async (
  store: RecordStore,
  where: { department: string; unit: string; section: string; count: number; prefix: string },
): Promise<string[]> => {
  const template = demoProjects.find((p) => p.fiscalYear === 2026)!;
  const run = operationRunner(store, demoTenant.id);
  const ids: string[] = [];
  for (let i = 1; i <= where.count; i++) {
    ids.push(
      await createBudgetedProject(
        run,
        {
          departmentId: demoId(`department:${where.department}`),
          unitId: demoId(`unit:${where.unit}`),
          sectionId: demoId(`section:${where.section}`),
        },
        {
          id: uuidV7(),
          targetId: uuidV7(),
          fiscalYear: 2026,
          code: `${where.prefix}${String(i).padStart(4, '0')}`,
          name: `${template.name}（${i}）`,
          category: template.category,
          recurrence: template.recurrence,
          funds: { fiscal: 1_000_000_00 * i, carryOver: 0, other: 0 },
          functionalClass: template.functionalClass,
          annualGoal: template.annualGoal,
          rows: template.rows,
        },
      ),
    );
  }
  return ids;
};
