import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@jixiao/infra/local/ports.ts';
import { type LocalStack, startLocalStack } from '@jixiao/infra/local/stack.ts';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  chromiumArgs,
  chromiumPath,
  phone,
  type SecurityWatch,
  screenshot,
  watchSecurity,
  webBuild,
} from './browser.ts';
import { gradientPng } from './gradient-png.ts';
import { requireWebBuild } from './web-stack.ts';

/**
 * The evaluator's field app with no network at all (docs/architecture.md#the-offline-first-field-app). 孙强 syncs his
 * assignment, then the network goes and the whole local stack stops; he records a site
 * verification with two camera photos (3000 × 2000, downscaled on the phone), GPS and a signature,
 * and an interview. The app is reloaded offline, then the browser is closed and started again on
 * the same profile: everything is still there. The stack comes back on the same port and data,
 * the phone goes online, and every record and photo arrives exactly once, the photos' bytes
 * hashing to what the phone computed and no larger than 1600 px.
 */
const site = { name: '万新街道成林道小区', latitude: 39.1192, longitude: 117.3134 };

let port: number;
let stack: LocalStack | undefined;
let dataDir: string;
let profileDir: string;
const tableName = `e2e-field-offline-${randomUUID()}`;

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

const start = async (seed: boolean) => {
  stack = await startLocalStack({
    port,
    dataDir,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName,
    seed,
    webRoot: webBuild,
  });
  return stack;
};
const stop = async () => {
  await stack?.stop();
  stack = undefined;
};

const launchPhone = async (): Promise<BrowserContext> => {
  const c = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    ...phone,
    permissions: ['geolocation'],
    geolocation: { latitude: site.latitude, longitude: site.longitude, accuracy: 12 },
  });
  return c;
};

/** Width and height from a JPEG's start-of-frame marker. */
const jpegSize = (bytes: Uint8Array): { width: number; height: number } => {
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) throw new Error('not a JPEG marker');
    const marker = bytes[i + 1] ?? 0;
    const length = ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    if (marker >= 0xc0 && marker <= 0xc3) {
      return {
        height: ((bytes[i + 5] ?? 0) << 8) | (bytes[i + 6] ?? 0),
        width: ((bytes[i + 7] ?? 0) << 8) | (bytes[i + 8] ?? 0),
      };
    }
    i += 2 + length;
  }
  throw new Error('no frame header');
};

interface PhoneRecord {
  id: string;
  type: string;
  photos: { id: string; sha256: string; width: number; height: number; sizeBytes: number }[];
}

/** The records in the phone's IndexedDB, as the outbox will send them. */
const phoneRecords = (page: Page): Promise<PhoneRecord[]> =>
  page.evaluate(async () => {
    const me = JSON.parse(localStorage.getItem('jixiao.me') ?? 'null') as { userId: string };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(`jixiao-field-${me.userId}`);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = await new Promise<{ id: string; type: string; queued: { photos: PhoneRecord['photos'] } | null }[]>(
      (resolve, reject) => {
        const r = db.transaction('records').objectStore('records').getAll();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      },
    );
    db.close();
    return all.map((x) => ({
      id: x.id,
      type: x.type,
      photos: (x.queued?.photos ?? []).map((p) => ({
        id: p.id,
        sha256: p.sha256,
        width: p.width,
        height: p.height,
        sizeBytes: p.sizeBytes,
      })),
    }));
  });

const api = async (page: Page, path: string) => {
  const session = await page.evaluate(() => JSON.parse(localStorage.getItem('jixiao.session') ?? 'null'));
  const response = await fetch(`${stack!.url}/api/v1${path}`, {
    headers: { authorization: `Bearer ${session.idToken}` },
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads whatever the API answered
  return { status: response.status, body: (await response.json()) as any };
};

/** Draws a short scribble on the signature pad with the pointer. */
const sign = async (page: Page) => {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('no signature pad');
  await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + 20 + i * 20, box.y + box.height * (0.6 + 0.25 * Math.sin(i)));
  }
  await page.mouse.up();
};

beforeAll(async () => {
  requireWebBuild();
  port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'jixiao-field-data-'));
  profileDir = mkdtempSync(join(tmpdir(), 'jixiao-field-profile-'));
  await start(true);
});

afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
});

