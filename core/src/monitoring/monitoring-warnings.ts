import type { Language } from '#core/language.ts';
import {
  absolute,
  add,
  compare,
  div,
  isZero,
  min,
  mul,
  parseDecimal,
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
import { MAX_PERCENT_DECIMALS, PERCENT_DECIMALS, percentAt, percentText } from '#core/monitoring/percent-text.ts';
import { forecastDate, lineTargetDate, reportFiscalYear } from '#core/monitoring/report-line.ts';
import { annualTotal, type ProjectFunds } from '#core/submission/project.ts';

/**
 * The warnings of docs/domain/monitoring.md ("Warnings"), computed the same way for the
 * department's form (as it types) and for the stored report (on every save): budget execution
 * against the checkpoints and time progress, the full-year execution forecast, each indicator's
 * likelihood and year-end forecast, and the divergence between indicator progress and budget
 * progress. Every warning carries its reason as a code and the figures as printed, which
 * `warningText` turns into words.
 */
export interface MonitoringInput {
  /** `YYYY-MM-DD`: time progress is the days elapsed by its end ÷ the days of its year. */
  dataDate: string;
  /** The current (adjusted) annual budget: every rate is worked out against it. */
  budget: ProjectFunds;
  executed: ProjectFunds;
  /** 全年预计执行数; null until filled in. */
  forecastFullYearFen?: number | null;
  lines: readonly ReportLine[];
}

/** Whole percentage points (a configured threshold) as a fraction in percent. */
const points = (n: number) => ratio(n);

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
export const daysInYear = (year: number): number => (isLeapYear(year) ? 366 : 365);

/** Days from 1 January to the end of `isoDate`, both counted: 30 June is day 181 (182 in a leap year). */
export const dayOfYear = (isoDate: string): number => {
  const at = Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10)));
  const start = Date.UTC(Number(isoDate.slice(0, 4)), 0, 1);
  return Math.round((at - start) / 86_400_000) + 1;
};

export interface TimeProgress {
  elapsedDays: number;
  daysInYear: number;
  /** elapsed ÷ days in the year, exact. */
  share: Ratio;
}

/** 序时进度 at the data date: the days elapsed by its end over the days in its year (30 June: 181/365). */
export const timeProgress = (dataDate: string): TimeProgress => {
  const elapsedDays = dayOfYear(dataDate);
  const days = daysInYear(Number(dataDate.slice(0, 4)));
  return { elapsedDays, daysInYear: days, share: ratio(elapsedDays, days) };
};

export const monthOf = (isoDate: string): number => Number(isoDate.slice(5, 7));

/** The last day of `month` of `year`, `YYYY-MM-DD`: a checkpoint's date. */
export const checkpointDate = (year: number, month: number): string =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/**
 * The checkpoint that judges a data date: the last one whose date (its month's last day) has been
 * reached. It carries forward until the next one applies, so 15 June is judged by April's.
 */
export const checkpointFor = (thresholds: MonitoringThresholds, dataDate: string) => {
  const year = Number(dataDate.slice(0, 4));
  return [...thresholds.budgetCheckpoints]
    .filter((c) => checkpointDate(year, c.month) <= dataDate)
    .sort((a, b) => b.month - a.month)[0];
};

/**
 * The fewest decimals, one or more, at which `agrees` holds: the printed figures then stand on the
 * same side of every threshold as the exact ones (a rate just below 40 % never prints as 40.0 %).
 */
const decimalsWhere = (agrees: (decimals: number) => boolean): number => {
  for (let d = PERCENT_DECIMALS; d < MAX_PERCENT_DECIMALS; d++) if (agrees(d)) return d;
  return MAX_PERCENT_DECIMALS;
};

const figure = (r: Ratio, decimals: number): number => toNumber(r, decimals);
const same = (a: boolean, b: boolean) => a === b;

/** The budget figures of a report, all at one precision, and the comparisons made on them. */
interface BudgetFigures {
  decimals: number;
  rate: Ratio;
  time: Ratio;
  progress: Ratio | undefined;
}

