import { uuidV7 } from '@jixiao/core/ids.ts';
import { notifyingStore } from '@jixiao/functions/daily-work/notifying-store.ts';
import { assignmentKind } from '@jixiao/functions/fieldwork/record-kinds.ts';
import { requestHash } from '@jixiao/functions/records/request-hash.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedRedReports } from '../e2e/approved-reports.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Notifications of steps (issue 12 item 3) through the local gateway on the demo tenant: a return, a final approval
 * and a rectification ordered each reach the unit concerned, written with the step (no step, no notification); a
 * field assignment reaches its evaluator. A unit of another department hears of none of it.
 */
let stack: TestStack;
const tokens: Record<string, string> = {};

interface Listed {
  items: {
    id: string;
    topic: string;
    subject: { type: string; id: string; title: string };
    note: string;
    senderName: string;
  }[];
  unread: number;
}

const person = (id: string, roles: string[], where: { department?: string; unit?: string }) =>
  stack.tokenForPerson({
    id,
    displayName: id,
    tenant: demoTenant.id,
    roles,
    departmentId: where.department ? demoId(`department:${where.department}`) : null,
    unitId: where.unit ? demoId(`unit:${where.unit}`) : null,
  });

const notificationsOf = async (token: string): Promise<Listed> => {
  const response = await stack.call('GET', '/api/v1/notifications', { token });
  expect(response.status).toBe(200);
  return response.body as Listed;
};

beforeAll(async () => {
  stack = await startTestStack();
  tokens.department = await stack.tokenFor('dept-reviewer');
  tokens.perf = await stack.tokenFor('perf-reviewer');
  tokens.unit = await person('notified-102001', ['unit-preparer'], { department: '102', unit: '102001' });
  tokens.elsewhere = await person('notified-101001', ['unit-preparer'], { department: '101', unit: '101001' });
}, 120_000);
afterAll(() => stack?.stop());

describe('notifications of steps', () => {
  it("tells the unit its target was returned, with the reviewer's opinion", async () => {
    // The unit approver sends one of its drafts, so that it waits for the department.
    const approver = await stack.tokenFor('unit-approver');
    const home = (await stack.call('GET', '/api/v1/to-do', { token: approver })).body;
    const draft = home.lists.find((l: { key: string }) => l.key === 'target:send').items[0];
    const current = (await stack.call('GET', `/api/v1/targets/${draft.id}`, { token: approver })).body;
    const sent = await stack.call('POST', `/api/v1/targets/${draft.id}/submit`, {
      token: approver,
      body: { version: current.version },
    });
    expect(sent.status).toBe(200);
    const target = sent.body as { id: string; version: number; unitId: string; projectName: string };
    // A preparer of the target's own unit.
    const unit = await stack.tokenForPerson({
      id: 'notified-target-unit',
      displayName: 'notified',
      tenant: demoTenant.id,
      roles: ['unit-preparer'],
      departmentId: demoId('department:102'),
      unitId: target!.unitId,
    });
    const before = (await notificationsOf(unit)).items.length;
    const refused = await stack.call('POST', `/api/v1/targets/${target!.id}/department-review`, {
      token: tokens.department!,
      body: { version: target!.version + 5, decision: 'return', opinion: '请补充依据' },
    });
    expect(refused.status).toBe(409);
    expect((await notificationsOf(unit)).items.length).toBe(before);

    const returned = await stack.call('POST', `/api/v1/targets/${target!.id}/department-review`, {
      token: tokens.department!,
      body: { version: target!.version, decision: 'return', opinion: '请补充产出数量指标的测算依据' },
    });
    expect(returned.status).toBe(200);
    const list = await notificationsOf(unit);
    expect(list.items.length).toBe(before + 1);
    expect(list.items[0]).toMatchObject({
      topic: 'returned',
      subject: { type: 'target', id: target!.id, title: target!.projectName },
      note: '请补充产出数量指标的测算依据',
      senderName: '陈芳',
    });
    expect(list.unread).toBeGreaterThanOrEqual(1);
    expect((await notificationsOf(tokens.elsewhere!)).items.some((n) => n.subject.id === target!.id)).toBe(false);
  });

  it('tells the unit a rectification is ordered, with its requirements', async () => {
    const { reportIds } = await approvedRedReports(stack.store, {
      prefix: 'NOTIFYM',
      count: 1,
      roundName: '2026 年一季度重点监控（通知）',
    });
    // The reports were approved through the operations directly (no notifying store): the disposition goes through the API.
    const report = (await stack.call('GET', `/api/v1/monitoring-reports/${reportIds[0]}`, { token: tokens.perf! }))
      .body;
    const decided = await stack.call('POST', `/api/v1/monitoring-reports/${reportIds[0]}/disposition`, {
      token: tokens.perf!,
      body: {
        version: report.version,
        decision: 'RECTIFY',
        reason: '执行进度严重滞后',
        dueDate: '2026-09-30',
        requirements: '加快资金拨付并报送整改情况。',
      },
    });
    expect(decided.status).toBe(201);
    const ordered = (await notificationsOf(tokens.unit!)).items.find((n) => n.topic === 'rectification-ordered');
    expect(ordered).toMatchObject({
      subject: { type: 'rectification', id: decided.body.rectificationId },
      note: '加快资金拨付并报送整改情况。',
    });
    expect((await notificationsOf(tokens.elsewhere!)).items.some((n) => n.topic === 'rectification-ordered')).toBe(
      false,
    );
  });

  it('tells the evaluator of a new field assignment, once, however often its create is replayed', async () => {
    const evaluator = demoId('user:evaluator');
    const token = await stack.tokenFor('evaluator');
    const at = new Date().toISOString();
    const assignment = {
      id: uuidV7(),
      version: 1,
      status: 'active',
      createdAt: at,
      updatedAt: at,
      createdBy: 'lead',
      updatedBy: 'lead',
      engagementId: uuidV7(),
      agencyId: 'agency',
      evaluatorId: evaluator,
      evaluatorName: '孙强',
      siteIds: [uuidV7()],
      dueDate: '2027-05-31',
      note: '金桥街道三所学校',
    };
    const store = notifyingStore(stack.store);
    const request = {
      hash: requestHash(assignment),
      context: { actor: 'lead', actorRoles: [], requestId: uuidV7(), at },
    };
    expect((await store.create(demoTenant.id, assignmentKind, assignment, request)).outcome).toBe('created');
    expect((await store.create(demoTenant.id, assignmentKind, assignment, request)).outcome).toBe('replayed');
    const mine = (await notificationsOf(token)).items.filter((n) => n.subject.id === assignment.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      topic: 'assigned',
      subject: { type: 'fieldwork-assignment', title: '金桥街道三所学校' },
    });
  });
});
