import { randomUUID } from 'node:crypto';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { newTargetRow } from '@jixiao/core/submission/target-row.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, screenshot } from './browser.ts';
import { apiAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * A project's performance targets from registration to final approval (docs/domain/submission.md), on
 * a phone, against the local stack: the unit preparer registers a 2027 project and builds its
 * targets from the library (and one custom row) with the rules checked as they type; the unit
 * approver sends it; the department returns it with a comment on one row; the preparer fixes that
 * row; it is sent again and passes the department, the first review and the final review (良).
 */
let stack: LocalStack;
let browser: Browser;
let phones: Phones;

const suffix = randomUUID().replaceAll('-', '').slice(0, 6).toUpperCase();
const project = { code: `E2E2027${suffix}`, name: `困难家庭临时救助${suffix.slice(0, 3)}` };
const customRow = '困难家庭入户核查完成率';
const rowComment = '入户核查完成率目标偏低，请提高到98%。';
let projectId = '';
let targetId = '';

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

/** A phone of its own for each person, signed in on their workspace. */
const personFor = (username: string, workspace: string): Promise<Page> => phones.of(username, workspace);

const api = (p: Page, method: string, path: string, body?: unknown) => apiAs(p, stack.url, method, path, body);

/** Picks a library entry by name from the picker and sets the new row's weight in the row editor. */
const pickFromLibrary = async (p: Page, name: string, weight: string) => {
  await p.getByRole('button', { name: '从指标库选取' }).click();
  const picker = p.getByRole('dialog', { name: '从指标库选取' });
  await visible(picker);
  await picker.getByLabel('搜索').fill(name);
  await picker.getByRole('button', { name: `选用 ${name}` }).click();
  const editor = p.getByRole('dialog', { name: '编辑指标' });
  await visible(editor);
  expect(await editor.getByLabel('三级指标名称').inputValue()).toBe(name);
  await editor.getByLabel('权重（分）').fill(weight);
  await editor.getByRole('button', { name: '完成' }).click();
  await editor.waitFor({ state: 'detached' });
};

/** Opens the version from the person's review queue, found by the project code. */
const openFromQueue = async (p: Page, workspace: string, link: RegExp) => {
  await p.goto(`${stack.url}/${workspace}`);
  await p.getByRole('link', { name: link }).click();
  await p.waitForURL('**/review');
  await p.getByLabel('搜索').fill(project.code);
  const item = p.locator('li.entry', { hasText: project.code });
  await visible(item);
  await visible(p.locator('.results').getByText('已显示 1 条'));
  await item.locator('a').click();
  await p.waitForURL(`**/review/${targetId}`);
  await visible(p.getByRole('heading', { level: 1, name: project.name }));
};

/** The unit approver opens the version and sends it on. */
const approverSubmits = async (opinion: string) => {
  const approver = await personFor('unit-approver', 'department');
  await approver.goto(`${stack.url}/targets/${targetId}`);
  await visible(approver.getByRole('heading', { level: 2, name: '送审', exact: true }));
  const submit = approver.getByRole('button', { name: '送审', exact: true });
  await expect.poll(() => submit.isEnabled()).toBe(true);
  await approver.getByLabel('单位意见（选填）').fill(opinion);
  await submit.click();
  // 送审 asks first, naming the department that will find it waiting.
  const confirm = approver.getByRole('dialog', { name: '确认送审' });
  await visible(confirm.getByText('送审后，本单位不能再修改，主管部门东丽区教育局将收到待审事项。'));
  await confirm.getByRole('button', { name: '送审' }).click();
  await visible(approver.getByRole('status').getByText('已送审，等待主管部门审核。'));
  await visible(approver.locator('.chips').getByText('单位已送审'));
};

beforeAll(async () => {
  stack = await startWebStack('e2e-targets');
  browser = await launch();
  phones = new Phones(browser, stack.url);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('performance targets from registration to final approval', () => {
  it('the unit preparer registers a 2027 project from the project library, money in 万元 stored as exact fen', async () => {
    const preparer = await personFor('unit-preparer', 'department');
    await preparer.getByRole('link', { name: /^项目与绩效目标/ }).click();
    await preparer.waitForURL('**/projects');
    await visible(preparer.getByRole('heading', { level: 1, name: '项目库' }));
    expect(await preparer.getByLabel('预算年度').inputValue()).toBe('2027');
    await visible(preparer.locator('li.project', { hasText: '家庭经济困难学生资助' }));
    await screenshot(preparer, 'targets-01-project-list');

    // Loading the page reads the list once, also while the person's record is read again after start.
    const listReads: string[] = [];
    const countListReads = (request: { method(): string; url(): string }) => {
      if (request.method() === 'GET' && new URL(request.url()).pathname === '/api/v1/projects')
        listReads.push(request.url());
    };
    preparer.on('request', countListReads);
    await preparer.reload();
    await visible(preparer.locator('li.project', { hasText: '家庭经济困难学生资助' }));
    await preparer.waitForLoadState('networkidle');
    preparer.off('request', countListReads);
    expect(listReads).toHaveLength(1);

    await preparer.getByRole('link', { name: '新建项目' }).click();
    await preparer.waitForURL('**/projects/new');
    // An empty required field says it is required; only a field of spaces is "blank".
    await preparer.getByRole('button', { name: '创建项目' }).click();
    await visible(preparer.locator('#project-name-error', { hasText: '此项必填' }));
    await preparer.getByLabel('项目名称').fill('   ');
    await visible(preparer.locator('#project-name-error', { hasText: '不能只填空格' }));
    await preparer.getByLabel('项目名称').fill(project.name);
    await preparer.getByLabel('项目编码').fill('ab1');
    await visible(preparer.getByText('项目编码应为 6–21 位数字或大写字母'));
    await preparer.getByLabel('项目编码').fill(project.code);
    await preparer.getByLabel('项目类别').selectOption({ label: '特定目标类' });
    await preparer.getByLabel('项目性质').selectOption({ label: '新增项目' });
    await preparer.getByLabel('支出频次').selectOption({ label: '一次性' });
    const fiscal = preparer.getByLabel('财政拨款');
    await fiscal.fill('123.4567891');
    await visible(preparer.locator('#project-fiscal-error', { hasText: '以万元计最多 6 位小数（精确到分）' }));
    expect(await fiscal.getAttribute('aria-invalid')).toBe('true');
    await fiscal.fill('123.45');
    expect(await preparer.locator('#project-fiscal-error').textContent()).toBe('');
    await preparer.getByLabel('其他资金').fill('0.06');
    await visible(preparer.getByText('123.51 万元'));
    await preparer.getByLabel('支出功能分类').fill('20802');
    await preparer.getByLabel('项目说明').fill('对遭遇突发困难的家庭给予临时救助。');
    await screenshot(preparer, 'targets-02-project-form');
    await preparer.getByRole('button', { name: '创建项目' }).click();

    await preparer.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    projectId = preparer.url().split('/').at(-1) ?? '';
    await visible(preparer.getByRole('heading', { level: 1, name: project.name }));
    await visible(preparer.getByText('目标未填报'));
    const stored = await api(preparer, 'GET', `/projects/${projectId}`);
    expect(stored.body).toMatchObject({
      code: project.code,
      fiscalYear: 2027,
      category: 'SPECIFIC_PURPOSE',
      nature: 'NEW',
      funds: { fiscal: 123_450_000, carryOver: 0, other: 60_000 },
      stage: 'PROPOSED',
    });
    await screenshot(preparer, 'targets-03-project-page');
  });

  it('builds the targets from the library and a custom row, with the rules shown as they are broken and fixed', async () => {
    const preparer = await personFor('unit-preparer', 'department');
    await preparer.getByRole('button', { name: '填报绩效目标' }).click();
    await preparer.waitForURL(/\/targets\/[0-9a-f-]{36}$/);
    targetId = preparer.url().split('/').at(-1) ?? '';
    await visible(preparer.getByRole('heading', { level: 1, name: '绩效目标（第 1 版）' }));
    // A new draft: every missing part is listed in Chinese before anything is typed.
    await visible(preparer.locator('#target-annualGoal-error', { hasText: '此项必填' }));
    await visible(preparer.getByText('年度指标中至少要有一项产出指标'));
    await preparer.getByLabel('年度目标').fill('对符合条件的困难家庭及时给予临时救助，做到应救尽救。');
    expect(await preparer.locator('#target-annualGoal-error').textContent()).toBe('');

    await pickFromLibrary(preparer, '补贴发放人次', '30');
    // The rows carry 30 of the 90 points the year's weights give the indicators: said beside the grid.
    await visible(preparer.getByText('年度指标权重合计应为 90 分（另有预算执行率 10 分，共 100 分；当前 30 分）'));

    // A custom row: nothing is complained about before it is typed; a quantitative value without a
    // unit is flagged on the spot.
    await preparer.getByRole('button', { name: '添加自定义指标' }).click();
    const editor = preparer.getByRole('dialog', { name: '编辑自定义指标' });
    await visible(editor);
    expect(await editor.locator('#row-weight-error').textContent()).toBe('');
    expect(await editor.locator('#row-name-error').textContent()).toBe('');
    expect(await editor.getByLabel('权重（分）').getAttribute('aria-invalid')).not.toBe('true');
    await editor.getByLabel('三级指标名称').fill(customRow);
    await editor.getByLabel('二级指标').selectOption({ label: '质量指标' });
    await editor.getByLabel('指标值', { exact: true }).fill('95');
    await editor.getByLabel('评（扣）分标准').fill('完成率达到目标值得满分，每低1个百分点扣1分');
    await editor.getByLabel('权重（分）').fill('20');
    await visible(editor.locator('#row-unit-error', { hasText: '定量指标必须填写计量单位' }));
    expect(await editor.getByLabel('计量单位').getAttribute('aria-invalid')).toBe('true');
    await screenshot(preparer, 'targets-04-row-editor-error', { fullPage: false });
    await editor.getByLabel('计量单位').fill('%');
    await expect.poll(() => editor.locator('#row-unit-error').textContent()).toBe('');
    await editor.getByRole('button', { name: '完成' }).click();
    await editor.waitFor({ state: 'detached' });
    await visible(preparer.getByText('当前 50 分）'));

    await pickFromLibrary(preparer, '补贴政策知晓率', '30');
    await pickFromLibrary(preparer, '受益对象满意度', '10');
    await visible(preparer.locator('.totals').getByText('90 / 90 分'));
    expect(await preparer.locator('[data-target-warnings]').count()).toBe(0);
    expect(await preparer.locator('.grid-errors').count()).toBe(0);
    const custom = preparer.locator('[data-row]', { hasText: customRow });
    await visible(custom.getByText('自定义'));
    await screenshot(preparer, 'targets-05-editor-filled');

    await preparer.getByRole('button', { name: '保存草稿' }).click();
    await visible(preparer.getByRole('status').getByText('草稿已保存，已满足送审条件。'));
    await visible(preparer.getByText('保存草稿后，由单位负责人确认送审。'));

    const stored = await api(preparer, 'GET', `/targets/${targetId}`);
    expect(stored.body.reviewStatus).toBe('DRAFT');
    expect(stored.body.checks).toEqual([]);
    expect(stored.body.rows).toHaveLength(4);
    expect(
      stored.body.rows.map((r: { name: string; weight: number; custom: boolean }) => [r.name, r.weight, r.custom]),
    ).toEqual([
      ['补贴发放人次', 30, false],
      [customRow, 20, true],
      ['补贴政策知晓率', 30, false],
      ['受益对象满意度', 10, false],
    ]);
  });

  it('the unit approver sends it; the department returns it with a comment on the custom row', async () => {
    await approverSubmits('经单位审核，同意送审。');

    const reviewer = await personFor('dept-reviewer', 'department');
    await openFromQueue(reviewer, 'department', /^待审核/);
    await screenshot(reviewer, 'targets-06-review-page');
    await reviewer.getByRole('button', { name: `对“${customRow}”的意见` }).click();
    await reviewer.getByLabel(`对“${customRow}”的意见`).fill(rowComment);
    await reviewer.getByRole('button', { name: '退回修改' }).click();
    const confirm = reviewer.getByRole('dialog', { name: '确认退回' });
    await visible(confirm.getByText(/将收到退回意见，修改后重新送审。$/));
    await confirm.getByRole('button', { name: '退回修改' }).click();
    await reviewer.waitForURL('**/review');
    await visible(reviewer.getByRole('status').getByText(`已办理“${project.name}”：被退回。`));
    await visible(reviewer.getByText('没有等待你审核的绩效目标。'));
  });

  it('the preparer sees the comment on that row, fixes the row and saves', async () => {
    const preparer = await personFor('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/projects/${projectId}`);
    await visible(preparer.getByText('目标：被退回'));
    await preparer.getByRole('link', { name: '继续填报绩效目标' }).click();
    await visible(preparer.getByRole('heading', { level: 2, name: '已被退回，请按审核意见修改后重新送审' }));
    const row = preparer.locator('[data-row]', { hasText: customRow });
    await visible(row.getByRole('note').getByText(rowComment));
    expect(await row.evaluate((el) => el.classList.contains('flagged'))).toBe(true);
    // Only that row carries the comment.
    expect(await preparer.getByRole('note').count()).toBe(1);
    await screenshot(preparer, 'targets-07-returned-row');

    const fixRow = async () => {
      await row.getByRole('button', { name: `编辑 ${customRow}` }).click();
      const editor = preparer.getByRole('dialog', { name: '编辑自定义指标' });
      await editor.getByLabel('指标值', { exact: true }).fill('98');
      await editor.getByRole('button', { name: '完成' }).click();
      await editor.waitFor({ state: 'detached' });
      await visible(row.getByText('≥ 98'));
      await preparer.getByRole('button', { name: '保存草稿' }).click();
    };
    // Meanwhile the approver rewords the goal: this save meets a newer version and offers it.
    const current = (await api(preparer, 'GET', `/targets/${targetId}`)).body;
    const reworded = '对符合条件的困难家庭及时给予临时救助，做到应救尽救、及时救助。';
    const theirs = await api(preparer, 'PATCH', `/targets/${targetId}`, {
      version: current.version,
      annualGoal: reworded,
    });
    expect(theirs.status).toBe(200);
    await fixRow();
    await visible(preparer.getByRole('alert').getByText('该记录已被他人修改'));
    await screenshot(preparer, 'targets-07b-conflict', { fullPage: false });
    await preparer.getByRole('button', { name: '载入最新内容' }).click();
    await visible(row.getByText('≥ 95'));
    expect(await preparer.getByLabel('年度目标').inputValue()).toBe(reworded);
    expect(await preparer.getByRole('alert').count()).toBe(0);
    await fixRow();
    await visible(preparer.getByRole('status').getByText('草稿已保存，已满足送审条件。'));
    // The comment stays in view until it is sent again.
    await visible(row.getByRole('note').getByText(rowComment));
  });

  it('it is sent again and passes the department, the first review and the final review with 良', async () => {
    await approverSubmits('已按意见修改。');
    const approver = await personFor('unit-approver', 'department');
    expect(await approver.getByRole('note').count()).toBe(0);

    const department = await personFor('dept-reviewer', 'department');
    await openFromQueue(department, 'department', /^待审核/);
    await department.getByRole('button', { name: '审核通过' }).click();
    await department.waitForURL('**/review');
    await visible(department.getByRole('status').getByText(`已办理“${project.name}”：主管部门已审。`));

    // A business section reviews the departments it covers (归口): 教科文科 filters by its three only.
    const business = await personFor('business-reviewer', 'bureau');
    await business.goto(`${stack.url}/review`);
    const filter = business.getByLabel('部门', { exact: true });
    await expect
      .poll(() => filter.locator('option').allTextContents())
      .toEqual(['全部归口部门', '东丽区教育局', '东丽区文化和旅游局', '中共天津市东丽区委员会宣传部']);
    await filter.selectOption({ label: '东丽区教育局' });
    await business.getByLabel('搜索').fill(project.code);
    await visible(business.locator('li.entry', { hasText: project.code }).getByText('东丽区教育局'));
    await screenshot(business, 'targets-08-business-queue');
    await openFromQueue(business, 'bureau', /^审核队列/);
    await business.getByRole('button', { name: '审核通过' }).click();
    await business.waitForURL('**/review');
    await visible(business.getByRole('status').getByText(`已办理“${project.name}”：初审通过。`));

    // Not in the budget before its targets are approved: the gate says why before the button is pressed.
    const performance = await personFor('perf-reviewer', 'bureau');
    await performance.goto(`${stack.url}/projects/${projectId}`);
    const budget = performance.getByRole('button', { name: '纳入预算' });
    await visible(budget);
    expect(await budget.isDisabled()).toBe(true);
    const reasons = performance.locator('#budget-reasons');
    await visible(reasons.getByText('暂不能纳入预算：'));
    await visible(reasons.getByText('绩效目标尚未终审通过'));
    await screenshot(performance, 'targets-08a-budget-refused');

    await openFromQueue(performance, 'bureau', /^审核队列/);
    // Approving needs a grade: the form says so before anything is sent.
    await performance.getByRole('button', { name: '终审通过' }).click();
    await visible(performance.getByText('终审通过须评定等级'));
    await performance.getByLabel('良').check();
    await visible(performance.getByText('良：财政部门与单位商定修改后进入预算安排。'));
    await performance.getByLabel('审核意见').fill('指标设置基本合理，请在执行中细化数据来源。');
    await screenshot(performance, 'targets-08b-final-review');
    await performance.getByRole('button', { name: '终审通过' }).click();
    // 终审 asks first, saying what the grade leads to.
    const confirm = performance.getByRole('dialog', { name: '确认终审' });
    await visible(confirm.getByText('良：财政部门与单位商定修改后进入预算安排。'));
    await confirm.getByRole('button', { name: '终审通过' }).click();
    await performance.waitForURL('**/review');
    await visible(performance.getByRole('status').getByText(`已办理“${project.name}”：已终审。`));
  });

  it('the project shows 已终审 / 良 with every step in the timeline, and the stored version agrees', async () => {
    const preparer = await personFor('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/projects/${projectId}`);
    await visible(preparer.getByRole('heading', { level: 1, name: project.name }));
    await visible(preparer.locator('.chips').getByText('目标：已终审'));
    await visible(preparer.locator('.chips').getByText('等级：良'));
    await visible(preparer.locator('.chips').getByText('已入库'));
    const timeline = preparer.locator('ol.timeline');
    expect(await timeline.locator('.action').allTextContents()).toEqual([
      '单位送审',
      '主管部门退回',
      '单位送审',
      '主管部门审核通过',
      '财政初审通过',
      '财政终审通过',
    ]);
    await visible(timeline.getByText(rowComment));
    // Each step names the person who took it.
    expect(await timeline.locator('.by .name').allTextContents()).toEqual([
      '赵丽',
      '陈芳',
      '赵丽',
      '陈芳',
      '张伟',
      '李明',
    ]);
    expect(await timeline.getByText('（本人）').count()).toBe(0);
    await visible(timeline.getByText('指标设置基本合理，请在执行中细化数据来源。'));
    await screenshot(preparer, 'targets-09-approved-project');
    // The approver's own steps are marked as theirs.
    const approver = await personFor('unit-approver', 'department');
    await approver.goto(`${stack.url}/projects/${projectId}`);
    const mine = approver.locator('ol.timeline .by', { hasText: '（本人）' });
    await expect.poll(() => mine.count()).toBe(2);
    for (const text of await mine.allTextContents()) expect(text).toContain('赵丽');

    const stored = await api(preparer, 'GET', `/targets/${targetId}`);
    expect(stored.body).toMatchObject({ reviewStatus: 'FINAL_APPROVED', grade: 'GOOD', versionNo: 1 });
    const fixed = stored.body.rows.find((r: { name: string }) => r.name === customRow);
    expect(fixed).toMatchObject({ value: '98', unit: '%', custom: true, weight: 20 });
    expect(stored.body.reviewLog.map((s: { action: string }) => s.action)).toEqual([
      'submit',
      'department-return',
      'submit',
      'department-approve',
      'first-approve',
      'final-approve',
    ]);
    expect(stored.body.reviewLog[1].rowComments).toEqual({ [fixed.rowId]: rowComment });
    expect(stored.body.reviewLog[5]).toMatchObject({ grade: 'GOOD', role: 'performance-section-reviewer' });

    // The approved version as the official declaration table.
    await preparer.goto(`${stack.url}/targets/${targetId}`);
    const [file] = await Promise.all([
      preparer.waitForEvent('download'),
      preparer.getByRole('button', { name: '导出申报表（XLSX）' }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(new RegExp(`^${project.code}-.*第1版\\.xlsx$`));
  });

  it('the performance section puts it into the budget; an adjustment makes version 2, compared with version 1', async () => {
    const performance = await personFor('perf-reviewer', 'bureau');
    await performance.goto(`${stack.url}/projects/${projectId}`);
    await performance.getByRole('button', { name: '纳入预算' }).click();
    // It asks first, saying that the approval can no longer be cancelled once budgeted.
    const confirm = performance.getByRole('dialog', { name: '确认纳入预算' });
    await visible(confirm.getByText(/终审不能再取消/));
    await confirm.getByRole('button', { name: '纳入预算' }).click();
    await visible(performance.getByRole('status').getByText('已纳入预算。'));
    await visible(performance.locator('.chips').getByText('已纳入预算'));

    const preparer = await personFor('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/projects/${projectId}`);
    await preparer.getByRole('button', { name: '调整目标（新版本）' }).click();
    await visible(preparer.getByRole('heading', { level: 1, name: '绩效目标（第 2 版）' }));
    const row = preparer.locator('[data-row]', { hasText: '补贴发放人次' });
    await row.getByRole('button', { name: '编辑 补贴发放人次' }).click();
    const editor = preparer.getByRole('dialog', { name: '编辑指标' });
    await editor.getByLabel('指标值', { exact: true }).fill('4000');
    await editor.getByRole('button', { name: '完成' }).click();
    await editor.waitFor({ state: 'detached' });
    await preparer.getByRole('button', { name: '删除 受益对象满意度' }).click();
    await preparer.getByRole('button', { name: '保存草稿' }).click();
    // No satisfaction indicator, and 80 of 90 points.
    await visible(preparer.getByRole('status').getByText('草稿已保存。送审前还有 2 项需要处理。'));

    await preparer.getByRole('link', { name: '版本对比' }).click();
    await visible(preparer.getByRole('heading', { level: 1, name: '版本对比' }));
    const changed = preparer.locator('li.diff.changed', { hasText: '补贴发放人次' });
    await visible(changed.locator('.old', { hasText: '3600' }));
    await visible(changed.locator('.new', { hasText: '4000' }));
    await visible(preparer.locator('li.diff.removed', { hasText: '受益对象满意度' }));
    await visible(preparer.getByText('另有 2 项指标未变化。'));
    await screenshot(preparer, 'targets-10-compare');
  });

  it('a departure from the weights shows its reason to the reviewer; 纳入预算 lists why it cannot pass before it is pressed', async () => {
    // Set up through the API as each person: a major new project of 1,200 万元 whose targets weigh
    // 40 / 30 / 20 with a reason, assessed 调整完善后予以支持 with 1,000 万元 recommended.
    const preparer = await personFor('unit-preparer', 'department');
    const approver = await personFor('unit-approver', 'department');
    const department = await personFor('dept-reviewer', 'department');
    const business = await personFor('business-reviewer', 'bureau');
    const performance = await personFor('perf-reviewer', 'bureau');
    const me = await api(preparer, 'GET', '/me');
    const created = await api(preparer, 'POST', '/projects', {
      id: uuidV7(),
      fiscalYear: 2027,
      code: `E2EW2027${suffix}`,
      name: `智慧校园升级${suffix.slice(0, 3)}`,
      unitId: me.body.unit.id,
      category: 'SPECIFIC_PURPOSE',
      nature: 'NEW',
      recurrence: 'ONE_OFF',
      periodStart: 2027,
      periodEnd: 2027,
      funds: { fiscal: 1200 * 1_000_000, carryOver: 0, other: 0 },
      functionalClass: '20502',
      majorPolicy: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const first = await api(preparer, 'POST', `/projects/${id}/targets`, { id: uuidV7() });
    const row = (fields: Record<string, unknown>) =>
      newTargetRow(uuidV7(), { scoringStandard: '按完成比例计分', unit: '%', value: '95', ...fields });
    const reason = '本项目直接面向师生，满意度权重提高到20分';
    const saved = await api(preparer, 'PATCH', `/targets/${first.body.id}`, {
      version: first.body.version,
      annualGoal: '完成全区中小学智慧校园升级。',
      weightReason: reason,
      rows: [
        row({ name: '升级学校数', value: '12', unit: '所', weight: 20 }),
        row({ level2: 'QUALITY', name: '验收合格率', weight: 10 }),
        row({ level2: 'TIMELINESS', name: '完工时间', operator: 'LTE', value: '11月底前完成', unit: '', weight: 10 }),
        row({
          level1: 'BENEFIT',
          level2: 'SOCIAL',
          name: '教学信息化水平',
          operator: 'QUALITATIVE',
          value: '明显提升',
          unit: '',
          weight: 30,
        }),
        row({ level1: 'SATISFACTION', level2: 'SERVICE_RECIPIENT', name: '师生满意度', value: '90', weight: 20 }),
      ],
    });
    expect(saved.body.checks).toEqual([]);
    let version = saved.body.version as number;
    const step = async (who: Page, path: string, body: Record<string, unknown> = {}) => {
      const response = await api(who, 'POST', `/targets/${first.body.id}/${path}`, { version, ...body });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      version = response.body.version;
    };
    await step(approver, 'submit');
    await step(department, 'department-review', { decision: 'approve' });
    await step(business, 'first-review', { decision: 'approve' });
    const assessment = await api(performance, 'POST', '/ex-ante-assessments', {
      id: uuidV7(),
      projectId: id,
      assessorType: 'FINANCE',
    });
    const score = { score: 16, note: '测算偏高' };
    const scored = await api(performance, 'PATCH', `/ex-ante-assessments/${assessment.body.id}`, {
      version: assessment.body.version,
      dimensions: { NECESSITY: score, ECONOMY: score, TARGETS: score, FEASIBILITY: score, FUNDING: score },
      conclusion: 'SUPPORT_AFTER_ADJUSTMENT',
      recommendedAmount: 1000 * 1_000_000,
    });
    await api(performance, 'POST', `/ex-ante-assessments/${assessment.body.id}/conclude`, {
      version: scored.body.version,
    });

    // The final reviewer reads the departure and its reason beside the rows.
    await performance.goto(`${stack.url}/review/${first.body.id}`);
    const flagged = performance.locator('[data-target-warnings]');
    await visible(flagged);
    await visible(flagged.getByText('产出 40 / 效益 30 / 满意度 20（默认 产出 50 / 效益 30 / 满意度 10）'));
    await visible(flagged.getByText(reason, { exact: false }));
    await screenshot(performance, 'targets-11-review-weight-departure');
    await step(performance, 'final-review', { decision: 'approve', grade: 'GOOD' });

    // The project page asks core's gate before the button is pressed: disabled, with the reason beside it.
    await performance.goto(`${stack.url}/projects/${id}`);
    const budget = performance.getByRole('button', { name: '纳入预算' });
    await visible(budget);
    expect(await budget.isDisabled()).toBe(true);
    const reasons = performance.locator('#budget-reasons');
    await visible(reasons.getByText('预算金额 1,200 万元超过事前评估建议金额 1,000 万元，须填写超出理由'));
    await visible(performance.locator('[data-target-warnings]').getByText(reason, { exact: false }));
    await screenshot(performance, 'targets-12-budget-gate');
    await performance.getByLabel('超出建议金额的理由').fill('新增两所学校接入，经区政府常务会议研究同意');
    await expect.poll(() => budget.isEnabled()).toBe(true);
    await budget.click();
    await performance.getByRole('dialog', { name: '确认纳入预算' }).getByRole('button', { name: '纳入预算' }).click();
    await visible(performance.getByRole('status').getByText('已纳入预算。'));
    await visible(performance.getByText('新增两所学校接入，经区政府常务会议研究同意'));
    expect((await api(performance, 'GET', `/projects/${id}`)).body).toMatchObject({
      stage: 'BUDGETED',
      budgetOverrideReason: '新增两所学校接入，经区政府常务会议研究同意',
    });
  });

  it("the performance section keeps the year's weights: the parts must make the total", async () => {
    const performance = await personFor('perf-reviewer', 'bureau');
    await performance.goto(`${stack.url}/library`);
    await performance.getByRole('link', { name: '年度指标权重' }).click();
    await performance.waitForURL('**/targets/weights');
    await performance.getByRole('combobox', { name: '年度' }).selectOption({ label: '2028 年度' });
    await visible(performance.getByText('本年度尚未保存，显示的是默认值。'));
    expect(await performance.getByLabel('产出指标').inputValue()).toBe('50');
    await performance.getByLabel('产出指标').fill('60');
    await performance.getByRole('button', { name: '保存本年度权重' }).click();
    await visible(performance.getByText('产出、效益、满意度和预算执行率之和应等于总分（当前 110 分，总分 100 分）'));
    await performance.getByLabel('效益指标').fill('20');
    await visible(performance.getByText('指标合计 90 分（总分减去预算执行率）'));
    await screenshot(performance, 'targets-13-weights');
    await performance.getByRole('button', { name: '保存本年度权重' }).click();
    await visible(performance.getByRole('status').getByText('已保存 2028 年度的指标权重。'));
    expect((await api(performance, 'GET', '/target-weights/2028')).body).toEqual({
      fiscalYear: 2028,
      version: 1,
      weights: { OUTPUT: 60, BENEFIT: 20, SATISFACTION: 10, budgetExecution: 10, total: 100 },
    });
  });

  it('ran without CSP violations or uncaught errors', () => {
    for (const watch of phones.watches) {
      expect(watch.violations).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
    }
  });
});
