import type { Language } from '#core/language.ts';
import {
  absolute,
  add,
  compare,
  div,
  isZero,
  min,
  parseDecimal,
  percent,
  type Ratio,
  ratio,
  sub,
  toNumber,
} from '#core/monitoring/exact-ratio.ts';
import {
  likelihoods,
  type MonitoringThresholds,
  type WarningColour,
  worst,
} from '#core/monitoring/monitoring-config.ts';
import type { Assessment, ReportLine, Warning } from '#core/monitoring/monitoring-report.ts';
import { annualTotal, type ProjectFunds } from '#core/submission/project.ts';

/**
 * The warnings of domain.md §6.7, computed the same way for the department's form (as it types)
 * and for the stored report (on every save): budget execution against the checkpoints and time
 * progress, each indicator's likelihood and year-end forecast, and the divergence between
 * indicator progress and budget progress. Every warning carries its reason as a code and numbers,
 * which `warningText` turns into words.
 */
export interface MonitoringInput {
  /** `YYYY-MM-DD`: time progress is its month ÷ 12 (§6.7). */
  dataDate: string;
  budget: ProjectFunds;
  executed: ProjectFunds;
  lines: readonly ReportLine[];
}

const pct = (r: Ratio) => toNumber(percent(r), 1);
/** A figure said to be below a threshold, or one said to be above it, shown on its own side. */
const pctDown = (r: Ratio) => toNumber(percent(r), 1, 'down');
const pctUp = (r: Ratio) => toNumber(percent(r), 1, 'up');
const points = (n: number) => ratio(n, 100);

export const monthOf = (isoDate: string): number => Number(isoDate.slice(5, 7));

/** The checkpoint rate that applies at `month`: the latest at or before it. */
export const checkpointFor = (thresholds: MonitoringThresholds, month: number) =>
  [...thresholds.budgetCheckpoints].filter((c) => c.month <= month).sort((a, b) => b.month - a.month)[0];

export const budgetWarnings = (
  budgetFen: number,
  executedFen: number,
  month: number,
  thresholds: MonitoringThresholds,
): Warning[] => {
  if (budgetFen <= 0) return [];
  const rate = ratio(executedFen, budgetFen);
  const time = ratio(month, 12);
  const gap = sub(time, rate);
  const warnings: Warning[] = [];
  const checkpoint = checkpointFor(thresholds, month);
  const common = { scope: 'BUDGET' as const, rowId: null };
  if (checkpoint && compare(rate, points(checkpoint.minRatePct)) < 0) {
    warnings.push({
      ...common,
      colour: 'RED',
      code: 'budget_below_checkpoint',
      params: { rate: pctDown(rate), month: checkpoint.month, threshold: checkpoint.minRatePct },
    });
  }
  if (compare(gap, points(thresholds.budgetRedGapPts)) > 0) {
    warnings.push({
      ...common,
      colour: 'RED',
      code: 'budget_behind_time',
      params: { rate: pct(rate), time: pct(time), gap: pctUp(gap), threshold: thresholds.budgetRedGapPts },
    });
  } else if (compare(gap, points(thresholds.budgetYellowGapPts)) > 0) {
    warnings.push({
      ...common,
      colour: 'YELLOW',
      code: 'budget_behind_time',
      params: { rate: pct(rate), time: pct(time), gap: pctUp(gap), threshold: thresholds.budgetYellowGapPts },
    });
  }
  return warnings;
};

/**
 * How far the year-end forecast misses the target, as a share of the target, in the direction the
 * operator asks for (≥ and >: short of it; ≤ and <: above it; =: either way). A forecast is an
 * estimate, so landing exactly on a strict target counts as meeting it. Zero when it meets the
 * target; undefined when the line is qualitative or the numbers are missing. A target of 0 missed
 * at all counts as missed by everything.
 */
export const forecastShortfall = (line: ReportLine): Ratio | undefined => {
  if (line.operator === 'QUALITATIVE') return undefined;
  const target = parseDecimal(line.targetValue);
  const forecast = parseDecimal(line.forecastYearEnd);
  if (!target || !forecast) return undefined;
  const miss =
    line.operator === 'GTE' || line.operator === 'GT'
      ? sub(target, forecast)
      : line.operator === 'LTE' || line.operator === 'LT'
        ? sub(forecast, target)
        : absolute(sub(forecast, target));
  if (compare(miss, ratio(0)) <= 0) return ratio(0);
  if (isZero(target)) return ratio(1);
  return absolute(div(miss, target));
};

export const indicatorWarnings = (line: ReportLine, thresholds: MonitoringThresholds): Warning[] => {
  const warnings: Warning[] = [];
  const common = { scope: 'INDICATOR' as const, rowId: line.rowId };
  if (line.likelihood === 'IMPOSSIBLE' || line.likelihood === 'POSSIBLE') {
    warnings.push({
      ...common,
      colour: line.likelihood === 'IMPOSSIBLE' ? 'RED' : 'YELLOW',
      code: 'likelihood',
      params: { indicator: line.name, likelihood: line.likelihood },
    });
  }
  const shortfall = forecastShortfall(line);
  if (shortfall && !isZero(shortfall)) {
    const over = compare(shortfall, points(thresholds.forecastGapPct)) > 0;
    warnings.push({
      ...common,
      colour: over ? 'RED' : 'YELLOW',
      code: over ? 'forecast_far_off' : 'forecast_off',
      params: {
        indicator: line.name,
        forecast: line.forecastYearEnd,
        target: line.targetValue,
        unit: line.unit,
        gap: over ? pctUp(shortfall) : pct(shortfall),
        threshold: thresholds.forecastGapPct,
      },
    });
  }
  return warnings;
};

