import * as v from 'valibot';
import { fiscalYear } from '#core/indicator-library/indicator.ts';
import type { Localized } from '#core/language.ts';
import { anyId, pageQuery, recordMeta, text, uuidV7Id, version } from '#core/schema-parts.ts';
import { isKnownFunctionalClass } from '#core/submission/functional-classification.ts';

/** A budget project (预算项目, docs/domain/submission.md) of one unit for one fiscal year. */
export const projectCategories = {
  PERSONNEL: { 'zh-CN': '人员类', en: 'Personnel' },
  OPERATIONAL: { 'zh-CN': '运转类', en: 'Operational' },
  SPECIFIC_PURPOSE: { 'zh-CN': '特定目标类', en: 'Specific-purpose' },
} as const satisfies Record<string, Localized>;
export type ProjectCategory = keyof typeof projectCategories;
export const projectCategoryCodes = Object.keys(projectCategories) as [ProjectCategory, ...ProjectCategory[]];

export const projectNatures = ['NEW', 'CONTINUING'] as const;
export const projectRecurrences = ['ONE_OFF', 'RECURRING'] as const;

/**
 * Where the project stands in the library (docs/domain/submission.md, "Budget gate"). It follows its targets' review and is
 * written in the same transaction as every target transition, so lists and the budget gate agree.
 */
export const projectStages = ['PROPOSED', 'IN_REVIEW', 'IN_LIBRARY', 'BUDGETED', 'REJECTED'] as const;
export type ProjectStage = (typeof projectStages)[number];

/** Money is integer fen (分): never a float (docs/architecture.md). Up to 10^13 fen = 1,000 亿元. */
export const fen = v.pipe(v.number(), v.integer('integer'), v.minValue(0), v.maxValue(1e13));

/** Annual funds by source (资金来源). */
export const projectFunds = v.strictObject({
  fiscal: fen,
  carryOver: fen,
  other: fen,
});
export type ProjectFunds = v.InferOutput<typeof projectFunds>;
export const annualTotal = (funds: ProjectFunds): number => funds.fiscal + funds.carryOver + funds.other;

const fields = {
  fiscalYear,
  /** `pro_code`: stable across years, up to 21 characters. */
  code: v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[0-9A-Z]{6,21}$/, 'project_code')),
  name: text(2, 100),
  unitId: anyId,
  category: v.picklist(projectCategoryCodes),
  nature: v.picklist(projectNatures),
  recurrence: v.picklist(projectRecurrences),
  periodStart: fiscalYear,
  periodEnd: fiscalYear,
  funds: projectFunds,
  /** The whole implementation period, for multi-year projects (中期资金总额). */
  mediumTermTotal: v.nullish(fen),
  /** 支出功能分类, 类 (3 digits) or 类款 (5 digits), e.g. `21103`, one of the table's codes (functional-classification.ts). */
  functionalClass: v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^\d{3}(\d{2})?$/, 'functional_class'),
    v.check(isKnownFunctionalClass, 'functional_class_unknown'),
  ),
  /** A new major policy or project (新出台重大政策、项目): ex-ante assessment is then required. */
  majorPolicy: v.boolean(),
  /** An expiring policy or project asking to be renewed (到期申请延续): assessed ex ante as a new major one. */
  renewal: v.optional(v.boolean(), false),
  description: text(0, 1000),
};

export const createProject = v.pipe(
  v.strictObject({
    id: uuidV7Id,
    ...fields,
    mediumTermTotal: v.optional(fields.mediumTermTotal, null),
    description: v.optional(fields.description, ''),
  }),
  v.forward(
    v.check((p) => p.periodEnd >= p.periodStart, 'period_backwards'),
    ['periodEnd'],
  ),
);

export const updateProject = v.strictObject({
  version,
  name: v.optional(fields.name),
  category: v.optional(fields.category),
  nature: v.optional(fields.nature),
  recurrence: v.optional(fields.recurrence),
  periodStart: v.optional(fields.periodStart),
  periodEnd: v.optional(fields.periodEnd),
  funds: v.optional(fields.funds),
  mediumTermTotal: v.optional(fields.mediumTermTotal),
  functionalClass: v.optional(fields.functionalClass),
  majorPolicy: v.optional(fields.majorPolicy),
  renewal: v.optional(v.boolean()),
  description: v.optional(fields.description),
});

export const project = v.object({
  ...recordMeta,
  ...fields,
  departmentId: anyId,
  /** Names copied when the project was registered, so lists and queues read without lookups. */
  departmentName: v.nullish(v.string()),
  departmentSeries: v.nullish(v.string()),
  unitName: v.nullish(v.string()),
  /** The business section responsible for the department (归口) when the project was registered. */
  financeSectionId: v.nullish(anyId),
  stage: v.picklist(projectStages),
  exAnteRequired: v.boolean(),
  /** The newest target version, whatever its state. */
  currentTargetId: v.nullable(anyId),
  currentTargetStatus: v.nullable(v.string()),
  targetVersionNo: v.number(),
  /** The last final-approved version (`is_last_inst`): what self-evaluation must use (rule 14). */
  approvedTargetId: v.nullable(anyId),
  approvedGrade: v.nullable(v.string()),
  exAnteConclusion: v.nullable(v.string()),
  budgetedAt: v.nullable(v.string()),
  /** Why it was budgeted above the ex-ante assessment's recommended amount (rule 13). */
  budgetOverrideReason: v.nullish(v.string()),
});
export type Project = v.InferOutput<typeof project>;

export const projectQuery = v.strictObject({
  ...pageQuery,
  fiscalYear: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/, 'fiscal_year'))),
  departmentId: v.optional(anyId),
  unitId: v.optional(anyId),
  stage: v.optional(v.picklist(projectStages)),
  category: v.optional(v.picklist(projectCategoryCodes)),
});

/** 纳入预算; a budget above the ex-ante assessment's recommended amount says why. */
export const markBudgeted = v.strictObject({ version, overrideReason: v.optional(text(0, 500), '') });
