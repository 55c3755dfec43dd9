import {
  type CostDistribution,
  describeCosts,
  isOutlier,
  quantile,
  sortRatios,
} from '#core/cost-analysis/cost-statistics.ts';
import {
  type CostElementScope,
  type PriceLevels,
  type SampleCost,
  type UnitCostProblem,
  unitCost,
} from '#core/cost-analysis/unit-cost.ts';
import {
  add,
  compare,
  div,
  mul,
  parseDecimal,
  percent,
  type Ratio,
  ratio,
  roundHalfUp,
  sub,
} from '#core/monitoring/exact-ratio.ts';

/**
 * From samples to a proposed standard (docs/domain/full-cost-analysis.md#the-proposed-standard):
 * normalise every sample, set aside the outliers of the whole distribution (beyond k × IQR), keep the
 * samples whose performance meets the quality bar (so the standard is not "cheap and bad"), and take
 * the chosen statistic of what is left as the base standard. The ceiling is base × (1 + tolerance).
 * Per tier level, the observed coefficient is that level's median over the kept samples' median:
 * a starting point the section may replace by judgement.
 */
export const standardBases = ['MEDIAN', 'MEAN', 'P25', 'P75'] as const;
export type StandardBasis = (typeof standardBases)[number];

export interface QualityBar {
  /** Keep samples whose satisfaction is at least this (percent as written), when set. */
  satisfactionMinPct: string | null;
  /** Keep samples whose acceptance score is at least this, when set. */
  acceptanceMinScore: string | null;
}

export interface StandardSettings {
  baseYear: number;
  priceLevels: PriceLevels;
  /** k of the fences (1.5). */
  fenceFactor: string;
  basis: StandardBasis;
  qualityBar: QualityBar;
  /** The ceiling's margin above the base, percent as written ("10"). */
  tolerancePct: string;
}

/**
 * The defaults a new analysis starts from (configuration per tenant and year, docs/domain/full-cost-analysis.md): median of
 * the samples with satisfaction of at least 85 %, outliers beyond 1.5 × IQR, a ceiling 10 % above the base.
 */
export const defaultStandardSettings = (baseYear: number): StandardSettings => ({
  baseYear,
  priceLevels: {},
  fenceFactor: '1.5',
  basis: 'MEDIAN',
  qualityBar: { satisfactionMinPct: '85', acceptanceMinScore: null },
  tolerancePct: '10',
});

export interface StandardSample extends SampleCost {
  id: string;
  /** Tier dimension code → level code (BUILDING_TYPE → OFFICE). */
  tiers: Readonly<Record<string, string>>;
  satisfactionPct: string | null;
  acceptanceScore: string | null;
}

export type QualityVerdict = 'MEETS' | 'NO_RESULT' | 'BELOW_SATISFACTION' | 'BELOW_ACCEPTANCE';

export interface SampleFinding {
  id: string;
  unitCost: Ratio;
  outlier: boolean;
  quality: QualityVerdict;
  kept: boolean;
}

export interface StandardProposal {
  findings: SampleFinding[];
  /** All normalised samples. */
  all: CostDistribution;
  /** The samples kept (inside the fences and meeting the bar); null when none are. */
  kept: CostDistribution | null;
  /** Rounded to the fen per unit (two decimals of 元), as published; null when no sample is kept. */
  base: Ratio | null;
  ceiling: Ratio | null;
  /** Dimension → level → observed coefficient (two decimals); a level with no kept sample is absent. */
  observedCoefficients: Record<string, Record<string, Ratio>>;
}

export type ProposalResult =
  | { ok: true; proposal: StandardProposal }
  | { ok: false; problems: { sampleId: string; problem: UnitCostProblem }[] }
  | { ok: false; problems: []; empty: true };

/** The one rounding rule of unit costs and standards: half up to 0.01 元 (a fen per unit per month). */
export const roundUnitCost = (r: Ratio): Ratio => roundHalfUp(r, 2);
/** Coefficients are published with two decimals (1.15). */
export const roundCoefficient = (r: Ratio): Ratio => roundHalfUp(r, 2);

