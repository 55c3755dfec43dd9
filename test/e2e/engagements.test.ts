import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import {
  demoAssignmentId,
  demoEngagementId,
  demoQuestionnaireId,
  demoSiteIds,
} from '@jixiao/infra/local/demo-fieldwork.ts';
import { propertyServices } from '@jixiao/infra/local/demo-projects.ts';
import JSZip from 'jszip';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { artifacts, audit, launch, phone, type SecurityWatch, screenshot, watchSecurity, webBuild } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { requireWebBuild } from './web-stack.ts';

/**
 * Key evaluations (issue 4, items 1 and 8; docs/domain/fieldwork.md) in the browser, on a phone: the
 * performance section opens one on the demo's approved project and commissions the agency (a
 * declared conflict is refused in Chinese first); the agency's lead completes the work plan
 * (weights, indicators, a site, a questionnaire) with the sums checked as they type; the
 * performance section approves it and the lead assigns 孙强. Then, on the demo engagement, after
 * 孙强's phone has sent records with a photo through the API, the bureau follows the progress,
 * reads the evidence per indicator, opens a record and sees its photo verified against its
 * SHA-256, and downloads the working papers; the evaluated department sees nothing until the
 * bureau releases the evidence, and then sees it. axe checks the list, the engagement page and a
 * record page in Chinese.
 */
let stack: TestStack;
let browser: Browser;
let watch: SecurityWatch;
let page: Page;

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const switchTo = (p: Page, username: string, workspace: string) => signInAs(p, stack.url, username, workspace);
const api = (p: Page, path: string, method = 'GET', body?: unknown) => apiAs(p, stack.url, method, path, body);
const property = demoId(`project:${propertyServices}`);
const rowId = (n: number) => demoId(`target-row:${propertyServices}:${n}`);

