import { uuidV7 } from '@jixiao/core/ids.ts';
import { monitoringReportKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { operationRunner } from '@jixiao/infra/local/record-loader.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReleasedEngagement } from '../support/fieldwork-fixture.ts';
import { approvedRedReports } from './approved-reports.ts';
import { audit, launch, phone, screenshot } from './browser.ts';
import { signInAs } from './people.ts';
import { startWebStack } from './web-stack.ts';

/**
 * The observer (人大/审计, docs/domain/README.md#roles) reads in the web app what the API serves it:
 * its home links to each screen, and each screen opens read only (no create, edit, submit, review
 * or export), on a phone, without axe violations or a page wider than the phone. It is shown nothing
 * of a draft: not the feedback a unit is still drafting on a rectification, not a round the bureau
 * has not yet issued.
 */
let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let roundId = '';
let reportId = '';
let engagementId = '';
let rectificationId = '';
const openingRoundName = '2026 年 1–9 月运行监控（尚未下发）';
let openingRoundId = '';
const draftText = '草稿：设备尚未到货（未经单位负责人审定）';

beforeAll(async () => {
  stack = await startWebStack('e2e-observer');
  const seeded = await approvedRedReports(stack.store, {
    prefix: 'OBSV',
    count: 1,
    roundName: '2026 年一季度重点监控（监督查阅）',
  });
  roundId = seeded.roundId;
  reportId = seeded.reportIds[0]!;
  // The report is decided on (rectification required) and the unit drafts its feedback, unsent.
  const run = operationRunner(stack.store, demoTenant.id);
  const perf = { userId: 'e2e:perf', roles: ['performance-section-reviewer' as const] };
  const report = await stack.store.get(demoTenant.id, monitoringReportKind, reportId);
  const disposed = await run('recordMonitoringDisposition', perf, {
    params: { id: reportId },
    body: {
      version: report!.version,
      decision: 'RECTIFY',
      reason: '执行进度严重滞后',
      dueDate: '2026-09-30',
      requirements: '加快支出进度，报送佐证材料',
    },
  });
  expect(disposed.status).toBe(201);
  rectificationId = String(disposed.body.rectificationId);
  const preparer = {
    userId: 'e2e:preparer',
    roles: ['unit-preparer' as const],
    departmentId: demoId('department:102'),
    unitId: demoId('unit:102001'),
  };
  const drafted = await run('saveRectificationFeedback', preparer, {
    params: { id: rectificationId },
    body: { version: 1, feedback: draftText },
  });
  expect(drafted.body.state).toBe('FEEDBACK_DRAFT');
  // A round the bureau has opened but not issued.
  openingRoundId = uuidV7();
  const opened = await run('createMonitoringRound', perf, {
    body: {
      id: openingRoundId,
      fiscalYear: 2026,
      name: openingRoundName,
      dataDate: '2026-09-30',
      deadline: '2026-10-20',
      scope: 'ALL',
    },
  });
  expect(opened.body.roundStatus).toBe('OPENING');
  engagementId = (
    await seedReleasedEngagement(stack.store, demoTenant.id, {
      departmentId: demoId('department:102'),
      agencyId: demoId('agency:91120110MA05JX8K2Q'),
      evaluatorId: demoId('user:evaluator'),
      leadId: demoId('user:agency-lead'),
    })
  ).engagement;
  browser = await launch();
  context = await browser.newContext(phone);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Words of the controls that change, send, review or export something; none is offered to the observer. */
const acting =
  /编辑|填报|提交|送审|审核|导出|新建|发起|纳入预算|调整|发布|公开|委托|批准|结束|处理|核验|反馈|保存|\b(edit|submit|send|review|export|new|start|adjust|release|commission|approve|save|verify)/i;

/** The screen, once loaded: no horizontal overflow on the phone, no axe violations, no control that acts. */
const check = async (name: string) => {
  await page.waitForLoadState('networkidle');
  await screenshot(page, `observer-${name}`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await audit(page), name).toEqual([]);
  const controls = await page.locator('main button:visible, main a.button:visible').allTextContents();
  expect(
    controls.map((c) => c.trim()).filter((c) => acting.test(c)),
    name,
  ).toEqual([]);
};

describe('the observer on a phone', () => {
  it('sees on its home a link to each screen it reads, and that they are read only', async () => {
    await signInAs(page, stack.url, 'observer', 'observer');
    const links = page.locator('main a.capability');
    await links.first().waitFor();
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '/projects',
      '/monitoring',
      '/rectifications',
      '/engagements',
      '/ex-ante',
    ]);
    await expect(page.locator('main .capability.disabled').count()).resolves.toBe(0);
    await expect(page.locator('main').textContent()).resolves.toContain('公开结果只供查阅');
    await check('home');
  });

  it('opens the projects and one project with its sent targets, read only', async () => {
    await page.locator('main a.capability[href="/projects"]').click();
    await page.waitForURL('**/projects');
    // 规划: its unit has sent its targets, so the observer reads them.
    const project = page.locator(`main a[href="/projects/${demoId('project:DL2027FG0001')}"]`);
    await project.waitFor();
    await check('projects');

    await project.click();
    await page.locator('main h1').waitFor();
    await page.locator('main a.button', { hasText: '查看绩效目标' }).waitFor();
    await check('project');

    await page.locator('main a.button', { hasText: '查看绩效目标' }).click();
    await page.waitForURL('**/targets/**');
    await page.locator('#rows-heading').waitFor();
    await check('target');
  });

  it('opens the monitoring rounds, a round’s dashboard and a report sent in, read only', async () => {
    await page.goto(`${stack.url}/monitoring?round=${roundId}`);
    await page.locator('#mon-round-heading').waitFor();
    await page.locator('main a.button', { hasText: '查看监控看板' }).waitFor();
    await check('monitoring');

    await page.locator('main a.button', { hasText: '查看监控看板' }).click();
    await page.waitForURL(`**/monitoring/rounds/${roundId}`);
    await page.locator('main h1').waitFor();
    await check('dashboard');

    await page.goto(`${stack.url}/monitoring/reports/${reportId}`);
    await page.locator('main h1').waitFor();
    await check('report');
  });

  it('opens rectifications, ex-ante assessments, and a released evaluation, read only', async () => {
    await page.goto(`${stack.url}/rectifications`);
    await page.locator('main h1').waitFor();
    await check('rectifications');

    await page.goto(`${stack.url}/ex-ante`);
    await page.locator('main h1').waitFor();
    await check('ex-ante');

    await page.goto(`${stack.url}/engagements`);
    await page.locator(`main a[href="/engagements/${engagementId}"]`).waitFor();
    await check('engagements');
    await page.locator(`main a[href="/engagements/${engagementId}"]`).click();
    await page.waitForURL(`**/engagements/${engagementId}`);
    await page.locator('main h1').waitFor();
    await check('engagement');
  });

  it('sees a rectification whose feedback is being drafted as its notice, with nothing of the draft', async () => {
    await page.goto(`${stack.url}/rectifications`);
    const entry = page.locator(`main a[href="/rectifications/${rectificationId}"]`);
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain('已下达整改通知');
    await entry.click();
    await page.waitForURL(`**/rectifications/${rectificationId}`);
    await page.locator('main .notice-in-force').waitFor();
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('加快支出进度，报送佐证材料');
    expect(main).toContain('已下达整改通知');
    expect(main).not.toContain('整改反馈草稿');
    expect(main).not.toContain(draftText);
    await check('rectification-draft');
  });

  it('does not see a round the bureau has not issued yet', async () => {
    await page.goto(`${stack.url}/monitoring?round=${openingRoundId}`);
    await page.locator('#mon-round-heading').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('main').textContent()).not.toContain(openingRoundName);
    expect(await page.locator('main').innerHTML()).not.toContain(openingRoundId);

    await page.goto(`${stack.url}/monitoring/rounds/${openingRoundId}`);
    await page.locator('main [role="alert"]').waitFor();
    expect(await page.locator('main').textContent()).not.toContain(openingRoundName);
    await check('round-not-issued');
  });

  it('reads the same in English, within the phone’s width', async () => {
    const english = await browser.newContext(phone);
    await english.addInitScript(() => localStorage.setItem('jixiao.locale', 'en'));
    const previous = page;
    page = await english.newPage();
    try {
      await signInAs(page, stack.url, 'observer', 'observer');
      await page.locator('main a.capability').first().waitFor();
      await expect(page.locator('main').textContent()).resolves.toContain('Published results are read only');
      await check('home-en');
      await page.goto(`${stack.url}/monitoring?round=${roundId}`);
      await page.locator('#mon-round-heading').waitFor();
      expect(await page.locator('main a.button').allTextContents()).toContain('Open the dashboard');
      await check('monitoring-en');
    } finally {
      await english.close();
      page = previous;
    }
  });

  it('is told the administration is not its screen', async () => {
    await page.goto(`${stack.url}/admin`);
    await page.locator('main [role="alert"]').waitFor();
    await expect(page.locator('main [role="alert"]').textContent()).resolves.toContain('你的角色不能使用这个工作台');
    await check('admin');
  });
});
