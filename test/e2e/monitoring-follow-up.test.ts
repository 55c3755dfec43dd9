import { randomUUID } from 'node:crypto';
import { demoRoundId } from '@jixiao/infra/local/demo-monitoring.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedRedReports } from './approved-reports.ts';
import { launch, screenshot } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * What follows a monitoring report on a phone (docs/domain/monitoring.md, "Dispositions" and
 * "Rectification"), against the local stack: the performance section orders a final-approved red report
 * rectified (refused in the form first for want of requirements); the unit preparer drafts the
 * feedback and the approver, after a save that met a newer copy, sends it; the bureau finds it
 * insufficient with a new date; the unit answers again and the bureau closes it. An adjustment
 * links to the project's new draft target version; the report's 运行监控表 downloads as XLSX;
 * signing out takes the unsaved check-in edits off the phone.
 */
let stack: LocalStack;
let browser: Browser;
let phones: Phones;

const suffix = randomUUID().replaceAll('-', '').slice(0, 6).toUpperCase();
const prefix = `E2EF${suffix}`;
const rectifiedCode = `${prefix}0001`;
const adjustedCode = `${prefix}0002`;
let reportIds: string[] = [];
let rectificationId = '';

/** Days from today in Beijing, as a calendar day. */
const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const pastDue = day(-20);
const nextDue = day(30);

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

const personFor = (username: string, workspace: string): Promise<Page> => phones.of(username, workspace);

const api = (p: Page, method: string, path: string, body?: unknown) => apiAs(p, stack.url, method, path, body);