beforeAll(async () => {
  requireWebBuild();
  stack = await startTestStack({ webRoot: webBuild, tableName: `e2e-engagements-${randomUUID()}` });
  browser = await launch();
  const context = await browser.newContext({ ...phone, acceptDownloads: true });
  watch = await watchSecurity(context);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('a key evaluation from selection to assignment', () => {
  let engagementId = '';

  it('the performance section opens one on an approved project, and only approved projects can be chosen', async () => {
    await switchTo(page, 'perf-reviewer', 'bureau');
    await page.getByRole('main').getByRole('link', { name: /^评价/ }).click();
    await page.waitForURL('**/engagements');
    await visible(page.getByRole('heading', { level: 1, name: '重点评价' }));
    const demo = page.locator('li.engagement', { hasText: '2026 年度老旧小区物业服务补贴项目重点绩效评价' });
    await visible(demo.getByText('方案已批准·现场工作中'));
    await visible(demo.getByText('受托机构：天津津诚会计师事务所有限公司'));
    await visible(demo.getByText('已核查 0/4 个点位 · 记录 0 条 · 照片 0/0'));
    expect(await audit(page)).toEqual([]);
    await screenshot(page, 'engagements-01-list');

    await page.getByRole('button', { name: '新建重点评价' }).click();
    const dialog = page.getByRole('dialog', { name: '新建重点评价' });
    await visible(dialog);
    // A department's overall evaluation names the department instead of a project.
    await dialog.getByLabel('部门整体支出评价').check();
    await dialog.getByLabel('被评价部门').selectOption({ label: '东丽区教育局' });
    expect(await dialog.getByLabel('评价名称').inputValue()).toMatch(/^\d{4} 年度东丽区教育局重点绩效评价$/);
    await dialog.getByLabel('项目支出重点评价').check();
    await dialog.getByLabel('评价名称').fill('');
    // A project whose targets are not final-approved is listed but cannot be chosen.
    await dialog.getByLabel('年度').selectOption('2027');
    await dialog.getByRole('searchbox').fill('幼儿园');
    const kindergarten = dialog.locator('label.project', { hasText: '普惠性幼儿园生均公用经费补助' });
    await visible(kindergarten.getByText('绩效目标未终审'));
    expect(await kindergarten.locator('input').isDisabled()).toBe(true);

    await dialog.getByLabel('年度').selectOption('2026');
    await dialog.getByRole('searchbox').fill('物业');
    await dialog.locator('label.project', { hasText: '老旧小区物业服务补贴' }).locator('input').check();
    await visible(dialog.getByText('已选择：老旧小区物业服务补贴'));
    expect(await dialog.getByLabel('评价名称').inputValue()).toBe('2026 年度老旧小区物业服务补贴重点绩效评价');
    await dialog.getByLabel('评价名称').fill('老旧小区物业服务补贴项目复评');
    await screenshot(page, 'engagements-02-new', { fullPage: false });
    await dialog.getByRole('button', { name: '确定新建' }).click();
    await page.waitForURL(/\/engagements\/[0-9a-f-]{36}$/);
    engagementId = page.url().split('/').at(-1) ?? '';
    await visible(page.getByRole('heading', { level: 1, name: '老旧小区物业服务补贴项目复评' }));
    await visible(page.locator('.chips').getByText('评价对象已确定'));
    await visible(page.getByText('主管部门：东丽区住房和建设委员会'));

    const stored = await api(page, `/engagements/${engagementId}`);
    expect(stored.body).toMatchObject({ kind: 'PROJECT', projectId: property, state: 'SELECTED', fiscalYear: 2026 });
  });

  it('refuses to commission an agency that declares a conflict, in Chinese, then commissions it', async () => {
    await page.getByRole('button', { name: '委托第三方' }).click();
    const dialog = page.getByRole('dialog', { name: '委托第三方' });
    await visible(dialog);
    await dialog.getByLabel('第三方机构').selectOption({ label: '天津津诚会计师事务所有限公司' });
    await dialog.getByLabel('声明内容').fill('本所近三年未为东丽区住房和建设委员会提供咨询服务。');
    await dialog.getByLabel('声明人').fill('周敏');
    // The box "no conflict" is left unticked: the agency has not declared itself free of conflicts.
    await dialog.getByRole('button', { name: '确认委托' }).click();
    await visible(dialog.getByText('第三方机构须声明与评价对象无利益冲突，方可委托'));
    await screenshot(page, 'engagements-03-conflict-refused', { fullPage: false });
    expect((await api(page, `/engagements/${engagementId}`)).body.state).toBe('SELECTED');

    await dialog.getByLabel('机构声明与评价对象无利益冲突').check();
    await dialog.getByRole('button', { name: '确认委托' }).click();
    await visible(page.getByRole('status').getByText('已委托天津津诚会计师事务所有限公司。'));
    await visible(page.locator('.chips').getByText('已委托第三方'));
    // The declaration reads as what it says: no conflict, not "no conflict: yes".
    expect(await page.getByTestId('declared-conflict').textContent()).toBe('无（机构已声明）');
    // Approval waits for a complete plan: core's rules are listed before the button, in Chinese.
    await visible(page.locator('#eng-approve-reasons').getByText('评价方案至少要有一个核查点位'));
    expect(await page.getByRole('button', { name: '批准评价方案' }).isDisabled()).toBe(true);
    await page.locator('#eng-approve-reasons').scrollIntoViewIfNeeded();
    await screenshot(page, 'engagements-03b-approve-blocked', { fullPage: false });
    const stored = await api(page, `/engagements/${engagementId}`);
    expect(stored.body.conflictDeclaration).toMatchObject({ noConflict: true, declaredBy: '周敏' });
  });

  it('the agency lead completes the plan: weights and points add up as they type, a site, a questionnaire', async () => {
    await switchTo(page, 'agency-lead', 'field');
    await page.goto(`${stack.url}/engagements`);
    await page.locator('li.engagement', { hasText: '老旧小区物业服务补贴项目复评' }).locator('a').click();
    await page.waitForURL(`**/engagements/${engagementId}`);
    await visible(page.getByRole('heading', { level: 2, name: '评价方案' }));

    // Someone saves the plan meanwhile: this copy is stale, and saving it shows the server's copy instead.
    await page.locator('#plan-gps').fill('30');
    const before = await api(page, `/engagements/${engagementId}`);
    const meanwhile = await api(page, `/engagements/${engagementId}`, 'PATCH', {
      version: before.body.version,
      sampling: { population: '', method: 'JUDGEMENTAL', note: '按投诉量选取' },
    });
    expect(meanwhile.status).toBe(200);
    await page.getByRole('button', { name: '保存方案' }).click();
    const conflict = page.locator('.conflict');
    await visible(conflict.getByText('该记录已被他人修改，请刷新后再改'));
    await conflict.getByRole('button', { name: '载入最新内容' }).click();
    await expect.poll(() => page.locator('#plan-sampling-note').inputValue()).toBe('按投诉量选取');
    expect(await page.locator('#plan-gps').inputValue()).toBe('50');
    expect(await conflict.count()).toBe(0);

    // 15/20/30/35: the total shows 95 until the last weight is changed, and each level's sum against its weight.
    await page.locator('#plan-weight-DECISION').fill('15');
    await visible(page.getByText('权重合计应为 100（当前 95）'));
    await page.locator('#plan-weight-BENEFIT').fill('35');
    await expect.poll(() => page.locator('.total strong').textContent()).toBe('100');
    const decision = page.getByRole('group', { name: '决策' });
    await visible(decision.getByText('分值合计 20 / 权重 15'));
    expect(await decision.locator('.level-sum').getAttribute('class')).toContain('bad');
    await decision.getByRole('button', { name: '删除：资金分配合理性' }).click();
    await visible(decision.getByText('分值合计 15 / 权重 15'));

    const benefit = page.getByRole('group', { name: '效益' });
    await benefit.getByRole('button', { name: '添加效益指标' }).click();
    const added = benefit.locator('li.ind-row').last();
    await added.getByLabel('二级指标').fill('可持续影响');
    await added.getByLabel('指标名称').fill('长效管理机制建立情况');
    await added.getByLabel('分值').fill('5');
    await added.getByLabel('评分标准').fill('建立物业服务长效考核机制得满分，否则不得分');
    await visible(benefit.getByText('分值合计 35 / 权重 35'));

    await page.getByLabel('总体', { exact: true }).fill('享受补贴的 46 个老旧小区');
    await page.getByLabel('抽样方法', { exact: true }).selectOption({ label: '判断抽样' });
    await page.getByRole('button', { name: '添加点位' }).click();
    await page.getByLabel('点位 1 名称', { exact: true }).fill('金桥街道新立村小区');
    await page.getByLabel('地址', { exact: true }).fill('东丽区金桥街道新立村');
    await page.getByLabel('纬度（选填）', { exact: true }).fill('39.1301');
    await page.getByLabel('经度（选填）', { exact: true }).fill('117.3402');
    await page.getByLabel('抽取理由', { exact: true }).fill('2025 年投诉最多');

    await page.getByRole('button', { name: '添加问卷' }).click();
    await page.getByLabel('问卷名称', { exact: true }).fill('居民满意度调查');
    await page.getByLabel('题目 1', { exact: true }).fill('您对物业服务总体是否满意？');
    await page.getByLabel('对应满意度指标', { exact: true }).selectOption({ label: '效益 · 小区居民满意度' });
    await page.getByLabel('最低样本量', { exact: true }).fill('30');
    await screenshot(page, 'engagements-04-plan-editor');
    // On a desktop the indicator rows are a table with column heads.
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'engagements-04b-plan-editor-desktop');
    await page.setViewportSize(phone.viewport);

    await page.getByRole('button', { name: '保存方案' }).click();
    await visible(page.getByRole('status').getByText('评价方案已保存。'));
    const stored = await api(page, `/engagements/${engagementId}`);
    expect(stored.body.weights).toEqual({ DECISION: 15, PROCESS: 20, OUTPUT: 30, BENEFIT: 35 });
    expect(stored.body.sites).toEqual([
      expect.objectContaining({ name: '金桥街道新立村小区', latitude: 39.1301, longitude: 117.3402 }),
    ]);
    expect(stored.body.questionnaires[0]).toMatchObject({
      title: '居民满意度调查',
      respondentGroup: 'BENEFICIARY',
      groupWeight: 100,
      minimumSample: 30,
      questions: [{ text: '您对物业服务总体是否满意？', kind: 'LIKERT', indicatorId: rowId(6) }],
    });
    expect(stored.body.indicators.map((i: { name: string }) => i.name)).not.toContain('资金分配合理性');
    // The lead neither approves nor assigns before approval… but may assign once commissioned.
    expect(await page.getByRole('button', { name: '批准评价方案' }).count()).toBe(0);
  });

  it('the performance section approves the plan; then it is read-only, and the lead assigns 孙强', async () => {
    await switchTo(page, 'perf-reviewer', 'bureau');
    await page.goto(`${stack.url}/engagements/${engagementId}`);
    const approve = page.getByRole('button', { name: '批准评价方案' });
    await visible(approve);
    expect(await page.locator('#eng-approve-reasons').count()).toBe(0);
    await approve.click();
    await visible(page.getByRole('status').getByText('评价方案已批准，现场工作开始。'));
    await visible(page.locator('.chips').getByText('方案已批准·现场工作中'));
    expect(await page.locator('#plan-weight-DECISION').count()).toBe(0);
    // The approved plan is folded away under its summary, and reads as a table.
    await page.getByText('查看评价方案：14 项指标 · 1 个核查点位 · 1 份问卷').click();
    await visible(page.getByRole('rowheader', { name: '长效管理机制建立情况' }));

    await switchTo(page, 'agency-lead', 'field');
    await page.goto(`${stack.url}/engagements/${engagementId}`);
    const form = page.locator('form.assign');
    await visible(form);
    await form.getByLabel('评价人员').selectOption({ label: '孙强' });
    await form.getByLabel('金桥街道新立村小区').check();
    await form.getByLabel('完成期限').fill('2026-12-20');
    await form.getByLabel('工作要求').fill('核查楼道照明和门岗值守');
    await form.getByRole('button', { name: '分配', exact: true }).click();
    await visible(form.getByText('已分配孙强核查 1 个点位。'));
    const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: '任务分配' }) });
    await visible(section.locator('li.assignment', { hasText: '孙强' }).getByText('截止 2026-12-20'));
    const assignments = await api(page, `/engagements/${engagementId}/assignments`);
    expect(assignments.body.items).toEqual([
      expect.objectContaining({ evaluatorName: '孙强', dueDate: '2026-12-20', note: '核查楼道照明和门岗值守' }),
    ]);
    expect(watch.violations).toEqual([]);
  });
});