const budgetFigures = (
  rate: Ratio,
  time: TimeProgress,
  progress: Ratio | undefined,
  dataDate: string,
  thresholds: MonitoringThresholds,
): BudgetFigures => {
  const exactRate = mul(rate, ratio(100));
  const exactTime = mul(time.share, ratio(100));
  const exactProgress = progress && mul(progress, ratio(100));
  const checkpoint = checkpointFor(thresholds, dataDate);
  const gaps = [thresholds.budgetYellowGapPts, thresholds.budgetRedGapPts].map(points);
  const decimals = decimalsWhere((d) => {
    const [r, t] = [percentAt(rate, d), percentAt(time.share, d)];
    if (checkpoint) {
      const cp = points(checkpoint.minRatePct);
      if (!same(compare(r, cp) < 0, compare(exactRate, cp) < 0)) return false;
    }
    for (const gap of gaps) {
      if (!same(compare(sub(t, r), gap) > 0, compare(sub(exactTime, exactRate), gap) > 0)) return false;
    }
    if (progress && exactProgress) {
      const p = percentAt(progress, d);
      const limit = points(thresholds.divergencePts);
      if (!same(compare(absolute(sub(p, r)), limit) > 0, compare(absolute(sub(exactProgress, exactRate)), limit) > 0))
        return false;
    }
    return true;
  });
  return {
    decimals,
    rate: percentAt(rate, decimals),
    time: percentAt(time.share, decimals),
    progress: progress && percentAt(progress, decimals),
  };
};

const budgetWarningsOf = (
  exactRate: Ratio,
  time: TimeProgress,
  shown: BudgetFigures,
  dataDate: string,
  thresholds: MonitoringThresholds,
): Warning[] => {
  const { decimals } = shown;
  const warnings: Warning[] = [];
  const common = { scope: 'BUDGET' as const, rowId: null };
  const checkpoint = checkpointFor(thresholds, dataDate);
  if (checkpoint && compare(mul(exactRate, ratio(100)), points(checkpoint.minRatePct)) < 0) {
    warnings.push({
      ...common,
      colour: 'RED',
      code: 'budget_below_checkpoint',
      params: { rate: figure(shown.rate, decimals), month: checkpoint.month, threshold: checkpoint.minRatePct },
    });
  }
  const gap = sub(mul(time.share, ratio(100)), mul(exactRate, ratio(100)));
  const behind = (threshold: number, colour: WarningColour): Warning => ({
    ...common,
    colour,
    code: 'budget_behind_time',
    params: {
      rate: figure(shown.rate, decimals),
      time: figure(shown.time, decimals),
      elapsedDays: time.elapsedDays,
      daysInYear: time.daysInYear,
      // The difference of the two figures as printed, so the sentence adds up.
      gap: figure(sub(shown.time, shown.rate), decimals),
      threshold,
    },
  });
  if (compare(gap, points(thresholds.budgetRedGapPts)) > 0) warnings.push(behind(thresholds.budgetRedGapPts, 'RED'));
  else if (compare(gap, points(thresholds.budgetYellowGapPts)) > 0)
    warnings.push(behind(thresholds.budgetYellowGapPts, 'YELLOW'));
  return warnings;
};

/** The budget execution warning (checkpoints and time progress) of an amount spent against a budget. */
export const budgetWarnings = (
  budgetFen: number,
  executedFen: number,
  dataDate: string,
  thresholds: MonitoringThresholds,
): Warning[] => {
  if (budgetFen <= 0) return [];
  const rate = ratio(executedFen, budgetFen);
  const time = timeProgress(dataDate);
  return budgetWarningsOf(rate, time, budgetFigures(rate, time, undefined, dataDate, thresholds), dataDate, thresholds);
};

/**
 * Yellow when the full-year execution forecast is below the configured share of the current
 * budget: money that will not be spent this year is what the bureau recovers.
 */
export const forecastExecutionWarnings = (
  budgetFen: number,
  forecastFen: number | null | undefined,
  thresholds: MonitoringThresholds,
): Warning[] => {
  if (budgetFen <= 0 || forecastFen === null || forecastFen === undefined) return [];
  const share = ratio(forecastFen, budgetFen);
  const limit = points(thresholds.forecastExecutionMinPct);
  const exact = mul(share, ratio(100));
  if (compare(exact, limit) >= 0) return [];
  const decimals = decimalsWhere((d) => compare(percentAt(share, d), limit) < 0);
  return [
    {
      scope: 'BUDGET',
      rowId: null,
      colour: 'YELLOW',
      code: 'forecast_execution_low',
      params: { share: figure(percentAt(share, decimals), decimals), threshold: thresholds.forecastExecutionMinPct },
    },
  ];
};

