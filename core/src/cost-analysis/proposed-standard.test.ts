import { describe, expect, it } from 'vitest';
import {
  changeFromPrevious,
  defaultStandardSettings,
  proposeStandard,
  qualityOf,
  type StandardSample,
  type StandardSettings,
  suggestedAmountFen,
} from '#core/cost-analysis/proposed-standard.ts';
import { parseDecimal, type Ratio, ratio } from '#core/monitoring/exact-ratio.ts';

const r = (text: string): Ratio => parseDecimal(text) as Ratio;
const scope = [{ code: 'SERVICE', inScope: true }];
// The documented defaults: median of samples with satisfaction ≥ 85 %, k = 1.5, tolerance 10 %.
const settings: StandardSettings = defaultStandardSettings(2026);

/** A 1,000 ㎡ one-month sample costing `cost` 元/㎡·月. */
const sample = (id: string, cost: string, type: string, satisfactionPct: string | null): StandardSample => ({
  id,
  year: 2026,
  months: 1,
  quantity: '1000',
  elements: { SERVICE: Math.round(Number(cost) * 100 * 1000) },
  tiers: { BUILDING_TYPE: type },
  satisfactionPct,
  acceptanceScore: null,
});

const samples = [
  sample('a', '4.8', 'OFFICE', '90'),
  sample('b', '5.2', 'OFFICE', '80'),
  sample('c', '5.5', 'OFFICE', '92'),
  sample('d', '5.6', 'OFFICE', '88'),
  sample('e', '5.7', 'OFFICE', null),
  sample('f', '5.9', 'SCHOOL', '85'),
  sample('g', '6.1', 'SCHOOL', '95'),
  sample('h', '9.5', 'SCHOOL', '99'),
];

describe('the proposed standard (hand-computed)', () => {
  it('sets aside the outlier 9.50, the 80 % and the unrated sample, and takes the median of the five left: 5.60, ceiling 6.16', () => {
    const result = proposeStandard(samples, scope, settings);
    if (!result.ok) throw new Error('expected a proposal');
    const { findings, base, ceiling, kept } = result.proposal;
    expect(findings.map((f) => [f.id, f.outlier, f.quality, f.kept])).toEqual([
      ['a', false, 'MEETS', true],
      ['b', false, 'BELOW_SATISFACTION', false],
      ['c', false, 'MEETS', true],
      ['d', false, 'MEETS', true],
      ['e', false, 'NO_RESULT', false],
      ['f', false, 'MEETS', true],
      ['g', false, 'MEETS', true],
      ['h', true, 'MEETS', false],
    ]);
    expect(kept?.count).toBe(5);
    expect(base).toEqual(r('5.6'));
    expect(ceiling).toEqual(r('6.16'));
  });

  it('observes each building type’s coefficient over the kept median: office 5.5 ÷ 5.6 = 0.98, school 6.0 ÷ 5.6 = 1.07', () => {
    const result = proposeStandard(samples, scope, settings);
    if (!result.ok) throw new Error('expected a proposal');
    expect(result.proposal.observedCoefficients).toEqual({ BUILDING_TYPE: { OFFICE: r('0.98'), SCHOOL: r('1.07') } });
  });

  it('takes the mean when the year says so: 27.9 ÷ 5 = 5.58', () => {
    const result = proposeStandard(samples, scope, { ...settings, basis: 'MEAN' });
    expect(result.ok && result.proposal.base).toEqual(r('5.58'));
  });

  it('without a quality bar keeps every sample inside the fences: median of seven is 5.60', () => {
    const result = proposeStandard(samples, scope, {
      ...settings,
      qualityBar: { satisfactionMinPct: null, acceptanceMinScore: null },
    });
    expect(result.ok && result.proposal.kept?.count).toBe(7);
    expect(result.ok && result.proposal.base).toEqual(r('5.6'));
  });

  it('proposes nothing when no sample meets the bar, and says which sample could not be normalised', () => {
    const none = proposeStandard(samples, scope, {
      ...settings,
      qualityBar: { satisfactionMinPct: '100', acceptanceMinScore: null },
    });
    expect(none.ok && [none.proposal.base, none.proposal.kept]).toEqual([null, null]);
    const bad = proposeStandard([...samples, { ...sample('x', '5', 'OFFICE', '90'), quantity: '0' }], scope, settings);
    expect(bad).toEqual({ ok: false, problems: [{ sampleId: 'x', problem: { code: 'quantity_not_positive' } }] });
    expect(proposeStandard([], scope, settings)).toEqual({ ok: false, problems: [], empty: true });
  });
});

describe('quality, change and the suggested budget', () => {
  it('a sample meets the bar only with every result asked for present and at or above it', () => {
    const bar = { satisfactionMinPct: '85', acceptanceMinScore: '90' };
    expect(qualityOf({ satisfactionPct: '85', acceptanceScore: '90' }, bar)).toBe('MEETS');
    expect(qualityOf({ satisfactionPct: '85', acceptanceScore: '89.5' }, bar)).toBe('BELOW_ACCEPTANCE');
    expect(qualityOf({ satisfactionPct: '84.9', acceptanceScore: '95' }, bar)).toBe('BELOW_SATISFACTION');
    expect(qualityOf({ satisfactionPct: null, acceptanceScore: '95' }, bar)).toBe('NO_RESULT');
    expect(
      qualityOf(
        { satisfactionPct: null, acceptanceScore: null },
        { satisfactionMinPct: null, acceptanceMinScore: null },
      ),
    ).toBe('MEETS');
    expect(qualityOf({ satisfactionPct: null, acceptanceScore: null }, bar)).toBe('NO_RESULT');
  });

  it('the district’s new quotas: 5.66 is 10.3 % below 6.31, and 7.67 is 4.0 % below 7.99', () => {
    expect(changeFromPrevious(r('5.66'), r('6.31'))).toEqual(r('-10.3'));
    expect(changeFromPrevious(r('7.67'), r('7.99'))).toEqual(r('-4'));
  });

  it('amount = standard × quantity × months × coefficients: 5.66 × 12,000 ㎡ × 12 × 1.10 = 896,544.00 元', () => {
    expect(suggestedAmountFen(r('5.66'), ratio(12_000), 12, [r('1.1')])).toBe(89_654_400);
    expect(suggestedAmountFen(r('5.66'), r('0.5'), 1, [])).toBe(283);
  });
});
