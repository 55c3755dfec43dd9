import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoDevelopment,
  demoEducation,
  seedMonitoringReports,
  seedMonitoringRound,
} from '../support/monitoring-fixture.ts';
import { seedSelfEvaluation, seedSelfEvaluationRound } from '../support/self-evaluation-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * 催报 and notifications (issue 12 item 3) through the local gateway: the bureau reminds the departments behind in
 * a round; every person of such a department finds the reminder among their notifications, unread until they mark
 * it read; nobody else does. A retried request replays, a changed one is refused, a round where everyone has sent
 * is refused with nothing written, and a business section reminds only its own departments.
 */
let stack: TestStack;
const tokens: Record<string, string> = {};

const education = demoEducation;
const development = demoDevelopment;

const person = (id: string, roles: string[], where: { department?: string; unit?: string; section?: string }) =>
  stack.tokenForPerson({
    id,
    displayName: id,
    tenant: demoTenant.id,
    roles,
    departmentId: where.department ? demoId(`department:${where.department}`) : null,
    unitId: where.unit ? demoId(`unit:${where.unit}`) : null,
    sectionId: where.section ? demoId(`section:${where.section}`) : null,
  });

const notificationsOf = async (who: string) => {
  const response = await stack.call('GET', '/api/v1/notifications', { token: tokens[who]! });
  expect(response.status).toBe(200);
  return response.body as {
    items: { id: string; subject: { id: string }; pending: number; note: string }[];
    unread: number;
    readUpTo: string | null;
  };
};

let round = '';
let allSentRound = '';

beforeAll(async () => {
  stack = await startTestStack();
  tokens.perf = await stack.tokenFor('perf-reviewer');
  tokens.jkw = await person('section-jkw', ['business-section-reviewer'], { section: 'JKW' });
  tokens.jjjs = await person('section-jjjs', ['business-section-reviewer'], { section: 'JJJS' });
  tokens.preparer = await person('preparer-102', ['unit-preparer'], { department: '102', unit: '102001' });
  tokens.reviewer = await person('reviewer-102', ['department-reviewer'], { department: '102' });
  tokens.teacher = await person('preparer-102002', ['unit-preparer'], { department: '102', unit: '102002' });
  tokens.planner = await person('preparer-101', ['unit-preparer'], { department: '101', unit: '101001' });
  round = await seedMonitoringRound(stack.store, demoTenant.id);
  await seedMonitoringReports(stack.store, demoTenant.id, round, education, ['DRAFT', 'DRAFT', 'FINAL_APPROVED']);
  await seedMonitoringReports(stack.store, demoTenant.id, round, development, ['FINAL_APPROVED']);
  allSentRound = await seedMonitoringRound(stack.store, demoTenant.id);
  await seedMonitoringReports(stack.store, demoTenant.id, allSentRound, development, ['FINAL_APPROVED']);
}, 120_000);

afterAll(() => stack?.stop());

