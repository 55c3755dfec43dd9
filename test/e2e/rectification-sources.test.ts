import { uuidV7 } from '@jixiao/core/ids.ts';
import { departmentEvaluationKind } from '@jixiao/functions/department-evaluation/record-kinds.ts';
import type { RecordKind, RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { selfEvaluationKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import { demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { operationRunner } from '@jixiao/infra/local/record-loader.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEducation } from '../support/monitoring-fixture.ts';
import { seedSelfEvaluation } from '../support/self-evaluation-fixture.ts';
import { audit, launch, reflow, screenshot } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * Issue 13 item 6: rectification from every source. The performance section starts one from a finally approved
 * self-evaluation on its page (发起整改, confirmed), the rectification names its source with a link back, and the
 * project's unit answers it on a phone; a department-level one (from the department evaluation) is answered by the
 * department's reviewer on a phone. Both languages pass axe and reflow.
 */
let stack: LocalStack;
let browser: Browser;
let phones: Phones;
let selfEvaluationId = '';
let departmentLevelId = '';
let rectificationId = '';

const desktop = { viewport: { width: 1280, height: 900 } };
const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const check = async (p: Page, name: string) => {
  expect(await audit(p), name).toEqual([]);
  expect(await reflow(p), name).toEqual([]);
  await screenshot(p, name);
};

/** Moves a seeded source on to where a rectification may start, as its review would (its own tests cover that). */
const approve = async (store: RecordStore, kind: RecordKind, id: string) => {
  const before = await store.get(demoTenant.id, kind, id);
  if (!before) throw new Error(`no ${kind.type} ${id}`);
  const result = await store.update(
    demoTenant.id,
    kind,
    before,
    { ...before, reviewStatus: 'FINAL_APPROVED', version: before.version + 1 },
    { actor: 'e2e', actorRoles: [], requestId: uuidV7(), at: new Date().toISOString() },
  );
  if (result.outcome !== 'updated') throw new Error(`approve ${kind.type}: ${result.outcome}`);
};

beforeAll(async () => {
  stack = await startWebStack('e2e-rect-sources');
  // A self-evaluation of the education bureau's unit in a round of its own (the demo's round of 2026 has its own tallies).
  const round = uuidV7();
  selfEvaluationId = await seedSelfEvaluation(stack.store, demoTenant.id, round, demoEducation);
  await approve(stack.store, selfEvaluationKind, selfEvaluationId);
  const run = operationRunner(stack.store, demoTenant.id);
  const bureau = { userId: 'e2e:perf', roles: ['performance-section-reviewer' as const] };
  const evaluation = await run('createDepartmentEvaluation', bureau, {
    body: { fiscalYear: 2026, departmentId: demoEducation.id },
  });
  await approve(stack.store, departmentEvaluationKind, String(evaluation.body.id));
  const started = await run('startRectification', bureau, {
    body: {
      id: uuidV7(),
      source: 'DEPARTMENT_EVALUATION',
      sourceId: String(evaluation.body.id),
      requirements: '修订部门内部控制制度，完成全部下属单位的资产清查。',
      dueDate: '2031-06-30',
      opinion: '部门整体自评发现内控薄弱',
    },
  });
  expect(started.status).toBe(201);
  departmentLevelId = String(started.body.id);
  browser = await launch();
  phones = new Phones(browser, stack.url);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('rectification from every source', () => {
  it('the performance section starts one from a finally approved self-evaluation, confirmed before it is issued', async () => {
    const page = await phones.fresh(desktop);
    await signInAs(page, stack.url, 'perf-reviewer', 'bureau');
    await page.goto(`${stack.url}/self-evaluations/${selfEvaluationId}`);
    const section = page.locator('section.start-rectification');
    await visible(section.getByRole('heading', { level: 2, name: '整改' }));
    await section.getByRole('button', { name: '发起整改' }).click();
    // Nothing typed: core's rules name each field, and nothing is sent.
    await section.getByRole('button', { name: '下达整改通知' }).click();
    await visible(section.locator('textarea[aria-invalid="true"]').first());
    expect(await section.locator('[aria-invalid="true"]').count()).toBe(3);
    expect(await page.getByTestId('rect-start-confirm').count()).toBe(0);
    await section.getByRole('textbox', { name: /^整改要求/ }).fill('补齐培训签到台账，按实际人次调整年度目标值。');
    await section.getByLabel(/^整改期限/).fill('2031-03-31');
    await section.getByRole('textbox', { name: /^意见/ }).fill('自评得分偏高，须限期整改');
    await check(page, 'rectification-sources-01-start-form');
    await section.getByRole('button', { name: '下达整改通知' }).click();
    const dialog = page.getByTestId('rect-start-confirm');
    await visible(dialog.getByText('区教育局（本级）（项目单位）', { exact: false }).first());
    await visible(dialog.getByText('2031-03-31').first());
    await check(page, 'rectification-sources-02-confirm');
    await dialog.getByRole('button', { name: '下达整改通知' }).click();
    await visible(section.getByRole('status').getByText('已下达整改通知。'));
    const link = section.getByRole('link', { name: '查看整改' });
    rectificationId = String((await link.getAttribute('href'))?.split('/').at(-1));
    const stored = await apiAs(page, stack.url, 'GET', `/rectifications/${rectificationId}`);
    expect(stored.body).toMatchObject({
      source: 'SELF_EVALUATION',
      sourceId: selfEvaluationId,
      unitId: demoEducation.unitId,
      requirements: '补齐培训签到台账，按实际人次调整年度目标值。',
      dueDate: '2031-03-31',
      state: 'NOTICE_ISSUED',
    });
    expect(stored.body.log[0].opinion).toBe('自评得分偏高，须限期整改');

    await link.click();
    await page.waitForURL(`**/rectifications/${rectificationId}`);
    await visible(page.getByText('项目支出绩效自评'));
    expect(await page.getByRole('link', { name: '查看自评表' }).getAttribute('href')).toBe(
      `/self-evaluations/${selfEvaluationId}`,
    );
    await check(page, 'rectification-sources-03-started');
  });

  it("the project's unit answers it on a phone: the approver writes and sends the feedback", async () => {
    const page = await phones.of('unit-approver', 'department');
    await page.goto(`${stack.url}/rectifications/${rectificationId}`);
    await visible(page.getByText('补齐培训签到台账', { exact: false }));
    await visible(page.getByRole('link', { name: '查看自评表' }));
    await page.getByRole('textbox', { name: /^整改情况/ }).fill('已补齐签到台账，目标值按实际人次调整。');
    await check(page, 'rectification-sources-04-unit-answers');
    await page.getByRole('button', { name: '报送反馈' }).click();
    await visible(page.getByRole('status').getByText('已报送，等待绩效科核实。'));
    const stored = await apiAs(page, stack.url, 'GET', `/rectifications/${rectificationId}`);
    expect(stored.body.state).toBe('FEEDBACK_SUBMITTED');
  });

  it("a department-level one is answered by the department's reviewer on a phone, never by a unit", async () => {
    const unit = await phones.of('unit-preparer', 'department');
    expect((await apiAs(unit, stack.url, 'GET', `/rectifications/${departmentLevelId}`)).status).toBe(404);

    const page = await phones.of('dept-reviewer', 'department');
    await page.goto(`${stack.url}/rectifications/${departmentLevelId}`);
    await visible(page.getByText('本整改涉及部门整体', { exact: false }));
    await visible(page.getByText('部门整体支出绩效自评').first());
    expect(await page.getByRole('link', { name: '查看部门整体自评' }).getAttribute('href')).toMatch(
      /^\/department-evaluations\//,
    );
    await page.getByRole('textbox', { name: /^整改情况/ }).fill('已修订内控制度，下属单位资产清查完成。');
    await check(page, 'rectification-sources-05-department-answers');
    await page.getByRole('button', { name: '报送反馈' }).click();
    await visible(page.getByRole('status').getByText('已报送，等待绩效科核实。'));
    const stored = await apiAs(page, stack.url, 'GET', `/rectifications/${departmentLevelId}`);
    expect(stored.body).toMatchObject({ state: 'FEEDBACK_SUBMITTED', unitId: null });
  });

  it('reads as well in English: the start form, and the department-level rectification', async () => {
    const page = await phones.fresh();
    await signInAs(page, stack.url, 'perf-reviewer', 'bureau');
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto(`${stack.url}/rectifications/${departmentLevelId}`);
    await visible(page.getByText('Department overall self-evaluation').first());
    await visible(page.getByRole('link', { name: 'Open the department evaluation' }));
    await check(page, 'rectification-sources-06-english-department-level');
    await page.goto(`${stack.url}/self-evaluations/${selfEvaluationId}`);
    const section = page.locator('section.start-rectification');
    await section.getByRole('button', { name: 'Start a rectification' }).click();
    await visible(section.getByRole('textbox', { name: /^Requirements/ }));
    await check(page, 'rectification-sources-07-english-start-form');
  });

  it('raised no CSP violation and no uncaught error in any browser', () => {
    for (const watch of phones.watches) {
      expect(watch.violations).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
    }
  });
});
