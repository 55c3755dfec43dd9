import type { Localized } from '#core/language.ts';
import { compare, min, mul, percent, type Ratio, ratio } from '#core/monitoring/exact-ratio.ts';
import { MAX_PERCENT_DECIMALS, percentAt, percentFigure, percentText } from '#core/monitoring/percent-text.ts';
import { executionRateUsed, scoreFigure, scoreText } from '#core/self-evaluation/score-rounding.ts';
import type { ScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import type { MoneyLine, MoneySource } from '#core/self-evaluation/self-evaluation-row.ts';
import { wan } from '#core/submission/submission-messages.ts';

/**
 * The budget-execution part of a self-evaluation (docs/domain/self-evaluation.md, "Scoring"): the
 * rate of each source of funds and of their total, 全年执行数 ÷ 全年预算数 (the budget after
 * adjustments), and the score points × min(rate, 1) worked out on the total of the sources. The
 * points are the year's (10, 20 in 湖北, 0 in 宁夏); below the year's floor the score is 0.
 */
export interface MoneyTotals {
  initialBudgetFen: number | null;
  annualBudgetFen: number | null;
  executedFen: number | null;
}

export interface ExecutionLine extends MoneyTotals {
  source: MoneySource | 'TOTAL';
  /** Percent, by the percent rule (one decimal); null without a budget or an executed amount. */
  rate: number | null;
  rateExact: Ratio | null;
}

export interface ExecutionScore {
  /** One line per source as given, then the total of the sources. */
  lines: ExecutionLine[];
  rate: number | null;
  rateExact: Ratio | null;
  points: number;
  /** Rounded by the rule; null while the total's rate cannot be worked out and the part carries points. */
  score: number | null;
  exact: Ratio | null;
  derivation: Localized;
  /** A total line stated on the table (a paper table's 年度资金总额) that is not the sum of its sources. */
  totalMismatch: boolean;
}

const fields = ['initialBudgetFen', 'annualBudgetFen', 'executedFen'] as const;

const rateOf = (line: MoneyTotals): Ratio | null =>
  line.annualBudgetFen && line.executedFen !== null ? ratio(line.executedFen, line.annualBudgetFen) : null;

/** Each amount summed over the sources that give it; null when none does. */
const totalOf = (money: readonly MoneyLine[]): MoneyTotals =>
  Object.fromEntries(
    fields.map((f) => {
      const given = money.map((m) => m[f]).filter((x): x is number => x !== null);
      return [f, given.length ? given.reduce((a, b) => a + b, 0) : null];
    }),
  ) as unknown as MoneyTotals;

const both = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });

export const scoreExecution = (
  money: readonly MoneyLine[],
  points: number,
  settings: ScoringSettings,
  statedTotal: MoneyTotals | null = null,
): ExecutionScore => {
  const total = totalOf(money);
  const line = (source: ExecutionLine['source'], m: MoneyTotals): ExecutionLine => {
    const rateExact = rateOf(m);
    const { initialBudgetFen, annualBudgetFen, executedFen } = m;
    return {
      source,
      initialBudgetFen,
      annualBudgetFen,
      executedFen,
      rateExact,
      rate: rateExact && percentFigure(rateExact),
    };
  };
  const lines = [...money.map((m) => line(m.source, m)), line('TOTAL', total)];
  const { rate, rateExact } = lines.at(-1) as ExecutionLine;
  const totalMismatch =
    statedTotal !== null && fields.some((f) => statedTotal[f] !== null && statedTotal[f] !== total[f]);
  const result = { lines, rate, rateExact, points, totalMismatch };

  if (points === 0) {
    return {
      ...result,
      score: 0,
      exact: ratio(0),
      derivation: both('本年度预算执行率不计分（分值 0）', 'Budget execution carries no points this year'),
    };
  }
  if (rateExact === null) {
    return {
      ...result,
      score: null,
      exact: null,
      derivation: both(
        '未填写全年预算数或全年执行数（或全年预算数为 0），无法计算执行率',
        'No annual budget or amount executed (or a budget of 0): no rate to score',
      ),
    };
  }
  const rounding = settings.rounding;
  const shown = `${percentText(rate as number)}%`;
  const used = executionRateUsed(rateExact, rounding);
  const usedText = `${percentFigure(used, 0)}%`;
  const amounts = both(
    `全年执行数 ${wan(total.executedFen)} 万元 ÷ 全年预算数 ${wan(total.annualBudgetFen)} 万元 = ${shown}`,
    `${wan(total.executedFen)} ÷ ${wan(total.annualBudgetFen)} (万元) executed = ${shown}`,
  );
  const floor = ratio(settings.executionFloorPct, 100);
  if (compare(used, floor) < 0) {
    // One decimal may print 59.99 % as 60.0 %: as the warnings do, more decimals, never another direction.
    const places =
      [1, 2, 3, 4, 5, 6, 7].find((d) => compare(percentAt(used, d), percent(floor)) < 0) ?? MAX_PERCENT_DECIMALS;
    const below = both(
      `${amounts['zh-CN']}（${percentText(percentFigure(used, places))}%）`,
      `${amounts.en} (${percentText(percentFigure(used, places))}%)`,
    );
    return {
      ...result,
      score: 0,
      exact: ratio(0),
      derivation: both(
        `${below['zh-CN']}，低于 ${settings.executionFloorPct}%，得 0 分`,
        `${below.en}, below ${settings.executionFloorPct}%: 0`,
      ),
    };
  }
  const capped = min(used, ratio(1));
  const exact = mul(ratio(points), capped);
  const s = scoreText(scoreFigure(exact, rounding), rounding);
  const factor =
    capped !== used
      ? both(`${points} × 100%（超过 100% 按 100% 计）`, `${points} × 100% (capped at 100%)`)
      : rounding.rateFirst
        ? both(`取整为 ${usedText}：${points} × ${usedText}`, `rounded to ${usedText}: ${points} × ${usedText}`)
        : both(
            `${points} × ${wan(total.executedFen)}/${wan(total.annualBudgetFen)}`,
            `${points} × ${wan(total.executedFen)}/${wan(total.annualBudgetFen)}`,
          );
  return {
    ...result,
    score: scoreFigure(exact, rounding),
    exact,
    derivation: both(`${amounts['zh-CN']}，${factor['zh-CN']} = ${s}`, `${amounts.en}; ${factor.en} = ${s}`),
  };
};
