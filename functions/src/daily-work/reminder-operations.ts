import type { Notification, Reminder, SendReminder } from '@jixiao/core/daily-work/notification.ts';
import { seesTenant } from '@jixiao/core/scope/project-scope.ts';
import { mailPendingOwner, reminderKind } from '#functions/daily-work/record-kinds.ts';
import {
  departmentsBehind,
  type Round,
  type RoundSpec,
  roundSpecs,
  writeNotifications,
} from '#functions/daily-work/round-notices.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { createOnce, listPage, newRecord, writeContext } from '#functions/records/record-operations.ts';

/**
 * 催报 (docs/domain/daily-work.md#reminders-催报): the bureau reminds every department in its scope that has records
 * of the round still not sent. Read from the round's department tallies (one item per department), never from the
 * records. Each department gets a notification, its id derived from the reminder and the department, written 30 at
 * a time; the reminder itself is written last and is the request's idempotency record, so a retried request replays
 * the notifications already made and answers the same reminder.
 */
const sendReminder =
  (store: RecordStore, spec: RoundSpec): Operation =>
  async (request: OperationRequest<{ id: string }, unknown, SendReminder>) => {
    const { principal, body } = request;
    const tenant = principal.tenant;
    const existing = await store.get(tenant, reminderKind, body.id);
    if (existing) return createOnce(store, request, reminderKind, existing);
    const round = await store.get<Round>(tenant, spec.roundKind, request.params.id);
    if (!round) throw new HttpProblem('not-found');
    if (round.roundStatus !== 'ISSUED') throw new HttpProblem('invalid-transition');
    const behind = await departmentsBehind(
      store,
      tenant,
      spec,
      round.id,
      (t) => seesTenant(principal) || (principal.sectionId !== undefined && t.financeSectionId === principal.sectionId),
    );
    if (behind.length === 0) {
      const message =
        request.language === 'en' ? 'Every department has sent all its records' : '各部门均已报送，无需催报';
      throw new HttpProblem('rules-not-met', { errors: [{ pointer: '', code: 'nothing_pending', message }] });
    }
    const senderName = principal.displayName ?? principal.userId;
    const notifications = behind.map((department) => ({
      ...newRecord({ id: derivedId(`reminder:${body.id}:${department.id}`) }, request),
      topic: 'reminder',
      audience: { type: 'department', id: department.id },
      subject: { type: spec.type, id: round.id, title: round.name },
      pending: department.pending,
      deadline: round.deadline,
      note: body.note,
      senderName,
      mailPending: mailPendingOwner,
    })) satisfies (StoredRecord & Omit<Notification, 'version' | 'createdAt'>)[];
    await writeNotifications(store, tenant, notifications, writeContext(request));
    const reminder: StoredRecord & Omit<Reminder, 'version' | 'createdAt'> = {
      ...newRecord({ id: body.id }, request),
      roundId: round.id,
      roundType: spec.type,
      roundName: round.name,
      note: body.note,
      senderName,
      departments: behind,
    };
    return createOnce(store, request, reminderKind, reminder);
  };

const listReminders =
  (store: RecordStore, spec: RoundSpec): Operation =>
  async (request: OperationRequest<{ id: string }, { limit: number; cursor?: string }>) => {
    const { principal, query } = request;
    const round = await store.get(principal.tenant, spec.roundKind, request.params.id);
    if (!round) throw new HttpProblem('not-found');
    const page = await listPage(
      store,
      principal.tenant,
      reminderKind,
      { limit: query.limit, cursor: query.cursor, ownerId: round.id },
      request.language,
    );
    return { status: 200, body: page };
  };

export const reminderOperations = (store: RecordStore): Operations => ({
  sendMonitoringReminder: sendReminder(store, roundSpecs['monitoring-round']),
  listMonitoringReminders: listReminders(store, roundSpecs['monitoring-round']),
  sendSelfEvaluationReminder: sendReminder(store, roundSpecs['self-evaluation-round']),
  listSelfEvaluationReminders: listReminders(store, roundSpecs['self-evaluation-round']),
});