/**
 * How far the year-end forecast misses the target, as a share of the target, in the direction the
 * operator asks for (≥ and >: short of it; ≤ and <: above it; =: either way). A forecast is an
 * estimate, so landing exactly on a strict target counts as meeting it, and beating a target in
 * its own direction is never a miss. Zero when it meets the target; undefined when the line is
 * qualitative or the numbers are missing. A target of 0 missed at all counts as missed by everything.
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

/**
 * Whether a date line's forecast misses its target date in the operator's direction (≤ and <:
 * later; ≥ and >: earlier; =: any other day). Landing on the date meets even a strict target, as
 * for numbers. Undefined when the line is not a date line or its forecast names no date.
 */
export const forecastDateMissed = (
  line: ReportLine,
  fiscalYear: number,
): { forecast: string; target: string; missed: boolean } | undefined => {
  const target = lineTargetDate(line, fiscalYear);
  const forecast = target === null ? null : forecastDate(line, fiscalYear);
  if (target === null || forecast === null) return undefined;
  const missed =
    line.operator === 'LTE' || line.operator === 'LT'
      ? forecast > target
      : line.operator === 'GTE' || line.operator === 'GT'
        ? forecast < target
        : forecast !== target;
  return { forecast, target, missed };
};

/**
 * The warnings of one line. `fiscalYear` (the report's) reads date targets and forecasts; without
 * it a date line is judged by its likelihood only.
 */
export const indicatorWarnings = (
  line: ReportLine,
  thresholds: MonitoringThresholds,
  fiscalYear?: number,
): Warning[] => {
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
    const limit = points(thresholds.forecastGapPct);
    const exact = mul(shortfall, ratio(100));
    const over = compare(exact, limit) > 0;
    // Printed above the threshold when over it, at or below it otherwise, and never as 0.
    const decimals = decimalsWhere((d) => {
      const shown = percentAt(shortfall, d);
      return same(compare(shown, limit) > 0, over) && !isZero(shown);
    });
    warnings.push({
      ...common,
      colour: over ? 'RED' : 'YELLOW',
      code: over ? 'forecast_far_off' : 'forecast_off',
      params: {
        indicator: line.name,
        forecast: line.forecastYearEnd,
        target: line.targetValue,
        unit: line.unit,
        gap: figure(percentAt(shortfall, decimals), decimals),
        threshold: thresholds.forecastGapPct,
      },
    });
  }
  // A completion date missed is the target missed: red, with no gap to grade it
  // (docs/domain/monitoring.md, "Date targets").
  const date = fiscalYear === undefined ? undefined : forecastDateMissed(line, fiscalYear);
  if (date?.missed) {
    warnings.push({
      ...common,
      colour: 'RED',
      code: 'forecast_date_missed',
      params: { indicator: line.name, forecast: date.forecast, target: date.target, operator: line.operator },
    });
  }
  return warnings;
};

/**
 * A line can be judged once its likelihood is chosen (a quantitative one also needs its forecast: a
 * number, or on a date line a date).
 */
const judged = (line: ReportLine, fiscalYear: number): boolean =>
  line.likelihood !== null &&
  (line.operator === 'QUALITATIVE' ||
    parseDecimal(line.forecastYearEnd) !== undefined ||
    forecastDateMissed(line, fiscalYear) !== undefined);

/** A line's weight as an exact fraction; lines stored before weights were copied count alike. */
const weightOf = (line: ReportLine): Ratio => parseDecimal(String(line.weight ?? 1)) ?? ratio(0);

/**
 * Indicator progress to date: the weight-weighted mean of actual ÷ target over the annual
 * quantitative lines that count upwards (≥, >, =), each capped at 100 %. Lines with a ceiling
 * (≤, <: costs, time limits) say nothing about progress and are left out, as are lines of weight 0
 * and date lines (their target is no number to divide by).
 */
