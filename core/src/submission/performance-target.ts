import * as v from 'valibot';
import { frameworkIds, level1Codes, level2Codes } from '#core/indicator-library/framework.ts';
import { indicatorOperators, valueBases } from '#core/indicator-library/indicator.ts';
import type { Localized } from '#core/language.ts';
import { departmentSeries } from '#core/organisation/department.ts';
import { anyId, isoDate, pageQuery, recordMeta, text, uuidV7Id, version } from '#core/schema-parts.ts';

/**
 * A project's performance targets (绩效目标, docs/domain/submission.md): the goals and the indicator rows, one
 * record per version. An approved version is never edited again; adjusting it makes the next one.
 */

/** `yearflag`: 0 = annual, 1 = medium-term (implementation period). */
export const indicatorPeriods = ['ANNUAL', 'MEDIUM_TERM'] as const;

export const targetRow = v.strictObject({
  /** Client-made, so a per-row review comment still points at the same row after edits. */
  rowId: uuidV7Id,
  period: v.picklist(indicatorPeriods),
  level1: v.picklist(level1Codes),
  level2: v.picklist(level2Codes),
  name: text(1, 80),
  /** The library entry this row was taken from; absent for a row written fresh. */
  libraryIndicatorId: v.nullish(anyId),
  /** Written fresh rather than chosen from the library (自定义指标). */
  custom: v.boolean(),
  operator: v.picklist(indicatorOperators),
  /**
   * `kpi_val`: a number or a date for quantitative rows, graded wording for qualitative ones. Drafts
   * may leave it empty.
   */
  value: text(0, 60),
  /** A date target's value read as the last day it allows (`targetDate`), set by the server: what comparisons use. */
  valueDate: v.nullish(isoDate),
  unit: text(0, 20),
  /** Points in self-evaluation. */
  weight: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
  explanation: text(0, 500),
  scoringStandard: text(0, 500),
  valueBasis: v.picklist(valueBases),
  /** 上年完成值. */
  lastYearActual: text(0, 60),
  dataSource: text(0, 200),
  core: v.boolean(),
  /** Copied from the library entry: the spending standard a cost row may not exceed (rule 3). */
  spendingStandardCap: v.nullish(v.pipe(v.number(), v.minValue(0), v.maxValue(1e12))),
});
export type TargetRow = v.InferOutput<typeof targetRow>;

const content = {
  framework: v.picklist(frameworkIds),
  /** 中期/实施期目标 (`zqgoal`). */
  mediumTermGoal: text(0, 2000),
  /** 年度目标 (`ndgoal`). */
  annualGoal: text(0, 2000),
  rows: v.pipe(v.array(targetRow), v.maxLength(80, 'max_items')),
  /** Why a project that serves no public has no satisfaction indicator (rule 2, docs/domain/submission.md). */
  satisfactionExemptReason: v.nullish(text(0, 300)),
  /** Why the weights depart from the year's defaults: every reviewer sees it (rule 4). */
  weightReason: v.nullish(text(0, 500)),
};

/** Start the first version, or the next one after an approved version (目标调整). */
export const createTarget = v.strictObject({ id: uuidV7Id });

/** Saving a draft: everything optional except the version the editor started from. */
export const saveTarget = v.strictObject({
  version,
  mediumTermGoal: v.optional(content.mediumTermGoal),
  annualGoal: v.optional(content.annualGoal),
  rows: v.optional(content.rows),
  satisfactionExemptReason: v.optional(content.satisfactionExemptReason),
  weightReason: v.optional(content.weightReason),
});
export type SaveTarget = v.InferOutput<typeof saveTarget>;

/** The review states of the two-level review (docs/domain/submission.md, "Review"), plus REJECTED for a final grade of 差. */
export const targetStatuses = {
  DRAFT: { 'zh-CN': '草稿', en: 'Draft' },
  UNIT_SUBMITTED: { 'zh-CN': '单位已送审', en: 'Submitted by the unit' },
  DEPT_APPROVED: { 'zh-CN': '主管部门已审', en: 'Approved by the department' },
  FIRST_REVIEWED: { 'zh-CN': '初审通过', en: 'First review passed' },
  FINAL_APPROVED: { 'zh-CN': '已终审', en: 'Final-approved' },
  RETURNED: { 'zh-CN': '被退回', en: 'Returned' },
  REJECTED: { 'zh-CN': '不予通过', en: 'Rejected' },
} as const satisfies Record<string, Localized>;
export type TargetStatus = keyof typeof targetStatuses;
export const targetStatusCodes = Object.keys(targetStatuses) as [TargetStatus, ...TargetStatus[]];

