import { randomUUID } from 'node:crypto';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, phone, type SecurityWatch, screenshot, watchSecurity } from './browser.ts';
import { startWebStack } from './web-stack.ts';

/**
 * The indicator library (指标库) on a phone, against the local stack with the 97 demo entries of
 * fiscal year 2026: a unit preparer searches and reads it; the performance section keeps it.
 */
let stack: LocalStack;
let browser: Browser;
let preparerContext: BrowserContext;
let reviewerContext: BrowserContext;
let preparer: Page;
let reviewer: Page;
let preparerWatch: SecurityWatch;
let reviewerWatch: SecurityWatch;

const suffix = randomUUID().replaceAll('-', '').slice(0, 6).toUpperCase();
const entry = { code: `E2E-${suffix}`, name: `测试会议场地日均租金${suffix.slice(0, 3)}` };
const renamed = `${entry.name}（修订）`;

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const entries = (p: Page) => p.locator('li.entry');
const entryOf = (p: Page, text: string) => p.locator('li.entry', { hasText: text });

const signIn = async (p: Page, username: string, workspace: string) => {
  await p.goto(`${stack.url}/`);
  await p.waitForURL('**/sign-in');
  await p.locator('button.user', { has: p.locator('.username', { hasText: new RegExp(`^${username}$`) }) }).click();
  await p.waitForURL(`**/${workspace}`);
};

