import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launch, phone, reflow, screenshot } from './browser.ts';
import { apiAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * 催报 reaching a department (issue 12 items 3 and 10) on a 390×844 phone, against the local stack with the demo:
 * the performance section opens the demo's monitoring round, sees which departments are behind, sends a reminder
 * with a note after the confirmation; the unit preparer of 教育局 then finds it on their home, unread, in the words
 * the server would mail, and marks it read. axe and reflow on both screens in Chinese and English.
 */
let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startWebStack('e2e-reminders');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('催报', () => {
  it("reaches the departments behind: sent from the round page, read on the unit's home", async () => {
    const people = new Phones(browser, stack.url, phone);
    const bureau = await people.of('perf-reviewer', 'bureau');
    const rounds = (await apiAs(bureau, stack.url, 'GET', '/monitoring-rounds?fiscalYear=2026')).body.items as {
      id: string;
      name: string;
      roundStatus: string;
    }[];
    const round = rounds.find((r) => r.roundStatus === 'ISSUED');
    expect(round, 'the demo has an issued monitoring round').toBeDefined();
    await bureau.goto(`${stack.url}/monitoring/rounds/${round!.id}`);
    const card = bureau.locator('section.reminder');
    await card.waitFor();
    expect(await card.locator('.behind li').allTextContents()).toContainEqual(expect.stringContaining('教育局'));
    await card.getByLabel('附言（可选）').fill('请于本周五前报送。');
    await card.getByRole('button', { name: '催报' }).click();
    const dialog = bureau.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('请于本周五前报送。');
    await screenshot(bureau, 'reminder-confirm');
    await dialog.getByRole('button', { name: '催报' }).click();
    await expect
      .poll(() => bureau.getByTestId('reminder-sent').textContent(), { timeout: 15_000 })
      .toMatch(/已向 \d+ 个部门发送催报提醒/);
    await expect.poll(() => card.locator('.history li').count()).toBe(1);
    await screenshot(bureau, 'reminder-sent');

    const unit = await people.of('unit-preparer', 'department');
    const reminder = unit.getByTestId('notification').filter({ hasText: `催报：${round!.name}` });
    await expect.poll(() => reminder.count(), { timeout: 15_000 }).toBe(1);
    expect(await reminder.textContent()).toContain('请于本周五前报送。');
    expect(await reminder.getAttribute('class')).toContain('unread');
    expect(await unit.getByTestId('unread-count').textContent()).toMatch(/\d+ 条未读/);
    await screenshot(unit, 'reminder-on-home');
    await unit.getByRole('button', { name: '全部标为已读' }).click();
    await expect.poll(() => unit.getByTestId('unread-count').count()).toBe(0);
    expect(await reminder.getAttribute('class')).not.toContain('unread');
    expect(await reminder.locator('a').getAttribute('href')).toBe(`/monitoring?round=${round!.id}`);
    expect(people.watches.flatMap((w) => [...w.violations, ...w.pageErrors])).toEqual([]);
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`passes axe and reflow on the round's reminder and the unit's notifications (${language})`, async () => {
      const people = new Phones(browser, stack.url, phone);
      const bureau = await people.of('perf-reviewer', 'bureau');
      await bureau.evaluate((locale) => localStorage.setItem('jixiao.locale', locale), language);
      const rounds = (await apiAs(bureau, stack.url, 'GET', '/monitoring-rounds?fiscalYear=2026')).body.items as {
        id: string;
        roundStatus: string;
      }[];
      const round = rounds.find((r) => r.roundStatus === 'ISSUED')!;
      await bureau.goto(`${stack.url}/monitoring/rounds/${round.id}`);
      await bureau.locator('section.reminder').waitFor();
      expect(await audit(bureau)).toEqual([]);
      expect(await reflow(bureau)).toEqual([]);
      const unit = await people.of('unit-preparer', 'department');
      await unit.evaluate((locale) => localStorage.setItem('jixiao.locale', locale), language);
      await unit.reload();
      await unit.getByTestId('notification').first().waitFor();
      expect(await audit(unit)).toEqual([]);
      expect(await reflow(unit)).toEqual([]);
      if (language === 'en') await screenshot(unit, 'reminder-on-home-en');
    });
  }
});
