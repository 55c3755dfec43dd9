import { randomUUID } from 'node:crypto';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launch, reflow, screenshot } from './browser.ts';
import { apiAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * The submission settings of a year on a phone (docs/domain/submission.md, "Settings of the year"):
 * the performance section lowers 2027's ex-ante threshold to 300 万元 on the weights screen (after
 * a refused grade list and a version conflict), and the unit preparer's project form and the
 * project page then judge a new 400 万元 project of 2027 by it, but not one of 2026.
 */
let stack: LocalStack;
let browser: Browser;
let phones: Phones;
const suffix = randomUUID().replaceAll('-', '').slice(0, 6).toUpperCase();

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

const personFor = (username: string, workspace: string): Promise<Page> => phones.of(username, workspace);

const api = (p: Page, method: string, path: string, body?: unknown) => apiAs(p, stack.url, method, path, body);

beforeAll(async () => {
  stack = await startWebStack('e2e-settings');
  browser = await launch();
  phones = new Phones(browser, stack.url);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("the year's submission settings", () => {
  it('the performance section lowers 2027’s ex-ante threshold to 300 万元 on screen, past a refused grade list and a conflict', async () => {
    const performance = await personFor('perf-reviewer', 'bureau');
    await performance.goto(`${stack.url}/targets/weights`);
    await visible(performance.getByRole('heading', { level: 2, name: '事前评估与预算准入' }));
    expect(await performance.getByRole('combobox', { name: '年度' }).inputValue()).toBe('2027');
    const threshold = performance.getByLabel('事前评估金额标准（万元）');
    expect(await threshold.inputValue()).toBe('500');
    const grades = performance.getByRole('group', { name: '准予纳入预算的终审等级' });
    expect(await grades.getByLabel('优').isChecked()).toBe(true);
    expect(await grades.getByLabel('良').isChecked()).toBe(true);
    expect(await grades.getByLabel('中').isChecked()).toBe(false);

    // 良 without 优 is refused before anything is sent.
    await grades.getByLabel('优').uncheck();
    await performance.getByRole('button', { name: '保存本年度权重' }).click();
    await visible(performance.getByText('比准入等级更好的等级也应准予纳入预算（缺少 优）'));
    await grades.getByLabel('优').check();
    await threshold.fill('abc');
    await visible(performance.locator('#settings-threshold-error', { hasText: '请填写金额数字' }));
    await threshold.fill('300');

    // Someone saved the year in between: the screen says so, reloads, and the change is made again.
    const before = await api(performance, 'GET', '/submission-settings/2027');
    const { fiscalYear: _year, ...body } = before.body;
    expect((await api(performance, 'PATCH', '/submission-settings/2027', body)).status).toBe(200);
    await performance.getByRole('button', { name: '保存本年度权重' }).click();
    await visible(performance.getByRole('alert').getByText('该记录已被他人修改，请刷新后再改'));
    await performance.getByRole('button', { name: '载入最新内容' }).click();
    await expect.poll(() => threshold.inputValue()).toBe('500');
    await threshold.fill('300');
    await performance.getByRole('button', { name: '保存本年度权重' }).click();
    await visible(performance.getByRole('status').getByText('已保存 2027 年度的申报设置。'));
    await screenshot(performance, 'settings-01-threshold');
    expect(await audit(performance)).toEqual([]);
    expect((await api(performance, 'GET', '/submission-settings/2027')).body).toMatchObject({
      fiscalYear: 2027,
      version: 2,
      exAnteThresholdFen: 300_0000_00,
      passingGrades: ['EXCELLENT', 'GOOD'],
    });

    // In English the same screen names its rules in English, and still fits the phone.
    await performance.getByRole('button', { name: 'English' }).click();
    await visible(performance.getByRole('heading', { level: 2, name: 'Ex-ante assessment and budget entry' }));
    const english = performance.getByRole('group', { name: 'Final grades that let a project into the budget' });
    await english.getByLabel('Excellent').uncheck();
    await performance.getByRole('button', { name: "Save the year's weights" }).click();
    await visible(performance.getByText('A grade better than a passing one must pass too (Excellent is missing)'));
    await screenshot(performance, 'settings-01-threshold-en');
    expect([...(await audit(performance)), ...(await reflow(performance))]).toEqual([]);
    await english.getByLabel('Excellent').check();
    await performance.getByRole('button', { name: '中文' }).click();
  });

  it('the project form asks a new 400 万元 project of 2027 for an ex-ante assessment at 300 万元, not one of 2026', async () => {
    const preparer = await personFor('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/projects/new`);
    await preparer.getByLabel('项目名称').fill(`智慧校园安防升级${suffix.slice(0, 3)}`);
    await preparer.getByLabel('项目编码').fill(`SET2027${suffix}`);
    await preparer.getByLabel('项目类别').selectOption({ label: '特定目标类' });
    await preparer.getByLabel('项目性质').selectOption({ label: '新增项目' });
    await preparer.getByLabel('支出频次').selectOption({ label: '一次性' });
    await preparer.getByLabel('财政拨款').fill('400');
    const notice = preparer.getByText('新增项目年度资金达到 2027 年度标准 300 万元，须开展事前绩效评估。');
    await visible(notice);
    await preparer.getByLabel('预算年度').selectOption({ label: '2026 年度' });
    await notice.waitFor({ state: 'detached' });
    await preparer.getByLabel('预算年度').selectOption({ label: '2027 年度' });
    await visible(notice);
    await preparer.getByLabel('支出功能分类').fill('20502');
    await screenshot(preparer, 'settings-02-project-form');
    await preparer.getByRole('button', { name: '创建项目' }).click();

    await preparer.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    const projectId = preparer.url().split('/').at(-1) ?? '';
    await visible(preparer.getByText('本项目为新增项目，年度资金达到 2027 年度标准 300 万元，须开展事前绩效评估。'));
    expect((await api(preparer, 'GET', `/projects/${projectId}`)).body).toMatchObject({
      fiscalYear: 2027,
      nature: 'NEW',
      funds: { fiscal: 400_0000_00, carryOver: 0, other: 0 },
      exAnteRequired: true,
    });
    await screenshot(preparer, 'settings-03-project-page');

    const performance = await personFor('perf-reviewer', 'bureau');
    await performance.goto(`${stack.url}/projects/${projectId}`);
    await visible(performance.getByText('2027 年度准予纳入预算的终审等级：优、良'));
  });

  it('ran without CSP violations or uncaught errors', () => {
    for (const watch of phones.watches) {
      expect(watch.violations).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
    }
  });
});
