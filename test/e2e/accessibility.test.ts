import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type LocalStack, startLocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, phone, webBuild } from './browser.ts';

/**
 * axe-core (WCAG 2.1 A and AA rules) on every screen of the shell, on a phone, in Chinese and in
 * English. It runs through the DevTools protocol, so the page's CSP stays as strict as in use.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startLocalStack({
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: `a11y-${randomUUID()}`,
    webRoot: webBuild,
  });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

const audit = async (page: Page): Promise<string[]> => {
  const violations = (await page.evaluate(
    `${axeSource};axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({ target: n.target })) })))`,
  )) as Violation[];
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

const signIn = async (page: Page, username: string) => {
  await page.goto(`${stack.url}/sign-in`);
  await page
    .locator('button.user', { has: page.locator('.username', { hasText: new RegExp(`^${username}$`) }) })
    .click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.waitForLoadState('networkidle');
};

describe('accessibility (axe, WCAG 2.1 AA)', () => {
  for (const language of ['zh-CN', 'en'] as const) {
    it(`has no violations on any screen (${language})`, async () => {
      const context = await browser.newContext(phone);
      await context.addInitScript((locale) => localStorage.setItem('jixiao.locale', locale), language);
      const page = await context.newPage();
      const found: Record<string, string[]> = {};
      const check = async (name: string) => {
        await page.waitForLoadState('networkidle');
        const violations = await audit(page);
        if (violations.length) found[name] = violations;
      };

      await page.goto(`${stack.url}/sign-in`);
      await page.locator('button.user').first().waitFor();
      await check('sign-in');

      await signIn(page, 'admin');
      await check('admin home');
      await page.goto(`${stack.url}/admin/departments`);
      await page.locator('ul.items li').first().waitFor();
      await check('departments');
      await page.getByRole('button', { name: language === 'en' ? /new department/i : '新建部门' }).click();
      await page.getByRole('dialog').waitFor();
      await page.getByRole('dialog').locator('button[type="submit"]').click();
      await check('department form with errors');
      await page.keyboard.press('Escape');
      await page.goto(`${stack.url}/admin/users`);
      await page.locator('ul.items li').first().waitFor();
      await check('users');
      await page.getByRole('button', { name: language === 'en' ? /new user/i : '新建用户' }).click();
      await page.getByRole('dialog').waitFor();
      await page.getByRole('dialog').locator('button[type="submit"]').click();
      await check('user form with errors');

      for (const username of ['perf-reviewer', 'unit-preparer', 'evaluator', 'observer']) {
        await page.evaluate(() => localStorage.removeItem('jixiao.session'));
        await signIn(page, username);
        await check(`${username} home`);
        if (username === 'perf-reviewer') {
          await page.goto(`${stack.url}/library`);
          await page.locator('ul.items li').first().waitFor();
          await page.locator('ul.items li summary').first().click();
          await check('indicator library');
          await page.getByRole('button', { name: language === 'en' ? /new indicator/i : '新建指标' }).click();
          await page.getByRole('dialog').waitFor();
          await page
            .getByRole('dialog')
            .getByLabel(language === 'en' ? 'Level 2' : '二级指标')
            .selectOption('COST');
          await page.getByRole('dialog').locator('button[type="submit"]').click();
          await check('indicator form with errors');
          await page.keyboard.press('Escape');
        }
      }
      await context.close();
      expect(found).toEqual({});
    });
  }
});
