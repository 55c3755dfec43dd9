import * as v from 'valibot';
import { attachment } from '#core/evidence/attachment.ts';
import type { Localized } from '#core/language.ts';
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
import { scoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import { moneyLine, pointsText, rowEntry, selfEvaluationRow } from '#core/self-evaluation/self-evaluation-row.ts';
import {
  reviewGradeCodes,
  reviewQueueQuery,
  reviewStep,
  targetStatusCodes,
} from '#core/submission/performance-target.ts';
import { targetWeights } from '#core/submission/target-weights.ts';

/**
 * Year-end self-evaluation (绩效自评, docs/domain/self-evaluation.md): after fiscal year N closes, the
 * performance section opens the year's round with a deadline in N+1; every budgeted project of N, and
 * the earlier projects it names as carried over (结转项目), gets one self-evaluation made from its last
 * approved target version (rule 14). The unit fills in the table and sends it through the same review
 * as targets; the performance section then spot-checks a sample (抽查复核).
 */

export const selfEvaluationRoundStatuses = {
  /** Self-evaluations are being made; issuing again finishes the job. */
  OPENING: { 'zh-CN': '正在下发', en: 'Being issued' },
  ISSUED: { 'zh-CN': '已下发', en: 'Issued' },
  CLOSED: { 'zh-CN': '已结束', en: 'Closed' },
} as const satisfies Record<string, Localized>;
export type SelfEvaluationRoundStatus = keyof typeof selfEvaluationRoundStatuses;
const roundStatusCodes = Object.keys(selfEvaluationRoundStatuses) as [
  SelfEvaluationRoundStatus,
  ...SelfEvaluationRoundStatus[],
];

const fiscalYear = v.pipe(v.number(), v.integer(), v.minValue(2000, 'fiscal_year'), v.maxValue(2100, 'fiscal_year'));

export const createSelfEvaluationRound = v.pipe(
  v.strictObject({
    id: uuidV7Id,
    /** The year evaluated (N). */
    fiscalYear,
    name: text(2, 60),
    /** 报送截止日期, in the year after the one evaluated. */
    deadline: isoDate,
    /** Projects of earlier years whose carried-over money was spent in N (结转项目), evaluated in this round too. */
    carriedOverProjectIds: v.optional(v.pipe(v.array(anyId), v.maxLength(2000, 'max_items')), []),
  }),
  v.forward(
    v.check((r) => r.deadline.startsWith(String(r.fiscalYear + 1)), 'deadline_in_next_year'),
    ['deadline'],
  ),
);
export type CreateSelfEvaluationRound = v.InferOutput<typeof createSelfEvaluationRound>;

export const selfEvaluationRound = v.object({
  ...recordMeta,
  fiscalYear: v.number(),
  name: v.string(),
  deadline: v.string(),
  carriedOverProjectIds: v.array(v.string()),
  roundStatus: v.picklist(roundStatusCodes),
  /** The year's scoring settings and weights when the round opened: every table of the round is scored by them. */
  scoring: scoringSettings,
  weights: targetWeights,
  selfEvaluationCount: v.number(),
});
export type SelfEvaluationRound = v.InferOutput<typeof selfEvaluationRound>;

/** Where a money figure came from, so a unit's change of an imported one is seen by every reviewer (rule 9). */
export const moneyOrigins = {
  TREASURY: { 'zh-CN': '国库导入', en: 'Imported from the treasury' },
  MONITORING: { 'zh-CN': '监控报告', en: 'Monitoring report' },
  PROJECT: { 'zh-CN': '项目预算', en: 'Project budget' },
  UNIT: { 'zh-CN': '单位填报', en: 'Entered by the unit' },
} as const satisfies Record<string, Localized>;
export type MoneyOrigin = keyof typeof moneyOrigins;

/** A money line as kept: the figures, where each came from, and why the unit changed an imported one. */
export const keptMoneyLine = v.object({
  ...moneyLine.entries,
  origin: v.picklist(Object.keys(moneyOrigins) as [MoneyOrigin, ...MoneyOrigin[]]),
  /** The imported 全年执行数 the unit's figure departs from, when it does (null otherwise). */
  importedExecutedFen: v.nullable(v.number()),
  overrideReason: v.string(),
});
export type KeptMoneyLine = v.InferOutput<typeof keptMoneyLine>;

/** A reviewer's score for one row in the spot-check, with the reason (抽查复核). */
export const rowAdjustment = v.strictObject({
  rowId: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
  score: pointsText,
  reason: text(1, 500),
});
export type RowAdjustment = v.InferOutput<typeof rowAdjustment>;

export const spotCheckReasons = {
  RANDOM: { 'zh-CN': '随机抽取', en: 'Drawn at random' },
  NAMED: { 'zh-CN': '指定抽查', en: 'Named by the bureau' },
} as const satisfies Record<string, Localized>;
export type SpotCheckReason = keyof typeof spotCheckReasons;

export const spotCheck = v.object({
  reason: v.picklist(Object.keys(spotCheckReasons) as [SpotCheckReason, ...SpotCheckReason[]]),
  drawnAt: v.string(),
  /** The execution score as the reviewer sets it, when it differs (points text), and the rows they adjusted. */
  adjustments: v.array(v.object({ ...rowAdjustment.entries, by: v.string(), byName: v.string(), at: v.string() })),
  /** Set when the reviewer finishes: the total and grade the bureau stands by. */
  reviewedTotal: v.nullable(v.number()),
  reviewedGrade: v.nullable(v.picklist(reviewGradeCodes)),
  reviewedAt: v.nullable(v.string()),
  reviewedBy: v.nullable(v.string()),
  opinion: v.string(),
});
export type SpotCheck = v.InferOutput<typeof spotCheck>;

export const selfEvaluation = v.object({
  ...recordMeta,
  roundId: anyId,
  roundName: v.string(),
  /** `roundId#departmentId`: a round's self-evaluations are listed per department. */
  roundDepartment: v.string(),
  fiscalYear: v.number(),
  deadline: v.string(),
  scoring: scoringSettings,
  weights: targetWeights,
  projectId: anyId,
  projectCode: v.string(),
  projectName: v.string(),
  departmentId: anyId,
  departmentCode: v.string(),
  departmentName: v.string(),
  departmentSeries: v.string(),
  unitId: anyId,
  unitName: v.string(),
  financeSectionId: v.nullish(anyId),
  /** A project of an earlier year evaluated for the money it carried into this one (结转项目). */
  carriedOver: v.boolean(),
  /** The last approved target version (rule 14). */
  targetId: anyId,
  targetVersionNo: v.number(),
  /** Why the target's weights depart from the year's defaults, as approved (rule 4): every reviewer sees it. */
  weightReason: v.string(),
  /** 预期目标, as approved. */
  annualGoal: v.string(),
  /** 实际完成情况. */
  goalCompletion: v.string(),
  money: v.array(keptMoneyLine),
  rows: v.array(selfEvaluationRow),
  /** The total the unit states, as paper tables print it. */
  claimedTotal: v.nullable(v.string()),
  /** Evidence per row (`rowId` → files). */
  rowAttachments: v.record(v.string(), v.array(attachment)),
  reviewStatus: v.picklist(targetStatusCodes),
  statusSince: v.string(),
  firstSubmittedAt: v.nullable(v.string()),
  reviewLog: v.array(reviewStep),
  /** The formula total and grade as it stands (kept for the tallies and lists). */
  total: v.nullable(v.number()),
  grade: v.nullable(v.picklist(reviewGradeCodes)),
  spotCheck: v.nullable(spotCheck),
});
export type SelfEvaluation = v.InferOutput<typeof selfEvaluation>;

/** A money line as the unit saves it: the figures and, for a changed imported one, the reason. */
export const moneyEntry = v.strictObject({ ...moneyLine.entries, overrideReason: v.optional(text(0, 300), '') });
export type MoneyEntry = v.InferOutput<typeof moneyEntry>;

export const saveSelfEvaluation = v.strictObject({
  version,
  goalCompletion: v.optional(text(0, 2000)),
  money: v.optional(v.pipe(v.array(moneyEntry), v.maxLength(3, 'max_items'))),
  rows: v.optional(v.pipe(v.array(rowEntry), v.maxLength(80, 'max_items'))),
  claimedTotal: v.optional(v.nullable(pointsText)),
});
export type SaveSelfEvaluation = v.InferOutput<typeof saveSelfEvaluation>;

/** The performance section draws the spot-check sample of a round (抽查复核). */
export const drawSpotCheck = v.strictObject({
  version,
  /** Share of each stratum drawn at random, in percent. */
  sharePct: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100)),
  /** Recorded so the draw can be repeated and checked. */
  seed: v.pipe(v.string(), v.regex(/^[0-9a-f]{8,32}$/, 'seed')),
  /** Projects the bureau names, drawn whatever the dice say. */
  namedProjectIds: v.optional(v.pipe(v.array(anyId), v.maxLength(500, 'max_items')), []),
});
export type DrawSpotCheck = v.InferOutput<typeof drawSpotCheck>;

