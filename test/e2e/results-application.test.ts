import { randomUUID } from 'node:crypto';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { engagementKind } from '@jixiao/functions/fieldwork/record-kinds.ts';
import { createBudgetedProject } from '@jixiao/infra/local/budgeted-project.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoProjects } from '@jixiao/infra/local/demo-projects.ts';
import { type Actor, operationRunner } from '@jixiao/infra/local/record-loader.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launch, reflow, screenshot } from './browser.ts';
import { apiAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * Results application in the browser (docs/domain/results-application.md): the performance section decides the
 * measure of a key evaluation's result (中 → cut 10 %: 200 万元 → 180 万元) on a desktop; next year's project of the
 * same code shows the result and the recommended amount; 纳入预算 at 200 万元 asks for the reason and takes it; the
 * observer reads the trace on a phone. axe in Chinese and English.
 */
let stack: LocalStack;
let browser: Browser;
let phones: Phones;
let desktops: Phones;
const code = `RAE${randomUUID().replaceAll('-', '').slice(0, 8).toUpperCase()}`;
const department = demoId('department:102');
const unit = demoId('unit:102001');
const section = demoId('section:JKW');
let engagementId = '';
let nextProjectId = '';

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const api = (p: Page, method: string, path: string, body?: unknown) => apiAs(p, stack.url, method, path, body);

beforeAll(async () => {
  stack = await startWebStack('e2e-results');
  browser = await launch();
  phones = new Phones(browser, stack.url);
  desktops = new Phones(browser, stack.url, { viewport: { width: 1280, height: 800 } });
  const run = operationRunner(stack.store, demoTenant.id);
  const where = { departmentId: department, unitId: unit, sectionId: section };
  const thisYear = demoProjects.find((p) => p.fiscalYear === 2026)!;
  const projectId = await createBudgetedProject(run, where, {
    id: uuidV7(),
    targetId: uuidV7(),
    fiscalYear: 2026,
    code,
    name: '校园食堂改造（结果应用）',
    category: thisYear.category,
    recurrence: thisYear.recurrence,
    funds: { fiscal: 200_0000_00, carryOver: 0, other: 0 },
    functionalClass: thisYear.functionalClass,
    annualGoal: thisYear.annualGoal,
    rows: thisYear.rows,
  });
  // The key evaluation's conclusion, as the final report fixes it (that step is another feature's): 中, 72.5.
  engagementId = uuidV7();
  const at = new Date().toISOString();
  await stack.store.create(
    demoTenant.id,
    engagementKind,
    {
      id: engagementId,
      version: 1,
      status: 'active',
      createdAt: at,
      updatedAt: at,
      createdBy: 'e2e',
      updatedBy: 'e2e',
      kind: 'PROJECT',
      fiscalYear: 2026,
      title: '校园食堂改造重点评价',
      state: 'FINAL_REPORT',
      projectId,
      projectCode: code,
      projectName: '校园食堂改造（结果应用）',
      approvedTargetId: null,
      departmentId: department,
      departmentName: '东丽区教育局',
      agencyId: null,
      agencyName: null,
      releasedAt: at,
      conclusion: { score: 72.5, grade: 'FAIR', finalizedAt: at, finalizedBy: 'e2e', finalizedByName: '李明' },
    },
    { hash: engagementId, context: { actor: 'e2e', actorRoles: ['performance-section-reviewer'], requestId: at, at } },
  );
  // Next year's continuation, same code, 200 万元 again, its targets approved 良: ready for 纳入预算.
  const nextYear = demoProjects.find((p) => p.fiscalYear === undefined)!;
  nextProjectId = uuidV7();
  const targetId = uuidV7();
  const unitPerson = (role: 'unit-preparer' | 'unit-approver'): Actor => ({
    userId: `demo:${role}`,
    roles: [role],
    departmentId: department,
    unitId: unit,
  });
  await run('createProject', unitPerson('unit-preparer'), {
    body: {
      id: nextProjectId,
      fiscalYear: 2027,
      code,
      name: '校园食堂改造（2027年）',
      unitId: unit,
      category: nextYear.category,
      nature: 'CONTINUING',
      recurrence: nextYear.recurrence,
      periodStart: 2027,
      periodEnd: 2027,
      funds: { fiscal: 200_0000_00, carryOver: 0, other: 0 },
      mediumTermTotal: null,
      functionalClass: nextYear.functionalClass,
      majorPolicy: false,
      description: '',
    },
  });
  let target = (
    await run('createProjectTarget', unitPerson('unit-preparer'), {
      params: { id: nextProjectId },
      body: { id: targetId },
    })
  ).body;
  for (const [operationId, actor, body] of [
    ['saveTarget', unitPerson('unit-preparer'), { annualGoal: nextYear.annualGoal, rows: nextYear.rows }],
    ['submitTarget', unitPerson('unit-approver'), {}],
    [
      'departmentReviewTarget',
      { userId: 'demo:dept', roles: ['department-reviewer'], departmentId: department },
      { decision: 'approve' },
    ],
    [
      'firstReviewTarget',
      { userId: 'demo:biz', roles: ['business-section-reviewer'], sectionId: section },
      { decision: 'approve' },
    ],
    [
      'finalReviewTarget',
      { userId: 'demo:perf', roles: ['performance-section-reviewer'] },
      { decision: 'approve', grade: 'GOOD' },
    ],
  ] as const) {
    const result = await run(operationId, actor as Actor, {
      params: { id: targetId },
      body: { version: target.version, ...body },
    });
    expect(result.status, `${operationId}: ${JSON.stringify(result.body)}`).toBe(200);
    target = result.body;
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('results application', () => {
  it('the performance section decides the measure the policy proposes for a key evaluation graded 中', async () => {
    const performance = await desktops.of('perf-reviewer', 'bureau');
    await performance.goto(`${stack.url}/results/decide`);
    await visible(performance.getByRole('heading', { level: 1, name: '确定应用措施' }));
    await performance.getByLabel('评价年度').selectOption('2026');
    await performance.getByLabel('结果来源').selectOption('KEY_EVALUATION');
    const item = performance.locator(`li[data-source-id="${engagementId}"]`);
    await visible(item);
    await visible(item.getByText('政策建议：压减（比例） 10%'));
    await visible(item.getByText('下年度建议金额 180 万元'));
    await item.getByRole('button', { name: '确定' }).click();
    const dialog = performance.getByRole('dialog');
    await visible(dialog.getByText('下年度建议金额：180 万元'));
    // Another percentage departs from the policy: the API asks for the reason, the dialog shows it.
    await dialog.getByLabel('压减比例（%）').fill('20');
    await visible(dialog.getByText('下年度建议金额：160 万元'));
    await dialog.getByRole('button', { name: '确定' }).click();
    await visible(dialog.getByText('所选措施与本年度结果应用政策不一致，须说明理由'));
    await screenshot(performance, 'results-01-decide-departure');
    await dialog.getByLabel('压减比例（%）').fill('10');
    await dialog.getByRole('button', { name: '确定' }).click();
    await visible(performance.getByRole('status').getByText('已确定应用措施。'));
    await visible(item.getByText('已确定'));
    expect(await audit(performance)).toEqual([]);
    await screenshot(performance, 'results-02-decided');
    const decided = await api(performance, 'GET', `/result-applications?targetYear=2027&limit=100`);
    expect(decided.body.items.find((r: { sourceId: string }) => r.sourceId === engagementId)).toMatchObject({
      measure: 'REDUCE_PCT',
      pct: 10,
      recommendedAmount: 180_0000_00,
      departed: false,
    });
  });

  it("next year's project shows the result and the recommended amount; 纳入预算 above it asks for the reason", async () => {
    const preparer = await phones.of('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/projects/${nextProjectId}`);
    const panel = preparer.getByTestId('project-results');
    await visible(panel.getByRole('heading', { name: '上年度评价结果' }));
    await visible(panel.getByText('结果应用建议金额：180 万元'));
    await visible(panel.getByText('等级：中'));
    await screenshot(preparer, 'results-03-next-year-project');
    expect([...(await audit(preparer)), ...(await reflow(preparer))]).toEqual([]);

    const performance = await desktops.of('perf-reviewer', 'bureau');
    await performance.goto(`${stack.url}/projects/${nextProjectId}`);
    const gate = performance.locator('section.budget-gate');
    await visible(gate.getByText('预算金额 200 万元超过上年度评价结果建议金额 180 万元，须由绩效科填写理由'));
    const reason = '新增就餐学生600人，经区政府常务会议研究维持原规模';
    await gate.getByLabel('纳入预算理由', { exact: false }).fill(reason);
    await gate.getByRole('button', { name: '纳入预算' }).click();
    await performance.getByRole('dialog').getByRole('button', { name: '纳入预算' }).click();
    await visible(performance.getByText(reason).first());
    await screenshot(performance, 'results-04-budgeted-with-reason');
    const project = await api(performance, 'GET', `/projects/${nextProjectId}`);
    expect(project.body).toMatchObject({ stage: 'BUDGETED', budgetOverrideReason: reason });
  });

  it('the observer reads the trace: grade → measure → recommended against budgeted, with the reason', async () => {
    const observer = await phones.of('observer', 'observer');
    await observer.goto(`${stack.url}/results?year=2027`);
    await visible(observer.getByRole('heading', { level: 1, name: '结果应用' }));
    const row = observer.getByTestId('result-trace').locator('tbody tr').filter({ hasText: code });
    await visible(row);
    for (const text of ['中', '压减（比例） 10%', '180 万元', '已纳入预算', '新增就餐学生600人']) {
      await visible(row.getByText(text, { exact: false }).first());
    }
    await expect.poll(() => observer.getByRole('link', { name: '确定应用措施' }).count()).toBe(0);
    const [file] = await Promise.all([
      observer.waitForEvent('download'),
      observer.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('2027年度绩效评价结果应用追踪表.xlsx');
    await screenshot(observer, 'results-05-trace-observer');
    expect([...(await audit(observer)), ...(await reflow(observer))]).toEqual([]);
    await observer.getByRole('button', { name: 'English' }).click();
    await visible(observer.getByRole('heading', { level: 1, name: 'Results application' }));
    await visible(row.getByText('Cut by a percentage 10%'));
    await screenshot(observer, 'results-06-trace-observer-en');
    expect([...(await audit(observer)), ...(await reflow(observer))]).toEqual([]);
    await observer.getByRole('button', { name: '中文' }).click();
  });

  it('the performance section keeps the policy of a year', async () => {
    const performance = await desktops.of('perf-reviewer', 'bureau');
    await performance.goto(`${stack.url}/results/policy`);
    await visible(performance.getByRole('heading', { level: 1, name: '结果应用政策' }));
    await performance.getByLabel('评价年度').selectOption('2025');
    const fair = performance.getByRole('group', { name: '中' });
    await visible(fair.getByLabel('压减比例（%）'));
    await fair.getByLabel('压减比例（%）').fill('');
    await performance.getByRole('button', { name: '保存政策' }).click();
    await visible(fair.getByText('按比例压减须填写压减比例（大于0）'));
    await fair.getByLabel('压减比例（%）').fill('15');
    await performance.getByRole('button', { name: '保存政策' }).click();
    await visible(performance.getByRole('status').getByText('结果应用政策已保存。'));
    await screenshot(performance, 'results-07-policy');
    expect(await audit(performance)).toEqual([]);
    expect((await api(performance, 'GET', '/results-policies/2025')).body.rules.FAIR).toEqual({
      measure: 'REDUCE_PCT',
      pct: 15,
      amountFen: null,
    });
  });

  it('ran without CSP violations or uncaught errors', () => {
    for (const watch of [...phones.watches, ...desktops.watches]) {
      expect(watch.violations).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
    }
  });
});
