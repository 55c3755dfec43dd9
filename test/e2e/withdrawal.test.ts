import { randomUUID } from 'node:crypto';
import { uuidV7 } from '@jixiao/core/ids.ts';
import type { TargetRow } from '@jixiao/core/submission/performance-target.ts';
import { newTargetRow } from '@jixiao/core/submission/target-row.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import { demoLibraryEntry, demoProjectYear } from '@jixiao/infra/local/demo-projects.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launch, phone, screenshot } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * Confirmations and withdrawal (撤回, docs/domain/submission.md#withdrawal) on a 390×844 phone against the
 * local stack: the unit approver sends a complete target, reading the confirmation's summary first
 * (the department that will find it waiting); withdraws it behind a confirmation (Esc cancels and
 * gives focus back); edits the draft it is again and sends it once more. The timeline names each
 * step. The dialogs pass axe in Chinese and in English.
 */
let stack: LocalStack;
let browser: Browser;
let phones: Phones;

const suffix = randomUUID().replaceAll('-', '').slice(0, 6).toUpperCase();
const projectName = `撤回演示项目${suffix.slice(0, 3)}`;
let targetId = '';

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const api = (p: Page, method: string, path: string, body?: unknown) => apiAs(p, stack.url, method, path, body);

const row = (overrides: Partial<TargetRow>): TargetRow =>
  newTargetRow(uuidV7(), {
    name: '培训人次',
    value: '100',
    unit: '人次',
    weight: 20,
    scoringStandard: '按完成比例计分',
    ...overrides,
  });
const completeRows = (): TargetRow[] => [
  row({ weight: 20 }),
  row({ level2: 'QUALITY', name: '合格率', unit: '%', value: '95', weight: 15 }),
  row({ level2: 'TIMELINESS', name: '完成时限', operator: 'LTE', unit: '月', value: '11', weight: 10 }),
  row({
    level2: 'COST',
    name: '户均补贴金额',
    operator: 'LTE',
    unit: '万元/户',
    value: '1.5',
    weight: 5,
    libraryIndicatorId: demoLibraryEntry('GX-TS-006', demoProjectYear),
    custom: false,
  }),
  row({
    level1: 'BENEFIT',
    level2: 'SOCIAL',
    name: '社会效益',
    operator: 'QUALITATIVE',
    value: '明显提升',
    unit: '',
    weight: 30,
  }),
  row({ level1: 'SATISFACTION', level2: 'SERVICE_RECIPIENT', name: '满意度', unit: '%', value: '90', weight: 10 }),
];

const noFindings = async (p: Page) => expect(await audit(p)).toEqual([]);

beforeAll(async () => {
  stack = await startWebStack('e2e-withdrawal');
  browser = await launch();
  phones = new Phones(browser, stack.url);
  // A complete first version of a new project of the education bureau's unit, made as its preparer.
  const preparer = await phones.of('unit-preparer', 'department');
  const project = await api(preparer, 'POST', '/projects', {
    id: uuidV7(),
    fiscalYear: demoProjectYear,
    code: `E2EW${suffix}`,
    name: projectName,
    unitId: demoId('unit:102001'),
    category: 'SPECIFIC_PURPOSE',
    nature: 'CONTINUING',
    recurrence: 'RECURRING',
    periodStart: demoProjectYear,
    periodEnd: demoProjectYear,
    funds: { fiscal: 1_000_000_00, carryOver: 0, other: 0 },
    functionalClass: '20502',
    majorPolicy: false,
  });
  expect(project.status).toBe(201);
  const created = await api(preparer, 'POST', `/projects/${project.body.id}/targets`, { id: uuidV7() });
  const saved = await api(preparer, 'PATCH', `/targets/${created.body.id}`, {
    version: created.body.version,
    annualGoal: '完成年度培训任务',
    rows: completeRows(),
  });
  expect(saved.body.checks).toEqual([]);
  targetId = String(saved.body.id);
}, 180_000);

afterAll(async () => {
  expect(phones?.watches.flatMap((w) => [...w.violations, ...w.pageErrors]) ?? []).toEqual([]);
  await browser?.close();
  await stack?.stop();
});

/** The unit approver presses 送审, reads what will happen, and confirms. */
const sendWithConfirmation = async (approver: Page, shot?: string) => {
  const submit = approver.getByRole('button', { name: '送审', exact: true });
  await expect.poll(() => submit.isEnabled()).toBe(true);
  await submit.click();
  const confirm = approver.getByRole('dialog', { name: '确认送审' });
  await visible(confirm.getByText('送审后，本单位不能再修改，主管部门东丽区教育局将收到待审事项。'));
  if (shot) {
    await noFindings(approver);
    await screenshot(approver, shot, { fullPage: false });
  }
  await confirm.getByRole('button', { name: '送审' }).click();
  await confirm.waitFor({ state: 'detached' });
  await visible(approver.getByRole('status').getByText('已送审，等待主管部门审核。'));
};

describe('a unit approver withdraws a target it sent, edits it and sends it again', () => {
  it('送审 asks first, saying which department will review it', async () => {
    const approver = await phones.of('unit-approver', 'department');
    await approver.goto(`${stack.url}/targets/${targetId}`);
    await visible(approver.getByRole('heading', { level: 2, name: '送审', exact: true }));
    // Cancelling sends nothing.
    await approver.getByRole('button', { name: '送审', exact: true }).click();
    const confirm = approver.getByRole('dialog', { name: '确认送审' });
    await visible(confirm);
    await confirm.getByRole('button', { name: '取消' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await api(approver, 'GET', `/targets/${targetId}`)).body.reviewStatus).toBe('DRAFT');

    await sendWithConfirmation(approver, 'withdrawal-01-submit-confirm');
    await visible(approver.locator('.chips').getByText('单位已送审'));
  });

  it('撤回 is offered while the department has not acted, confirms with a summary, and makes it a draft again', async () => {
    const approver = await phones.of('unit-approver', 'department');
    const section = approver.locator('section.withdraw');
    await visible(section.getByRole('heading', { level: 2, name: '撤回' }));
    await section.getByLabel('撤回说明（选填）').fill('满意度目标值需与主管部门再核对');
    const open = section.getByRole('button', { name: '撤回' });
    await open.click();
    const confirm = approver.getByRole('dialog', { name: '确认撤回' });
    await visible(
      confirm.getByText(
        `撤回后，“${projectName}”回到本单位草稿状态，可修改后重新送审；主管部门东丽区教育局的待审事项中不再出现。`,
      ),
    );
    await noFindings(approver);
    await screenshot(approver, 'withdrawal-02-withdraw-confirm', { fullPage: false });
    // Esc cancels, and focus goes back to the button that opened it.
    await approver.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => approver.evaluate(() => document.activeElement?.textContent?.trim())).toBe('撤回');
    expect((await api(approver, 'GET', `/targets/${targetId}`)).body.reviewStatus).toBe('UNIT_SUBMITTED');

    await open.click();
    await confirm.getByRole('button', { name: '撤回' }).click();
    await visible(approver.getByRole('status').getByText(`已撤回“${projectName}”：草稿。`));
    await visible(approver.locator('.chips').getByText('草稿'));
    await visible(approver.getByRole('listitem').getByText('单位撤回').first());
    expect(await approver.locator('section.withdraw').count()).toBe(0);
    await screenshot(approver, 'withdrawal-03-withdrawn');
  });

  it('the draft is edited and sent again; the stored log names every step', async () => {
    const approver = await phones.of('unit-approver', 'department');
    await approver.getByLabel('年度目标').fill('完成年度培训任务，满意度不低于90%');
    await approver.getByRole('button', { name: '保存草稿' }).click();
    await visible(approver.getByRole('status').getByText('草稿已保存，已满足送审条件。'));
    await sendWithConfirmation(approver);
    const stored = (await api(approver, 'GET', `/targets/${targetId}`)).body;
    expect(stored).toMatchObject({ reviewStatus: 'UNIT_SUBMITTED', annualGoal: '完成年度培训任务，满意度不低于90%' });
    expect(stored.reviewLog.map((s: { action: string; opinion: string }) => [s.action, s.opinion])).toEqual([
      ['submit', ''],
      ['unit-withdraw', '满意度目标值需与主管部门再核对'],
      ['submit', ''],
    ]);
    // Sent once more, it may be withdrawn once more (nobody has acted yet).
    await visible(approver.locator('section.withdraw').getByRole('button', { name: '撤回' }));
  });

  it('the dialog reads well in English too', async () => {
    const page = await phones.fresh({ ...phone });
    await page.context().addInitScript(() => localStorage.setItem('jixiao.locale', 'en'));
    await signInAs(page, stack.url, 'unit-approver', 'department');
    await page.goto(`${stack.url}/targets/${targetId}`);
    const open = page.locator('section.withdraw').getByRole('button', { name: 'Withdraw' });
    await open.click();
    const confirm = page.getByRole('dialog', { name: 'Withdraw it?' });
    await visible(confirm.getByText(`“${projectName}” becomes a draft of your unit again`, { exact: false }));
    await noFindings(page);
    await screenshot(page, 'withdrawal-04-withdraw-confirm-en', { fullPage: false });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await api(page, 'GET', `/targets/${targetId}`)).body.reviewStatus).toBe('UNIT_SUBMITTED');
  });
});
