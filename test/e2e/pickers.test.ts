import { randomUUID } from 'node:crypto';
import { demoRoundId } from '@jixiao/infra/local/demo-monitoring.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launch, reflow, screenshot } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * Issue 12, items 8 and 9, in a browser: on a 390×844 phone the unit preparer picks the 支出功能分类 from the tree by
 * typing "教育" and saves the project with 20502; the library picker of its targets opens on the project's sector; the
 * library page's table view on a 1280 px desktop; the round's red list shows each project's disposition and its
 * rectification. axe in Chinese and English.
 */
let stack: LocalStack;
let browser: Browser;
let phones: Phones;
let projectId = '';
const suffix = randomUUID().replaceAll('-', '').slice(0, 6).toUpperCase();

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const api = (p: Page, method: string, path: string, body?: unknown) => apiAs(p, stack.url, method, path, body);
const desktop = { viewport: { width: 1280, height: 800 } };

beforeAll(async () => {
  stack = await startWebStack('e2e-pickers');
  browser = await launch();
  phones = new Phones(browser, stack.url);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('pickers instead of typing', () => {
  it('the phone picks 20502 普通教育 from the tree by typing 教育, and the project is saved with it', async () => {
    const preparer = await phones.of('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/projects/new`);
    await preparer.getByLabel('项目名称').fill(`校园安全教育${suffix.slice(0, 3)}`);
    await preparer.getByLabel('项目编码').fill(`FC2027${suffix}`);
    await preparer.getByLabel('项目类别').selectOption({ label: '特定目标类' });
    await preparer.getByLabel('项目性质').selectOption({ label: '新增项目' });
    await preparer.getByLabel('支出频次').selectOption({ label: '一次性' });
    await preparer.getByLabel('财政拨款').fill('80');

    const picker = preparer.getByRole('combobox', { name: '支出功能分类' });
    await picker.click();
    const tree = preparer.getByRole('tree', { name: '可选科目' });
    await visible(tree);
    // Closed 类 first; typing filters and opens them.
    await visible(tree.getByRole('treeitem', { name: /^201 一般公共服务支出/ }));
    await picker.pressSequentially('教育');
    const general = tree.getByRole('treeitem', { name: '20502 普通教育' });
    await visible(general);
    await expect.poll(() => tree.getByRole('treeitem', { name: /^201 / }).count()).toBe(0);
    expect(await audit(preparer)).toEqual([]);
    expect(await reflow(preparer)).toEqual([]);
    await screenshot(preparer, 'pickers-01-functional-class-tree', { fullPage: false });
    await general.click();
    await tree.waitFor({ state: 'hidden' });
    expect(await picker.inputValue()).toBe('20502 普通教育');

    // Opened again and emptied, Escape closes it with the choice as it was.
    await picker.focus();
    await picker.fill('');
    await picker.press('Escape');
    expect(await picker.inputValue()).toBe('20502 普通教育');

    await preparer.getByRole('button', { name: '创建项目' }).click();
    await preparer.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    projectId = preparer.url().split('/').at(-1) ?? '';
    expect((await api(preparer, 'GET', `/projects/${projectId}`)).body).toMatchObject({ functionalClass: '20502' });
  });

  it('the keyboard chooses a 款 in the tree: arrows, → to open a 类, Enter', async () => {
    const preparer = await phones.of('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/projects/new`);
    const picker = preparer.getByRole('combobox', { name: '支出功能分类' });
    await picker.focus();
    await picker.press('ArrowDown');
    await picker.press('ArrowDown');
    // Second row: 202 外交支出; open it and take its first 款.
    expect(await picker.getAttribute('aria-activedescendant')).toMatch(/-fc-202$/);
    await picker.press('ArrowRight');
    await picker.press('ArrowDown');
    expect(await picker.getAttribute('aria-activedescendant')).toMatch(/-fc-20201$/);
    await picker.press('Enter');
    expect(await picker.inputValue()).toBe('20201 外交管理事务');
    expect(await picker.getAttribute('aria-expanded')).toBe('false');
  });

  it('the library picker of the targets opens on the project’s sector, which may be cleared', async () => {
    const preparer = await phones.of('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/projects/${projectId}`);
    await preparer.getByRole('button', { name: '填报绩效目标' }).click();
    await preparer.waitForURL(/\/targets\/[0-9a-f-]{36}$/);
    await preparer.getByRole('button', { name: '从指标库选取' }).click();
    const dialog = preparer.getByRole('dialog', { name: '从指标库选取' });
    await visible(dialog);
    const sector = dialog.getByLabel('行业领域');
    expect(await sector.inputValue()).toBe('EDUCATION');
    await visible(dialog.getByText('已按本项目的行业领域（教育）筛选'));
    const results = dialog.getByRole('list', { name: '指标库查询结果' });
    await visible(results);
    const first = await results.getByRole('listitem').count();
    expect(first).toBeGreaterThan(0);
    await screenshot(preparer, 'pickers-02-library-picker-sector', { fullPage: false });
    expect(await audit(preparer)).toEqual([]);
    await sector.selectOption({ label: '全部（含共性指标）' });
    await dialog.getByText('已按本项目的行业领域').waitFor({ state: 'detached' });
    await expect.poll(() => results.getByRole('listitem').count()).toBeGreaterThan(first);
  });

  it('the library page has a sector filter and a dense table view on a 1280 px desktop', async () => {
    const reviewer = await phones.fresh(desktop);
    await signInAs(reviewer, stack.url, 'perf-reviewer', 'bureau');
    await reviewer.goto(`${stack.url}/library`);
    await reviewer.getByLabel('行业领域').selectOption({ label: '教育' });
    await reviewer.getByRole('radio', { name: '表格' }).check();
    const table = reviewer.getByRole('table', { name: '指标库（表格视图）' });
    await visible(table);
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers.slice(0, 7)).toEqual(['编码', '一级指标', '二级指标', '三级指标', '参考值', '计量单位', '行业领域']);
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(0);
    const sectors = await table.locator('tbody tr td:nth-child(7)').allTextContents();
    expect(new Set(sectors)).toEqual(new Set(['教育']));
    expect(await audit(reviewer)).toEqual([]);
    await screenshot(reviewer, 'pickers-03-library-table-desktop', { fullPage: false });
    // Back to the list: the phone's view of the same entries.
    await reviewer.getByRole('radio', { name: '列表' }).check();
    await visible(reviewer.locator('li.entry').first());
  });
});

describe('the red list', () => {
  it('shows each red project’s disposition and its rectification, linking to it, in Chinese and English', async () => {
    const performance = await phones.of('perf-reviewer', 'bureau');
    const red = (await api(performance, 'GET', `/monitoring-rounds/${demoRoundId}/red-list?limit=100`)).body.items as {
      projectName: string;
      disposition: { decision: string } | null;
      rectification: { id: string; state: string } | null;
    }[];
    const rectified = red.find((e) => e.rectification !== null);
    expect(rectified, 'the demo round has a red project with a rectification').toBeDefined();
    await performance.goto(`${stack.url}/monitoring/rounds/${demoRoundId}`);
    const list = performance.locator('section', { has: performance.getByRole('heading', { name: /红色预警清单/ }) });
    const entry = list.locator('li.red-entry', { hasText: rectified!.projectName });
    await visible(entry.getByText('责令整改', { exact: true }));
    await visible(entry.locator(`a[href="/rectifications/${rectified!.rectification!.id}"]`));
    const undecided = red.filter((e) => e.disposition === null).length;
    expect(await list.getByText('尚未处置').count()).toBe(undecided);
    await entry.locator('dl.decision').scrollIntoViewIfNeeded();
    await screenshot(performance, 'pickers-04-red-list', { fullPage: false });
    expect(await audit(performance)).toEqual([]);
    expect(await reflow(performance)).toEqual([]);

    const english = await phones.fresh();
    await signInAs(english, stack.url, 'perf-reviewer', 'bureau');
    await english.getByRole('button', { name: 'English' }).click();
    await english.goto(`${stack.url}/monitoring/rounds/${demoRoundId}`);
    const englishEntry = english.locator('li.red-entry', { hasText: rectified!.projectName });
    await visible(englishEntry.getByText('Rectification required', { exact: true }));
    expect(await audit(english)).toEqual([]);
    expect(await reflow(english)).toEqual([]);
    await englishEntry.locator('dl.decision').scrollIntoViewIfNeeded();
    await screenshot(english, 'pickers-05-red-list-english', { fullPage: false });
  });

  it('the picker reads in English too', async () => {
    const english = await phones.fresh();
    await signInAs(english, stack.url, 'unit-preparer', 'department');
    await english.getByRole('button', { name: 'English' }).click();
    await english.goto(`${stack.url}/projects/new`);
    const picker = english.getByRole('combobox', { name: 'Functional class' });
    await picker.click();
    await picker.pressSequentially('205');
    await visible(
      english.getByRole('tree', { name: 'Classes to choose from' }).getByRole('treeitem', { name: '20502 普通教育' }),
    );
    expect(await audit(english)).toEqual([]);
    expect(await reflow(english)).toEqual([]);
  });

  it('ran without CSP violations or uncaught errors', () => {
    for (const watch of phones.watches) {
      expect(watch.violations).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
    }
  });
});
