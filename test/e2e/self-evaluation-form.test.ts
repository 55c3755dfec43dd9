import { demoSelfEvaluationRoundId } from '@jixiao/infra/local/demo-self-evaluation.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launch, phone, reflow, screenshot } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * The year-end self-evaluation on a phone (390×844), against the local stack and its demo round of 2026
 * (docs/domain/self-evaluation.md, "The form"): the unit's preparer (刘洋) fills in the half-done table of
 * 智慧教育云平台建设 with one row below its target and one whose actual is not a number of its unit, and sees
 * each score and its derivation as she types; an edit not yet saved survives a reload on the device; the unit's
 * approver (赵丽) is refused until the reasons the rules ask for are given, then sends it. The performance
 * section (李明) draws the spot-check and adjusts a row of an approved table with its reason; the reviewed score
 * then counts. Both languages pass axe and reflow.
 */
let stack: LocalStack;
let browser: Browser;
let phones: Phones;
let tableId = '';

const project = '智慧教育云平台建设';
const shortRow = '优质数字教育资源共享学校占比';
const textRow = '师生满意度';
const judgedRow = '平台持续运行机制';

const api = (p: Page, method: string, path: string, body?: unknown) => apiAs(p, stack.url, method, path, body);
const row = (p: Page, name: string) => p.locator('li.row-card', { has: p.getByRole('heading', { name, exact: true }) });

const check = async (p: Page, name: string) => {
  expect(await audit(p), name).toEqual([]);
  expect(await reflow(p), name).toEqual([]);
  await screenshot(p, name);
};

const openTable = async (p: Page) => {
  await p.goto(`${stack.url}/self-evaluations/${tableId}`);
  await p.getByRole('heading', { name: '绩效指标' }).waitFor();
};

