import type {
  AdjustmentItem,
  AssessmentScheme,
  AutoInput,
  SchemeLeaf,
  ScoringRule,
} from '#core/department-assessment/assessment-scheme.ts';
import {
  add,
  compare,
  div,
  min,
  mul,
  parseDecimal,
  type Ratio,
  ratio,
  roundHalfUp,
  sub,
} from '#core/monitoring/exact-ratio.ts';
import type { DepartmentSeries } from '#core/organisation/department.ts';

/**
 * One department's scorecard under the year's scheme (docs/domain/department-assessment.md#scoring):
 * each leaf scored by its rule from its measured input or the bureau's manual score, the base scaled
 * to full marks when the series' leaves add up to something else, bonuses and deductions each capped
 * per item and in all, and the final score rounded once, half up, to the scheme's decimals. Every
 * figure is an exact fraction until then.
 */

/**
 * An auto-scored input as the tallies give it: `counted` of `of` (a rate in percent) or a total of
 * points over a number of items (an average gap); `of` = 0 means there was nothing to count.
 */
export interface MeasuredInput {
  counted: Ratio;
  of: Ratio;
  unit: 'PERCENT' | 'POINTS';
}

export type LeafStatus = 'SCORED' | 'NOT_APPLICABLE' | 'EXCLUDED' | 'MISSING';

export interface LeafScore {
  leafId: string;
  /** Points at full marks in this department's series. */
  points: Ratio;
  /** The input's value (percent or points); null for manual items and when there was nothing to count. */
  value: Ratio | null;
  score: Ratio | null;
  status: LeafStatus;
}

export interface Scorecard {
  leaves: LeafScore[];
  /** The points of the leaves that count for this department. */
  fullMarks: Ratio;
  base: Ratio;
  scaled: Ratio;
  bonus: Ratio;
  deduction: Ratio;
  /** Rounded by the scheme's rule: what is published, ranked and graded. */
  final: Ratio;
  /** Leaves still waiting for the bureau's manual score. */
  missing: string[];
}

export interface DepartmentInputs {
  series: DepartmentSeries;
  measured: Readonly<Partial<Record<AutoInput, MeasuredInput>>>;
  /** Leaf id → the bureau's score, decimal text. */
  manual: Readonly<Record<string, string>>;
  /** Item code → how many times it was awarded or incurred. */
  bonuses: Readonly<Record<string, number>>;
  deductions: Readonly<Record<string, number>>;
}

const decimal = (text: string, what: string): Ratio => {
  const value = parseDecimal(text);
  if (!value) throw new RangeError(`${what} is not a number: ${text}`);
  return value;
};
const clampShare = (r: Ratio): Ratio => (compare(r, ratio(0)) < 0 ? ratio(0) : min(r, ratio(1)));

/** The value of a measured input: a percentage for rates, points for totals; null when there was nothing to count. */
export const inputValue = (input: MeasuredInput): Ratio | null => {
  if (input.of.n === 0n) return null;
  const value = div(input.counted, input.of);
  return input.unit === 'PERCENT' ? mul(value, ratio(100)) : value;
};

/** The share (0…1) of a leaf's points a value earns under a rule other than MANUAL. */
export const ruleShare = (rule: Exclude<ScoringRule, { kind: 'MANUAL' }>, value: Ratio, points: Ratio): Ratio => {
  switch (rule.kind) {
    case 'LINEAR': {
      const full = decimal(rule.fullAt, 'fullAt');
      const zero = decimal(rule.zeroAt, 'zeroAt');
      if (compare(full, zero) === 0) throw new RangeError('a linear rule needs fullAt and zeroAt apart');
      // One formula for both directions: (value − zeroAt) ÷ (fullAt − zeroAt), within 0…1.
      return clampShare(div(sub(value, zero), sub(full, zero)));
    }
    case 'BANDS': {
      const bands = [...rule.bands].sort((a, b) =>
        compare(decimal(b.atLeast, 'atLeast'), decimal(a.atLeast, 'atLeast')),
      );
      const band = bands.find((b) => compare(value, decimal(b.atLeast, 'atLeast')) >= 0);
      return band ? div(decimal(band.sharePct, 'sharePct'), ratio(100)) : ratio(0);
    }
    case 'PER_OCCURRENCE': {
      if (points.n === 0n) return ratio(0);
      return clampShare(div(sub(points, mul(decimal(rule.pointsEach, 'pointsEach'), value)), points));
    }
  }
};

