import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type LocalStack, startLocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, phone, type SecurityWatch, screenshot, watchSecurity, webBuild } from './browser.ts';

/**
 * Ex-ante assessment (事前绩效评估, domain.md §5.2) on a phone: the commissioned agency scores the
 * demo's major project (智慧教育云平台建设) on five dimensions, saves, concludes; the conclusion
 * then stands on the project for the performance section.
 */
let stack: LocalStack;
let browser: Browser;
let watch: SecurityWatch;
let page: Page;

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

const signIn = async (p: Page, username: string, workspace: string) => {
  await p.goto(`${stack.url}/sign-in`);
  await p.locator('button.user', { has: p.locator('.username', { hasText: new RegExp(`^${username}$`) }) }).click();
  await p.waitForURL(`**/${workspace}`);
};

const apiAs = async (p: Page, path: string) => {
  const session = await p.evaluate(() => JSON.parse(localStorage.getItem('jixiao.session') ?? 'null'));
  const response = await fetch(`${stack.url}/api/v1${path}`, {
    headers: { authorization: `Bearer ${session.idToken}` },
  });
  return { status: response.status, body: await response.json() };
};

beforeAll(async () => {
  if (!existsSync(join(webBuild, '200.html'))) {
    throw new Error('web/build is missing: run `npm run build -w web` before the e2e tests');
  }
  stack = await startLocalStack({
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: `e2e-ex-ante-${randomUUID()}`,
    webRoot: webBuild,
  });
  browser = await launch();
  const context = await browser.newContext(phone);
  watch = await watchSecurity(context);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('an ex-ante assessment by the commissioned agency', () => {
  let assessmentId = '';

  it('scores the five dimensions with an inline error for a score above 20, saves, and concludes', async () => {
    await signIn(page, 'agency-lead', 'field');
    await page.getByRole('link', { name: /^事前绩效评估/ }).click();
    await page.waitForURL('**/ex-ante');
    const entry = page.locator('li.entry', { hasText: '智慧教育云平台建设' });
    await visible(entry.getByText('评估中'));
    await entry.locator('a').click();
    await page.waitForURL(/\/ex-ante\/[0-9a-f-]{36}$/);
    assessmentId = page.url().split('/').at(-1) ?? '';
    await visible(page.getByRole('heading', { level: 1, name: '事前绩效评估：智慧教育云平台建设' }));

    const scores = { NECESSITY: '18', ECONOMY: '16.5', TARGETS: '17', FEASIBILITY: '18', FUNDING: '25' };
    for (const [dimension, score] of Object.entries(scores)) await page.locator(`#dim-${dimension}-score`).fill(score);
    await visible(page.locator('#dim-FUNDING-score-error', { hasText: '不能大于 20' }));
    expect(await page.locator('#dim-FUNDING-score').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#dim-FUNDING-score').fill('19');
    await visible(page.locator('.total').getByText('88.5'));
    await page.locator('#dim-ECONOMY-note').fill('设备选型参照市场询价，单价略高于同类项目。');
    await page.getByLabel('调整完善后予以支持').check();
    await page.getByLabel('建议金额（万元）').fill('1000');
    await page.getByLabel('附加条件').fill('二期建设前提交一期运行评估报告。');
    await page.getByLabel('评估报告摘要').fill('项目必要性充分，投入测算需按询价结果调减。');

    // Concluding is judged on the saved copy: save first.
    const conclude = page.getByRole('button', { name: '完成评估' });
    await visible(page.locator('#conclude-reasons').getByText('请先保存修改'));
    expect(await conclude.isDisabled()).toBe(true);
    await screenshot(page, 'ex-ante-01-scored');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await visible(page.getByRole('status').getByText('已保存。'));
    await expect.poll(() => conclude.isEnabled()).toBe(true);
    await conclude.click();
    await visible(page.getByRole('status').getByText('评估已完成，结论：调整完善后予以支持。'));
    await visible(page.locator('.chips').getByText('已完成'));
    expect(await page.locator('#dim-NECESSITY-score').count()).toBe(0);
    await screenshot(page, 'ex-ante-02-concluded');

    const stored = await apiAs(page, `/ex-ante-assessments/${assessmentId}`);
    expect(stored.body).toMatchObject({
      state: 'CONCLUDED',
      conclusion: 'SUPPORT_AFTER_ADJUSTMENT',
      totalScore: 88.5,
      recommendedAmount: 1_000_000_000,
      conditions: '二期建设前提交一期运行评估报告。',
    });
    expect(stored.body.dimensions.ECONOMY).toEqual({ score: 16.5, note: '设备选型参照市场询价，单价略高于同类项目。' });
  });

  it('the performance section sees the conclusion on the project', async () => {
    await page.evaluate(() => localStorage.removeItem('jixiao.session'));
    await signIn(page, 'perf-reviewer', 'bureau');
    await page.getByRole('link', { name: /^项目库/ }).click();
    await page.locator('li.project', { hasText: '智慧教育云平台建设' }).locator('a').click();
    const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: '事前绩效评估' }) });
    await visible(section.getByText('已完成'));
    await visible(section.getByText('调整完善后予以支持'));
    await visible(section.getByText('88.5 分'));
  });

  it('ran without CSP violations or uncaught errors', () => {
    expect(watch.violations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
});
