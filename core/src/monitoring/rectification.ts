import * as v from 'valibot';
import { attachment } from '#core/evidence/attachment.ts';
import type { Localized } from '#core/language.ts';
import type { Principal } from '#core/principal.ts';
import type { Role } from '#core/roles.ts';
import { anyId, isoDate, pageQuery, recordMeta, text, uuidV7Id, version } from '#core/schema-parts.ts';

/**
 * Rectification (整改, docs/domain/monitoring.md, "Rectification"): the bureau's notice with requirements and a due date; the
 * unit's feedback, drafted and then sent; the bureau's verification, which closes it or sends a
 * follow-up notice with new requirements and a new date. It starts from one of four sources: a monitoring
 * disposition, a key evaluation's result, a self-evaluation or a department's overall evaluation. A source about a
 * project is answered by the project's unit; a department-level source (no project) by the department.
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

/** What a rectification can start from (docs/domain/monitoring.md, "Rectification"). */
export const rectificationSources = {
  MONITORING: { 'zh-CN': '运行监控处置', en: 'Monitoring disposition' },
  KEY_EVALUATION: { 'zh-CN': '财政重点评价', en: 'Key evaluation' },
  SELF_EVALUATION: { 'zh-CN': '项目支出绩效自评', en: 'Project self-evaluation' },
  DEPARTMENT_EVALUATION: { 'zh-CN': '部门整体支出绩效自评', en: 'Department overall self-evaluation' },
} as const satisfies Record<string, Localized>;
export type RectificationSource = keyof typeof rectificationSources;
export const rectificationSourceCodes = Object.keys(rectificationSources) as [
  RectificationSource,
  ...RectificationSource[],
];

/** The feedback's two steps, taken by whoever answers the rectification. */
export type AnswerAction = 'save-feedback' | 'submit-feedback';

/** A rectification with no unit is department-level (a department evaluation, a department's key evaluation). */
export const isDepartmentLevel = (r: { unitId: string | null }): boolean => r.unitId === null;

/**
 * Who answers a rectification (the one rule the API and the web app ask): for a project-level one the project's unit
 * (its preparer or approver drafts, its approver sends), for a department-level one the department, whose reviewer
 * (部门负责人) drafts and sends, as no unit owns it.
 */
export const answerRoles = (r: { unitId: string | null }, action: AnswerAction): readonly Role[] =>
  isDepartmentLevel(r) ? ['department-reviewer'] : rectificationActions[action].roles;

/** Every role that answers some rectification with this step: the routes let these in, the operation decides. */
export const answerRolesOfAnyRectification = (action: AnswerAction): readonly Role[] => [
  ...rectificationActions[action].roles,
  'department-reviewer',
];

export const mayAnswerRectification = (
  p: Pick<Principal, 'roles' | 'unitId' | 'departmentId'>,
  r: { unitId: string | null; departmentId?: string },
  action: AnswerAction,
): boolean =>
  answerRoles(r, action).some((role) => p.roles.includes(role)) &&
  (r.unitId === null
    ? p.departmentId !== undefined && p.departmentId === r.departmentId
    : p.unitId !== undefined && p.unitId === r.unitId);

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
  /**
   * Where it came from: a monitoring disposition (sourceId: the disposition), a key evaluation (the engagement), a
   * self-evaluation or a department evaluation (the record itself).
   */
  source: v.picklist(rectificationSourceCodes),
  sourceId: anyId,
  /** The monitoring report and its round, for one from monitoring; else null. */
  reportId: v.nullable(anyId),
  roundId: v.nullable(anyId),
  fiscalYear: v.number(),
  /** What it is about as its source names it (a project's name, an engagement's title); absent from monitoring's. */
  title: v.optional(v.string()),
  /** The project and its unit; all null for a department-level rectification, which the department answers. */
  projectId: v.nullable(anyId),
  projectCode: v.nullable(v.string()),
  projectName: v.nullable(v.string()),
  departmentId: anyId,
  departmentName: v.string(),
  unitId: v.nullable(anyId),
  unitName: v.nullable(v.string()),
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

/**
 * The bureau starts one from a source it has concluded on (a self-evaluation finally approved, a department evaluation
 * approved, a key evaluation with its final report); monitoring's start through its disposition.
 */
export const startRectification = v.strictObject({
  /** The request's idempotency key; the rectification's own id is derived from its source (one per source). */
  id: uuidV7Id,
  source: v.picklist(['KEY_EVALUATION', 'SELF_EVALUATION', 'DEPARTMENT_EVALUATION']),
  sourceId: anyId,
  requirements: text(1, 2000),
  dueDate: isoDate,
  /** The bureau's opinion, kept in the log as the notice's first step. */
  opinion: text(2, 1000),
});
export type StartRectification = v.InferOutput<typeof startRectification>;

/** The name shown for a rectification: its project, else its source's title, else its department. */
export const rectificationName = (r: Pick<Rectification, 'projectName' | 'title' | 'departmentName'>): string =>
  r.projectName ?? r.title ?? r.departmentName;

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