/** 88号 review grades. */
export const reviewGrades = {
  EXCELLENT: { 'zh-CN': '优', en: 'Excellent' },
  GOOD: { 'zh-CN': '良', en: 'Good' },
  FAIR: { 'zh-CN': '中', en: 'Fair' },
  POOR: { 'zh-CN': '差', en: 'Poor' },
} as const satisfies Record<string, Localized>;
export type ReviewGrade = keyof typeof reviewGrades;
export const reviewGradeCodes = Object.keys(reviewGrades) as [ReviewGrade, ...ReviewGrade[]];

/** One step of the review, kept on the version itself so its timeline reads in one request. */
export const reviewStep = v.object({
  action: v.string(),
  from: v.picklist(targetStatusCodes),
  to: v.picklist(targetStatusCodes),
  by: v.string(),
  /** Who it was, by name, as their token said when they acted. */
  byName: v.string(),
  role: v.string(),
  at: v.string(),
  opinion: v.string(),
  grade: v.nullable(v.picklist(reviewGradeCodes)),
  /** Per-row comments of a return, by `rowId`. */
  rowComments: v.record(v.string(), v.string()),
});
export type ReviewStep = v.InferOutput<typeof reviewStep>;

export const performanceTarget = v.object({
  ...recordMeta,
  ...content,
  projectId: anyId,
  fiscalYear: v.number(),
  departmentId: anyId,
  unitId: anyId,
  financeSectionId: v.nullish(anyId),
  /** 1 for the first version; each adjustment adds one. */
  versionNo: v.number(),
  basedOnId: v.nullable(anyId),
  reviewStatus: v.picklist(targetStatusCodes),
  grade: v.nullable(v.picklist(reviewGradeCodes)),
  /** When it entered its current state: the queues sort and filter on this. */
  statusSince: v.string(),
  /** Copied from the project so a review queue reads without a second lookup. */
  projectCode: v.string(),
  projectName: v.string(),
  departmentName: v.string(),
  unitName: v.string(),
  departmentSeries: v.string(),
  annualTotalFen: v.number(),
  reviewLog: v.array(reviewStep),
  /** Superseded by a later approved version: kept read-only for comparison. */
  superseded: v.boolean(),
});
export type PerformanceTarget = v.InferOutput<typeof performanceTarget>;

const opinion = text(0, 1000);
/** Comments on up to 30 rows of 300 characters: a version and its log stay well inside one item. */
const rowComments = v.pipe(
  v.record(v.pipe(v.string(), v.maxLength(40)), text(1, 300)),
  v.check((r) => Object.keys(r).length <= 30, 'max_items'),
);

/** The unit approver signs off and sends it on. */
export const submitTarget = v.strictObject({ version, opinion: v.optional(opinion, '') });

/** A reviewer passes it on or returns it; a return says why, for the form or for single rows. */
export const reviewDecision = v.pipe(
  v.strictObject({
    version,
    decision: v.picklist(['approve', 'return']),
    opinion: v.optional(opinion, ''),
    rowComments: v.optional(rowComments, {}),
  }),
  v.forward(
    v.check(
      (d) => d.decision === 'approve' || d.opinion.length > 0 || Object.keys(d.rowComments).length > 0,
      'return_needs_reason',
    ),
    ['opinion'],
  ),
);
export type ReviewDecision = v.InferOutput<typeof reviewDecision>;

/** The performance section's final review: approving records a grade; 中 sends it back, 差 rejects it. */
export const finalReviewDecision = v.pipe(
  v.strictObject({
    version,
    decision: v.picklist(['approve', 'return']),
    grade: v.optional(v.picklist(reviewGradeCodes)),
    opinion: v.optional(opinion, ''),
    rowComments: v.optional(rowComments, {}),
  }),
  v.forward(
    v.check((d) => d.decision === 'return' || d.grade !== undefined, 'grade_required'),
    ['grade'],
  ),
  v.forward(
    v.check(
      (d) =>
        (d.decision === 'approve' && d.grade !== 'FAIR' && d.grade !== 'POOR') ||
        d.opinion.length > 0 ||
        Object.keys(d.rowComments).length > 0,
      'return_needs_reason',
    ),
    ['opinion'],
  ),
);
export type FinalReviewDecision = v.InferOutput<typeof finalReviewDecision>;

export const cancelApproval = v.strictObject({ version, opinion: text(1, 1000) });

export const targetQuery = v.strictObject({ ...pageQuery });

/** The review queue of the caller's role: filters by department, series, status and age. */
export const reviewQueueQuery = v.strictObject({
  ...pageQuery,
  departmentId: v.optional(anyId),
  series: v.optional(v.picklist(departmentSeries)),
  reviewStatus: v.optional(v.picklist(targetStatusCodes)),
  /** Waiting at least this many days. */
  minAgeDays: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'integer'), v.transform(Number), v.minValue(0), v.maxValue(365)),
  ),
});

/** A department's year of declarations; the department defaults to the caller's own. */
export const declarationWorkbookQuery = v.strictObject({
  fiscalYear: v.pipe(v.string(), v.regex(/^\d{4}$/, 'fiscal_year')),
  departmentId: v.optional(anyId),
});
