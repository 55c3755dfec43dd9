import { add, div, mul, parseDecimal, type Ratio, ratio } from '#core/monitoring/exact-ratio.ts';

/**
 * One sample's cost per unit of output per month (docs/domain/full-cost-analysis.md#normalisation):
 * the cost elements inside the cost object's scope, brought to the base year's price level, divided
 * by the quantity (㎡ of floor area, for property service) and by the months the cost covers. Costs
 * are whole fen, quantities and indices decimal text, so the result is an exact fraction of 元.
 */
export interface CostElementScope {
  code: string;
  /** Outside the scope (energy of common areas, major repairs…) the element is left out of the unit cost. */
  inScope: boolean;
}

export interface SampleCost {
  year: number;
  /** How many months the amounts cover: 12 for a year's contract, 36 for three years. */
  months: number;
  /** Output quantity as written: "12500" ㎡. */
  quantity: string;
  /** Each cost element's amount in fen over those months. */
  elements: Readonly<Record<string, number>>;
}

/** Price levels by year (e.g. a CPI or wage index with any base): "100", "102.1", "104.3". */
export type PriceLevels = Readonly<Record<string, string>>;

export type UnitCostProblem =
  | { code: 'quantity_not_positive' }
  | { code: 'months_not_positive' }
  | { code: 'element_unknown'; element: string }
  | { code: 'price_level_missing'; year: number };

const fenToYuan = (fen: number): Ratio => ratio(BigInt(fen), 100n);

/** The factor bringing `year`'s prices to `baseYear`'s: level(base) ÷ level(year); 1 when they are the same year. */
export const priceFactor = (levels: PriceLevels, year: number, baseYear: number): Ratio | undefined => {
  if (year === baseYear) return ratio(1);
  const base = parseDecimal(levels[String(baseYear)] ?? '');
  const own = parseDecimal(levels[String(year)] ?? '');
  if (!base || !own || base.n <= 0n || own.n <= 0n) return undefined;
  return div(base, own);
};

export const unitCost = (
  sample: SampleCost,
  scope: readonly CostElementScope[],
  levels: PriceLevels,
  baseYear: number,
): { ok: true; value: Ratio } | { ok: false; problem: UnitCostProblem } => {
  const quantity = parseDecimal(sample.quantity);
  if (!quantity || quantity.n <= 0n) return { ok: false, problem: { code: 'quantity_not_positive' } };
  if (!Number.isInteger(sample.months) || sample.months <= 0) {
    return { ok: false, problem: { code: 'months_not_positive' } };
  }
  const inScope = new Map(scope.map((e) => [e.code, e.inScope]));
  let total = ratio(0);
  for (const [code, fen] of Object.entries(sample.elements)) {
    const counted = inScope.get(code);
    if (counted === undefined) return { ok: false, problem: { code: 'element_unknown', element: code } };
    if (counted) total = add(total, fenToYuan(fen));
  }
  const factor = priceFactor(levels, sample.year, baseYear);
  if (!factor) return { ok: false, problem: { code: 'price_level_missing', year: sample.year } };
  return { ok: true, value: div(mul(total, factor), mul(quantity, ratio(sample.months))) };
};

/**
 * A unit cost built up from its parts, every amount per month (the method's formula, corrected: a
 * month's amounts divided by the area; annual amounts would have to be divided by 12 as a whole):
 *
 *   (Σ posts × monthly pay × (1 + social rate) + consumables + maintenance + other direct)
 *     × (1 + management rate) × (1 + profit rate) × (1 + VAT) ÷ area
 *
 * Rates are percentages as written ("35" for 35 %), amounts 元 as written.
 */
export interface CostBuildUp {
  posts: readonly { count: string; monthlyPay: string }[];
  socialRatePct: string;
  consumables: string;
  maintenance: string;
  otherDirect: string;
  managementRatePct: string;
  profitRatePct: string;
  vatPct: string;
  area: string;
}

const decimal = (text: string, field: string): Ratio => {
  const value = parseDecimal(text);
  if (!value) throw new RangeError(`${field} is not a number: ${text}`);
  return value;
};
const onePlus = (pct: string, field: string) => add(ratio(1), div(decimal(pct, field), ratio(100)));

export const builtUpUnitCost = (b: CostBuildUp): Ratio => {
  const social = onePlus(b.socialRatePct, 'socialRatePct');
  const labour = b.posts.reduce(
    (sum, p, i) =>
      add(sum, mul(mul(decimal(p.count, `posts/${i}/count`), decimal(p.monthlyPay, `posts/${i}/monthlyPay`)), social)),
    ratio(0),
  );
  const direct = [b.consumables, b.maintenance, b.otherDirect].reduce(
    (sum, amount, i) => add(sum, decimal(amount, ['consumables', 'maintenance', 'otherDirect'][i] as string)),
    labour,
  );
  const loaded = mul(
    mul(mul(direct, onePlus(b.managementRatePct, 'managementRatePct')), onePlus(b.profitRatePct, 'profitRatePct')),
    onePlus(b.vatPct, 'vatPct'),
  );
  const area = decimal(b.area, 'area');
  if (area.n <= 0n) throw new RangeError('area must be positive');
  return div(loaded, area);
};