/** A leaf's points in a series: the override when there is one. */
export const leafPoints = (scheme: AssessmentScheme, series: DepartmentSeries, leaf: SchemeLeaf): Ratio =>
  decimal(scheme.seriesOverrides[series]?.points?.[leaf.id] ?? leaf.points, `points of ${leaf.id}`);

const scoreLeaf = (scheme: AssessmentScheme, inputs: DepartmentInputs, leaf: SchemeLeaf): LeafScore => {
  const points = leafPoints(scheme, inputs.series, leaf);
  const base = { leafId: leaf.id, points };
  if (scheme.seriesOverrides[inputs.series]?.excluded?.includes(leaf.id)) {
    return { ...base, value: null, score: null, status: 'EXCLUDED' };
  }
  if (leaf.rule.kind === 'MANUAL' || leaf.input === null) {
    const given = inputs.manual[leaf.id];
    if (given === undefined) return { ...base, value: null, score: null, status: 'MISSING' };
    const score = decimal(given, `manual score of ${leaf.id}`);
    if (compare(score, ratio(0)) < 0 || compare(score, points) > 0) {
      throw new RangeError(`manual score of ${leaf.id} is outside 0…${leaf.points}`);
    }
    return { ...base, value: null, score, status: 'SCORED' };
  }
  const measured = inputs.measured[leaf.input];
  const value = measured ? inputValue(measured) : null;
  if (value === null) {
    return scheme.notApplicable === 'FULL'
      ? { ...base, value: null, score: points, status: 'NOT_APPLICABLE' }
      : { ...base, value: null, score: null, status: 'EXCLUDED' };
  }
  return { ...base, value, score: mul(points, ruleShare(leaf.rule, value, points)), status: 'SCORED' };
};

/** Each item capped, then all of them together. */
export const adjustmentTotal = (
  items: readonly AdjustmentItem[],
  counts: Readonly<Record<string, number>>,
  cap: string,
): Ratio => {
  const total = items.reduce((sum, item) => {
    const count = counts[item.code] ?? 0;
    return add(sum, min(mul(decimal(item.pointsEach, item.code), ratio(count)), decimal(item.cap, item.code)));
  }, ratio(0));
  return min(total, decimal(cap, 'cap'));
};

export const scoreDepartment = (scheme: AssessmentScheme, inputs: DepartmentInputs): Scorecard => {
  const leaves = scheme.groups.flatMap((g) => g.leaves.map((leaf) => scoreLeaf(scheme, inputs, leaf)));
  const counted = leaves.filter((l) => l.status !== 'EXCLUDED');
  const fullMarks = counted.reduce((sum, l) => add(sum, l.points), ratio(0));
  const base = counted.reduce((sum, l) => add(sum, l.score ?? ratio(0)), ratio(0));
  const scaled =
    scheme.scaleTo !== null && fullMarks.n !== 0n
      ? div(mul(base, decimal(scheme.scaleTo, 'scaleTo')), fullMarks)
      : base;
  const bonus = adjustmentTotal(scheme.bonusItems, inputs.bonuses, scheme.bonusCap);
  const deduction = adjustmentTotal(scheme.deductionItems, inputs.deductions, scheme.deductionCap);
  const raw = sub(add(scaled, bonus), deduction);
  const final = roundHalfUp(compare(raw, ratio(0)) < 0 ? ratio(0) : raw, scheme.decimals);
  return {
    leaves,
    fullMarks,
    base,
    scaled,
    bonus,
    deduction,
    final,
    missing: leaves.filter((l) => l.status === 'MISSING').map((l) => l.leafId),
  };
};
