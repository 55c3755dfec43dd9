import { describe, expect, it } from 'vitest';
import {
  type AssessmentScheme,
  autoInputs,
  defaultAssessmentScheme,
} from '#core/department-assessment/assessment-scheme.ts';
import {
  adjustmentTotal,
  type DepartmentInputs,
  type MeasuredInput,
  ruleShare,
  scoreDepartment,
} from '#core/department-assessment/assessment-scoring.ts';
import { add, parseDecimal, type Ratio, ratio } from '#core/monitoring/exact-ratio.ts';

const r = (text: string): Ratio => parseDecimal(text) as Ratio;
const rate = (counted: number | string, of: number): MeasuredInput => ({
  counted: r(String(counted)),
  of: ratio(of),
  unit: 'PERCENT',
});
const scheme = defaultAssessmentScheme(2026);

/** A government department's year, each input chosen so its points can be worked out by hand. */
const inputs: DepartmentInputs = {
  series: 'GOVERNMENT',
  measured: {
    TRAINING_ATTENDANCE: rate(3, 4), // 75 % → 0.75 × 4 = 3
    EX_ANTE_COVERAGE: rate(1, 2), // 50 % → 0.5 × 8 = 4
    TARGETS_ON_TIME: rate(9, 10), // 90 %, full at 100, none at 60 → 0.75 × 4 = 3
    TARGET_REVIEW_GRADES: rate(8, 10), // 80 % → band ≥ 75 → 80 % of 6 = 4.8
    TARGET_RETURN_RATE: rate(1, 10), // 10 %, full at 0, none at 50 → 0.8 × 4 = 3.2
    LIBRARY_USE: rate(60, 100), // 60 %, full at 80 → 0.75 × 4 = 3
    MONITORING_ON_TIME: rate(10, 10), // 10
    SELF_EVALUATION_ON_TIME: rate(0, 0), // nothing was due → full 4
    SELF_EVALUATION_COVERAGE: rate(10, 10), // 6
    SPOT_CHECK_GAP: { counted: ratio(15), of: ratio(3), unit: 'POINTS' }, // 5 points, full at 0, none at 20 → 0.75 × 6 = 4.5
    KEY_EVALUATION_COOPERATION: rate(5, 5), // 8
    RECTIFICATION_ON_TIME: rate(1, 2), // 50 %, below 60 → 0
    DISCLOSURE_ON_TIME: rate(2, 2), // 100 % → 10
    BUDGET_EXECUTION_PACE: rate('88.5', 100), // (88.5 − 60) ÷ 35 × 10 = 8 1/7
  },
  manual: { SYSTEM: '5.5' },
  bonuses: { INNOVATION: 3, COMMENDATION: 1, MODEL_CASE: 4 }, // min(3, 2) + 1 + min(2, 1) = 4
  deductions: { DATA_ERROR: 1 }, // 0.5
};

describe('the default scheme', () => {
  it('adds up to 100 points and reads every auto input once', () => {
    const leaves = scheme.groups.flatMap((g) => g.leaves);
    expect(leaves.reduce((sum, l) => add(sum, r(l.points)), ratio(0))).toEqual(ratio(100));
    expect(
      leaves
        .map((l) => l.input)
        .filter((i) => i !== null)
        .sort(),
    ).toEqual([...autoInputs].sort());
    expect(new Set(leaves.map((l) => l.id)).size).toBe(leaves.length);
  });
});