/** The API as the signed-in browser sees it, for reading back and changing data behind the UI's back. */
const apiAs = async (p: Page, method: string, path: string, body?: unknown) => {
  const session = await p.evaluate(() => JSON.parse(localStorage.getItem('jixiao.session') ?? 'null'));
  const response = await fetch(`${stack.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${session.idToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
};

/** Waits until the list shows exactly `count` entries and says it has them all. */
const expectCount = async (p: Page, count: number) => {
  await visible(p.locator('.results').getByText(`已显示 ${count} 条 · 已全部加载`));
  expect(await entries(p).count()).toBe(count);
};

beforeAll(async () => {
  stack = await startWebStack('e2e-library');
  browser = await launch();
  preparerContext = await browser.newContext(phone);
  preparerWatch = await watchSecurity(preparerContext);
  preparer = await preparerContext.newPage();
  reviewerContext = await browser.newContext(phone);
  reviewerWatch = await watchSecurity(reviewerContext);
  reviewer = await reviewerContext.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the indicator library for a unit preparer', () => {
  it('opens from the department workspace and pages through the 2026 library', async () => {
    await signIn(preparer, 'unit-preparer', 'department');
    await preparer.getByRole('link', { name: /^指标库/ }).click();
    await preparer.waitForURL('**/library');
    await visible(preparer.getByRole('heading', { level: 1, name: '指标库' }));
    expect(await preparer.getByLabel('预算年度').inputValue()).toBe('2026');
    await visible(entries(preparer).first());
    expect(await entries(preparer).count()).toBe(20);
    await screenshot(preparer, 'library-01-list');

    // Reading only: no new, edit or retire, and no status filter (retired entries are not offered).
    expect(await preparer.getByRole('button', { name: '新建指标' }).count()).toBe(0);
    expect(await preparer.getByRole('button', { name: /^(编辑|停用|启用)/ }).count()).toBe(0);
    expect(await preparer.getByLabel('状态').count()).toBe(0);

    await preparer.getByRole('button', { name: '加载更多' }).click();
    await visible(preparer.locator('.results').getByText('已显示 40 条'));
    expect(await entries(preparer).count()).toBe(40);
  });

  it('searches by keyword', async () => {
    await preparer.getByLabel('搜索').fill('PM2.5');
    await expectCount(preparer, 1);
    await visible(entryOf(preparer, 'PM2.5年均浓度'));

    await preparer.getByLabel('搜索').fill('会费');
    await visible(entryOf(preparer, 'GX-HF-001'));
    await visible(preparer.locator('.results').getByText('已全部加载'));
    const texts = await entries(preparer).allTextContents();
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text).toContain('会费');
    await preparer.getByLabel('搜索').fill('');
  });

  it('filters by sector and level, and opens an entry to read it', async () => {
    await preparer.getByLabel('指标类型').selectOption({ label: '个性指标' });
    await preparer.getByLabel('行业领域').selectOption({ label: '污染防治' });
    await expectCount(preparer, 11);

    await preparer.getByLabel('一级指标').selectOption({ label: '效益指标' });
    // Level-2 follows level-1: only the benefit kinds are offered.
    const level2 = await preparer.locator('#library-level2 option').allTextContents();
    expect(level2).toEqual(['全部二级指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标']);
    await preparer.getByLabel('二级指标').selectOption({ label: '生态效益指标' });
    await expectCount(preparer, 3);
    for (const text of await entries(preparer).allTextContents()) {
      expect(text).toContain('效益指标 › 生态效益指标');
      expect(text).toContain('污染防治');
    }
    const pm25 = entryOf(preparer, 'HY-WR-007');
    await visible(pm25.locator('.op', { hasText: '≤' }));
    await visible(pm25.locator('.unit', { hasText: '微克/立方米' }));
    await pm25.locator('summary').click();
    await visible(pm25.getByText('指标解释'));
    await visible(pm25.getByText('全年细颗粒物（PM2.5）日均浓度的算术平均值', { exact: false }));
    await visible(pm25.getByText('评（扣）分标准'));
    await visible(pm25.getByText('计划标准'));
    await visible(pm25.getByText('细颗粒物', { exact: true }));
    await visible(pm25.getByText('2026-01-01 起长期有效'));
    await screenshot(preparer, 'library-02-filtered-details');

    // A cost entry shows the spending standard it must stay within.
    await preparer.getByLabel('一级指标').selectOption({ label: '产出指标' });
    expect(await preparer.getByLabel('二级指标').inputValue()).toBe('');
    await preparer.getByLabel('二级指标').selectOption({ label: '成本指标' });
    await expectCount(preparer, 1);
    const cost = entryOf(preparer, 'HY-WR-005');
    await cost.locator('summary').click();
    await visible(cost.getByText('预算支出标准'));
    await visible(cost.getByText('支出标准上限'));
    await visible(cost.getByText('≤ 12 万元/站·年'));
    await screenshot(preparer, 'library-03-cost-details');
  });

  it('reads the same in English: level, sector and basis names from core, the rest from the messages', async () => {
    await preparer.getByRole('button', { name: 'English' }).click();
    await visible(preparer.getByRole('heading', { level: 1, name: 'Indicator library' }));
    const cost = entryOf(preparer, 'HY-WR-005');
    await visible(cost.getByText('Output › Cost'));
    await visible(cost.getByText('Pollution prevention'));
    await visible(cost.getByText('Budget spending standard'));
    await visible(preparer.getByLabel('Sector'));
    await screenshot(preparer, 'library-08-english');
    await preparer.getByRole('button', { name: '中文' }).click();
    await visible(preparer.getByRole('heading', { level: 1, name: '指标库' }));
  });

  it('keeps its filters and view in the address: Back from another page and a reload find them as left', async () => {
    // Where the previous steps left it: 个性指标 › 污染防治, 产出指标 › 成本指标, one entry.
    await expectCount(preparer, 1);
    await preparer.getByRole('radio', { name: '表格' }).check();
    const row = preparer.locator('table.dense tbody tr');
    await visible(row.filter({ hasText: 'HY-WR-005' }));
    await preparer.waitForURL((url) => url.searchParams.get('view') === 'table');
    const address = new URL(preparer.url());
    expect(Object.fromEntries(address.searchParams)).toEqual({
      scope: 'SECTOR',
      sector: 'POLLUTION_PREVENTION',
      level1: 'OUTPUT',
      level2: 'COST',
      view: 'table',
    });

    const expectAsLeft = async () => {
      await visible(row.filter({ hasText: 'HY-WR-005' }));
      expect(await row.count()).toBe(1);
      expect(await preparer.getByRole('radio', { name: '表格' }).isChecked()).toBe(true);
      expect(await preparer.locator('#library-scope option:checked').textContent()).toBe('个性指标');
      expect(await preparer.locator('#library-sector option:checked').textContent()).toBe('污染防治');
      expect(await preparer.locator('#library-level1 option:checked').textContent()).toBe('产出指标');
      expect(await preparer.locator('#library-level2 option:checked').textContent()).toBe('成本指标');
      expect(preparer.url()).toBe(address.href);
    };

    // Away to the year's weights and Back: one history entry for the filters, not one per change.
    await preparer.getByRole('link', { name: '年度指标权重' }).click();
    await preparer.waitForURL('**/targets/weights');
    await preparer.goBack();
    await preparer.waitForURL(address.href);
    await expectAsLeft();
    await screenshot(preparer, 'library-09-back-table');

    await preparer.reload();
    await expectAsLeft();

    // A search typed in is kept too; the bare address opens the library afresh.
    await preparer.getByLabel('搜索').fill('站');
    await preparer.waitForURL((url) => url.searchParams.get('q') === '站');
    await preparer.goto(`${stack.url}/library`);
    await visible(entries(preparer).first());
    expect(await entries(preparer).count()).toBe(20);
    expect(await preparer.getByRole('radio', { name: '列表' }).isChecked()).toBe(true);
    expect(await preparer.getByLabel('搜索').inputValue()).toBe('');
  });
});

describe('the indicator library for the performance section', () => {
  it('opens from the bureau workspace with a new button', async () => {
    await signIn(reviewer, 'perf-reviewer', 'bureau');
    await reviewer.getByRole('link', { name: /^指标库/ }).click();
    await reviewer.waitForURL('**/library');
    await visible(entries(reviewer).first());
    await visible(reviewer.getByRole('button', { name: '新建指标' }));
    await visible(reviewer.getByLabel('状态'));
  });

  it('creates a cost entry, after the inline error for a value above its spending standard', async () => {
    await reviewer.getByRole('button', { name: '新建指标' }).click();
    const dialog = reviewer.getByRole('dialog', { name: '新建指标' });
    await visible(dialog);
    await dialog.getByLabel('指标编码').fill(entry.code);
    await dialog.getByLabel('指标名称').fill(entry.name);
    expect(await dialog.getByLabel('预算年度').inputValue()).toBe('2026');
    await dialog.getByLabel('一级指标').selectOption({ label: '产出指标' });
    await dialog.getByLabel('二级指标').selectOption({ label: '成本指标' });
    await dialog.getByLabel('指标类型').selectOption({ label: '共性指标' });
    await dialog.getByLabel('项目类别').selectOption({ label: '特殊事项政策补贴类' });
    await dialog.getByLabel('运算符').selectOption({ label: '≤ 小于或等于' });
    await dialog.getByLabel('计量单位').fill('元/天');
    await dialog.getByLabel('指标值设定依据').selectOption({ label: '预算支出标准' });
    await dialog.getByLabel('支出标准上限').fill('100');
    const value = dialog.locator('#indicator-referenceValue');
    await value.fill('120');
    await visible(dialog.locator('#indicator-referenceValue-error', { hasText: '成本指标不得高于支出标准（100）' }));
    expect(await value.getAttribute('aria-invalid')).toBe('true');
    await screenshot(reviewer, 'library-04-form-above-cap', { fullPage: false });

    // Submitting with the rest empty: each required field says so, in Chinese, and the first gets focus.
    await dialog.getByRole('button', { name: '创建指标' }).click();
    await visible(dialog.locator('#indicator-scoringStandard-error', { hasText: '此项必填' }));
    await visible(dialog.getByText('还有 2 项需要修改'));
    expect(await reviewer.evaluate(() => document.activeElement?.id)).toBe('indicator-referenceValue');

    await value.fill('95');
    expect(await dialog.locator('#indicator-referenceValue-error').textContent()).toBe('');
    await dialog.getByLabel('评（扣）分标准').fill('日均租金≤支出标准得满分；超出的，该项不得分');
    await dialog.getByLabel('关键词').fill('会议场地、租金，成本控制');
    await dialog.getByRole('button', { name: '创建指标' }).click();
    await dialog.waitFor({ state: 'detached' });
    await visible(reviewer.getByRole('status').getByText(`已创建指标“${entry.name}”。`));
    await visible(entryOf(reviewer, entry.code));
    await screenshot(reviewer, 'library-05-created');

    const listed = await apiAs(reviewer, 'GET', `/indicators?fiscalYear=2026&q=${entry.code}`);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({
      code: entry.code,
      fiscalYear: 2026,
      level1: 'OUTPUT',
      level2: 'COST',
      scope: 'COMMON',
      commonCategory: 'SPECIAL_MATTER_SUBSIDY',
      operator: 'LTE',
      unit: '元/天',
      referenceValue: '95',
      valueBasis: 'SPENDING_STANDARD',
      spendingStandardCap: 100,
      keywords: ['会议场地', '租金', '成本控制'],
      validFrom: '2026-01-01',
      status: 'active',
      version: 1,
    });
  });

  it('edits it, and on a version conflict offers the server copy', async () => {
    await reviewer.getByLabel('搜索').fill(entry.code);
    await expectCount(reviewer, 1);
    await reviewer.getByRole('button', { name: `编辑 ${entry.name}` }).click();
    let dialog = reviewer.getByRole('dialog', { name: `编辑指标：${entry.name}` });
    await visible(dialog);
    expect(await dialog.locator('#indicator-referenceValue').inputValue()).toBe('95');
    await dialog.getByLabel('指标名称').fill(renamed);
    await dialog.locator('#indicator-referenceValue').fill('90');
    await dialog.getByRole('button', { name: '保存修改' }).click();
    await dialog.waitFor({ state: 'detached' });
    await visible(reviewer.getByRole('status').getByText(`已保存指标“${renamed}”。`));
    await visible(entryOf(reviewer, renamed).getByText('90', { exact: true }));

    // Someone else changes it meanwhile; the screen still holds version 2.
    const [current] = (await apiAs(reviewer, 'GET', `/indicators?fiscalYear=2026&q=${entry.code}`)).body.items;
    expect(current).toMatchObject({ name: renamed, referenceValue: '90', version: 2 });
    const theirs = await apiAs(reviewer, 'PATCH', `/indicators/${current.id}`, {
      version: current.version,
      referenceValue: '80',
    });
    expect(theirs.status).toBe(200);

    await reviewer.getByRole('button', { name: `编辑 ${renamed}` }).click();
    dialog = reviewer.getByRole('dialog');
    await dialog.locator('#indicator-referenceValue').fill('85');
    await dialog.getByRole('button', { name: '保存修改' }).click();
    await visible(dialog.getByRole('alert').getByText('该记录已被他人修改'));
    await screenshot(reviewer, 'library-06-conflict', { fullPage: false });
    await dialog.getByRole('button', { name: '载入最新内容' }).click();
    expect(await dialog.locator('#indicator-referenceValue').inputValue()).toBe('80');
    // Saving the server copy unchanged just takes it into the list.
    await dialog.getByRole('button', { name: '保存修改' }).click();
    await dialog.waitFor({ state: 'detached' });
    await visible(entryOf(reviewer, renamed).getByText('80', { exact: true }));
  });

  it('retires it: marked 已停用 for the section, gone from the unit preparer’s search; and brings it back', async () => {
    await reviewer.getByRole('button', { name: `停用 ${renamed}` }).click();
    await visible(reviewer.getByRole('status').getByText(`已停用指标“${renamed}”。`));
    const item = entryOf(reviewer, entry.code);
    await visible(item.getByText('已停用', { exact: true }));
    await visible(reviewer.getByRole('button', { name: `启用 ${renamed}` }));
    await screenshot(reviewer, 'library-07-retired');

    const [stored] = (await apiAs(reviewer, 'GET', `/indicators?fiscalYear=2026&q=${entry.code}`)).body.items;
    expect(stored).toMatchObject({ status: 'inactive', version: 4 });

    await reviewer.getByLabel('状态').selectOption({ label: '已停用' });
    await expectCount(reviewer, 1);
    await reviewer.getByLabel('状态').selectOption({ label: '启用中' });
    await visible(reviewer.locator('.results').getByText('没有符合条件的指标。'));

    await preparer.reload();
    await preparer.getByLabel('搜索').fill(entry.code);
    await visible(preparer.locator('.results').getByText('没有符合条件的指标。'));

    await reviewer.getByLabel('状态').selectOption({ label: '全部状态' });
    await reviewer.getByRole('button', { name: `启用 ${renamed}` }).click();
    await visible(reviewer.getByRole('status').getByText(`已启用指标“${renamed}”。`));
    expect(await entryOf(reviewer, entry.code).getByText('已停用', { exact: true }).count()).toBe(0);
  });

  it('ran without CSP violations or uncaught errors', () => {
    expect(preparerWatch.violations).toEqual([]);
    expect(preparerWatch.pageErrors).toEqual([]);
    expect(reviewerWatch.violations).toEqual([]);
    expect(reviewerWatch.pageErrors).toEqual([]);
  });
});
