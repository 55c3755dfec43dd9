import * as v from 'valibot';
import type { Language } from '#core/language.ts';
import type { Principal } from '#core/principal.ts';
import { departmentRoles, unitRoles } from '#core/roles.ts';
import { anyId, text, uuidV7Id } from '#core/schema-parts.ts';

/**
 * In-app notifications (docs/domain/daily-work.md#notifications): what happened that someone should
 * know of. A notification is addressed to an audience — one person, a unit's people, or a department's
 * people — and sits in that audience's queue, newest first; a person reads the queues of every audience
 * they belong to. What they have read is one mark per person (the time read up to), so the unread count
 * is a key range, not a flag on every notification.
 */

export const notificationTopics = [
  'reminder',
  'due-soon',
  'returned',
  'approved',
  'rectification-ordered',
  'assigned',
  'findings-sent',
  'result-notified',
] as const;
export type NotificationTopic = (typeof notificationTopics)[number];

export const audienceTypes = ['user', 'unit', 'department'] as const;
export type AudienceType = (typeof audienceTypes)[number];
export interface Audience {
  type: AudienceType;
  id: string;
}

/** The queue an audience's notifications sit in. */
export const audienceQueue = (audience: Audience): string => `TO#${audience.type}#${audience.id}`;

/**
 * Every audience a person belongs to: themselves; their unit, if they act for it; their department, if they
 * act for one (a unit's people are also their department's, so a reminder to a department reaches them).
 */
export const audiencesOf = (p: Pick<Principal, 'userId' | 'roles' | 'unitId' | 'departmentId'>): Audience[] => {
  const audiences: Audience[] = [{ type: 'user', id: p.userId }];
  if (p.unitId && p.roles.some((r) => unitRoles.includes(r))) audiences.push({ type: 'unit', id: p.unitId });
  if (p.departmentId && p.roles.some((r) => departmentRoles.includes(r)))
    audiences.push({ type: 'department', id: p.departmentId });
  return audiences;
};

/** What a notification is about, to link it: a round (a reminder), or the record a step was taken on. */
export const notificationSubjectTypes = [
  'monitoring-round',
  'self-evaluation-round',
  'target',
  'monitoring-report',
  'self-evaluation',
  'rectification',
  'fieldwork-assignment',
  'engagement',
] as const;
export type NotificationSubjectType = (typeof notificationSubjectTypes)[number];

export const notification = v.object({
  id: v.string(),
  version: v.number(),
  createdAt: v.string(),
  topic: v.picklist(notificationTopics),
  audience: v.object({ type: v.picklist(audienceTypes), id: v.string() }),
  subject: v.object({ type: v.picklist(notificationSubjectTypes), id: v.string(), title: v.string() }),
  /** A reminder's: records of the audience still not sent when it went out; else 0. */
  pending: v.number(),
  /** The round's deadline (a reminder), the rectification's or assignment's due date; else null. */
  deadline: v.nullable(v.string()),
  /** The sender's own words: a reminder's note, a return's opinion. */
  note: v.string(),
  senderName: v.string(),
});
export type Notification = v.InferOutput<typeof notification>;

/** How many of each audience's newest notifications one read of the list gathers. */
export const notificationsPerAudience = 50;

export const notificationList = v.object({
  /** Newest first: the newest `notificationsPerAudience` of each of the caller's audiences, merged. */
  items: v.array(notification),
  /** Notifications after `readUpTo` in the caller's audiences (each audience counted up to its stated limit). */
  unread: v.number(),
  readUpTo: v.nullable(v.string()),
});
export type NotificationList = v.InferOutput<typeof notificationList>;

export const markNotificationsRead = v.strictObject({
  /** The creation time of the newest notification the person has seen. */
  upTo: v.pipe(v.string(), v.isoTimestamp('iso_time')),
});

/** 催报: the bureau reminds the departments still behind in a round. */
export const sendReminder = v.strictObject({
  /** Client-made UUIDv7: the reminder's id and its idempotency key. */
  id: uuidV7Id,
  note: text(0, 200),
});
export type SendReminder = v.InferOutput<typeof sendReminder>;

export const reminder = v.object({
  id: v.string(),
  version: v.number(),
  createdAt: v.string(),
  roundId: anyId,
  roundType: v.picklist(notificationSubjectTypes),
  roundName: v.string(),
  note: v.string(),
  senderName: v.string(),
  /** The departments reminded, each with how many of its records were still not sent. */
  departments: v.array(v.object({ id: v.string(), name: v.string(), pending: v.number() })),
});
export type Reminder = v.InferOutput<typeof reminder>;

