import * as v from 'valibot';
import type { Principal } from '#core/principal.ts';
import { queueStatusOf, type ReviewerRole, reviewerRoles } from '#core/submission/review-workflow.ts';

/**
 * The to-do home (docs/domain/daily-work.md): what waits for the signed-in person, read from the work
 * queues the records already sit in (one queue partition per list, counted by the store), never by
 * reading the records of a year. This module decides which queues a person's roles give them; the
 * API reads them and the web app shows them in this order.
 */

/** The kinds of record a to-do list holds; each has its own page in the web app. */
export const toDoSubjects = [
  'target',
  'monitoring-report',
  'self-evaluation',
  'rectification',
  'fieldwork-assignment',
  'ex-ante-assessment',
  'engagement',
] as const;
export type ToDoSubject = (typeof toDoSubjects)[number];

/**
 * What the person is to do with the records of a list:
 * - `send`: fill in and send on (送审) what is still a draft;
 * - `fix`: correct and send again what a reviewer returned (退回);
 * - `review`: decide on what waits in their review queue;
 * - `answer`: answer a rectification notice (整改反馈), or as the evaluated department the draft findings of a key
 *   evaluation (评价意见反馈);
 * - `verify`: verify a unit's rectification feedback;
 * - `visit`: carry out a field assignment;
 * - `lead`: move a key evaluation on as its commissioned agency (work plan, fieldwork).
 */
export const toDoActions = ['send', 'fix', 'review', 'answer', 'verify', 'visit', 'lead'] as const;
export type ToDoAction = (typeof toDoActions)[number];

/**
 * What a queue's position is: a due date (so the entries before today are overdue), or the time the
 * record started waiting (so its age is shown).
 */
export type QueuePosition = 'due-date' | 'waiting-since';

export interface ToDoQueue {
  /** Stable key of the list, e.g. `monitoring-report:fix`. */
  key: string;
  subject: ToDoSubject;
  action: ToDoAction;
  /** The queue (the store's queue index partition) within the subject's records. */
  queue: string;
  position: QueuePosition;
}

/** The queue of a unit's records still to send (`DRAFT`) or sent back to it (`RETURNED`). */
export const unitOpenQueue = (status: 'DRAFT' | 'RETURNED', unitId: string): string => `${status}#${unitId}`;

/** The queue of a unit's rectification notices still to answer. */
export const rectificationOpenQueue = (unitId: string): string => `OPEN#${unitId}`;

/** The queue of a department's own rectification notices still to answer (department-level ones: no unit). */
export const rectificationDepartmentQueue = (departmentId: string): string => `OPEN_DEPARTMENT#${departmentId}`;

/** Where an open rectification notice waits: its unit's queue, or for a department-level one its department's. */
export const rectificationAnswerQueue = (r: Readonly<Record<string, unknown>>): string =>
  typeof r.unitId === 'string'
    ? rectificationOpenQueue(r.unitId)
    : rectificationDepartmentQueue(String(r.departmentId));

/**
 * The review queue a reviewer reads: a department reviewer their department's, a business section its section's,
 * the performance section the tenant's. Undefined when the person lacks the organisation the role needs, rather than
 * someone else's queue. The review queue pages and the to-do home read the same.
 */
export const reviewerQueue = (
  role: ReviewerRole,
  p: Pick<Principal, 'departmentId' | 'sectionId'>,
): string | undefined => {
  const status = queueStatusOf[role];
  if (role === 'performance-section-reviewer') return status;
  const owner = role === 'department-reviewer' ? p.departmentId : p.sectionId;
  return owner === undefined ? undefined : `${status}#${owner}`;
};

/**
 * Ex-ante assessments and engagements already sit in their agency's queue (`AGENCY#<agency>`, which the agency's
 * list pages read) and a record has one place in the queue index. Their to-do places are therefore kept by a
 * small companion entry per place (docs/domain/daily-work.md#how-the-lists-are-kept), written in the same
 * transaction as the record: at most one entry for each side, the bureau's, the agency's and the evaluated
 * department's.
 */
export const toDoSlots = ['bureau', 'agency', 'department'] as const;
export type ToDoSlot = (typeof toDoSlots)[number];
/** The queue a record's entry for each side is in; a side not named has no entry in any queue. */
export type ToDoPlaces = Partial<Record<ToDoSlot, string>>;

