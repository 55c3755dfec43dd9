import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoEngagementId } from '@jixiao/infra/local/demo-fieldwork.ts';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import {
  artifacts,
  audit,
  launch,
  reflow,
  type SecurityWatch,
  screenshot,
  watchSecurity,
  webBuild,
} from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { requireWebBuild } from './web-stack.ts';

/**
 * The evaluation report (issue 13 item 5; docs/domain/key-evaluation.md#the-report) on a 1280×800 desktop: the
 * agency's lead 周敏 opens the report of the demo engagement, sees the outline with the scoring table filled from the
 * papers (nothing scored yet, the grade open) and the parts with nothing yet saying so, writes the project overview
 * and a recommendation, saves, downloads the report as DOCX (marked 草稿, with her text) and the scoring table as
 * XLSX (the figures of the screen). axe and reflow in Chinese and English.
 */
let stack: TestStack;
let browser: Browser;
let watch: SecurityWatch;
let page: Page;

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const reportUrl = () => `${stack.url}/engagements/${demoEngagementId}/report`;
const overview = '本项目为老旧小区物业服务补贴，资金由区级财政安排，区住建委组织实施。';

beforeAll(async () => {
  requireWebBuild();
  stack = await startTestStack({ webRoot: webBuild, tableName: `e2e-report-${randomUUID()}` });
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  watch = await watchSecurity(context);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the agency lead writes the report and downloads it', () => {
  it('opens the outline: narrative sections to write, the scoring table filled from the papers', async () => {
    await signInAs(page, stack.url, 'agency-lead', 'field');
    await page.goto(reportUrl());
    await visible(page.getByRole('heading', { level: 1, name: '绩效评价报告' }));
    for (const part of ['一、基本情况', '三、综合评价情况及评价结论', '四、绩效指标分析', '七、其他需要说明的问题']) {
      await visible(page.getByRole('heading', { level: 2, name: part }));
    }
    const api = (await apiAs(page, stack.url, 'GET', `/engagements/${demoEngagementId}/report`)).body;
    const rows = api.filled.scoringTable.groups.flatMap((g: { rows: unknown[] }) => g.rows);
    expect(await page.getByTestId('scoring-table').locator('[data-testid="row-score"]').count()).toBe(rows.length);
    expect(await page.getByTestId('report-total').textContent()).toBe(api.filled.scoringTable.totalText);
    await visible(page.getByTestId('report-grade').getByText('全部指标评分后确定'));
    await visible(page.getByTestId('problems').getByText('尚无问题汇总记录'));
    await visible(page.getByTestId('sampling').getByText('尚无账务核查抽样记录'));
    await screenshot(page, 'report-01-outline');
  });

  it('writes the overview and a recommendation and saves them', async () => {
    await page.getByLabel('项目概况').fill(overview);
    await page.getByRole('button', { name: '添加建议' }).click();
    await page.getByLabel('建议 1', { exact: true }).fill('建立补贴资金按季度拨付机制');
    await page.getByRole('button', { name: '保存报告' }).click();
    await visible(page.getByRole('status').getByText('报告已保存'));
    const stored = (await apiAs(page, stack.url, 'GET', `/engagements/${demoEngagementId}/report`)).body;
    expect(stored.report).toMatchObject({
      version: 1,
      recommendations: ['建立补贴资金按季度拨付机制'],
      sections: { overview },
    });
    await page.reload();
    expect(await page.getByLabel('项目概况').inputValue()).toBe(overview);
    await screenshot(page, 'report-02-saved');
  });

  it('downloads the DOCX: a Word document marked 草稿 with the section text', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载报告（DOCX）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^项目支出绩效评价报告-.*\.docx$/);
    const path = join(artifacts, 'evaluation-report.docx');
    await download.saveAs(path);
    const zip = await JSZip.loadAsync(readFileSync(path));
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('wordprocessingml.document.main+xml');
    const doc = await zip.file('word/document.xml')!.async('string');
    expect(doc).toContain(overview);
    expect(doc).toContain('建立补贴资金按季度拨付机制');
    expect(await zip.file('word/header1.xml')!.async('string')).toContain('草稿');
  });

  it('downloads the scoring table as XLSX with the figures of the screen', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载评分表（XLSX）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^绩效评价评分表-.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await download.path()) as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    const onScreen = await page.getByTestId('report-total').textContent();
    let total: unknown;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === '合计') total = row.getCell(6).value;
    });
    expect(Number(total).toFixed(2)).toBe(onScreen);
    expect(watch.violations).toEqual([]);
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`passes axe and reflow (${language})`, async () => {
      await page.evaluate((locale) => localStorage.setItem('jixiao.locale', locale), language);
      await page.goto(reportUrl());
      await visible(page.getByTestId('scoring-table'));
      expect(await audit(page)).toEqual([]);
      expect(await reflow(page)).toEqual([]);
      if (language === 'en') {
        await visible(page.getByRole('heading', { level: 1, name: 'Evaluation report' }));
        await screenshot(page, 'report-03-en');
      }
      await page.evaluate(() => localStorage.setItem('jixiao.locale', 'zh-CN'));
    });
  }
});