describe('催报 (reminders)', () => {
  const body = { id: uuidV7(), note: '请于本周五前报送。' };

  it('reminds the departments with reports not sent, and says how many each has', async () => {
    const sent = await stack.call('POST', `/api/v1/monitoring-rounds/${round}/reminders`, {
      token: tokens.perf!,
      body,
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      id: body.id,
      roundId: round,
      roundType: 'monitoring-round',
      note: body.note,
      departments: [{ id: education.id, name: education.name, pending: 2 }],
    });
  });

  it("reaches every person of the department — the unit's, another unit's, the reviewer — and no one else, unread", async () => {
    for (const who of ['preparer', 'teacher', 'reviewer']) {
      const list = await notificationsOf(who);
      const reminder = list.items.find((n) => n.subject.id === round);
      expect(reminder, who).toMatchObject({ pending: 2, note: body.note });
      expect(list.unread, who).toBeGreaterThanOrEqual(1);
    }
    expect((await notificationsOf('planner')).items.some((n) => n.subject.id === round)).toBe(false);
  });

  it('replays a retried request and refuses the same id with another note, writing nothing more', async () => {
    const before = (await notificationsOf('preparer')).items.length;
    const again = await stack.call('POST', `/api/v1/monitoring-rounds/${round}/reminders`, {
      token: tokens.perf!,
      body,
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const changed = await stack.call('POST', `/api/v1/monitoring-rounds/${round}/reminders`, {
      token: tokens.perf!,
      body: { ...body, note: '另一段话' },
    });
    expect(changed.status).toBe(409);
    expect((await notificationsOf('preparer')).items.length).toBe(before);
  });

  it('marks read up to a time, never back: the count of unread follows', async () => {
    const list = await notificationsOf('preparer');
    const newest = list.items[0]!;
    const read = await stack.call('PATCH', '/api/v1/notification-read-mark', {
      token: tokens.preparer!,
      body: { upTo: (newest as unknown as { createdAt: string }).createdAt },
    });
    expect(read.status).toBe(200);
    expect((await notificationsOf('preparer')).unread).toBe(0);
    const back = await stack.call('PATCH', '/api/v1/notification-read-mark', {
      token: tokens.preparer!,
      body: { upTo: '2020-01-01T00:00:00.000Z' },
    });
    expect(back.body.readUpTo).toBe(read.body.readUpTo);
    // Another reminder arrives: one unread again.
    const second = await stack.call('POST', `/api/v1/monitoring-rounds/${round}/reminders`, {
      token: tokens.jkw!,
      body: { id: uuidV7(), note: '' },
    });
    expect(second.status).toBe(201);
    expect((await notificationsOf('preparer')).unread).toBe(1);
    // The reviewer, who has read nothing, counts both.
    expect((await notificationsOf('reviewer')).unread).toBeGreaterThanOrEqual(2);
  });

  it('keeps a business section to its own departments, and refuses when no one is behind (nothing written)', async () => {
    const other = await stack.call('POST', `/api/v1/monitoring-rounds/${round}/reminders`, {
      token: tokens.jjjs!,
      body: { id: uuidV7(), note: '' },
    });
    expect(other.status).toBe(422);
    expect(other.body.errors[0].code).toBe('nothing_pending');
    const none = await stack.call('POST', `/api/v1/monitoring-rounds/${allSentRound}/reminders`, {
      token: tokens.perf!,
      body: { id: uuidV7(), note: '' },
    });
    expect(none.status).toBe(422);
    const listed = await stack.call('GET', `/api/v1/monitoring-rounds/${allSentRound}/reminders`, {
      token: tokens.perf!,
    });
    expect(listed.body.items).toEqual([]);
    expect((await notificationsOf('planner')).items).toEqual([]);
  });

  it('lists the reminders of a round, oldest first', async () => {
    const listed = await stack.call('GET', `/api/v1/monitoring-rounds/${round}/reminders`, { token: tokens.perf! });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((r: { id: string }) => r.id)[0]).toBe(body.id);
    expect(listed.body.items).toHaveLength(2);
  });

  it('reminds in a self-evaluation round the same way', async () => {
    const selfRound = await seedSelfEvaluationRound(stack.store, demoTenant.id);
    await seedSelfEvaluation(stack.store, demoTenant.id, selfRound, education);
    const sent = await stack.call('POST', `/api/v1/self-evaluation-rounds/${selfRound}/reminders`, {
      token: tokens.perf!,
      body: { id: uuidV7(), note: '' },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.departments).toEqual([{ id: education.id, name: education.name, pending: 1 }]);
    expect((await notificationsOf('teacher')).items.some((n) => n.subject.id === selfRound)).toBe(true);
  });

  it('refuses an unknown round and a bad body', async () => {
    const unknown = await stack.call('POST', `/api/v1/monitoring-rounds/${uuidV7()}/reminders`, {
      token: tokens.perf!,
      body: { id: uuidV7(), note: '' },
    });
    expect(unknown.status).toBe(404);
    const bad = await stack.call('POST', `/api/v1/monitoring-rounds/${round}/reminders`, {
      token: tokens.perf!,
      body: { id: 'not-an-id', note: '' },
    });
    expect(bad.status).toBe(400);
    const badRead = await stack.call('PATCH', '/api/v1/notification-read-mark', {
      token: tokens.preparer!,
      body: { upTo: 'yesterday' },
    });
    expect(badRead.status).toBe(400);
  });
});
