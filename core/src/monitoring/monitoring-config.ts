import * as v from 'valibot';
import type { Localized } from '#core/language.ts';

/**
 * The warning thresholds of docs/domain/monitoring.md ("Warnings"): data, not code. Each
 * tenant keeps one set per fiscal year (the performance section edits it); a monitoring round
 * copies the year's set when it is opened, so every report of a round is judged by the same rules.
 */
const percentPoints = v.pipe(v.number(), v.integer('integer'), v.minValue(0), v.maxValue(100));
const month = v.pipe(v.number(), v.integer('integer'), v.minValue(1), v.maxValue(12));

export const monitoringThresholds = v.pipe(
  v.strictObject({
    /**
     * Red when cumulative execution is below the rate of the last checkpoint passed by the data
     * date: a checkpoint applies from the last day of its month on and carries forward until the
     * next one (川财绩〔2025〕10号: end-April 25 %, end-June 40 %, end-August 60 %, end-October 80 %).
     */
    budgetCheckpoints: v.pipe(
      v.array(v.strictObject({ month, minRatePct: percentPoints })),
      v.maxLength(12, 'max_items'),
      v.check((cs) => new Set(cs.map((c) => c.month)).size === cs.length, 'checkpoint_months_unique'),
    ),
    /** Yellow when execution is behind time progress (elapsed days ÷ days in the year) by more than this many points. */
    budgetYellowGapPts: percentPoints,
    /** Red when it is behind by more than this many points. */
    budgetRedGapPts: percentPoints,
    /** Red when an indicator's year-end forecast misses its target by more than this share (%); yellow when it misses by less. */
    forecastGapPct: percentPoints,
    /** Yellow when indicator progress and budget execution differ by more than this many points. */
    divergencePts: percentPoints,
    /**
     * Yellow when the full-year execution forecast (全年预计执行数) is below this share (%) of the
     * current budget: money that will stay idle is what the bureau recovers. Optional so that
     * thresholds saved before it existed read with the default.
     */
    forecastExecutionMinPct: v.optional(percentPoints, 90),
  }),
  v.forward(
    v.check((t) => t.budgetRedGapPts >= t.budgetYellowGapPts, 'red_gap_below_yellow'),
    ['budgetRedGapPts'],
  ),
);
export type MonitoringThresholds = v.InferOutput<typeof monitoringThresholds>;

export const defaultThresholds: MonitoringThresholds = {
  budgetCheckpoints: [
    { month: 4, minRatePct: 25 },
    { month: 6, minRatePct: 40 },
    { month: 8, minRatePct: 60 },
    { month: 10, minRatePct: 80 },
  ],
  budgetYellowGapPts: 10,
  budgetRedGapPts: 20,
  forecastGapPct: 10,
  divergencePts: 10,
  forecastExecutionMinPct: 90,
};

/** 完成目标可能性 (docs/domain/monitoring.md, "Check-in rules"). */
export const likelihoods = {
  CERTAIN: { 'zh-CN': '确定能', en: 'Certain' },
  POSSIBLE: { 'zh-CN': '有可能', en: 'Possible' },
  IMPOSSIBLE: { 'zh-CN': '完全不可能', en: 'Impossible' },
} as const satisfies Record<string, Localized>;
export type Likelihood = keyof typeof likelihoods;
export const likelihoodCodes = Object.keys(likelihoods) as [Likelihood, ...Likelihood[]];

/** 偏差原因 tick-boxes (docs/domain/monitoring.md, "Check-in rules"); several may apply. */
export const deviationReasons = {
  FUNDING: { 'zh-CN': '经费保障', en: 'Funding' },
  RULES: { 'zh-CN': '制度保障', en: 'Rules' },
  STAFFING: { 'zh-CN': '人员保障', en: 'Staffing' },
  HARDWARE: { 'zh-CN': '硬件条件保障', en: 'Hardware' },
  OTHER: { 'zh-CN': '其他', en: 'Other' },
} as const satisfies Record<string, Localized>;
export type DeviationReason = keyof typeof deviationReasons;
export const deviationReasonCodes = Object.keys(deviationReasons) as [DeviationReason, ...DeviationReason[]];

export const warningColours = {
  GREEN: { 'zh-CN': '绿色', en: 'Green' },
  YELLOW: { 'zh-CN': '黄色', en: 'Yellow' },
  RED: { 'zh-CN': '红色', en: 'Red' },
} as const satisfies Record<string, Localized>;
export type WarningColour = keyof typeof warningColours;
export const warningColourCodes = Object.keys(warningColours) as [WarningColour, ...WarningColour[]];

const rank: Record<WarningColour, number> = { GREEN: 0, YELLOW: 1, RED: 2 };
export const worse = (a: WarningColour, b: WarningColour): WarningColour => (rank[a] >= rank[b] ? a : b);
export const worst = (colours: readonly WarningColour[]): WarningColour => colours.reduce(worse, 'GREEN');
export const colourRank = (c: WarningColour): number => rank[c];
