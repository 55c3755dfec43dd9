import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, beijingDay } from '@jixiao/core/beijing-day.ts';
import { notificationText } from '@jixiao/core/daily-work/notification.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { OutboxMailer } from '@jixiao/functions/adapters/outbox/outbox-mailer.ts';
import { SesMailer } from '@jixiao/functions/adapters/ses/ses-mailer.ts';
import { runDailyWorkJob } from '@jixiao/functions/daily-work/daily-work-jobs.ts';
import { runDueSoonReminders } from '@jixiao/functions/daily-work/due-soon-job.ts';
import { runMailJob } from '@jixiao/functions/daily-work/mail-job.ts';
import { mailPendingOwner, notificationKind } from '@jixiao/functions/daily-work/record-kinds.ts';
import { rectificationKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import { userKind } from '@jixiao/functions/organisation/record-kinds.ts';
import { derivedId } from '@jixiao/functions/records/derived-id.ts';
import { requestHash } from '@jixiao/functions/records/request-hash.ts';
import { demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoDevelopment,
  demoEducation,
  seedMonitoringReports,
  seedMonitoringRound,
} from '../support/monitoring-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * The scheduled jobs of the daily work (issue 12 item 3) on DynamoDB Local with the demo tenant: the reminder before a
 * deadline tells each department behind in a round due within the year's notice, once however often it runs, and no
 * one when the notice is 0; the mail job sends each pending notification to the active people of its audience who have
 * an address (the local outbox file), once, and keeps one whose send failed for the next run.
 */
let stack: TestStack;
let scratch = '';
const now = new Date().toISOString();
const today = beijingDay(now);
let dueSoon = '';
let later = '';

const education = demoEducation;
const development = demoDevelopment;

const user = async (username: string, fields: Record<string, unknown>) => {
  const at = new Date().toISOString();
  const record = {
    id: uuidV7(),
    version: 1,
    status: 'active',
    createdAt: at,
    updatedAt: at,
    createdBy: 'test',
    updatedBy: 'test',
    username,
    displayName: username,
    roles: ['unit-preparer'],
    departmentId: education.id,
    unitId: education.unitId,
    agencyId: null,
    financeSectionId: null,
    email: `${username}@example.cn`,
    ...fields,
  };
  const made = await stack.store.create(demoTenant.id, userKind, record, {
    hash: requestHash(record),
    context: { actor: 'test', actorRoles: [], requestId: uuidV7(), at },
  });
  expect(made.outcome).toBe('created');
};

/** The notifications of the demo tenant still to mail. */
const pending = async () =>
  (await stack.store.list(demoTenant.id, notificationKind, { limit: 100, ownerId: mailPendingOwner })).items;

beforeAll(async () => {
  stack = await startTestStack();
  scratch = mkdtempSync(join(tmpdir(), 'jixiao-outbox-'));
  // One round due in two days, one due in ten; 教育局 is behind in both, 发改委 in neither.
  dueSoon = await seedMonitoringRound(stack.store, demoTenant.id, { deadline: addDays(today, 2) });
  later = await seedMonitoringRound(stack.store, demoTenant.id, { deadline: addDays(today, 10) });
  for (const round of [dueSoon, later]) {
    await seedMonitoringReports(stack.store, demoTenant.id, round, education, ['DRAFT', 'DRAFT', 'FINAL_APPROVED']);
    await seedMonitoringReports(stack.store, demoTenant.id, round, development, ['FINAL_APPROVED']);
  }
  await user('mail-preparer', {});
  await user('mail-reviewer', { roles: ['department-reviewer'], unitId: null });
  await user('mail-no-address', { email: null });
  await user('mail-left', { status: 'inactive' });
  await user('mail-elsewhere', { departmentId: development.id, unitId: development.unitId });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the reminder before a deadline', () => {
  it('tells each department behind in a round due within the notice, once however often it runs', async () => {
    const first = await runDueSoonReminders(stack.store, demoTenant.id, now);
    const round = first.rounds.find((r) => r.id === dueSoon);
    expect(round).toEqual({
      id: dueSoon,
      type: 'monitoring-round',
      deadline: addDays(today, 2),
      behind: 1,
      told: 1,
    });
    expect(first.rounds.some((r) => r.id === later)).toBe(false);
    const again = await runDueSoonReminders(stack.store, demoTenant.id, now);
    expect(again.rounds.find((r) => r.id === dueSoon)?.told).toBe(0);

    const token = await stack.tokenForPerson({
      id: 'due-soon-reader',
      displayName: 'reader',
      tenant: demoTenant.id,
      roles: ['unit-preparer'],
      departmentId: education.id,
      unitId: education.unitId,
    });
    const list = (await stack.call('GET', '/api/v1/notifications', { token })).body;
    const told = list.items.filter((n: { topic: string; subject: { id: string } }) => n.topic === 'due-soon');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ subject: { id: dueSoon }, pending: 2, deadline: addDays(today, 2) });
  });

  it('tells the unit (or the department) of each open rectification notice due within the notice, once; not closed or far-off ones', async () => {
    const at = new Date().toISOString();
    const notice = async (name: string, unit: typeof education, state: string, dueDate: string, level = 'UNIT') => {
      const record = {
        id: uuidV7(),
        version: 1,
        createdAt: at,
        updatedAt: at,
        createdBy: 'test',
        updatedBy: 'test',
        state,
        dueDate,
        projectName: name,
        projectCode: 'RECT',
        departmentId: unit.id,
        departmentName: unit.name,
        // A department-level notice (a key evaluation's of the department's overall spending) has no unit.
        unitId: level === 'UNIT' ? unit.unitId : null,
        unitName: level === 'UNIT' ? unit.unitName : null,
      };
      const made = await stack.store.create(demoTenant.id, rectificationKind, record, {
        hash: requestHash(record),
        context: { actor: 'test', actorRoles: [], requestId: uuidV7(), at },
      });
      expect(made.outcome).toBe('created');
      return { id: record.id, dueDate };
    };
    const notices = [
      await notice('整改：两天后到期', education, 'NOTICE_ISSUED', addDays(today, 2)),
      await notice('整改：今天到期', development, 'FEEDBACK_DRAFT', today),
      await notice('整改：部门整体，明天到期', education, 'NOTICE_ISSUED', addDays(today, 1), 'DEPARTMENT'),
      await notice('整改：十天后到期', education, 'NOTICE_ISSUED', addDays(today, 10)),
      await notice('整改：已反馈', education, 'FEEDBACK_SUBMITTED', addDays(today, 1)),
      await notice('整改：已完成', education, 'CLOSED', addDays(today, 1)),
      await notice('整改：已逾期', education, 'NOTICE_ISSUED', addDays(today, -3)),
    ];
    const [soon, drafting, departmentLevel] = notices.map((n) => n.id) as [string, string, string];

    const first = await runDueSoonReminders(stack.store, demoTenant.id, now);
    // The demo's own notices were told by the run above; of these, the three due within the notice.
    expect(first.rectifications.told).toBe(3);
    expect((await runDueSoonReminders(stack.store, demoTenant.id, now)).rectifications.told).toBe(0);

    const ids = notices.map((n) => derivedId(`due-soon:rectification:${n.id}:${n.dueDate}`));
    const told = new Map(
      (await stack.store.getMany(demoTenant.id, notificationKind, ids)).map((n) => [
        (n.subject as { id: string }).id,
        n,
      ]),
    );
    expect([...told.keys()].sort()).toEqual([soon, drafting, departmentLevel].sort());
    expect(told.get(soon)).toMatchObject({
      topic: 'due-soon',
      audience: { type: 'unit', id: education.unitId },
      subject: { type: 'rectification', title: '整改：两天后到期' },
      deadline: addDays(today, 2),
      mailPending: mailPendingOwner,
    });
    expect(told.get(drafting)).toMatchObject({ audience: { type: 'unit', id: development.unitId } });
    expect(told.get(departmentLevel)).toMatchObject({ audience: { type: 'department', id: education.id } });
    // The unit's people read it among their notifications, in words about one notice and its due date.
    const token = await stack.tokenForPerson({
      id: 'rectification-reader',
      displayName: 'reader',
      tenant: demoTenant.id,
      roles: ['unit-preparer'],
      departmentId: education.id,
      unitId: education.unitId,
    });
    const listed = (await stack.call('GET', '/api/v1/notifications', { token })).body.items.find(
      (n: { subject: { id: string } }) => n.subject.id === soon,
    );
    expect(listed).toBeDefined();
    expect(notificationText(listed, 'zh-CN')).toEqual({
      title: '整改即将到期：整改：两天后到期',
      body: `整改通知要求于 ${addDays(today, 2)} 前报送整改情况，请按时落实整改并反馈。`,
    });
  });

  it("tells no one when the year's notice is 0 days", async () => {
    const perf = await stack.tokenFor('perf-reviewer');
    const calendar = (await stack.call('GET', '/api/v1/budget-calendar/2026', { token: perf })).body;
    const off = await stack.call('PATCH', '/api/v1/budget-calendar/2026', {
      token: perf,
      body: { version: calendar.version, ...calendar.settings, reminderDaysBefore: 0 },
    });
    expect(off.status).toBe(200);
    expect(
      (await runDueSoonReminders(stack.store, demoTenant.id, `${addDays(today, 1)}T02:00:00.000Z`)).rounds,
    ).toEqual([]);
    const on = await stack.call('PATCH', '/api/v1/budget-calendar/2026', {
      token: perf,
      body: { version: off.body.version, ...calendar.settings, reminderDaysBefore: 3 },
    });
    expect(on.status).toBe(200);
  });
});