beforeAll(async () => {
  stack = await startWebStack('e2e-self-evaluation-form');
  browser = await launch();
  phones = new Phones(browser, stack.url, phone);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the project self-evaluation table on a phone', () => {
  it('the preparer finds the table among her unit’s and sees each score worked out as she types', async () => {
    const preparer = await phones.of('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/self-evaluations`);
    await preparer.getByRole('link', { name: new RegExp(project) }).click();
    await preparer.getByRole('heading', { name: '绩效指标' }).waitFor();
    tableId = preparer.url().split('/').pop()!;

    await preparer.getByLabel('全年实际完成情况').fill('平台一期建成并通过验收，接入30所中小学。');
    // Below target: 40 % against ≥ 50 % is scored by the share reached, 20 × 40/50.
    await row(preparer, shortRow).getByLabel('实际完成值').fill('40');
    await expect
      .poll(() => row(preparer, shortRow).locator('.score').textContent())
      .toMatch(/得分 16\.00 \/ 20.*16\.00/s);
    await row(preparer, shortRow).getByLabel('偏差原因').waitFor();
    // Not a number of its unit: no formula score and never full marks; a tier and a reason are asked for.
    await row(preparer, textRow).getByLabel('实际完成值').fill('较满意');
    await expect.poll(() => row(preparer, textRow).locator('.score').textContent()).toMatch(/无法按公式计分/);
    await row(preparer, textRow).getByLabel('部分达成年度指标并具有一定效果').check();
    await row(preparer, textRow).getByLabel('档次得分').fill('7');
    await expect.poll(() => row(preparer, textRow).locator('.score').textContent()).toMatch(/得分 7\.00 \/ 10/);
    await row(preparer, judgedRow).getByLabel('实际完成值').fill('运维管理制度已印发执行');
    await row(preparer, judgedRow).getByLabel('达成年度指标', { exact: true }).check();
    await row(preparer, judgedRow).getByLabel('档次得分').fill('9');
    // 7 (execution) + 20 + 15 + 10 + 5 + 16 + 9 + 7 = 89, graded 良 by the default bands.
    await expect.poll(() => preparer.getByTestId('se-total').textContent()).toMatch(/89\.00.*良/);
    await check(preparer, 'self-evaluation-form-filling-zh');
  });

  it('keeps an unsaved edit on the device through a reload', async () => {
    const preparer = await phones.of('unit-preparer', 'department');
    await preparer.reload();
    await preparer.getByText('这台设备上有尚未保存的修改。').waitFor();
    await preparer.getByRole('button', { name: '恢复修改' }).click();
    await expect.poll(() => row(preparer, shortRow).getByLabel('实际完成值').inputValue()).toBe('40');
    await expect.poll(() => row(preparer, textRow).getByLabel('档次得分').inputValue()).toBe('7');
    await preparer.getByRole('button', { name: '保存' }).click();
    await preparer.getByText(/已保存；还有 \d+ 处须在送审前补充。/).waitFor();
    const saved = (await api(preparer, 'GET', `/self-evaluations/${tableId}`)).body;
    expect(saved.reviewStatus).toBe('DRAFT');
    expect(saved.sheet.total).toBe(89);
    expect(saved.rows.find((r: { name: string }) => r.name === textRow)).toMatchObject({
      actual: '较满意',
      tier: 'PARTIAL',
      tierScore: '7',
    });
  });

  it('the approver is refused until the reasons are given, then sends it', async () => {
    const approver = await phones.of('unit-approver', 'department');
    await openTable(approver);
    await approver.getByRole('button', { name: '送审' }).click();
    const refusal = approver.locator('.refusal');
    await refusal.waitFor();
    await expect.poll(() => refusal.textContent()).toMatch(/偏差原因|改进措施|理由/);
    expect((await api(approver, 'GET', `/self-evaluations/${tableId}`)).body.reviewStatus).toBe('DRAFT');
    await check(approver, 'self-evaluation-form-refused-zh');

    const preparer = await phones.of('unit-preparer', 'department');
    await openTable(preparer);
    const short = row(preparer, shortRow);
    await short.getByLabel('偏差原因').fill('部分学校网络改造延期，资源共享接入推迟。');
    await short.getByLabel('改进措施').fill('与运营商约定改造时间表，按月通报接入进度。');
    const text = row(preparer, textRow);
    await text.getByLabel('无法计分的理由').fill('满意度调查按等级统计，未形成可与目标比较的百分比。');
    await text.getByLabel('偏差原因').fill('调查样本偏少，部分学校未组织调查。');
    await text.getByLabel('改进措施').fill('下一年度统一问卷，按百分比统计满意度。');
    // A judged row scored below its weight (9 of 10) needs them as well (rule 7).
    const judged = row(preparer, judgedRow);
    await judged.getByLabel('偏差原因').fill('制度印发较晚，执行不足一个季度。');
    await judged.getByLabel('改进措施').fill('按季度检查运维制度执行情况。');
    await preparer.getByRole('button', { name: '保存' }).click();
    await preparer.getByText('已保存。', { exact: true }).waitFor();

    await openTable(approver);
    await approver.locator('#se-submit-opinion').fill('经单位审核，同意报送。');
    await approver.getByRole('button', { name: '送审' }).click();
    // With nothing left to fix, 送审 asks first, naming the department that will review it.
    const confirm = approver.getByRole('dialog', { name: '确认送审' });
    await confirm.getByText(/主管部门.+将收到待审事项/).waitFor();
    await confirm.getByRole('button', { name: '送审' }).click();
    await expect
      .poll(async () => (await api(approver, 'GET', `/self-evaluations/${tableId}`)).body.reviewStatus)
      .toBe('UNIT_SUBMITTED');
    await approver
      .getByText(/已送审/)
      .first()
      .waitFor();
    await check(approver, 'self-evaluation-form-sent-zh');
  });

  it('reads well in English too', async () => {
    const page = await phones.fresh({ ...phone });
    await page.context().addInitScript(() => localStorage.setItem('jixiao.locale', 'en'));
    await signInAs(page, stack.url, 'unit-preparer', 'department');
    await page.goto(`${stack.url}/self-evaluations/${tableId}`);
    await page.getByRole('heading', { name: 'Indicators' }).waitFor();
    await check(page, 'self-evaluation-form-sent-en');
    await page.goto(`${stack.url}/self-evaluations`);
    await page.getByRole('link', { name: new RegExp(project) }).waitFor();
    await check(page, 'self-evaluation-list-en');
  });

  it('the performance section spot-checks an approved table and adjusts a row with its reason', async () => {
    const perf = await phones.of('perf-reviewer', 'bureau');
    const round = (await api(perf, 'GET', `/self-evaluation-rounds/${demoSelfEvaluationRoundId}`)).body;
    const drawn = await api(perf, 'POST', `/self-evaluation-rounds/${demoSelfEvaluationRoundId}/spot-check`, {
      version: round.version,
      sharePct: 100,
      seed: '5eed00c0ffee0001',
    });
    expect(drawn.status).toBe(200);
    // The department's own list finds the approved table; the bureau reads it by id.
    const preparer = await phones.of('unit-preparer', 'department');
    const approved = (
      await api(preparer, 'GET', `/self-evaluation-rounds/${demoSelfEvaluationRoundId}/self-evaluations?q=DL2026JY0002`)
    ).body.items[0];
    expect(approved.reviewStatus).toBe('FINAL_APPROVED');
    const selfScore = approved.total as number;

    await perf.goto(`${stack.url}/self-evaluations/${approved.id}/spot-check`);
    await perf.getByRole('heading', { name: '逐项复核' }).waitFor();
    const first = perf.locator('li.row').first();
    const weight = Number(await first.locator('dt:text-is("分值") + dd').textContent());
    const rowSelf = Number(await first.locator('dt:text-is("自评得分") + dd').textContent());
    await first.getByLabel('复核得分').fill(String(weight + 1));
    await perf.getByRole('button', { name: '完成复核' }).click();
    await expect.poll(() => first.textContent()).toMatch(new RegExp(`不能超过|0–${weight}|理由`));
    expect((await api(perf, 'GET', `/self-evaluations/${approved.id}`)).body.spotCheck.reviewedTotal).toBeNull();

    const adjusted = rowSelf - 2;
    await first.getByLabel('复核得分').fill(String(adjusted));
    await first.getByLabel('调整理由').fill('台账显示实际完成值低于填报数，按台账计分。');
    await perf.getByRole('textbox', { name: '复核意见' }).fill('抽查复核：按台账调整一项指标。');
    await perf.getByRole('button', { name: '完成复核' }).click();
    await perf.getByText('复核已完成，复核分现为计分。').waitFor();
    const after = (await api(perf, 'GET', `/self-evaluations/${approved.id}`)).body;
    expect(after.spotCheck.reviewedTotal).toBeCloseTo(selfScore - 2, 2);
    expect(await perf.getByTestId('score-gap').textContent()).toBe('−2.00');
    expect(await perf.getByTestId('counted-note').textContent()).toContain(after.spotCheck.reviewedTotal.toFixed(2));
    await check(perf, 'self-evaluation-spot-check-zh');

    const english = await phones.fresh({ ...phone });
    await english.context().addInitScript(() => localStorage.setItem('jixiao.locale', 'en'));
    await signInAs(english, stack.url, 'perf-reviewer', 'bureau');
    await english.goto(`${stack.url}/self-evaluations/${approved.id}/spot-check`);
    await english.getByTestId('reviewed-score').waitFor();
    await check(english, 'self-evaluation-spot-check-en');
    for (const watch of phones.watches) expect(watch.violations).toEqual([]);
  });
});
