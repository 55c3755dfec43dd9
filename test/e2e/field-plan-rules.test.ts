import { randomUUID } from 'node:crypto';
import { engagementKind } from '@jixiao/functions/fieldwork/record-kinds.ts';
import type { StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import { demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoAssignmentId, demoEngagementId, demoQuestionnaireId } from '@jixiao/infra/local/demo-fieldwork.ts';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { audit, launch, phone, type SecurityWatch, screenshot, watchSecurity, webBuild } from './browser.ts';
import { requireWebBuild } from './web-stack.ts';

/**
 * The plan rules on the phone (docs/domain/fieldwork.md#plan-rules). Through the screens a record
 * cannot break them: the app offers only the package's sites, indicators and questions, starts
 * records only once the package says fieldwork has begun, and the plan is fixed from then on. What
 * remains is a phone whose copy of the plan is older than the server's. The API has no way to change
 * an approved plan, so the test makes that change in the stored engagement itself: the first
 * question of the residents' questionnaire and one indicator of the framework go, after 孙强's
 * phone downloaded them.
 *
 * A response queued offline against the old copy is refused by the server when it is sent, and the
 * record says why; once the phone has synced, a draft answering the removed question, or an
 * interview linked to the removed indicator, is refused on the phone before it is queued, with the
 * reason beside it, and goes once the answer is dropped or the indicator unlinked.
 */
let stack: TestStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watch: SecurityWatch;
let leadToken = '';
/** The framework indicator the interview links to, and which the changed plan no longer has. */
let removed = { id: '', name: '' };

type StoredPlan = StoredRecord & {
  indicators: { id: string; name: string }[];
  questionnaires: { id: string; questions: unknown[] }[];
};

const visible = (locator: Locator, timeout?: number) =>
  locator.waitFor({ state: 'visible', ...(timeout ? { timeout } : {}) });

interface PhoneRecord {
  id: string;
  respondentCode: string;
  queued: boolean;
  answers: number;
}

/** The survey responses in the phone's IndexedDB. */
const phoneResponses = (): Promise<PhoneRecord[]> =>
  page.evaluate(async () => {
    const me = JSON.parse(localStorage.getItem('jixiao.me') ?? 'null') as { userId: string };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(`jixiao-field-${me.userId}`);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = await new Promise<
      { id: string; queued: unknown; content: { type: string; respondentCode?: string; answers: unknown[] } }[]
    >((resolve, reject) => {
      const r = db.transaction('records').objectStore('records').getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    db.close();
    return all
      .filter((x) => x.content.type === 'SURVEY_RESPONSE')
      .map((x) => ({
        id: x.id,
        respondentCode: x.content.respondentCode ?? '',
        queued: x.queued !== null,
        answers: x.content.answers.length,
      }));
  });

/** One record on the phone: whether it is queued, and what it links to. */
const phoneRecord = (id: string): Promise<{ queued: boolean; linkedIndicatorIds: string[] }> =>
  page.evaluate(async (recordId) => {
    const me = JSON.parse(localStorage.getItem('jixiao.me') ?? 'null') as { userId: string };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(`jixiao-field-${me.userId}`);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const record = await new Promise<{ queued: unknown; content: { linkedIndicatorIds?: string[] } }>(
      (resolve, reject) => {
        const r = db.transaction('records').objectStore('records').get(recordId);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      },
    );
    db.close();
    return { queued: record.queued !== null, linkedIndicatorIds: record.content.linkedIndicatorIds ?? [] };
  }, id);

const onPhone = async (code: string): Promise<PhoneRecord> => {
  const found = (await phoneResponses()).find((r) => r.respondentCode === code);
  if (!found) throw new Error(`no response ${code} on the phone`);
  return found;
};

/** The responses the server holds for the demo engagement, by respondent code: the number of answers. */
const serverResponses = async (): Promise<Record<string, number>> => {
  const listed = await stack.call(
    'GET',
    `/api/v1/engagements/${demoEngagementId}/field-records?type=SURVEY_RESPONSE&assignmentId=${demoAssignmentId}&limit=100`,
    { token: leadToken },
  );
  expect(listed.status).toBe(200);
  // Only this test's respondents: the demo may hold others.
  const mine = listed.body.items.filter((r: { respondentCode: string }) => /^R-10\d$/.test(r.respondentCode));
  return Object.fromEntries(
    mine.map((r: { respondentCode: string; answers: unknown[] }) => [r.respondentCode, r.answers.length]),
  );
};

/** Answers every Likert question of the demo questionnaire (four questions: three Likert, one choice). */
const answerAll = async (code: string) => {
  await page.getByLabel('受访者编号').fill(code);
  for (let i = 0; i < 3; i++) await page.getByRole('radio', { name: '非常满意' }).nth(i).check();
  await page.getByRole('radio', { name: '1–5 年' }).check();
};

beforeAll(async () => {
  requireWebBuild();
  stack = await startTestStack({ webRoot: webBuild, tableName: `e2e-field-plan-${randomUUID()}` });
  leadToken = await stack.tokenFor('agency-lead');
  const plan = await stack.store.get<StoredPlan>(demoTenant.id, engagementKind, demoEngagementId);
  const unique = plan?.indicators.find((i) => plan.indicators.filter((x) => x.name === i.name).length === 1);
  if (!unique) throw new Error('no indicator with a name of its own');
  removed = { id: unique.id, name: unique.name };
  browser = await launch();
  context = await browser.newContext(phone);
  watch = await watchSecurity(context);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the phone checks a record against the plan it holds before queuing it', () => {
  let assignmentUrl = '';
  let surveyUrl = '';
  let interviewId = '';

  it('downloads the plan, and records one response offline and begins another', async () => {
    await page.goto(`${stack.url}/sign-in`);
    await page.locator('button.user', { has: page.locator('.username', { hasText: /^evaluator$/ }) }).click();
    await page.waitForURL('**/field');
    const assignment = page.getByRole('link', { name: /2026 年度老旧小区物业服务补贴项目重点绩效评价/ });
    await visible(assignment);
    await visible(page.getByTestId('synced-age').getByText('本机任务数据更新于刚刚'));
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await assignment.click();
    await page.waitForURL(/\/field\/[0-9a-f-]{36}$/);
    assignmentUrl = page.url();

    await context.setOffline(true);
    await page.getByRole('button', { name: /^开始填写/ }).click();
    await page.waitForURL(/\/survey\/[0-9a-f-]{36}$/);
    surveyUrl = page.url();
    await answerAll('R-101');
    await page.getByRole('button', { name: '保存，下一份' }).click();
    await visible(page.getByText('第 1 份已保存。'));
    // The next resident answers only the first question before being called away.
    await page.getByLabel('受访者编号').fill('R-102');
    await page.getByRole('radio', { name: '满意', exact: true }).first().check();
    await expect.poll(async () => (await phoneResponses()).find((r) => r.respondentCode === 'R-102')).toBeTruthy();
    await page.getByRole('link', { name: '← 返回' }).click();
    await page.waitForURL(assignmentUrl);

    // An interview about that indicator, begun and left as a draft.
    await page.getByRole('button', { name: '新建访谈记录' }).click();
    await page.waitForURL(/\/field\/record\/[0-9a-f-]{36}$/);
    interviewId = page.url().split('/').at(-1) ?? '';
    await page.getByLabel('身份或职务').fill('物业项目经理');
    await page.getByLabel('纪要', { exact: true }).fill('保洁人员 6 名，每日清运两次。');
    await page.getByRole('checkbox', { name: removed.name, exact: true }).check();
    await expect.poll(async () => (await phoneRecord(interviewId)).linkedIndicatorIds).toEqual([removed.id]);
    await page.getByRole('link', { name: '← 返回' }).click();
    await page.waitForURL(assignmentUrl);

    expect(await onPhone('R-101')).toMatchObject({ queued: true, answers: 4 });
    expect(await onPhone('R-102')).toMatchObject({ queued: false, answers: 4 });
    expect(await phoneRecord(interviewId)).toEqual({ queued: false, linkedIndicatorIds: [removed.id] });
  });

  it('shows the server’s refusal on a response queued against the older plan', async () => {
    // The plan changes on the server after the phone downloaded it: the first question and one
    // indicator go.
    const before = await stack.store.get<StoredPlan>(demoTenant.id, engagementKind, demoEngagementId);
    if (!before) throw new Error('no demo engagement');
    const after = {
      ...before,
      indicators: before.indicators.filter((i) => i.id !== removed.id),
      questionnaires: before.questionnaires.map((q) =>
        q.id === demoQuestionnaireId ? { ...q, questions: q.questions.slice(1) } : q,
      ),
      version: before.version + 1,
    };
    await stack.store.update(demoTenant.id, engagementKind, before, after, {
      actor: 'test',
      actorRoles: [],
      requestId: randomUUID(),
      at: new Date().toISOString(),
      operation: 'update-plan',
    });

    await context.setOffline(false);
    const a = await onPhone('R-101');
    await page.goto(`${stack.url}/field/record/${a.id}`);
    const refusal = page.locator('#attention');
    await visible(refusal, 20_000);
    await visible(refusal.getByText(/服务器未接受此记录/));
    await visible(refusal.getByText(/问卷中没有这道题/));
    await visible(page.getByTestId('record-state').getByText('需处理'));
    await screenshot(page, 'field-plan-01-server-refused', { fullPage: false });
    expect(await serverResponses()).toEqual({});
  });

  it('refuses on the phone, once synced, a draft that answers the removed question, and queues it without that answer', async () => {
    await page.goto(`${stack.url}/field`);
    await page.getByRole('button', { name: '同步任务' }).click();
    await visible(page.getByTestId('synced-age').getByText('本机任务数据更新于刚刚'));
    await expect
      .poll(() =>
        page.evaluate(
          async ([e, q]) => {
            const me = JSON.parse(localStorage.getItem('jixiao.me') ?? 'null') as { userId: string };
            const db = await new Promise<IDBDatabase>((resolve, reject) => {
              const r = indexedDB.open(`jixiao-field-${me.userId}`);
              r.onsuccess = () => resolve(r.result);
              r.onerror = () => reject(r.error);
            });
            const packages = await new Promise<
              { pkg: { engagement: { id: string; questionnaires: { id: string; questions: unknown[] }[] } } }[]
            >((resolve) => {
              const r = db.transaction('packages').objectStore('packages').getAll();
              r.onsuccess = () => resolve(r.result);
            });
            db.close();
            const pkg = packages.find((p) => p.pkg.engagement.id === e);
            return pkg?.pkg.engagement.questionnaires.find((x) => x.id === q)?.questions.length;
          },
          [demoEngagementId, demoQuestionnaireId] as const,
        ),
      )
      .toBe(3);

    await page.goto(surveyUrl);
    await visible(page.getByLabel('受访者编号'));
    expect(await page.getByLabel('受访者编号').inputValue()).toBe('R-102');
    await page.getByRole('button', { name: '保存，下一份' }).click();
    await visible(page.getByText('还有 1 处需要修改，请查看标红的字段。'));
    const gone = page.locator('#gone-answers');
    await visible(gone);
    await visible(gone.getByText('有 1 个回答对应的题目已从问卷中删除（问卷中没有这道题），删去这些回答后才能保存。'));
    await screenshot(page, 'field-plan-02-phone-refused', { fullPage: false });
    await page.getByRole('button', { name: 'English' }).click();
    await visible(
      gone.getByText(
        'Answers to questions removed from the questionnaire: 1 (The questionnaire has no such question). Drop them to save.',
      ),
    );
    await screenshot(page, 'field-plan-03-phone-refused-en', { fullPage: false });
    await page.getByRole('button', { name: '中文' }).click();
    await visible(gone.getByRole('button', { name: '删去这些回答' }));
    expect(await audit(page)).toEqual([]);
    expect(await onPhone('R-102')).toMatchObject({ queued: false, answers: 4 });
    expect(await serverResponses()).toEqual({});

    await gone.getByRole('button', { name: '删去这些回答' }).click();
    await page.getByRole('button', { name: '保存，下一份' }).click();
    // The phone counts R-101 too: it is queued, though the server refused it.
    await visible(page.getByText('第 2 份已保存。'));
    expect(await onPhone('R-102')).toMatchObject({ queued: true, answers: 3 });
    await expect.poll(serverResponses, { timeout: 20_000 }).toEqual({ 'R-102': 3 });
  });

  it('refuses on the phone an interview linked to an indicator the framework no longer has, until it is unlinked', async () => {
    await page.goto(`${stack.url}/field/record/${interviewId}`);
    await page.getByRole('button', { name: '完成并加入发送队列' }).click();
    await visible(page.getByText('还有 1 处需要修改，请查看标红的字段。'));
    const linked = page.getByRole('group', { name: '关联指标' });
    await visible(linked.getByText('所关联的指标不在评价指标体系中'));
    const unlink = linked.getByRole('button', { name: '取消关联此指标' });
    await visible(unlink);
    await unlink.scrollIntoViewIfNeeded();
    await screenshot(page, 'field-plan-04-interview-refused', { fullPage: false });
    expect(await audit(page)).toEqual([]);
    expect(await phoneRecord(interviewId)).toEqual({ queued: false, linkedIndicatorIds: [removed.id] });
    expect((await stack.call('GET', `/api/v1/field-records/${interviewId}`, { token: leadToken })).status).toBe(404);

    await unlink.click();
    await page.getByRole('button', { name: '完成并加入发送队列' }).click();
    await visible(page.getByTestId('record-state').getByText('已发送'), 20_000);
    const sent = await stack.call('GET', `/api/v1/field-records/${interviewId}`, { token: leadToken });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ type: 'INTERVIEW', linkedIndicatorIds: [] });
  });

  it('lets the refused response be corrected on the phone and sent again', async () => {
    const a = await onPhone('R-101');
    await page.goto(`${stack.url}/field/record/${a.id}`);
    await visible(page.locator('#attention'));
    await page.getByRole('button', { name: '保存修改并重新发送' }).click();
    const gone = page.locator('#gone-answers');
    await visible(gone);
    await visible(gone.getByText(/问卷中没有这道题/));
    expect(await onPhone('R-101')).toMatchObject({ answers: 4 });
    await gone.getByRole('button', { name: '删去这些回答' }).click();
    await page.getByRole('button', { name: '保存修改并重新发送' }).click();
    await visible(page.getByTestId('record-state').getByText('已发送'), 20_000);
    expect(await serverResponses()).toEqual({ 'R-101': 3, 'R-102': 3 });
    expect(watch.violations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });
});
