import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launch, phone, reflow, screenshot } from './browser.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * The calendar of the budget year (issue 12 item 3) on a 390×844 phone, against the local stack with the demo: the
 * year's monitoring round shows its deadline; the performance section sets the targets' due date and the budget's
 * reply, a bad number is refused in Chinese with nothing saved, and the publication deadline appears 20 days after
 * the reply; a unit preparer sees the same dates and no form. axe and reflow in Chinese and English.
 */
let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startWebStack('e2e-budget-calendar');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the calendar of the budget year', () => {
  it("lists the rounds, takes the bureau's dates and works out the publication deadline", async () => {
    const people = new Phones(browser, stack.url, phone);
    const bureau = await people.of('perf-reviewer', 'bureau');
    await bureau
      .getByRole('link', { name: /预算年度日历/ })
      .first()
      .click();
    await bureau.waitForURL('**/calendar');
    const deadline = bureau.locator('li[data-kind="monitoring-deadline"]').first();
    await deadline.waitFor();
    expect(await deadline.textContent()).toContain('07-20');

    await bureau.getByLabel('绩效目标申报截止日期').fill('2025-09-30');
    await bureau.getByLabel('部门预算批复日期').fill('2026-01-25');
    await bureau.getByLabel('批复后公开期限（天）').fill('0');
    await bureau.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => bureau.locator('#err-disclosureDays').textContent()).toContain('不能小于 1');
    expect(await bureau.locator('li[data-kind="disclosure-due"]').count()).toBe(0);

    await bureau.getByLabel('批复后公开期限（天）').fill('20');
    await bureau.getByRole('button', { name: '保存' }).click();
    const disclosure = bureau.locator('li[data-kind="disclosure-due"]');
    await disclosure.waitFor();
    expect(await disclosure.textContent()).toContain('02-14');
    expect(await bureau.locator('li[data-kind="targets-due"]').textContent()).toContain('09-30');
    await screenshot(bureau, 'budget-calendar');

    const unit = await people.of('unit-preparer', 'department');
    await unit.goto(`${stack.url}/calendar`);
    await unit.locator('li[data-kind="disclosure-due"]').waitFor();
    expect(await unit.locator('form.settings').count()).toBe(0);
    expect(await unit.locator('li[data-kind="monitoring-deadline"] a').first().getAttribute('href')).toMatch(
      /^\/monitoring\?round=/,
    );
    expect(people.watches.flatMap((w) => [...w.violations, ...w.pageErrors])).toEqual([]);
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`passes axe and reflow (${language})`, async () => {
      const people = new Phones(browser, stack.url, phone);
      const page = await people.of('perf-reviewer', 'bureau');
      await page.evaluate((locale) => localStorage.setItem('jixiao.locale', locale), language);
      await page.goto(`${stack.url}/calendar`);
      await page.locator('li[data-kind="monitoring-deadline"]').first().waitFor();
      expect(await audit(page)).toEqual([]);
      expect(await reflow(page)).toEqual([]);
      if (language === 'en') await screenshot(page, 'budget-calendar-en');
    });
  }
});
