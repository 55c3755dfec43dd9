import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, launch, phone, type SecurityWatch, screenshot, watchSecurity } from './browser.ts';
import { apiAs } from './people.ts';
import { startWebStack } from './web-stack.ts';

/**
 * The field app and the session: an expired token does not stop the evaluator (records are
 * saved and wait, the outbox says why and links to sign in again, then sends with the new
 * token); signing out refuses to drop unsent records unless confirmed with their count; a record
 * changed on the server meanwhile is shown beside the phone's copy for the evaluator to choose;
 * and the field home stays within its first-load JavaScript budget.
 */
let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watch: SecurityWatch;

const visible = (locator: Locator, timeout?: number) =>
  locator.waitFor({ state: 'visible', ...(timeout ? { timeout } : {}) });
const api = (method: string, path: string, body?: unknown) => apiAs(page, stack.url, method, path, body);

const signIn = async () => {
  await page.locator('button.user', { has: page.locator('.username', { hasText: /^evaluator$/ }) }).click();
};

/** A quick interview: the role, one answer, finished. Returns its id. */
const interview = async (role: string): Promise<string> => {
  await page.getByRole('button', { name: '新建访谈记录' }).click();
  await page.waitForURL(/\/field\/record\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').at(-1) ?? '';
  await page.getByLabel('身份或职务').fill(role);
  await page.getByLabel('纪要', { exact: true }).fill(`${role}的访谈纪要`);
  await page.getByRole('button', { name: '完成并加入发送队列' }).click();
  await visible(page.getByText('已加入发送队列，联网后自动发送。'));
  return id;
};

let assignmentUrl = '';

beforeAll(async () => {
  stack = await startWebStack('e2e-field-session');
  browser = await launch();
  context = await browser.newContext(phone);
  watch = await watchSecurity(context);
  page = await context.newPage();
  await page.goto(`${stack.url}/sign-in`);
  await signIn();
  await page.waitForURL('**/field');
  const assignment = page.getByRole('link', { name: /2026 年度老旧小区物业服务补贴项目重点绩效评价/ });
  await visible(assignment);
  await assignment.click();
  await page.waitForURL(/\/field\/[0-9a-f-]{36}$/);
  assignmentUrl = page.url();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the field app and the session', () => {
  it('keeps recording with an expired session and sends once the same person signs in again', async () => {
    // The token runs out while the evaluator is in the field.
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('jixiao.session') ?? 'null');
      session.expiresAt = new Date(Date.now() - 60_000).toISOString();
      localStorage.setItem('jixiao.session', JSON.stringify(session));
    });
    await page.reload();
    expect(new URL(page.url()).pathname).toMatch(/^\/field\//);
    await visible(page.getByText('登录已过期：仍可离线记录，记录会保存在本机。'));

    const id = await interview('社区居委会主任');
    await visible(page.getByText('登录已过期，请重新登录后发送'));
    await screenshot(page, 'field-session-01-expired');

    await page.getByRole('link', { name: '重新登录' }).click();
    await page.waitForURL('**/sign-in');
    await signIn();
    await page.waitForURL('**/field');
    await visible(page.getByTestId('sync-state').getByText('所有记录均已发送到服务器。'));
    const server = await api('GET', `/field-records/${id}`);
    expect(server.status).toBe(200);
    expect(server.body).toMatchObject({ type: 'INTERVIEW', interviewee: { role: '社区居委会主任' } });
  });

  it('shows a record changed on the server beside the phone’s copy, and keeps the one chosen', async () => {
    await page.goto(assignmentUrl);
    const id = await interview('物业项目经理');
    await visible(page.getByTestId('sync-state').getByText('所有记录均已发送到服务器。'));

    // The same record is changed elsewhere (another device of the agency).
    const current = (await api('GET', `/field-records/${id}`)).body;
    const keys = [
      'type',
      'deviceCreatedAt',
      'deviceUpdatedAt',
      'mode',
      'place',
      'startedAt',
      'interviewee',
      'consent',
      'answers',
      'notes',
      'linkedIndicatorIds',
      'photos',
    ];
    const theirs = await api('PATCH', `/field-records/${id}`, {
      version: current.version,
      ...Object.fromEntries(keys.map((k) => [k, current[k]])),
      notes: '办公室补录：合同期至 2027 年。',
    });
    expect(theirs.status).toBe(200);

    await page.getByLabel('纪要', { exact: true }).fill('现场补充：保洁人员 6 名，每日清运两次。');
    await page.getByRole('button', { name: '保存修改并重新发送' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: '此记录在服务器上已被修改' });
    await visible(conflict);
    await visible(conflict.getByText('办公室补录：合同期至 2027 年。'));
    await visible(conflict.getByText('现场补充：保洁人员 6 名，每日清运两次。'));
    await visible(page.getByTestId('record-state').getByText('版本冲突'));
    await screenshot(page, 'field-session-02-conflict', { fullPage: false });

    await conflict.getByRole('button', { name: '保留本机版本' }).click();
    await visible(page.getByTestId('record-state').getByText('已发送'));
    const after = (await api('GET', `/field-records/${id}`)).body;
    expect(after.notes).toBe('现场补充：保洁人员 6 名，每日清运两次。');
    expect(after.version).toBe(theirs.body.version + 1);
  });

  it('takes questionnaire responses one after another, each its own record with a code and no name', async () => {
    await page.goto(assignmentUrl);
    await page.getByRole('button', { name: /^开始填写/ }).click();
    await page.waitForURL(/\/survey\/[0-9a-f-]{36}$/);
    await visible(page.getByTestId('survey-count').getByText('本机已记录本问卷 0 份'));
    for (const [n, code] of [
      [1, 'R-001'],
      [2, 'R-002'],
    ] as const) {
      await page.getByLabel('受访者编号').fill(code);
      await page.getByRole('radio', { name: '非常满意' }).first().check();
      await page.getByRole('radio', { name: '一般' }).nth(1).check();
      await page.getByRole('radio', { name: '1–5 年' }).check();
      await page.getByRole('button', { name: '保存，下一份' }).click();
      await visible(page.getByText(`第 ${n} 份已保存。`));
      await visible(page.getByTestId('survey-count').getByText(`本机已记录本问卷 ${n} 份`));
      // The next response starts blank, ready for the next resident.
      expect(await page.getByLabel('受访者编号').inputValue()).toBe('');
      expect(await page.getByRole('radio', { name: '非常满意' }).first().isChecked()).toBe(false);
    }
    await screenshot(page, 'field-session-03-questionnaire', { fullPage: false });
    await visible(page.getByTestId('sync-state').getByText('所有记录均已发送到服务器。'));
    const mine = (await api('GET', '/my-assignments')).body.items[0];
    const listed = await api(
      'GET',
      `/engagements/${mine.engagementId}/field-records?assignmentId=${mine.id}&type=SURVEY_RESPONSE`,
    );
    expect(listed.body.items.map((r: { respondentCode: string }) => r.respondentCode).sort()).toEqual([
      'R-001',
      'R-002',
    ]);
    for (const r of listed.body.items) {
      expect(r.answers.map((a: { likert: number | null; choice: string | null }) => [a.likert, a.choice])).toEqual([
        [5, null],
        [3, null],
        [null, null],
        [null, '1–5 年'],
      ]);
    }
  });

  it('refuses to start a record when the phone is almost full', async () => {
    const stored = await page.evaluate(() => ({
      session: localStorage.getItem('jixiao.session'),
      me: localStorage.getItem('jixiao.me'),
    }));
    const full = await browser.newContext(phone);
    try {
      await full.addInitScript((s) => {
        if (s.session) localStorage.setItem('jixiao.session', s.session);
        if (s.me) localStorage.setItem('jixiao.me', s.me);
        // 10 MB left of 1 GB.
        const mb = 1024 * 1024;
        Object.defineProperty(navigator.storage, 'estimate', {
          value: async () => ({ usage: 1014 * mb, quota: 1024 * mb }),
        });
      }, stored);
      const p = await full.newPage();
      await p.goto(`${stack.url}/field`);
      await p.getByRole('link', { name: /2026 年度老旧小区物业服务补贴项目重点绩效评价/ }).click();
      await visible(p.getByRole('heading', { level: 2, name: '核查点' }));
      await p
        .getByRole('button', { name: /^开始现场核查/ })
        .first()
        .click();
      await visible(p.getByRole('alert').getByText('手机存储空间不足（剩余 10\u00a0MB），请先清理空间再新建记录。'));
      expect(new URL(p.url()).pathname).toBe(new URL(assignmentUrl).pathname);
      await screenshot(p, 'field-session-04-storage-full', { fullPage: false });
    } finally {
      await full.close();
    }
  });

  it('refuses to sign out over unsent records unless confirmed with their count, then forgets them', async () => {
    await page.goto(assignmentUrl);
    await context.setOffline(true);
    await interview('楼门长');
    await visible(page.getByTestId('sync-state').getByText(/1 条记录、0 张照片尚未发送/));

    const dialogs: string[] = [];
    let accept = false;
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void (accept ? dialog.accept() : dialog.dismiss());
    });
    await page.locator('details.account summary').click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toContain('1 条记录、0 张照片尚未发送到服务器');
    // Dismissed: still signed in, the record still there.
    expect(new URL(page.url()).pathname).toMatch(/^\/field\//);
    await visible(page.getByTestId('sync-state').getByText(/1 条记录、0 张照片尚未发送/));

    accept = true;
    await page.locator('details.account summary').click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/sign-in');
    expect(dialogs).toHaveLength(2);
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(databases.filter((n) => n?.startsWith('jixiao-field-'))).toEqual([]);
    await context.setOffline(false);
  });

  it('loads at most 120 KB of gzipped JavaScript for the field home', async () => {
    await page.goto(`${stack.url}/sign-in`);
    await signIn();
    // Back where the sign-out left off.
    await page.waitForURL(/\/field(\/|$)/);
    const stored = await page.evaluate(() => ({
      session: localStorage.getItem('jixiao.session'),
      me: localStorage.getItem('jixiao.me'),
    }));
    const fresh = await browser.newContext(phone);
    try {
      await fresh.addInitScript((s) => {
        if (s.session) localStorage.setItem('jixiao.session', s.session);
        if (s.me) localStorage.setItem('jixiao.me', s.me);
      }, stored);
      const p = await fresh.newPage();
      const scripts = new Map<string, Promise<Buffer>>();
      p.on('response', (response) => {
        const url = new URL(response.url());
        if (url.origin === stack.url && url.pathname.endsWith('.js') && url.pathname !== '/service-worker.js') {
          scripts.set(url.pathname, response.body());
        }
      });
      await p.goto(`${stack.url}/field`);
      await visible(p.getByRole('link', { name: /2026 年度老旧小区物业服务补贴项目重点绩效评价/ }));
      await p.waitForLoadState('networkidle');
      let gzipBytes = 0;
      for (const body of scripts.values()) gzipBytes += gzipSync(await body, { level: 9 }).byteLength;
      mkdirSync(artifacts, { recursive: true });
      writeFileSync(
        join(artifacts, 'field-home-js.json'),
        JSON.stringify({ files: scripts.size, gzipBytes, paths: [...scripts.keys()] }, null, 2),
      );
      expect(gzipBytes).toBeLessThanOrEqual(120 * 1024);
    } finally {
      await fresh.close();
    }
    expect(watch.violations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
});