describe('the mail job', () => {
  it('keeps a notification whose send failed for the next run, counting the attempt', async () => {
    const before = (await pending()).length;
    expect(before).toBeGreaterThan(0);
    // SES at a port nothing listens on: every send fails for real.
    const unreachable = new SesMailer('jixiao@example.cn', 'cn-north-1', 'http://127.0.0.1:9', async () => ({
      accessKeyId: 'a',
      secretAccessKey: 'b',
    }));
    const outcome = await runMailJob(stack.store, unreachable, demoTenant.id, now);
    expect(outcome.mailed).toBe(0);
    expect((await pending()).length).toBe(before);
    expect((await pending()).every((n) => (n as { mailAttempts?: number }).mailAttempts === 1)).toBe(true);
  });

  it("sends each pending notification to its audience's active people with an address, once", async () => {
    const file = join(scratch, 'outbox.jsonl');
    const result = await runDailyWorkJob(stack.store, new OutboxMailer(file), 'mail', now);
    expect(result.failures).toEqual([]);
    expect(await pending()).toEqual([]);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const dueSoonMail = lines.find((l) => l.subject.includes('即将截止'));
    expect(dueSoonMail).toBeDefined();
    // The department's people with an address and active: the unit's preparer and the department's reviewer.
    expect(dueSoonMail.to).toEqual(['mail-preparer@example.cn', 'mail-reviewer@example.cn']);
    expect(dueSoonMail.text).toContain(`截止日期 ${addDays(today, 2)}`);
    expect(dueSoonMail.text).toContain('Due soon');
    const count = lines.length;
    await runDailyWorkJob(stack.store, new OutboxMailer(file), 'mail', now);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(count);
  });

  it('runs for every tenant the store lists', async () => {
    expect(await stack.store.listTenants()).toContain(demoTenant.id);
    const result = await runDailyWorkJob(stack.store, undefined, 'mail', now);
    expect(result.outcomes).toEqual(['no mailer configured: MAIL_FROM or MAIL_OUTBOX_FILE']);
  });
});
