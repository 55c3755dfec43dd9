import { createHash } from 'node:crypto';
import { sampleEntries, sampleFigures } from '@jixiao/core/department-evaluation/department-example.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launch, phone, reflow, screenshot } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * The department overall self-evaluation on a phone (390×844), against the local stack: the performance section
 * makes 东丽区教育局's evaluation of the year from the list; the department's preparer (刘洋) enters figures and
 * sees the formula indicator scored as worked by hand, scores a judgement indicator below full marks with its
 * reason, imports figures from a CSV (a bad row listed and nothing saved, then the good file scored), attaches a PDF as evidence to a judgement indicator (straight to the local S3 stand-in, read back through
 * the API), and sends it; the department's approver (陈芳) approves it and sees the file to download only. Both
 * languages pass axe and reflow.
 */
let stack: LocalStack;
let browser: Browser;
let phones: Phones;
let evaluationId = '';

const api = (p: Page, method: string, path: string, body?: unknown) => apiAs(p, stack.url, method, path, body);

const indicator = (p: Page, code: string) => p.locator(`li.indicator[data-code="${code}"]`);

const evidence = {
  name: '资产盘点报告.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.concat([Buffer.from('%PDF-1.4\n% 资产盘点报告\n'), Buffer.alloc(2000, 0x20)]),
};
let evidenceId = '';

const check = async (p: Page, name: string) => {
  expect(await audit(p), name).toEqual([]);
  expect(await reflow(p), name).toEqual([]);
  await screenshot(p, name);
};

