import { randomUUID } from 'node:crypto';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { createBudgetedProject } from '@jixiao/infra/local/budgeted-project.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoProjects } from '@jixiao/infra/local/demo-projects.ts';
import { type Actor, operationRunner } from '@jixiao/infra/local/record-loader.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDraftReport } from '../support/key-evaluation-fixture.ts';
import { audit, launch, reflow, screenshot } from './browser.ts';
import { apiAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * A key evaluation to its conclusion and into next year's budget, in the browser (docs/domain/key-evaluation.md,
 * docs/domain/results-application.md). The project's papers are scored and its findings exchanged through the API (their
 * own screens have their own tests); on a desktop the agency's lead submits the report, its three leads sign the review
 * levels, the performance section approves the final report — the score and grade of the papers, 中 — and notifies the
 * result with a rectification; the department reads the result on a 390×844 phone; the section decides the measure the
 * policy proposes, and next year's project of the same code shows the result and the recommended amount. axe in
 * Chinese and English.
 */
let stack: LocalStack;
let browser: Browser;
let phones: Phones;
let desktops: Phones;
const code = `KEC${randomUUID().replaceAll('-', '').slice(0, 8).toUpperCase()}`;
const department = demoId('department:102');
const unit = demoId('unit:102001');
const section = demoId('section:JKW');
let engagementId = '';
let nextProjectId = '';
let nextTargetId = '';

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const api = (p: Page, method: string, path: string, body?: unknown) => apiAs(p, stack.url, method, path, body);