beforeAll(async () => {
  stack = await startWebStack('e2e-follow-up');
  ({ reportIds } = await approvedRedReports(stack.store, {
    prefix,
    count: 2,
    roundName: `2026 年一季度重点监控（${suffix}）`,
  }));
  browser = await launch();
  phones = new Phones(browser, stack.url);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('disposition and rectification of a red monitoring report', () => {
  it('the performance section orders it rectified: refused in the form without requirements, then recorded and shown', async () => {
    const performance = await personFor('perf-reviewer', 'bureau');
    await performance.goto(`${stack.url}/monitoring/reports/${reportIds[0]}`);
    const form = performance.locator('section.disposition-form');
    await visible(form.getByRole('heading', { level: 2, name: '处置' }));
    await form.getByLabel('责令整改').check();
    await form.getByLabel('处置理由').fill('一季度预算执行率为 0，落后序时进度 25 个百分点。');
    await form.getByLabel('完成期限').fill(pastDue);
    await form.getByRole('button', { name: '作出处置决定' }).click();
    // The API's own words, before anything is sent.
    await visible(form.locator('#disp-requirements-error', { hasText: '请写明整改要求' }));
    expect(await performance.evaluate(() => document.activeElement?.id)).toBe('disp-requirements');
    expect((await api(performance, 'GET', `/monitoring-reports/${reportIds[0]}`)).body.disposition ?? null).toBeNull();
    await screenshot(performance, 'follow-up-01-disposition-refused');

    await form.getByLabel('整改要求').fill('9 月底前完成设备采购并加快资金拨付，报送整改情况。');
    await form.getByRole('button', { name: '作出处置决定' }).click();
    await visible(performance.getByRole('status').getByText('已作出处置决定：责令整改。'));
    const decided = performance.locator('section.disposition');
    await visible(decided.getByText('李明'));
    await visible(decided.getByText(pastDue));
    await visible(decided.locator('.chips').getByText('已决定'));
    const report = (await api(performance, 'GET', `/monitoring-reports/${reportIds[0]}`)).body;
    expect(report.disposition).toMatchObject({ decision: 'RECTIFY', state: 'DECIDED', dueDate: pastDue });
    await screenshot(performance, 'follow-up-02-disposition-recorded');

    await decided.getByRole('link', { name: '查看整改' }).click();
    await performance.waitForURL(/\/rectifications\/[0-9a-f-]{36}$/);
    rectificationId = performance.url().split('/').at(-1) ?? '';
    await visible(performance.getByRole('heading', { level: 2, name: '首次整改通知' }));
    await visible(performance.locator('.chips').getByText('已下达整改通知'));
    await visible(performance.locator('.chips').getByText('逾期'));
  });

  it('the unit preparer finds it overdue in the list, reads the decision on the report and drafts the feedback', async () => {
    const preparer = await personFor('unit-preparer', 'department');
    await preparer.getByRole('link', { name: /^整改/ }).click();
    await preparer.waitForURL('**/rectifications');
    const item = preparer.locator('li.rectification', { hasText: rectifiedCode });
    await visible(item.getByText('逾期'));
    await visible(item.getByText(`期限 ${pastDue}`));
    await visible(item.getByText('第 1 次通知'));
    await screenshot(preparer, 'follow-up-03-rectification-list');

    // Everyone who reads the report sees the decision.
    await preparer.goto(`${stack.url}/monitoring/reports/${reportIds[0]}`);
    const decided = preparer.locator('section.disposition');
    await visible(decided.getByText('责令整改').first());
    await visible(decided.getByText('一季度预算执行率为 0，落后序时进度 25 个百分点。'));
    expect(await preparer.locator('section.disposition-form').count()).toBe(0);
    await decided.getByRole('link', { name: '查看整改' }).click();
    await preparer.waitForURL(`**/rectifications/${rectificationId}`);

    await visible(preparer.getByText('9 月底前完成设备采购并加快资金拨付，报送整改情况。'));
    await preparer.getByRole('textbox', { name: /^整改情况/ }).fill('已完成设备采购招标，合同已签订，资金拨付 45%。');
    expect(await preparer.getByRole('button', { name: '报送反馈' }).count()).toBe(0);
    await preparer.getByRole('button', { name: '保存反馈' }).click();
    await visible(preparer.getByRole('status').getByText('已保存，由单位负责人确认报送。'));
    await visible(preparer.locator('.chips').getByText('整改反馈草稿'));
    await screenshot(preparer, 'follow-up-04-feedback-draft');
  });

  it('the unit approver’s send meets a newer copy, keeps theirs on top of it and sends it', async () => {
    const approver = await personFor('unit-approver', 'department');
    await approver.goto(`${stack.url}/rectifications/${rectificationId}`);
    const feedback = approver.getByRole('textbox', { name: /^整改情况/ });
    expect(await feedback.inputValue()).toBe('已完成设备采购招标，合同已签订，资金拨付 45%。');
    await feedback.fill('已完成设备采购招标，合同已签订，资金拨付 50%，设备 9 月到货。');
    // Meanwhile the preparer saves again.
    const preparer = await personFor('unit-preparer', 'department');
    const current = (await api(preparer, 'GET', `/rectifications/${rectificationId}`)).body;
    const theirs = await api(preparer, 'PATCH', `/rectifications/${rectificationId}`, {
      version: current.version,
      feedback: '资金拨付 48%。',
    });
    expect(theirs.status).toBe(200);
    await approver.getByRole('button', { name: '报送反馈' }).click();
    const conflict = approver.getByRole('alert').filter({ hasText: '他人已先保存了整改情况' });
    await visible(conflict.getByText('资金拨付 48%。'));
    await visible(conflict.getByText('已完成设备采购招标，合同已签订，资金拨付 50%，设备 9 月到货。'));
    await screenshot(approver, 'follow-up-05-feedback-conflict', { fullPage: false });
    await conflict.getByRole('button', { name: '保留我的修改' }).click();
    await visible(approver.getByText('已保留你的修改，请再次保存。'));
    await approver.getByRole('button', { name: '报送反馈' }).click();
    await visible(approver.getByRole('status').getByText('已报送，等待绩效科核实。'));
    await visible(approver.locator('.chips').getByText('已报送整改反馈'));
    expect(await approver.locator('.chips').getByText('逾期').count()).toBe(0);
    const stored = (await api(approver, 'GET', `/rectifications/${rectificationId}`)).body;
    expect(stored).toMatchObject({
      state: 'FEEDBACK_SUBMITTED',
      feedback: '已完成设备采购招标，合同已签订，资金拨付 50%，设备 9 月到货。',
      version: theirs.body.version + 2,
    });
  });

  it('the performance section finds it insufficient: a new requirement and date are asked for, then a follow-up notice goes out', async () => {
    const performance = await personFor('perf-reviewer', 'bureau');
    await performance.goto(`${stack.url}/bureau`);
    await performance.getByRole('link', { name: /^整改/ }).click();
    await performance.waitForURL('**/rectifications');
    await performance.getByLabel('状态').selectOption({ label: '已报送整改反馈' });
    await performance.locator('li.rectification', { hasText: rectifiedCode }).locator('a').click();
    await performance.waitForURL(`**/rectifications/${rectificationId}`);
    const verify = performance.locator('section.verify-form');
    await verify.getByLabel('整改不到位').check();
    await verify.getByLabel('核实意见').fill('资金拨付仍未过半，设备尚未安装。');
    await verify.getByRole('button', { name: '提交核实结论' }).click();
    await visible(verify.locator('#verify-requirements-error', { hasText: '请写明整改要求' }));
    await visible(verify.locator('#verify-dueDate-error', { hasText: '请填写完成期限' }));
    await screenshot(performance, 'follow-up-06-verify-refused');
    await verify.getByLabel('新的整改要求').fill('完成设备安装调试，资金拨付不低于 80%。');
    await verify.getByLabel('新的完成期限').fill(nextDue);
    await verify.getByRole('button', { name: '提交核实结论' }).click();
    await visible(performance.getByRole('status').getByText('已下达第 2 次整改通知。'));
    await visible(performance.getByRole('heading', { level: 2, name: '第 2 次整改通知（跟进）' }));
    await visible(performance.locator('section.notice-in-force').getByText('完成设备安装调试，资金拨付不低于 80%。'));
    await visible(performance.locator('section.notice-in-force').getByText(nextDue));
    expect(await performance.locator('section.verify-form').count()).toBe(0);
    await screenshot(performance, 'follow-up-07-follow-up-notice');
  });

  it('the unit answers the follow-up and the performance section closes it; the log tells the whole story', async () => {
    const approver = await personFor('unit-approver', 'department');
    await approver.goto(`${stack.url}/rectifications/${rectificationId}`);
    await visible(approver.getByRole('heading', { level: 2, name: '第 2 次整改通知（跟进）' }));
    await approver.getByRole('textbox', { name: /^整改情况/ }).fill('设备已安装调试完毕，资金拨付 82%。');
    await approver.getByRole('button', { name: '报送反馈' }).click();
    await visible(approver.getByRole('status').getByText('已报送，等待绩效科核实。'));

    const performance = await personFor('perf-reviewer', 'bureau');
    await performance.goto(`${stack.url}/rectifications/${rectificationId}`);
    const verify = performance.locator('section.verify-form');
    await visible(performance.getByText('设备已安装调试完毕，资金拨付 82%。'));
    await verify.getByLabel('整改到位').check();
    await verify.getByLabel('核实意见').fill('经核实，整改到位。');
    await verify.getByRole('button', { name: '提交核实结论' }).click();
    await visible(performance.getByRole('status').getByText('整改到位，已关闭。'));
    await visible(performance.locator('.chips').getByText('整改完成'));
    const log = performance.locator('ol.timeline > li');
    expect(await log.locator('.action').allTextContents()).toEqual([
      '下达整改通知',
      '保存整改情况',
      '保存整改情况',
      '保存整改情况',
      '报送整改情况',
      '核实：整改不到位，下达跟进通知',
      '保存整改情况',
      '报送整改情况',
      '核实：整改到位',
    ]);
    await visible(log.last().getByText('意见：经核实，整改到位。'));
    await screenshot(performance, 'follow-up-08-closed');
    const stored = (await api(performance, 'GET', `/rectifications/${rectificationId}`)).body;
    expect(stored).toMatchObject({ state: 'CLOSED', round: 2 });
  });

  it('an adjustment of budget and targets links to the project’s new draft target version', async () => {
    const performance = await personFor('perf-reviewer', 'bureau');
    await performance.goto(`${stack.url}/monitoring/reports/${reportIds[1]}`);
    const form = performance.locator('section.disposition-form');
    await form.getByLabel('调整预算和绩效目标').check();
    await form.getByLabel('处置理由').fill('政策调整，需调减预算并同步调整绩效目标。');
    await form.getByLabel('完成期限').fill(nextDue);
    // The adjusted budget, typed in 万元 by source: an amount it cannot read is said so first.
    const adjusted = form.getByRole('group', { name: '调整后全年预算（万元，可不填）' });
    await adjusted.getByLabel('财政拨款').fill('0.1234567');
    await form.getByRole('button', { name: '作出处置决定' }).click();
    await visible(form.locator('#disp-adjustedFiscal-error:not(:empty)'));
    await adjusted.getByLabel('财政拨款').fill('60');
    await form.getByRole('button', { name: '作出处置决定' }).click();
    await visible(performance.getByRole('status').getByText('已作出处置决定：调整预算和绩效目标。'));
    const decided = performance.locator('section.disposition');
    const link = decided.getByRole('link', { name: '查看新的绩效目标版本' });
    await visible(link);
    await screenshot(performance, 'follow-up-09-adjustment');
    const disposition = (
      await api(
        performance,
        'GET',
        `/monitoring-dispositions/${(await api(performance, 'GET', `/monitoring-reports/${reportIds[1]}`)).body.disposition.id}`,
      )
    ).body;
    expect(disposition).toMatchObject({
      decision: 'ADJUST_BUDGET_AND_TARGETS',
      rectificationId: null,
      adjustedFunds: { fiscal: 60_000_000, carryOver: 0, other: 0 },
    });
    expect(await link.getAttribute('href')).toBe(`/targets/${disposition.targetId}`);
    await link.click();
    await performance.waitForURL(`**/targets/${disposition.targetId}`);
    await visible(performance.locator('.page-header').getByText(adjustedCode));
    await visible(performance.locator('.chips').getByText('草稿'));
    const target = (await api(performance, 'GET', `/targets/${disposition.targetId}`)).body;
    expect(target).toMatchObject({ reviewStatus: 'DRAFT', versionNo: 2 });
  });

  it('the report’s 运行监控表 downloads as XLSX with the person’s token', async () => {
    const preparer = await personFor('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/monitoring/reports/${reportIds[0]}`);
    const [response, download] = await Promise.all([
      preparer.waitForResponse((r) => r.url().endsWith(`/monitoring-reports/${reportIds[0]}/monitoring-table.xlsx`)),
      preparer.waitForEvent('download'),
      preparer.getByRole('button', { name: '导出执行监控表' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('spreadsheetml');
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('signing out takes the unsaved check-in edits off the phone', async () => {
    const preparer = await personFor('unit-preparer', 'department');
    const reports = (await api(preparer, 'GET', `/monitoring-rounds/${demoRoundId}/reports`)).body.items as {
      id: string;
      projectCode: string;
    }[];
    const draft = reports.find((r) => r.projectCode === 'DL2026JY0004')!;
    await preparer.goto(`${stack.url}/monitoring/reports/${draft.id}`);
    await preparer.getByLabel('财政拨款执行数').fill('12');
    const kept = () =>
      preparer.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('jixiao.monitoring-draft.')));
    await expect.poll(kept).toHaveLength(1);
    await preparer.getByLabel(/^账户菜单/).click();
    await preparer.getByRole('button', { name: '退出登录' }).click();
    await preparer.waitForURL('**/sign-in');
    expect(await kept()).toEqual([]);
  });

  it('reads as well in English: the closed rectification and its log, the decision on the report', async () => {
    const english = await phones.fresh();
    await signInAs(english, stack.url, 'perf-reviewer', 'bureau');
    await english.getByRole('button', { name: 'English' }).click();
    await english.goto(`${stack.url}/rectifications/${rectificationId}`);
    await visible(english.getByRole('heading', { level: 2, name: 'Follow-up notice (2)' }));
    await visible(english.locator('.chips').getByText('Closed'));
    await visible(english.locator('ol.timeline').getByText('Verified: not rectified, follow-up notice issued'));
    await screenshot(english, 'follow-up-10-closed-english');
    await english.goto(`${stack.url}/monitoring/reports/${reportIds[0]}`);
    await visible(english.locator('section.disposition').getByText('Rectification required'));
    await english.locator('section.disposition').scrollIntoViewIfNeeded();
    await screenshot(english, 'follow-up-11-disposition-english', { fullPage: false });
  });

  it('raised no CSP violation and no uncaught error in any browser', () => {
    for (const watch of phones.watches) {
      expect(watch.violations).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
    }
  });
});
