import * as v from 'valibot';
import type { Localized } from '#core/language.ts';

/**
 * How a self-evaluation is scored (docs/domain/self-evaluation.md, "Scoring settings"): data, not code.
 * 财预〔2020〕10号 fixes the principles; provinces print different formulas, bands and rounding, so each
 * tenant keeps one set per fiscal year (the performance section edits it) and a self-evaluation round
 * copies the year's set when it opens, so every table of a round is scored by the same rules. The
 * level-1 points (including budget execution's 10/20/0) are the year's target weights, kept with the
 * submission settings: one source for the target form and the self-evaluation.
 */
const pct = v.pipe(v.number(), v.integer('integer'), v.minValue(0), v.maxValue(100));

/** Where satisfaction's points go when a project has no satisfaction indicator (most local templates: benefit). */
export const satisfactionFallbacks = {
  BENEFIT: { 'zh-CN': '并入效益指标', en: 'Added to benefit' },
  OUTPUT: { 'zh-CN': '并入产出指标', en: 'Added to output' },
  SPREAD: { 'zh-CN': '按比例分摊到产出和效益', en: 'Spread over output and benefit in proportion' },
} as const satisfies Record<string, Localized>;
export type SatisfactionFallback = keyof typeof satisfactionFallbacks;

/** The ≤ (reverse) formula for an actual above its target T: the vendor's linear-to-zero at 2T, or w × T/A (湖北, 北京, 江西). */
export const lteFormulas = {
  LINEAR_TO_ZERO: { 'zh-CN': '超出目标按比例扣分，达到目标值两倍得 0 分', en: 'Linear, zero at twice the target' },
  PROPORTIONAL: { 'zh-CN': '得分 = 分值 × 目标值 ÷ 实际值', en: 'Score = weight × target ÷ actual' },
} as const satisfies Record<string, Localized>;
export type LteFormula = keyof typeof lteFormulas;

/** The = formula for a positive target: as ≥ (vendor), or w × max(0, 1 − |A − T| ÷ T). */
export const eqFormulas = {
  AS_GTE: { 'zh-CN': '按正向指标计分', en: 'Scored as ≥' },
  DEVIATION: { 'zh-CN': '按偏离程度扣分', en: 'Reduced by the deviation either way' },
} as const satisfies Record<string, Localized>;
export type EqFormula = keyof typeof eqFormulas;

/** A date row done late: w × max(0, 1 − days late ÷ days allowed), or a tier the preparer picks with a reason. */
export const lateDateRules = {
  LINEAR_DAYS: { 'zh-CN': '按逾期天数比例扣分', en: 'Reduced by days late ÷ days allowed' },
  TIER: { 'zh-CN': '按定性档次评分', en: 'Scored by a qualitative tier' },
} as const satisfies Record<string, Localized>;
export type LateDateRule = keyof typeof lateDateRules;

/** How a score is rounded: each row, then the total is the sum of rounded rows. */
export const roundingModes = {
  HALF_UP: { 'zh-CN': '四舍五入', en: 'Half up' },
  FLOOR: { 'zh-CN': '舍去', en: 'Down' },
} as const satisfies Record<string, Localized>;
export type RoundingMode = keyof typeof roundingModes;

export const scoringSettingsFields = {
  /** Qualitative tiers (rule 5): 达成 from this share of the points … */
  achievedMinPct: pct,
  /** … 部分达成 from this share (60 nationally, 50 in 湖北 and 江西); below it 未达成. */
  partialMinPct: pct,
  /** Grades (财预〔2020〕10号 art. 25): 优 from, 良 from, 中 from; below 差. */
  excellentMin: pct,
  goodMin: pct,
  fairMin: pct,
  rounding: v.strictObject({
    /** 2 for hundredths (the default), 0 for whole points. */
    decimals: v.picklist([0, 1, 2]),
    mode: v.picklist(Object.keys(roundingModes) as [RoundingMode, ...RoundingMode[]]),
    /** Round the execution rate to whole percent before it is multiplied (some tables do). */
    rateFirst: v.boolean(),
  }),
  lteFormula: v.picklist(Object.keys(lteFormulas) as [LteFormula, ...LteFormula[]]),
  eqFormula: v.picklist(Object.keys(eqFormulas) as [EqFormula, ...EqFormula[]]),
  lateDateRule: v.picklist(Object.keys(lateDateRules) as [LateDateRule, ...LateDateRule[]]),
  satisfactionFallback: v.picklist(
    Object.keys(satisfactionFallbacks) as [SatisfactionFallback, ...SatisfactionFallback[]],
  ),
  /** Rule 6: an actual at or above this share of its target needs an explanation (广西: 130). */
  overAchievementPct: v.pipe(v.number(), v.integer('integer'), v.minValue(100), v.maxValue(1000)),
  /** Budget execution scores nothing below this rate (%); 0 means no floor. */
  executionFloorPct: pct,
  /** A claimed score differing from the formula's by more than this many points is flagged (hundredths). */
  claimToleranceHundredths: v.pipe(v.number(), v.integer('integer'), v.minValue(0), v.maxValue(100)),
  /**
   * The spot-check's amount bands (抽查复核, stratified by department, series and amount): upper bounds in
   * 万元, each band below its bound, the last one open. [] puts every project in one band.
   */
  spotCheckBandLimitsWan: v.pipe(
    v.array(v.pipe(v.number(), v.integer('integer'), v.minValue(1), v.maxValue(1_000_000))),
    v.maxLength(6, 'max_items'),
    v.check((limits) => limits.every((l, i) => i === 0 || l > limits[i - 1]!), 'bands_increasing'),
  ),
};

export const scoringSettings = v.pipe(
  v.strictObject(scoringSettingsFields),
  v.forward(
    v.check((s) => s.achievedMinPct >= s.partialMinPct, 'bands_order'),
    ['partialMinPct'],
  ),
  v.forward(
    v.check((s) => s.excellentMin >= s.goodMin && s.goodMin >= s.fairMin, 'grades_order'),
    ['goodMin'],
  ),
);
export type ScoringSettings = v.InferOutput<typeof scoringSettings>;

/** 财预〔2020〕10号 and the common vendor implementation. */
export const defaultScoringSettings: ScoringSettings = {
  achievedMinPct: 80,
  partialMinPct: 60,
  excellentMin: 90,
  goodMin: 80,
  fairMin: 60,
  rounding: { decimals: 2, mode: 'HALF_UP', rateFirst: false },
  lteFormula: 'LINEAR_TO_ZERO',
  eqFormula: 'AS_GTE',
  lateDateRule: 'LINEAR_DAYS',
  satisfactionFallback: 'BENEFIT',
  overAchievementPct: 130,
  executionFloorPct: 0,
  claimToleranceHundredths: 5,
  spotCheckBandLimitsWan: [100, 500],
};

/**
 * The settings as stored, completed by today's defaults: a year saved before a setting existed is
 * scored as it was, and the new setting takes its default.
 */
export const completeScoringSettings = (stored: Partial<ScoringSettings>): ScoringSettings => ({
  ...defaultScoringSettings,
  ...stored,
});

/** The spot-check's band bounds in fen, as the sample draws them. */
export const spotCheckBandLimitsFen = (settings: Partial<ScoringSettings>): number[] =>
  (settings.spotCheckBandLimitsWan ?? defaultScoringSettings.spotCheckBandLimitsWan).map((wan) => wan * 1_000_000);
