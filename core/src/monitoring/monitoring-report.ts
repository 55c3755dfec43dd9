import * as v from 'valibot';
import { level1Codes, level2Codes } from '#core/indicator-library/framework.ts';
import { indicatorOperators } from '#core/indicator-library/indicator.ts';
import type { Localized } from '#core/language.ts';
import {
  deviationReasonCodes,
  likelihoodCodes,
  monitoringThresholds,
  warningColourCodes,
} from '#core/monitoring/monitoring-config.ts';
import {
  anyId,
  fiscalYearParams,
  isoDate,
  pageQuery,
  recordMeta,
  settingsVersion,
  text,
  uuidV7Id,
  version,
} from '#core/schema-parts.ts';
import {
  indicatorPeriods,
  reviewQueueQuery,
  reviewStep,
  targetStatusCodes,
} from '#core/submission/performance-target.ts';
import { fen, projectFunds } from '#core/submission/project.ts';

/**
 * Mid-year monitoring (绩效运行监控, docs/domain/monitoring.md): the bureau opens a round with a data
 * date and a deadline; every project in scope gets one report, made from its last approved
 * targets; the department fills in execution and indicator progress and sends it through the
 * same review as targets.
 */

export const roundScopes = {
  ALL: { 'zh-CN': '全部预算项目', en: 'All budgeted projects' },
  KEY: { 'zh-CN': '重点监控项目', en: 'Key projects' },
} as const satisfies Record<string, Localized>;
export type RoundScope = keyof typeof roundScopes;

export const roundStatuses = {
  /** Reports are being made; opening again finishes the job. */
  OPENING: { 'zh-CN': '正在下发', en: 'Being issued' },
  ISSUED: { 'zh-CN': '已下发', en: 'Issued' },
  CLOSED: { 'zh-CN': '已结束', en: 'Closed' },
} as const satisfies Record<string, Localized>;
export type RoundStatus = keyof typeof roundStatuses;

export const createRound = v.pipe(
  v.strictObject({
    id: uuidV7Id,
    fiscalYear: v.pipe(v.number(), v.integer(), v.minValue(2000, 'fiscal_year'), v.maxValue(2100, 'fiscal_year')),
    name: text(2, 60),
    /** 数据截止日期, e.g. 30 June: execution and progress are reported as of this day. */
    dataDate: isoDate,
    /** 报送截止日期. */
    deadline: isoDate,
    scope: v.picklist(Object.keys(roundScopes) as [RoundScope, ...RoundScope[]]),
    /** The key set, when the scope is KEY. */
    projectIds: v.optional(v.pipe(v.array(anyId), v.maxLength(2000, 'max_items')), []),
  }),
  v.forward(
    v.check((r) => r.dataDate.startsWith(String(r.fiscalYear)), 'data_date_in_year'),
    ['dataDate'],
  ),
  v.forward(
    v.check((r) => r.deadline > r.dataDate, 'deadline_after_data_date'),
    ['deadline'],
  ),
  v.forward(
    v.check((r) => r.scope === 'ALL' || r.projectIds.length > 0, 'key_projects_required'),
    ['projectIds'],
  ),
);
export type CreateRound = v.InferOutput<typeof createRound>;

export const monitoringRound = v.object({
  ...recordMeta,
  fiscalYear: v.number(),
  name: v.string(),
  dataDate: v.string(),
  deadline: v.string(),
  scope: v.picklist(Object.keys(roundScopes) as [RoundScope, ...RoundScope[]]),
  projectIds: v.array(v.string()),
  roundStatus: v.picklist(Object.keys(roundStatuses) as [RoundStatus, ...RoundStatus[]]),
  /** The year's thresholds when the round was opened. */
  thresholds: monitoringThresholds,
  reportCount: v.number(),
});
export type MonitoringRound = v.InferOutput<typeof monitoringRound>;

/** One indicator line: the approved target row, and what the department reports against it. */
export const lineEntry = v.strictObject({
  rowId: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
  /** 截至数据日期的实际完成值. */
  actualToDate: text(0, 60),
  /** 全年预计完成值. */
  forecastYearEnd: text(0, 60),
  likelihood: v.nullable(v.picklist(likelihoodCodes)),
  deviationReasons: v.pipe(
    v.array(v.picklist(deviationReasonCodes)),
    v.maxLength(5, 'max_items'),
    v.check((rs) => new Set(rs).size === rs.length, 'unique_items'),
  ),
  /** 偏差原因分析 in words. */
  deviationAnalysis: text(0, 500),
  /** 纠偏措施. */
  correctiveMeasures: text(0, 500),
  remarks: text(0, 300),
});
export type LineEntry = v.InferOutput<typeof lineEntry>;

export const reportLine = v.object({
  ...lineEntry.entries,
  period: v.picklist(indicatorPeriods),
  level1: v.picklist(level1Codes),
  level2: v.picklist(level2Codes),
  name: v.string(),
  operator: v.picklist(indicatorOperators),
  /** 年度指标值 as approved. */
  targetValue: v.string(),
  unit: v.string(),
  /** The row's weight (分值): indicator progress is weighted by it. Absent on lines made before it was copied. */
  weight: v.optional(v.number()),
});
export type ReportLine = v.InferOutput<typeof reportLine>;

export const warning = v.object({
  /** What the warning is about: the money, one indicator, or the two together. */
  scope: v.picklist(['BUDGET', 'INDICATOR', 'DIVERGENCE']),
  rowId: v.nullable(v.string()),
  colour: v.picklist(warningColourCodes),
  /** Says why in words (`warningText`). */
  code: v.string(),
  params: v.record(v.string(), v.union([v.string(), v.number()])),
});
export type Warning = v.InferOutput<typeof warning>;