describe('the bureau follows the demo engagement’s fieldwork', () => {
  let siteVisitId = '';
  let photoBytes: Buffer;
  let photoId = '';

  /** What 孙强's phone sends: a signed site visit with a photo (and one not sent yet), an interview, a questionnaire. */
  it('receives records with photos from the evaluator’s phone', async () => {
    const evaluator = await stack.tokenFor('evaluator');
    const call = (method: string, path: string, body?: unknown) =>
      stack.call(method, `/api/v1${path}`, { token: evaluator, ...(body === undefined ? {} : { body }) });
    // A real picture, drawn in the browser, so the record page has something to show.
    const dataUrl = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 480;
      canvas.height = 320;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#d9e4f2';
      g.fillRect(0, 0, 480, 320);
      g.fillStyle = '#1d3f72';
      g.fillRect(40, 120, 400, 160);
      g.fillStyle = '#ffffff';
      g.font = '32px sans-serif';
      g.fillText('3 号楼楼道', 150, 210);
      return canvas.toDataURL('image/jpeg', 0.8);
    });
    photoBytes = Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
    const sha256 = createHash('sha256').update(photoBytes).digest('hex');
    const now = new Date().toISOString();
    const position = { latitude: 39.1192, longitude: 117.3134, accuracyMetres: 12, capturedAt: now };
    photoId = uuidV7();
    const photo = (id: string, hash: string, size: number, caption: string) => ({
      id,
      sha256: hash,
      sizeBytes: size,
      contentType: 'image/jpeg',
      width: 480,
      height: 320,
      caption,
      takenAt: now,
      position,
    });
    siteVisitId = uuidV7();
    const visit = await call('POST', '/field-records', {
      id: siteVisitId,
      assignmentId: demoAssignmentId,
      type: 'SITE_VISIT',
      deviceCreatedAt: now,
      deviceUpdatedAt: now,
      siteId: demoSiteIds[0],
      arrivedAt: '2026-11-20T09:00:00+08:00',
      departedAt: '2026-11-20T10:15:00+08:00',
      position,
      positionNote: '',
      accompaniedBy: '区住建委物业科 王科长',
      checks: [
        {
          id: uuidV7(),
          indicatorId: rowId(1),
          claim: '小区已纳入补贴范围并签订物业服务合同',
          method: 'INSPECT',
          declaredValue: '',
          observedValue: '',
          verdict: 'CONFIRMED',
          note: '合同在物业服务中心公示',
        },
      ],
      findings: '门岗值守正常，3 号楼楼道照明损坏。',
      signature: { signerName: '王科长', signedAt: now, path: 'M 10 40 L 30 10 L 50 40 L 70 10 M 90 25 L 140 25' },
      photos: [
        photo(photoId, sha256, photoBytes.length, '3 号楼楼道照明'),
        photo(uuidV7(), createHash('sha256').update('later').digest('hex'), 5, '门岗值守记录'),
      ],
    });
    expect(visit.status).toBe(201);
    const ticket = await call('POST', `/assignments/${demoAssignmentId}/photo-uploads`, {
      id: photoId,
      contentType: 'image/jpeg',
      sizeBytes: photoBytes.length,
      sha256,
    });
    expect(ticket.status).toBe(201);
    const { 'content-length': _length, ...headers } = ticket.body.upload.headers as Record<string, string>;
    const put = await fetch(ticket.body.upload.url, { method: 'PUT', headers, body: new Uint8Array(photoBytes) });
    expect(put.ok).toBe(true);
    expect((await call('POST', `/field-records/${siteVisitId}/photos`, { id: photoId })).status).toBe(201);

    const interview = await call('POST', '/field-records', {
      id: uuidV7(),
      assignmentId: demoAssignmentId,
      type: 'INTERVIEW',
      deviceCreatedAt: now,
      deviceUpdatedAt: now,
      mode: 'IN_PERSON',
      place: '成林道小区物业服务中心',
      startedAt: now,
      interviewee: { category: 'BENEFICIARY', role: '业委会委员', name: '' },
      consent: { given: false, method: null },
      answers: [
        {
          questionId: demoId('interview-question:property-2026:2'),
          question: '补贴资金是否按季度足额拨付到物业公司？',
          answer: '第三季度补贴晚到约一个月。',
        },
      ],
      notes: '',
      linkedIndicatorIds: [],
      photos: [],
    });
    expect(interview.status).toBe(201);
    const survey = await call('POST', '/field-records', {
      id: uuidV7(),
      assignmentId: demoAssignmentId,
      type: 'SURVEY_RESPONSE',
      deviceCreatedAt: now,
      deviceUpdatedAt: now,
      questionnaireId: demoQuestionnaireId,
      respondentGroup: 'BENEFICIARY',
      channel: 'ON_SITE',
      respondentCode: 'R-001',
      answers: [
        ...[5, 4, 3].map((likert, i) => ({
          questionId: demoId(`survey-question:property-2026:${i + 1}`),
          likert,
          choice: null,
        })),
        { questionId: demoId('survey-question:property-2026:4'), likert: null, choice: '5 年以上' },
      ],
      photos: [],
    });
    expect(survey.status).toBe(201);
  });

  it('shows the progress, the evidence per indicator and the survey summary with its warning', async () => {
    await switchTo(page, 'perf-reviewer', 'bureau');
    await page.goto(`${stack.url}/engagements`);
    const demo = page.locator('li.engagement', { hasText: '2026 年度老旧小区物业服务补贴项目重点绩效评价' });
    await visible(demo.getByText('已核查 1/4 个点位 · 记录 3 条 · 照片 1/2'));
    await demo.locator('a').click();
    await page.waitForURL(`**/engagements/${demoEngagementId}`);

    const progress = page.locator('section', { has: page.getByRole('heading', { level: 2, name: '现场进度' }) });
    const sun = progress.locator('li.assignment', { hasText: '孙强' });
    await visible(sun.getByText('已核查点位 1/2'));
    await visible(sun.getByText('已收到照片 1/2'));
    await visible(sun.getByText('现场核查 1 · 访谈 1 · 座谈 0 · 问卷 1'));
    await visible(sun.getByText('定位异常记录 0 条'));

    const evidence = page.locator('section', { has: page.getByRole('heading', { level: 2, name: '按指标查看证据' }) });
    const coverage = evidence.locator('li.indicator[data-indicator="补贴覆盖小区数"]');
    await visible(coverage.getByText('属实 1'));
    await visible(coverage.getByText('小区已纳入补贴范围并签订物业服务合同'));
    await visible(coverage.getByRole('link', { name: '查看记录（照片 2 张）' }));
    const payment = evidence.locator('li.indicator[data-indicator="补贴按季度拨付率"]');
    await visible(payment.getByText('第三季度补贴晚到约一个月。'));
    const satisfaction = evidence.locator('li.indicator[data-indicator="小区居民满意度"]');
    await visible(satisfaction.getByText('您对小区的环境卫生是否满意？'));
    await visible(evidence.getByText('有效问卷 1 份，少于最低样本量 30 份：结果仅供参考，不计入综合满意度。'));
    await visible(evidence.getByText('尚无问卷达到最低样本量，暂不能计算综合满意度。'));

    const records = page.locator('section', { has: page.getByRole('heading', { level: 2, name: '现场记录' }) });
    await visible(records.locator('li.field-record', { hasText: '万新街道成林道小区' }).getByText('照片 1/2'));
    await records.getByLabel('记录类型').selectOption({ label: '访谈' });
    await expect.poll(() => records.locator('li.field-record').count()).toBe(1);
    await visible(records.locator('li.field-record').getByText('受益对象 · 业委会委员'));
    await records.getByLabel('记录类型').selectOption({ label: '全部类型' });
    await expect.poll(() => records.locator('li.field-record').count()).toBe(3);
    expect(await audit(page)).toEqual([]);
    await screenshot(page, 'engagements-05-fieldwork');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'engagements-05b-fieldwork-desktop');
    await page.setViewportSize(phone.viewport);
  });

  it('opens a site visit with its photo verified against its SHA-256, and the photo still to come', async () => {
    await page.locator('li.field-record', { hasText: '万新街道成林道小区' }).locator('a').click();
    await page.waitForURL(`**/engagements/${demoEngagementId}/records/${siteVisitId}`);
    await visible(page.getByRole('heading', { level: 1, name: '现场核查：万新街道成林道小区' }));
    await visible(page.getByText('定位精度符合要求（不超过 50 米）。'));
    await visible(page.getByText('区住建委物业科 王科长'));
    await visible(page.getByRole('img', { name: '王科长 的签名' }));
    const photo = page.locator('figure.photo', { hasText: '3 号楼楼道照明' });
    await visible(photo.getByText('校验一致'));
    await visible(photo.getByRole('img', { name: '3 号楼楼道照明' }));
    expect(await photo.locator('img').getAttribute('src')).toMatch(/^blob:/);
    await expect
      .poll(() => photo.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(480);
    await visible(page.locator('.pending', { hasText: '门岗值守记录' }).getByText('尚未收到'));
    await visible(page.getByRole('heading', { level: 2, name: '照片（已收到 1/2）' }));
    expect(await audit(page)).toEqual([]);
    await screenshot(page, 'engagements-06-record');
  });

  it('exports the working papers as a ZIP with the photo', async () => {
    await page.goto(`${stack.url}/engagements/${demoEngagementId}`);
    // The archive is packed by the export job (docs/domain/key-evaluation.md#the-archive): a progress bar, then its link.
    const exportButton = page.getByRole('button', { name: '导出工作底稿' });
    await visible(exportButton);
    await exportButton.click();
    const ready = page.getByTestId('working-papers-export').getByRole('button', { name: /^下载/ });
    await ready.waitFor({ state: 'visible', timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), ready.click()]);
    const path = join(artifacts, 'engagements-working-papers.zip');
    await download.saveAs(path);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const zip = await JSZip.loadAsync(readFileSync(path));
    const names = Object.keys(zip.files);
    expect(names.some((n) => n.endsWith('.xlsx'))).toBe(true);
    // Photos are filed by site, Beijing time to the minute and caption, not by their id (docs/domain/fieldwork.md).
    const photoFile = names.find((n) => n.startsWith('照片/') && n.endsWith(' 3 号楼楼道照明.jpg'));
    expect(photoFile, names.join('\n')).toMatch(/^照片\/[^/]+\/\d{4}-\d{2}-\d{2} \d{4} 3 号楼楼道照明\.jpg$/);
    expect(names.some((n) => n.includes(photoId))).toBe(false);
    expect(Buffer.from(await zip.file(photoFile!)!.async('uint8array')).equals(photoBytes)).toBe(true);
  });

  it('the evaluated department sees nothing before the release, and the evidence after it', async () => {
    const admin = await stack.tokenFor('admin');
    const housingUser = await stack.call('POST', '/api/v1/users', {
      token: admin,
      body: {
        id: uuidV7(),
        username: 'housing-reviewer',
        displayName: '赵刚',
        roles: ['department-reviewer'],
        departmentId: demoId('department:107'),
      },
    });
    expect(housingUser.status).toBe(201);

    await switchTo(page, 'housing-reviewer', 'department');
    await page
      .getByRole('main')
      .getByRole('link', { name: /^重点评价/ })
      .click();
    await page.waitForURL('**/engagements');
    await visible(page.getByText('暂无重点评价。'));
    await page.goto(`${stack.url}/engagements/${demoEngagementId}`);
    await visible(page.locator('.notice.error'));
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(0);

    await switchTo(page, 'perf-reviewer', 'bureau');
    await page.goto(`${stack.url}/engagements/${demoEngagementId}`);
    await page.getByRole('button', { name: '向被评价部门公开' }).click();
    // Releasing is confirmed with what is still open, read from the progress.
    const confirm = page.getByTestId('confirm-release');
    await visible(confirm.getByText('以下事项尚未完成：'));
    await visible(confirm.getByText('现场工作尚未结束，之后收到的记录也会对被评价部门可见'));
    await visible(confirm.getByText(/个已分派的抽样点尚未核查/));
    await screenshot(page, 'engagements-06b-confirm-release');
    await confirm.getByRole('button', { name: '取消' }).click();
    expect(await page.getByTestId('confirm-release').count()).toBe(0);
    expect((await api(page, `/engagements/${demoEngagementId}`)).body.releasedAt).toBeNull();
    await page.getByRole('button', { name: '向被评价部门公开' }).click();
    await page.getByTestId('confirm-release').getByRole('button', { name: '确认公开' }).click();
    await visible(page.getByRole('status').getByText('已向东丽区住房和建设委员会公开现场证据。'));
    expect(await page.getByRole('button', { name: '向被评价部门公开' }).count()).toBe(0);

    await switchTo(page, 'housing-reviewer', 'department');
    await page.goto(`${stack.url}/engagements`);
    const released = page.locator('li.engagement', { hasText: '2026 年度老旧小区物业服务补贴项目重点绩效评价' });
    await visible(released.getByText('已向部门公开'));
    await released.locator('a').click();
    await page.waitForURL(`**/engagements/${demoEngagementId}`);
    const evidence = page.locator('section', { has: page.getByRole('heading', { level: 2, name: '按指标查看证据' }) });
    await visible(evidence.locator('li.indicator[data-indicator="补贴覆盖小区数"]').getByText('属实 1'));
    // Progress and assignments are the bureau's and the agency's, not the department's.
    expect(await page.getByRole('heading', { level: 2, name: '现场进度' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '导出工作底稿' }).count()).toBe(0);
    await screenshot(page, 'engagements-07-department');
  });

  it('reads in English too, from core’s labels and the English messages', async () => {
    await page.evaluate(() => localStorage.setItem('jixiao.locale', 'en'));
    await page.goto(`${stack.url}/engagements/${demoEngagementId}`);
    await visible(page.getByRole('heading', { level: 2, name: 'Evidence by indicator' }));
    await visible(page.locator('.chips').getByText('Plan approved · fieldwork'));
    await visible(page.locator('li.indicator[data-indicator="补贴覆盖小区数"]').getByText('Confirmed 1'));
    expect(await audit(page)).toEqual([]);
    await screenshot(page, 'engagements-08-english', { fullPage: false });
    await page.evaluate(() => localStorage.setItem('jixiao.locale', 'zh-CN'));

    expect(watch.violations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
});
