import * as v from 'valibot';
import type { Localized } from '#core/language.ts';
import { anyId, isoDate, recordMeta, text, version } from '#core/schema-parts.ts';
import { fen, projectFunds } from '#core/submission/project.ts';

/**
 * What the bureau decides about a project whose monitoring shows a large deviation
 * (docs/domain/monitoring.md, "Dispositions"): nothing, rectification, adjusting the budget and
 * the targets (which opens the next target version through the submission workflow), suspending
 * disbursement, or recovering the funds.
 */
export const dispositionDecisions = {
  NO_ACTION: { 'zh-CN': '不予处置', en: 'No action' },
  RECTIFY: { 'zh-CN': '责令整改', en: 'Rectification required' },
  ADJUST_BUDGET_AND_TARGETS: { 'zh-CN': '调整预算和绩效目标', en: 'Adjust budget and targets' },
  SUSPEND_FUNDS: { 'zh-CN': '暂缓拨款', en: 'Suspend disbursement' },
  RECOVER_FUNDS: { 'zh-CN': '收回资金', en: 'Recover funds' },
} as const satisfies Record<string, Localized>;
export type DispositionDecision = keyof typeof dispositionDecisions;
export const dispositionDecisionCodes = Object.keys(dispositionDecisions) as [
  DispositionDecision,
  ...DispositionDecision[],
];

/** A suspension ends with the money released again or recovered; other decisions are final when made. */
export const dispositionStates = {
  DECIDED: { 'zh-CN': '已决定', en: 'Decided' },
  SUSPENDED: { 'zh-CN': '暂缓拨款中', en: 'Disbursement suspended' },
  RESUMED: { 'zh-CN': '已恢复拨款', en: 'Disbursement resumed' },
  RECOVERED: { 'zh-CN': '已收回资金', en: 'Funds recovered' },
} as const satisfies Record<string, Localized>;
export type DispositionState = keyof typeof dispositionStates;

/** Decisions that need a date by which something must have happened. */
export const needsDueDate = (d: DispositionDecision): boolean => d !== 'NO_ACTION';
/** Decisions about money name the amount. */
export const needsAmount = (d: DispositionDecision): boolean => d === 'SUSPEND_FUNDS' || d === 'RECOVER_FUNDS';

export const recordDisposition = v.pipe(
  v.strictObject({
    /** The report's version: deciding twice on the same copy is refused. */
    version,
    decision: v.picklist(dispositionDecisionCodes),
    reason: text(2, 1000),
    dueDate: v.optional(v.nullable(isoDate), null),
    amountFen: v.optional(v.nullable(fen), null),
    /** What the unit must do, for a rectification notice. */
    requirements: v.optional(text(0, 2000), ''),
    /**
     * 调整后全年预算数 by source, for an adjustment of budget and targets that changes the money;
     * absent when only the targets change. The project keeps its start-of-year budget beside it.
     */
    adjustedFunds: v.optional(v.nullable(projectFunds), null),
  }),
  v.forward(
    v.check((d) => !needsDueDate(d.decision) || d.dueDate !== null, 'due_date_required'),
    ['dueDate'],
  ),
  v.forward(
    v.check((d) => !needsAmount(d.decision) || (d.amountFen !== null && d.amountFen > 0), 'amount_required'),
    ['amountFen'],
  ),
  v.forward(
    v.check((d) => d.decision !== 'RECTIFY' || d.requirements.length > 0, 'requirements_required'),
    ['requirements'],
  ),
);
export type RecordDisposition = v.InferOutput<typeof recordDisposition>;

export const resolveSuspension = v.strictObject({
  version,
  outcome: v.picklist(['RESUMED', 'RECOVERED']),
  reason: text(2, 1000),
});

export const disposition = v.object({
  ...recordMeta,
  reportId: anyId,
  roundId: anyId,
  projectId: anyId,
  projectCode: v.string(),
  projectName: v.string(),
  departmentId: anyId,
  departmentName: v.string(),
  unitId: anyId,
  financeSectionId: v.nullish(anyId),
  decision: v.picklist(dispositionDecisionCodes),
  reason: v.string(),
  dueDate: v.nullable(v.string()),
  amountFen: v.nullable(v.number()),
  state: v.picklist(Object.keys(dispositionStates) as [DispositionState, ...DispositionState[]]),
  /** The report's colour when it was decided. */
  colour: v.string(),
  decidedBy: v.string(),
  decidedAt: v.string(),
  /** The rectification it started (RECTIFY). */
  rectificationId: v.nullable(anyId),
  /** The adjusted annual budget (ADJUST_BUDGET_AND_TARGETS), when the money changed. */
  adjustedFunds: v.optional(v.nullable(projectFunds)),
  /** The target version it opened (ADJUST_BUDGET_AND_TARGETS). */
  targetId: v.nullable(anyId),
  resolution: v.nullable(v.object({ outcome: v.string(), reason: v.string(), by: v.string(), at: v.string() })),
});
export type Disposition = v.InferOutput<typeof disposition>;
