import { describe, expect, it } from 'vitest';
import { builtUpUnitCost, type CostBuildUp, priceFactor, unitCost } from '#core/cost-analysis/unit-cost.ts';
import { parseDecimal, type Ratio, ratio, roundHalfUp } from '#core/monitoring/exact-ratio.ts';

const r = (text: string): Ratio => parseDecimal(text) as Ratio;
const scope = [
  { code: 'LABOUR', inScope: true },
  { code: 'CLEANING', inScope: true },
  { code: 'ENERGY', inScope: false },
];
const levels = { '2024': '100', '2025': '102', '2026': '104' };

describe('a sample’s unit cost (元/㎡·月)', () => {
  it('in-scope elements only, at 2026 prices, per ㎡ and per month: 720,000 元 × 1.04 ÷ 12,000 ㎡ ÷ 12 = 5.20', () => {
    const result = unitCost(
      {
        year: 2024,
        months: 12,
        quantity: '12000',
        elements: { LABOUR: 60_000_000, CLEANING: 12_000_000, ENERGY: 30_000_000 },
      },
      scope,
      levels,
      2026,
    );
    expect(result).toEqual({ ok: true, value: r('5.2') });
  });

  it('a three-year contract is divided by 36 months, not 12', () => {
    const result = unitCost(
      { year: 2026, months: 36, quantity: '10000', elements: { LABOUR: 216_000_000 } },
      scope,
      levels,
      2026,
    );
    expect(result).toEqual({ ok: true, value: r('6') });
  });

  it('refuses loudly what it cannot normalise: no quantity, no months, an element it does not know, a year without a price level', () => {
    const base = { year: 2026, months: 12, quantity: '100', elements: { LABOUR: 100 } };
    expect(unitCost({ ...base, quantity: '0' }, scope, levels, 2026)).toEqual({
      ok: false,
      problem: { code: 'quantity_not_positive' },
    });
    expect(unitCost({ ...base, months: 0 }, scope, levels, 2026)).toMatchObject({
      problem: { code: 'months_not_positive' },
    });
    expect(unitCost({ ...base, elements: { FUEL: 1 } }, scope, levels, 2026)).toMatchObject({
      problem: { code: 'element_unknown', element: 'FUEL' },
    });
    expect(unitCost({ ...base, year: 2023 }, scope, levels, 2026)).toMatchObject({
      problem: { code: 'price_level_missing', year: 2023 },
    });
  });

  it('the price factor is the base year’s level over the sample year’s', () => {
    expect(priceFactor(levels, 2025, 2026)).toEqual(ratio(104, 102));
    expect(priceFactor({}, 2026, 2026)).toEqual(ratio(1));
    expect(priceFactor(levels, 2020, 2026)).toBeUndefined();
  });
});

describe('a unit cost built up from posts, consumables and loads', () => {
  const buildUp: CostBuildUp = {
    posts: [
      { count: '10', monthlyPay: '4000' },
      { count: '2', monthlyPay: '6000' },
    ],
    socialRatePct: '30',
    consumables: '3000',
    maintenance: '5000',
    otherDirect: '2000',
    managementRatePct: '10',
    profitRatePct: '5',
    vatPct: '6',
    area: '20000',
  };

  it('(52,000 × 1.3 + 10,000) × 1.1 × 1.05 × 1.06 ÷ 20,000 = 4.750284, shown 4.75', () => {
    const cost = builtUpUnitCost(buildUp);
    expect(cost).toEqual(r('4.750284'));
    expect(roundHalfUp(cost, 2)).toEqual(r('4.75'));
  });

  it('refuses a figure that is not a number and an area of nothing', () => {
    expect(() => builtUpUnitCost({ ...buildUp, vatPct: '6%' })).toThrow(/vatPct/);
    expect(() => builtUpUnitCost({ ...buildUp, area: '0' })).toThrow(/area/);
  });
});
