import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import { demoAssignmentId, demoEngagementId, demoSiteIds } from '@jixiao/infra/local/demo-fieldwork.ts';
import { propertyServices } from '@jixiao/infra/local/demo-projects.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { audit, launch, phone, reflow, type SecurityWatch, screenshot, watchSecurity, webBuild } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { requireWebBuild } from './web-stack.ts';

/**
 * Scoring papers (issue 13 item 1; docs/domain/key-evaluation.md#scoring-papers) on a 1280×800 desktop: after
 * 孙强's phone has sent a site visit with a photo and an interview on the demo engagement, the agency's lead 周敏 opens the
 * scoring screen, sees what rule 10 still misses, opens 预算执行率 from that list, ticks the site visit, the
 * interview and the photo as its evidence, enters the spending and the funds received and sees the rate and the score worked out as she types
 * (over the funds received, not the budget), saves, and sees the row, the process subtotal and the total; then
 * judges 补贴覆盖小区数 with a deduction and its reason. The list of what is missing shrinks with each paper. She then
 * uploads the department's ledger (a small PDF) to 预算执行率's paper: it is marked 待保存 until she saves, is listed
 * after a reload, counts as evidence, and downloads intact; on a 390×844 phone the paper shows it too.
 * axe and reflow in Chinese and English, with the document listed.
 */
let stack: TestStack;
let browser: Browser;
let watch: SecurityWatch;
let page: Page;

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const rowId = (n: number) => demoId(`target-row:${propertyServices}:${n}`);
const scoringUrl = () => `${stack.url}/engagements/${demoEngagementId}/scoring`;
/** The department's ledger as the lead scanned it: a minimal valid PDF. */
const ledger = {
  name: '区住建委支出明细账（2026年第四季度）.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
  ),
};
let siteVisitId = '';
let photoId = '';
let budgetExecutionId = '';