export const indicatorProgress = (lines: readonly ReportLine[]): Ratio | undefined => {
  let weighted = ratio(0);
  let weights = ratio(0);
  for (const line of lines) {
    if (line.period !== 'ANNUAL' || !['GTE', 'GT', 'EQ'].includes(line.operator)) continue;
    const target = parseDecimal(line.targetValue);
    const actual = parseDecimal(line.actualToDate);
    const weight = weightOf(line);
    if (!target || !actual || compare(target, ratio(0)) <= 0 || compare(weight, ratio(0)) <= 0) continue;
    const share = div(actual, target);
    const capped = compare(share, ratio(0)) < 0 ? ratio(0) : min(share, ratio(1));
    weighted = add(weighted, mul(capped, weight));
    weights = add(weights, weight);
  }
  if (isZero(weights)) return undefined;
  return div(weighted, weights);
};

export const assess = (input: MonitoringInput, thresholds: MonitoringThresholds): Assessment => {
  const budgetFen = annualTotal(input.budget);
  const executedFen = annualTotal(input.executed);
  const time = timeProgress(input.dataDate);
  const rate = budgetFen > 0 ? ratio(executedFen, budgetFen) : undefined;
  const progress = indicatorProgress(input.lines);
  const shown = rate ? budgetFigures(rate, time, progress, input.dataDate, thresholds) : undefined;
  const budget =
    rate && shown
      ? [
          ...budgetWarningsOf(rate, time, shown, input.dataDate, thresholds),
          ...forecastExecutionWarnings(budgetFen, input.forecastFullYearFen, thresholds),
        ]
      : [];
  const indicatorColours: Record<string, WarningColour | null> = {};
  const indicators: Warning[] = [];
  const fiscalYear = reportFiscalYear(input.dataDate);
  for (const line of input.lines) {
    const found = indicatorWarnings(line, thresholds, fiscalYear);
    indicators.push(...found);
    indicatorColours[line.rowId] = judged(line, fiscalYear) ? worst(found.map((w) => w.colour)) : null;
  }
  const divergence: Warning[] = [];
  if (rate && progress && shown?.progress) {
    const difference = absolute(sub(progress, rate));
    if (compare(mul(difference, ratio(100)), points(thresholds.divergencePts)) > 0) {
      divergence.push({
        scope: 'DIVERGENCE',
        rowId: null,
        colour: 'YELLOW',
        code: 'progress_diverges',
        params: {
          progress: figure(shown.progress, shown.decimals),
          rate: figure(shown.rate, shown.decimals),
          difference: figure(absolute(sub(shown.progress, shown.rate)), shown.decimals),
          threshold: thresholds.divergencePts,
        },
      });
    }
  }
  const warnings = [...budget, ...indicators, ...divergence];
  const decimals = shown?.decimals ?? PERCENT_DECIMALS;
  return {
    colour: worst(warnings.map((w) => w.colour)),
    budgetColour: rate ? worst(budget.map((w) => w.colour)) : null,
    indicatorColours,
    executionRatePct: shown ? figure(shown.rate, decimals) : null,
    timeProgressPct: figure(percentAt(time.share, decimals), decimals),
    elapsedDays: time.elapsedDays,
    daysInYear: time.daysInYear,
    indicatorProgressPct: shown?.progress
      ? figure(shown.progress, decimals)
      : progress
        ? figure(percentAt(progress), 1)
        : null,
    warnings,
  };
};

/** Time progress with the days it is worked out from, when they are known (reports judged before then have none). */
const timeWithDays = (p: Warning['params'], l: Language): string => {
  const time = `${percentText(Number(p.time))}%`;
  if (p.elapsedDays === undefined) return l === 'en' ? time : `${time} `;
  return l === 'en'
    ? `${time} (${p.elapsedDays}/${p.daysInYear} days)`
    : `${time}（${p.elapsedDays}/${p.daysInYear} 天）`;
};

const pc = (value: string | number | undefined): string => percentText(Number(value));

