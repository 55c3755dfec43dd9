import type { DepartmentFigures } from '#core/department-evaluation/department-figures.ts';
import { departmentFigures } from '#core/department-evaluation/department-figures.ts';
import { departmentFormulas, formulaValue } from '#core/department-evaluation/department-formulas.ts';
import {
  type DepartmentFramework,
  type DepartmentIndicator,
  frameworkErrors,
  frameworkIndicators,
  type Label,
  labelText,
} from '#core/department-evaluation/department-framework.ts';
import { ruleText, scoreByRule } from '#core/department-evaluation/formula-rule.ts';
import { type JudgementEntry, judgementProblems, scoreJudgement } from '#core/department-evaluation/judgement-score.ts';
import {
  type ProjectSelfEvaluationLine,
  type ProjectSummary,
  summariseProjects,
} from '#core/department-evaluation/project-summary.ts';
import type { Language, Localized } from '#core/language.ts';
import { add, type Ratio, ratio } from '#core/monitoring/exact-ratio.ts';
import type { FieldError } from '#core/problem.ts';
import { roundScore, scoreFigure, scoreText } from '#core/self-evaluation/score-rounding.ts';
import { gradeOf } from '#core/self-evaluation/score-sheet.ts';
import type { ScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import type { ReviewGrade } from '#core/submission/performance-target.ts';
import { reviewGrades } from '#core/submission/performance-target.ts';

/**
 * The department overall self-evaluation sheet (部门整体支出绩效自评表; docs/domain/self-evaluation.md, "Department
 * overall self-evaluation"): every level-3 indicator scored (formulas from the figures, judgements as entered),
 * the total as the sum of the rounded scores, its grade by the year's bands, the department's project
 * self-evaluations summarised, and the rules a sheet must meet before it is sent.
 */
export interface DepartmentSheetInput {
  framework: DepartmentFramework;
  figures: DepartmentFigures;
  entries: readonly JudgementEntry[];
  projects: readonly ProjectSelfEvaluationLine[];
}

export interface IndicatorScore {
  code: string;
  level1: string;
  level2: string;
  name: Label;
  kind: DepartmentIndicator['kind'];
  points: number;
  /** A formula indicator whose figures give its value; false for one scored by hand instead. */
  computed: boolean;
  /** What a formula indicator measures, in words; null for a judgement. */
  definition: Localized | null;
  /** The formula's value in percent as printed; null for judgements and formulas that cannot be computed. */
  valuePct: number | null;
  /** Rounded by the year's rule; null until scored. */
  score: number | null;
  /** The scoring standard: the rule in words for a formula, the standard for a judgement. */
  standard: Localized;
  derivation: Localized;
}

export interface LevelScore {
  code: string;
  name: Label;
  points: number;
  /** Sum of the rounded scores of the indicators scored so far. */
  score: number;
}

export interface DepartmentSheet {
  indicators: IndicatorScore[];
  level1: LevelScore[];
  total: number;
  /** Every indicator is scored. */
  complete: boolean;
  /** Only when complete and the framework's points add up. */
  grade: ReviewGrade | null;
  projects: ProjectSummary;
  derivation: Localized;
}

const both = (f: (language: Language) => string): Localized => ({ 'zh-CN': f('zh-CN'), en: f('en') });

const scoreIndicator = (
  indicator: DepartmentIndicator,
  input: DepartmentSheetInput,
  settings: ScoringSettings,
): Omit<IndicatorScore, 'level1' | 'level2'> & { exact: Ratio | null } => {
  const { rounding } = settings;
  const entry = input.entries.find((e) => e.code === indicator.code);
  const base = { code: indicator.code, name: indicator.name, kind: indicator.kind, points: indicator.points };
  if (indicator.kind === 'JUDGEMENT') {
    const judged = scoreJudgement(indicator, entry, rounding);
    return {
      ...base,
      computed: false,
      definition: null,
      valuePct: null,
      score: judged.score,
      exact: judged.exact,
      standard: { 'zh-CN': indicator.standard['zh-CN'], en: labelText(indicator.standard, 'en') },
      derivation: judged.derivation,
    };
  }
  const standard = ruleText(indicator.rule);
  const { definition } = departmentFormulas[indicator.formula];
  const value = formulaValue(indicator.formula, input.figures);
  if (!value.computable) {
    // Missing figures never earn the points: the indicator stays unscored until a person scores it with a reason.
    const judged = scoreJudgement(indicator, entry, rounding);
    return {
      ...base,
      computed: false,
      definition,
      valuePct: null,
      score: judged.score,
      exact: judged.exact,
      standard,
      derivation: both((l) =>
        entry ? `${value.reason[l]}${l === 'zh-CN' ? '；' : '; '}${judged.derivation[l]}` : value.reason[l],
      ),
    };
  }
  const scored = scoreByRule(value.value, indicator.points, indicator.rule, rounding);
  return {
    ...base,
    computed: true,
    definition,
    valuePct: scored.shownPct,
    score: scored.score,
    exact: scored.exact,
    standard,
    derivation: both((l) => `${value.expression[l]} = ${scored.text[l]}`),
  };
};

export const scoreDepartmentSheet = (input: DepartmentSheetInput, settings: ScoringSettings): DepartmentSheet => {
  const { rounding } = settings;
  const scored = frameworkIndicators(input.framework).map(({ level1, level2, indicator }) => ({
    ...scoreIndicator(indicator, input, settings),
    level1,
    level2,
  }));
  // The total is the sum of the rounded indicator scores, as the printed tables add them up.
  const rounded = (list: typeof scored) =>
    list.reduce((sum, s) => (s.exact ? add(sum, roundScore(s.exact, rounding)) : sum), ratio(0));
  const level1 = input.framework.level1.map((l1) => ({
    code: l1.code,
    name: l1.name,
    points: l1.points,
    score: scoreFigure(rounded(scored.filter((s) => s.level1 === l1.code)), rounding),
  }));
  const total = scoreFigure(rounded(scored), rounding);
  const complete = scored.every((s) => s.score !== null);
  const valid = frameworkErrors(input.framework, 'zh-CN').length === 0;
  const grade = complete && valid ? gradeOf(total, settings) : null;
  const parts = (l: Language) =>
    level1.map((s) => `${labelText(s.name, l)} ${scoreText(s.score, rounding)}`).join(' + ');
  const derivation = both(
    (l) =>
      `${l === 'zh-CN' ? '合计' : 'Total'} = ${parts(l)} = ${scoreText(total, rounding)}${
        grade
          ? ` → ${reviewGrades[grade][l]}`
          : l === 'zh-CN'
            ? complete
              ? '（分值设置有误，不定等级）'
              : '（尚有指标未评分）'
            : complete
              ? ' (the points do not add up: no grade)'
              : ' (some indicators are not scored yet)'
      }`,
  );
  return {
    indicators: scored.map(({ exact: _exact, ...s }) => s),
    level1,
    total,
    complete,
    grade,
    projects: summariseProjects(input.projects, rounding),
    derivation,
  };
};

/**
 * What stops a sheet from being sent, one error each, in the reader's language: the framework's points, every
 * indicator scored, a reason for every judgement below full marks, no score above its points, a formula that
 * cannot be computed scored by hand with its reason, and no entry for an indicator the framework does not have.
 */
export const departmentSheetErrors = (
  input: DepartmentSheetInput,
  settings: ScoringSettings,
  language: Language,
): FieldError[] => {
  const errors: FieldError[] = frameworkErrors(input.framework, language).map((e) => ({
    ...e,
    pointer: `/framework${e.pointer}`,
  }));
  const indicators = frameworkIndicators(input.framework);
  input.entries.forEach((entry, i) => {
    const match = indicators.find((x) => x.indicator.code === entry.code);
    const first = input.entries.findIndex((e) => e.code === entry.code) === i;
    if (!match || !first)
      errors.push({
        pointer: `/entries/${i}/code`,
        code: match ? 'duplicate_entry' : 'unknown_indicator',
        message:
          language === 'zh-CN'
            ? `指标 ${entry.code} ${match ? '重复评分' : '不在本框架中'}`
            : `The indicator ${entry.code} is ${match ? 'scored twice' : 'not in this framework'}`,
      });
  });
  for (const { indicator, pointer } of indicators) {
    const name = labelText(indicator.name, language);
    const index = input.entries.findIndex((e) => e.code === indicator.code);
    const entry = input.entries[index];
    if (indicator.kind === 'FORMULA') {
      const value = formulaValue(indicator.formula, input.figures);
      if (value.computable) continue;
      if (!entry) {
        const key = value.missing[0];
        errors.push({
          pointer: key ? `/figures/${key}` : `/framework${pointer}`,
          code: 'not_computable',
          message:
            language === 'zh-CN'
              ? `${value.reason[language]}；请补录${key ? departmentFigures[key].name[language] : '数据'}，或人工评分并说明理由`
              : `${value.reason[language]}; enter the ${key ? departmentFigures[key].name[language] : 'figures'} or score it by hand with a reason`,
        });
        continue;
      }
    }
    const judged = scoreJudgement(indicator, entry, settings.rounding);
    for (const problem of judged.problems)
      errors.push({
        pointer: entry ? `/entries/${index}/${problem === 'reason_required' ? 'note' : 'score'}` : '/entries',
        code: problem,
        message: `${name}${language === 'zh-CN' ? '：' : ': '}${judgementProblems[problem][language]}`,
      });
  }
  return errors;
};