export const assessment = v.object({
  colour: v.picklist(warningColourCodes),
  budgetColour: v.nullable(v.picklist(warningColourCodes)),
  /** Per indicator row; null where the line is not filled in enough to judge. */
  indicatorColours: v.record(v.string(), v.nullable(v.picklist(warningColourCodes))),
  /**
   * The figures as printed (percentText): rounded half up to one decimal, or to more when one
   * decimal would put a figure on the wrong side of a threshold (docs/domain/monitoring.md, "Rounding").
   */
  executionRatePct: v.nullable(v.number()),
  timeProgressPct: v.number(),
  /** The days time progress is worked out from (absent on reports judged before it was by days). */
  elapsedDays: v.optional(v.number()),
  daysInYear: v.optional(v.number()),
  indicatorProgressPct: v.nullable(v.number()),
  warnings: v.array(warning),
});
export type Assessment = v.InferOutput<typeof assessment>;

/** What the department fills in. */
export const reportContent = {
  /** 1–N 月执行数 by source of funds. */
  executed: projectFunds,
  /** 全年预计执行数. */
  forecastFullYearFen: v.nullable(fen),
  /** 年度总体目标执行情况. */
  goalProgress: text(0, 1000),
  /** 预算执行偏差原因: required before sending when the budget warning is red, whatever the lines say. */
  budgetDeviationReason: text(0, 1000),
  /** 纠偏措施 for the money, under the same rule. */
  budgetCorrectiveMeasures: text(0, 1000),
};

export const saveReport = v.strictObject({
  version,
  executed: v.optional(reportContent.executed),
  forecastFullYearFen: v.optional(reportContent.forecastFullYearFen),
  goalProgress: v.optional(reportContent.goalProgress),
  budgetDeviationReason: v.optional(reportContent.budgetDeviationReason),
  budgetCorrectiveMeasures: v.optional(reportContent.budgetCorrectiveMeasures),
  lines: v.optional(v.pipe(v.array(lineEntry), v.maxLength(80, 'max_items'))),
});
export type SaveReport = v.InferOutput<typeof saveReport>;

export const monitoringReport = v.object({
  ...recordMeta,
  roundId: anyId,
  roundName: v.string(),
  fiscalYear: v.number(),
  dataDate: v.string(),
  deadline: v.string(),
  projectId: anyId,
  projectCode: v.string(),
  projectName: v.string(),
  departmentId: anyId,
  departmentName: v.string(),
  departmentSeries: v.string(),
  unitId: anyId,
  unitName: v.string(),
  financeSectionId: v.nullish(anyId),
  /** The round's thresholds, so every save judges by the same rules without reading the round. */
  thresholds: monitoringThresholds,
  /** The approved target version the lines come from (rule 14's "last approved"). */
  targetId: anyId,
  targetVersionNo: v.number(),
  annualGoal: v.string(),
  /**
   * 全年预算数 by source: the current budget, which every rate is worked out against. It follows a
   * mid-year adjustment (a newer approved target version with other funds).
   */
  budget: projectFunds,
  /** 年初预算数 by source, kept once the budget has been adjusted; absent while the two are the same. */
  initialBudget: v.optional(projectFunds),
  ...reportContent,
  // Absent on reports made before the report-level reason existed, and on new ones until saved: not given.
  budgetDeviationReason: v.optional(v.string()),
  budgetCorrectiveMeasures: v.optional(v.string()),
  lines: v.array(reportLine),
  reviewStatus: v.picklist(targetStatusCodes),
  statusSince: v.string(),
  reviewLog: v.array(reviewStep),
  /** When the unit first sent it on: on time or late against the deadline. */
  firstSubmittedAt: v.nullable(v.string()),
  assessment,
  /** The bureau's decision on a large deviation (docs/domain/monitoring.md, "Dispositions"), once made. */
  disposition: v.optional(
    v.nullable(v.object({ id: v.string(), decision: v.string(), state: v.string(), dueDate: v.nullable(v.string()) })),
  ),
});
export type MonitoringReport = v.InferOutput<typeof monitoringReport>;

export const reportQuery = v.strictObject({
  ...pageQuery,
  departmentId: v.optional(anyId),
  reviewStatus: v.optional(v.picklist(targetStatusCodes)),
});

const opinion = text(0, 1000);
/** The unit approver signs it off and sends it on. */
export const submitReport = v.strictObject({ version, opinion: v.optional(opinion, '') });
/** A reviewer passes it on or returns it; a return says why. */
export const reportDecision = v.pipe(
  v.strictObject({
    version,
    decision: v.picklist(['approve', 'return']),
    opinion: v.optional(opinion, ''),
  }),
  v.forward(
    v.check((d) => d.decision === 'approve' || d.opinion.length > 0, 'return_needs_reason'),
    ['opinion'],
  ),
);

export const roundQuery = v.strictObject({
  ...pageQuery,
  fiscalYear: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/, 'fiscal_year'))),
});

export const settingsParams = fiscalYearParams;
export const saveSettings = v.strictObject({ version: settingsVersion, thresholds: monitoringThresholds });
export const monitoringSettings = v.object({
  fiscalYear: v.number(),
  thresholds: monitoringThresholds,
  version: v.number(),
});

/** The reports waiting for the caller's review, as the targets' queue, optionally of one round. */
export const monitoringQueueQuery = v.strictObject({
  ...reviewQueueQuery.entries,
  roundId: v.optional(anyId),
});

/** A department's workbook of a round; the department defaults to the caller's own. */
export const departmentExportQuery = v.strictObject({ departmentId: v.optional(anyId) });