const texts: Record<string, (p: Warning['params'], language: Language) => string> = {
  budget_below_checkpoint: (p, l) =>
    l === 'en'
      ? `Execution ${pc(p.rate)}% is below the end-of-month-${p.month} checkpoint of ${p.threshold}%`
      : `执行率 ${pc(p.rate)}% 低于 ${p.month} 月末检查点 ${p.threshold}%`,
  budget_behind_time: (p, l) =>
    l === 'en'
      ? `Execution ${pc(p.rate)}% is ${pc(p.gap)} points behind time progress ${timeWithDays(p, l)} (more than ${p.threshold})`
      : `执行率 ${pc(p.rate)}% 落后序时进度 ${timeWithDays(p, l)}达 ${pc(p.gap)} 个百分点（超过 ${p.threshold} 个百分点）`,
  forecast_execution_low: (p, l) =>
    l === 'en'
      ? `The full-year execution forecast is ${pc(p.share)}% of the budget (below ${p.threshold}%)`
      : `全年预计执行数仅为全年预算数的 ${pc(p.share)}%（低于 ${p.threshold}%）`,
  likelihood: (p, l) => {
    const label = likelihoods[p.likelihood as keyof typeof likelihoods][l];
    return l === 'en'
      ? `${p.indicator}: meeting the target is “${label}”`
      : `${p.indicator}：完成目标可能性为“${label}”`;
  },
  forecast_off: (p, l) =>
    l === 'en'
      ? `${p.indicator}: forecast ${p.forecast}${p.unit} misses the target ${p.target}${p.unit} by ${pc(p.gap)}%`
      : `${p.indicator}：全年预计 ${p.forecast}${p.unit}，未达到目标值 ${p.target}${p.unit}，偏差 ${pc(p.gap)}%`,
  forecast_far_off: (p, l) =>
    l === 'en'
      ? `${p.indicator}: forecast ${p.forecast}${p.unit} misses the target ${p.target}${p.unit} by ${pc(p.gap)}% (more than ${p.threshold}%)`
      : `${p.indicator}：全年预计 ${p.forecast}${p.unit}，偏离目标值 ${p.target}${p.unit} 达 ${pc(p.gap)}%（超过 ${p.threshold}%）`,
  forecast_date_missed: (p, l) => {
    const later = p.operator === 'LTE' || p.operator === 'LT';
    const earlier = p.operator === 'GTE' || p.operator === 'GT';
    if (l === 'en') {
      const how = later ? 'after' : earlier ? 'before' : 'not on';
      return `${p.indicator}: expected completion ${p.forecast} is ${how} the target date ${p.target}`;
    }
    const how = later ? '晚于' : earlier ? '早于' : '不符合';
    return `${p.indicator}：预计完成日期 ${p.forecast}，${how}目标完成时间 ${p.target}`;
  },
  progress_diverges: (p, l) =>
    l === 'en'
      ? `Indicator progress ${pc(p.progress)}% and budget execution ${pc(p.rate)}% differ by ${pc(p.difference)} points (more than ${p.threshold})`
      : `目标完成进度 ${pc(p.progress)}% 与预算执行进度 ${pc(p.rate)}% 相差 ${pc(p.difference)} 个百分点（超过 ${p.threshold} 个百分点）`,
};

/** The reason for a warning in words. */
export const warningText = (w: Pick<Warning, 'code' | 'params'>, language: Language): string =>
  texts[w.code]?.(w.params, language) ?? w.code;

/**
 * An amount spent against a budget as printed beside its budget warning (a department's or a
 * round's total on the dashboard): the same figures, at the same precision, as the warning's text.
 */
export const executionFigures = (
  budgetFen: number,
  executedFen: number,
  dataDate: string,
  thresholds: MonitoringThresholds,
) => {
  const time = timeProgress(dataDate);
  if (budgetFen <= 0) {
    return {
      executionRatePct: null,
      timeProgressPct: figure(percentAt(time.share), PERCENT_DECIMALS),
      elapsedDays: time.elapsedDays,
      daysInYear: time.daysInYear,
    };
  }
  const shown = budgetFigures(ratio(executedFen, budgetFen), time, undefined, dataDate, thresholds);
  return {
    executionRatePct: figure(shown.rate, shown.decimals),
    timeProgressPct: figure(shown.time, shown.decimals),
    elapsedDays: time.elapsedDays,
    daysInYear: time.daysInYear,
  };
};