/** A line can be judged once its likelihood is chosen (a quantitative one also needs its forecast). */
const judged = (line: ReportLine): boolean =>
  line.likelihood !== null && (line.operator === 'QUALITATIVE' || parseDecimal(line.forecastYearEnd) !== undefined);

/**
 * Indicator progress to date: actual ÷ target for the annual quantitative lines that count
 * upwards (≥, >, =), each capped at 100 %, averaged. Lines with a ceiling (≤, <: costs, time
 * limits) say nothing about progress and are left out.
 */
export const indicatorProgress = (lines: readonly ReportLine[]): Ratio | undefined => {
  const shares: Ratio[] = [];
  for (const line of lines) {
    if (line.period !== 'ANNUAL' || !['GTE', 'GT', 'EQ'].includes(line.operator)) continue;
    const target = parseDecimal(line.targetValue);
    const actual = parseDecimal(line.actualToDate);
    if (!target || !actual || compare(target, ratio(0)) <= 0) continue;
    const share = div(actual, target);
    shares.push(compare(share, ratio(0)) < 0 ? ratio(0) : min(share, ratio(1)));
  }
  if (shares.length === 0) return undefined;
  return div(shares.reduce(add, ratio(0)), ratio(shares.length));
};

export const assess = (input: MonitoringInput, thresholds: MonitoringThresholds): Assessment => {
  const month = monthOf(input.dataDate);
  const budgetFen = annualTotal(input.budget);
  const executedFen = annualTotal(input.executed);
  const budget = budgetWarnings(budgetFen, executedFen, month, thresholds);
  const indicatorColours: Record<string, WarningColour | null> = {};
  const indicators: Warning[] = [];
  for (const line of input.lines) {
    const found = indicatorWarnings(line, thresholds);
    indicators.push(...found);
    indicatorColours[line.rowId] = judged(line) ? worst(found.map((w) => w.colour)) : null;
  }
  const rate = budgetFen > 0 ? ratio(executedFen, budgetFen) : undefined;
  const progress = indicatorProgress(input.lines);
  const divergence: Warning[] = [];
  if (rate && progress) {
    const difference = absolute(sub(progress, rate));
    if (compare(difference, points(thresholds.divergencePts)) > 0) {
      divergence.push({
        scope: 'DIVERGENCE',
        rowId: null,
        colour: 'YELLOW',
        code: 'progress_diverges',
        params: {
          progress: pct(progress),
          rate: pct(rate),
          difference: pctUp(difference),
          threshold: thresholds.divergencePts,
        },
      });
    }
  }
  const warnings = [...budget, ...indicators, ...divergence];
  return {
    colour: worst(warnings.map((w) => w.colour)),
    budgetColour: rate ? worst(budget.map((w) => w.colour)) : null,
    indicatorColours,
    executionRatePct: rate ? pct(rate) : null,
    timeProgressPct: pct(ratio(month, 12)),
    indicatorProgressPct: progress ? pct(progress) : null,
    warnings,
  };
};

const texts: Record<string, (p: Warning['params'], language: Language) => string> = {
  budget_below_checkpoint: (p, l) =>
    l === 'en'
      ? `Execution ${p.rate}% is below the end-of-month-${p.month} checkpoint of ${p.threshold}%`
      : `执行率 ${p.rate}% 低于 ${p.month} 月末检查点 ${p.threshold}%`,
  budget_behind_time: (p, l) =>
    l === 'en'
      ? `Execution ${p.rate}% is ${p.gap} points behind time progress ${p.time}% (more than ${p.threshold})`
      : `执行率 ${p.rate}% 落后序时进度 ${p.time}% 达 ${p.gap} 个百分点（超过 ${p.threshold} 个百分点）`,
  likelihood: (p, l) => {
    const label = likelihoods[p.likelihood as keyof typeof likelihoods][l];
    return l === 'en'
      ? `${p.indicator}: meeting the target is “${label}”`
      : `${p.indicator}：完成目标可能性为“${label}”`;
  },
  forecast_off: (p, l) =>
    l === 'en'
      ? `${p.indicator}: forecast ${p.forecast}${p.unit} misses the target ${p.target}${p.unit} by ${p.gap}%`
      : `${p.indicator}：全年预计 ${p.forecast}${p.unit}，未达到目标值 ${p.target}${p.unit}，偏差 ${p.gap}%`,
  forecast_far_off: (p, l) =>
    l === 'en'
      ? `${p.indicator}: forecast ${p.forecast}${p.unit} misses the target ${p.target}${p.unit} by ${p.gap}% (more than ${p.threshold}%)`
      : `${p.indicator}：全年预计 ${p.forecast}${p.unit}，偏离目标值 ${p.target}${p.unit} 达 ${p.gap}%（超过 ${p.threshold}%）`,
  progress_diverges: (p, l) =>
    l === 'en'
      ? `Indicator progress ${p.progress}% and budget execution ${p.rate}% differ by ${p.difference} points (more than ${p.threshold})`
      : `目标完成进度 ${p.progress}% 与预算执行进度 ${p.rate}% 相差 ${p.difference} 个百分点（超过 ${p.threshold} 个百分点）`,
};

/** The reason for a warning in words. */
export const warningText = (w: Pick<Warning, 'code' | 'params'>, language: Language): string =>
  texts[w.code]?.(w.params, language) ?? w.code;
