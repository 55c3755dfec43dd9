import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launch, phone, reflow, screenshot } from './browser.ts';
import { signInAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * Training (培训, docs/domain/department-assessment.md#training) in the browser: the performance section opens it from
 * the navigation on a desktop, is told inline what is wrong with a session before anything is sent, records a session
 * for the government series with two departments attending, sees the attendance table count it, and changes the
 * attendance; a business section reads it on a phone without the buttons. axe in Chinese and English.
 */
let stack: LocalStack;
let browser: Browser;
let desktops: Phones;
let phones: Phones;
let page: Page;

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const attendanceRow = (p: Page, name: string) =>
  p.locator('table tbody tr', { has: p.getByRole('rowheader', { name }) });

beforeAll(async () => {
  stack = await startWebStack('e2e-training');
  browser = await launch();
  desktops = new Phones(browser, stack.url, { viewport: { width: 1280, height: 800 } });
  phones = new Phones(browser, stack.url, phone);
  page = await desktops.of('perf-reviewer', 'bureau');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('training sessions and attendance', () => {
  it('opens from the navigation with no session yet and every department at nothing due', async () => {
    await page.getByRole('link', { name: '培训' }).first().click();
    await page.waitForURL('**/trainings');
    await visible(page.getByRole('heading', { level: 1, name: '培训' }));
    await visible(page.getByText('本年度尚无培训记录'));
    await visible(attendanceRow(page, '东丽区教育局').getByText('0 / 0 场'));
    await visible(attendanceRow(page, '东丽区教育局').getByText('—'));
    expect(await audit(page)).toEqual([]);
  });

  it('says what is wrong inline, then records a government session with two departments attending', async () => {
    await page.getByRole('button', { name: '新建培训' }).click();
    const dialog = page.getByRole('dialog', { name: '新建培训' });
    await visible(dialog);
    await dialog.getByRole('button', { name: '保存' }).click();
    await visible(dialog.locator('#training-topic-error:not(:empty)'));
    await visible(dialog.locator('#training-heldOn-error:not(:empty)'));
    await visible(dialog.getByRole('alert'));
    expect(await audit(page)).toEqual([]);
    await screenshot(page, 'training-01-errors-desktop');

    await dialog.getByLabel('培训主题').fill('预算绩效管理业务培训');
    await dialog.getByLabel('培训日期').fill('2026-04-15');
    await dialog.getByLabel('举办单位').fill('区财政局预算绩效管理科');
    await dialog.getByRole('checkbox', { name: '党群系列', exact: true }).uncheck();
    await dialog.getByRole('checkbox', { name: '街道园区系列', exact: true }).uncheck();
    // Only the government series' departments are offered now.
    await expect(dialog.getByRole('checkbox', { name: /^东丽区总工会/ }).count()).resolves.toBe(0);
    await dialog.getByRole('checkbox', { name: /^东丽区教育局/ }).check();
    await dialog.getByRole('checkbox', { name: /^东丽区发展和改革委员会/ }).check();
    await dialog.getByLabel('东丽区教育局的出席人数').fill('');
    await dialog.getByRole('button', { name: '保存' }).click();
    await visible(dialog.locator('li.attending .error').first());
    await dialog.getByLabel('东丽区教育局的出席人数').fill('3');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });

    const session = page.locator('li.session', { hasText: '预算绩效管理业务培训' });
    await visible(session.getByText('2 个部门出席'));
    await visible(attendanceRow(page, '东丽区教育局').getByText('1 / 1 场'));
    await visible(attendanceRow(page, '东丽区发展和改革委员会').getByText('100%'));
    await visible(attendanceRow(page, '东丽区总工会').getByText('—'));
    await expect(attendanceRow(page, '东丽区财政局').count()).resolves.toBe(0);
    await screenshot(page, 'training-02-recorded-desktop');
  });

  it('changes the attendance: the department taken off drops to 0 of 1', async () => {
    await page.getByRole('button', { name: '修改 预算绩效管理业务培训' }).click();
    const dialog = page.getByRole('dialog', { name: '修改培训' });
    await visible(dialog);
    await expect(dialog.getByLabel('东丽区教育局的出席人数').inputValue()).resolves.toBe('3');
    await dialog.getByRole('checkbox', { name: /^东丽区发展和改革委员会/ }).uncheck();
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await visible(attendanceRow(page, '东丽区发展和改革委员会').getByText('0 / 1 场'));
    await visible(attendanceRow(page, '东丽区发展和改革委员会').getByText('0%'));
    await visible(page.locator('li.session').getByText('1 个部门出席'));
  });

  it('a business section reads it on a phone, without the buttons; both languages pass axe', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const reader = await phones.fresh();
      await reader.context().addInitScript((locale) => localStorage.setItem('jixiao.locale', locale), language);
      await signInAs(reader, stack.url, 'business-reviewer', 'bureau');
      await reader.goto(`${stack.url}/trainings`);
      await visible(reader.locator('li.session').first());
      await visible(reader.locator('table tbody tr').first());
      expect(
        await reader.getByRole('button', { name: language === 'en' ? 'New training session' : '新建培训' }).count(),
      ).toBe(0);
      expect(await reader.locator('li.session button').count()).toBe(0);
      expect(await audit(reader)).toEqual([]);
      expect(await reflow(reader)).toEqual([]);
      await screenshot(reader, `training-03-phone-${language}`);
    }
    const english = await desktops.fresh();
    await english.context().addInitScript(() => localStorage.setItem('jixiao.locale', 'en'));
    await signInAs(english, stack.url, 'perf-reviewer', 'bureau');
    await english.goto(`${stack.url}/trainings`);
    await english.getByRole('button', { name: 'New training session' }).click();
    await visible(english.getByRole('dialog', { name: 'New training session' }));
    expect(await audit(english)).toEqual([]);
    await screenshot(english, 'training-04-dialog-en');
  });

  it('raised no CSP violation and no uncaught error', () => {
    for (const watch of [...desktops.watches, ...phones.watches]) {
      expect(watch.violations).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
    }
  });
});
