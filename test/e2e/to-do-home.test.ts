import type { ToDoHome, ToDoList } from '@jixiao/core/daily-work/to-do.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launch, phone, reflow, screenshot } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * The to-do home of each role (issue 12 item 1) on a 390×844 phone and a 1280×800 desktop, against the local
 * stack with the demo: the unit's people, the department reviewer and both bureau sections open on what waits
 * for them. Every list's count on screen equals the API's, a reviewer's equals what their queue page's API lists
 * when followed to the end, each entry opens its record, and "view all" opens the queue; once an agency's lead
 * submits an ex-ante assessment, the performance section's home lists it and opens it. axe and reflow in both
 * languages.
 */
const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };

let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startWebStack('e2e-to-do-home');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const api = (p: Page, method: string, path: string) => apiAs(p, stack.url, method, path);

const listOf = (home: ToDoHome, key: string): ToDoList => {
  const list = home.lists.find((l) => l.key === key);
  if (!list) throw new Error(`no list ${key} in ${home.lists.map((l) => l.key).join(', ')}`);
  return list;
};

/** Every entry a queue page's API lists, page after page. */
const listed = async (p: Page, path: string): Promise<number> => {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await api(
      p,
      'GET',
      `${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.status).toBe(200);
    count += page.body.items.length;
    cursor = page.body.nextCursor;
  } while (cursor);
  return count;
};

const people = [
  { username: 'unit-preparer', workspace: 'department', queues: {} },
  {
    username: 'dept-reviewer',
    workspace: 'department',
    queues: {
      'target:review:department-reviewer': '/review-queue',
      'monitoring-report:review:department-reviewer': '/monitoring-review-queue',
      'self-evaluation:review:department-reviewer': '/self-evaluation-review-queue',
    },
  },
  {
    username: 'business-reviewer',
    workspace: 'bureau',
    queues: {
      'target:review:business-section-reviewer': '/review-queue',
      'monitoring-report:review:business-section-reviewer': '/monitoring-review-queue',
    },
  },
  {
    username: 'perf-reviewer',
    workspace: 'bureau',
    queues: { 'target:review:performance-section-reviewer': '/review-queue' },
  },
] as const;

describe('the to-do home', () => {
  for (const [device, options] of [
    ['phone', phone],
    ['desktop', desktop],
  ] as const) {
    for (const person of people) {
      it(`shows ${person.username} what waits for them, counted as the queues are (${device})`, async () => {
        const devices = new Phones(browser, stack.url, options);
        const page = await devices.of(person.username, person.workspace);
        const home = (await api(page, 'GET', '/to-do')).body as ToDoHome;
        const waiting = home.lists.filter((l) => l.count > 0);
        expect(waiting.length, `${person.username} has something to do in the demo`).toBeGreaterThan(0);
        await expect.poll(() => page.locator('.to-do .list').count(), { timeout: 15_000 }).toBe(waiting.length);
        for (const list of waiting) {
          const card = page.locator(`.to-do .list[data-list="${list.key}"]`);
          await expect.poll(() => card.getByTestId('to-do-count').textContent()).toBe(`${list.count} 项`);
          expect(await card.locator('.items li').count()).toBe(Math.min(5, list.count));
          const queue = (person.queues as Record<string, string>)[list.key];
          if (queue)
            expect({ key: list.key, count: await listed(page, queue) }).toEqual({ key: list.key, count: list.count });
        }
        if (device === 'phone') await screenshot(page, `to-do-home-${person.username}`);
        else await screenshot(page, `to-do-home-${person.username}-desktop`);

        // One tap from the work: the first entry opens its record; Back returns to the home.
        const first = page.locator('.to-do .list .item').first();
        const href = await first.getAttribute('href');
        expect(href).toMatch(/^\/(targets|monitoring\/reports|self-evaluations|rectifications)\/[\w-]+$/);
        await first.click();
        await page.waitForURL(`**${href}`);
        await page.goBack();
        await page.waitForURL(`**/${person.workspace}`);
        await expect.poll(() => page.locator('.to-do .list').count(), { timeout: 15_000 }).toBe(waiting.length);
        expect(devices.watches.flatMap((w) => [...w.violations, ...w.pageErrors])).toEqual([]);
      });
    }
  }

  it('opens each list\'s whole queue from its title, and offers "view all" only when the home shows part of it', async () => {
    const devices = new Phones(browser, stack.url, phone);
    const expected: Record<string, string> = {
      'target:review:department-reviewer': '/review',
      'monitoring-report:review:department-reviewer': '/monitoring/review',
      'self-evaluation:review:department-reviewer': '/self-evaluations',
    };
    const page = await devices.of('dept-reviewer', 'department');
    const home = (await api(page, 'GET', '/to-do')).body as ToDoHome;
    for (const list of home.lists.filter((l) => l.count > 0)) {
      const card = page.locator(`.to-do .list[data-list="${list.key}"]`);
      expect(await card.locator('a.all').count()).toBe(list.count > list.items.length ? 1 : 0);
      await card.locator('h3 a').click();
      await page.waitForURL((url) => url.pathname !== '/department');
      expect(new URL(page.url()).pathname).toBe(expected[list.key]);
      await page.goBack();
      await page.waitForURL('**/department');
      await card.waitFor();
    }
  });

  it('shows the performance section an ex-ante assessment its agency submitted, one tap from it', async () => {
    const devices = new Phones(browser, stack.url, phone);
    // The agency's lead completes and submits the demo's draft, through the API, as the field app's person.
    const lead = await devices.of('agency-lead', 'field');
    const drafts = listOf((await api(lead, 'GET', '/to-do')).body as ToDoHome, 'ex-ante-assessment:send');
    const id = drafts.items[0]!.id;
    const draft = (await api(lead, 'GET', `/ex-ante-assessments/${id}`)).body;
    const score = { score: 17, note: '依据充分' };
    const scored = await apiAs(lead, stack.url, 'PATCH', `/ex-ante-assessments/${id}`, {
      version: draft.version,
      dimensions: { NECESSITY: score, ECONOMY: score, TARGETS: score, FEASIBILITY: score, FUNDING: score },
      conclusion: 'SUPPORT',
    });
    expect(scored.status).toBe(200);
    const submitted = await apiAs(lead, stack.url, 'POST', `/ex-ante-assessments/${id}/submit`, {
      version: scored.body.version,
    });
    expect(submitted.status).toBe(200);

    const page = await devices.of('perf-reviewer', 'bureau');
    const waiting = listOf((await api(page, 'GET', '/to-do')).body as ToDoHome, 'ex-ante-assessment:review');
    const card = page.locator('.to-do .list[data-list="ex-ante-assessment:review"]');
    await expect
      .poll(() => card.getByTestId('to-do-count').textContent(), { timeout: 15_000 })
      .toBe(`${waiting.count} 项`);
    expect(await card.locator('h3 a').textContent()).toBe('待受理的事前绩效评估');
    await screenshot(page, 'to-do-home-perf-reviewer-ex-ante');
    await card.locator(`a.item[href="/ex-ante/${id}"]`).click();
    await page.waitForURL(`**/ex-ante/${id}`);
    expect(devices.watches.flatMap((w) => [...w.violations, ...w.pageErrors])).toEqual([]);
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`passes axe and reflow for each home (${language})`, async () => {
      const devices = new Phones(browser, stack.url, phone);
      for (const person of people) {
        const page = await devices.fresh();
        await page.addInitScript((locale) => localStorage.setItem('jixiao.locale', locale), language);
        await signInAs(page, stack.url, person.username, person.workspace);
        await page.locator('.to-do .list').first().waitFor();
        expect(await audit(page), person.username).toEqual([]);
        expect(await reflow(page), person.username).toEqual([]);
        if (language === 'en') await screenshot(page, `to-do-home-${person.username}-en`);
        await page.context().close();
      }
    });
  }
});
