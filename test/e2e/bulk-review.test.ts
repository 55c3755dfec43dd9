import { uuidV7 } from '@jixiao/core/ids.ts';
import { newTargetRow } from '@jixiao/core/submission/target-row.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import { demoLibraryEntry, demoProjectYear } from '@jixiao/infra/local/demo-projects.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launch, phone, reflow, screenshot } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * 批量审核 (issue 12 item 6, docs/domain/submission.md#bulk-review) on the targets' review queue, against the
 * local stack with the demo: the 教育局 unit sends versions; the department reviewer (dept-reviewer) selects
 * the waiting ones, approves them with one opinion after the confirmation, reads each result, and the queue
 * empties — on a 390×844 phone (the bar above the bottom navigation) and on a 1280 desktop (a return, which
 * needs the opinion). axe and reflow with the bar shown, in Chinese and English.
 */
let stack: LocalStack;
let browser: Browser;
let people: Phones;

beforeAll(async () => {
  stack = await startWebStack('e2e-bulk-review');
  browser = await launch();
  people = new Phones(browser, stack.url, phone);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const row = (overrides: Record<string, unknown>) =>
  newTargetRow(uuidV7(), {
    name: '培训人次',
    value: '100',
    unit: '人次',
    weight: 20,
    scoringStandard: '按完成比例计分',
    ...overrides,
  });
const completeRows = () => [
  row({ weight: 20 }),
  row({ level2: 'QUALITY', name: '合格率', unit: '%', value: '95', weight: 15 }),
  row({ level2: 'TIMELINESS', name: '完成时限', operator: 'LTE', unit: '月', value: '11', weight: 10 }),
  row({
    level2: 'COST',
    name: '户均补贴金额',
    operator: 'LTE',
    unit: '万元/户',
    value: '1.5',
    weight: 5,
    libraryIndicatorId: demoLibraryEntry('GX-TS-006', demoProjectYear),
    custom: false,
  }),
  row({
    level1: 'BENEFIT',
    level2: 'SOCIAL',
    name: '社会效益',
    operator: 'QUALITATIVE',
    value: '明显提升',
    unit: '',
    weight: 30,
  }),
  row({ level1: 'SATISFACTION', level2: 'SERVICE_RECIPIENT', name: '满意度', unit: '%', value: '90', weight: 10 }),
];

let seq = 0;
/** Projects of 教育局's unit, each with a complete first version sent (送审) by the unit approver. */
const sendTargets = async (names: string[]) => {
  const preparer = await people.of('unit-preparer', 'department');
  const approver = await people.of('unit-approver', 'department');
  for (const name of names) {
    const project = await apiAs(preparer, stack.url, 'POST', '/projects', {
      id: uuidV7(),
      fiscalYear: demoProjectYear,
      code: `P${Date.now().toString().slice(-9)}${String(++seq).padStart(3, '0')}`,
      name,
      unitId: demoId('unit:102001'),
      category: 'SPECIFIC_PURPOSE',
      nature: 'CONTINUING',
      recurrence: 'RECURRING',
      periodStart: demoProjectYear,
      periodEnd: demoProjectYear,
      funds: { fiscal: 500_000_00, carryOver: 0, other: 0 },
      functionalClass: '20502',
      majorPolicy: false,
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    const created = await apiAs(preparer, stack.url, 'POST', `/projects/${project.body.id}/targets`, { id: uuidV7() });
    const saved = await apiAs(preparer, stack.url, 'PATCH', `/targets/${created.body.id}`, {
      version: created.body.version,
      annualGoal: '完成年度任务',
      rows: completeRows(),
    });
    expect(saved.body.checks).toEqual([]);
    const sent = await apiAs(approver, stack.url, 'POST', `/targets/${saved.body.id}/submit`, {
      version: saved.body.version,
    });
    expect(sent.status).toBe(200);
  }
};

/** The queue page with every waiting version listed (as many as the API's queue holds, and `count` of them). */
const openQueue = async (page: Page, count: number) => {
  const waiting = (await apiAs(page, stack.url, 'GET', '/review-queue?limit=100')).body.items.length;
  expect(waiting).toBe(count);
  await page.goto(`${stack.url}/review`);
  await expect.poll(() => page.locator('li.entry').count(), { timeout: 15_000 }).toBe(count);
};

describe('批量审核 of targets', () => {
  it('on a phone: selects the waiting versions, approves them with one opinion, reads each result; the queue empties', async () => {
    const names = ['批量审核甲项目', '批量审核乙项目', '批量审核丙项目'];
    await sendTargets(names);
    const reviewer = await people.of('dept-reviewer', 'department');
    await openQueue(reviewer, 3);
    expect(await reviewer.getByTestId('bulk-bar').count()).toBe(0);
    // One row by its own box, then the rest by "select all on this page".
    await reviewer.getByRole('checkbox', { name: `选择 ${names[1]}` }).check();
    await expect.poll(() => reviewer.getByTestId('bulk-bar').textContent()).toContain('已选 1 项');
    await reviewer.getByRole('checkbox', { name: '全选本页（3 项）' }).check();
    const bar = reviewer.getByTestId('bulk-bar');
    await expect.poll(() => bar.textContent()).toContain('已选 3 项');
    // The bar sits above the bottom navigation, its buttons 48 px tall.
    const nav = await reviewer.locator('nav.app-nav').boundingBox();
    const barBox = await bar.boundingBox();
    expect(barBox).not.toBeNull();
    if (nav && nav.y > 400) expect(barBox!.y + barBox!.height).toBeLessThanOrEqual(nav.y + 1);
    for (const button of await bar.getByRole('button').all()) {
      expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    }
    await bar.getByLabel('审核意见（对所选各项相同）').fill('同意，报财政局初审。');
    await screenshot(reviewer, 'bulk-review-01-bar-phone');

    // Cancel first: nothing is sent.
    await bar.getByRole('button', { name: '批量通过' }).click();
    const dialog = reviewer.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('所选 3 项将逐项审核通过，送财政局业务科室初审');
    expect(await dialog.textContent()).toContain('同意，报财政局初审。');
    await screenshot(reviewer, 'bulk-review-02-confirm-phone');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await reviewer.locator('li.entry').count()).toBe(3);

    await bar.getByRole('button', { name: '批量通过' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '批量通过' }).click();
    const results = reviewer.getByTestId('bulk-results');
    await results.waitFor({ timeout: 15_000 });
    expect(await results.textContent()).toContain('完成 3 项，未完成 0 项');
    for (const name of names) {
      expect(await results.locator('li', { hasText: name }).textContent()).toContain('已完成');
    }
    await expect.poll(() => reviewer.getByText('没有等待你审核的绩效目标。').count()).toBe(1);
    expect(await reviewer.getByTestId('bulk-bar').count()).toBe(0);
    await screenshot(reviewer, 'bulk-review-03-results-phone');
    // Each went on as its single step would.
    const queue = await apiAs(reviewer, stack.url, 'GET', '/review-queue?limit=100');
    expect(queue.body.items).toEqual([]);
    expect(people.watches.flatMap((w) => [...w.violations, ...w.pageErrors])).toEqual([]);
  });

  it('on a desktop: a return needs the opinion, then returns each with it', async () => {
    const names = ['批量退回甲项目', '批量退回乙项目'];
    await sendTargets(names);
    const desk = await people.fresh({ viewport: { width: 1280, height: 900 } });
    await desk.goto(`${stack.url}/sign-in`);
    await signInAs(desk, stack.url, 'dept-reviewer', 'department');
    await openQueue(desk, 2);
    for (const name of names) await desk.getByRole('checkbox', { name: `选择 ${name}` }).check();
    const bar = desk.getByTestId('bulk-bar');
    await bar.getByRole('button', { name: '批量退回' }).click();
    await expect.poll(() => bar.textContent()).toContain('批量退回须填写审核意见');
    expect(await desk.getByTestId('confirm-dialog').count()).toBe(0);
    await bar.getByLabel('审核意见（对所选各项相同）').fill('请补充绩效指标的测算依据。');
    await bar.getByRole('button', { name: '批量退回' }).click();
    const dialog = desk.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('所选 2 项将逐项退回各填报单位修改');
    await screenshot(desk, 'bulk-review-04-confirm-desktop');
    await dialog.getByRole('button', { name: '批量退回' }).click();
    const results = desk.getByTestId('bulk-results');
    await results.waitFor({ timeout: 15_000 });
    expect(await results.textContent()).toContain('完成 2 项，未完成 0 项');
    await expect.poll(() => desk.getByText('没有等待你审核的绩效目标。').count()).toBe(1);
    await screenshot(desk, 'bulk-review-05-results-desktop');
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`passes axe and reflow with the bar shown and in the confirmation (${language})`, async () => {
      await sendTargets([`无障碍检查项目${language}`]);
      const reviewer = await people.of('dept-reviewer', 'department');
      await reviewer.evaluate((locale) => localStorage.setItem('jixiao.locale', locale), language);
      await openQueue(reviewer, language === 'en' ? 2 : 1);
      await reviewer.locator('li.entry input[type="checkbox"]').first().check();
      await reviewer.getByTestId('bulk-bar').waitFor();
      expect(await audit(reviewer)).toEqual([]);
      expect(await reflow(reviewer)).toEqual([]);
      await reviewer.getByTestId('bulk-bar').locator('button').nth(1).click();
      await reviewer.getByTestId('confirm-dialog').waitFor();
      expect(await audit(reviewer)).toEqual([]);
      if (language === 'en') await screenshot(reviewer, 'bulk-review-06-confirm-en');
      await reviewer.keyboard.press('Escape');
      await reviewer.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
      await reviewer.evaluate(() => localStorage.setItem('jixiao.locale', 'zh-CN'));
    });
  }
});
