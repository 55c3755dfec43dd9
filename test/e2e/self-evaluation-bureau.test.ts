import { blankEntry } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import { type LocalStack, startLocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { departingTable, tableXlsx } from '../support/self-evaluation-tables.ts';
import { audit, launch, phone, reflow, screenshot, webBuild } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { Phones } from './phones.ts';
import { requireWebBuild } from './web-stack.ts';

/**
 * The bureau's year-end self-evaluation screens on a desktop (1280×900), against the local stack with the demo's
 * budgeted projects of 2026 but without its self-evaluation round, so the performance section (李明) opens the
 * year's round itself: it edits the year's scoring settings (a wrong order of grade lines or bands is refused in
 * Chinese and nothing is stored), opens and issues the round through the dialog and finds the round page's coverage
 * per department equal to the API's summary, imports the treasury's execution figures (a file with a bad row is
 * refused row by row with nothing stored, a good one stored, the same one again changes nothing), checks a filled
 * 10号 table whose printed scores depart from the formula, and — once one table is approved at every step through
 * the API — draws the spot-check sample with a seed and sees the drawn project named. The round page and the
 * settings pass axe and reflow in both languages, and the summary reads on a phone (390×844).
 */
const desktop = { viewport: { width: 1280, height: 900 } };
const year = 2026;

let stack: LocalStack;
let browser: Browser;
let people: Phones;
let roundId = '';

const api = (p: Page, method: string, path: string, body?: unknown) => apiAs(p, stack.url, method, path, body);

/** The page answers after the API does: a figure is waited for longer than expect.poll's default second. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

const check = async (p: Page, name: string) => {
  expect(await audit(p), name).toEqual([]);
  expect(await reflow(p), name).toEqual([]);
  await screenshot(p, name);
};

/** A file for an `<input type="file">`, as the person would pick it. */
const file = (name: string, mimeType: string, content: string | Uint8Array) => ({
  name,
  mimeType,
  buffer: Buffer.from(content),
});

beforeAll(async () => {
  requireWebBuild();
  stack = await startLocalStack({
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: `e2e-self-evaluation-bureau-${crypto.randomUUID()}`,
    webRoot: webBuild,
    // The demo's own round of the year would leave nothing to open: one round per tenant and year.
    selfEvaluationDemo: false,
  });
  browser = await launch();
  people = new Phones(browser, stack.url, desktop);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the bureau’s year-end self-evaluation', () => {
  it('the performance section edits the year’s scoring settings; a wrong order is refused in Chinese and stores nothing', async () => {
    const perf = await people.of('perf-reviewer', 'bureau');
    await perf.goto(`${stack.url}/bureau`);
    await perf
      .getByRole('main')
      .getByRole('link', { name: /^自评评分设置/ })
      .click();
    await perf.getByRole('heading', { name: '自评等级分数线' }).waitFor();
    expect(await perf.locator('#se-goodMin').inputValue()).toBe('80');

    await perf.locator('#se-goodMin').fill('95');
    await perf.locator('#se-bands').fill('500, 100');
    await perf.getByRole('button', { name: '保存设置' }).click();
    await perf.getByRole('alert').filter({ hasText: '有 2 处需要修改' }).waitFor();
    await poll(() => perf.locator('#se-goodMin-error').textContent()).toMatch(/[\u4e00-\u9fff]/);
    await poll(() => perf.locator('#se-bands-error').textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await perf.locator('#se-goodMin').getAttribute('aria-invalid')).toBe('true');
    // The message under 良 does not stretch the inputs of 优 and 中 beside it.
    const tops = await Promise.all(
      ['#se-excellentMin', '#se-goodMin', '#se-fairMin'].map(async (id) => (await perf.locator(id).boundingBox())!),
    );
    expect(new Set(tops.map((b) => Math.round(b.y))).size).toBe(1);
    expect(new Set(tops.map((b) => Math.round(b.height))).size).toBe(1);
    const untouched = (await api(perf, 'GET', `/scoring-settings/${year}`)).body;
    expect(untouched.version).toBe(0);
    expect(untouched.scoring.goodMin).toBe(80);
    await screenshot(perf, 'se-bureau-01-settings-refused');

    await perf.locator('#se-goodMin').fill('85');
    await perf.locator('#se-bands').fill('100, 300');
    await perf.locator('#se-claimTolerance').fill('0.1');
    await perf.getByRole('button', { name: '保存设置' }).click();
    await perf.getByRole('status').filter({ hasText: '评分设置已保存' }).waitFor();
    const saved = (await api(perf, 'GET', `/scoring-settings/${year}`)).body;
    expect(saved).toMatchObject({
      version: 1,
      scoring: { goodMin: 85, excellentMin: 90, spotCheckBandLimitsWan: [100, 300], claimToleranceHundredths: 10 },
    });
    await check(perf, 'se-bureau-02-settings-saved-zh');
  });

  it('opens the year’s round through the dialog, issues it to its end, and the round page’s coverage is the API’s', async () => {
    const perf = await people.of('perf-reviewer', 'bureau');
    await perf.goto(`${stack.url}/bureau`);
    await perf
      .getByRole('main')
      .getByRole('link', { name: /^自评轮次/ })
      .click();
    await perf.getByText('还没有自评轮次').waitFor();
    await perf.getByRole('button', { name: '发起自评' }).click();
    const dialog = perf.getByRole('dialog', { name: '发起自评' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('自评名称').inputValue()).toBe(`${year}年度项目支出绩效自评`);
    // A deadline outside the next year is refused before anything is sent.
    await dialog.getByLabel('报送截止日期').fill(`${year}-12-31`);
    await dialog.getByRole('button', { name: '发起并下发' }).click();
    await poll(() => dialog.locator('#se-round-deadline-error').textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect((await api(perf, 'GET', '/self-evaluation-rounds')).body.items).toEqual([]);
    await dialog.getByLabel('报送截止日期').fill(`${year + 1}-03-31`);
    // No project of the year before is budgeted in the demo: the picker says so.
    await dialog.getByRole('button', { name: `选择 ${year - 1} 年度的结转项目` }).click();
    await dialog.getByText('没有符合条件的项目。').waitFor();
    await screenshot(perf, 'se-bureau-03-new-round-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: '发起并下发' }).click();
    // 下达 asks first, saying what it makes and by when.
    const confirm = perf.getByRole('dialog', { name: '确认下达' });
    await confirm.getByText(`截止 ${year + 1}-03-31`, { exact: false }).waitFor();
    await confirm.getByRole('button', { name: '发起并下发' }).click();

    await perf.waitForURL(/\/self-evaluation-rounds\/[0-9a-f-]{36}$/);
    roundId = perf.url().split('/').pop()!;
    await perf.getByRole('heading', { name: '报送与审核进度', exact: true }).waitFor();
    const round = (await api(perf, 'GET', `/self-evaluation-rounds/${roundId}`)).body;
    expect(round).toMatchObject({ roundStatus: 'ISSUED', fiscalYear: year, deadline: `${year + 1}-03-31` });
    expect(round.scoring.goodMin).toBe(85);
    const summary = (await api(perf, 'GET', `/self-evaluation-rounds/${roundId}/summary`)).body;
    expect(summary.total.selfEvaluations).toBe(round.selfEvaluationCount);
    expect(summary.total.selfEvaluations).toBeGreaterThan(0);
    await poll(() => perf.getByTestId('se-issued').textContent()).toBe(String(summary.total.selfEvaluations));

    // The coverage table, department by department, says what the API's summary says.
    await perf.getByText('各部门报送明细（表格）').click();
    const table = perf.getByRole('region', { name: '各部门报送明细（表格）' });
    const shown = await table
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')),
      );
    type Department = { departmentName: string; selfEvaluations: number; submitted: number; approved: number };
    const issuedTo = summary.departments.filter((d: Department) => d.selfEvaluations > 0);
    const expected = [...issuedTo]
      .sort((a: { departmentCode: string }, b: { departmentCode: string }) =>
        a.departmentCode.localeCompare(b.departmentCode),
      )
      .map((d: Department) => [d.departmentName, String(d.selfEvaluations), d.submitted, d.approved]);
    expect(shown.map((r) => [r[0], r[1], Number(r[2]!.split('（')[0]), Number(r[5]!.split('（')[0])])).toEqual(
      expected,
    );
    expect(shown.length).toBeGreaterThan(1);
    // The departments issued nothing are named under the charts rather than charted as empty rows.
    const without = summary.departments.length - issuedTo.length;
    expect(without).toBeGreaterThan(0);
    expect(await perf.getByTestId('se-departments-without').textContent()).toContain(`以下 ${without} 个部门`);
    await check(perf, 'se-bureau-04-round-zh');
  });

  it('imports execution figures: a bad row refused with its line and nothing stored, a good file stored, the same file again changes nothing', async () => {
    const perf = await people.of('perf-reviewer', 'bureau');
    await perf.goto(`${stack.url}/bureau`);
    await perf
      .getByRole('main')
      .getByRole('link', { name: /^执行数导入/ })
      .click();
    await perf.getByText('该年度还没有导入过执行数。').waitFor();
    const header = '项目编码,资金来源,全年执行数（万元）';
    const bad = [header, `DL${year}FG0001,当年财政拨款,86.5`, `DL${year}MZ0001,当年财政拨款,约40万`].join('\r\n');
    await perf.getByLabel('执行数文件（CSV 或 XLSX）').setInputFiles(file('执行数-有误.csv', 'text/csv', bad));
    await perf.getByRole('button', { name: `导入 ${year} 年度执行数` }).click();
    const errors = perf.getByTestId('import-errors');
    await errors.waitFor();
    expect(await errors.locator('li').count()).toBe(1);
    expect(await errors.locator('li').first().textContent()).toBe(
      '第 3 行 C 列（全年执行数（万元））：“约40万”不是数字',
    );
    expect(await perf.getByRole('alert').locator('p').textContent()).toBe('文件中有 1 处错误，未导入任何数据。');
    expect((await api(perf, 'GET', `/execution-figures/${year}`)).body.items).toEqual([]);
    expect((await api(perf, 'GET', `/execution-imports/${year}`)).body.items).toEqual([]);
    await screenshot(perf, 'se-bureau-05-import-refused');

    const good = [header, `DL${year}FG0001,当年财政拨款,86.5`, `DL${year}MZ0001,当年财政拨款,40`].join('\r\n');
    await perf.getByLabel('执行数文件（CSV 或 XLSX）').setInputFiles(file('执行数.csv', 'text/csv', good));
    await perf.getByRole('button', { name: `导入 ${year} 年度执行数` }).click();
    await perf.getByRole('status').filter({ hasText: '已导入“执行数.csv”：2 行，新增 2' }).waitFor();
    const figures = (await api(perf, 'GET', `/execution-figures/${year}`)).body.items;
    expect(figures).toHaveLength(2);
    expect(figures.map((f: { executedFen: number }) => f.executedFen).sort()).toEqual([40_000_000, 86_500_000]);
    await perf.locator('li.import', { hasText: '执行数.csv' }).filter({ hasText: '由您导入' }).waitFor();

    // The same file again: replayed, nothing written.
    await perf.getByLabel('执行数文件（CSV 或 XLSX）').setInputFiles(file('执行数.csv', 'text/csv', good));
    await perf.getByRole('button', { name: `导入 ${year} 年度执行数` }).click();
    await perf.getByRole('status').filter({ hasText: '“执行数.csv”已导入过，本次未写入任何数据。' }).waitFor();
    expect((await api(perf, 'GET', `/execution-figures/${year}`)).body.items).toEqual(figures);
    expect((await api(perf, 'GET', `/execution-imports/${year}`)).body.items).toHaveLength(1);
    await check(perf, 'se-bureau-06-import-done');
  });

  it('checks a filled 10号 table: rows whose printed score departs from the formula are flagged with their cause', async () => {
    const perf = await people.of('perf-reviewer', 'bureau');
    await perf.goto(`${stack.url}/bureau`);
    await perf
      .getByRole('main')
      .getByRole('link', { name: /^自评表复核/ })
      .click();
    await perf.getByRole('heading', { name: '自评表复核' }).waitFor();
    const xlsx = await tableXlsx(departingTable());
    await perf
      .getByLabel('自评表文件（XLSX，至多 2 MiB）')
      .setInputFiles(
        file('培训项目自评表.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xlsx),
      );
    await perf.getByRole('button', { name: '复核', exact: true }).click();
    const sheet = perf.getByRole('region', { name: '指标得分' });
    await sheet.waitFor();
    // 成本指标 scored 6 of its 5 points; 质量指标 met (97% ≥ 95%) but printed 13 of 15.
    const flagged = sheet.locator('tr.flagged');
    expect(await flagged.count()).toBeGreaterThan(1);
    const quality = sheet.locator('tr', { hasText: '培训合格率' });
    expect(await quality.textContent()).toContain('有差异');
    expect(await quality.locator('td').nth(1).textContent()).toBe('13');
    expect(await quality.locator('td').nth(2).textContent()).toBe('15');
    expect((await quality.locator('td').nth(4).textContent())!.length).toBeGreaterThan(0);
    await perf.getByText('分值合计 95').waitFor();
    await perf.getByText('等级：印出 —，公式 优').waitFor();
    // A finding whose words already name its cell does not get the cell printed twice.
    for (const finding of await perf.locator('ul.findings li').allTextContents()) {
      const ref = /Sheet1![A-Z]+\d+/.exec(finding)?.[0];
      if (ref) expect(finding.split(ref).length - 1, finding).toBe(1);
    }
    await check(perf, 'se-bureau-07-table-check');
  });

  it('once a table is approved at every step, draws the spot-check sample with a seed and sees the drawn project named', async () => {
    const perf = await people.of('perf-reviewer', 'bureau');
    const preparer = await people.of('unit-preparer', 'department');
    const approver = await people.of('unit-approver', 'department');
    const department = await people.of('dept-reviewer', 'department');
    const business = await people.of('business-reviewer', 'bureau');
    const me = (await api(preparer, 'GET', '/me')).body;
    const listed = await api(preparer, 'GET', `/self-evaluation-rounds/${roundId}/self-evaluations?limit=100`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const mine = listed.body.items.find((s: { unitId: string }) => s.unitId === me.unit.id);
    expect(mine, 'a self-evaluation of 刘洋’s unit').toBeDefined();

    let table = (await api(preparer, 'GET', `/self-evaluations/${mine.id}`)).body;
    const step = async (p: Page, path: string, body: Record<string, unknown>) => {
      const answer = await api(p, path === '' ? 'PATCH' : 'POST', `/self-evaluations/${mine.id}${path}`, {
        version: table.version,
        ...body,
      });
      expect(answer.status, `${path || 'save'}: ${JSON.stringify(answer.body)}`).toBe(200);
      table = answer.body;
    };
    await step(preparer, '', {
      goalCompletion: '年度目标全部完成，资金按进度拨付。',
      money: table.money.map((line: { source: string; initialBudgetFen: number; annualBudgetFen: number | null }) => ({
        source: line.source,
        initialBudgetFen: line.initialBudgetFen,
        annualBudgetFen: line.annualBudgetFen,
        executedFen: line.annualBudgetFen === null ? null : Math.round(line.annualBudgetFen * 0.95),
      })),
      rows: table.rows.map((row: { rowId: string; operator: string; targetValue: string; weight: number }) =>
        row.operator === 'QUALITATIVE'
          ? { ...blankEntry(row.rowId), actual: '达到预期效果', tier: 'ACHIEVED', tierScore: String(row.weight) }
          : { ...blankEntry(row.rowId), actual: row.targetValue },
      ),
    });
    await step(approver, '/submit', { opinion: '同意报送。' });
    await step(department, '/department-review', { decision: 'approve', opinion: '同意。' });
    // The business section finds it in its review queue (初审).
    await business.goto(`${stack.url}/self-evaluation-review`);
    await business.getByRole('link', { name: new RegExp(mine.projectName) }).waitFor();
    await check(business, 'se-bureau-08a-review-queue');
    await step(business, '/first-review', { decision: 'approve', opinion: '已核。' });
    await step(perf, '/final-review', { decision: 'approve', opinion: '同意。' });
    expect(table.reviewStatus).toBe('FINAL_APPROVED');

    await perf.goto(`${stack.url}/self-evaluation-rounds/${roundId}`);
    await poll(() => perf.getByTestId('se-approved').textContent()).toBe('1');
    await perf.getByRole('heading', { name: '抽取样本' }).waitFor();
    await perf.getByLabel('抽查比例（%）').fill('100');
    await perf.getByLabel('随机种子').fill('00c0ffee');
    await perf.getByRole('button', { name: '抽取', exact: true }).click();
    const drawn = perf.getByTestId('spot-draw');
    await drawn.getByRole('status').filter({ hasText: '已抽取 1 张自评表。' }).waitFor();
    expect(await drawn.getByTestId('spot-seed').textContent()).toBe('00c0ffee');
    await drawn.getByRole('link', { name: new RegExp(mine.projectName) }).waitFor();
    const after = (await api(perf, 'GET', `/self-evaluation-rounds/${roundId}`)).body;
    expect(after.spotCheckDraw).toMatchObject({ seed: '00c0ffee', sharePct: 100, count: 1 });
    await poll(() => perf.getByTestId('se-sampled').textContent()).toBe('1');
    // The round's list below: cards, not bullets.
    const list = perf.locator('section[aria-labelledby="se-list-heading"] ul.items');
    expect(await list.evaluate((e) => getComputedStyle(e).listStyleType)).toBe('none');
    await check(perf, 'se-bureau-08-spot-check-drawn');
  });

  it('the round page and the settings read well in English, and the summary on a phone', async () => {
    const english = await people.fresh(desktop);
    await english.context().addInitScript(() => localStorage.setItem('jixiao.locale', 'en'));
    await signInAs(english, stack.url, 'perf-reviewer', 'bureau');
    await english.goto(`${stack.url}/self-evaluation-rounds/${roundId}`);
    await english.getByTestId('spot-draw').waitFor();
    await check(english, 'se-bureau-09-round-en');
    await english.goto(`${stack.url}/self-evaluation-settings`);
    await english.locator('#se-goodMin').waitFor();
    expect(await english.locator('#se-goodMin').inputValue()).toBe('85');
    await check(english, 'se-bureau-10-settings-en');

    const small = await people.fresh(phone);
    await signInAs(small, stack.url, 'perf-reviewer', 'bureau');
    await small.goto(`${stack.url}/self-evaluation-rounds/${roundId}`);
    await small.getByTestId('spot-draw').waitFor();
    await check(small, 'se-bureau-11-round-phone-zh');
    await small.goto(`${stack.url}/self-evaluation-rounds`);
    await small.getByRole('link', { name: `${year}年度项目支出绩效自评` }).waitFor();
    await check(small, 'se-bureau-13-rounds-phone-zh');
    await small.getByRole('main').getByRole('link', { name: '自评表复核' }).click();
    await small
      .getByLabel('自评表文件（XLSX，至多 2 MiB）')
      .setInputFiles(
        file(
          '培训项目自评表.xlsx',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          await tableXlsx(departingTable()),
        ),
      );
    await small.getByRole('button', { name: '复核', exact: true }).click();
    await small.getByRole('region', { name: '指标得分' }).waitFor();
    await check(small, 'se-bureau-14-table-check-phone-zh');
    const smallEnglish = await people.fresh(phone);
    await smallEnglish.context().addInitScript(() => localStorage.setItem('jixiao.locale', 'en'));
    await signInAs(smallEnglish, stack.url, 'perf-reviewer', 'bureau');
    await smallEnglish.goto(`${stack.url}/self-evaluation-rounds/${roundId}`);
    await smallEnglish.getByTestId('spot-draw').waitFor();
    await check(smallEnglish, 'se-bureau-12-round-phone-en');
    for (const watch of people.watches) {
      expect(watch.violations).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
    }
  });
});
