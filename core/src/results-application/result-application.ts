import * as v from 'valibot';
import type { Localized } from '#core/language.ts';
import { resultMeasureCodes } from '#core/results-application/result-measure.ts';
import { pct } from '#core/results-application/results-policy.ts';
import { anyId, pageQuery, recordMeta, text, uuidV7Id } from '#core/schema-parts.ts';
import { reviewGradeCodes } from '#core/submission/performance-target.ts';
import { fen } from '#core/submission/project.ts';

/** Where a result comes from (docs/domain/results-application.md#sources). */
export const resultSources = {
  KEY_EVALUATION: { 'zh-CN': '财政重点评价', en: 'Key evaluation' },
  SELF_EVALUATION: { 'zh-CN': '单位自评', en: 'Self-evaluation' },
  DEPARTMENT_EVALUATION: { 'zh-CN': '部门整体评价', en: 'Department evaluation' },
  MONITORING: { 'zh-CN': '绩效运行监控', en: 'Monitoring' },
} as const satisfies Record<string, Localized>;
export type ResultSource = keyof typeof resultSources;
export const resultSourceCodes = Object.keys(resultSources) as [ResultSource, ...ResultSource[]];

/** What a result is about: a project, or a whole department (a department evaluation, a department engagement). */
export const resultObjectTypes = ['PROJECT', 'DEPARTMENT'] as const;

/** The key of next year's continuation: the project of the target year with the same code (docs/domain/results-application.md#next-year). */
export const continuationKey = (targetYear: number, projectCode: string): string => `${targetYear}#${projectCode}`;
/** A department's results of a year are kept under the department. */
export const departmentKey = (targetYear: number, departmentId: string): string => `${targetYear}#D#${departmentId}`;

const fiscalYear = v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100));

/** The facts of one source record a proposal and a decision are made from. */
export const resultFacts = v.object({
  source: v.picklist(resultSourceCodes),
  sourceId: anyId,
  /** The evaluated year; the target budget year is the next. */
  fiscalYear,
  objectType: v.picklist(resultObjectTypes),
  projectId: v.nullable(anyId),
  projectCode: v.nullable(v.string()),
  projectName: v.nullable(v.string()),
  departmentId: anyId,
  departmentName: v.string(),
  grade: v.nullable(v.picklist(reviewGradeCodes)),
  score: v.nullable(v.number()),
  /** This year's amount (fen): the project's annual funds; null for a department. */
  amount: v.nullable(v.number()),
  /** A monitoring disposition is itself the measure (and its amount, when it names one). */
  orderedMeasure: v.nullable(v.picklist(resultMeasureCodes)),
  orderedAmountFen: v.nullable(v.number()),
  /** What the source says in its own words (the disposition's decision, the score that counts being the reviewed one). */
  basis: v.string(),
});
export type ResultFacts = v.InferOutput<typeof resultFacts>;

export const resultApplication = v.object({
  ...recordMeta,
  ...resultFacts.entries,
  sourceKey: v.string(),
  targetYear: fiscalYear,
  /** Next year's continuation (`continuationKey`) or the department's key: the budget gate reads by it. */
  nextKey: v.string(),
  measure: v.picklist(resultMeasureCodes),
  pct: v.nullable(v.number()),
  amountFen: v.nullable(v.number()),
  /** Next year's recommended amount (fen), from this year's amount and the measure; null for a department. */
  recommendedAmount: v.nullable(v.number()),
  /** What the policy proposed; a decision departing from it carries the reason and is flagged. */
  proposedMeasure: v.nullable(v.picklist(resultMeasureCodes)),
  departed: v.boolean(),
  reason: v.string(),
  note: v.string(),
  decidedBy: v.string(),
  decidedByName: v.string(),
  decidedAt: v.string(),
});
export type ResultApplication = v.InferOutput<typeof resultApplication>;

/** The performance section's decision on one source record (idempotent on the client's id). */
export const decideResult = v.strictObject({
  id: uuidV7Id,
  source: v.picklist(resultSourceCodes),
  sourceId: anyId,
  measure: v.picklist(resultMeasureCodes),
  pct: v.optional(v.nullable(pct), null),
  amountFen: v.optional(v.nullable(fen), null),
  /** Why the measure departs from the policy's; required then. */
  reason: v.optional(text(0, 1000), ''),
  note: v.optional(text(0, 1000), ''),
});
export type DecideResult = v.InferOutput<typeof decideResult>;

const yearText = v.pipe(
  v.string(),
  v.regex(/^\d{4}$/, 'fiscal_year'),
  v.transform(Number),
  v.minValue(2000),
  v.maxValue(2100),
);

export const proposalQuery = v.strictObject({
  ...pageQuery,
  fiscalYear: yearText,
  source: v.picklist(resultSourceCodes),
});

export const resultQuery = v.strictObject({
  ...pageQuery,
  /** The target budget year. */
  targetYear: yearText,
  source: v.optional(v.picklist(resultSourceCodes)),
  departmentId: v.optional(anyId),
});

export const projectResultParams = v.strictObject({ id: anyId });