/** A sample meets the bar with every result the bar asks for at or above it; a result asked for and missing is NO_RESULT. */
export const qualityOf = (
  sample: Pick<StandardSample, 'satisfactionPct' | 'acceptanceScore'>,
  bar: QualityBar,
): QualityVerdict => {
  const checks = [
    [bar.satisfactionMinPct, sample.satisfactionPct, 'BELOW_SATISFACTION'],
    [bar.acceptanceMinScore, sample.acceptanceScore, 'BELOW_ACCEPTANCE'],
  ] as const;
  for (const [min, value] of checks) if (min !== null && value === null) return 'NO_RESULT';
  for (const [min, value, below] of checks) {
    if (min === null || value === null) continue;
    const [v, b] = [parseDecimal(value), parseDecimal(min)];
    if (!b) throw new RangeError(`quality bar is not a number: ${min}`);
    if (!v || compare(v, b) < 0) return below;
  }
  return 'MEETS';
};

const statistic = (d: CostDistribution, basis: StandardBasis): Ratio =>
  basis === 'MEAN' ? d.mean : basis === 'P25' ? d.p25 : basis === 'P75' ? d.p75 : d.median;

const median = (values: readonly Ratio[]) => quantile(sortRatios(values), ratio(1, 2));

export const proposeStandard = (
  samples: readonly StandardSample[],
  scope: readonly CostElementScope[],
  settings: StandardSettings,
): ProposalResult => {
  if (samples.length === 0) return { ok: false, problems: [], empty: true };
  const problems: { sampleId: string; problem: UnitCostProblem }[] = [];
  const costs: Ratio[] = [];
  for (const sample of samples) {
    const result = unitCost(sample, scope, settings.priceLevels, settings.baseYear);
    if (result.ok) costs.push(result.value);
    else problems.push({ sampleId: sample.id, problem: result.problem });
  }
  if (problems.length) return { ok: false, problems };

  const fence = parseDecimal(settings.fenceFactor);
  const tolerance = parseDecimal(settings.tolerancePct);
  if (!fence || !tolerance) throw new RangeError('fence factor and tolerance must be numbers');
  const all = describeCosts(costs, fence);
  const findings = samples.map((sample, i): SampleFinding => {
    const cost = costs[i] as Ratio;
    const outlier = isOutlier(cost, all);
    const quality = qualityOf(sample, settings.qualityBar);
    return { id: sample.id, unitCost: cost, outlier, quality, kept: !outlier && quality === 'MEETS' };
  });
  const keptCosts = findings.filter((f) => f.kept).map((f) => f.unitCost);
  if (keptCosts.length === 0) {
    return { ok: true, proposal: { findings, all, kept: null, base: null, ceiling: null, observedCoefficients: {} } };
  }
  const kept = describeCosts(keptCosts, fence);
  const base = roundUnitCost(statistic(kept, settings.basis));
  const ceiling = roundUnitCost(mul(base, add(ratio(1), div(tolerance, ratio(100)))));

  const observedCoefficients: Record<string, Record<string, Ratio>> = {};
  const dimensions = new Set(samples.flatMap((s) => Object.keys(s.tiers)));
  for (const dimension of [...dimensions].sort()) {
    const byLevel = new Map<string, Ratio[]>();
    samples.forEach((s, i) => {
      const level = s.tiers[dimension];
      if (level === undefined || !findings[i]?.kept) return;
      byLevel.set(level, [...(byLevel.get(level) ?? []), costs[i] as Ratio]);
    });
    observedCoefficients[dimension] = Object.fromEntries(
      [...byLevel]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([level, values]) => [level, roundCoefficient(div(median(values), kept.median))]),
    );
  }
  return { ok: true, proposal: { findings, all, kept, base, ceiling, observedCoefficients } };
};

/** How far a new standard is from the one it replaces, in percent with one decimal (−10.3). */
export const changeFromPrevious = (next: Ratio, previous: Ratio): Ratio =>
  roundHalfUp(percent(div(sub(next, previous), previous)), 1);

/**
 * The budget a standard suggests (amount = standard × quantity × coefficients), in whole fen rounded
 * half up: 5.66 元/㎡·月 × 12,000 ㎡ × 12 months × 1.10 = 896,544.00 元.
 */
export const suggestedAmountFen = (
  standard: Ratio,
  quantity: Ratio,
  months: number,
  coefficients: readonly Ratio[],
): number => {
  const amount = coefficients.reduce(mul, mul(mul(standard, quantity), ratio(months)));
  return Number(roundHalfUp(mul(amount, ratio(100)), 0).n);
};
