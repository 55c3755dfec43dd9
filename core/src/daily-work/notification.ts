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

export const notificationTopics = ['reminder'] as const;
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

/** What a notification is about, to link it: a round's records of the audience's department. */
export const notificationSubjectTypes = ['monitoring-round', 'self-evaluation-round'] as const;
export type NotificationSubjectType = (typeof notificationSubjectTypes)[number];

export const notification = v.object({
  id: v.string(),
  version: v.number(),
  createdAt: v.string(),
  topic: v.picklist(notificationTopics),
  audience: v.object({ type: v.picklist(audienceTypes), id: v.string() }),
  subject: v.object({ type: v.picklist(notificationSubjectTypes), id: v.string(), title: v.string() }),
  /** Records of the audience still not sent, when the reminder went out. */
  pending: v.number(),
  deadline: v.nullable(v.string()),
  /** The sender's own words, if any. */
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

const roundWords: Record<NotificationSubjectType, Record<Language, string>> = {
  'monitoring-round': { 'zh-CN': '绩效运行监控表', en: 'monitoring reports' },
  'self-evaluation-round': { 'zh-CN': '绩效自评表', en: 'self-evaluation tables' },
};

/** The notification in words, the same in the app and in the e-mail. */
export const notificationText = (
  n: Pick<Notification, 'topic' | 'subject' | 'pending' | 'deadline' | 'note'>,
  language: Language,
): { title: string; body: string } => {
  const what = roundWords[n.subject.type][language];
  const due = n.deadline ?? '';
  const title = language === 'zh-CN' ? `催报：${n.subject.title}` : `Reminder: ${n.subject.title}`;
  const body =
    language === 'zh-CN'
      ? `本部门尚有 ${n.pending} 张${what}未报送${due ? `（截止日期 ${due}）` : ''}，请抓紧填报并送审。`
      : `${n.pending} ${what} of your department are not sent yet${due ? ` (deadline ${due})` : ''}; please fill them in and send them.`;
  return { title, body: n.note ? `${body}${language === 'zh-CN' ? '' : ' '}${n.note}` : body };
};

export const pageOfReminders = v.object({ items: v.array(reminder), nextCursor: v.optional(v.string()) });
