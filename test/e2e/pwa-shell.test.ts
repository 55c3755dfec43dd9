import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifacts,
  launch,
  launchPersistent,
  phone,
  type SecurityWatch,
  screenshot,
  watchSecurity,
} from './browser.ts';
import { startWebStack } from './web-stack.ts';

/**
 * The PWA shell end to end, on a phone-sized viewport, against the real local stack (gateway,
 * handlers, DynamoDB Local, local identity provider) serving the built app with its CSP.
 */
let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watch: SecurityWatch;

const suffix = randomUUID().replaceAll('-', '').slice(0, 8).toUpperCase();
const department = { code: `E2E${suffix}`, name: `东丽区测试局${suffix.slice(0, 4)}` };
const renamed = `${department.name}（更名）`;
const user = { username: `e2e.${suffix.toLowerCase()}`, displayName: `测试${suffix.slice(0, 3)}` };

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const demoUser = (p: Page, username: string) =>
  p.locator('button.user', { has: p.locator('.username', { hasText: new RegExp(`^${username}$`) }) });

const signIn = async (p: Page, username: string) => {
  await p.goto(`${stack.url}/`);
  await p.waitForURL('**/sign-in');
  await demoUser(p, username).click();
};

/** The API as the signed-in browser sees it, for changing data behind the UI's back. */
const apiAs = async (p: Page, method: string, path: string, body?: unknown) => {
  const session = await p.evaluate(() => JSON.parse(localStorage.getItem('jixiao.session') ?? 'null'));
  const response = await fetch(`${stack.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${session.idToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
};

beforeAll(async () => {
  stack = await startWebStack('e2e');
  browser = await launch();
  context = await browser.newContext(phone);
  watch = await watchSecurity(context);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the PWA shell', () => {
  it('sends a visitor without a session to the demo sign-in, and the admin to the admin workspace', async () => {
    await page.goto(`${stack.url}/`);
    await page.waitForURL('**/sign-in');
    await visible(page.getByRole('heading', { level: 1, name: '登录' }));
    await visible(demoUser(page, 'admin'));
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await screenshot(page, '01-sign-in');

    await demoUser(page, 'admin').click();
    await page.waitForURL('**/admin');
    await visible(page.getByRole('heading', { level: 1, name: /你好/ }));
    const profile = page.locator('section.profile');
    await visible(profile.getByText('天津市东丽区'));
    await visible(profile.getByText('系统管理员'));
    // Built features are links; the rest are shown disabled as coming soon, never as broken links.
    // the workspace's own cards, not the navigation's items of the same names
    await visible(page.getByRole('main').getByRole('link', { name: /^部门/ }));
    await visible(page.getByRole('main').getByRole('link', { name: /^用户/ }));
    expect(await page.getByText('即将上线').count()).toBe(3);
    expect(await page.getByRole('link', { name: /第三方机构/ }).count()).toBe(0);
    await screenshot(page, '02-admin-workspace');
  });

  it('creates a department: inline Chinese errors while typing, one record even when the first response is lost', async () => {
    await page.getByRole('main').getByRole('link', { name: /^部门/ }).click();
    await page.waitForURL('**/admin/departments');
    await visible(page.locator('li.item').first());
    await screenshot(page, '03-departments');

    await page.getByRole('button', { name: '新建部门' }).click();
    const dialog = page.getByRole('dialog', { name: '新建部门' });
    await visible(dialog);
    const code = dialog.getByLabel('部门编码');
    await code.fill('ab');
    await visible(dialog.getByText('部门编码应为 3–21 位数字或字母'));
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    await code.fill('');
    await visible(dialog.getByText('此项必填'));
    await screenshot(page, '04-department-form-errors', { fullPage: false });

    // A code that is already taken: the server's field error appears beside the field.
    await code.fill('101');
    await dialog.getByLabel('部门名称').fill(department.name);
    await dialog.getByLabel('考核系列').selectOption({ label: '党群系列' });
    await dialog.locator('#department-financeSectionId option', { hasText: '教科文科' }).waitFor({ state: 'attached' });
    await dialog.getByLabel('归口财政科室').selectOption({ label: '教科文科' });
    await dialog.getByRole('button', { name: '创建部门' }).click();
    await visible(dialog.locator('#department-code-error', { hasText: '已被使用' }));
    await visible(dialog.getByText('已存在相同编码的记录'));
    await screenshot(page, '04b-department-duplicate-code', { fullPage: false });

    await code.fill(department.code);
    expect(await dialog.locator('#department-code-error').textContent()).toBe('');

    // The server creates the record but the answer never arrives; the retry carries the same
    // client-made id and is answered with the original instead of a duplicate.
    let lost = false;
    await page.route('**/api/v1/departments', async (route) => {
      if (route.request().method() === 'POST' && !lost) {
        lost = true;
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    await dialog.getByRole('button', { name: '创建部门' }).click();
    await visible(dialog.getByText('无法连接服务器，请检查网络后重试。'));
    await dialog.getByRole('button', { name: '创建部门' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.unroute('**/api/v1/departments');
    await visible(page.getByRole('status').getByText(`已创建部门“${department.name}”。`));
    await visible(page.locator('li.item', { hasText: department.name }));

    await page.getByLabel('搜索').fill(department.code);
    await visible(page.getByText('已显示 1 条'));
    expect(await page.locator('li.item').count()).toBe(1);
    const listed = await apiAs(page, 'GET', `/departments?q=${department.code}`);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ code: department.code, series: 'PARTY_MASS' });
    await screenshot(page, '05-department-created');
  });

  it('edits the department, and on a version conflict offers the server copy', async () => {
    await page.getByRole('button', { name: `编辑 ${department.name}` }).click();
    let dialog = page.getByRole('dialog');
    await visible(dialog);
    await dialog.getByLabel('部门名称').fill(renamed);
    await dialog.getByRole('button', { name: '保存修改' }).click();
    await dialog.waitFor({ state: 'detached' });
    await visible(page.locator('li.item', { hasText: renamed }));

    // Someone else changes it meanwhile.
    const [current] = (await apiAs(page, 'GET', `/departments?q=${department.code}`)).body.items;
    const theirs = await apiAs(page, 'PATCH', `/departments/${current.id}`, {
      version: current.version,
      name: `${department.name}（他人修改）`,
    });
    expect(theirs.status).toBe(200);

    await page.getByRole('button', { name: `编辑 ${renamed}` }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('部门名称').fill(`${renamed}二`);
    await dialog.getByRole('button', { name: '保存修改' }).click();
    await visible(dialog.getByRole('alert').getByText('该记录已被他人修改'));
    await screenshot(page, '06-department-conflict', { fullPage: false });
    await dialog.getByRole('button', { name: '载入最新内容' }).click();
    expect(await dialog.getByLabel('部门名称').inputValue()).toBe(`${department.name}（他人修改）`);
    await dialog.getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('creates a user, asking for the unit a unit preparer needs', async () => {
    await page.goto(`${stack.url}/admin/users`);
    await visible(page.locator('li.item').first());
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await visible(dialog);
    await dialog.getByLabel('登录名').fill(user.username);
    await dialog.getByLabel('姓名').fill(user.displayName);
    await dialog.getByLabel('单位填报人').check();
    await visible(dialog.getByText('单位填报人和单位负责人必须指定所属预算单位'));
    await visible(dialog.getByText('部门审核人、单位填报人和单位负责人必须指定所属部门'));
    await screenshot(page, '07-user-form-errors', { fullPage: false });

    await dialog
      .locator('#user-departmentId option', { hasText: '东丽区教育局' })
      .first()
      .waitFor({ state: 'attached' });
    await dialog.getByLabel('所属部门').selectOption({ label: '东丽区教育局' });
    // The department's own budget unit (本级), once the units of that department have loaded.
    const ownUnit = dialog.locator('#user-unitId option', { hasText: '（本级）' });
    await ownUnit.waitFor({ state: 'attached' });
    await dialog.getByLabel('所属预算单位').selectOption((await ownUnit.getAttribute('value')) ?? '');
    expect(await dialog.getByText('必须指定所属预算单位').count()).toBe(0);
    await dialog.getByRole('button', { name: '创建用户' }).click();
    await dialog.waitFor({ state: 'detached' });
    await visible(page.locator('li.item', { hasText: user.displayName }));
    const listed = await apiAs(page, 'GET', `/users?q=${user.username}`);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ username: user.username, roles: ['unit-preparer'] });
    await screenshot(page, '08-user-created');
  });

  it('switches to English, keeps the choice across a reload, and sets <html lang>', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Users' }));
    await visible(page.getByRole('button', { name: 'New user' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await visible(page.getByRole('heading', { level: 1, name: 'Users' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // Longer English labels must not push the page wider than the phone (the buttons would sit under the header).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.viewport.width);
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel('Username').fill('X');
    await visible(dialog.getByText('Username: 3–40 lower-case letters'));
    await screenshot(page, '09-english', { fullPage: false });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: '中文' }).click();
    await visible(page.getByRole('heading', { level: 1, name: '用户' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('starts offline after the first visit: the shell loads from the service worker and says it is offline', async () => {
    await page.goto(`${stack.url}/admin`);
    await visible(page.getByRole('heading', { level: 1, name: /你好/ }));
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await context.setOffline(true);
    try {
      await page.reload();
      await visible(page.getByRole('status').getByText('离线模式'));
      await visible(page.getByRole('heading', { level: 1, name: /你好/ }));
      await screenshot(page, '10-offline-workspace');

      // A page never opened before comes from the cached shell; its data call fails politely.
      await page.goto(`${stack.url}/admin/users`);
      await visible(page.getByRole('heading', { level: 1, name: '用户' }));
      await visible(page.locator('.results').getByText('当前处于离线状态，无法连接服务器。'));
      await screenshot(page, '11-offline-list');
    } finally {
      await context.setOffline(false);
    }
  });

  it('signs out back to the sign-in page', async () => {
    await page.goto(`${stack.url}/admin`);
    await page.locator('details.account summary').click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/sign-in');
    await visible(page.getByText('你已安全退出。'));
    expect(await page.evaluate(() => localStorage.getItem('jixiao.session'))).toBeNull();
  });

  it.each([
    ['perf-reviewer', 'bureau', '审核队列'],
    ['unit-preparer', 'department', '项目与绩效目标'],
    ['evaluator', 'field', '现场核查'],
    ['observer', 'observer', '公开结果'],
  ])('sends %s to the %s workspace', async (username, workspace, capability) => {
    const own = await browser.newContext(phone);
    const ownWatch = await watchSecurity(own);
    try {
      const p = await own.newPage();
      await signIn(p, username);
      await p.waitForURL(`**/${workspace}`);
      await visible(p.getByRole('heading', { level: 1, name: /你好/ }));
      await visible(p.getByText(capability).first());
      await screenshot(p, `12-workspace-${workspace}`);
    } finally {
      await own.close();
    }
    expect(ownWatch.violations).toEqual([]);
    expect(ownWatch.pageErrors).toEqual([]);
  });

  it.each([
    ['unit-preparer', ['/self-evaluations']],
    ['dept-reviewer', ['/self-evaluations', '/self-evaluations?queue=1']],
  ])('links %s from the department workspace to the year-end self-evaluations', async (username, links) => {
    const own = await browser.newContext(phone);
    const ownWatch = await watchSecurity(own);
    try {
      const p = await own.newPage();
      await signIn(p, username);
      await p.waitForURL('**/department');
      const cards = p.locator('main a.capability[href^="/self-evaluations"]');
      await visible(cards.first());
      expect(await cards.evaluateAll((all) => all.map((a) => a.getAttribute('href')))).toEqual(links);
      await screenshot(p, `13-department-self-evaluation-link-${username}`);
      await p.getByRole('link', { name: /项目绩效自评/ }).click();
      await p.waitForURL('**/self-evaluations');
      await visible(p.getByRole('heading', { level: 1, name: '绩效自评' }));
    } finally {
      await own.close();
    }
    expect(ownWatch.violations).toEqual([]);
    expect(ownWatch.pageErrors).toEqual([]);
  });

  it('ran without CSP violations or uncaught errors', () => {
    expect(watch.violations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
});

describe('installable and small', () => {
  it('has no installability errors (manifest, icons, service worker)', async () => {
    const persistent = await launchPersistent();
    try {
      const p = persistent.context.pages()[0] ?? (await persistent.context.newPage());
      await p.goto(`${stack.url}/sign-in`);
      await visible(demoUser(p, 'admin'));
      await p.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      const cdp = await persistent.context.newCDPSession(p);
      const manifest = await cdp.send('Page.getAppManifest');
      expect(manifest.errors).toEqual([]);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
    } finally {
      await persistent.close();
    }
  });

  it('registers the service worker only once the first page has loaded and settled', async () => {
    const fresh = await browser.newContext(phone);
    try {
      const p = await fresh.newPage();
      // Notes when the app asks for the worker; SvelteKit's own registration would ask on `load`.
      await p.addInitScript(() => {
        const register = ServiceWorkerContainer.prototype.register;
        ServiceWorkerContainer.prototype.register = function (...args) {
          (window as unknown as { registeredAt?: number }).registeredAt ??= performance.now();
          return register.apply(this, args);
        };
      });
      await p.goto(`${stack.url}/sign-in`);
      await visible(demoUser(p, 'admin'));
      const { registeredAt, loadedAt } = await p.evaluate(async () => {
        await navigator.serviceWorker.ready;
        const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return {
          registeredAt: (window as unknown as { registeredAt: number }).registeredAt,
          loadedAt: navigation.loadEventEnd,
        };
      });
      expect(loadedAt).toBeGreaterThan(0);
      expect(registeredAt - loadedAt).toBeGreaterThanOrEqual(2000);
    } finally {
      await fresh.close();
    }
  });

  it('loads at most 120 KB of gzipped JavaScript on the first route', async () => {
    const fresh = await browser.newContext(phone);
    try {
      const p = await fresh.newPage();
      const scripts = new Map<string, Promise<Buffer>>();
      p.on('response', (response) => {
        const url = new URL(response.url());
        if (url.origin === stack.url && url.pathname.endsWith('.js') && url.pathname !== '/service-worker.js') {
          scripts.set(url.pathname, response.body());
        }
      });
      await p.goto(`${stack.url}/`);
      await p.waitForURL('**/sign-in');
      await visible(demoUser(p, 'admin'));
      await p.waitForLoadState('networkidle');
      let gzipBytes = 0;
      for (const body of scripts.values()) gzipBytes += gzipSync(await body, { level: 9 }).byteLength;
      mkdirSync(artifacts, { recursive: true });
      writeFileSync(
        join(artifacts, 'first-route-js.json'),
        JSON.stringify({ files: scripts.size, gzipBytes, paths: [...scripts.keys()] }, null, 2),
      );
      expect(scripts.size).toBeGreaterThan(0);
      expect(gzipBytes).toBeLessThanOrEqual(120 * 1024);
    } finally {
      await fresh.close();
    }
  });
});
