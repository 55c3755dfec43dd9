import { blankEntry } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import { selfEvaluationId } from '@jixiao/functions/self-evaluation/round-operations.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoSelfEvaluationRoundId } from '@jixiao/infra/local/demo-self-evaluation.ts';
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
import { apiAs, signInAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * 批量审核 (issue 12 item 6, docs/domain/submission.md#bulk-review) on the queues besides the targets'
 * (test/e2e/bulk-review.test.ts has those), against the local stack with the demo (its monitoring report and
 * self-evaluation of 教育局 waiting for the department), two monitoring reports of 教育局 seeded beside them and
 * the demo's half-filled self-evaluation finished and sent:
 * - the monitoring reports' queue (/monitoring/review) on a 390×844 phone: the department reviewer approves
 *   every waiting report with one opinion after the confirmation; axe and reflow with the bar and the dialog
 *   in Chinese and English;
 * - the department's self-evaluation queue (/self-evaluations?queue=1) on the phone: approved the same way;
 * - the bureau's self-evaluation queue (/self-evaluation-review) on a 1280 desktop: the business section
 *   returns what the department sent on, with the opinion a return needs.
 * Each time every item's outcome is read, and the queue empties.
 */
let stack: LocalStack;
let browser: Browser;
let people: Phones;

const desktop = { viewport: { width: 1280, height: 900 } };
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });
const api = (p: Page, method: string, path: string, body?: unknown) => apiAs(p, stack.url, method, path, body);

