import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoProjectYear } from '@jixiao/infra/local/demo-projects.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMonitoringReports, seedMonitoringRound } from '../support/monitoring-fixture.ts';
import { audit, launch, phone, reflow, screenshot } from './browser.ts';
import { apiAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * Issue 12, item 5: the one attachments field where a form asks for evidence, here on the two forms that gained it —
 * a draft target version's basis documents (立项依据、测算依据) and a monitoring report's files — on a 390×844 phone
 * against the local stack (DynamoDB Local, the local S3). The limits are read before choosing; a file over 50 MB is
 * refused in Chinese before anything is sent; a good file shows its progress (the PUT to the bucket held back until
 * the test has seen it), is listed with type and size, and downloads intact. axe and reflow in Chinese and English.
 */
let stack: LocalStack;
let browser: Browser;
let people: Phones;
let targetId = '';
let reportId = '';
const scratch = mkdtempSync(join(tmpdir(), 'jixiao-attachments-'));
const tooLarge = join(scratch, '测算依据（扫描件）.pdf');

const basis = {
  name: '立项依据-区政府常务会议纪要.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.concat([Buffer.from('%PDF-1.4\n% 立项依据\n'), Buffer.alloc(200_000, 0x20)]),
};
const note = {
  name: '上半年执行情况说明.docx',
  mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  buffer: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(120_000, 0x41)]),
};
const hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

/** Holds every PUT to the bucket until `release` is called, so the progress can be seen on the screen. */
const holdUploads = async (page: Page) => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    (url) => url.pathname.startsWith('/T/') || url.pathname.includes(`/T/${demoTenant.id}/`),
    async (route) => {
      if (route.request().method() === 'PUT') await gate;
      await route.continue();
    },
  );
  return { release, done: () => page.unrouteAll({ behavior: 'wait' }) };
};

