import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, phone, type SecurityWatch, screenshot, watchSecurity } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { startWebStack } from './web-stack.ts';

/**
 * What a walk through the demo found on a narrow phone (360 px), and its fixes: the ex-ante
 * assessment's "提交前还需" list follows what is typed; the indicator picker of an education
 * project starts from the education sector, which the demo library has; the header shows the
 * district's name whole in both languages; an evaluation framework's built-in names read in
 * English; a report of one year speaks of that year only.
 */
let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let watch: SecurityWatch;
let page: Page;

const narrowPhone = { ...phone, viewport: { width: 360, height: 780 } };
const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const api = (path: string) => apiAs(page, stack.url, 'GET', path);
const itemsOf = (body: unknown): Record<string, unknown>[] =>
  Array.isArray(body) ? body : ((body as { items: Record<string, unknown>[] }).items ?? []);

beforeAll(async () => {
  stack = await startWebStack('e2e-walkthrough');
  browser = await launch();
  context = await browser.newContext(narrowPhone);
  watch = await watchSecurity(context);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The header's district name is shown and nothing of it is cut off. */
const expectWholeTagline = async (text: string) => {
  const tagline = page.locator('.app-header .tagline');
  await visible(tagline);
  expect(await tagline.textContent()).toBe(text);
  const box = await tagline.evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
  }));
  expect(box.scroll).toBeLessThanOrEqual(box.client);
};

describe('the demo on a 360 px phone', () => {
  it('lists what the ex-ante assessment still needs from what is typed, before saving', async () => {
    await signInAs(page, stack.url, 'agency-lead', 'field');
    await expectWholeTagline('天津市东丽区');
    await screenshot(page, 'walkthrough-01-header-zh-360');
    await page.getByRole('link', { name: /^事前绩效评估/ }).click();
    await page.waitForURL('**/ex-ante');
    await page.locator('li.entry', { hasText: '智慧教育云平台建设' }).locator('a').click();
    await page.waitForURL(/\/ex-ante\/[0-9a-f-]{36}$/);
    const reasons = page.locator('#submit-reasons');
    await visible(reasons.getByText('为“立项必要性”评分', { exact: false }));

    for (const dimension of ['NECESSITY', 'ECONOMY', 'TARGETS', 'FEASIBILITY']) {
      await page.locator(`#dim-${dimension}-score`).fill('18');
    }
    await page.getByLabel('予以支持', { exact: true }).check();
    // Typed, not saved: only the missing score and "save first" are left.
    await visible(reasons.getByText('请先保存修改'));
    await expect.poll(() => reasons.locator('li').allTextContents()).toHaveLength(2);
    expect((await reasons.locator('li').allTextContents()).join()).toMatch(/评分/);
    await page.locator('#dim-FUNDING-score').fill('17');
    await expect.poll(() => reasons.locator('li').allTextContents()).toEqual(['请先保存修改']);
    await screenshot(page, 'walkthrough-02-ex-ante-reasons');
  });

  it('opens the indicator picker of an education project on the education sector', async () => {
    await signInAs(page, stack.url, 'unit-preparer', 'department');
    const projects = itemsOf((await api('/projects?fiscalYear=2027')).body);
    const kindergarten = projects.find((p) => p.name === '普惠性幼儿园生均公用经费补助');
    expect(kindergarten?.currentTargetId).toBeTruthy();
    await page.goto(`${stack.url}/targets/${kindergarten!.currentTargetId}`);
    await page.getByRole('button', { name: '从指标库选取' }).click();
    const picker = page.getByRole('dialog', { name: '从指标库选取' });
    await visible(picker);
    expect(await picker.getByLabel('行业领域').inputValue()).toBe('EDUCATION');
    await visible(picker.getByText('普惠性幼儿园覆盖率'));
    await visible(picker.getByText('已全部加载', { exact: false }));
    const names = await picker.locator('li').allTextContents();
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) expect(name).not.toContain('会费');
    await screenshot(page, 'walkthrough-03-picker-education', { fullPage: false });
    // Widened to every sector, the rest of the library is there.
    await picker.getByLabel('行业领域').selectOption('');
    await visible(picker.getByText('缴纳会费的国际组织数量'));
  });

  it('speaks of the report’s own year in the demo’s 2026 monitoring', async () => {
    const projects = itemsOf((await api('/projects?fiscalYear=2026')).body);
    expect(projects.length).toBeGreaterThan(0);
    for (const project of projects) {
      expect(JSON.stringify(project)).not.toMatch(/2027/);
      const target = await api(`/targets/${project.currentTargetId}`);
      expect(target.status).toBe(200);
      expect(JSON.stringify(target.body.annualGoal ?? '')).not.toMatch(/2027|2028/);
      for (const row of target.body.rows ?? []) expect(JSON.stringify(row)).not.toMatch(/2027年/);
    }
  });

  it('shows the district whole in English and reads a framework’s built-in names in English', async () => {
    await signInAs(page, stack.url, 'perf-reviewer', 'bureau');
    await page.getByRole('button', { name: 'English' }).click();
    await expectWholeTagline('天津市东丽区');
    await screenshot(page, 'walkthrough-04-header-en-360');
    const engagements = itemsOf((await api('/engagements')).body);
    const evaluation = engagements.find((e) => String(e.title).includes('老旧小区物业服务补贴'));
    expect(evaluation).toBeTruthy();
    await page.goto(`${stack.url}/engagements/${evaluation!.id}`);
    // The approved plan (folded away on a phone) names the built-in indicators in English.
    const plan = page.locator('.plan-view');
    await plan.getByText('Funds received rate').first().waitFor({ state: 'attached' });
    expect(await plan.getByText('Sufficient grounds for approval').count()).toBeGreaterThan(0);
    expect(await plan.getByText('Fund management').count()).toBeGreaterThan(0);
    expect(await page.getByText('资金到位率').count()).toBe(0);
    await screenshot(page, 'walkthrough-05-framework-en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByText('资金到位率').first().waitFor({ state: 'attached' });
  });

  it('raised no security or page errors', () => {
    expect(watch.violations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
});
