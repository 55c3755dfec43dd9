import { readFileSync } from 'node:fs';
import { openZip } from '@jixiao/functions/import/xlsx/unzip.ts';
import { demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoEngagementId } from '@jixiao/infra/local/demo-fieldwork.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedExportJob } from '../support/export-job-fixture.ts';
import { audit, launch, phone, reflow, screenshot } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * Exports across departments (issue 12 item 6) against the local stack with the demo: on a desktop the performance
 * section asks for the whole year's export, watches its progress to the end and downloads the ZIP (the contents
 * workbook and one workbook per department of every round); on a 390×844 phone it asks for a monitoring round's export
 * from the round's page and lands on the exports page with that job. axe and reflow in Chinese and English.
 */
let stack: LocalStack;
let browser: Browser;
const desktop = { viewport: { width: 1280, height: 900 }, acceptDownloads: true };
const zipLimits = { maxEntries: 2000, maxEntryBytes: 50 * 1024 * 1024, maxTotalBytes: 500 * 1024 * 1024 };

beforeAll(async () => {
  stack = await startWebStack('e2e-export-jobs');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('全部部门导出', () => {
  it('exports the whole year on a desktop: progress to the end, then the ZIP', async () => {
    const people = new Phones(browser, stack.url, desktop);
    const bureau = await people.of('perf-reviewer', 'bureau');
    await bureau.getByRole('navigation').getByRole('link', { name: '全部部门导出' }).first().click();
    await bureau.waitForURL(/\/exports$/);
    const main = bureau.getByRole('main');
    await main.getByLabel('导出范围').selectOption('year');
    await main.getByLabel('预算年度').selectOption('2026');
    await main.getByRole('button', { name: '开始导出' }).click();
    await expect
      .poll(() => main.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toContain('已开始导出');
    const job = main.locator('li.job').first();
    expect(await job.locator('h3').textContent()).toContain('2026年度 全部部门');
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 60_000 }).toBe('DONE');
    expect(await job.textContent()).toMatch(/共 \d+ 条记录/);
    await screenshot(bureau, 'exports-done-desktop');

    const [download] = await Promise.all([
      bureau.waitForEvent('download'),
      job.getByRole('button', { name: /^下载/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^2026年度-全部部门.*\.zip$/);
    const archive = openZip(readFileSync(await download.path()), zipLimits);
    expect(archive.names).toContain('目录.xlsx');
    // The demo's year: its monitoring round and its self-evaluation round, each department in a workbook.
    expect(archive.names.some((n) => n.startsWith('运行监控-') && n.endsWith('.xlsx'))).toBe(true);
    expect(archive.names.some((n) => n.startsWith('绩效自评-') && n.endsWith('.xlsx'))).toBe(true);

    // The figures on the page are the job's, as the API answers them.
    const jobs = (await apiAs(bureau, stack.url, 'GET', '/export-jobs')).body.items as {
      state: string;
      progress: { done: number; total: number };
    }[];
    expect(jobs[0]!.state).toBe('DONE');
    expect(jobs[0]!.progress.done).toBe(jobs[0]!.progress.total);
    expect(archive.names.length).toBe(jobs[0]!.progress.total + 1);
    expect(people.watches.flatMap((w) => [...w.violations, ...w.pageErrors])).toEqual([]);
  });

  it("counts an engagement's archive in steps, not departments", async () => {
    await seedExportJob(stack.store, demoTenant.id, {
      state: 'RUNNING',
      engagementId: demoEngagementId,
      progress: { done: 3, total: 11 },
    });
    const page = await (await browser.newContext(desktop)).newPage();
    await signInAs(page, stack.url, 'perf-reviewer', 'bureau');
    await page.goto(`${stack.url}/exports`);
    const job = page.locator('li.job', { hasText: '工作底稿归档 · 校园安全设施提升' });
    await job.getByText('已完成 3/11 步（27%）：每张照片一步，底稿和报告为最后一步').waitFor();
    expect(await job.getByText('个部门').count()).toBe(0);
    await page.context().close();
  });

  it("asks for a round's export from the round's page on a phone", async () => {
    const people = new Phones(browser, stack.url, phone);
    const bureau = await people.of('perf-reviewer', 'bureau');
    const rounds = (await apiAs(bureau, stack.url, 'GET', '/monitoring-rounds?fiscalYear=2026')).body.items as {
      id: string;
      name: string;
      roundStatus: string;
    }[];
    const round = rounds.find((r) => r.roundStatus === 'ISSUED')!;
    await bureau.goto(`${stack.url}/monitoring/rounds/${round.id}`);
    await bureau.getByRole('button', { name: '导出全部部门' }).click();
    await bureau.waitForURL(/\/exports$/);
    const job = bureau.getByRole('main').locator('li.job').first();
    expect(await job.locator('h3').textContent()).toBe(`${round.name} 全部部门`);
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 60_000 }).toBe('DONE');
    await screenshot(bureau, 'exports-round-phone');
    expect(people.watches.flatMap((w) => [...w.violations, ...w.pageErrors])).toEqual([]);
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`passes axe and reflow on the exports page (${language})`, async () => {
      const people = new Phones(browser, stack.url, phone);
      const bureau = await people.of('perf-reviewer', 'bureau');
      await bureau.evaluate((locale) => localStorage.setItem('jixiao.locale', locale), language);
      await bureau.goto(`${stack.url}/exports`);
      await bureau.getByRole('main').locator('li.job').first().waitFor();
      await bureau
        .getByRole('main')
        .getByLabel(language === 'en' ? 'What to export' : '导出范围')
        .selectOption('monitoring-round');
      await bureau.locator('#export-round').waitFor();
      expect(await audit(bureau)).toEqual([]);
      expect(await reflow(bureau)).toEqual([]);
      await screenshot(bureau, `exports-phone-${language}`);
    });
  }
});