const subjectWords: Record<NotificationSubjectType, Record<Language, string>> = {
  'monitoring-round': { 'zh-CN': '绩效运行监控表', en: 'monitoring reports' },
  'self-evaluation-round': { 'zh-CN': '绩效自评表', en: 'self-evaluation tables' },
  target: { 'zh-CN': '绩效目标', en: 'performance targets' },
  'monitoring-report': { 'zh-CN': '绩效运行监控表', en: 'monitoring report' },
  'self-evaluation': { 'zh-CN': '绩效自评表', en: 'self-evaluation table' },
  rectification: { 'zh-CN': '整改通知', en: 'rectification notice' },
  'fieldwork-assignment': { 'zh-CN': '现场评价任务', en: 'field assignment' },
  engagement: { 'zh-CN': '重点评价', en: 'key evaluation' },
};

/** The notification in words, the same in the app and in the e-mail. */
export const notificationText = (
  n: Pick<Notification, 'topic' | 'subject' | 'pending' | 'deadline' | 'note'>,
  language: Language,
): { title: string; body: string } => {
  const zh = language === 'zh-CN';
  const what = subjectWords[n.subject.type][language];
  const due = n.deadline ?? '';
  const said = (text: string) => (n.note ? `${text}${zh ? '意见：' : ' Comment: '}${n.note}` : text);
  switch (n.topic) {
    case 'reminder': {
      const body = zh
        ? `本部门尚有 ${n.pending} 张${what}未报送${due ? `（截止日期 ${due}）` : ''}，请抓紧填报并送审。`
        : `${n.pending} ${what} of your department are not sent yet${due ? ` (deadline ${due})` : ''}; please fill them in and send them.`;
      return {
        title: zh ? `催报：${n.subject.title}` : `Reminder: ${n.subject.title}`,
        body: n.note ? `${body}${zh ? '' : ' '}${n.note}` : body,
      };
    }
    case 'due-soon':
      // A rectification notice is one record with its own due date, not a round's count of records not sent.
      if (n.subject.type === 'rectification')
        return {
          title: zh ? `整改即将到期：${n.subject.title}` : `Rectification due soon: ${n.subject.title}`,
          body: zh
            ? `整改通知要求于 ${due} 前报送整改情况，请按时落实整改并反馈。`
            : `The rectification notice asks for your report by ${due}; please rectify and report back in time.`,
        };
      return {
        title: zh ? `即将截止：${n.subject.title}` : `Due soon: ${n.subject.title}`,
        body: zh
          ? `本部门尚有 ${n.pending} 张${what}未报送，截止日期 ${due}，请按时填报并送审。`
          : `${n.pending} ${what} of your department are not sent yet; the deadline is ${due}.`,
      };
    case 'returned':
      return {
        title: zh ? `${what}被退回：${n.subject.title}` : `Returned ${what}: ${n.subject.title}`,
        body: said(zh ? '请按审核意见修改后重新送审。' : 'Please change it as the reviewer asks and send it again.'),
      };
    case 'approved':
      return {
        title: zh ? `${what}已审核通过：${n.subject.title}` : `Approved ${what}: ${n.subject.title}`,
        body: said(zh ? '审核流程已完成。' : 'The review is complete.'),
      };
    case 'rectification-ordered':
      return {
        title: zh ? `整改通知：${n.subject.title}` : `Rectification ordered: ${n.subject.title}`,
        body: zh
          ? `请按整改要求落实整改并报送整改情况${due ? `（${due} 前）` : ''}。`
          : `Please rectify as required and report back${due ? ` by ${due}` : ''}.`,
      };
    case 'assigned':
      return {
        title: zh ? `新的现场评价任务：${n.subject.title}` : `New field assignment: ${n.subject.title}`,
        body: zh
          ? `请在现场评价应用中下载任务${due ? `，${due} 前完成` : ''}。`
          : `Download it in the field app${due ? ` and finish by ${due}` : ''}.`,
      };
    case 'findings-sent':
      return {
        title: zh ? `评价意见征求：${n.subject.title}` : `Draft findings for your answer: ${n.subject.title}`,
        body: zh
          ? `评价机构已送来初步评价意见，请逐条反馈${due ? `（${due} 前）` : ''}。`
          : `The evaluators sent their draft findings; please answer each${due ? ` by ${due}` : ''}.`,
      };
    case 'result-notified':
      return {
        title: zh ? `评价结果通知：${n.subject.title}` : `Evaluation result: ${n.subject.title}`,
        body: n.note || (zh ? '请查看评价结论。' : 'Please read the conclusion.'),
      };
  }
};

export const pageOfReminders = v.object({ items: v.array(reminder), nextCursor: v.optional(v.string()) });