describe('the field app offline', () => {
  let context: BrowserContext;
  let page: Page;
  let watch: SecurityWatch;
  const made: { visit?: string; interview?: string } = {};

  it('syncs the assignment for offline use', async () => {
    context = await launchPhone();
    watch = await watchSecurity(context);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${stack!.url}/sign-in`);
    await page.locator('button.user', { has: page.locator('.username', { hasText: /^evaluator$/ }) }).click();
    await page.waitForURL('**/field');
    await visible(page.getByRole('heading', { level: 1, name: /孙强，你好/ }));
    // The first visit downloads the assignments by itself.
    const assignment = page.getByRole('link', { name: /2026 年度老旧小区物业服务补贴项目重点绩效评价/ });
    await visible(assignment);
    await visible(page.getByTestId('synced-age').getByText('本机任务数据更新于刚刚'));
    await visible(page.getByTestId('sync-state').getByText('所有记录均已发送到服务器。'));
    await visible(page.getByRole('link', { name: /^事前绩效评估/ }));
    await visible(page.getByRole('main').getByRole('link', { name: /^指标库/ }));
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await screenshot(page, 'field-01-home-synced');
  });

  it('records a site verification with photos, GPS and signature, and an interview, with no network', async () => {
    await context.setOffline(true);
    await stop();

    await page.getByRole('link', { name: /2026 年度老旧小区物业服务补贴项目重点绩效评价/ }).click();
    await page.waitForURL(/\/field\/[0-9a-f-]{36}$/);
    await visible(page.getByRole('heading', { level: 2, name: '核查点' }));
    await screenshot(page, 'field-02-assignment');
    await page.getByRole('button', { name: `开始现场核查：${site.name}` }).click();
    await page.waitForURL(/\/field\/record\/[0-9a-f-]{36}$/);
    made.visit = page.url().split('/').at(-1);
    await visible(page.getByRole('heading', { level: 1, name: `现场核查：${site.name}` }));

    // Position from the device, with its accuracy.
    await visible(page.getByTestId('gps-fix').getByText('精度 ±12 米'));

    // Two camera photos, far larger than the record keeps.
    const chooser = page.locator('input[type="file"][capture="environment"]');
    expect(await chooser.getAttribute('accept')).toBe('image/*');
    await chooser.setInputFiles([
      { name: 'IMG_0001.png', mimeType: 'image/png', buffer: gradientPng(3000, 2000, 40) },
      { name: 'IMG_0002.png', mimeType: 'image/png', buffer: gradientPng(2000, 3000, 200) },
    ]);
    await expect.poll(() => page.locator('li.photo img').count(), { timeout: 30_000 }).toBe(2);
    await visible(
      page
        .locator('li.photo')
        .first()
        .getByText(/^1600×1067 · /),
    );
    await visible(
      page
        .locator('li.photo')
        .nth(1)
        .getByText(/^1067×1600 · /),
    );
    await page.getByLabel('照片说明 1').fill('小区主入口及公示栏');

    // A check against one of the framework's indicators.
    const add = page.getByLabel('添加核查项：选择指标');
    const firstIndicator = await add.locator('option').nth(1).getAttribute('value');
    await add.selectOption(firstIndicator ?? '');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await visible(page.getByRole('heading', { level: 3, name: /核查项 1/ }));
    await page.locator('#check-0-method').selectOption('COUNT');
    await page.locator('#check-0-observed').fill('42');
    await page.getByLabel('核查发现').fill('公示栏未张贴本年度补贴标准。');
    await page.getByLabel('陪同人员').fill('万新街道城管科 李娜');

    // Finishing without a verdict or a signature shows both on their fields, in Chinese.
    await page.getByRole('button', { name: '完成并加入发送队列' }).click();
    await visible(page.getByText(/还有 \d+ 处需要修改/));
    await visible(page.locator('#check-0-verdict-error:not(:empty)'));
    await visible(page.locator('#signature-error').getByText(/签名/));
    await screenshot(page, 'field-03-visit-errors', { fullPage: true });

    await page.locator('.verdicts').first().getByText('部分属实').click();
    await sign(page);
    await visible(page.getByText(/孙强 已于 .+ 签名/));
    await page.getByRole('button', { name: '完成并加入发送队列' }).click();
    await visible(page.getByText('已加入发送队列，联网后自动发送。'));
    await visible(page.getByTestId('record-state').getByText('待发送'));
    await visible(page.getByTestId('sync-state').getByText(/1 条记录、2 张照片尚未发送；最早的/));
    await screenshot(page, 'field-04-visit-queued');

    // An interview: the outline's questions with answers, no name without consent.
    await page.getByRole('link', { name: '← 返回', exact: true }).click();
    await page.getByRole('button', { name: '新建访谈记录' }).click();
    await page.waitForURL(/\/field\/record\/[0-9a-f-]{36}$/);
    made.interview = page.url().split('/').at(-1);
    await visible(page.getByRole('heading', { level: 1, name: '访谈' }));
    await page.getByLabel('受访者类别').selectOption('BENEFICIARY');
    await page.getByLabel('身份或职务').fill('业委会主任');
    await page.getByLabel(/1\. 小区目前由哪家物业公司服务/).fill('津东物业，服务内容与合同基本一致。');
    await page.getByLabel(/2\. 补贴资金是否按季度足额拨付/).fill('第三季度拨付晚了一个月。');
    await page.getByRole('button', { name: '添加问题' }).click();
    await page.getByLabel('问题 1', { exact: true }).fill('电梯维保是否到位？');
    await page.locator('#free-4-answer').fill('每月一次，有记录。');
    await page.getByLabel('纪要', { exact: true }).fill('受访者对保洁满意，对停车秩序不满。');
    await page.getByRole('button', { name: '完成并加入发送队列' }).click();
    await visible(page.getByText('已加入发送队列，联网后自动发送。'));
    await visible(page.getByTestId('sync-state').getByText(/2 条记录、2 张照片尚未发送/));
    await screenshot(page, 'field-05-interview-queued');
  });

  it('finds everything after a reload with no network', async () => {
    await page.goto(`${page.url().replace(/\/field\/.*/, '')}/field`);
    await visible(page.getByTestId('sync-state').getByText(/2 条记录、2 张照片尚未发送/));
    await page.reload();
    await visible(page.getByRole('status').getByText('离线模式'));
    await visible(page.getByTestId('sync-state').getByText(/2 条记录、2 张照片尚未发送/));
    await page.getByRole('link', { name: /2026 年度老旧小区物业服务补贴项目重点绩效评价/ }).click();
    await visible(page.locator(`a[data-record-id="${made.visit}"]`));
    await visible(page.locator(`a[data-record-id="${made.interview}"]`));
    await screenshot(page, 'field-06-offline-reloaded');
  });

  it('finds everything after the browser is closed and started again', async () => {
    expect(watch.violations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await context.close();

    context = await launchPhone();
    await context.setOffline(true);
    watch = await watchSecurity(context);
    page = context.pages()[0] ?? (await context.newPage());
    const base = `http://127.0.0.1:${port}`;
    await page.goto(`${base}/field/record/${made.visit}`);
    await visible(page.getByRole('heading', { level: 1, name: `现场核查：${site.name}` }));
    await expect.poll(() => page.locator('li.photo img').count()).toBe(2);
    expect(await page.locator('#check-0-observed').inputValue()).toBe('42');
    await visible(page.getByTestId('sync-state').getByText(/2 条记录、2 张照片尚未发送/));
    const stored = await phoneRecords(page);
    expect(stored.map((r) => r.id).sort()).toEqual([made.visit, made.interview].sort());
    await screenshot(page, 'field-07-relaunched-offline', { fullPage: true });
  });

  it('sends every record and photo exactly once when the network and the server are back', async () => {
    const phoneCopy = await phoneRecords(page);
    await start(false);
    // The app is opened again online (a fresh page carries the restarted stack's headers).
    await page.goto('about:blank');
    await context.setOffline(false);
    await page.goto(`${stack!.url}/field`);
    await visible(page.getByTestId('sync-state').getByText('所有记录均已发送到服务器。'));
    await screenshot(page, 'field-08-all-sent');

    const mine = await api(page, '/my-assignments');
    expect(mine.status).toBe(200);
    const assignment = mine.body.items[0];
    const listed = await api(
      page,
      `/engagements/${assignment.engagementId}/field-records?assignmentId=${assignment.id}`,
    );
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((r: { id: string }) => r.id);
    expect(ids.sort()).toEqual(phoneCopy.map((r) => r.id).sort());
    expect(new Set(ids).size).toBe(ids.length);

    for (const local of phoneCopy) {
      const server = await api(page, `/field-records/${local.id}`);
      expect(server.status).toBe(200);
      expect(server.body.type).toBe(local.type);
      expect([...server.body.receivedPhotoIds].sort()).toEqual(local.photos.map((p) => p.id).sort());
      for (const photo of local.photos) {
        expect(Math.max(photo.width, photo.height)).toBe(1600);
        const link = await api(page, `/field-records/${local.id}/photos/${photo.id}`);
        expect(link.status).toBe(200);
        const bytes = new Uint8Array(await (await fetch(link.body.url)).arrayBuffer());
        expect(bytes.byteLength).toBe(photo.sizeBytes);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(photo.sha256);
        const size = jpegSize(bytes);
        expect(size).toEqual({ width: photo.width, height: photo.height });
        expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(1600);
      }
    }
    const visit = await api(page, `/field-records/${made.visit}`);
    expect(visit.body).toMatchObject({
      type: 'SITE_VISIT',
      positionFlag: null,
      accompaniedBy: '万新街道城管科 李娜',
      checks: [{ method: 'COUNT', observedValue: '42', verdict: 'PARTLY' }],
    });
    expect(visit.body.signature.path).toMatch(/^M [\d.]+ [\d.]+ L /);
    const interview = await api(page, `/field-records/${made.interview}`);
    expect(interview.body).toMatchObject({ type: 'INTERVIEW', interviewee: { role: '业委会主任', name: '' } });

    expect(watch.violations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });
});
