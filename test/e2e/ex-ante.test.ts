import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { uuidV7 } from '@jixiao/core/ids.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, phone, type SecurityWatch, screenshot, watchSecurity } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { startWebStack } from './web-stack.ts';

/**
 * Ex-ante assessment (事前绩效评估, docs/domain/submission.md#ex-ante-assessment) on a phone: the commissioned agency scores the
 * demo's major project (智慧教育云平台建设) on five dimensions, saves and submits it; the
 * performance section returns it with a reason, the agency submits again, and the performance
 * section accepts it: the conclusion then stands on the project. Then the performance section commissions
 * a third party for a new major project from its page, and the agency attaches its report: the
 * file goes straight to the bucket, is listed, downloads byte for byte, and can be removed; a file
 * of the wrong type is refused in Chinese; the project's unit may download but not change them.
 */
let stack: LocalStack;
let browser: Browser;
let watch: SecurityWatch;
let page: Page;

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

/** Another person on the same phone. */
const switchTo = (p: Page, username: string, workspace: string) => signInAs(p, stack.url, username, workspace);
const api = (p: Page, path: string, method = 'GET', body?: unknown) => apiAs(p, stack.url, method, path, body);

beforeAll(async () => {
  stack = await startWebStack('e2e-ex-ante');
  browser = await launch();
  const context = await browser.newContext(phone);
  watch = await watchSecurity(context);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('an ex-ante assessment by the commissioned agency, reviewed by the performance section', () => {
  let assessmentId = '';

  it('the agency scores the five dimensions (a score above 20 is flagged), saves, and submits it', async () => {
    await switchTo(page, 'agency-lead', 'field');
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

    // Submitting is judged on the saved copy: save first.
    const submit = page.getByRole('button', { name: '提交绩效科审核' });
    await visible(page.locator('#submit-reasons').getByText('请先保存修改'));
    expect(await submit.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '完成评估' }).count()).toBe(0);
    await screenshot(page, 'ex-ante-01-scored');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await visible(page.getByRole('status').getByText('已保存。'));
    await expect.poll(() => submit.isEnabled()).toBe(true);
    await submit.click();
    await visible(page.getByRole('status').getByText('已提交绩效科审核。'));
    await visible(page.locator('.chips').getByText('待绩效科审核'));
    await visible(page.getByText('已提交绩效科审核，审核期间不能修改。'));
    expect(await page.locator('#dim-NECESSITY-score').count()).toBe(0);
    expect(await page.locator('input[type="file"]').count()).toBe(0);

    const stored = await api(page, `/ex-ante-assessments/${assessmentId}`);
    expect(stored.body).toMatchObject({
      state: 'SUBMITTED',
      conclusion: 'SUPPORT_AFTER_ADJUSTMENT',
      totalScore: 88.5,
      recommendedAmount: 1_000_000_000,
      conditions: '二期建设前提交一期运行评估报告。',
    });
    expect(stored.body.dimensions.ECONOMY).toEqual({ score: 16.5, note: '设备选型参照市场询价，单价略高于同类项目。' });
  });

  it('the performance section returns it with a reason; the agency sees why and submits it again', async () => {
    await switchTo(page, 'perf-reviewer', 'bureau');
    await page.goto(`${stack.url}/ex-ante/${assessmentId}`);
    const review = page.locator('section', {
      has: page.getByRole('heading', { level: 2, name: '审核受托机构的评估' }),
    });
    await visible(review);
    // A return says why: the reason is asked for before anything is sent.
    await review.getByRole('button', { name: '退回修改' }).click();
    await visible(page.locator('#ex-ante-return-opinion-error:not(:empty)'));
    expect(await page.getByLabel('退回原因').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('退回原因').fill('请补充设备选型的市场询价依据。');
    await review.scrollIntoViewIfNeeded();
    await screenshot(page, 'ex-ante-02a-review', { fullPage: false });
    await review.getByRole('button', { name: '退回修改' }).click();
    await visible(page.getByRole('status').getByText('已退回受托机构修改。'));
    await visible(page.locator('.chips').getByText('评估中'));

    await switchTo(page, 'agency-lead', 'field');
    await page.goto(`${stack.url}/ex-ante/${assessmentId}`);
    await visible(page.getByText(/^绩效科退回修改（李明，.+）：请补充设备选型的市场询价依据。$/));
    await page.locator('#dim-ECONOMY-note').fill('设备选型参照三家供应商询价，单价略高于同类项目。');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await visible(page.getByRole('status').getByText('已保存。'));
    const submit = page.getByRole('button', { name: '提交绩效科审核' });
    await expect.poll(() => submit.isEnabled()).toBe(true);
    await submit.click();
    await visible(page.getByRole('status').getByText('已提交绩效科审核。'));
  });

  it('the performance section accepts it, and the conclusion stands on the project', async () => {
    await switchTo(page, 'perf-reviewer', 'bureau');
    await page.getByRole('link', { name: /^事前绩效评估/ }).click();
    const entry = page.locator('li.entry', { hasText: '智慧教育云平台建设' });
    await visible(entry.getByText('待绩效科审核'));
    await entry.locator('a').click();
    await page.waitForURL(`**/ex-ante/${assessmentId}`);
    await page.getByRole('button', { name: '接受评估结论' }).click();
    await visible(page.getByRole('status').getByText('评估已完成，结论：调整完善后予以支持。'));
    await visible(page.locator('.chips').getByText('已完成'));
    expect(await page.getByRole('button', { name: '退回修改' }).count()).toBe(0);
    await screenshot(page, 'ex-ante-02-concluded');
    const stored = await api(page, `/ex-ante-assessments/${assessmentId}`);
    expect(stored.body).toMatchObject({ state: 'CONCLUDED', totalScore: 88.5 });

    await page.getByRole('link', { name: '智慧教育云平台建设' }).click();
    const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: '事前绩效评估' }) });
    await visible(section.getByText('已完成'));
    await visible(section.getByText('调整完善后予以支持'));
    await visible(section.getByText('88.5 分'));
  });
});

