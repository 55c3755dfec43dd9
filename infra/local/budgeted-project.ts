import type { Role } from '@jixiao/core/roles.ts';
import type { TargetRow } from '@jixiao/core/submission/performance-target.ts';
import type { ProjectFunds } from '@jixiao/core/submission/project.ts';
import type { Actor, operationRunner } from '#infra/local/record-loader.ts';

export interface BudgetedProjectInput {
  id: string;
  targetId: string;
  fiscalYear: number;
  code: string;
  name: string;
  category: string;
  recurrence: string;
  funds: ProjectFunds;
  functionalClass: string;
  annualGoal: string;
  rows: readonly TargetRow[];
}

/**
 * A continuing project of a unit taken into the budget through the API's own operations by the
 * people whose step each is: registered, its targets written, sent, approved by the department,
 * the business section and the performance section (graded 良), and put into the budget. For the
 * demo's monitoring round and for tests that need budgeted projects.
 */
export const createBudgetedProject = async (
  run: ReturnType<typeof operationRunner>,
  where: { departmentId: string; unitId: string; sectionId: string },
  p: BudgetedProjectInput,
): Promise<string> => {
  const unit = (role: Role): Actor => ({
    userId: `demo:${role}`,
    roles: [role],
    departmentId: where.departmentId,
    unitId: where.unitId,
  });
  const bureau = (role: Role, extra: Partial<Actor> = {}): Actor => ({
    userId: `demo:${role}`,
    roles: [role],
    ...extra,
  });
  const created = await run('createProject', unit('unit-preparer'), {
    body: {
      id: p.id,
      fiscalYear: p.fiscalYear,
      code: p.code,
      name: p.name,
      unitId: where.unitId,
      category: p.category,
      nature: 'CONTINUING',
      recurrence: p.recurrence,
      periodStart: p.fiscalYear,
      periodEnd: p.fiscalYear,
      funds: p.funds,
      mediumTermTotal: null,
      functionalClass: p.functionalClass,
      majorPolicy: false,
      description: '',
    },
  });
  if (created.replayed) return p.id;
  let target = (
    await run('createProjectTarget', unit('unit-preparer'), { params: { id: p.id }, body: { id: p.targetId } })
  ).body;
  const step = async (operationId: string, actor: Actor, body: Record<string, unknown> = {}) => {
    target = (await run(operationId, actor, { params: { id: p.targetId }, body: { version: target.version, ...body } }))
      .body;
  };
  await step('saveTarget', unit('unit-preparer'), { annualGoal: p.annualGoal, rows: p.rows });
  await step('submitTarget', unit('unit-approver'), { opinion: '经单位审核，同意送审。' });
  await step(
    'departmentReviewTarget',
    { ...bureau('department-reviewer'), departmentId: where.departmentId },
    { decision: 'approve' },
  );
  await step('firstReviewTarget', bureau('business-section-reviewer', { sectionId: where.sectionId }), {
    decision: 'approve',
  });
  await step('finalReviewTarget', bureau('performance-section-reviewer'), { decision: 'approve', grade: 'GOOD' });
  const project = (await run('getProject', bureau('performance-section-reviewer'), { params: { id: p.id } })).body;
  await run('markProjectBudgeted', bureau('performance-section-reviewer'), {
    params: { id: p.id },
    body: { version: project.version },
  });
  return p.id;
};
