import type { Role } from '@jixiao/core/roles.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { demoAgencies, demoDepartments, demoId, demoSections, demoTenant, demoUsers } from '#infra/local/demo-data.ts';
import { seedDemoFieldwork } from '#infra/local/demo-fieldwork.ts';
import { demoIndicators, demoLibraryYear } from '#infra/local/demo-indicators.ts';
import { seedDemoMonitoring } from '#infra/local/demo-monitoring.ts';
import { type DemoProject, type DemoReach, demoProjects, demoProjectYear } from '#infra/local/demo-projects.ts';
import { seedDemoSelfEvaluation } from '#infra/local/demo-self-evaluation.ts';
import { type Actor, operationRunner, recordLoader } from '#infra/local/record-loader.ts';

export interface SeedReport {
  created: number;
  unchanged: number;
}

/**
 * Loads the Dongli demo through the same create operations the API runs (validation, references,
 * audit). Ids are stable, so a second load only replays the creates: it adds nothing.
 */
export const seedDemoData = async (
  store: RecordStore,
  options: { selfEvaluation?: boolean } = {},
): Promise<SeedReport> => {
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
  await seedDemoProjects(store);
  await seedDemoFieldwork(store);
  await seedDemoMonitoring(store);
  if (options.selfEvaluation ?? true) await seedDemoSelfEvaluation(store);
  return report;
};

const reachOrder: DemoReach[] = ['draft', 'unit-submitted', 'dept-approved', 'first-reviewed', 'approved', 'budgeted'];
const passes = (project: DemoProject, step: DemoReach) =>
  project.reach !== 'returned' && reachOrder.indexOf(project.reach) >= reachOrder.indexOf(step);

/**
 * The 2027 projects, each taken through the review as far as its `reach` by the people whose step
 * it is. A project that already exists is left as it is, so loading twice adds nothing.
 */
const seedDemoProjects = async (store: RecordStore): Promise<void> => {
  const run = operationRunner(store, demoTenant.id);
  const bureau = (role: Role): Actor => ({ userId: `demo:${role}`, roles: [role] });
  await run('rollOverIndicators', bureau('performance-section-reviewer'), {
    body: { fromYear: demoLibraryYear, toYear: demoProjectYear },
  });
  for (const p of demoProjects) {
    const departmentId = demoId(`department:${p.department}`);
    const unitId = demoId(`unit:${p.unit}`);
    const unitActor = (role: Role): Actor => ({
      userId: `demo:${role}:${p.unit}`,
      roles: [role],
      departmentId,
      unitId,
    });
    const created = await run('createProject', unitActor('unit-preparer'), {
      body: {
        id: demoId(`project:${p.key}`),
        fiscalYear: p.fiscalYear ?? demoProjectYear,
        code: p.code,
        name: p.name,
        unitId,
        category: p.category,
        nature: p.nature,
        recurrence: p.recurrence,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        funds: p.funds,
        mediumTermTotal: p.mediumTermTotal ?? null,
        functionalClass: p.functionalClass,
        majorPolicy: p.majorPolicy,
        description: p.description,
      },
    });
    if (created.replayed) continue;
    const projectId = String(created.body.id);
    let target = (
      await run('createProjectTarget', unitActor('unit-preparer'), {
        params: { id: projectId },
        body: { id: demoId(`target:${p.key}:1`) },
      })
    ).body;
    const id = String(target.id);
    const step = async (operationId: string, actor: Actor, body: Record<string, unknown> = {}) => {
      target = (await run(operationId, actor, { params: { id }, body: { version: target.version, ...body } })).body;
    };
    await step('saveTarget', unitActor('unit-preparer'), {
      annualGoal: p.annualGoal,
      mediumTermGoal: p.mediumTermGoal ?? '',
      rows: p.rows,
    });
    if (p.reach === 'draft') continue;
    await step('submitTarget', unitActor('unit-approver'), { opinion: '经单位审核，同意送审。' });
    const department: Actor = { userId: 'demo:department-reviewer', roles: ['department-reviewer'], departmentId };
    if (p.reach === 'returned') {
      const costRow = p.rows.find((r) => r.level2 === 'COST');
      await step('departmentReviewTarget', department, {
        decision: 'return',
        opinion: '成本指标需与资助标准一致，请修改后重新送审。',
        rowComments: costRow ? { [costRow.rowId]: '户均补贴金额应按每生每年2000元标准核定。' } : {},
      });
      continue;
    }
    if (passes(p, 'dept-approved'))
      await step('departmentReviewTarget', department, { decision: 'approve', opinion: '同意。' });
    if (passes(p, 'first-reviewed')) {
      const section = demoDepartments.find((d) => d.code === p.department)!.section;
      const business: Actor = {
        ...bureau('business-section-reviewer'),
        sectionId: demoId(`section:${section}`),
      };
      await step('firstReviewTarget', business, {
        decision: 'approve',
        opinion: '项目与部门职能相符，资金测算合理。',
      });
    }
    if (passes(p, 'approved')) {
      await step('finalReviewTarget', bureau('performance-section-reviewer'), {
        decision: 'approve',
        grade: 'GOOD',
        opinion: '指标较完整，建议细化质量指标。',
      });
    }
    if (passes(p, 'budgeted')) {
      const project = (await run('getProject', bureau('performance-section-reviewer'), { params: { id: projectId } }))
        .body;
      await run('markProjectBudgeted', bureau('performance-section-reviewer'), {
        params: { id: projectId },
        body: { version: project.version },
      });
    }
    if (p.exAnteAgency) {
      await run('createExAnteAssessment', bureau('performance-section-reviewer'), {
        body: {
          id: demoId(`ex-ante:${p.key}`),
          projectId,
          assessorType: 'THIRD_PARTY',
          agencyId: demoId(`agency:${p.exAnteAgency}`),
          summary: '委托第三方机构开展事前绩效评估，现场调研已完成。',
        },
      });
    }
  }
};