/** The agency's ex-ante assessments to fill in (`DRAFT`) or to correct after the bureau sent them back (`RETURNED`). */
export const agencyExAnteQueue = (status: 'DRAFT' | 'RETURNED', agencyId: string): string => `${status}#${agencyId}`;
/** The submitted assessments waiting for the performance section's acceptance or return. */
export const submittedExAnteQueue = 'SUBMITTED';
/** The engagements whose next step is the commissioned agency's (plan to prepare, fieldwork to close). */
export const agencyEngagementQueue = (agencyId: string): string => `AGENCY_MOVE#${agencyId}`;
/** The engagements whose next step is the performance section's (an agency to commission, a plan to approve). */
export const bureauEngagementQueue = 'BUREAU_MOVE';
/** The engagements whose draft findings wait for the evaluated department's answers (its reviewer answers). */
export const departmentFindingsQueue = (departmentId: string): string => `FINDINGS#${departmentId}`;

/**
 * Where an ex-ante assessment waits (core/src/submission/ex-ante-steps.ts): a third party's draft is the agency's
 * to fill in and submit (to correct, once sent back); a submitted one is the performance section's to accept or
 * return. The bureau's own drafts and concluded assessments wait for nobody's list.
 */
export const exAnteToDoPlaces = (a: {
  state: string;
  assessorType: string;
  agencyId: string | null;
  lastReturn?: unknown;
}): ToDoPlaces => {
  if (a.state === 'SUBMITTED') return { bureau: submittedExAnteQueue };
  if (a.state === 'DRAFT' && a.assessorType === 'THIRD_PARTY' && a.agencyId)
    return { agency: agencyExAnteQueue(a.lastReturn ? 'RETURNED' : 'DRAFT', a.agencyId) };
  return {};
};

/**
 * Where an engagement waits (core/src/fieldwork/engagement-steps.ts): the performance section commissions an
 * agency (SELECTED) and approves the plan (AGENCY_CONTRACTED); the agency's lead prepares the plan
 * (AGENCY_CONTRACTED) and closes fieldwork (FIELDWORK). A plan under preparation is on both sides' lists,
 * because either may move it: the lead by finishing it, the bureau by approving it. While the opinions are
 * exchanged the department answers the findings; once it has submitted its answers, the lead records their
 * handling and closes the exchange.
 */
export const engagementToDoPlaces = (
  e: { state: string; agencyId: string | null; departmentId?: string | null },
  answersSubmitted = false,
): ToDoPlaces => {
  const agency = e.agencyId ? agencyEngagementQueue(e.agencyId) : undefined;
  switch (e.state) {
    case 'SELECTED':
      return { bureau: bureauEngagementQueue };
    case 'AGENCY_CONTRACTED':
      return { bureau: bureauEngagementQueue, ...(agency ? { agency } : {}) };
    case 'OPINION_EXCHANGE':
      if (!answersSubmitted) return e.departmentId ? { department: departmentFindingsQueue(e.departmentId) } : {};
      return agency ? { agency } : {};
    // The agency's lead carries fieldwork, the findings, the draft and its own review (docs/domain/key-evaluation.md).
    case 'FIELDWORK':
    case 'PRELIM_FINDINGS':
    case 'DRAFT_REPORT':
    case 'QC_REVIEW':
      return agency ? { agency } : {};
    // The bureau reviews the report, then notifies the result.
    case 'FINANCE_REVIEW':
    case 'FINAL_REPORT':
      return { bureau: bureauEngagementQueue };
    default:
      return {};
  }
};

/** How many of each list's entries the home shows, oldest (or most overdue) first. */
export const toDoItemsShown = 5;

const unitWork = (unitId: string): ToDoQueue[] =>
  (['target', 'monitoring-report', 'self-evaluation'] as const).flatMap((subject) => {
    const position: QueuePosition = subject === 'target' ? 'waiting-since' : 'due-date';
    return [
      { key: `${subject}:fix`, subject, action: 'fix', queue: unitOpenQueue('RETURNED', unitId), position },
      { key: `${subject}:send`, subject, action: 'send', queue: unitOpenQueue('DRAFT', unitId), position },
    ];
  });

/**
 * The lists a person's roles give them, in the order the home shows them: what came back first, then
 * what is due, then reviews, then follow-up. A role without the organisation it needs (a unit
 * approver without a unit) gives nothing rather than someone else's queue.
 */
