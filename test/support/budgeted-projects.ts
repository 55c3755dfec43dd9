import { uuidV7 } from '@jixiao/core/ids.ts';
import type { Role } from '@jixiao/core/roles.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoProjects } from '@jixiao/infra/local/demo-projects.ts';
import { type Actor, operationRunner } from '@jixiao/infra/local/record-loader.ts';

/**
 * Budgeted 2026 projects of a demo unit, taken there through the API's own operations (targets
 * written, reviewed at every level, graded 良, put into the budget). Their targets are those of
 * the demo's 2026 property-services project.
 */
export const seedBudgetedProjects = async (
  store: RecordStore,
  where: { department: string; unit: string; section: string; count: number; prefix: string },
): Promise<string[]> => {
  const template = demoProjects.find((p) => p.fiscalYear === 2026)!;
  const run = operationRunner(store, demoTenant.id);
  const departmentId = demoId(`department:${where.department}`);
  const unitId = demoId(`unit:${where.unit}`);
  const unit = (role: Role): Actor => ({ userId: `test:${role}`, roles: [role], departmentId, unitId });
  const bureau = (role: Role, extra: Partial<Actor> = {}): Actor => ({
    userId: `test:${role}`,
    roles: [role],
    ...extra,
  });
  const ids: string[] = [];
  for (let i = 1; i <= where.count; i++) {
    const projectId = uuidV7();
    await run('createProject', unit('unit-preparer'), {
      body: {
        id: projectId,
        fiscalYear: 2026,
        code: `${where.prefix}${String(i).padStart(4, '0')}`,
        name: `${template.name}（${i}）`,
        unitId,
        category: template.category,
        nature: template.nature,
        recurrence: template.recurrence,
        periodStart: 2026,
        periodEnd: 2026,
        funds: { fiscal: 1_000_000_00 * i, carryOver: 0, other: 0 },
        mediumTermTotal: null,
        functionalClass: template.functionalClass,
        majorPolicy: false,
        description: '',
      },
    });
    let target = (
      await run('createProjectTarget', unit('unit-preparer'), { params: { id: projectId }, body: { id: uuidV7() } })
    ).body;
    const step = async (operationId: string, actor: Actor, body: Record<string, unknown> = {}) => {
      target = (
        await run(operationId, actor, { params: { id: String(target.id) }, body: { version: target.version, ...body } })
      ).body;
    };
    await step('saveTarget', unit('unit-preparer'), { annualGoal: template.annualGoal, rows: template.rows });
    await step('submitTarget', unit('unit-approver'));
    await step(
      'departmentReviewTarget',
      { userId: 'test:dept', roles: ['department-reviewer'], departmentId },
      { decision: 'approve' },
    );
    await step(
      'firstReviewTarget',
      bureau('business-section-reviewer', { sectionId: demoId(`section:${where.section}`) }),
      {
        decision: 'approve',
      },
    );
    await step('finalReviewTarget', bureau('performance-section-reviewer'), { decision: 'approve', grade: 'GOOD' });
    const project = (await run('getProject', bureau('performance-section-reviewer'), { params: { id: projectId } }))
      .body;
    await run('markProjectBudgeted', bureau('performance-section-reviewer'), {
      params: { id: projectId },
      body: { version: project.version },
    });
    ids.push(projectId);
  }
  return ids;
};
