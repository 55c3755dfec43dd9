import { randomUUID } from 'node:crypto';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBudgetedProjects } from '../support/budgeted-projects.ts';
import { launch, screenshot } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * Mid-year monitoring on a phone (docs/domain/monitoring.md), against the local stack: the
 * performance section opens a round and issues it; the unit preparer checks in on a budgeted
 * project — execution by source in 万元, each indicator's progress and likelihood — and sees the red
 * warning with its reason as they type; a reload before saving offers the edits back; the unit
 * approver's 送审 is refused by rule 8 inline, then goes through once a reason is ticked and
 * measures are given; the department approves; the dashboard counts it and puts it on the red list.
 */
let stack: LocalStack;
let browser: Browser;
let phones: Phones;

const suffix = randomUUID().replaceAll('-', '').slice(0, 6).toUpperCase();
const roundName = `2026 年 1–6 月绩效运行监控（${suffix}）`;
const projectName = '老旧小区物业服务补贴（1）';
const projectCode = `E2EM${suffix}0001`;
const redReason = '补贴覆盖小区数：完成目标可能性为“完全不可能”';
const budgetReason = '执行率 30.0% 低于 6 月末检查点 40%';
const budgetRule = '预算执行为红色预警时，须填写预算执行偏差原因';
const ruleEight = '完成目标可能性不是“确定能”时，至少勾选一项偏差原因';
let roundId = '';
let reportId = '';

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

const personFor = (username: string, workspace: string): Promise<Page> => phones.of(username, workspace);

const api = (p: Page, method: string, path: string, body?: unknown) => apiAs(p, stack.url, method, path, body);

/** What the preparer reports per line: the first is far off and impossible, the rest on target. */
const lineValues: Record<string, { actual: string; forecast: string }> = {
  补贴覆盖小区数: { actual: '20', forecast: '30' },
  物业服务考核达标率: { actual: '92', forecast: '92' },
  补贴按季度拨付率: { actual: '100', forecast: '100' },
  每平方米月补贴标准: { actual: '0.6', forecast: '0.6' },
  小区环境卫生和秩序改善: { actual: '基本改善', forecast: '明显改善' },
  小区居民满意度: { actual: '86', forecast: '87' },
};