export const toDoQueuesFor = (
  p: Pick<Principal, 'roles' | 'unitId' | 'departmentId' | 'sectionId' | 'userId' | 'agencyId'>,
): ToDoQueue[] => {
  const lists: ToDoQueue[] = [];
  const unitMember = p.roles.includes('unit-preparer') || p.roles.includes('unit-approver');
  if (unitMember && p.unitId) {
    lists.push(...unitWork(p.unitId), {
      key: 'rectification:answer',
      subject: 'rectification',
      action: 'answer',
      queue: rectificationOpenQueue(p.unitId),
      position: 'due-date',
    });
  }
  for (const role of reviewerRoles) {
    if (!p.roles.includes(role)) continue;
    const queue = reviewerQueue(role, p);
    if (queue === undefined) continue;
    for (const subject of ['target', 'monitoring-report', 'self-evaluation'] as const) {
      lists.push({ key: `${subject}:review:${role}`, subject, action: 'review', queue, position: 'waiting-since' });
    }
  }
  // A department-level rectification (no unit) and a key evaluation's draft findings are answered by the
  // department's reviewer.
  if (p.roles.includes('department-reviewer') && p.departmentId) {
    lists.push(
      {
        key: 'rectification:answer:department-reviewer',
        subject: 'rectification',
        action: 'answer',
        queue: rectificationDepartmentQueue(p.departmentId),
        position: 'due-date',
      },
      {
        key: 'engagement:answer',
        subject: 'engagement',
        action: 'answer',
        queue: departmentFindingsQueue(p.departmentId),
        position: 'waiting-since',
      },
    );
  }
  if (p.roles.includes('performance-section-reviewer')) {
    lists.push({
      key: 'rectification:verify',
      subject: 'rectification',
      action: 'verify',
      queue: 'FEEDBACK_SUBMITTED',
      position: 'waiting-since',
    });
  }
  if (p.roles.includes('performance-section-reviewer')) {
    lists.push(
      {
        key: 'ex-ante-assessment:review',
        subject: 'ex-ante-assessment',
        action: 'review',
        queue: submittedExAnteQueue,
        position: 'waiting-since',
      },
      {
        key: 'engagement:review',
        subject: 'engagement',
        action: 'review',
        queue: bureauEngagementQueue,
        position: 'waiting-since',
      },
    );
  }
  // The commissioned agency's people write its ex-ante drafts (the lead submits them); only the lead moves an engagement.
  const agencyMember = p.roles.includes('agency-lead') || p.roles.includes('evaluator');
  if (agencyMember && p.agencyId) {
    for (const action of ['fix', 'send'] as const) {
      lists.push({
        key: `ex-ante-assessment:${action}`,
        subject: 'ex-ante-assessment',
        action,
        queue: agencyExAnteQueue(action === 'fix' ? 'RETURNED' : 'DRAFT', p.agencyId),
        position: 'waiting-since',
      });
    }
  }
  if (p.roles.includes('agency-lead') && p.agencyId) {
    lists.push({
      key: 'engagement:lead',
      subject: 'engagement',
      action: 'lead',
      queue: agencyEngagementQueue(p.agencyId),
      position: 'waiting-since',
    });
  }
  if (p.roles.includes('evaluator')) {
    lists.push({
      key: 'fieldwork-assignment:visit',
      subject: 'fieldwork-assignment',
      action: 'visit',
      queue: `EVALUATOR#${p.userId}`,
      position: 'waiting-since',
    });
  }
  return lists;
};

const dayMs = 24 * 60 * 60 * 1000;

/** Whole days from a Beijing day or an instant to `today` (a Beijing day); 0 on the same day. */
export const daysBetween = (from: string, today: string): number =>
  Math.floor((Date.parse(today.slice(0, 10)) - Date.parse(from.slice(0, 10))) / dayMs);

export const toDoItem = v.object({
  id: v.string(),
  /** The project's code and name, or the engagement's, as the record carries them. */
  title: v.string(),
  code: v.nullable(v.string()),
  unitName: v.nullable(v.string()),
  departmentName: v.nullable(v.string()),
  status: v.string(),
  /** The due date (YYYY-MM-DD) of a dated list, else null. */
  dueDate: v.nullable(v.string()),
  /** Days past the due date (negative: days left), for a dated list. */
  overdueDays: v.nullable(v.number()),
  /** When it started waiting, for an aged list. */
  waitingSince: v.nullable(v.string()),
  /** Whole days waiting, for an aged list. */
  ageDays: v.nullable(v.number()),
});
export type ToDoItem = v.InferOutput<typeof toDoItem>;

export const toDoList = v.object({
  key: v.string(),
  subject: v.picklist(toDoSubjects),
  action: v.picklist(toDoActions),
  /** Every entry of the queue (counted by the store, up to its stated limit). */
  count: v.number(),
  /** True when the queue is longer than the store counts: `count` is a floor, shown as "N+". */
  countIsFloor: v.boolean(),
  /** Of `count`, those past their due date (dated lists), else null. */
  overdue: v.nullable(v.number()),
  /** The first `toDoItemsShown` entries, oldest or most overdue first. */
  items: v.array(toDoItem),
});
export type ToDoList = v.InferOutput<typeof toDoList>;

export const toDoHome = v.object({
  /** The Beijing day the lists were read on; overdue and ages are counted to it. */
  today: v.string(),
  lists: v.array(toDoList),
});
export type ToDoHome = v.InferOutput<typeof toDoHome>;
