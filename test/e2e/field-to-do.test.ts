import type { ToDoHome } from '@jixiao/core/daily-work/to-do.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launch, phone, reflow, screenshot } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * The agency's to-do lists on the field home (issue 12 item 1, docs/domain/daily-work.md#the-to-do-home) on a
 * 390×844 phone, against the local stack with the demo. The agency lead sees the ex-ante and key-evaluation lists
 * with the counts `GET /api/v1/to-do` answers, one tap from their records; offline the home still opens with the
 * lists kept on the phone, marked as read earlier; the evaluator sees the agency's lists without the field
 * assignments a second time; with the lists unreadable and nothing kept, one line says so and the assignments stay;
 * sign-out takes the kept lists with the rest of the field data. axe and reflow in both languages.
 */
let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startWebStack('e2e-field-to-do');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const toDoOf = async (p: Page): Promise<ToDoHome> => {
  const answer = await apiAs(p, stack.url, 'GET', '/to-do');
  expect(answer.status).toBe(200);
  return answer.body as ToDoHome;
};

/** Every list the screen shows equals the API's: the same lists with entries, each with the API's count. */
const expectListsAsAnswered = async (p: Page, home: ToDoHome, omitted: string[] = []): Promise<void> => {
  const waiting = home.lists.filter((l) => l.count > 0 && !omitted.includes(l.subject));
  await expect.poll(() => p.locator('.to-do .list').count(), { timeout: 15_000 }).toBe(waiting.length);
  for (const list of waiting) {
    const card = p.locator(`.to-do .list[data-list="${list.key}"]`);
    await expect.poll(() => card.getByTestId('to-do-count').textContent()).toBe(`${list.count} 项`);
    expect(await card.locator('.items li').count()).toBe(Math.min(5, list.count));
  }
};

const serviceWorkerControls = async (p: Page): Promise<void> => {
  await p.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await p.waitForFunction(() => navigator.serviceWorker.controller !== null);
};

describe('the field home’s to-do lists', () => {
  it('shows the agency lead the ex-ante and key-evaluation lists the API answers, each entry one tap from its page', async () => {
    const devices = new Phones(browser, stack.url, phone);
    const page = await devices.of('agency-lead', 'field');
    const home = await toDoOf(page);
    expect(home.lists.map((l) => l.key)).toEqual([
      'ex-ante-assessment:fix',
      'ex-ante-assessment:send',
      'engagement:lead',
    ]);
    expect(
      home.lists.some((l) => l.count > 0),
      'the demo gives the lead something to do',
    ).toBe(true);
    await expectListsAsAnswered(page, home);
    // Lists with nothing in them fold into one line naming them.
    const titles: Record<string, string> = {
      'ex-ante-assessment:fix': '退回待修改的事前绩效评估',
      'ex-ante-assessment:send': '待填写的事前绩效评估',
      'engagement:lead': '待推进的重点评价（方案、现场、报告）',
    };
    for (const list of home.lists) {
      if (list.count > 0)
        expect(await page.locator(`.to-do .list[data-list="${list.key}"] h3 a`).textContent()).toBe(titles[list.key]);
      else expect(await page.locator('.to-do .clear').textContent()).toContain(titles[list.key]);
    }
    // Read fresh: nothing says the lists are an old copy; the assignments section is still there.
    expect(await page.getByTestId('to-do-note').count()).toBe(0);
    await page.getByRole('heading', { level: 2, name: '我的评价任务' }).waitFor();
    await screenshot(page, 'field-to-do-agency-lead');

    for (const list of home.lists.filter((l) => l.count > 0)) {
      const item = list.items[0]!;
      const href = list.subject === 'engagement' ? `/engagements/${item.id}` : `/ex-ante/${item.id}`;
      await page.locator(`.to-do .list[data-list="${list.key}"] a.item[href="${href}"]`).click();
      await page.waitForURL(`**${href}`);
      await page.goBack();
      await page.waitForURL('**/field');
      await page.locator('.to-do .list').first().waitFor();
    }
    expect(devices.watches.flatMap((w) => [...w.violations, ...w.pageErrors])).toEqual([]);
  });

  it('opens offline with the lists kept on the phone, marked with when they were read', async () => {
    const devices = new Phones(browser, stack.url, phone);
    const page = await devices.of('agency-lead', 'field');
    const home = await toDoOf(page);
    await expectListsAsAnswered(page, home);
    await serviceWorkerControls(page);

    await page.context().setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const note = page.getByTestId('to-do-note');
    await expect.poll(() => note.getAttribute('data-kind'), { timeout: 15_000 }).toBe('kept');
    expect(await note.textContent()).toMatch(/^\s*未联网：以下是(刚刚|\d+ 分钟前)读取的待办事项。\s*$/);
    await expectListsAsAnswered(page, home);
    await page.getByRole('heading', { level: 2, name: '我的评价任务' }).waitFor();
    await screenshot(page, 'field-to-do-offline');

    // Back online, the home reads them again and the note goes.
    await page.context().setOffline(false);
    await expect.poll(() => note.count(), { timeout: 15_000 }).toBe(0);
    await expectListsAsAnswered(page, home);
    expect(devices.watches.flatMap((w) => [...w.violations, ...w.pageErrors])).toEqual([]);
  });

  it('shows the evaluator the agency’s lists without the field assignments a second time', async () => {
    const devices = new Phones(browser, stack.url, phone);
    const page = await devices.of('evaluator', 'field');
    const home = await toDoOf(page);
    const visit = home.lists.find((l) => l.key === 'fieldwork-assignment:visit');
    expect(visit, 'the API answers the evaluator’s assignments as a list').toBeDefined();
    expect(visit!.count).toBeGreaterThan(0);
    await expectListsAsAnswered(page, home, ['fieldwork-assignment']);
    expect(await page.locator('.to-do .list[data-list^="fieldwork-assignment"]').count()).toBe(0);
    const clear = page.locator('.to-do .clear');
    if (await clear.count()) expect(await clear.textContent()).not.toContain('现场评价任务');
    // The assignments stay where the field app shows them: as its cards, one for each.
    const assignments = await apiAs(page, stack.url, 'GET', '/my-assignments');
    await expect
      .poll(() => page.locator('a.assignment.card').count(), { timeout: 15_000 })
      .toBe(assignments.body.items.length);
    expect(await page.locator('.to-do a[href^="/field/"]').count()).toBe(0);
    await screenshot(page, 'field-to-do-evaluator', { fullPage: true });
    expect(devices.watches.flatMap((w) => [...w.violations, ...w.pageErrors])).toEqual([]);
  });

  it('says the lists need a connection when they cannot be read and none are kept, and keeps the assignments', async () => {
    const devices = new Phones(browser, stack.url, phone);
    const page = await devices.fresh();
    await page.route('**/api/v1/to-do', (route) => route.abort('internetdisconnected'));
    await signInAs(page, stack.url, 'evaluator', 'field');
    const note = page.getByTestId('to-do-note');
    await expect.poll(() => note.getAttribute('data-kind'), { timeout: 15_000 }).toBe('needs-connection');
    expect((await note.textContent())?.trim()).toBe('待办事项暂时未能读取，请稍后点“刷新”。');
    expect(await page.locator('.to-do .list').count()).toBe(0);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    await page.locator('a.assignment.card').first().waitFor();
    await screenshot(page, 'field-to-do-unreadable');

    // Refresh, once the lists can be read, shows them.
    await page.unroute('**/api/v1/to-do');
    await page.locator('.to-do').getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => note.count(), { timeout: 15_000 }).toBe(0);
    await expectListsAsAnswered(page, await toDoOf(page), ['fieldwork-assignment']);
    expect(devices.watches.flatMap((w) => [...w.violations, ...w.pageErrors])).toEqual([]);
  });

  it('takes the kept lists with the rest of the field data at sign-out', async () => {
    const devices = new Phones(browser, stack.url, phone);
    const page = await devices.of('agency-lead', 'field');
    await page.locator('.to-do .list').first().waitFor();
    const kept = await page.evaluate(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '');
      const name = names.find((n) => n.startsWith('jixiao-field-'));
      if (!name) return null;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const entry = await new Promise<{ readAt: string; home: { lists: unknown[] } } | undefined>((resolve) => {
        const get = db.transaction('meta').objectStore('meta').get('to-do');
        get.onsuccess = () => resolve(get.result);
      });
      db.close();
      return entry ? { lists: entry.home.lists.length, readAt: typeof entry.readAt } : null;
    });
    expect(kept).toEqual({ lists: 3, readAt: 'string' });

    await page.locator('details.account summary').click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/sign-in');
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(databases.filter((n) => n?.startsWith('jixiao-field-'))).toEqual([]);
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`passes axe and reflow with the lists shown (${language})`, async () => {
      const devices = new Phones(browser, stack.url, phone);
      for (const username of ['agency-lead', 'evaluator']) {
        const page = await devices.fresh();
        await page.addInitScript((locale) => localStorage.setItem('jixiao.locale', locale), language);
        await signInAs(page, stack.url, username, 'field');
        await page.locator('.to-do .list').first().waitFor();
        await page.locator('.storage, [data-testid="synced-age"]').first().waitFor();
        expect(await audit(page), username).toEqual([]);
        expect(await reflow(page), username).toEqual([]);
        if (language === 'en') await screenshot(page, `field-to-do-${username}-en`, { fullPage: true });
        await page.context().close();
      }
      expect(devices.watches.flatMap((w) => [...w.violations, ...w.pageErrors])).toEqual([]);
    });
  }
});