export const adjustSpotCheck = v.strictObject({
  version,
  adjustments: v.pipe(v.array(rowAdjustment), v.maxLength(80, 'max_items')),
  opinion: v.optional(text(0, 1000), ''),
  /** Finish the spot-check: the reviewed total then counts (docs/domain/self-evaluation.md, "Which score counts"). */
  finish: v.optional(v.boolean(), false),
});
export type AdjustSpotCheck = v.InferOutput<typeof adjustSpotCheck>;

export const selfEvaluationRoundQuery = v.strictObject({
  ...pageQuery,
  fiscalYear: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/, 'fiscal_year'))),
});

export const selfEvaluationQuery = v.strictObject({
  ...pageQuery,
  departmentId: v.optional(anyId),
  reviewStatus: v.optional(v.picklist(targetStatusCodes)),
});

/** The self-evaluations waiting for the caller's review, as the targets' queue, optionally of one round. */
export const selfEvaluationQueueQuery = v.strictObject({
  ...reviewQueueQuery.entries,
  roundId: v.optional(anyId),
});

/** The unit approver signs it off and sends it on. */
export const submitSelfEvaluation = v.strictObject({ version, opinion: v.optional(text(0, 1000), '') });

/** The scoring settings of a fiscal year, as the performance section keeps them. */
export const scoringSettingsParams = fiscalYearParams;
export const saveScoringSettings = v.strictObject({ version: settingsVersion, scoring: scoringSettings });
export type SaveScoringSettings = v.InferOutput<typeof saveScoringSettings>;
export const scoringSettingsRecord = v.object({
  fiscalYear: v.number(),
  scoring: scoringSettings,
  /** 0 when nothing has been saved for the year and these are the defaults. */
  version: v.number(),
});

/**
 * Checking a filled 项目支出绩效自评表 as a department sent it (docs/domain/self-evaluation.md#checking-a-filled-table):
 * the XLSX itself, base64 in the JSON body, at most `maxTableFileBytes`.
 */
export const maxTableFileBytes = 2 * 1024 * 1024;
export const checkFilledTable = v.strictObject({
  fileName: text(1, 200),
  /** Checked by the operation (base64, size, XLSX), so a bad file gets its own words rather than a schema's. */
  contentBase64: v.string(),
  /** The year to read dates in when the table does not say. */
  fiscalYear: v.optional(fiscalYear),
});
export type CheckFilledTable = v.InferOutput<typeof checkFilledTable>;
