import * as v from 'valibot';
import { attachment } from '#core/evidence/attachment.ts';
import type { Localized } from '#core/language.ts';
import type { Role } from '#core/roles.ts';
import { anyId, isoDate, pageQuery, recordMeta, text, version } from '#core/schema-parts.ts';

/**
 * Rectification (整改, docs/domain/monitoring.md, "Rectification"): the bureau's notice with requirements and a due date; the
 * unit's feedback, drafted and then sent; the bureau's verification, which closes it or sends a
 * follow-up notice with new requirements and a new date. Monitoring starts one through a
 * disposition; evaluations will start them the same way.
 */
export const rectificationStates = {
  NOTICE_ISSUED: { 'zh-CN': '已下达整改通知', en: 'Notice issued' },
  FEEDBACK_DRAFT: { 'zh-CN': '整改反馈草稿', en: 'Feedback drafted' },
  FEEDBACK_SUBMITTED: { 'zh-CN': '已报送整改反馈', en: 'Feedback submitted' },
  CLOSED: { 'zh-CN': '整改完成', en: 'Closed' },
} as const satisfies Record<string, Localized>;
export type RectificationState = keyof typeof rectificationStates;
export const rectificationStateCodes = Object.keys(rectificationStates) as [
  RectificationState,
  ...RectificationState[],
];

export const rectificationActions = {
  'save-feedback': {
    from: ['NOTICE_ISSUED', 'FEEDBACK_DRAFT'],
    to: 'FEEDBACK_DRAFT',
    roles: ['unit-preparer', 'unit-approver'],
  },
  'submit-feedback': { from: ['FEEDBACK_DRAFT'], to: 'FEEDBACK_SUBMITTED', roles: ['unit-approver'] },
  accept: { from: ['FEEDBACK_SUBMITTED'], to: 'CLOSED', roles: ['performance-section-reviewer'] },
  /** 整改不到位: a follow-up notice. */
  insufficient: { from: ['FEEDBACK_SUBMITTED'], to: 'NOTICE_ISSUED', roles: ['performance-section-reviewer'] },
} as const satisfies Record<
  string,
  { from: readonly RectificationState[]; to: RectificationState; roles: readonly Role[] }
>;
export type RectificationAction = keyof typeof rectificationActions;

export const canTakeRectificationAction = (action: RectificationAction, state: RectificationState): boolean =>
  (rectificationActions[action].from as readonly RectificationState[]).includes(state);

/** At most this many evidence files (佐证材料) on one rectification's feedback, each within `maxAttachmentBytes`. */
export const maxRectificationAttachments = 20;

const feedbackAttachments = v.pipe(
  v.array(attachment),
  v.maxLength(maxRectificationAttachments, 'max_items'),
  v.check((list) => new Set(list.map((a) => a.id)).size === list.length, 'duplicate_row'),
);

/** A draft of the feedback: its text, its evidence files (listed after their upload), or both. */
export const saveFeedback = v.strictObject({
  version,
  feedback: v.optional(text(0, 4000)),
  attachments: v.optional(feedbackAttachments),
});
export const submitFeedback = v.strictObject({ version });
export const verifyRectification = v.pipe(
  v.strictObject({
    version,
    decision: v.picklist(['accept', 'insufficient']),
    opinion: text(2, 1000),
    /** For a follow-up notice: what is still to be done, and by when. */
    requirements: v.optional(text(0, 2000), ''),
    dueDate: v.optional(v.nullable(isoDate), null),
  }),
  v.forward(
    v.check((d) => d.decision === 'accept' || d.dueDate !== null, 'due_date_required'),
    ['dueDate'],
  ),
  v.forward(
    v.check((d) => d.decision === 'accept' || d.requirements.length > 0, 'requirements_required'),
    ['requirements'],
  ),
);

export const rectificationStep = v.object({
  action: v.string(),
  from: v.string(),
  to: v.string(),
  by: v.string(),
  byName: v.string(),
  at: v.string(),
  opinion: v.string(),
});

export const rectification = v.object({
  ...recordMeta,
  /** Where it came from: a monitoring disposition (later also evaluations and self-evaluations). */
  source: v.picklist(['MONITORING']),
  sourceId: anyId,
  reportId: v.nullable(anyId),
  roundId: v.nullable(anyId),
  fiscalYear: v.number(),
  projectId: anyId,
  projectCode: v.string(),
  projectName: v.string(),
  departmentId: anyId,
  departmentName: v.string(),
  unitId: anyId,
  unitName: v.string(),
  financeSectionId: v.nullish(anyId),
  state: v.picklist(rectificationStateCodes),
  /** The notice in force: the first one, or the latest follow-up. */
  requirements: v.string(),
  dueDate: v.string(),
  /** How many notices it took (1 = the first). */
  round: v.number(),
  feedback: v.string(),
  /** The feedback's evidence files (佐证材料); absent on a rectification that never had any. */
  attachments: v.optional(v.array(attachment)),
  feedbackSubmittedAt: v.nullable(v.string()),
  closedAt: v.nullable(v.string()),
  log: v.array(rectificationStep),
});
export type Rectification = v.InferOutput<typeof rectification>;

export const rectificationQuery = v.strictObject({
  ...pageQuery,
  departmentId: v.optional(anyId),
  state: v.optional(v.picklist(rectificationStateCodes)),
});

/** Where a rectification's evidence files live in the evidence bucket: fixed by tenant, record and file id. */
export const rectificationAttachmentKey = (tenant: string, rectificationId: string, attachmentId: string): string =>
  `T/${tenant}/rectification/${rectificationId}/${attachmentId}`;

export const rectificationAttachmentParams = v.strictObject({ id: anyId, attachmentId: anyId });

/** Overdue: its due date (a Beijing day) has passed and the unit has not sent its feedback. */
export const rectificationOverdue = (r: Pick<Rectification, 'state' | 'dueDate'>, today: string): boolean =>
  (r.state === 'NOTICE_ISSUED' || r.state === 'FEEDBACK_DRAFT') && today > r.dueDate;
