import * as v from 'valibot';
import {
  type FrameworkId,
  frameworkIds,
  level1Codes,
  level2Belongs,
  level2Codes,
} from '#core/indicator-library/framework.ts';
import { commonCategoryCodes, sectorCodes } from '#core/indicator-library/library-facets.ts';
import type { Language } from '#core/language.ts';
import type { FieldError } from '#core/problem.ts';
import { isoDate, pageQuery, recordMeta, recordStatus, text, uuidV7Id, version } from '#core/schema-parts.ts';
import { isKnownFunctionalClass } from '#core/submission/functional-classification.ts';
import { describe } from '#core/validation.ts';

/** A level-3 indicator of the library (指标库, docs/domain/README.md#main-entities), one version per fiscal year. */
export const indicatorOperators = ['GTE', 'LTE', 'EQ', 'GT', 'LT', 'QUALITATIVE'] as const;
export type IndicatorOperator = (typeof indicatorOperators)[number];
export const operatorSymbols: Record<IndicatorOperator, string> = {
  GTE: '≥',
  LTE: '≤',
  EQ: '=',
  GT: '>',
  LT: '<',
  QUALITATIVE: '定性',
};

/** 指标值设定依据. */
export const valueBases = ['PLAN', 'INDUSTRY', 'HISTORICAL', 'SPENDING_STANDARD', 'OTHER'] as const;
export const libraryScopes = ['COMMON', 'SECTOR'] as const;

export const fiscalYear = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(2000, 'fiscal_year'),
  v.maxValue(2100, 'fiscal_year'),
);

const fields = {
  fiscalYear,
  code: v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9][A-Z0-9-]{2,29}$/, 'indicator_code')),
  name: text(2, 80),
  framework: v.picklist(frameworkIds),
  level1: v.picklist(level1Codes),
  level2: v.picklist(level2Codes),
  scope: v.picklist(libraryScopes),
  commonCategory: v.nullish(v.picklist(commonCategoryCodes)),
  sector: v.nullish(v.picklist(sectorCodes)),
  /** 支出功能分类, a 类 or 款 code of the table (core/src/submission/functional-classification.ts), e.g. `21103`; '' for none. */
  functionalClass: v.nullish(
    v.pipe(
      v.string(),
      v.trim(),
      v.check((c) => c === '' || isKnownFunctionalClass(c), 'functional_class_unknown'),
    ),
  ),
  /** 资金用途: the project spending direction. */
  fundUse: v.nullish(text(0, 40)),
  /** 指标解释: definition, formula, statistical scope. */
  explanation: text(0, 500),
  operator: v.picklist(indicatorOperators),
  unit: text(0, 20),
  /** 参考值 (`kpi_val`): a number for quantitative indicators, graded wording for qualitative ones. */
  referenceValue: text(1, 60),
  valueBasis: v.picklist(valueBases),
  /** 评（扣）分标准. */
  scoringStandard: text(1, 500),
  /** The spending standard a cost indicator may not exceed (rule 3, docs/domain/submission.md#target-rules). */
  spendingStandardCap: v.nullish(v.pipe(v.number(), v.minValue(0), v.maxValue(1e12))),
  keywords: v.pipe(v.array(text(1, 20)), v.maxLength(10, 'max_items')),
  dataSource: text(0, 200),
  validFrom: isoDate,
  validTo: v.nullish(isoDate),
};

export const createIndicator = v.strictObject({
  id: uuidV7Id,
  ...fields,
  framework: v.optional(fields.framework, 'mof-2020'),
  explanation: v.optional(fields.explanation, ''),
  unit: v.optional(fields.unit, ''),
  keywords: v.optional(fields.keywords, []),
  dataSource: v.optional(fields.dataSource, ''),
});

export const updateIndicator = v.strictObject({
  version,
  ...Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, v.optional(s)])),
  status: v.optional(v.picklist(recordStatus)),
} as {
  version: typeof version;
  status: v.OptionalSchema<v.PicklistSchema<typeof recordStatus, undefined>, undefined>;
} & {
  [K in keyof typeof fields]: v.OptionalSchema<(typeof fields)[K], undefined>;
});

export const indicator = v.object({ ...recordMeta, ...fields });
export const indicatorQuery = v.strictObject({
  ...pageQuery,
  fiscalYear: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/, 'fiscal_year'))),
  level1: v.optional(v.picklist(level1Codes)),
  level2: v.optional(v.picklist(level2Codes)),
  scope: v.optional(v.picklist(libraryScopes)),
  sector: v.optional(v.picklist(sectorCodes)),
  commonCategory: v.optional(v.picklist(commonCategoryCodes)),
});

export type Indicator = v.InferOutput<typeof indicator>;

const numeric = (s: string) => /^-?\d+(\.\d+)?$/.test(s.trim());

/**
 * Rules across fields, checked on the whole (merged) entry so create and update agree:
 * the level-2 belongs to the level-1 of the framework; a common entry names its category and a
 * sector entry its sector; quantitative entries have a unit and a numeric reference value
 * (rule 1, docs/domain/submission.md#target-rules); a cost entry based on a spending standard names the cap and stays within it
 * (rule 3); the validity period runs forwards.
 */
export const indicatorErrors = (
  entry: {
    framework: FrameworkId;
    level1: string;
    level2: string;
    scope: string;
    commonCategory?: string | null | undefined;
    sector?: string | null | undefined;
    operator: string;
    unit: string;
    referenceValue: string;
    valueBasis: string;
    spendingStandardCap?: number | null | undefined;
    validFrom: string;
    validTo?: string | null | undefined;
  },
  language: Language,
): FieldError[] => {
  const errors: FieldError[] = [];
  const add = (pointer: string, code: string, requirement?: unknown) =>
    errors.push({ pointer, code, message: describe(code, language, requirement) });
  if (!level2Belongs(entry.framework, entry.level1, entry.level2)) add('/level2', 'level2_mismatch');
  if (entry.scope === 'COMMON' && !entry.commonCategory) add('/commonCategory', 'category_required');
  if (entry.scope === 'SECTOR' && !entry.sector) add('/sector', 'sector_required');
  const quantitative = entry.operator !== 'QUALITATIVE';
  if (quantitative && !entry.unit.trim()) add('/unit', 'unit_required_quantitative');
  if (quantitative && !numeric(entry.referenceValue)) add('/referenceValue', 'numeric_value');
  if (entry.level2 === 'COST' && entry.valueBasis === 'SPENDING_STANDARD') {
    if (entry.spendingStandardCap === null || entry.spendingStandardCap === undefined) {
      add('/spendingStandardCap', 'spending_cap_required');
    } else if (numeric(entry.referenceValue) && Number(entry.referenceValue) > entry.spendingStandardCap) {
      add('/referenceValue', 'above_spending_cap', entry.spendingStandardCap);
    }
  }
  if (entry.validTo && entry.validTo < entry.validFrom) add('/validTo', 'valid_to_before_from');
  return errors;
};

/** Rolling the library into a new fiscal year: every active entry of `fromYear` gets a version in `toYear`. */
export const rollOverIndicators = v.pipe(
  v.strictObject({ fromYear: fiscalYear, toYear: fiscalYear }),
  v.forward(
    v.check((r) => r.toYear > r.fromYear, 'roll_over_forwards'),
    ['toYear'],
  ),
);
export const rollOverReport = v.object({
  fromYear: v.number(),
  toYear: v.number(),
  created: v.number(),
  unchanged: v.number(),
  skipped: v.array(v.object({ code: v.string(), reason: v.picklist(['code-taken']) })),
});
export type RollOverReport = v.InferOutput<typeof rollOverReport>;
