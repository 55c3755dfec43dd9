import type { Localized } from '#core/language.ts';
import { add, compare, div, mul, type Ratio, ratio, sub, toNumber } from '#core/monitoring/exact-ratio.ts';
import { type ExecutionScore, type MoneyTotals, scoreExecution } from '#core/self-evaluation/execution-score.ts';
import { pointsRatio } from '#core/self-evaluation/indicator-value.ts';
import { type RowScore, scoreRow } from '#core/self-evaluation/row-score.ts';
import { roundScore, scoreFigure, scoreText } from '#core/self-evaluation/score-rounding.ts';
import type { ScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import type { MoneyLine, SelfEvaluationRow } from '#core/self-evaluation/self-evaluation-row.ts';
import { type ReviewGrade, reviewGrades } from '#core/submission/performance-target.ts';

/**
 * The whole table's score (docs/domain/self-evaluation.md, "Scoring"): budget execution plus the
 * rows, each already rounded by the rule (as 财预〔2020〕10号's tables add them up), then rescaled to
 * 100 when rows are not applicable (折算: sum × 100 ÷ the points still applicable), rounded once more
 * by the same rule, capped at 100 and graded. A table with a row not yet scored has a running total
 * but no grade.
 */
export interface SheetInput {
  fiscalYear: number;
  money: readonly MoneyLine[];
  rows: readonly SelfEvaluationRow[];
  /** The year's points for budget execution (TargetWeights.budgetExecution). */
  executionPoints: number;
  /** A paper table's own 年度资金总额 line, checked against its sources. */
  statedMoneyTotal?: MoneyTotals | null;
}

export interface ScoreSheet {
  execution: ExecutionScore;
  rows: RowScore[];
  /** Execution plus every rounded row score there is. */
  sum: number;
  sumExact: Ratio;
  /** 100 less the weights of the rows not applicable. */
  applicablePoints: number;
  total: number;
  totalExact: Ratio;
  rescaled: boolean;
  /** Every applicable row and the execution part have a score. */
  complete: boolean;
  grade: ReviewGrade | null;
  derivation: Localized;
}

const FULL = 100;

/** 优 from excellentMin, 良 from goodMin, 中 from fairMin, 差 below (财预〔2020〕10号 art. 25: 90/80/60). */
export const gradeOf = (total: number, settings: ScoringSettings): ReviewGrade =>
  total >= settings.excellentMin
    ? 'EXCELLENT'
    : total >= settings.goodMin
      ? 'GOOD'
      : total >= settings.fairMin
        ? 'FAIR'
        : 'POOR';

const both = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });

export const scoreSheet = (input: SheetInput, settings: ScoringSettings): ScoreSheet => {
  const { rounding } = settings;
  const execution = scoreExecution(input.money, input.executionPoints, settings, input.statedMoneyTotal ?? null);
  const rows = input.rows.map((r) => scoreRow(r, input.fiscalYear, settings));
  const parts = [execution.exact, ...rows.map((r) => r.exact)]
    .filter((x): x is Ratio => x !== null)
    .map((x) => roundScore(x, rounding));
  const sumExact = parts.reduce(add, ratio(0));
  const notApplicable = rows
    .filter((r) => r.kind === 'NOT_APPLICABLE')
    .reduce((a, r) => add(a, pointsRatio(r.weight)), ratio(0));
  const applicable = sub(ratio(FULL), notApplicable);
  const rescaled = compare(notApplicable, ratio(0)) > 0 && compare(applicable, ratio(0)) > 0;
  const raw = rescaled ? div(mul(sumExact, ratio(FULL)), applicable) : sumExact;
  const roundedTotal = roundScore(raw, rounding);
  const capped = compare(roundedTotal, ratio(FULL)) > 0;
  const totalExact = capped ? ratio(FULL) : roundedTotal;
  const total = scoreFigure(totalExact, rounding);
  const sum = scoreFigure(sumExact, rounding);
  const unscored = rows.filter((r) => r.kind !== 'NOT_APPLICABLE' && r.score === null).length;
  const complete = unscored === 0 && execution.score !== null;
  const grade = complete ? gradeOf(total, settings) : null;

  const t = (x: Ratio) => scoreText(scoreFigure(x, rounding), rounding);
  const applicableText = String(toNumber(applicable, 2));
  let zh = `${parts.map(t).join(' + ') || '0'} = ${t(sumExact)}`;
  let en = zh;
  if (rescaled) {
    zh += `；不适用指标 ${toNumber(notApplicable, 2)} 分，折算：${t(sumExact)} × 100 ÷ ${applicableText} = ${t(roundedTotal)}`;
    en += `; ${toNumber(notApplicable, 2)} points not applicable, rescaled: ${t(sumExact)} × 100 ÷ ${applicableText} = ${t(roundedTotal)}`;
  }
  if (capped) {
    zh += `，以 100 分为上限`;
    en += ', capped at 100';
  }
  if (grade) {
    zh += `，${reviewGrades[grade]['zh-CN']}`;
    en += `: ${reviewGrades[grade].en}`;
  } else {
    const missing = unscored + (execution.score === null ? 1 : 0);
    zh += `（尚有 ${missing} 项未评分，暂不评级）`;
    en += ` (${missing} not scored yet: no grade)`;
  }
  return {
    execution,
    rows,
    sum,
    sumExact,
    applicablePoints: toNumber(applicable, 2),
    total,
    totalExact,
    rescaled,
    complete,
    grade,
    derivation: both(zh, en),
  };
};
