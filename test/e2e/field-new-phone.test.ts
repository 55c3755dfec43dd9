import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import {
  demoAssignmentId,
  demoEngagementId,
  demoQuestionnaireId,
  demoSiteIds,
} from '@jixiao/infra/local/demo-fieldwork.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, phone, screenshot } from './browser.ts';
import { apiAs, demoUser } from './people.ts';
import { startWebStack } from './web-stack.ts';

/**
 * An evaluator on a new (or cleared) phone: what they already sent from another phone comes down
 * with the assignment, so finished sites do not look unvisited; a visit whose departure the server
 * holds is shown closed, not editable; and the outbox card says when drafts are still unfinished
 * on the phone instead of "everything sent".
 */
let stack: LocalStack;
let browser: Browser;
let page: Page;

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const api = (method: string, path: string, body?: unknown) => apiAs(page, stack.url, method, path, body);
const now = () => new Date().toISOString();

const visitId = uuidV7();
const interviewId = uuidV7();

beforeAll(async () => {
  stack = await startWebStack('e2e-field-new-phone');
  // Sent earlier from another phone, before this phone ever signed in.
  const token = await fetch(`${stack.url}/local-idp/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: demoId('user:evaluator') }),
  }).then(async (r) => ((await r.json()) as { idToken: string }).idToken);
  const send = async (method: string, path: string, body: unknown) => {
    const r = await fetch(`${stack.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: r.status };
  };
  const visit = await send('POST', '/field-records', {
    id: visitId,
    assignmentId: demoAssignmentId,
    type: 'SITE_VISIT',
    deviceCreatedAt: now(),
    deviceUpdatedAt: now(),
    siteId: demoSiteIds[0],
    arrivedAt: '2026-11-20T09:00:00+08:00',
    departedAt: '2026-11-20T10:30:00+08:00',
    position: { latitude: 39.1192, longitude: 117.3134, accuracyMetres: 12, capturedAt: now() },
    positionNote: '',
    accompaniedBy: '区住建委物业科 王科长',
    checks: [],
    findings: '门岗值守正常，3 号楼楼道照明损坏。',
    signature: { signerName: '孙强', signedAt: now(), path: 'M 10 10 L 20 20 L 30 15' },
    photos: [],
  });
  expect(visit.status).toBe(201);
  const interview = await send('POST', '/field-records', {
    id: interviewId,
    assignmentId: demoAssignmentId,
    type: 'INTERVIEW',
    deviceCreatedAt: now(),
    deviceUpdatedAt: now(),
    mode: 'IN_PERSON',
    place: '成林道小区物业服务中心',
    startedAt: now(),
    interviewee: { category: 'BENEFICIARY', role: '业委会主任', name: '' },
    consent: { given: false, method: null },
    answers: [],
    notes: '补贴到位较晚。',
    linkedIndicatorIds: [],
    photos: [],
  });
  expect(interview.status).toBe(201);

  browser = await launch();
  const context = await browser.newContext(phone);
  page = await context.newPage();
  await page.goto(`${stack.url}/sign-in`);
  await demoUser(page, 'evaluator').click();
  await page.waitForURL('**/field');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('an evaluator on a new phone', () => {
  it('gets the records already on the server with the assignment, the visited site counted', async () => {
    const assignment = page.getByRole('link', { name: /2026 年度老旧小区物业服务补贴项目重点绩效评价/ });
    await visible(assignment);
    await assignment.click();
    await page.waitForURL(/\/field\/[0-9a-f-]{36}$/);
    await visible(page.locator(`a[data-record-id="${visitId}"]`));
    await visible(page.locator(`a[data-record-id="${interviewId}"]`));
    await visible(page.getByText('已记录 1 次'));
    await screenshot(page, 'field-new-phone-01-records-downloaded');
  });

  it('shows a visit whose departure the server holds as closed, with nothing to edit or send', async () => {
    await page.locator(`a[data-record-id="${visitId}"]`).click();
    await page.waitForURL(`**/field/record/${visitId}`);
    await visible(page.getByTestId('visit-closed'));
    await expect(page.getByTestId('record-state').textContent()).resolves.toBe('已发送');
    const editable = await page
      .locator('main input, main textarea, main select')
      .evaluateAll((fields) => fields.filter((f) => !f.matches(':disabled')).map((f) => f.outerHTML));
    expect(editable).toEqual([]);
    expect(await page.getByRole('button', { name: /完成并加入发送队列|保存修改并重新发送/ }).count()).toBe(0);
    await screenshot(page, 'field-new-phone-02-visit-closed', { fullPage: true });
  });

  it('says that a draft is still unfinished on the phone rather than "everything sent"', async () => {
    await page.goBack();
    await page.waitForURL(/\/field\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: '新建访谈记录' }).click();
    await page.waitForURL(/\/field\/record\/[0-9a-f-]{36}$/);
    await page.getByLabel('身份或职务').fill('物业项目经理');
    await visible(page.getByText('已自动保存在本机'));
    await page.goto(`${stack.url}/field`);
    const state = page.getByTestId('sync-state');
    await visible(state.getByText('已完成的记录均已发送到服务器；手机上还有 1 份草稿尚未完成，完成后才会发送。'));
    await screenshot(page, 'field-new-phone-03-draft-unfinished');
    // Nothing of the draft reached the server, and the downloaded copies were not sent back.
    const engagementId = (await api('GET', '/my-assignments')).body.items[0].engagementId;
    const listed = await api(
      'GET',
      `/engagements/${engagementId}/field-records?assignmentId=${demoAssignmentId}&limit=100`,
    );
    expect(listed.body.items.map((r: { id: string }) => r.id).sort()).toEqual([visitId, interviewId].sort());
    const visit = await api('GET', `/field-records/${visitId}`);
    expect(visit.body.version).toBe(1);
  });

  it('downloads an assignment opened before the first sync instead of saying there is nothing', async () => {
    const context = await browser.newContext(phone);
    const fresh = await context.newPage();
    // The first sync on the home page fails (as on a bad network), so nothing is on this phone yet.
    await fresh.route('**/api/v1/my-assignments', (route) => route.abort('connectionreset'));
    await fresh.goto(`${stack.url}/sign-in`);
    await demoUser(fresh, 'evaluator').click();
    await fresh.waitForURL('**/field');
    await visible(fresh.getByText(/同步失败/));
    await fresh.unroute('**/api/v1/my-assignments');
    await fresh.goto(`${stack.url}/field/${demoAssignmentId}`);
    await visible(fresh.getByRole('heading', { name: /2026 年度老旧小区物业服务补贴项目重点绩效评价/ }));
    await visible(fresh.locator(`a[data-record-id="${visitId}"]`));
    await screenshot(fresh, 'field-new-phone-04-opened-before-sync');
    await context.close();
  });

  it('closes fieldwork only after the lead saw what is still open, and the phones then start nothing new', async () => {
    const context = await browser.newContext(phone);
    const lead = await context.newPage();
    await lead.goto(`${stack.url}/sign-in`);
    await demoUser(lead, 'agency-lead').click();
    await lead.waitForURL('**/field');
    await lead.goto(`${stack.url}/engagements/${demoEngagementId}`);
    await lead.getByRole('button', { name: '结束现场工作' }).click();
    const confirm = lead.getByTestId('confirm-close-fieldwork');
    await visible(confirm.getByText('以下事项尚未完成：'));
    // The evaluator visited one of their sites; the other is listed with their name.
    await visible(confirm.getByText(/（孙强）$/));
    await screenshot(lead, 'field-new-phone-05-confirm-close');
    await confirm.getByRole('button', { name: '确认结束现场工作' }).click();
    await visible(lead.getByRole('status').getByText(/现场工作已结束/));
    await context.close();

    // The evaluator's phone learns it at its next sync.
    await page.goto(`${stack.url}/field`);
    const sync = page.getByRole('button', { name: '同步任务' });
    await sync.click();
    // While it runs the button says 正在同步…; it says 同步任务 again once the copy is stored.
    await visible(sync);
    await page.getByRole('link', { name: /2026 年度老旧小区物业服务补贴项目重点绩效评价/ }).click();
    await page.waitForURL(`**/field/${demoAssignmentId}`);
    await visible(page.getByTestId('fieldwork-closed'));
    expect(await page.getByRole('button', { name: '新建访谈记录' }).isDisabled()).toBe(true);
    await screenshot(page, 'field-new-phone-06-fieldwork-closed');

    // Nor does a questionnaire opened by its address start a new response.
    const before = await page.evaluate(() => document.querySelectorAll('a[data-record-id]').length);
    await page.goto(`${stack.url}/field/${demoAssignmentId}/survey/${demoQuestionnaireId}`);
    await visible(page.getByRole('alert').getByText(/现场工作已结束/));
    await page.goto(`${stack.url}/field/${demoAssignmentId}`);
    await visible(page.getByTestId('fieldwork-closed'));
    expect(await page.evaluate(() => document.querySelectorAll('a[data-record-id]').length)).toBe(before);
  });
});
