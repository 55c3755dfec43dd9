import { selfEvaluationId } from '@jixiao/functions/self-evaluation/round-operations.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import { demoSelfEvaluationRoundId } from '@jixiao/infra/local/demo-self-evaluation.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launch, phone, reflow, screenshot } from './browser.ts';
import { apiAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * The reviewer's step as a self-evaluation shows it (#lib/components/review-decision.svelte, which a monitoring
 * report's review shows as well: test/e2e/monitoring.test.ts approves one with it), on a 390×844 phone against the
 * local stack and the demo's table of 教育局 that waits for its department (DL2026JY0003): the department reviewer is
 * refused a return without an opinion, beside the opinion; comments on one row; cancels the confirmation, which
 * names the unit it goes back to; then returns it. The API has it returned with that opinion and only that row's
 * comment. Axe and reflow with the comments open and with the dialog.
 */
let stack: LocalStack;
let browser: Browser;
let phones: Phones;

const tableId = selfEvaluationId(demoSelfEvaluationRoundId, demoId('project:DL2026JY0003'));
const api = (p: Page, method: string, path: string) => apiAs(p, stack.url, method, path);

const check = async (p: Page, name: string) => {
  expect(await audit(p), name).toEqual([]);
  expect(await reflow(p), name).toEqual([]);
  await screenshot(p, name, { fullPage: false });
};

beforeAll(async () => {
  stack = await startWebStack('e2e-review-decision');
  browser = await launch();
  phones = new Phones(browser, stack.url, phone);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the reviewer’s step on a self-evaluation', () => {
  it('a return needs an opinion, carries a row’s comment, and asks first, naming the unit', async () => {
    const reviewer = await phones.of('dept-reviewer', 'department');
    const before = (await api(reviewer, 'GET', `/self-evaluations/${tableId}`)).body;
    expect(before.reviewStatus).toBe('UNIT_SUBMITTED');
    await reviewer.goto(`${stack.url}/self-evaluations/${tableId}`);
    const decision = reviewer.locator('section.decision');
    await decision.getByRole('heading', { name: '主管部门审核' }).waitFor();

    await decision.getByRole('button', { name: '退回修改' }).click();
    await reviewer.locator('#se-review-opinion-error:not(:empty)').waitFor();
    await expect.poll(() => reviewer.evaluate(() => document.activeElement?.id)).toBe('se-review-opinion');
    expect(await reviewer.getByRole('dialog').count()).toBe(0);

    const row = before.rows[0] as { rowId: string; name: string };
    await decision.getByText('逐行意见').click();
    await decision.locator(`#se-comment-${row.rowId}`).fill('  请补充该指标的佐证材料。 ');
    await reviewer.locator('#se-review-opinion').fill('佐证不足，请补充后重新送审。');
    await check(reviewer, 'review-decision-01-row-comment-zh');

    await decision.getByRole('button', { name: '退回修改' }).click();
    const confirm = reviewer.getByRole('dialog', { name: '确认退回' });
    await confirm.getByText(`退回后，${before.unitName}将收到退回意见，修改后重新送审。`).waitFor();
    await check(reviewer, 'review-decision-02-return-confirm-zh');
    await confirm.getByRole('button', { name: '取消' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await api(reviewer, 'GET', `/self-evaluations/${tableId}`)).body.reviewStatus).toBe('UNIT_SUBMITTED');

    await decision.getByRole('button', { name: '退回修改' }).click();
    await confirm.getByRole('button', { name: '退回修改' }).click();
    await reviewer.getByText('已处理，当前状态：', { exact: false }).waitFor();
    const after = (await api(reviewer, 'GET', `/self-evaluations/${tableId}`)).body;
    expect(after.reviewStatus).toBe('RETURNED');
    expect(after.reviewLog.at(-1)).toMatchObject({
      opinion: '佐证不足，请补充后重新送审。',
      rowComments: { [row.rowId]: '请补充该指标的佐证材料。' },
    });
    expect(await reviewer.locator('section.decision').count()).toBe(0);
  });
});
