import { randomUUID } from 'node:crypto';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReleasedEngagement } from '../support/fieldwork-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { audit, launch, phone, reflow, screenshot, webBuild } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { requireWebBuild } from './web-stack.ts';

/**
 * The account check (账务核查, issue 13 item 2; docs/domain/key-evaluation.md#the-account-check). The agency's lead
 * 周敏, on a desktop, imports a list with a bad row (each bad row is named, nothing imported), then the corrected CSV
 * of 30 payments; draws the sample with a seed (the method text names it); checks one sampled payment as abnormal
 * against its contract with an explanation; the totals count it. axe in zh and en; the page on a 390×844 phone.
 */
let stack: TestStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let engagementId = '';

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const url = () => `${stack.url}/engagements/${engagementId}/account-check`;

const header = '支付日期,收款人,金额（元）,合同号/凭证号,指标下达日期,验收节点';
const lines = Array.from({ length: 30 }, (_, i) => {
  const amount = i < 4 ? 600_000 + i * 1000 : 2000 + i * 150;
  return `2026-${String((i % 9) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')},天津东丽建设工程有限公司${i + 1}标段,${amount}.00,HT-2026-${String(i + 1).padStart(3, '0')},2026-01-15,第${(i % 3) + 1}期验收`;
});
const goodCsv = [header, ...lines].join('\r\n');
const badCsv = [header, '2026-02-30,甲公司,100,,,', '2026-03-01,乙公司,十万,,,'].join('\r\n');

const upload = async (name: string, text: string) => {
  await page
    .locator('#ac-import-file')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  await page.getByTestId('ac-import').click();
};

beforeAll(async () => {
  requireWebBuild();
  stack = await startTestStack({ webRoot: webBuild, tableName: `e2e-account-check-${randomUUID()}` });
  browser = await launch();
  engagementId = (
    await seedReleasedEngagement(stack.store, demoTenant.id, {
      departmentId: demoId('department:102'),
      agencyId: demoId('agency:91120110MA05JX8K2Q'),
      evaluatorId: demoId('user:evaluator'),
      leadId: demoId('user:agency-lead'),
    })
  ).engagement;
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await signInAs(page, stack.url, 'agency-lead', 'field');
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

describe('the agency lead checks the payments', () => {
  it('names each bad row of a refused list and imports nothing', async () => {
    await page.goto(url());
    await visible(page.getByRole('heading', { level: 1, name: '账务核查' }));
    await upload('支付清单（有误）.csv', badCsv);
    const error = page.getByTestId('ac-import-error');
    await visible(error.getByText('第 2 行 A 列（支付日期）：“2026-02-30”不是日期', { exact: false }));
    await visible(error.getByText('第 3 行 C 列（金额（元））：“十万”不是金额', { exact: false }));
    await screenshot(page, 'account-check-01-refused-list');
    const read = await apiAs(page, stack.url, 'GET', `/engagements/${engagementId}/account-check`);
    expect(read.body.items).toEqual([]);
  });

  it('imports the list, draws the sample with a seed and checks a payment as abnormal', async () => {
    await upload('支付清单.csv', goodCsv);
    await visible(page.getByTestId('ac-totals').getByText(/^30 笔 · /));
    await page.getByLabel('金额门槛（元，≥ 门槛全部抽取）').fill('500000');
    await page.getByLabel('其余支付随机抽取比例（%）').fill('20');
    await page.getByLabel('随机种子（可不填）').fill('5eed2026');
    await page.getByTestId('ac-draw').click();
    // 4 payments at or above 50万; 26 below, 20 % of which is 5.2, rounded up to 6.
    await visible(
      page
        .getByTestId('ac-method')
        .getByText('全部 ≥ 500,000.00 元的支付，以及其余支付中按种子 5eed2026 随机抽取的 20 %（6 笔）'),
    );
    await visible(page.getByTestId('ac-totals').getByText(/^10 笔 · /));

    await page.getByLabel('显示').selectOption('sample');
    const first = page.locator('tr.sampled').first();
    const payee = (await first.locator('th').textContent())?.trim() ?? '';
    await first.getByRole('button', { name: /^核查/ }).click();
    const form = page.locator('#ac-check-form');
    await visible(form.getByRole('heading', { name: `核查支付：${payee}` }));
    await form.getByRole('group', { name: '与合同核对（金额、收款人是否一致）' }).getByLabel('异常').check();
    expect(await form.getByTestId('ac-abnormal').isChecked()).toBe(true);
    await screenshot(page, 'account-check-02-check-form');
    // Saving without the explanation is held by the form (required), then saved with it.
    await form.getByLabel('情况说明', { exact: false }).fill('付款金额超过合同约定的本期进度款 5 万元，未见补充协议。');
    await form.getByLabel('佐证编号').fill('ZW-2026-017');
    await form.getByTestId('ac-check-save').click();
    await form.waitFor({ state: 'detached' });
    await visible(page.getByTestId('ac-abnormal-total').getByText('1 笔', { exact: false }));
    const row = page.locator('tr.abnormal');
    await visible(row.getByText('付款金额超过合同约定', { exact: false }));
    await screenshot(page, 'account-check-03-checked');

    const read = await apiAs(page, stack.url, 'GET', `/engagements/${engagementId}/account-check`);
    const abnormal = read.body.items.filter((p: { check: { abnormal: boolean } | null }) => p.check?.abnormal);
    expect(abnormal).toHaveLength(1);
    expect(abnormal[0]).toMatchObject({
      payee,
      check: { contract: 'ABNORMAL', abnormal: true, evidenceNumber: 'ZW-2026-017' },
    });
    expect(read.body.sample).toMatchObject({ seed: '5eed2026', random: 6, aboveThreshold: 4 });
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`passes axe (${language})`, async () => {
      await page.evaluate((locale) => localStorage.setItem('jixiao.locale', locale), language);
      await page.goto(url());
      await visible(page.getByTestId('ac-method'));
      expect(await audit(page)).toEqual([]);
      if (language === 'en') {
        await visible(page.getByRole('heading', { level: 1, name: 'Account check' }));
        await screenshot(page, 'account-check-04-en');
      }
      await page.evaluate(() => localStorage.setItem('jixiao.locale', 'zh-CN'));
    });
  }

  it('is usable on a 390×844 phone', async () => {
    const phoneContext = await browser.newContext(phone);
    const small = await phoneContext.newPage();
    await signInAs(small, stack.url, 'agency-lead', 'field');
    await small.goto(url());
    await visible(small.getByTestId('ac-method'));
    expect(await audit(small)).toEqual([]);
    expect(await reflow(small)).toEqual([]);
    await screenshot(small, 'account-check-05-phone');
    await phoneContext.close();
  });
});
