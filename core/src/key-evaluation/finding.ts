import * as v from 'valibot';
import type { Localized } from '#core/language.ts';
import { anyId, recordMeta, text, uuidV7Id, version } from '#core/schema-parts.ts';

/**
 * A finding of a key evaluation (问题汇总表 row, docs/domain/key-evaluation.md#findings-and-the-exchange-of-opinions):
 * what was found, how much it concerns, on what basis and evidence, who is responsible and what is suggested. A
 * finding is a working paper: every write passes through the engagement's lock.
 */

/**
 * The categories of the issue summary. The default list follows the framework's levels and practitioners' summaries;
 * it is configuration (a tenant's list replaces it in one place), and a finding stores the code.
 */
export const findingCategories = {
  DECISION: { 'zh-CN': '决策', en: 'Decision' },
  FUNDS: { 'zh-CN': '资金管理', en: 'Funds management' },
  RULES: { 'zh-CN': '制度执行', en: 'Rules and procedures' },
  OUTPUT: { 'zh-CN': '产出', en: 'Output' },
  BENEFIT: { 'zh-CN': '效益', en: 'Benefit' },
  OTHER: { 'zh-CN': '其他', en: 'Other' },
} as const satisfies Record<string, Localized>;
export type FindingCategory = keyof typeof findingCategories;
export const findingCategoryCodes = Object.keys(findingCategories) as [FindingCategory, ...FindingCategory[]];

/** The most findings one engagement's issue summary holds (a summary has a handful to a few dozen). */
export const maxFindings = 60;
/** The most evidence links of each kind one finding carries. */
export const maxEvidenceLinks = 20;

const ids = v.pipe(v.array(anyId), v.maxLength(maxEvidenceLinks, 'max_items'));

/**
 * What a finding rests on, by id: field records and photos of the same engagement (checked on write) and the
 * framework's indicators (the scoring papers are per indicator).
 */
export const findingEvidence = v.strictObject({
  fieldRecordIds: ids,
  photoIds: ids,
  indicatorIds: ids,
});
export type FindingEvidence = v.InferOutput<typeof findingEvidence>;

/** Yuan, at most two decimals (the amount involved is a money figure as the account check reads it). */
const amount = v.pipe(
  v.number(),
  v.minValue(0),
  v.maxValue(1e13),
  v.check((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'two_decimals'),
);

const fields = {
  category: v.picklist(findingCategoryCodes),
  /** A short name of the problem, the summary's first column. */
  title: text(1, 80),
  /** 事实描述. */
  facts: text(1, 2000),
  /** The money involved (元), if any. */
  amount: v.nullable(amount),
  /** A quantity involved in words (e.g. "3 份合同"), if the finding is not about money. */
  quantity: text(0, 100),
  /** 依据: the rule or standard the facts fall short of. */
  basis: text(0, 1000),
  evidence: findingEvidence,
  responsibleParty: text(0, 100),
  /** 整改建议. */
  suggestion: text(0, 1000),
  /** Where the report states it (e.g. "四、（二）"), once the report is drafted. */
  reportParagraph: v.nullable(text(1, 40)),
};

/** An amendment after the final report carries its reason (docs/domain/key-evaluation.md#the-lock). */
const amendmentReason = v.optional(text(0, 500));

export const createFinding = v.strictObject({ id: uuidV7Id, ...fields, amendmentReason });
export type CreateFinding = v.InferOutput<typeof createFinding>;

export const updateFinding = v.strictObject({
  version,
  category: v.optional(fields.category),
  title: v.optional(fields.title),
  facts: v.optional(fields.facts),
  amount: v.optional(fields.amount),
  quantity: v.optional(fields.quantity),
  basis: v.optional(fields.basis),
  evidence: v.optional(fields.evidence),
  responsibleParty: v.optional(fields.responsibleParty),
  suggestion: v.optional(fields.suggestion),
  reportParagraph: v.optional(fields.reportParagraph),
  /** Withdrawn after the department's answer was accepted: kept in the summary, struck through, out of the report. */
  withdrawn: v.optional(v.boolean()),
  amendmentReason,
});
export type UpdateFinding = v.InferOutput<typeof updateFinding>;

export const findingParams = v.strictObject({ id: anyId, findingId: anyId });

const amendmentMark = v.object({ at: v.string(), by: v.string(), byName: v.string(), reason: v.string() });

export const finding = v.object({
  ...recordMeta,
  engagementId: v.string(),
  category: v.picklist(findingCategoryCodes),
  title: v.string(),
  facts: v.string(),
  amount: v.nullable(v.number()),
  quantity: v.string(),
  basis: v.string(),
  evidence: v.object({
    fieldRecordIds: v.array(v.string()),
    photoIds: v.array(v.string()),
    indicatorIds: v.array(v.string()),
  }),
  responsibleParty: v.string(),
  suggestion: v.string(),
  reportParagraph: v.nullable(v.string()),
  withdrawn: v.boolean(),
  /** Set when the finding was corrected after the final report (shown as 已修正). */
  amendment: v.optional(amendmentMark),
});
export type Finding = v.InferOutput<typeof finding>;

/**
 * Which evidence links of a finding name nothing of its engagement: each a field error at its pointer. `known`
 * holds the engagement's field record, photo and indicator ids as read for the check.
 */
export const evidenceProblems = (
  evidence: FindingEvidence,
  known: { fieldRecordIds: ReadonlySet<string>; photoIds: ReadonlySet<string>; indicatorIds: ReadonlySet<string> },
): { pointer: string; code: string }[] =>
  (['fieldRecordIds', 'photoIds', 'indicatorIds'] as const).flatMap((field) =>
    evidence[field].flatMap((id, i) =>
      known[field].has(id) ? [] : [{ pointer: `/evidence/${field}/${i}`, code: 'evidence_not_in_engagement' }],
    ),
  );