beforeAll(async () => {
  requireWebBuild();
  stack = await startTestStack({ webRoot: webBuild, tableName: `e2e-scoring-${randomUUID()}` });
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  watch = await watchSecurity(context);
  page = await context.newPage();

  // What 孙强's phone sent: a site visit checking 预算执行率 and 补贴覆盖小区数, and an interview.
  const evaluator = await stack.tokenFor('evaluator');
  const call = (method: string, path: string, body?: unknown) =>
    stack.call(method, `/api/v1${path}`, { token: evaluator, ...(body === undefined ? {} : { body }) });
  const engagement = (await call('GET', `/engagements/${demoEngagementId}`)).body as {
    indicators: { id: string; name: string }[];
  };
  budgetExecutionId = engagement.indicators.find((i) => i.name === '预算执行率')!.id;
  const now = new Date().toISOString();
  siteVisitId = uuidV7();
  photoId = uuidV7();
  const photoBytes = Buffer.from(`photo of 3 号楼 ${photoId}`);
  const sha256 = createHash('sha256').update(photoBytes).digest('hex');
  const check = (indicatorId: string, claim: string, note: string) => ({
    id: uuidV7(),
    indicatorId,
    claim,
    method: 'INSPECT',
    declaredValue: '',
    observedValue: '',
    verdict: 'PARTLY',
    note,
  });
  const visit = await call('POST', '/field-records', {
    id: siteVisitId,
    assignmentId: demoAssignmentId,
    type: 'SITE_VISIT',
    deviceCreatedAt: now,
    deviceUpdatedAt: now,
    siteId: demoSiteIds[0],
    arrivedAt: '2026-11-20T09:00:00+08:00',
    departedAt: '2026-11-20T10:15:00+08:00',
    position: { latitude: 39.1192, longitude: 117.3134, accuracyMetres: 12, capturedAt: now },
    positionNote: '',
    accompaniedBy: '区住建委物业科 王科长',
    checks: [
      check(budgetExecutionId, '补贴资金已按计划支出', '第四季度补贴尚未拨付'),
      check(rowId(1), '46 个小区均已纳入补贴', '1 个小区物业合同已到期未续签'),
    ],
    findings: '第四季度补贴未拨付。',
    signature: { signerName: '王科长', signedAt: now, path: 'M 10 40 L 30 10 L 50 40' },
    photos: [
      {
        id: photoId,
        sha256,
        sizeBytes: photoBytes.length,
        contentType: 'image/jpeg',
        width: 480,
        height: 320,
        caption: '3 号楼楼道照明',
        takenAt: now,
        position: null,
      },
    ],
  });
  expect(visit.status).toBe(201);
  const ticket = await call('POST', `/assignments/${demoAssignmentId}/photo-uploads`, {
    id: photoId,
    contentType: 'image/jpeg',
    sizeBytes: photoBytes.length,
    sha256,
  });
  expect(ticket.status).toBe(201);
  const { 'content-length': _length, ...headers } = ticket.body.upload.headers as Record<string, string>;
  const put = await fetch(ticket.body.upload.url, { method: 'PUT', headers, body: new Uint8Array(photoBytes) });
  expect(put.ok).toBe(true);
  expect((await call('POST', `/field-records/${siteVisitId}/photos`, { id: photoId })).status).toBe(201);
  const interview = await call('POST', '/field-records', {
    id: uuidV7(),
    assignmentId: demoAssignmentId,
    type: 'INTERVIEW',
    deviceCreatedAt: now,
    deviceUpdatedAt: now,
    mode: 'IN_PERSON',
    place: '成林道小区物业服务中心',
    startedAt: now,
    interviewee: { category: 'BENEFICIARY', role: '业委会委员', name: '' },
    consent: { given: false, method: null },
    answers: [],
    notes: '业委会反映第四季度补贴未到位。',
    linkedIndicatorIds: [budgetExecutionId],
    photos: [],
  });
  expect(interview.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const readiness = () => page.getByTestId('readiness');
const missingCount = async () => readiness().locator('[data-problem]').count();
const rowOf = (name: string) => page.locator('table.framework tr', { has: page.getByText(name, { exact: true }) });

describe('the agency lead scores with evidence on a desktop', () => {
  let before = 0;

  it('opens the scoring screen: the framework, nothing scored, everything missing', async () => {
    await signInAs(page, stack.url, 'agency-lead', 'field');
    await page.goto(scoringUrl());
    await visible(page.getByRole('heading', { level: 1, name: '评分底稿' }));
    await visible(page.getByTestId('papers-state').getByText('底稿编制中'));
    expect(await page.getByTestId('total').textContent()).toBe('0.00');
    await visible(page.getByTestId('grade').getByText('全部指标评分后确定'));
    before = await missingCount();
    const sheet = (await apiAs(page, stack.url, 'GET', `/engagements/${demoEngagementId}/scoring-papers`)).body;
    expect(before).toBe(sheet.problems.length);
    expect(before).toBe(sheet.papers.length * 2);
    const budgetLine = readiness().locator('li', { has: page.getByRole('link', { name: '预算执行率', exact: true }) });
    await visible(budgetLine.getByText('缺证据'));
    await visible(budgetLine.getByText('未评分'));
    expect(await budgetLine.getByText('缺证据').getAttribute('title')).toBe('“预算执行率”的底稿未关联任何证据');
    await screenshot(page, 'scoring-01-empty');
  });

  it('scores 预算执行率 from its figures, with the site visit as evidence, the score live', async () => {
    await readiness().getByRole('link', { name: '预算执行率', exact: true }).click();
    const editor = page.locator('#paper-editor');
    await visible(editor.getByRole('heading', { name: '底稿：预算执行率' }));
    expect(page.url()).toContain(`indicator=${budgetExecutionId}`);
    // A new paper on 预算执行率 starts on its formula, with the plan's standard and its default rule.
    expect(await editor.getByLabel('评价标准').inputValue()).toContain('执行率 = 实际支出 ÷ 实际到位资金');
    expect(await editor.getByLabel('计算公式').inputValue()).toBe('BUDGET_EXECUTION');
    expect(await editor.getByLabel('满分线（%）').inputValue()).toBe('95');
    expect(await editor.getByLabel('每低 1 个百分点扣（分）').inputValue()).toBe('0.2');

    await editor.getByLabel('现场核查 · 万新街道成林道小区').check();
    await editor.getByLabel('访谈记录').check();
    await editor.getByLabel('照片 · 3 号楼楼道照明').check();
    await editor.getByLabel('数据来源').fill('区住建委支出明细账、国库拨付记录');
    await editor.getByLabel('核查情况').fill('第四季度补贴 50 万元尚未拨付');
    await editor.getByLabel('实际支出').fill('850000');
    await editor.getByLabel('实际到位资金').fill('900000');
    // 850,000 of 900,000 received is 94.44 %: 5 − (95 − 94 4/9) × 0.2 = 4.89, worked out by core as she types.
    const live = editor.getByTestId('live-score');
    await visible(live.getByText('94.44%'));
    await visible(live.getByText('4.89 / 5 分'));
    await editor.getByLabel('原因分析').fill('年底资金调度滞后');
    await editor.getByLabel('整改建议').fill('按季度足额拨付补贴');
    await screenshot(page, 'scoring-02-formula', { fullPage: false });
    await editor.getByRole('button', { name: '保存底稿' }).click();

    await visible(rowOf('预算执行率').getByText('4.89'));
    await visible(page.getByRole('status').getByText('底稿已保存：预算执行率'));
    expect(await page.getByTestId('total').textContent()).toBe('4.89');
    expect(await missingCount()).toBe(before - 2);
    await expect(readiness().getByRole('link', { name: '预算执行率', exact: true }).count()).resolves.toBe(0);
    const stored = (await apiAs(page, stack.url, 'GET', `/engagements/${demoEngagementId}/scoring-papers`)).body;
    const paper = stored.papers.find((p: { indicatorId: string }) => p.indicatorId === budgetExecutionId);
    expect(paper).toMatchObject({
      version: 1,
      dataSource: '区住建委支出明细账、国库拨付记录',
      scoring: { method: 'FORMULA', formula: 'BUDGET_EXECUTION', numerator: '850000', denominator: '900000' },
    });
    expect(paper.evidence.recordIds).toContain(siteVisitId);
    expect(paper.evidence.recordIds).toHaveLength(2);
    expect(paper.evidence.photoIds).toEqual([photoId]);
  });

  it('judges 补贴覆盖小区数 with a deduction and its reason; the total and the list follow', async () => {
    await rowOf('补贴覆盖小区数').getByRole('link', { name: '打开底稿: 补贴覆盖小区数' }).click();
    const editor = page.locator('#paper-editor');
    await visible(editor.getByRole('heading', { name: '底稿：补贴覆盖小区数' }));
    await editor.getByLabel('现场核查 · 万新街道成林道小区').check();
    await editor.getByLabel('定性评判（扣分）').check();
    await editor.getByRole('button', { name: '添加扣分' }).click();
    await editor.getByLabel('扣分值').fill('2');
    // A deduction without its reason is refused before it is sent.
    await editor.getByRole('button', { name: '保存底稿' }).click();
    await visible(editor.getByText('请先修正标出的内容'));
    await editor.getByLabel('扣分理由').fill('1 个小区物业合同到期未续签');
    const points = Number(await editor.getByLabel('权重（分值）').inputValue());
    await visible(editor.getByTestId('live-score').getByText(`${(points - 2).toFixed(2)} / ${points} 分`));
    await editor.getByRole('button', { name: '保存底稿' }).click();
    await visible(rowOf('补贴覆盖小区数').getByText((points - 2).toFixed(2)));
    expect(await page.getByTestId('total').textContent()).toBe((4.89 + points - 2).toFixed(2));
    expect(await missingCount()).toBe(before - 4);
    await screenshot(page, 'scoring-03-judged');
    expect(watch.violations).toEqual([]);
  });

  it('uploads the ledger to 预算执行率’s paper, saves, sees it after a reload and downloads it intact', async () => {
    await page.goto(`${scoringUrl()}?indicator=${budgetExecutionId}`);
    const editor = page.locator('#paper-editor');
    await visible(editor.getByRole('heading', { name: '底稿：预算执行率' }));
    const evidenceCell = rowOf('预算执行率').locator('td').nth(2);
    expect(await evidenceCell.textContent()).toBe('3');
    const documents = editor.getByTestId('paper-documents');
    await visible(documents.getByText('尚未上传文件。'));
    expect(await documents.locator('.hint').textContent()).toContain('每个不超过 50\u00a0MB，最多 20 个');

    await documents.getByLabel('添加文件').setInputFiles(ledger);
    await visible(documents.getByRole('status').getByText(`已上传“${ledger.name}”，点击“保存底稿”后列入底稿。`));
    const item = documents.locator('li.file', { hasText: ledger.name });
    await visible(item.getByText('PDF 文档'));
    // Uploaded, not yet listed by the paper: marked so, with nothing to download until the save.
    await visible(item.getByText('待保存'));
    await visible(documents.getByText('文件的添加或移除在点击“保存底稿”后才生效。'));
    expect(await item.getByRole('button', { name: `下载 ${ledger.name}` }).count()).toBe(0);
    await editor.getByRole('button', { name: '保存底稿' }).click();
    await visible(page.getByRole('status').getByText('底稿已保存：预算执行率'));
    await visible(evidenceCell.getByText('4', { exact: true }));

    const stored = (await apiAs(page, stack.url, 'GET', `/engagements/${demoEngagementId}/scoring-papers`)).body;
    const paper = stored.papers.find((p: { indicatorId: string }) => p.indicatorId === budgetExecutionId);
    expect(paper.version).toBe(2);
    expect(paper.evidence.documents).toHaveLength(1);
    expect(paper.evidence.documents[0]).toMatchObject({
      name: ledger.name,
      contentType: 'application/pdf',
      sizeBytes: ledger.buffer.length,
      sha256: createHash('sha256').update(ledger.buffer).digest('hex'),
    });
    // The rest of the paper is as it was saved before.
    expect(paper.evidence.photoIds).toEqual([photoId]);
    expect(paper.scoring).toMatchObject({ numerator: '850000', denominator: '900000' });

    await page.reload();
    const listed = page.getByTestId('paper-documents').locator('li.file', { hasText: ledger.name });
    await visible(listed);
    expect(await listed.getByText('待保存').count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      listed.getByRole('button', { name: `下载 ${ledger.name}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(ledger.name);
    expect(readFileSync(await download.path()).equals(ledger.buffer)).toBe(true);
    expect(watch.violations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });

  it('shows the paper with its document on a phone', async () => {
    const context = await browser.newContext(phone);
    try {
      const mobile = await context.newPage();
      await signInAs(mobile, stack.url, 'agency-lead', 'field');
      await mobile.goto(`${scoringUrl()}?indicator=${budgetExecutionId}`);
      const documents = mobile.getByTestId('paper-documents');
      await visible(documents.locator('li.file', { hasText: ledger.name }));
      await documents.scrollIntoViewIfNeeded();
      await screenshot(mobile, 'scoring-05-document-phone', { fullPage: false });
      expect(await reflow(mobile)).toEqual([]);
      // A second file, a voucher photographed, uploaded and not yet saved: marked so (the page is left unsaved).
      const voucher = {
        name: '国库拨付凭证.png',
        mimeType: 'image/png',
        buffer: Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'binary'), Buffer.alloc(2048, 0x11)]),
      };
      await documents.getByLabel('添加文件').setInputFiles(voucher);
      await visible(documents.locator('li.file', { hasText: voucher.name }).getByText('待保存'));
      await documents.locator('li.file', { hasText: voucher.name }).scrollIntoViewIfNeeded();
      await screenshot(mobile, 'scoring-06-unsaved-phone', { fullPage: false });
      expect(await reflow(mobile)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`passes axe and reflow with a paper open (${language})`, async () => {
      await page.evaluate((locale) => localStorage.setItem('jixiao.locale', locale), language);
      await page.goto(`${scoringUrl()}?indicator=${budgetExecutionId}`);
      await visible(page.locator('#paper-editor'));
      await visible(page.getByTestId('live-score').getByText('94.44%'));
      // The paper's uploaded document is listed, its buttons and tag among what is checked.
      await visible(page.getByTestId('paper-documents').locator('li.file', { hasText: ledger.name }));
      expect(await audit(page)).toEqual([]);
      expect(await reflow(page)).toEqual([]);
      if (language === 'en') {
        await visible(page.getByRole('heading', { level: 1, name: 'Scoring papers' }));
        await screenshot(page, 'scoring-04-en');
      }
      await page.evaluate(() => localStorage.setItem('jixiao.locale', 'zh-CN'));
    });
  }
});