describe('a third-party assessment commissioned from the project page, with its report attached', () => {
  const suffix = randomUUID().replaceAll('-', '').slice(0, 6).toUpperCase();
  const project = { code: `E2EXQ2027${suffix}`, name: `职业教育实训基地建设${suffix.slice(0, 3)}` };
  // A small PDF of its own for this run: what comes back must be these very bytes.
  const report = {
    name: '事前绩效评估报告.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.concat([Buffer.from('%PDF-1.4\n% 事前绩效评估报告\n'), randomBytes(2048), Buffer.from('\n%%EOF\n')]),
  };
  let projectId = '';
  let assessmentId = '';

  it('the unit registers a major-policy project, which calls for ex-ante assessment', async () => {
    await switchTo(page, 'unit-preparer', 'department');
    const me = await api(page, '/me');
    const created = await api(page, '/projects', 'POST', {
      id: uuidV7(),
      fiscalYear: 2027,
      code: project.code,
      name: project.name,
      unitId: me.body.unit.id,
      category: 'SPECIFIC_PURPOSE',
      nature: 'NEW',
      recurrence: 'ONE_OFF',
      periodStart: 2027,
      periodEnd: 2027,
      funds: { fiscal: 800_000_000, carryOver: 0, other: 0 },
      functionalClass: '20503',
      majorPolicy: true,
      description: '建设区级职业教育公共实训基地。',
    });
    expect(created.status).toBe(201);
    expect(created.body.exAnteRequired).toBe(true);
    projectId = created.body.id;
  });

  it('the performance section commissions 天津津诚会计师事务所 from the project page', async () => {
    await switchTo(page, 'perf-reviewer', 'bureau');
    await page.goto(`${stack.url}/projects/${projectId}`);
    const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: '事前绩效评估' }) });
    await visible(section.getByText('尚未开展事前绩效评估。'));
    await section.getByRole('button', { name: '发起事前绩效评估' }).click();
    const dialog = page.getByRole('dialog', { name: '发起事前绩效评估' });
    await visible(dialog);
    await dialog.getByLabel('第三方机构').check();
    const agency = dialog.getByLabel('受托机构');
    await visible(agency);
    // Choosing the agency is required: the dialog says so before anything is sent.
    await dialog.getByRole('button', { name: '委托评估' }).click();
    await visible(dialog.getByText('委托第三方评估须选择受托机构'));
    expect(await agency.getAttribute('aria-invalid')).toBe('true');
    await agency.selectOption({ label: '天津津诚会计师事务所有限公司' });
    await screenshot(page, 'ex-ante-03-commission', { fullPage: false });
    await dialog.getByRole('button', { name: '委托评估' }).click();

    await page.waitForURL(/\/ex-ante\/[0-9a-f-]{36}$/);
    assessmentId = page.url().split('/').at(-1) ?? '';
    await visible(page.getByRole('heading', { level: 1, name: `事前绩效评估：${project.name}` }));
    await visible(page.locator('.sub').getByText('第三方机构'));
    const agencies = await api(page, '/agencies');
    const jincheng = agencies.body.items.find((a: { name: string }) => a.name === '天津津诚会计师事务所有限公司');
    const stored = await api(page, `/ex-ante-assessments/${assessmentId}`);
    expect(stored.body).toMatchObject({
      projectId,
      assessorType: 'THIRD_PARTY',
      agencyId: jincheng.id,
      state: 'DRAFT',
      attachments: [],
    });
  });

  it('the agency lead attaches the report: a wrong type is refused, the PDF goes up, is listed and downloads intact', async () => {
    await switchTo(page, 'agency-lead', 'field');
    await page.getByRole('link', { name: /^事前绩效评估/ }).click();
    await page.locator('li.entry', { hasText: project.name }).locator('a').click();
    await page.waitForURL(`**/ex-ante/${assessmentId}`);
    const section = page.locator('section.attachments');
    await visible(section.getByText('暂无附件。'));
    const chooser = section.locator('input[type="file"]');

    await chooser.setInputFiles({ name: '会议记录.txt', mimeType: 'text/plain', buffer: Buffer.from('会议记录') });
    await visible(
      section.getByRole('alert').getByText('不支持此类文件。请上传 PDF、Word、Excel 文件或 JPEG、PNG、WebP 图片。'),
    );
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'ex-ante-04a-wrong-type', { fullPage: false });
    await section.getByRole('button', { name: '移除 会议记录.txt' }).click();
    expect(await section.getByRole('alert').count()).toBe(0);

    await chooser.setInputFiles(report);
    await visible(page.getByRole('status').getByText(`已上传附件“${report.name}”。`));
    const item = section.locator('li.file', { hasText: report.name });
    await visible(item.getByText('已上传'));
    await visible(item.getByText('PDF 文档 · 2 KB'));
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'ex-ante-04b-attached', { fullPage: false });

    const stored = await api(page, `/ex-ante-assessments/${assessmentId}`);
    expect(stored.body.attachments).toEqual([
      expect.objectContaining({
        name: report.name,
        contentType: 'application/pdf',
        sizeBytes: report.buffer.length,
        sha256: createHash('sha256').update(report.buffer).digest('hex'),
      }),
    ]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('button', { name: `下载 ${report.name}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(report.name);
    expect(readFileSync(await download.path()).equals(report.buffer)).toBe(true);
    // Downloading leaves the person where they were.
    expect(page.url()).toBe(`${stack.url}/ex-ante/${assessmentId}`);
  });

  it('a second file can be removed again while the assessment is open', async () => {
    const section = page.locator('section.attachments');
    const sheet = { name: '评分表.png', mimeType: 'image/png', buffer: randomBytes(512) };
    await section.locator('input[type="file"]').setInputFiles(sheet);
    const item = section.locator('li.file', { hasText: sheet.name });
    await visible(item.getByText('PNG 图片 · 512 B'));
    await item.getByRole('button', { name: `移除 ${sheet.name}` }).click();
    await visible(page.getByRole('status').getByText(`已移除附件“${sheet.name}”。`));
    await item.waitFor({ state: 'detached' });
    const stored = await api(page, `/ex-ante-assessments/${assessmentId}`);
    expect(stored.body.attachments.map((a: { name: string }) => a.name)).toEqual([report.name]);
  });

  it('the project’s unit reads the assessment and downloads the report, but cannot change its files', async () => {
    await switchTo(page, 'unit-preparer', 'department');
    await page.goto(`${stack.url}/projects/${projectId}`);
    await page.getByRole('link', { name: '第三方机构' }).click();
    await page.waitForURL(`**/ex-ante/${assessmentId}`);
    const section = page.locator('section.attachments');
    const item = section.locator('li.file', { hasText: report.name });
    await visible(item.getByRole('button', { name: `下载 ${report.name}` }));
    expect(await section.getByRole('button', { name: `移除 ${report.name}` }).count()).toBe(0);
    expect(await section.locator('input[type="file"]').count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('button', { name: `下载 ${report.name}` }).click(),
    ]);
    expect(readFileSync(await download.path()).equals(report.buffer)).toBe(true);
  });

  it('ran without CSP violations or uncaught errors', () => {
    expect(watch.violations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
});
