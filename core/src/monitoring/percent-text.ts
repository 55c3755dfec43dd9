import { percent, type Ratio, ratio, roundHalfUp, toNumber } from '#core/monitoring/exact-ratio.ts';

/**
 * The one rounding rule for every percentage the monitoring prints (docs/domain/monitoring.md,
 * "Rounding"): a figure is worked out once as an exact fraction, rounded half up to one decimal,
 * and printed with at least one decimal ("40.0%", "49.6%"). The screens, the warning texts, the
 * API and the XLSX all print through `percentText`, so the same figure reads the same everywhere.
 * Where one decimal would put a figure on or across the threshold it is judged against, the
 * warnings engine asks for more decimals (`percentAt`), never for another rounding direction.
 */
export const PERCENT_DECIMALS = 1;
/** More decimals than this are never needed for money in fen against whole-number thresholds. */
export const MAX_PERCENT_DECIMALS = 8;

/** A fraction as a percentage rounded half up to `decimals` decimals, as an exact fraction. */
export const percentAt = (r: Ratio, decimals = PERCENT_DECIMALS): Ratio => roundHalfUp(percent(r), decimals);

/** The same, as a number for the API (e.g. 49.6). */
export const percentFigure = (r: Ratio, decimals = PERCENT_DECIMALS): number =>
  toNumber(percentAt(r, decimals), decimals);

/** A percentage figure as printed, without the sign: at least one decimal, more only when the figure has them. */
export const percentText = (value: number): string => {
  if (String(value).includes('e')) return value.toFixed(MAX_PERCENT_DECIMALS);
  const decimals = Math.min(MAX_PERCENT_DECIMALS, (String(value).split('.')[1] ?? '').length);
  return value.toFixed(Math.max(PERCENT_DECIMALS, decimals));
};

/** An execution rate worked out exactly and printed by the one rule ("45.3%"); null without a budget. */
export const executionRateText = (executedFen: number, budgetFen: number): string | null =>
  budgetFen > 0 ? `${percentText(percentFigure(ratio(executedFen, budgetFen)))}%` : null;