/** Attaches `file` through the field, sees it under way and listed, and downloads it back intact. */
const attach = async (page: Page, field: Locator, file: typeof basis) => {
  const held = await holdUploads(page);
  await field.locator('input[type="file"]').setInputFiles(file);
  const item = field.locator('li.file', { hasText: file.name });
  await visible(item.locator('.progress-text', { hasText: /上传中/ }));
  await visible(page.getByRole('status').getByText(`正在上传“${file.name}”…`));
  await field.scrollIntoViewIfNeeded();
  await screenshot(page, `attachments-${file.name.endsWith('.pdf') ? 'target' : 'report'}-uploading`, {
    fullPage: false,
  });
  held.release();
  await visible(page.getByRole('status').getByText(`已上传附件“${file.name}”。`));
  await visible(item.locator('.tag.ok'));
  await held.done();
  await field.scrollIntoViewIfNeeded();
  await screenshot(page, `attachments-${file.name.endsWith('.pdf') ? 'target' : 'report'}-listed`, { fullPage: false });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    item.getByRole('button', { name: `下载 ${file.name}` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(file.name);
  expect(readFileSync(await download.path()).equals(file.buffer)).toBe(true);
};

beforeAll(async () => {
  stack = await startWebStack('e2e-attachments');
  // A file just over the 50 MB cap, sparse: the browser must refuse it from its size alone.
  writeFileSync(tooLarge, '');
  truncateSync(tooLarge, 50 * 1024 * 1024 + 1);
  const roundId = await seedMonitoringRound(stack.store, demoTenant.id);
  [reportId] = (await seedMonitoringReports(stack.store, demoTenant.id, roundId, {
    id: demoId('department:102'),
    code: '102',
    name: '东丽区教育局',
    series: 'GOVERNMENT',
    financeSectionId: demoId('section:JKW'),
    unitId: demoId('unit:102001'),
    unitName: '东丽区教育局机关',
  })) as [string];
  browser = await launch();
  people = new Phones(browser, stack.url, { ...phone, acceptDownloads: true });
  const preparer = await people.of('unit-preparer', 'department');
  const project = await apiAs(preparer, stack.url, 'POST', '/projects', {
    id: uuidV7(),
    fiscalYear: demoProjectYear,
    code: `E${randomUUID().replaceAll('-', '').slice(0, 9).toUpperCase()}`,
    name: '校园安全设施改造（附件测试）',
    unitId: demoId('unit:102001'),
    category: 'SPECIFIC_PURPOSE',
    nature: 'CONTINUING',
    recurrence: 'RECURRING',
    periodStart: demoProjectYear,
    periodEnd: demoProjectYear,
    funds: { fiscal: 1_000_000_00, carryOver: 0, other: 0 },
    functionalClass: '20502',
    majorPolicy: false,
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  const target = await apiAs(preparer, stack.url, 'POST', `/projects/${project.body.id}/targets`, { id: uuidV7() });
  expect(target.status, JSON.stringify(target.body)).toBe(201);
  targetId = target.body.id;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the attachments field on a phone', () => {
  it('a unit preparer attaches a basis document to a draft target; a file over 50 MB is refused first', async () => {
    const page = await people.of('unit-preparer', 'department');
    await page.goto(`${stack.url}/targets/${targetId}`);
    const field = page.locator('section.attachments', {
      has: page.getByRole('heading', { name: '立项依据与测算依据' }),
    });
    await visible(field);
    // The limits are there before anything is chosen.
    expect(await field.locator('.hint').textContent()).toContain('每个不超过 50\u00a0MB，最多 20 个');
    await visible(field.getByText('暂无附件。'));

    await field.locator('input[type="file"]').setInputFiles(tooLarge);
    await visible(field.getByRole('alert').getByText('文件大小为 50\u00a0MB，超过 50\u00a0MB 的上限。'));
    expect((await apiAs(page, stack.url, 'GET', `/targets/${targetId}`)).body.attachments ?? []).toEqual([]);
    await field.scrollIntoViewIfNeeded();
    await screenshot(page, 'attachments-target-refused', { fullPage: false });

    await attach(page, field, basis);
    const stored = (await apiAs(page, stack.url, 'GET', `/targets/${targetId}`)).body;
    expect(stored.reviewStatus).toBe('DRAFT');
    expect(stored.attachments).toEqual([
      expect.objectContaining({
        name: basis.name,
        contentType: 'application/pdf',
        sizeBytes: basis.buffer.length,
        sha256: hex(basis.buffer),
      }),
    ]);
    // The goals typed afterwards save at the version the attachment left: no conflict.
    await page.getByLabel('年度目标').fill('完成 12 所学校安防设施改造');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect
      .poll(async () => (await apiAs(page, stack.url, 'GET', `/targets/${targetId}`)).body.annualGoal)
      .toBe('完成 12 所学校安防设施改造');
    expect((await apiAs(page, stack.url, 'GET', `/targets/${targetId}`)).body.attachments).toHaveLength(1);
  });

  it('a unit preparer attaches a file to a monitoring report', async () => {
    const page = await people.of('unit-preparer', 'department');
    await page.goto(`${stack.url}/monitoring/reports/${reportId}`);
    const field = page.locator('section.attachments', { has: page.getByRole('heading', { name: '监控附件' }) });
    await visible(field);
    expect(await field.locator('.hint').textContent()).toContain('50\u00a0MB');
    await attach(page, field, note);
    const stored = (await apiAs(page, stack.url, 'GET', `/monitoring-reports/${reportId}`)).body;
    expect(stored.attachments).toEqual([
      expect.objectContaining({ name: note.name, sizeBytes: note.buffer.length, sha256: hex(note.buffer) }),
    ]);
    expect(people.watches.flatMap((w) => [...w.violations, ...w.pageErrors])).toEqual([]);
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`passes axe and reflow with files listed (${language})`, async () => {
      const page = await people.of('unit-preparer', 'department');
      await page.evaluate((locale) => localStorage.setItem('jixiao.locale', locale), language);
      for (const path of [`/targets/${targetId}`, `/monitoring/reports/${reportId}`]) {
        await page.goto(`${stack.url}${path}`);
        await visible(page.locator('section.attachments li.file').first());
        expect(await audit(page), path).toEqual([]);
        expect(await reflow(page), path).toEqual([]);
      }
      if (language === 'en') {
        await visible(page.getByRole('button', { name: `Download ${note.name}` }));
        await page.locator('section.attachments').scrollIntoViewIfNeeded();
        await screenshot(page, 'attachments-report-en', { fullPage: false });
      }
      await page.evaluate(() => localStorage.setItem('jixiao.locale', 'zh-CN'));
    });
  }
});
