import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { monitoringReportKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import { demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { operationRunner } from '@jixiao/infra/local/record-loader.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedRedReports } from './approved-reports.ts';
import { launch, phone, screenshot } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { startWebStack } from './web-stack.ts';

/**
 * Issue 10: the rectification's feedback asks for 佐证材料 (docs/domain/monitoring.md, "Rectification"), and
 * the unit can now attach them on its phone: the file goes up with its progress, is listed with type
 * and size and downloads intact; the bureau reads the list and downloads the file, but cannot change it.
 */
let stack: LocalStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
let rectificationId = '';

const suffix = randomUUID().replaceAll('-', '').slice(0, 6).toUpperCase();
const evidence = {
  name: '设备验收单.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.concat([Buffer.from('%PDF-1.4\n% 设备验收单\n'), Buffer.alloc(3000, 0x20)]),
};

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

const personFor = async (username: string, workspace: string): Promise<Page> => {
  const context = await browser.newContext({ ...phone, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  await signInAs(page, stack.url, username, workspace);
  return page;
};

beforeAll(async () => {
  stack = await startWebStack('e2e-rect-files');
  const { reportIds } = await approvedRedReports(stack.store, {
    prefix: `E2ER${suffix}`,
    count: 1,
    roundName: `2026 年整改佐证测试（${suffix}）`,
  });
  const report = await stack.store.get(demoTenant.id, monitoringReportKind, reportIds[0]!);
  const decided = await operationRunner(stack.store, demoTenant.id)(
    'recordMonitoringDisposition',
    { userId: 'e2e:perf', roles: ['performance-section-reviewer'] },
    {
      params: { id: reportIds[0]! },
      body: {
        version: report!.version,
        decision: 'RECTIFY',
        reason: '执行进度严重滞后',
        dueDate: '2031-09-30',
        requirements: '完成设备采购并报送验收单等佐证材料。',
      },
    },
  );
  rectificationId = String(decided.body.rectificationId);
  browser = await launch();
}, 300_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await stack?.stop();
});

describe('evidence files on a rectification’s feedback', () => {
  it('the unit preparer attaches a file on the phone; it is listed and downloads intact', async () => {
    const page = await personFor('unit-preparer', 'department');
    await page.goto(`${stack.url}/rectifications/${rectificationId}`);
    const section = page.locator('section.attachments');
    await visible(section.getByRole('heading', { level: 2, name: '整改佐证材料' }));
    await visible(section.getByText('暂无附件。'));
    await section.locator('input[type="file"]').setInputFiles(evidence);
    await visible(page.getByRole('status').getByText(`已上传附件“${evidence.name}”。`));
    const item = section.locator('li.file', { hasText: evidence.name });
    await visible(item.getByText('已上传'));
    await visible(item.getByText('PDF 文档 · 3 KB'));
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'rectification-attachments-01-attached', { fullPage: false });

    const stored = await apiAs(page, stack.url, 'GET', `/rectifications/${rectificationId}`);
    expect(stored.body.state).toBe('FEEDBACK_DRAFT');
    expect(stored.body.attachments).toEqual([
      expect.objectContaining({
        name: evidence.name,
        contentType: 'application/pdf',
        sizeBytes: evidence.buffer.length,
        sha256: createHash('sha256').update(evidence.buffer).digest('hex'),
      }),
    ]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('button', { name: `下载 ${evidence.name}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(evidence.name);
    expect(readFileSync(await download.path()).equals(evidence.buffer)).toBe(true);

    // The feedback text saved afterwards keeps the file.
    await page.getByRole('textbox', { name: /^整改情况/ }).fill('设备已安装并验收，验收单见附件。');
    await page.getByRole('button', { name: '保存反馈' }).click();
    await visible(page.getByRole('status').getByText('已保存，由单位负责人确认报送。'));
    const saved = await apiAs(page, stack.url, 'GET', `/rectifications/${rectificationId}`);
    expect(saved.body.attachments).toHaveLength(1);
    expect(saved.body.feedback).toBe('设备已安装并验收，验收单见附件。');
  });

  it('the performance section reads the list and downloads the file, with nothing to add or remove', async () => {
    const page = await personFor('perf-reviewer', 'bureau');
    await page.goto(`${stack.url}/rectifications/${rectificationId}`);
    const section = page.locator('section.attachments');
    const item = section.locator('li.file', { hasText: evidence.name });
    await visible(item.getByRole('button', { name: `下载 ${evidence.name}` }));
    expect(await section.locator('input[type="file"]').count()).toBe(0);
    expect(await section.getByRole('button', { name: `移除 ${evidence.name}` }).count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('button', { name: `下载 ${evidence.name}` }).click(),
    ]);
    expect(readFileSync(await download.path()).equals(evidence.buffer)).toBe(true);
    await screenshot(page, 'rectification-attachments-02-bureau');
  });
});
