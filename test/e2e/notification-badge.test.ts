import { demoTenant } from '@jixiao/infra/local/demo-data.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoEducation,
  onTrackReportBody,
  seedMonitoringReports,
  seedMonitoringRound,
} from '../support/monitoring-fixture.ts';
import { audit, launch, phone, reflow, screenshot } from './browser.ts';
import { apiAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * The header's bell (docs/domain/daily-work.md#notifications) on a 390×844 phone, against the local stack with
 * the demo: the 教育局 unit preparer, everything read, has a monitoring report returned by the department; the
 * next page they open shows the bell with 1 (announced as "1 条未读通知"), in the same place as at 0; the bell
 * leads to the home's notifications, where 全部标为已读 clears it. axe and reflow in Chinese and English. An
 * evaluator in the field app gets no bell and never asks for the count.
 */
let stack: LocalStack;
let browser: Browser;
let people: Phones;

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });
const api = (p: Page, method: string, path: string, body?: unknown) => apiAs(p, stack.url, method, path, body);
/** The header reads the count once per page it is on, and not again within 5 s (freshForMs). */
const freshForMs = 5_000;

const bell = (p: Page) => p.locator('header.app-header a.bell');
/** How many lines the district's name beside the brand wraps into. */
const taglineLines = (p: Page) =>
  p.locator('header.app-header .tagline').evaluate((e) => {
    const style = getComputedStyle(e);
    return Math.round(e.getBoundingClientRect().height / Number.parseFloat(style.lineHeight));
  });

