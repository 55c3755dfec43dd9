import { randomUUID } from 'node:crypto';
import { beijingDay } from '@jixiao/core/beijing-day.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReleasedEngagement } from '../support/fieldwork-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { audit, launch, phone, reflow, screenshot, webBuild } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { requireWebBuild } from './web-stack.ts';

/**
 * Findings and the exchange of opinions (issue 13 item 3; docs/domain/key-evaluation.md#findings-and-the-exchange-of-opinions).
 * An engagement of 教育局's spending, its fieldwork closed and two findings sent by the agency's lead (through the
 * API). The department's reviewer 陈芳 opens the findings on a 390×844 phone, agrees with one, disagrees with the
 * other and explains why, saves a draft, reloads (the draft is kept), and submits with a confirmation; the answers
 * are then fixed. The agency's lead 周敏 on a desktop sees each answer beside its finding, records how she handled
 * both, and closes the exchange; the engagement moves to drafting the report. axe and reflow in zh and en.
 */
let stack: TestStack;
let browser: Browser;
let engagementId = '';
const titles = ['生均公用经费拨付滞后', '部分教学设备闲置'];

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const findingsUrl = () => `${stack.url}/engagements/${engagementId}/findings`;

beforeAll(async () => {
  requireWebBuild();
  stack = await startTestStack({ webRoot: webBuild, tableName: `e2e-findings-${randomUUID()}` });
  browser = await launch();
  const fixture = await seedReleasedEngagement(stack.store, demoTenant.id, {
    departmentId: demoId('department:102'),
    agencyId: demoId('agency:91120110MA05JX8K2Q'),
    evaluatorId: demoId('user:evaluator'),
    leadId: demoId('user:agency-lead'),
  });
  engagementId = fixture.engagement;
  const lead = await stack.tokenFor('agency-lead');
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await stack.call(method, `/api/v1${path}`, { token: lead, ...(body === undefined ? {} : { body }) });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body;
  };
  const step = async (path: string, body: Record<string, unknown> = {}) => {
    const e = await call('GET', `/engagements/${engagementId}`);
    return call('POST', `/engagements/${engagementId}/${path}`, { version: e.version, ...body });
  };
  await step('close-fieldwork');
  const finding = (title: string, facts: string, amount: number | null, suggestion: string) => ({
    id: uuidV7(),
    category: amount === null ? 'OUTPUT' : 'FUNDS',
    title,
    facts,
    amount,
    quantity: amount === null ? '12 台' : '',
    basis: '《东丽区区级项目支出绩效管理办法》',
    evidence: { fieldRecordIds: [fixture.record], photoIds: [fixture.photo], indicatorIds: [] },
    responsibleParty: '区教育局',
    suggestion,
    reportParagraph: null,
  });
  await call(
    'POST',
    `/engagements/${engagementId}/findings`,
    finding(
      titles[0]!,
      '第三季度生均公用经费到位后 45 天才拨付至学校，影响学校正常运转。',
      1250000,
      '建立拨付台账，按月跟踪拨付进度。',
    ),
  );
  await call(
    'POST',
    `/engagements/${engagementId}/findings`,
    finding(titles[1]!, '东丽中学 2025 年购置的 12 台录播设备尚未投入使用。', null, '制定设备使用计划，明确管理责任。'),
  );
  const due = beijingDay(new Date(Date.now() + 7 * 86_400_000).toISOString());
  await step('send-findings', { dueDate: due });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const findingCard = (page: Page, title: string) => page.locator(`li.finding[data-finding="${title}"]`);

describe('the department answers the findings on a phone', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext(phone);
    page = await context.newPage();
    await signInAs(page, stack.url, 'dept-reviewer', 'department');
  });
  afterAll(() => context?.close());

  it('finds the findings on its to-do home, shows each with its facts and suggestion, and keeps a saved draft', async () => {
    await page.goto(`${stack.url}/`);
    const list = page.locator('li.list[data-list="engagement:answer"]');
    await visible(list.getByRole('heading', { name: '待反馈的重点评价意见' }));
    await list.locator(`a.item[href="/engagements/${engagementId}/findings"]`).click();
    await page.waitForURL(findingsUrl());
    await visible(page.getByRole('heading', { level: 1, name: '问题汇总表与意见交换' }));
    await visible(findingCard(page, titles[0]!).getByText('建立拨付台账，按月跟踪拨付进度。', { exact: false }));
    await visible(findingCard(page, titles[1]!).getByText('12 台录播设备', { exact: false }));
    await findingCard(page, titles[0]!).getByLabel('同意', { exact: true }).check();
    await findingCard(page, titles[1]!).getByLabel('不同意', { exact: true }).check();
    await screenshot(page, 'findings-01-department-phone');
    await page.getByTestId('answers-save').click();
    await visible(page.locator('.notice.ok', { hasText: '草稿已保存' }));

    // Submitting without explaining the disagreement is refused, saying why.
    await page.getByTestId('answers-submit').click();
    await page.getByTestId('confirm-answers').getByRole('button', { name: '确认提交' }).click();
    await visible(page.getByRole('alert').getByText('部分同意或不同意时须说明理由', { exact: false }));

    await findingCard(page, titles[1]!)
      .getByLabel('说明（部分同意或不同意时必填）')
      .fill('设备已于 2026 年 11 月调配至新校区录播教室使用，附调拨单。');
    await page.getByTestId('answers-save').click();
    await visible(page.locator('.notice.ok', { hasText: '草稿已保存' }));
    await page.reload();
    await visible(findingCard(page, titles[1]!).getByLabel('不同意', { exact: true }));
    expect(await findingCard(page, titles[1]!).getByLabel('不同意', { exact: true }).isChecked()).toBe(true);
    expect(await findingCard(page, titles[1]!).locator('textarea').inputValue()).toContain('调拨单');
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`passes axe and reflow on the phone (${language})`, async () => {
      await page.evaluate((locale) => localStorage.setItem('jixiao.locale', locale), language);
      await page.goto(findingsUrl());
      await visible(findingCard(page, titles[0]!));
      expect(await audit(page)).toEqual([]);
      expect(await reflow(page)).toEqual([]);
      if (language === 'en') {
        await visible(page.getByRole('heading', { level: 1, name: 'Findings and the exchange of opinions' }));
        await screenshot(page, 'findings-02-department-phone-en');
      }
      await page.evaluate(() => localStorage.setItem('jixiao.locale', 'zh-CN'));
    });
  }

  it('submits once with a confirmation; the answers are fixed', async () => {
    await page.goto(findingsUrl());
    await visible(findingCard(page, titles[0]!));
    await page.getByTestId('answers-submit').click();
    const dialog = page.getByTestId('confirm-answers');
    await visible(dialog.getByText('提交后反馈意见不能再修改', { exact: false }));
    await dialog.getByRole('button', { name: '确认提交' }).click();
    await visible(page.getByTestId('answers-submitted'));
    expect(await page.getByTestId('answers-submit').count()).toBe(0);
    expect(await page.locator('input[type="radio"]').count()).toBe(0);
    await visible(findingCard(page, titles[1]!).getByText('不同意'));
    await screenshot(page, 'findings-03-department-submitted');
    const summary = await apiAs(page, stack.url, 'GET', `/engagements/${engagementId}/findings`);
    expect(summary.body.exchange.submittedByName).toBe('陈芳');
  });
});

