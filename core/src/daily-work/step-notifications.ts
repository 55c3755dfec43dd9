import type { Audience, NotificationSubjectType, NotificationTopic } from '#core/daily-work/notification.ts';

/**
 * Which notifications a change of a record brings (docs/domain/daily-work.md#notifications), decided from the record
 * before and after alone, so every path that makes the change — a single step, a bulk review, a withdrawal —
 * notifies alike:
 * - a target version, monitoring report or self-evaluation returned (退回) or finally approved (终审通过): its unit;
 * - a rectification notice issued, first or again after 整改不到位: its unit; a rectification closed: its unit;
 * - a field assignment made: its evaluator;
 * - a key evaluation's draft findings sent for answers, or its result notified: the evaluated department.
 * A department-level rectification (no unit) goes to its department.
 */
export interface StepNotification {
  /** Unique for the change: the record's id and its new version (a replayed change makes the same one). */
  seed: string;
  topic: NotificationTopic;
  audience: Audience;
  subject: { type: NotificationSubjectType; id: string; title: string };
  deadline: string | null;
  note: string;
}

type RecordLike = Record<string, unknown> & { id: string; version: number };

const reviewed = new Set<NotificationSubjectType>(['target', 'monitoring-report', 'self-evaluation']);
const typeOf: Record<string, NotificationSubjectType> = {
  'performance-target': 'target',
  'monitoring-report': 'monitoring-report',
  'self-evaluation': 'self-evaluation',
  rectification: 'rectification',
  'fieldwork-assignment': 'fieldwork-assignment',
  engagement: 'engagement',
};

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const lastOpinion = (record: RecordLike): string => {
  const log = Array.isArray(record.reviewLog) ? record.reviewLog : [];
  const last = log.at(-1) as { opinion?: unknown } | undefined;
  return text(last?.opinion);
};

export const stepNotifications = (
  recordType: string,
  before: RecordLike | undefined,
  after: RecordLike,
): StepNotification[] => {
  const type = typeOf[recordType];
  if (!type) return [];
  const seed = `${recordType}:${after.id}:${after.version}`;
  const title = text(after.projectName) || text(after.title) || after.id;
  const subject = { type, id: after.id, title };
  const unit: Audience = { type: 'unit', id: text(after.unitId) };
  if (reviewed.has(type)) {
    if (!before || before.reviewStatus === after.reviewStatus || !after.unitId) return [];
    if (after.reviewStatus === 'RETURNED')
      return [{ seed, topic: 'returned', audience: unit, subject, deadline: null, note: lastOpinion(after) }];
    if (after.reviewStatus === 'FINAL_APPROVED')
      return [{ seed, topic: 'approved', audience: unit, subject, deadline: null, note: lastOpinion(after) }];
    return [];
  }
  if (type === 'engagement') {
    // A key evaluation tells the evaluated department when the findings come for its answers and when the result does.
    if (!before || before.state === after.state || !after.departmentId) return [];
    const department: Audience = { type: 'department', id: text(after.departmentId) };
    const titled = { ...subject, title: text(after.title) || after.id };
    if (after.state === 'OPINION_EXCHANGE')
      return [{ seed, topic: 'findings-sent', audience: department, subject: titled, deadline: null, note: '' }];
    if (after.state === 'RESULT_NOTIFIED') {
      const notice = (after.resultNotice ?? {}) as { notice?: unknown };
      return [
        {
          seed,
          topic: 'result-notified',
          audience: department,
          subject: titled,
          deadline: null,
          note: text(notice.notice),
        },
      ];
    }
    return [];
  }
  if (type === 'rectification') {
    if (before?.state === after.state) return [];
    // A department-level rectification (no unit) is the department's to answer.
    const answerer: Audience = after.unitId ? unit : { type: 'department', id: text(after.departmentId) };
    if (!after.unitId && !after.departmentId) return [];
    const deadline = text(after.dueDate) || null;
    if (after.state === 'NOTICE_ISSUED')
      return [
        { seed, topic: 'rectification-ordered', audience: answerer, subject, deadline, note: text(after.requirements) },
      ];
    if (after.state === 'CLOSED')
      return [{ seed, topic: 'approved', audience: answerer, subject, deadline: null, note: '' }];
    return [];
  }
  // A field assignment: when it is made.
  if (before || !after.evaluatorId) return [];
  return [
    {
      seed,
      topic: 'assigned',
      audience: { type: 'user', id: text(after.evaluatorId) },
      subject: { ...subject, title: text(after.note) || text(after.evaluatorName) || after.id },
      deadline: text(after.dueDate) || null,
      note: text(after.note),
    },
  ];
};
