import * as v from 'valibot';
import { formulaCodes } from '#core/department-evaluation/department-formulas.ts';
import { formulaRule } from '#core/department-evaluation/formula-rule.ts';
import type { Language } from '#core/language.ts';
import { add, compare, parseDecimal, type Ratio, ratio } from '#core/monitoring/exact-ratio.ts';
import type { FieldError } from '#core/problem.ts';
import { text } from '#core/schema-parts.ts';

/**
 * A framework of the department overall self-evaluation (docs/domain/self-evaluation.md, "Department overall
 * self-evaluation"): level 1 → level 2 → level 3, each with its points. A level-3 indicator is either a FORMULA
 * (computed from the department's figures and scored by its rule) or a JUDGEMENT (scored by a person against
 * its standard, with evidence). Frameworks are data: the system ships templates, a tenant copies one for a
 * fiscal year and edits names, points, rules and indicators.
 */
export const TOTAL_POINTS = 100;

/** A name in both languages; the English may stay empty, and then the Chinese is shown. */
export const label = (max: number) => v.strictObject({ 'zh-CN': text(1, max), en: text(0, max) });
export type Label = v.InferOutput<ReturnType<typeof label>>;
export const labelText = (l: Label, language: Language): string => l[language] || l['zh-CN'];

const code = v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9_]{0,39}$/u, 'code'));
const points = v.pipe(
  v.number(),
  v.check((x) => /^\d+(\.\d{1,2})?$/u.test(String(x)), 'two_decimals'),
  v.minValue(0),
  v.maxValue(TOTAL_POINTS),
);

export const formulaIndicator = v.strictObject({
  code,
  kind: v.literal('FORMULA'),
  name: label(60),
  points,
  formula: v.picklist(formulaCodes),
  rule: formulaRule,
});
export const judgementIndicator = v.strictObject({
  code,
  kind: v.literal('JUDGEMENT'),
  name: label(60),
  points,
  /** 评分标准: what full marks take and what loses points. */
  standard: label(500),
});
export const departmentIndicator = v.variant('kind', [formulaIndicator, judgementIndicator]);
export type DepartmentIndicator = v.InferOutput<typeof departmentIndicator>;

export const level2Group = v.strictObject({
  code,
  name: label(40),
  points,
  indicators: v.pipe(v.array(departmentIndicator), v.minLength(1), v.maxLength(30)),
});
export const level1Group = v.strictObject({
  code,
  name: label(40),
  points,
  children: v.pipe(v.array(level2Group), v.minLength(1), v.maxLength(20)),
});

export const frameworkTemplateIds = ['NATIONAL_2013', 'SICHUAN', 'STREET_PARK'] as const;
export type FrameworkTemplateId = (typeof frameworkTemplateIds)[number];

export const departmentFramework = v.strictObject({
  name: label(80),
  /** Where it comes from (the public document, or that it is the system's own proposal). */
  basis: label(500),
  /** The template it was copied from; null for one a tenant wrote from scratch. */
  basedOn: v.nullable(v.picklist(frameworkTemplateIds)),
  /** The fiscal year a tenant's copy is for; null on a shipped template. */
  fiscalYear: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100))),
  level1: v.pipe(v.array(level1Group), v.minLength(1), v.maxLength(10)),
});
export type DepartmentFramework = v.InferOutput<typeof departmentFramework>;

/** Every level-3 indicator in order, with the codes of its level 1 and level 2 and its pointer. */
export const frameworkIndicators = (framework: DepartmentFramework) =>
  framework.level1.flatMap((l1, i) =>
    l1.children.flatMap((l2, j) =>
      l2.indicators.map((indicator, k) => ({
        level1: l1.code,
        level2: l2.code,
        indicator,
        pointer: `/level1/${i}/children/${j}/indicators/${k}`,
      })),
    ),
  );

const exactPoints = (x: number): Ratio => parseDecimal(String(x)) as Ratio;
const sumOf = (parts: readonly { points: number }[]) => parts.reduce((s, p) => add(s, exactPoints(p.points)), ratio(0));
const shown = (r: Ratio) => String(Number(r.n) / Number(r.d));

/**
 * The weight rules: level 1 adds up to 100, each level 2 to its level 1, each level 3 to its level 2; every
 * code appears once; no indicator is worth nothing. Each broken rule is one error, in the reader's language.
 */
export const frameworkErrors = (framework: DepartmentFramework, language: Language): FieldError[] => {
  const errors: FieldError[] = [];
  const zh = language === 'zh-CN';
  const checkSum = (pointer: string, parts: readonly { points: number }[], expected: number, what: string) => {
    const sum = sumOf(parts);
    if (compare(sum, exactPoints(expected)) !== 0)
      errors.push({
        pointer,
        code: 'weights_total',
        message: zh
          ? `${what}的分值合计应为 ${expected} 分，当前为 ${shown(sum)} 分`
          : `The points of ${what} must add up to ${expected}; they add up to ${shown(sum)}`,
      });
  };
  checkSum('/level1', framework.level1, TOTAL_POINTS, zh ? '一级指标' : 'the level-1 indicators');
  const seen = new Set<string>();
  const once = (pointer: string, c: string) => {
    if (seen.has(c))
      errors.push({
        pointer: `${pointer}/code`,
        code: 'duplicate_code',
        message: zh ? `指标编码 ${c} 重复` : `The code ${c} is used twice`,
      });
    seen.add(c);
  };
  framework.level1.forEach((l1, i) => {
    once(`/level1/${i}`, l1.code);
    const l1Name = labelText(l1.name, language);
    checkSum(
      `/level1/${i}/children`,
      l1.children,
      l1.points,
      zh ? `“${l1Name}”下的二级指标` : `the level 2 under “${l1Name}”`,
    );
    l1.children.forEach((l2, j) => {
      once(`/level1/${i}/children/${j}`, l2.code);
      const l2Name = labelText(l2.name, language);
      checkSum(
        `/level1/${i}/children/${j}/indicators`,
        l2.indicators,
        l2.points,
        zh ? `“${l2Name}”下的三级指标` : `the level 3 under “${l2Name}”`,
      );
      l2.indicators.forEach((indicator, k) => {
        const pointer = `/level1/${i}/children/${j}/indicators/${k}`;
        once(pointer, indicator.code);
        if (indicator.points === 0)
          errors.push({
            pointer: `${pointer}/points`,
            code: 'zero_points',
            message: zh
              ? `三级指标“${labelText(indicator.name, language)}”的分值应大于 0`
              : `The indicator “${labelText(indicator.name, language)}” must be worth more than 0`,
          });
      });
    });
  });
  return errors;
};