describe('a department’s scorecard (hand-computed)', () => {
  it('scores every leaf by its rule: base 77 1/7, bonus 4, deduction 0.5, final 80.64', () => {
    const card = scoreDepartment(scheme, inputs);
    const byLeaf = Object.fromEntries(card.leaves.map((l) => [l.leafId, l.score]));
    expect(byLeaf).toEqual({
      SYSTEM: r('5.5'),
      TRAINING: ratio(3),
      EX_ANTE_COVERAGE: ratio(4),
      TARGETS_ON_TIME: ratio(3),
      TARGET_GRADES: r('4.8'),
      TARGET_RETURNS: r('3.2'),
      LIBRARY_USE: ratio(3),
      MONITORING_ON_TIME: ratio(10),
      SELF_EVALUATION_ON_TIME: ratio(4),
      SELF_EVALUATION_COVERAGE: ratio(6),
      SPOT_CHECK_GAP: r('4.5'),
      KEY_EVALUATION_COOPERATION: ratio(8),
      RECTIFICATION_ON_TIME: ratio(0),
      DISCLOSURE_ON_TIME: ratio(10),
      BUDGET_EXECUTION_PACE: ratio(57, 7),
    });
    expect(card.leaves.find((l) => l.leafId === 'SELF_EVALUATION_ON_TIME')?.status).toBe('NOT_APPLICABLE');
    expect(card.leaves.find((l) => l.leafId === 'SPOT_CHECK_GAP')?.value).toEqual(ratio(5));
    expect(card.fullMarks).toEqual(ratio(100));
    expect(card.base).toEqual(ratio(540, 7));
    expect(card.scaled).toEqual(ratio(540, 7));
    expect(card.bonus).toEqual(ratio(4));
    expect(card.deduction).toEqual(r('0.5'));
    expect(card.final).toEqual(r('80.64'));
    expect(card.missing).toEqual([]);
  });

  it('a street office has no ex-ante leaf: full marks 92, the rest scaled to 100 — 512/7 × 100/92 + 3.5 = 83.00', () => {
    const card = scoreDepartment(scheme, { ...inputs, series: 'STREET_PARK' });
    expect(card.leaves.find((l) => l.leafId === 'EX_ANTE_COVERAGE')?.status).toBe('EXCLUDED');
    expect(card.fullMarks).toEqual(ratio(92));
    expect(card.scaled).toEqual(ratio(51200, 644));
    expect(card.final).toEqual(r('83'));
  });

  it('a series may weigh a leaf differently: monitoring at 14 makes full marks 104', () => {
    const weighted: AssessmentScheme = {
      ...scheme,
      seriesOverrides: { ...scheme.seriesOverrides, GOVERNMENT: { points: { MONITORING_ON_TIME: '14' } } },
    };
    const card = scoreDepartment(weighted, inputs);
    expect(card.fullMarks).toEqual(ratio(104));
    expect(card.leaves.find((l) => l.leafId === 'MONITORING_ON_TIME')?.score).toEqual(ratio(14));
    // (540/7 + 4) × 100/104
    expect(card.scaled).toEqual(ratio(56800, 728));
  });

  it('with nothing to count left out rather than given: full marks 96', () => {
    const card = scoreDepartment({ ...scheme, notApplicable: 'EXCLUDE' }, inputs);
    expect(card.fullMarks).toEqual(ratio(96));
    expect(card.scaled).toEqual(ratio(51200, 672));
  });

  it('without scaling, the raw sum counts: the street office keeps 73 1/7 + 3.5 = 76.64', () => {
    const card = scoreDepartment({ ...scheme, scaleTo: null }, { ...inputs, series: 'STREET_PARK' });
    expect(card.final).toEqual(r('76.64'));
  });

  it('a manual item not yet scored counts nothing and is listed as missing', () => {
    const card = scoreDepartment(scheme, { ...inputs, manual: {} });
    expect(card.missing).toEqual(['SYSTEM']);
    // 540/7 − 5.5
    expect(card.base).toEqual(ratio(1003, 14));
  });

  it('refuses a manual score outside 0 to the leaf’s points', () => {
    expect(() => scoreDepartment(scheme, { ...inputs, manual: { SYSTEM: '6.5' } })).toThrow(RangeError);
    expect(() => scoreDepartment(scheme, { ...inputs, manual: { SYSTEM: '-1' } })).toThrow(RangeError);
  });

  it('never goes below 0, and rounds half up once', () => {
    const tiny: AssessmentScheme = {
      ...scheme,
      groups: [
        {
          id: 'G',
          name: '基础工作',
          leaves: [
            { id: 'SYSTEM', name: '制度建设', points: '10', input: null, rule: { kind: 'MANUAL' }, definition: '' },
          ],
        },
      ],
      seriesOverrides: {},
    };
    const low = scoreDepartment(tiny, {
      ...inputs,
      manual: { SYSTEM: '0.1' },
      bonuses: {},
      deductions: { AUDIT_FINDING: 3 },
    });
    expect(low.final).toEqual(ratio(0));
    const half = scoreDepartment(
      { ...tiny, scaleTo: null },
      { ...inputs, manual: { SYSTEM: '8.125' }, bonuses: {}, deductions: {} },
    );
    expect(half.final).toEqual(r('8.13'));
  });
});

describe('rules, bonuses and caps', () => {
  it('LINEAR both ways, clamped at the ends', () => {
    const up = { kind: 'LINEAR', fullAt: '100', zeroAt: '60' } as const;
    expect(ruleShare(up, ratio(110), ratio(4))).toEqual(ratio(1));
    expect(ruleShare(up, ratio(60), ratio(4))).toEqual(ratio(0));
    expect(ruleShare(up, ratio(80), ratio(4))).toEqual(ratio(1, 2));
    const down = { kind: 'LINEAR', fullAt: '0', zeroAt: '50' } as const;
    expect(ruleShare(down, ratio(0), ratio(4))).toEqual(ratio(1));
    expect(ruleShare(down, ratio(75), ratio(4))).toEqual(ratio(0));
    expect(() => ruleShare({ kind: 'LINEAR', fullAt: '5', zeroAt: '5' }, ratio(5), ratio(4))).toThrow(RangeError);
  });

  it('BANDS take the first band reached, exactly at its edge; below every band nothing', () => {
    const bands = {
      kind: 'BANDS',
      bands: [
        { atLeast: '60', sharePct: '60' },
        { atLeast: '90', sharePct: '100' },
      ],
    } as const;
    expect(ruleShare(bands, ratio(90), ratio(6))).toEqual(ratio(1));
    expect(ruleShare(bands, r('89.99'), ratio(6))).toEqual(r('0.6'));
    expect(ruleShare(bands, r('59.99'), ratio(6))).toEqual(ratio(0));
  });

  it('PER_OCCURRENCE takes points off per occurrence, never below nothing', () => {
    const rule = { kind: 'PER_OCCURRENCE', pointsEach: '1' } as const;
    expect(ruleShare(rule, ratio(2), ratio(5))).toEqual(r('0.6'));
    expect(ruleShare(rule, ratio(7), ratio(5))).toEqual(ratio(0));
  });

  it('each item capped, then the total: 2 + 2 + 1 = 5, held to a cap of 4', () => {
    const counts = { INNOVATION: 2, COMMENDATION: 2, MODEL_CASE: 2 };
    expect(adjustmentTotal(scheme.bonusItems, counts, '5')).toEqual(ratio(5));
    expect(adjustmentTotal(scheme.bonusItems, counts, '4')).toEqual(ratio(4));
    expect(adjustmentTotal(scheme.bonusItems, {}, '5')).toEqual(ratio(0));
  });
});