beforeAll(async () => {
  stack = await startWebStack('e2e-monitoring');
  // Two budgeted 2026 projects of 区教育局（本级）, the demo preparer's unit (budgets 1 and 2 million 元).
  await seedBudgetedProjects(stack.store, {
    department: '102',
    unit: '102001',
    section: 'JKW',
    count: 2,
    prefix: `E2EM${suffix}`,
  });
  browser = await launch();
  phones = new Phones(browser, stack.url);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('mid-year monitoring from the round to the red list', () => {
  it('the performance section opens a 2026 round and issues it, watching it go out, and lands on its dashboard', async () => {
    const performance = await personFor('perf-reviewer', 'bureau');
    await performance.getByRole('link', { name: /^运行监控与预警/ }).click();
    await performance.waitForURL('**/monitoring');
    await visible(performance.getByRole('heading', { level: 1, name: '运行监控' }));
    await performance.getByRole('button', { name: '发起监控' }).click();
    const dialog = performance.getByRole('dialog', { name: '发起监控' });
    await visible(dialog);
    expect(await dialog.getByLabel('监控名称').inputValue()).toBe('2026 年 1–6 月绩效运行监控');
    // The deadline must come after the data date: the form says so before anything is sent.
    await dialog.getByLabel('报送截止日期').fill('2026-06-01');
    await dialog.getByRole('button', { name: '发起并下发' }).click();
    await visible(dialog.locator('#round-deadline-error:not(:empty)'));
    await dialog.getByLabel('报送截止日期').fill('2026-07-20');
    await dialog.getByLabel('监控名称').fill(roundName);
    await screenshot(performance, 'monitoring-01-new-round', { fullPage: false });
    await dialog.getByRole('button', { name: '发起并下发' }).click();
    // 下达 asks first, saying what it makes and by when.
    const confirm = performance.getByRole('dialog', { name: '确认下达' });
    await visible(
      confirm.getByText('下达后，将为 2026 年度全部已纳入预算的项目各生成一份，发给项目单位填报，截止 2026-07-20。'),
    );
    await confirm.getByRole('button', { name: '发起并下发' }).click();
    await performance.waitForURL(/\/monitoring\/rounds\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    roundId = performance.url().split('/').at(-1) ?? '';
    await visible(performance.getByRole('heading', { level: 1, name: roundName }));
    await visible(performance.locator('.chips').getByText('已下发'));
    // The deadline (20 July) has passed: whoever has not reported is overdue.
    await visible(performance.locator('.chips').getByText('已过报送截止日期'));
    const round = await api(performance, 'GET', `/monitoring-rounds/${roundId}`);
    expect(round.body).toMatchObject({ roundStatus: 'ISSUED', scope: 'ALL', dataDate: '2026-06-30' });
    expect(round.body.reportCount).toBeGreaterThanOrEqual(2);
  });

  it('the unit preparer checks in on a phone: execution in 万元, each line, a red warning with its reason as they type', async () => {
    const preparer = await personFor('unit-preparer', 'department');
    await preparer.getByRole('link', { name: /^运行监控/ }).click();
    await preparer.waitForURL('**/monitoring');
    await preparer.getByLabel('监控轮次').selectOption({ label: `${roundName}（已下发）` });
    await preparer.waitForURL(`**/monitoring?round=${roundId}`);
    const item = preparer.locator('li.report', { hasText: projectCode });
    await visible(item.getByText(projectName));
    await visible(item.getByText('未填报'));
    // Both of the unit's budgeted projects have a report in the round.
    await visible(preparer.locator('li.report', { hasText: `E2EM${suffix}0002` }));
    // The unit counts its own reports, not the round's.
    const own = (await api(preparer, 'GET', `/monitoring-rounds/${roundId}/reports?limit=100`)).body;
    expect(own.nextCursor).toBeUndefined();
    const round = (await api(preparer, 'GET', `/monitoring-rounds/${roundId}`)).body;
    expect(own.items.length).toBeLessThan(round.reportCount);
    await visible(preparer.getByText('本单位监控表数量'));
    await visible(preparer.getByTestId('own-report-count').getByText(String(own.items.length), { exact: true }));
    await screenshot(preparer, 'monitoring-02-report-list');

    await item.locator('a').click();
    await preparer.waitForURL(/\/monitoring\/reports\/[0-9a-f-]{36}$/);
    reportId = preparer.url().split('/').at(-1) ?? '';
    await visible(preparer.getByRole('heading', { level: 1, name: projectName }));
    await visible(preparer.getByText('全年预算 100 万元', { exact: true }));

    await preparer.getByLabel('财政拨款执行数').fill('30');
    // 30 % at the end of June: below the 40 % checkpoint, in the API's own words, as a red chip.
    const summary = preparer.locator('section.summary');
    await visible(summary.getByText(budgetReason));
    await visible(summary.locator('.head').getByText('红色预警'));
    // Time progress by days: 30 June is day 181 of 365.
    await visible(preparer.getByText('执行率 30.0%（序时进度 49.6%（181/365 天））'));
    // Red: the report-level reason is asked for, even before any line is in doubt.
    await visible(preparer.getByRole('heading', { level: 2, name: '预算执行偏差说明' }));
    await preparer.getByLabel('全年预计执行数').fill('100');
    await preparer.getByLabel('目标执行情况').fill('上半年 20 个小区完成物业服务对接，其余小区因招标延迟推进较慢。');

    for (const [name, values] of Object.entries(lineValues)) {
      const card = preparer.locator('li.line-card', { has: preparer.getByRole('heading', { level: 3, name }) });
      await card.getByLabel('截至目前完成值').fill(values.actual);
      await card.getByLabel('全年预计完成值').fill(values.forecast);
      await card.getByLabel(name === '补贴覆盖小区数' ? '完全不可能' : '确定能').check();
    }
    const first = preparer.locator('li.line-card', {
      has: preparer.getByRole('heading', { level: 3, name: '补贴覆盖小区数' }),
    });
    await visible(first.getByText(redReason));
    await visible(first.getByText('指标：红色'));
    await visible(first.getByText('补贴覆盖小区数：全年预计 30个，偏离目标值 46个 达 34.8%（超过 10%）'));
    // Rule 8 speaks on the line as soon as the target is in doubt.
    await visible(first.locator('#line-0-deviationReasons-error', { hasText: ruleEight }));
    await screenshot(preparer, 'monitoring-03-check-in');

    // Nothing is saved yet; a reload keeps the edits on the phone and offers them back.
    await preparer.reload();
    await visible(preparer.getByRole('heading', { level: 1, name: projectName }));
    const offer = preparer.getByRole('alert').filter({ hasText: '未保存的修改' });
    await visible(offer);
    expect(await preparer.getByLabel('财政拨款执行数').inputValue()).toBe('0');
    await screenshot(preparer, 'monitoring-04-restore-offer', { fullPage: false });
    await offer.getByRole('button', { name: '恢复未保存的修改' }).click();
    expect(await preparer.getByLabel('财政拨款执行数').inputValue()).toBe('30');
    expect(await first.getByLabel('完全不可能').isChecked()).toBe(true);
    await visible(summary.getByText(redReason));

    await preparer.getByRole('button', { name: '保存草稿' }).click();
    await visible(preparer.getByRole('status').getByText('已保存。送审前还有 4 处需要补充或说明。'));
    await visible(preparer.getByText('保存草稿后，由单位负责人确认送审。'));
    const stored = await api(preparer, 'GET', `/monitoring-reports/${reportId}`);
    expect(stored.body).toMatchObject({
      reviewStatus: 'DRAFT',
      executed: { fiscal: 30_000_000, carryOver: 0, other: 0 },
      forecastFullYearFen: 1_000_000_00,
      assessment: { colour: 'RED', budgetColour: 'RED', executionRatePct: 30 },
    });
    expect(stored.body.checks.map((c: { code: string }) => c.code)).toEqual([
      'budget_reason_required',
      'budget_measures_required',
      'deviation_reason_required',
      'corrective_measures_required',
    ]);
    // Saved: nothing is kept on the phone any more.
    await preparer.reload();
    await visible(preparer.getByRole('heading', { level: 1, name: projectName }));
    expect(await preparer.getByText('未保存的修改').count()).toBe(0);
  });

  it('the unit approver’s 送审 is refused by rule 8 beside the line and for the red budget, then goes through with the reasons and measures', async () => {
    const approver = await personFor('unit-approver', 'department');
    await approver.goto(`${stack.url}/monitoring/reports/${reportId}`);
    await visible(approver.getByRole('heading', { level: 2, name: '送审' }));
    await approver.getByRole('button', { name: '送审', exact: true }).click();
    const refusal = approver.locator('.refusal');
    await visible(refusal.getByText(ruleEight));
    const first = approver.locator('li.line-card', {
      has: approver.getByRole('heading', { level: 3, name: '补贴覆盖小区数' }),
    });
    await visible(first.locator('#line-0-deviationReasons-error', { hasText: ruleEight }));
    await visible(first.locator('#line-0-correctiveMeasures-error:not(:empty)'));
    await screenshot(approver, 'monitoring-05-submit-refused');

    await first.getByLabel('经费保障').check();
    await first.getByLabel('人员保障').check();
    await first.getByLabel('纠偏措施').fill('加快剩余小区物业招标，三季度完成服务对接。');
    expect(await first.locator('#line-0-deviationReasons-error').textContent()).toBe('');
    // Every line explained; the red budget still needs its own reason at the report level.
    await visible(refusal.getByText(budgetRule));
    await visible(approver.locator('#mon-budgetDeviationReason-error', { hasText: budgetRule }));
    await approver.getByLabel('预算执行偏差原因').fill('物业招标延迟，补贴按季度拨付尚未到期。');
    await approver.getByLabel('纠偏措施（预算执行）').fill('三季度完成招标后集中拨付。');
    await approver.getByRole('button', { name: '保存草稿' }).click();
    await visible(approver.getByRole('status').getByText('已保存，已满足送审条件。'));
    await approver.getByLabel('单位意见（选填）').fill('经单位审核，同意报送。');
    await approver.getByRole('button', { name: '送审', exact: true }).click();
    // With nothing left to fix, 送审 asks first and names the department that will review it.
    const confirm = approver.getByRole('dialog', { name: '确认送审' });
    await visible(confirm.getByText(/^送审后，本单位不能再修改，主管部门.+将收到待审事项。$/));
    await confirm.getByRole('button', { name: '送审' }).click();
    await visible(approver.getByRole('status').getByText('已送审，等待主管部门审核。'));
    await visible(approver.locator('.chips').getByText('单位已送审'));
    await screenshot(approver, 'monitoring-06-submitted');
    const stored = await api(approver, 'GET', `/monitoring-reports/${reportId}`);
    expect(stored.body.lines[0]).toMatchObject({ deviationReasons: ['FUNDING', 'STAFFING'], likelihood: 'IMPOSSIBLE' });
    expect(stored.body).toMatchObject({ budgetDeviationReason: '物业招标延迟，补贴按季度拨付尚未到期。' });
    expect(stored.body.reviewStatus).toBe('UNIT_SUBMITTED');
  });

  it('a save that meets a newer copy shows both side by side, and the preparer keeps theirs on top of it', async () => {
    const preparer = await personFor('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/monitoring?round=${roundId}`);
    await preparer
      .locator('li.report', { hasText: `E2EM${suffix}0002` })
      .locator('a')
      .click();
    await preparer.waitForURL(/\/monitoring\/reports\/[0-9a-f-]{36}$/);
    const secondId = preparer.url().split('/').at(-1) ?? '';
    await preparer.getByLabel('财政拨款执行数').fill('90');
    // Meanwhile someone else at the unit saves the goal progress.
    const current = (await api(preparer, 'GET', `/monitoring-reports/${secondId}`)).body;
    const theirs = await api(preparer, 'PATCH', `/monitoring-reports/${secondId}`, {
      version: current.version,
      goalProgress: '按计划推进。',
    });
    expect(theirs.status).toBe(200);
    await preparer.getByRole('button', { name: '保存草稿' }).click();
    const conflict = preparer.getByRole('alert').filter({ hasText: '该记录已被他人修改' });
    await visible(conflict);
    const rows = conflict.locator('tbody tr');
    await visible(rows.filter({ hasText: '财政拨款执行数' }).getByText('90', { exact: true }));
    await visible(rows.filter({ hasText: '目标执行情况' }).getByText('按计划推进。'));
    await screenshot(preparer, 'monitoring-05b-conflict', { fullPage: false });
    await conflict.getByRole('button', { name: '保留本机版本' }).click();
    await visible(preparer.getByRole('status').getByText('已保留你的修改，请再次保存。'));
    await preparer.getByRole('button', { name: '保存草稿' }).click();
    await visible(preparer.getByRole('status').getByText(/^已保存/));
    const stored = (await api(preparer, 'GET', `/monitoring-reports/${secondId}`)).body;
    expect(stored.version).toBe(theirs.body.version + 1);
    expect(stored.executed.fiscal).toBe(90_000_000);
  });

  it('the department reviewer finds it in the monitoring queue and approves it', async () => {
    const reviewer = await personFor('dept-reviewer', 'department');
    await reviewer.getByRole('link', { name: /^监控审核/ }).click();
    await reviewer.waitForURL('**/monitoring/review');
    const item = reviewer.locator('li.entry', { hasText: projectCode });
    await visible(item);
    await visible(item.getByText('红色预警'));
    await screenshot(reviewer, 'monitoring-07-queue');
    await item.locator('a').click();
    await reviewer.waitForURL(`**/monitoring/reports/${reportId}`);
    await visible(reviewer.getByRole('heading', { level: 2, name: '主管部门审核' }));
    await visible(reviewer.getByText(redReason).first());
    // A return needs a reason: the form says so before anything is sent.
    await reviewer.getByRole('button', { name: '退回修改' }).click();
    await visible(reviewer.locator('#mon-review-opinion-error:not(:empty)'));
    await reviewer.getByLabel('审核意见').fill('偏差原因清楚，纠偏措施可行。');
    await screenshot(reviewer, 'monitoring-08-review');
    await reviewer.getByRole('button', { name: '审核通过' }).click();
    await reviewer.waitForURL('**/monitoring/review');
    await visible(reviewer.getByRole('status').getByText(`${projectName}：主管部门已审。`));
    // Gone from the queue (the demo may have others waiting there).
    await reviewer.locator('li.entry', { hasText: projectCode }).waitFor({ state: 'detached' });
  });

  it('the performance section sees it counted on the dashboard and on the red list, with its reasons', async () => {
    const performance = await personFor('perf-reviewer', 'bureau');
    await performance.goto(`${stack.url}/monitoring/rounds/${roundId}`);
    await visible(performance.getByRole('heading', { level: 1, name: roundName }));
    const dashboard = await api(performance, 'GET', `/monitoring-rounds/${roundId}/dashboard`);
    expect(dashboard.body.total).toMatchObject({ submitted: 1, late: 1, byColour: { RED: 1 } });
    const totals = performance.locator('section', {
      has: performance.getByRole('heading', { level: 2, name: '总体情况' }),
    });
    await visible(totals.getByText(`/ ${dashboard.body.total.reports}`));
    await visible(totals.getByText('逾期报送 1 份'));

    const red = performance.locator('section', {
      has: performance.getByRole('heading', { level: 2, name: /^红色预警清单/ }),
    });
    const entry = red.locator('li.red-entry', { hasText: projectCode });
    await visible(entry);
    await visible(entry.getByText(redReason));
    await visible(entry.getByText(budgetReason));
    await visible(entry.getByText('东丽区教育局 · 区教育局（本级）'));

    // Each chart has its numbers as a table too.
    const colours = performance.locator('figure', { hasText: '各部门预警项目数' });
    await visible(colours.locator('svg[role="img"]'));
    await colours.getByText('以表格查看：各部门预警项目数').click();
    const row = colours.locator('tbody tr', { hasText: '东丽区教育局' });
    await visible(row);
    expect(await row.locator('td').allTextContents()).toEqual(['1', '0', '0', '1']);
    const execution = performance.locator('figure', { hasText: '各部门执行率' });
    await visible(execution.locator('svg text.axis-label', { hasText: '序时进度 49.6%' }));
    expect(await execution.locator('svg line.time').count()).toBeGreaterThan(0);
    await screenshot(performance, 'monitoring-09-dashboard');

    await entry.getByRole('link', { name: projectName }).click();
    await performance.waitForURL(`**/monitoring/reports/${reportId}`);
    await visible(performance.getByRole('heading', { level: 1, name: projectName }));
    await visible(performance.locator('ol.timeline').getByText('主管部门审核通过'));
  });

  it('reads as well on a desktop and in English: the dashboard side by side, the report’s reasons in English', async () => {
    const desktop = await phones.fresh({ viewport: { width: 1280, height: 900 } });
    await signInAs(desktop, stack.url, 'perf-reviewer', 'bureau');
    await desktop.goto(`${stack.url}/monitoring/rounds/${roundId}`);
    await visible(desktop.locator('li.red-entry', { hasText: projectCode }));
    await screenshot(desktop, 'monitoring-10-dashboard-desktop');

    const performance = await personFor('perf-reviewer', 'bureau');
    await performance.getByRole('button', { name: 'English' }).click();
    await performance.goto(`${stack.url}/monitoring/reports/${reportId}`);
    await visible(performance.getByRole('heading', { level: 2, name: 'Warnings', exact: true }));
    await visible(performance.getByText('补贴覆盖小区数: meeting the target is “Impossible”').first());
    await visible(performance.getByText('Execution 30.0% is below the end-of-month-6 checkpoint of 40%').first());
    await screenshot(performance, 'monitoring-11-report-english');
  });

  it('raised no CSP violation and no uncaught error in any browser', () => {
    for (const watch of phones.watches) {
      expect(watch.violations).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
    }
  });
});