beforeAll(async () => {
  stack = await startWebStack('e2e-department-evaluation');
  browser = await launch();
  phones = new Phones(browser, stack.url, phone);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the department overall self-evaluation', () => {
  it('the performance section makes the department’s evaluation of the year from the list', async () => {
    const perf = await phones.of('perf-reviewer', 'bureau');
    await perf.goto(`${stack.url}/department-evaluations`);
    await perf.getByLabel('部门').selectOption({ label: '102 东丽区教育局' });
    await perf.getByRole('button', { name: '生成该部门的整体自评' }).click();
    const link = perf.getByRole('link', { name: '查看 东丽区教育局' });
    await link.waitFor();
    evaluationId = (await link.getAttribute('href'))!.split('/').pop()!;
    await check(perf, 'department-evaluation-list-zh');
  });

  it('the preparer enters figures, sees 预算完成率 scored 8, and scores a judgement with its reason', async () => {
    const preparer = await phones.of('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/department`);
    await preparer
      .getByRole('link', { name: /部门整体支出绩效自评/ })
      .first()
      .click();
    await preparer.getByRole('link', { name: '查看 东丽区教育局' }).click();
    await preparer.getByRole('heading', { name: '部门基础数据' }).waitFor();
    await preparer.getByLabel('上年结转结余（万元）').fill('120');
    await preparer.getByLabel('年初预算（万元）').fill('1000');
    await preparer.getByLabel('年中追加（减）（万元）').fill('80');
    await preparer.getByLabel('年末结转结余（万元）').fill('43.2');
    await preparer.locator('#score-INDICATORS_CLEAR').fill('1.5');
    await preparer.locator('#note-INDICATORS_CLEAR').fill('部分指标未量化');
    await preparer.getByRole('button', { name: '保存' }).click();
    // (120 + 1,000 + 80 − 43.2) ÷ 1,200 = 96.4%: one started step of 5% short → 10 − 2 = 8.
    await expect
      .poll(() => indicator(preparer, 'BUDGET_COMPLETION').textContent())
      .toMatch(/指标值 96\.4%.*得分 8\.00/s);
    await expect.poll(() => indicator(preparer, 'INDICATORS_CLEAR').textContent()).toContain('得分 1.50');
    const saved = (await api(preparer, 'GET', `/department-evaluations/${evaluationId}`)).body;
    expect(saved.figures.initialBudgetFen).toBe(1000 * 1_000_000);
    expect(saved.entries).toContainEqual(expect.objectContaining({ code: 'INDICATORS_CLEAR', note: '部分指标未量化' }));
    await check(preparer, 'department-evaluation-record-zh');
  });

  it('the preparer imports figures from a CSV: a bad row is listed in Chinese and nothing saved, then the good file is scored', async () => {
    const preparer = await phones.of('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/department-evaluations/${evaluationId}`);
    const before = (await api(preparer, 'GET', `/department-evaluations/${evaluationId}`)).body;
    const file = preparer.getByLabel('从文件导入');
    const csv = (posts: string) => ({
      name: '部门数据.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`名称,数值\n在职人员数,48\n编制数,${posts}\n`),
    });
    await file.setInputFiles(csv('五十'));
    await preparer.getByRole('button', { name: '导入', exact: true }).click();
    await expect
      .poll(() => preparer.getByTestId('figures-import-errors').textContent())
      .toContain('第 3 行 B 列（数值）：“五十”不是数字');
    expect((await api(preparer, 'GET', `/department-evaluations/${evaluationId}`)).body.version).toBe(before.version);
    await file.setInputFiles(csv('50'));
    await preparer.getByRole('button', { name: '导入', exact: true }).click();
    // 48 ÷ 50 = 96% ≤ 100%: full 2.
    await expect.poll(() => indicator(preparer, 'STAFF_CONTROL').textContent()).toMatch(/得分 2\.00/);
    expect(await preparer.getByLabel('编制数（人）').inputValue()).toBe('50');
    const saved = (await api(preparer, 'GET', `/department-evaluations/${evaluationId}`)).body;
    expect(saved.figures).toMatchObject({ staffInPost: 48, authorisedPosts: 50, initialBudgetFen: 1000 * 1_000_000 });
    await check(preparer, 'department-evaluation-import-zh');
  });

  it('the preparer attaches a PDF to a judgement indicator, and the scores being typed stay', async () => {
    const preparer = await phones.of('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/department-evaluations/${evaluationId}`);
    const assets = indicator(preparer, 'ASSETS_SAFE');
    await preparer.locator('#note-ASSETS_SAFE').fill('两台报废车辆未及时处置');
    await assets.getByLabel(/添加佐证材料$/).setInputFiles(evidence);
    await assets.getByRole('button', { name: `下载 ${evidence.name}`, exact: true }).waitFor();
    expect(await preparer.locator('#note-ASSETS_SAFE').inputValue()).toBe('两台报废车辆未及时处置');
    const stored = (await api(preparer, 'GET', `/department-evaluations/${evaluationId}`)).body;
    expect(stored.entryAttachments.ASSETS_SAFE).toEqual([
      expect.objectContaining({
        name: evidence.name,
        contentType: 'application/pdf',
        sizeBytes: evidence.buffer.length,
        sha256: createHash('sha256').update(evidence.buffer).digest('hex'),
      }),
    ]);
    evidenceId = stored.entryAttachments.ASSETS_SAFE[0].id;
    const link = await api(preparer, 'GET', `/department-evaluations/${evaluationId}/attachments/${evidenceId}`);
    expect(link.status).toBe(200);
    const got = await fetch(link.body.url);
    expect(Buffer.from(await got.arrayBuffer()).equals(evidence.buffer)).toBe(true);
    // The note typed before the upload is saved with the record's new version.
    await preparer.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(async () => (await api(preparer, 'GET', `/department-evaluations/${evaluationId}`)).body.entries)
      .toContainEqual(expect.objectContaining({ code: 'ASSETS_SAFE', note: '两台报废车辆未及时处置' }));
    await check(preparer, 'department-evaluation-evidence-zh');
  });

  it('reads well in English too', async () => {
    const page = await phones.fresh({ ...phone });
    await page.context().addInitScript(() => localStorage.setItem('jixiao.locale', 'en'));
    await signInAs(page, stack.url, 'unit-preparer', 'department');
    await page.goto(`${stack.url}/department-evaluations/${evaluationId}`);
    await page.getByRole('heading', { name: "The department's figures" }).waitFor();
    await check(page, 'department-evaluation-record-en');
    await page.goto(`${stack.url}/department-evaluations`);
    await page.getByRole('link', { name: /Open 东丽区教育局/ }).waitFor();
    await check(page, 'department-evaluation-list-en');
  });

  it('the preparer sends the complete sheet and the department’s approver approves it', async () => {
    const preparer = await phones.of('unit-preparer', 'department');
    const current = (await api(preparer, 'GET', `/department-evaluations/${evaluationId}`)).body;
    const filled = await api(preparer, 'PATCH', `/department-evaluations/${evaluationId}`, {
      version: current.version,
      figures: sampleFigures,
      entries: sampleEntries,
    });
    expect(filled.status).toBe(200);
    await preparer.goto(`${stack.url}/department-evaluations/${evaluationId}`);
    await expect.poll(() => preparer.getByTestId('dev-total').textContent()).toBe('92.98');
    await preparer.getByRole('button', { name: '送部门审核' }).click();
    await expect
      .poll(async () => (await api(preparer, 'GET', `/department-evaluations/${evaluationId}`)).body.reviewStatus)
      .toBe('UNIT_SUBMITTED');

    const approver = await phones.of('dept-reviewer', 'department');
    await approver.goto(`${stack.url}/department-evaluations/${evaluationId}`);
    await approver.getByRole('button', { name: '审核通过' }).click();
    await expect
      .poll(async () => (await api(approver, 'GET', `/department-evaluations/${evaluationId}`)).body.reviewStatus)
      .toBe('DEPT_APPROVED');
    await approver.getByRole('heading', { name: '审核记录' }).waitFor();
    // Sent on, the file is there to download, with nothing to add or remove; the sheet's save kept its id.
    const assets = indicator(approver, 'ASSETS_SAFE');
    await assets.getByRole('button', { name: `下载 ${evidence.name}`, exact: true }).waitFor();
    expect(await assets.locator('input[type="file"]').count()).toBe(0);
    expect(await assets.getByRole('button', { name: `移除 ${evidence.name}` }).count()).toBe(0);
    const sent = (await api(approver, 'GET', `/department-evaluations/${evaluationId}`)).body;
    expect(sent.entries).toContainEqual(expect.objectContaining({ code: 'ASSETS_SAFE', evidence: [evidenceId] }));
    await check(approver, 'department-evaluation-approved-zh');
    for (const watch of phones.watches) expect(watch.violations).toEqual([]);
  });
});