beforeAll(async () => {
  stack = await startWebStack('e2e-notification-badge');
  browser = await launch();
  people = new Phones(browser, stack.url, phone);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A monitoring report of 教育局's unit, filled and sent by its approver, returned by the department reviewer. */
const returnAReport = async () => {
  const preparer = await people.of('unit-preparer', 'department');
  const approver = await people.of('unit-approver', 'department');
  const reviewer = await people.of('dept-reviewer', 'department');
  const roundId = await seedMonitoringRound(stack.store, demoTenant.id);
  const [id] = await seedMonitoringReports(stack.store, demoTenant.id, roundId, demoEducation, ['DRAFT']);
  const url = `/monitoring-reports/${id}`;
  const draft = (await api(preparer, 'GET', url)).body;
  const saved = await api(preparer, 'PATCH', url, onTrackReportBody(draft));
  expect(saved.body.checks).toEqual([]);
  const sent = await api(approver, 'POST', `${url}/submit`, { version: saved.body.version });
  expect(sent.body.reviewStatus).toBe('UNIT_SUBMITTED');
  const returned = await api(reviewer, 'POST', '/monitoring-reports/bulk-review', {
    decision: 'return',
    opinion: '请补充偏差原因。',
    items: [{ id, version: sent.body.version }],
  });
  expect(returned.body.totals).toMatchObject({ done: 1 });
};

describe('the unread notifications bell', () => {
  let headerHeight = 0;
  let bellBox: { x: number; y: number; width: number; height: number } | null = null;

  it('at 0 the bell is there without a count', async () => {
    const preparer = await people.of('unit-preparer', 'department');
    const marked = await api(preparer, 'PATCH', '/notification-read-mark', { upTo: new Date().toISOString() });
    expect(marked.status).toBe(200);
    await preparer.goto(`${stack.url}/department`);
    await bell(preparer).waitFor();
    await poll(() => bell(preparer).getAttribute('aria-label')).toBe('通知');
    expect(await bell(preparer).locator('.count').count()).toBe(0);
    headerHeight = (await preparer.locator('header.app-header').boundingBox())!.height;
    bellBox = await bell(preparer).boundingBox();
  });

  it('shows 1 on the next page after a return, announced, in the same place; axe and reflow in zh and en', async () => {
    const preparer = await people.of('unit-preparer', 'department');
    const since = Date.now();
    await returnAReport();
    expect((await api(preparer, 'GET', '/notifications')).body.unread).toBe(1);
    // Still the page's own read: the count is not polled.
    expect(await bell(preparer).locator('.count').count()).toBe(0);
    await preparer.waitForTimeout(Math.max(0, since + freshForMs - Date.now()));
    await preparer.locator('nav.app-nav a[href="/projects"]').first().click();
    await preparer.waitForURL('**/projects');
    await poll(() => bell(preparer).locator('.count').textContent()).toBe('1');
    expect(await bell(preparer).getAttribute('aria-label')).toBe('1 条未读通知');
    expect(await bell(preparer).getAttribute('href')).toBe('/department#notifications');
    // Nothing moved when the count arrived.
    expect((await preparer.locator('header.app-header').boundingBox())!.height).toBe(headerHeight);
    expect(await bell(preparer).boundingBox()).toEqual(bellBox);
    const bellSize = (await bell(preparer).boundingBox())!;
    expect(bellSize.width).toBeGreaterThanOrEqual(36);
    expect(bellSize.height).toBeGreaterThanOrEqual(44);
    expect(await taglineLines(preparer)).toBeLessThanOrEqual(2);
    expect(await audit(preparer)).toEqual([]);
    expect(await reflow(preparer)).toEqual([]);
    await screenshot(preparer, 'notification-badge-01-phone-zh', { fullPage: false });

    await preparer.getByRole('button', { name: 'English' }).click();
    await poll(() => bell(preparer).getAttribute('aria-label')).toBe('1 unread notification');
    // "Jixiao" is wider than 绩效: the district's name beside it still takes two lines at most.
    expect(await taglineLines(preparer)).toBeLessThanOrEqual(2);
    expect(await audit(preparer)).toEqual([]);
    expect(await reflow(preparer)).toEqual([]);
    await screenshot(preparer, 'notification-badge-02-phone-en', { fullPage: false });
    await preparer.getByRole('button', { name: '中文' }).click();
    await poll(() => bell(preparer).getAttribute('aria-label')).toBe('1 条未读通知');
  });

  it('leads to the home’s notifications, where 全部标为已读 clears it', async () => {
    const preparer = await people.of('unit-preparer', 'department');
    await bell(preparer).click();
    await preparer.waitForURL('**/department#notifications');
    const panel = preparer.locator('section#notifications');
    await panel.getByTestId('unread-count').waitFor();
    expect(await panel.getByTestId('unread-count').textContent()).toBe('1 条未读');
    await poll(() => panel.evaluate((e) => e.getBoundingClientRect().top < innerHeight)).toBe(true);
    await panel.getByRole('button', { name: '全部标为已读' }).click();
    await panel.getByTestId('unread-count').waitFor({ state: 'detached' });
    await poll(() => bell(preparer).locator('.count').count()).toBe(0);
    expect(await bell(preparer).getAttribute('aria-label')).toBe('通知');
    expect((await api(preparer, 'GET', '/notifications')).body.unread).toBe(0);
    await screenshot(preparer, 'notification-badge-03-read', { fullPage: false });
  });

  it('the field app has no bell and never asks for the count', async () => {
    const evaluator = await people.fresh(phone);
    const asked: string[] = [];
    evaluator.on('request', (r) => {
      if (r.url().includes('/api/v1/notifications')) asked.push(r.url());
    });
    await evaluator.goto(`${stack.url}/sign-in`);
    await evaluator.locator('button.user', { has: evaluator.locator('.username', { hasText: /^evaluator$/ }) }).click();
    await evaluator.waitForURL('**/field');
    await evaluator.getByRole('heading', { level: 1 }).waitFor();
    await evaluator.waitForTimeout(500);
    expect(await bell(evaluator).count()).toBe(0);
    expect(asked).toEqual([]);
  });

  it('ran without CSP violations or uncaught errors', () => {
    expect(people.watches.flatMap((w) => [...w.violations, ...w.pageErrors])).toEqual([]);
  });
});