beforeAll(async () => {
  stack = await startWebStack('e2e-bulk-review-rounds');
  browser = await launch();
  people = new Phones(browser, stack.url, phone);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Two monitoring reports of 教育局's unit, filled and sent (报送) by its approver, beside the demo's waiting one. */
const sendMonitoringReports = async () => {
  const preparer = await people.of('unit-preparer', 'department');
  const approver = await people.of('unit-approver', 'department');
  const roundId = await seedMonitoringRound(stack.store, demoTenant.id);
  const ids = await seedMonitoringReports(stack.store, demoTenant.id, roundId, demoEducation, ['DRAFT', 'DRAFT']);
  for (const id of ids) {
    const url = `/monitoring-reports/${id}`;
    const draft = (await api(preparer, 'GET', url)).body;
    const saved = await api(preparer, 'PATCH', url, onTrackReportBody(draft));
    expect(saved.body.checks, JSON.stringify(saved.body)).toEqual([]);
    const sent = await api(approver, 'POST', `${url}/submit`, { version: saved.body.version });
    expect(sent.body.reviewStatus).toBe('UNIT_SUBMITTED');
  }
};

/**
 * The demo's half-filled table of 教育局 (DL2026JY0004) in the demo's round of 2026, filled in and sent by the
 * unit's approver: with the demo's table already sent (JY0003), two wait for the department.
 */
const sendSelfEvaluation = async () => {
  const preparer = await people.of('unit-preparer', 'department');
  const approver = await people.of('unit-approver', 'department');
  const id = selfEvaluationId(demoSelfEvaluationRoundId, demoId('project:DL2026JY0004'));
  const url = `/self-evaluations/${id}`;
  const draft = (await api(preparer, 'GET', url)).body as {
    version: number;
    reviewStatus: string;
    money: { source: string; initialBudgetFen: number | null; annualBudgetFen: number | null }[];
    rows: { rowId: string; operator: string; targetValue: string; weight: number }[];
  };
  expect(draft.reviewStatus).toBe('DRAFT');
  const saved = await api(preparer, 'PATCH', url, {
    version: draft.version,
    goalCompletion: '全年任务如期完成。',
    money: draft.money.map((line) => ({
      source: line.source,
      initialBudgetFen: line.initialBudgetFen,
      annualBudgetFen: line.annualBudgetFen,
      executedFen: line.annualBudgetFen,
    })),
    // Every row met: a number its target, a qualitative one achieved with its full weight.
    rows: draft.rows.map((row) => ({
      ...blankEntry(row.rowId),
      ...(row.operator === 'QUALITATIVE'
        ? { actual: '达到预期效果', tier: 'ACHIEVED', tierScore: String(row.weight) }
        : { actual: row.targetValue }),
    })),
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const sent = await api(approver, 'POST', `${url}/submit`, { version: saved.body.version });
  expect(sent.body.reviewStatus, JSON.stringify(sent.body)).toBe('UNIT_SUBMITTED');
  return id;
};

/** The names of what waits in a queue, as its API lists it (all of it: fewer than a page). */
const waiting = async (p: Page, path: string): Promise<string[]> => {
  const body = (await api(p, 'GET', `${path}?limit=100`)).body;
  expect(body.nextCursor).toBeUndefined();
  return body.items.map((i: { projectName: string }) => i.projectName);
};

/** Opens the queue and waits until it lists as many as its API does. */
const openQueue = async (p: Page, address: string, count: number) => {
  await p.goto(`${stack.url}${address}`);
  await poll(() => p.locator('li.record').count()).toBe(count);
};

/**
 * Selects the page, writes the opinion, cancels once (nothing sent), then confirms; answers the bar and
 * the dialog for the caller's own checks. `summary` is what the dialog must say will happen.
 */
const decideAll = async (
  p: Page,
  count: number,
  decision: '批量通过' | '批量退回',
  opinion: string,
  summary: string,
) => {
  await p.getByRole('checkbox', { name: `全选本页（${count} 项）` }).check();
  const bar = p.getByTestId('bulk-bar');
  await poll(() => bar.textContent()).toContain(`已选 ${count} 项`);
  await bar.getByLabel('审核意见（对所选各项相同）').fill(opinion);
  await bar.getByRole('button', { name: decision }).click();
  const dialog = p.getByTestId('confirm-dialog');
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(summary);
  expect(await dialog.textContent()).toContain(opinion);
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(await p.locator('li.record').count()).toBe(count);
  await bar.getByRole('button', { name: decision }).click();
  await dialog.waitFor();
  return { bar, dialog };
};

/** Each name listed in the results as done, and the tally line. */
const expectAllDone = async (p: Page, names: string[]) => {
  const results = p.getByTestId('bulk-results');
  await results.waitFor({ timeout: 15_000 });
  expect(await results.textContent()).toContain(`完成 ${names.length} 项，未完成 0 项`);
  for (const name of names) {
    const items = results.locator('li', { hasText: name });
    for (const text of await items.allTextContents()) expect(text).toContain('已完成');
    expect(await items.count()).toBeGreaterThan(0);
  }
};

describe('批量审核 of monitoring reports (phone)', () => {
  for (const language of ['zh-CN', 'en'] as const) {
    it(`passes axe and reflow with the bar shown and in the confirmation (${language})`, async () => {
      const reviewer = await people.of('dept-reviewer', 'department');
      if (language === 'zh-CN') await sendMonitoringReports();
      const names = await waiting(reviewer, '/monitoring-review-queue');
      expect(names.length).toBe(3);
      await reviewer.evaluate((locale) => localStorage.setItem('jixiao.locale', locale), language);
      await openQueue(reviewer, '/monitoring/review', names.length);
      await reviewer.locator('li.record input[type="checkbox"]').first().check();
      await reviewer.getByTestId('bulk-bar').waitFor();
      expect(await audit(reviewer)).toEqual([]);
      expect(await reflow(reviewer)).toEqual([]);
      await reviewer.getByTestId('bulk-bar').locator('button').nth(1).click();
      await reviewer.getByTestId('confirm-dialog').waitFor();
      expect(await audit(reviewer)).toEqual([]);
      await screenshot(reviewer, `bulk-rounds-01-monitoring-confirm-${language}`, { fullPage: false });
      await reviewer.keyboard.press('Escape');
      await reviewer.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
      await reviewer.evaluate(() => localStorage.setItem('jixiao.locale', 'zh-CN'));
    });
  }

  it('the department reviewer approves every waiting report with one opinion; each is done, the queue empties', async () => {
    const reviewer = await people.of('dept-reviewer', 'department');
    const names = await waiting(reviewer, '/monitoring-review-queue');
    expect(names.length).toBe(3);
    await openQueue(reviewer, '/monitoring/review', names.length);
    const { bar, dialog } = await decideAll(
      reviewer,
      3,
      '批量通过',
      '同意，报财政局初审。',
      '所选 3 项将逐项审核通过，送财政局业务科室初审',
    );
    // The bar sits above the bottom navigation, its buttons 48 px tall.
    const nav = await reviewer.locator('nav.app-nav').boundingBox();
    const barBox = await bar.boundingBox();
    if (nav && barBox && nav.y > 400) expect(barBox.y + barBox.height).toBeLessThanOrEqual(nav.y + 1);
    await screenshot(reviewer, 'bulk-rounds-02-monitoring-confirm-phone', { fullPage: false });
    await dialog.getByRole('button', { name: '批量通过' }).click();
    await expectAllDone(reviewer, names);
    await poll(() => reviewer.getByText('没有等待你审核的监控表。').count()).toBe(1);
    expect(await reviewer.getByTestId('bulk-bar').count()).toBe(0);
    await screenshot(reviewer, 'bulk-rounds-03-monitoring-results-phone');
    expect(await waiting(reviewer, '/monitoring-review-queue')).toEqual([]);
    // Each went on to the business section's first review with the one opinion.
    const business = await people.fresh(phone);
    await business.goto(`${stack.url}/sign-in`);
    await signInAs(business, stack.url, 'business-reviewer', 'bureau');
    const next = (await api(business, 'GET', '/monitoring-review-queue?limit=100')).body.items as {
      projectName: string;
      reviewStatus: string;
      reviewLog: { opinion?: string }[];
    }[];
    for (const name of names) {
      const report = next.find((r) => r.projectName === name && r.reviewStatus === 'DEPT_APPROVED');
      expect(report, name).toBeDefined();
      expect(report!.reviewLog.at(-1)?.opinion).toBe('同意，报财政局初审。');
    }
  });
});

describe('批量审核 of self-evaluations', () => {
  let names: string[] = [];
  let sentId = '';

  it('on a phone, the department’s queue (?queue=1): approves both waiting tables with one opinion; the queue empties', async () => {
    sentId = await sendSelfEvaluation();
    const reviewer = await people.of('dept-reviewer', 'department');
    names = await waiting(reviewer, '/self-evaluation-review-queue');
    // The demo's table waiting for 教育局 and the one just sent.
    expect(names.length).toBe(2);
    await openQueue(reviewer, '/self-evaluations?queue=1', 2);
    expect(await reviewer.getByTestId('bulk-bar').count()).toBe(0);
    await reviewer
      .getByRole('checkbox', { name: `选择 ${names[0]}` })
      .first()
      .check();
    await poll(() => reviewer.getByTestId('bulk-bar').textContent()).toContain('已选 1 项');
    const { dialog } = await decideAll(
      reviewer,
      2,
      '批量通过',
      '自评内容属实，同意报送。',
      '所选 2 项将逐项审核通过，送财政局业务科室初审',
    );
    await screenshot(reviewer, 'bulk-rounds-04-self-evaluation-confirm-phone', { fullPage: false });
    await dialog.getByRole('button', { name: '批量通过' }).click();
    await expectAllDone(reviewer, names);
    await poll(() => reviewer.getByText('没有等待您审核的自评表。').count()).toBe(1);
    expect(await reviewer.getByTestId('bulk-bar').count()).toBe(0);
    await screenshot(reviewer, 'bulk-rounds-05-self-evaluation-results-phone');
    expect(await waiting(reviewer, '/self-evaluation-review-queue')).toEqual([]);
  });

  it('on a desktop, the bureau’s queue: a return needs the opinion, then returns each to its unit', async () => {
    const desk = await people.fresh(desktop);
    await desk.goto(`${stack.url}/sign-in`);
    await signInAs(desk, stack.url, 'business-reviewer', 'bureau');
    expect((await waiting(desk, '/self-evaluation-review-queue')).sort()).toEqual([...names].sort());
    await openQueue(desk, '/self-evaluation-review', 2);
    await desk.getByRole('checkbox', { name: '全选本页（2 项）' }).check();
    const bar = desk.getByTestId('bulk-bar');
    await bar.getByRole('button', { name: '批量退回' }).click();
    await poll(() => bar.textContent()).toContain('批量退回须填写审核意见');
    expect(await desk.getByTestId('confirm-dialog').count()).toBe(0);
    await desk.getByRole('checkbox', { name: '全选本页（2 项）' }).uncheck();
    const { dialog } = await decideAll(
      desk,
      2,
      '批量退回',
      '请补充偏差原因分析。',
      '所选 2 项将逐项退回各填报单位修改',
    );
    await screenshot(desk, 'bulk-rounds-06-self-evaluation-return-desktop', { fullPage: false });
    await dialog.getByRole('button', { name: '批量退回' }).click();
    await expectAllDone(desk, names);
    await poll(() => desk.getByText('没有等待您审核的自评表。').count()).toBe(1);
    await screenshot(desk, 'bulk-rounds-07-self-evaluation-results-desktop');
    expect(await waiting(desk, '/self-evaluation-review-queue')).toEqual([]);
    // Back with the unit, the opinion as the reason.
    const preparer = await people.of('unit-preparer', 'department');
    const returned = (await api(preparer, 'GET', `/self-evaluations/${sentId}`)).body;
    expect(returned.reviewStatus).toBe('RETURNED');
    expect(returned.reviewLog.at(-1)).toMatchObject({ opinion: '请补充偏差原因分析。' });
  });

  it('ran without CSP violations or uncaught errors', () => {
    expect(people.watches.flatMap((w) => [...w.violations, ...w.pageErrors])).toEqual([]);
  });
});
