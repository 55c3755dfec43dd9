import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@jixiao/infra/local/ports.ts';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, phone, repositoryRoot, screenshot, webBuild } from './browser.ts';
import { gradientPng } from './gradient-png.ts';
import { requireWebBuild } from './web-stack.ts';

/**
 * The gateway killed in the middle of a sync (docs/architecture.md#reliability-and-security-floor): 孙强 queues 20 interviews with a
 * photo each while offline, comes online, and the local stack — running in its own process — is
 * killed with SIGKILL right after it stored a create whose answer never reaches the phone. It is
 * started again on the same port and data; the outbox, backing off meanwhile, finishes by itself.
 * The server then holds exactly 20 records, each with its one photo, whose bytes hash to what the
 * phone computed: nothing lost, nothing twice.
 */
const records = 20;
const killAtCreate = 6;

let port: number;
let dataDir: string;
let child: ChildProcess | undefined;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const tableName = `e2e-field-kill-${randomUUID()}`;
const pageErrors: string[] = [];

const visible = (locator: Locator, timeout?: number) =>
  locator.waitFor({ state: 'visible', ...(timeout ? { timeout } : {}) });

/** Starts test/support/stack-process.ts and resolves with its URL once it says READY. */
const startStack = (seed: boolean): Promise<string> =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [join(repositoryRoot, 'test/support/stack-process.ts')], {
      cwd: repositoryRoot,
      env: {
        ...process.env,
        JIXIAO_PORT: String(port),
        JIXIAO_DATA_DIR: dataDir,
        JIXIAO_DYNAMO_ENDPOINT: inject('dynamoEndpoint'),
        JIXIAO_TABLE: tableName,
        JIXIAO_SEED: seed ? '1' : '0',
        JIXIAO_WEB_ROOT: webBuild,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY (\S+)/.exec(output);
      if (ready) {
        proc.stdout?.off('data', onData);
        resolve(ready[1] ?? '');
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    proc.once('exit', (code) =>
      reject(new Error(`the stack process exited (${code}) before it was ready:\n${output}`)),
    );
  });

const exited = (proc: ChildProcess): Promise<void> =>
  proc.exitCode !== null || proc.signalCode !== null
    ? Promise.resolve()
    : new Promise((done) => proc.once('exit', () => done()));

const api = async (url: string, path: string) => {
  const session = await page.evaluate(() => JSON.parse(localStorage.getItem('jixiao.session') ?? 'null'));
  const response = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${session.idToken}` } });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads whatever the API answered
  return { status: response.status, body: (await response.json()) as any };
};

beforeAll(async () => {
  requireWebBuild();
  port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'jixiao-field-kill-'));
  await startStack(true);
  browser = await launch();
  // The stand-in bucket gets a new port each time the stack starts, which a page's CSP (fixed when
  // the page loaded) would then refuse; a real bucket keeps its origin, so CSP is bypassed here
  // (field-offline.test.ts runs the same flow under the real CSP). Service workers are blocked so
  // the test can see and cut the page's requests.
  context = await browser.newContext({ ...phone, bypassCSP: true, serviceWorkers: 'block' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await exited(child);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a sync interrupted by a killed server', () => {
  it('loses and duplicates nothing', { timeout: 600_000 }, async () => {
    const base = `http://127.0.0.1:${port}`;
    await page.goto(`${base}/sign-in`);
    await page.locator('button.user', { has: page.locator('.username', { hasText: /^evaluator$/ }) }).click();
    await page.waitForURL('**/field');
    const assignment = page.getByRole('link', { name: /2026 年度老旧小区物业服务补贴项目重点绩效评价/ });
    await visible(assignment);
    await assignment.click();
    await page.waitForURL(/\/field\/[0-9a-f-]{36}$/);
    const assignmentUrl = page.url();

    // Twenty interviews with a photo each, made with no network. (The record screen's code is
    // loaded once online: with service workers blocked nothing else would serve it offline.)
    for (let n = 1; n <= records; n++) {
      await page.getByRole('button', { name: '新建访谈记录' }).click();
      await page.waitForURL(/\/field\/record\/[0-9a-f-]{36}$/);
      if (n === 1) {
        await visible(page.getByLabel('身份或职务'));
        await context.setOffline(true);
      }
      await page.getByLabel('身份或职务').fill(`居民代表 ${n}`);
      await page
        .locator('input[type="file"][capture="environment"]')
        .setInputFiles({ name: `IMG_${n}.png`, mimeType: 'image/png', buffer: gradientPng(2400, 1600, n) });
      await visible(page.locator('li.photo img'));
      await page.getByRole('button', { name: '完成并加入发送队列' }).click();
      await visible(page.getByText('已加入发送队列，联网后自动发送。'));
      await page.getByRole('link', { name: '← 返回', exact: true }).click();
      await page.waitForURL(assignmentUrl);
      await visible(page.getByTestId('sync-state').getByText(`${n} 条记录、${n} 张照片尚未发送`, { exact: false }));
    }
    await screenshot(page, 'field-kill-01-queued');

    // Online; the stack dies right after it stored the sixth create, before the phone hears back.
    let creates = 0;
    let attachedBeforeKill = 0;
    let killed: Promise<void> | undefined;
    await page.route(`${base}/api/v1/field-records**`, async (route) => {
      const request = route.request();
      const isCreate = request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/field-records';
      if (isCreate && ++creates === killAtCreate && child) {
        const response = await route.fetch();
        expect(response.status()).toBe(201);
        const proc = child;
        proc.kill('SIGKILL');
        killed = exited(proc);
        await route.abort('connectionreset');
        return;
      }
      if (request.method() === 'POST' && request.url().endsWith('/photos') && !killed) attachedBeforeKill++;
      await route.continue();
    });
    await context.setOffline(false);
    await expect.poll(() => killed !== undefined, { timeout: 120_000 }).toBe(true);
    await killed;
    expect(attachedBeforeKill).toBeGreaterThan(0);
    expect(attachedBeforeKill).toBeLessThan(records);
    await visible(page.getByText(/上次发送失败/), 60_000);
    await screenshot(page, 'field-kill-02-server-gone');

    // The same stack again, same port and data: the outbox carries on by itself.
    const url = await startStack(false);
    expect(url).toBe(base);
    await visible(page.getByTestId('sync-state').getByText('所有记录均已发送到服务器。'), 240_000);
    await screenshot(page, 'field-kill-03-all-sent');

    const local = await page.evaluate(async () => {
      const me = JSON.parse(localStorage.getItem('jixiao.me') ?? 'null') as { userId: string };
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(`jixiao-field-${me.userId}`);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const all = await new Promise<
        { id: string; queued: { photos: { id: string; sha256: string; sizeBytes: number }[] } }[]
      >((resolve, reject) => {
        const r = db.transaction('records').objectStore('records').getAll();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      db.close();
      return all.map((r) => ({ id: r.id, photos: r.queued.photos }));
    });
    expect(local).toHaveLength(records);

    const mine = await api(base, '/my-assignments');
    const a = mine.body.items[0];
    const listed = await api(base, `/engagements/${a.engagementId}/field-records?assignmentId=${a.id}&limit=100`);
    expect(listed.status).toBe(200);
    const ids: string[] = listed.body.items.map((r: { id: string }) => r.id);
    expect(ids).toHaveLength(records);
    expect(new Set(ids).size).toBe(records);
    expect([...ids].sort()).toEqual(local.map((r) => r.id).sort());
    for (const record of local) {
      const server = await api(base, `/field-records/${record.id}`);
      expect(server.body.receivedPhotoIds).toEqual(record.photos.map((p) => p.id));
      const [photo] = record.photos;
      const link = await api(base, `/field-records/${record.id}/photos/${photo?.id}`);
      const bytes = new Uint8Array(await (await fetch(link.body.url)).arrayBuffer());
      expect(bytes.byteLength).toBe(photo?.sizeBytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(photo?.sha256);
    }
    expect(pageErrors).toEqual([]);
  });
});
