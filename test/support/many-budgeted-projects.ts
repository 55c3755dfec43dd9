import { uuidV7 } from '@jixiao/core/ids.ts';
import type { RecordStore, StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import { projectKind, targetKind } from '@jixiao/functions/submission/record-kinds.ts';
import { demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { seedBudgetedProjects } from './budgeted-projects.ts';

/**
 * Many budgeted projects of a demo unit, quickly: one is taken into the budget through the API's
 * own operations (seedBudgetedProjects), the rest are copies of its project and approved target
 * under new ids and codes, written through the record store. Taking each through the whole review
 * would cost minutes for the thousands the batch-limit tests need. Answers the project ids.
 */
export const seedManyBudgetedProjects = async (
  store: RecordStore,
  where: { department: string; unit: string; section: string; count: number; prefix: string },
): Promise<string[]> => {
  const [firstId] = await seedBudgetedProjects(store, { ...where, count: 1 });
  const tenant = demoTenant.id;
  const project = (await store.get<StoredRecord>(tenant, projectKind, firstId!))!;
  const target = (await store.get<StoredRecord>(tenant, targetKind, String(project.approvedTargetId)))!;
  const at = new Date().toISOString();
  const context = { actor: 'fixture:many-projects', actorRoles: [], requestId: uuidV7(), at };
  const copy = async (i: number): Promise<string> => {
    const id = uuidV7();
    const targetId = uuidV7();
    const code = `${where.prefix}${String(i).padStart(5, '0')}`;
    const name = `${String(project.name)}（${i}）`;
    const funds = { fiscal: 1_000_000_00 * i, carryOver: 0, other: 0 };
    const made = await store.create(
      tenant,
      projectKind,
      { ...project, id, code, name, funds, currentTargetId: targetId, approvedTargetId: targetId },
      { hash: `many-projects:${id}`, context: { ...context, requestId: uuidV7() } },
    );
    if (made.outcome !== 'created') throw new Error(`project copy ${code}: ${made.outcome}`);
    const made2 = await store.create(
      tenant,
      targetKind,
      {
        ...target,
        id: targetId,
        projectId: id,
        projectCode: code,
        projectName: name,
        ...(typeof target.annualTotalFen === 'number' ? { annualTotalFen: funds.fiscal } : {}),
      },
      { hash: `many-targets:${targetId}`, context: { ...context, requestId: uuidV7() } },
    );
    if (made2.outcome !== 'created') throw new Error(`target copy ${code}: ${made2.outcome}`);
    return id;
  };
  const ids: string[] = [firstId!];
  // A few at a time: DynamoDB Local is shared with the other tests.
  for (let i = 2; i <= where.count; i += 8) {
    const batch = Array.from({ length: Math.min(8, where.count - i + 1) }, (_, k) => i + k);
    ids.push(...(await Promise.all(batch.map(copy))));
  }
  return ids;
};
