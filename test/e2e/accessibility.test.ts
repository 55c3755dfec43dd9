import { randomUUID } from 'node:crypto';
import { demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { operationRunner } from '@jixiao/infra/local/record-loader.ts';
import { type LocalStack, startLocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { approvedRedReports } from './approved-reports.ts';
import { audit, launch, phone, reflow, webBuild } from './browser.ts';

/**
 * axe-core (WCAG 2.1 A and AA rules) on every screen of the shell, on a phone, in Chinese and in
 * English. It runs through the DevTools protocol, so the page's CSP stays as strict as in use.
 */
let stack: LocalStack;
let browser: Browser;
/** A final-approved red report awaiting its disposition, and one ordered rectified whose notice is open. */
let undecidedReportId = '';
let openRectificationId = '';

beforeAll(async () => {
  stack = await startLocalStack({
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: `a11y-${randomUUID()}`,
    webRoot: webBuild,
  });
  const { reportIds } = await approvedRedReports(stack.store, {
    prefix: 'A11YM',
    count: 2,
    roundName: '2026 年一季度重点监控（无障碍）',
  });
  undecidedReportId = reportIds[0]!;
  const run = operationRunner(stack.store, demoTenant.id);
  const report = (
    await run(
      'getMonitoringReport',
      { userId: 'a11y', roles: ['performance-section-reviewer'] },
      {
        params: { id: reportIds[1]! },
      },
    )
  ).body;
  const decided = await run(
    'recordMonitoringDisposition',
    { userId: 'a11y', roles: ['performance-section-reviewer'] },
    {
      params: { id: reportIds[1]! },
      body: {
        version: report.version,
        decision: 'RECTIFY',
        reason: '执行进度严重滞后',
        dueDate: '2026-09-30',
        requirements: '加快资金拨付并报送整改情况。',
      },
    },
  );
  openRectificationId = String(decided.body.rectificationId);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

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
        const violations = [...(await audit(page)), ...(await reflow(page))];
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

      for (const username of [
        'perf-reviewer',
        'unit-preparer',
        'dept-reviewer',
        'business-reviewer',
        'agency-lead',
        'evaluator',
        'observer',
      ]) {
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

          await page.goto(`${stack.url}/review`);
          await page.locator('li.entry').first().waitFor();
          await check('review queue (final review)');
          await page.locator('li.entry', { hasText: '智慧教育云平台建设' }).locator('a').click();
          await page.locator('#grade-EXCELLENT').waitFor();
          await page.locator('.beside button').first().click();
          await page.locator('.decision .buttons .button').last().click();
          await page.locator('#grade-error:not(:empty)').waitFor();
          await check('final review with errors');
          await page.locator('.project-summary-link').click();
          await page.locator('section.actions').waitFor();
          await check('project page (performance section)');
          await page.goto(`${page.url()}/compare`);
          await page.locator('h1').waitFor();
          await check('version comparison');

          await page.goto(`${stack.url}/ex-ante`);
          await page.locator('li.entry').first().waitFor();
          await check('ex-ante list');
          await page.locator('li.entry a').first().click();
          await page.locator('#dim-NECESSITY-score').fill('25');
          await page.locator('#dim-NECESSITY-score-error:not(:empty)').waitFor();
          await check('ex-ante form with errors');
        }
        if (username === 'perf-reviewer') {
          // Monitoring (the demo's 2026 round): the rounds, the dashboard with its tables open,
          // the thresholds, a new round refused by its own checks, and a final review refused.
          await page.goto(`${stack.url}/monitoring`);
          await page.locator('section.round').waitFor();
          await check('monitoring rounds (performance section)');
          await page.locator('section.round a.button').click();
          await page.locator('figure svg').first().waitFor();
          for (const summary of await page.locator('details.as-table summary').all()) await summary.click();
          await check('monitoring dashboard');
          await page.goto(`${stack.url}/monitoring/settings`);
          await page.locator('#mon-budgetYellowGapPts').fill('x');
          await page.locator('.save-bar button').click();
          await page.locator('#mon-budgetYellowGapPts-error:not(:empty)').waitFor();
          await check('monitoring thresholds with errors');
          await page.goto(`${stack.url}/monitoring`);
          await page.locator('.page-header button.button').click();
          await page.getByRole('dialog').waitFor();
          await page.locator('#round-name').fill('');
          await page.getByRole('dialog').locator('button[type="submit"]').click();
          await page.locator('#round-name-error:not(:empty)').waitFor();
          await check('new monitoring round with errors');
          await page.keyboard.press('Escape');
          await page.goto(`${stack.url}/monitoring/review`);
          await page.locator('li.entry').first().waitFor();
          await check('monitoring review queue (final review)');
          await page.locator('li.entry a').first().click();
          await page.locator('#mon-review-opinion').waitFor();
          await page.locator('.decision .buttons .button.secondary').click();
          await page.locator('#mon-review-opinion-error:not(:empty)').waitFor();
          await check('monitoring final review with errors');

          // What follows a report: a disposition refused by its own checks, a decision as read
          // afterwards, the rectifications and one awaiting verification, refused without a new date.
          await page.goto(`${stack.url}/monitoring/reports/${undecidedReportId}`);
          await page.locator('#disp-decision-RECTIFY').check();
          await page.locator('section.disposition-form button[type="submit"]').click();
          await page.locator('#disp-requirements-error:not(:empty)').waitFor();
          await check('monitoring disposition with errors');
          await page.goto(`${stack.url}/rectifications`);
          await page.locator('li.rectification').first().waitFor();
          await check('rectifications (performance section)');
          await page.locator('li.rectification', { hasText: 'DL2026JY0002' }).locator('a').click();
          await page.locator('#verify-decision-insufficient').check();
          await page.locator('section.verify-form button[type="submit"]').click();
          await page.locator('#verify-dueDate-error:not(:empty)').waitFor();
          await check('rectification verification with errors');
          await page.locator('a[href^="/monitoring/reports/"]').click();
          await page.locator('section.disposition dl').waitFor();
          await check('monitoring report with its disposition');
        }
        if (username === 'unit-preparer') {
          // The check-in of the demo's draft: an amount it cannot read, and a line in doubt.
          await page.goto(`${stack.url}/monitoring`);
          await page.locator('li.report', { hasText: 'DL2026JY0004' }).locator('a').click();
          await page.locator('#mon-executed-fiscal').fill('abc');
          await page.locator('#mon-executed-fiscal-error:not(:empty)').waitFor();
          await page.locator('#line-0-likelihood-IMPOSSIBLE').check();
          await page.locator('#line-0-deviationReasons-error:not(:empty)').waitFor();
          await check('monitoring check-in with errors');
          await page.goto(`${stack.url}/monitoring`);
          await page.locator('li.report').first().waitFor();
          await check('monitoring reports (unit)');
          await page.goto(`${stack.url}/rectifications`);
          await page.locator('li.rectification').first().waitFor();
          await check('rectifications (unit)');
          await page.goto(`${stack.url}/rectifications/${openRectificationId}`);
          await page.locator('#rect-feedback').waitFor();
          await check('rectification feedback (unit)');
        }
        if (username === 'dept-reviewer') {
          await page.goto(`${stack.url}/monitoring/review`);
          await page.locator('li.entry').first().waitFor();
          await check('monitoring review queue (department)');
          await page.locator('li.entry a').first().click();
          await page.locator('#mon-review-opinion').waitFor();
          await check('monitoring report under department review');
        }
        if (username === 'unit-preparer') {
          await page.goto(`${stack.url}/projects`);
          await page.locator('li.project').first().waitFor();
          await check('project list');
          await page.goto(`${stack.url}/projects/new`);
          await page.locator('#project-name').waitFor();
          await page.locator('form.project-form button[type="submit"]').click();
          await page.locator('#project-name-error:not(:empty)').waitFor();
          await check('project form with errors');
          await page.goto(`${stack.url}/projects`);
          await page.locator('li.project', { hasText: '家庭经济困难学生资助' }).locator('a').click();
          await page.locator('section.actions a.button').first().waitFor();
          await check('project page (returned)');
          await page.locator('section.actions a.button').first().click();
          await page.locator('[data-row]').first().waitFor();
          await check('target editor (returned)');
          await page.locator('.rows-head .add button').first().click();
          await page.getByRole('dialog').locator('li.result').first().waitFor();
          await check('library picker');
          await page.keyboard.press('Escape');
          await page.getByRole('dialog').waitFor({ state: 'detached' });
          // A fresh custom row shows its errors; removing it leaves the draft as it was.
          // A new row says nothing until the person has been in a field: go through the name and leave it empty.
          await page.locator('.rows-head .add button').last().click();
          await page.locator('#row-name').click();
          await page.keyboard.press('Tab');
          await page.locator('#row-name-error:not(:empty)').waitFor();
          await check('row editor with errors');
          await page.getByRole('dialog').locator('.bar .danger').click();
          await page.getByRole('dialog').waitFor({ state: 'detached' });
        }
        if (username === 'dept-reviewer') {
          await page.goto(`${stack.url}/review`);
          await page.locator('.results .status p').first().waitFor();
          await check('review queue (department)');
        }
        if (username === 'business-reviewer') {
          await page.goto(`${stack.url}/review`);
          await page.locator('li.entry', { hasText: '中小学教师继续教育培训' }).locator('a').click();
          await page.locator('.beside button').first().click();
          await page.locator('.beside textarea').first().fill('请补充数据来源。');
          await check('first review with a row comment');
        }
        if (username === 'agency-lead') {
          await page.goto(`${stack.url}/ex-ante`);
          await page.locator('li.entry a').first().click();
          await page.locator('#dim-NECESSITY-score').waitFor();
          await check('ex-ante form (agency)');
          // An attached report, and a file of the wrong type refused beside it.
          const attachments = page.locator('section.attachments');
          const chooser = attachments.locator('input[type="file"]');
          const report = `report-${language}.pdf`;
          await chooser.setInputFiles({
            name: report,
            mimeType: 'application/pdf',
            buffer: Buffer.from(`%PDF-1.4 ${report}`),
          });
          await attachments.locator('li.file', { hasText: report }).locator('.tag.ok').waitFor();
          await chooser.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes') });
          await attachments.locator('li.file .error').first().waitFor();
          await check('ex-ante attachments (agency)');
        }
      }
      await context.close();
      expect(found).toEqual({});
    }, 180_000);
  }
});
