import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launch, phone, screenshot } from './browser.ts';
import { startWebStack } from './web-stack.ts';

/**
 * axe-core (WCAG 2.1 A and AA) on the field app's screens, on a phone, in Chinese: the field
 * home, a site verification with its errors shown, an interview and the questionnaire screen.
 * Injected through the DevTools protocol, as in accessibility.test.ts, so the CSP stays strict.
 */
let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startWebStack('a11y-field');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('field app accessibility (axe, WCAG 2.1 AA, Chinese)', () => {
  it('has no violations on the field home, the site-visit form, an interview and the questionnaire', async () => {
    const context = await browser.newContext({
      ...phone,
      permissions: ['geolocation'],
      geolocation: { latitude: 39.1263, longitude: 117.3366, accuracy: 80 },
    });
    await context.addInitScript(() => localStorage.setItem('jixiao.locale', 'zh-CN'));
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      const violations = await audit(page);
      if (violations.length) found[name] = violations;
    };

    await page.goto(`${stack.url}/sign-in`);
    await page.locator('button.user', { has: page.locator('.username', { hasText: /^evaluator$/ }) }).click();
    await page.waitForURL('**/field');
    const assignment = page.getByRole('link', { name: /2026 年度老旧小区物业服务补贴项目重点绩效评价/ });
    await assignment.waitFor();
    await check('field home');

    await assignment.click();
    await page.getByRole('heading', { level: 2, name: '核查点' }).waitFor();
    await check('assignment');

    // A site verification whose position is worse than the limit, finished too early: errors show.
    await page.getByRole('button', { name: '开始现场核查：张贵庄街道詹庄子小区' }).click();
    await page.getByTestId('gps-fix').waitFor();
    await page.getByText(/未达到本次评价要求（50 米以内）/).waitFor();
    await page.getByLabel('添加核查项：选择指标').selectOption({ index: 1 });
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByRole('button', { name: '完成并加入发送队列' }).click();
    await page.locator('#check-0-verdict-error:not(:empty)').waitFor();
    await check('site visit with errors');
    await screenshot(page, 'field-a11y-visit-errors', { fullPage: false });

    await page.getByRole('link', { name: '← 返回', exact: true }).click();
    await page.getByRole('button', { name: '新建座谈记录' }).click();
    await page.getByLabel('座谈主题').waitFor();
    await check('symposium');

    await page.getByRole('link', { name: '← 返回', exact: true }).click();
    await page.getByRole('button', { name: /^开始填写/ }).click();
    await page.getByRole('heading', { level: 1, name: /满意度问卷/ }).waitFor();
    await page.getByRole('radio', { name: '非常满意' }).first().check();
    await check('questionnaire');
    await screenshot(page, 'field-a11y-questionnaire', { fullPage: false });

    await context.close();
    expect(found).toEqual({});
  });

  it('reads in English too, with no violations on the field home and the interview form', async () => {
    const context = await browser.newContext(phone);
    await context.addInitScript(() => localStorage.setItem('jixiao.locale', 'en'));
    const page = await context.newPage();
    await page.goto(`${stack.url}/sign-in`);
    await page.locator('button.user', { has: page.locator('.username', { hasText: /^evaluator$/ }) }).click();
    await page.waitForURL('**/field');
    await page.getByRole('heading', { level: 2, name: 'My assignments' }).waitFor();
    await page.getByText(/^Assignments on this phone from /).waitFor();
    const found: Record<string, string[]> = {};
    const home = await audit(page);
    if (home.length) found['field home (en)'] = home;
    await screenshot(page, 'field-a11y-home-en');
    await page.getByRole('link', { name: /2026 年度老旧小区物业服务补贴项目重点绩效评价/ }).click();
    await page.getByRole('button', { name: 'New interview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Interview' }).waitFor();
    await page.getByRole('button', { name: 'Finish and queue for sending' }).click();
    await page.locator('#interviewee-role-error:not(:empty)').waitFor();
    const form = await audit(page);
    if (form.length) found['interview with errors (en)'] = form;
    await screenshot(page, 'field-a11y-interview-en', { fullPage: false });
    await context.close();
    expect(found).toEqual({});
  });
});