beforeAll(async () => {
  stack = await startWebStack('e2e-conclusion');
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
    name: '校园安全设施提升',
    category: thisYear.category,
    recurrence: thisYear.recurrence,
    funds: { fiscal: 200_0000_00, carryOver: 0, other: 0 },
    functionalClass: thisYear.functionalClass,
    annualGoal: thisYear.annualGoal,
    rows: thisYear.rows,
  });
  // Three tenths off every indicator: 70 points, graded 中 by the year's bands.
  const draft = await seedDraftReport(
    stack.store,
    demoTenant.id,
    {
      departmentId: department,
      agencyId: demoId('agency:91120110MA05JX8K2Q'),
      evaluatorId: demoId('user:evaluator'),
      leadId: demoId('user:agency-lead'),
    },
    (points) => [{ points: (Math.round(points * 30) / 100).toFixed(2), reason: '佐证材料不完整' }],
    projectId,
  );
  engagementId = draft.engagement;
  // Next year's continuation, same code and amount, registered by the unit.
  const nextYear = demoProjects.find((p) => p.fiscalYear === undefined)!;
  nextProjectId = uuidV7();
  const preparer: Actor = {
    userId: 'demo:unit-preparer',
    roles: ['unit-preparer'],
    departmentId: department,
    unitId: unit,
  };
  await run('createProject', preparer, {
    body: {
      id: nextProjectId,
      fiscalYear: 2027,
      code,
      name: '校园安全设施提升（2027年）',
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
  // Its targets sent on by the unit: they wait for the department's review.
  nextTargetId = uuidV7();
  const approver: Actor = {
    userId: 'demo:unit-approver',
    roles: ['unit-approver'],
    departmentId: department,
    unitId: unit,
  };
  const target = (
    await run('createProjectTarget', preparer, { params: { id: nextProjectId }, body: { id: nextTargetId } })
  ).body;
  const saved = (
    await run('saveTarget', preparer, {
      params: { id: nextTargetId },
      body: { version: target.version, annualGoal: nextYear.annualGoal, rows: nextYear.rows },
    })
  ).body;
  await run('submitTarget', approver, { params: { id: nextTargetId }, body: { version: saved.version } });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const engagementPage = async (page: Page) => {
  await page.goto(`${stack.url}/engagements/${engagementId}`);
  const section = page.getByTestId('conclusion-section');
  await visible(section.getByRole('heading', { name: '评价结论' }));
  return section;
};

const confirm = async (page: Page, testid: string) => {
  const dialog = page.getByTestId(testid);
  await visible(dialog);
  await dialog.getByRole('button').last().click();
};

describe('a key evaluation to its conclusion', () => {
  it("the agency's lead submits the report and the agency's three leads sign its review levels", async () => {
    const lead = await desktops.of('agency-lead', 'field');
    let section = await engagementPage(lead);
    await visible(section.getByRole('link', { name: '绩效指标底稿' }));
    await section.getByRole('button', { name: '提交内部复核' }).click();
    await confirm(lead, 'confirm-submit');
    await visible(lead.getByRole('status').getByText('已提交内部复核'));
    await screenshot(lead, 'conclusion-01-submitted', { fullPage: true });

    for (const [person, level] of [
      ['agency-lead', '项目经理复核'],
      ['agency-qc', '质量控制复核'],
      ['agency-partner', '签字人复核'],
    ] as const) {
      const page = await desktops.of(person, 'field');
      section = await engagementPage(page);
      const step = section.getByTestId('review-step');
      await visible(step.getByRole('heading', { name: `内部复核：${level}` }));
      await step.getByLabel('处理情况').fill(`${level}：已核对评分与底稿`);
      await step.getByRole('button', { name: '复核通过' }).click();
      await confirm(page, 'confirm-quality-approve');
      await visible(page.getByRole('status').getByText('已签署复核'));
    }
    expect(await audit(await desktops.of('agency-partner', 'field'))).toEqual([]);
  });

  it('the performance section approves the final report: the score and grade of the papers, which are then locked', async () => {
    const bureau = await desktops.of('perf-reviewer', 'bureau');
    const section = await engagementPage(bureau);
    const step = section.getByTestId('review-step');
    await visible(step.getByRole('heading', { name: '财政审核' }));
    await step.getByRole('button', { name: '审核通过并定稿' }).click();
    await confirm(bureau, 'confirm-finance-approve');
    await visible(bureau.getByRole('status').getByText('报告已定稿，底稿已锁定'));
    const outcome = section.getByTestId('conclusion-outcome');
    await visible(outcome.getByText('70.00'));
    await visible(outcome.getByText('中', { exact: true }));
    await visible(
      section.getByRole('table', { name: '质量复核单' }).getByRole('cell', { name: '签字人复核', exact: true }),
    );
    await screenshot(bureau, 'conclusion-02-final', { fullPage: true });
    expect(await audit(bureau)).toEqual([]);

    await section.getByLabel('结果通知内容').fill('经评价，该项目得分 70 分，等级为中。请按整改要求完善佐证材料管理。');
    await section.getByLabel('同时下达整改通知').check();
    await section.getByLabel('整改要求').fill('建立项目佐证材料台账，补齐验收资料');
    await section.getByLabel('整改期限').fill('2027-09-30');
    await section.getByRole('button', { name: '通知评价结果' }).click();
    await confirm(bureau, 'confirm-notify');
    await visible(bureau.getByRole('status').getByText('已将评价结果通知东丽区教育局'));
    await visible(section.getByRole('link', { name: '查看整改通知' }));
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`the department reads the result on a phone (${language})`, async () => {
      const reviewer = await phones.of('dept-reviewer', 'department');
      await reviewer.evaluate((locale) => localStorage.setItem('jixiao.locale', locale), language);
      await reviewer.goto(`${stack.url}/engagements/${engagementId}`);
      const section = reviewer.getByTestId('conclusion-section');
      await visible(section.getByTestId('conclusion-outcome').getByText('70.00'));
      await visible(section.getByText(language === 'en' ? 'Result notice' : '结果通知'));
      // The agency's review sheet is not the department's.
      expect(await section.getByRole('table').count()).toBe(0);
      expect([...(await audit(reviewer)), ...(await reflow(reviewer))]).toEqual([]);
      await screenshot(reviewer, `conclusion-03-department-phone-${language}`, { fullPage: true });
      await reviewer.evaluate(() => localStorage.setItem('jixiao.locale', 'zh-CN'));
    });
  }

  it("next year's project shows the result and the amount the policy recommends (中: cut 10 %)", async () => {
    const bureau = await desktops.of('perf-reviewer', 'bureau');
    const proposals = await api(bureau, 'GET', '/result-proposals?fiscalYear=2026&source=KEY_EVALUATION&limit=100');
    expect(proposals.status).toBe(200);
    const proposal = proposals.body.items.find((p: { sourceId: string }) => p.sourceId === engagementId);
    expect(proposal).toMatchObject({ grade: 'FAIR' });
    await bureau.goto(`${stack.url}/results/decide`);
    await bureau.getByLabel('评价年度').selectOption('2026');
    await bureau.getByLabel('结果来源').selectOption('KEY_EVALUATION');
    const item = bureau.locator(`li[data-source-id="${engagementId}"]`);
    await visible(item.getByText('下年度建议金额 180 万元'));
    await item.getByRole('button', { name: '确定' }).click();
    await bureau.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await visible(item.getByText('已确定'));

    const preparer = await phones.of('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/projects/${nextProjectId}`);
    const panel = preparer.getByTestId('project-results');
    await visible(panel.getByText('结果应用建议金额：180 万元'));
    await visible(panel.getByText('等级：中'));
    await screenshot(preparer, 'conclusion-04-next-year-project', { fullPage: true });
    expect([...(await audit(preparer)), ...(await reflow(preparer))]).toEqual([]);

    // The project form, while the unit edits the project, and the department's review of its targets show it too.
    await preparer.goto(`${stack.url}/projects/${nextProjectId}/edit`);
    await visible(preparer.getByTestId('project-results').getByText('结果应用建议金额：180 万元'));
    const reviewer = await phones.of('dept-reviewer', 'department');
    await reviewer.goto(`${stack.url}/review/${nextTargetId}`);
    await visible(reviewer.getByTestId('project-results').getByText('等级：中'));
    await screenshot(reviewer, 'conclusion-05-review-with-results', { fullPage: true });
    expect(await audit(reviewer)).toEqual([]);
  });

  it('saw no security violation', () => {
    for (const watch of [...phones.watches, ...desktops.watches]) expect(watch.violations).toEqual([]);
  });
});
