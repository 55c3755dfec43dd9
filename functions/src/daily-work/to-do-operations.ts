import { beijingDay } from '@jixiao/core/beijing-day.ts';
import {
  daysBetween,
  type ToDoHome,
  type ToDoItem,
  type ToDoList,
  type ToDoQueue,
  type ToDoSubject,
  toDoItemsShown,
  toDoQueuesFor,
} from '@jixiao/core/daily-work/to-do.ts';
import { engagementToDoKind, exAnteToDoKind } from '#functions/daily-work/record-kinds.ts';
import { assignmentKind, engagementKind } from '#functions/fieldwork/record-kinds.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import { monitoringReportKind, rectificationKind } from '#functions/monitoring/record-kinds.ts';
import type { RecordKind, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { selfEvaluationKind } from '#functions/self-evaluation/record-kinds.ts';
import { targetKind } from '#functions/submission/record-kinds.ts';

const kindOf: Record<ToDoSubject, RecordKind> = {
  target: targetKind,
  'monitoring-report': monitoringReportKind,
  'self-evaluation': selfEvaluationKind,
  rectification: rectificationKind,
  'fieldwork-assignment': assignmentKind,
  // These two are listed from their to-do entries (functions/src/daily-work/record-kinds.ts), which name their record.
  'ex-ante-assessment': exAnteToDoKind,
  engagement: engagementToDoKind,
};

const textOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The date a dated record is due on, as its queue is ordered. */
const dueDateOf = (record: StoredRecord): string | null => textOrNull(record.deadline) ?? textOrNull(record.dueDate);

/** When an aged record started waiting, as its queue is ordered. */
const waitingSinceOf = (record: StoredRecord): string | null =>
  textOrNull(record.feedbackSubmittedAt) ?? textOrNull(record.statusSince) ?? textOrNull(record.createdAt);

const itemOf = (
  list: ToDoQueue,
  record: StoredRecord,
  today: string,
  engagementNames: ReadonlyMap<string, string>,
): ToDoItem => {
  const dated = list.position === 'due-date';
  const dueDate = dated ? dueDateOf(record) : textOrNull(record.dueDate);
  const since = dated ? null : waitingSinceOf(record);
  const engagementName = engagementNames.get(String(record.engagementId));
  return {
    id: textOrNull(record.recordId) ?? record.id,
    // A department-level rectification has no project: its own title (the source's) names it.
    title: textOrNull(record.projectName) ?? engagementName ?? textOrNull(record.title) ?? record.id,
    code: textOrNull(record.projectCode),
    unitName: textOrNull(record.unitName),
    departmentName: textOrNull(record.departmentName),
    status: String(record.reviewStatus ?? record.state ?? ''),
    dueDate,
    // Only a list ordered by due date is about lateness; a reviewer's list is about how long it has waited.
    overdueDays: dated && dueDate ? daysBetween(dueDate, today) : null,
    waitingSince: since,
    // A clock a little ahead on the writer's side must not show as a negative wait.
    ageDays: since ? Math.max(0, daysBetween(beijingDay(since), today)) : null,
  };
};

/**
 * The to-do home (docs/domain/daily-work.md): for each queue the caller's roles give them, the count
 * the store keeps (and, for dated lists, how many are overdue: a key range before today) and the
 * first entries in queue order. Reads two or three queries per list and no record beyond those shown.
 */
export const toDoOperations = (store: RecordStore): Operations => ({
  getToDo: async ({ principal, receivedAt }: OperationRequest) => {
    const tenant = principal.tenant;
    const today = beijingDay(receivedAt);
    const queues = toDoQueuesFor(principal);
    const read = await Promise.all(
      queues.map(async (list) => {
        const kind = kindOf[list.subject];
        const queue = { name: list.queue };
        const [total, overdue, page] = await Promise.all([
          store.countQueue(tenant, kind, queue),
          list.position === 'due-date'
            ? store.countQueue(tenant, kind, { name: list.queue, before: today })
            : Promise.resolve(undefined),
          store.list(tenant, kind, { limit: toDoItemsShown, queue }),
        ]);
        return { list, total, overdue, records: page.items };
      }),
    );
    // Assignments carry their engagement's id only: name the few shown with one batch read.
    const engagementIds = [
      ...new Set(
        read
          .filter((r) => r.list.subject === 'fieldwork-assignment')
          .flatMap((r) => r.records.map((record) => String(record.engagementId))),
      ),
    ];
    const engagements = engagementIds.length > 0 ? await store.getMany(tenant, engagementKind, engagementIds) : [];
    const engagementNames = new Map(engagements.map((e) => [e.id, String(e.title ?? e.id)]));
    const lists: ToDoList[] = read.map(({ list, total, overdue, records }) => ({
      key: list.key,
      subject: list.subject,
      action: list.action,
      count: total.count,
      countIsFloor: total.atLeast,
      overdue: overdue ? overdue.count : null,
      items: records.map((record) => itemOf(list, record, today, engagementNames)),
    }));
    const body: ToDoHome = { today, lists };
    return { status: 200, body };
  },
});