describe('the agency lead records the handling on a desktop', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    await signInAs(page, stack.url, 'agency-lead', 'field');
  });
  afterAll(() => context?.close());

  const answer = (title: string) => page.locator(`li.answer[data-answer="${title}"]`);

  it('sees each answer beside its finding, records how it was handled, and closes the exchange', async () => {
    await page.goto(findingsUrl());
    await visible(page.getByRole('heading', { level: 2, name: '意见交换记录' }));
    await visible(answer(titles[1]!).getByText('调拨单', { exact: false }));
    await visible(page.getByText('由 陈芳 提交反馈意见', { exact: false }));

    await answer(titles[0]!).getByLabel('处理结果').selectOption('UPHELD');
    await answer(titles[0]!).getByLabel('处理理由').fill('部门无异议，维持原意见。');
    await answer(titles[0]!).getByTestId('handling-save').click();
    await visible(answer(titles[0]!).getByTestId('handling').getByText('维持原意见', { exact: false }));

    await answer(titles[1]!).getByLabel('处理结果').selectOption('ACCEPTED');
    await answer(titles[1]!).getByLabel('处理理由').fill('调拨单证实设备已投入使用，撤回该问题。');
    await answer(titles[1]!).getByTestId('handling-save').click();
    await visible(answer(titles[1]!).getByTestId('handling').getByText('采纳', { exact: false }));
    // Accepted: the finding is withdrawn from the summary (struck through, kept).
    await page.locator(`tr[data-finding="${titles[1]}"]`).getByRole('button', { name: '撤回该问题' }).click();
    await visible(page.locator(`tr[data-finding="${titles[1]}"]`).getByText('已撤回'));
    await screenshot(page, 'findings-04-lead-handling', { fullPage: true });
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`passes axe and reflow on the desktop (${language})`, async () => {
      await page.evaluate((locale) => localStorage.setItem('jixiao.locale', locale), language);
      await page.goto(findingsUrl());
      await visible(page.getByTestId('exchange-record'));
      expect(await audit(page)).toEqual([]);
      expect(await reflow(page)).toEqual([]);
      if (language === 'en') await screenshot(page, 'findings-05-lead-en', { fullPage: true });
      await page.evaluate(() => localStorage.setItem('jixiao.locale', 'zh-CN'));
    });
  }

  it('closes the exchange with a confirmation; the report is drafted next', async () => {
    await page.goto(findingsUrl());
    await page.getByTestId('exchange-close').click();
    await page.getByTestId('confirm-close').getByRole('button', { name: '确认结束' }).click();
    await visible(page.getByTestId('engagement-state').getByText('撰写评价报告', { exact: false }));
    expect(await page.getByTestId('exchange-close').count()).toBe(0);
    const e = await apiAs(page, stack.url, 'GET', `/engagements/${engagementId}`);
    expect(e.body.state).toBe('DRAFT_REPORT');
  });

  it('adds a finding through the editor while the report is drafted, linked to an indicator', async () => {
    await page.goto(findingsUrl());
    await page.getByTestId('finding-add').click();
    const editor = page.locator('#finding-editor');
    await visible(editor.getByRole('heading', { name: '新增问题' }));
    await editor.getByLabel('问题类别').selectOption('RULES');
    await editor.getByLabel('问题名称').fill('政府采购程序不规范');
    await editor.getByLabel('事实描述').fill('2 批次教学设备采购未按规定公开招标。');
    await editor.getByLabel('涉及金额（元）').fill('386000.5');
    await editor.getByLabel('整改建议').fill('严格执行政府采购制度。');
    await editor.getByRole('checkbox').first().check();
    await editor.getByTestId('finding-save').click();
    const row = page.locator('tr[data-finding="政府采购程序不规范"]');
    await visible(row);
    expect(await row.locator('td.num').textContent()).toBe('386,000.50');
    await visible(row.getByText('指标 1 个', { exact: false }));
    await screenshot(page, 'findings-06-lead-added', { fullPage: true });
    const summary = await apiAs(page, stack.url, 'GET', `/engagements/${engagementId}/findings`);
    expect(summary.body.findings.at(-1)).toMatchObject({ category: 'RULES', amount: 386000.5 });
  });
});
