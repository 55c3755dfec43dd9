import type { Localized } from '#core/language.ts';
import {
  absolute,
  compare,
  div,
  mul,
  parseDecimal,
  type Ratio,
  ratio,
  sub,
  toNumber,
} from '#core/monitoring/exact-ratio.ts';
import { percentFigure } from '#core/monitoring/percent-text.ts';
import { parseQuantity, pointsRatio, type Quantity } from '#core/self-evaluation/indicator-value.ts';
import { roundScore, scoreFigure, scoreText } from '#core/self-evaluation/score-rounding.ts';
import type { ScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import type { QualitativeTier, SelfEvaluationRow } from '#core/self-evaluation/self-evaluation-row.ts';
import { targetDate } from '#core/submission/target-date.ts';

/**
 * The score of one indicator row of a self-evaluation (docs/domain/self-evaluation.md, "Scoring"):
 * the formula of its operator for a number, days late for a date, the preparer's score inside the
 * tier's band for words or for an actual that is not a number of the target's unit. Every score is
 * an exact fraction rounded once by the year's rule, never above the row's weight, and comes with
 * the sum that made it in Chinese and English.
 */
export type RowKind = 'NUMBER' | 'DATE' | 'QUALITATIVE' | 'NOT_COMPUTABLE' | 'NOT_APPLICABLE' | 'EMPTY';

export interface TierBand {
  tier: QualitativeTier;
  min: number;
  max: number;
  /** Only the 达成 band includes its top (the full weight). */
  maxInclusive: boolean;
}

export interface RowScore {
  rowId: string;
  kind: RowKind;
  weight: number;
  /** Rounded by the rule; null while the row cannot be scored (nothing written, no tier, a score outside its band). */
  score: number | null;
  /** The same score before rounding. */
  exact: Ratio | null;
  /** Actual ÷ target in percent, by the percent rule (one decimal); numbers only. */
  achievementPct: number | null;
  /** The target is not met (a number short of it, a date late, a tier other than 达成): rule 7 asks why. */
  belowTarget: boolean;
  /** Actual ÷ target at or above the year's over-achievement share on a row where more is better (rule 6). */
  overAchieved: boolean;
  band: TierBand | null;
  derivation: Localized;
}

const tierNames: Record<QualitativeTier, Localized> = {
  ACHIEVED: { 'zh-CN': '达成', en: 'Achieved' },
  PARTIAL: { 'zh-CN': '部分达成', en: 'Partly achieved' },
  NOT_ACHIEVED: { 'zh-CN': '未达成', en: 'Not achieved' },
};

const both = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });
const join = (a: Localized, b: Localized, zhSep = '', enSep = ' '): Localized =>
  both(`${a['zh-CN']}${zhSep}${b['zh-CN']}`, `${a.en}${enSep}${b.en}`);
const ZERO = ratio(0);
const share = (w: Ratio, pct: number) => mul(w, ratio(pct, 100));
/** A band bound for display: points are at most hundredths and shares whole percent, so four places are exact. */
const bound = (r: Ratio) => toNumber(r, 4);

/** The band of a tier for a weight w: 达成 [achieved·w, w], 部分达成 [partial·w, achieved·w), 未达成 [0, partial·w). */
export const tierBand = (tier: QualitativeTier, weight: number, settings: ScoringSettings) => {
  const w = pointsRatio(weight);
  const achieved = share(w, settings.achievedMinPct);
  const partial = share(w, settings.partialMinPct);
  const [min, max] = tier === 'ACHIEVED' ? [achieved, w] : tier === 'PARTIAL' ? [partial, achieved] : [ZERO, partial];
  return { tier, min, max, maxInclusive: tier === 'ACHIEVED' };
};

const bandText = (band: ReturnType<typeof tierBand>): Localized => {
  const [lo, hi] = [bound(band.min), bound(band.max)];
  return band.maxInclusive
    ? both(`应在 ${lo} 至 ${hi} 之间`, `must lie from ${lo} to ${hi}`)
    : both(`应在 ${lo} 至 ${hi} 之间，不含 ${hi}`, `must lie from ${lo} to below ${hi}`);
};

const decimalsOf = (text: string) => (text.split('.')[1] ?? '').length;

/** The preparer's score inside the chosen tier's band (rule 5), or null with what is missing. */
const byTier = (row: SelfEvaluationRow, settings: ScoringSettings) => {
  if (row.tier === null) {
    return { exact: null, band: null, text: both('未选择达成档次', 'no tier chosen') };
  }
  const band = tierBand(row.tier, row.weight, settings);
  const name = tierNames[row.tier];
  const rule = bandText(band);
  const written = row.tierScore?.trim() ?? '';
  const score = parseDecimal(written);
  if (!score) {
    return {
      exact: null,
      band,
      text: both(`${name['zh-CN']}：未打分（${rule['zh-CN']}）`, `${name.en}: no score given (${rule.en})`),
    };
  }
  const inside =
    compare(score, band.min) >= 0 && (band.maxInclusive ? compare(score, band.max) <= 0 : compare(score, band.max) < 0);
  const places = settings.rounding.decimals;
  const fits = decimalsOf(written) <= places;
  const problem = !inside
    ? both(`，不在档次范围内`, `, outside the tier's band`)
    : !fits
      ? both(`，应保留 ${places} 位小数以内`, `, more than ${places} decimals`)
      : both('', '');
  return {
    exact: inside && fits ? score : null,
    band,
    text: both(
      `${name['zh-CN']}：${written}（${rule['zh-CN']}）${problem['zh-CN']}`,
      `${name.en}: ${written} (${rule.en})${problem.en}`,
    ),
  };
};

interface Formula {
  exact: Ratio;
  met: boolean;
  text: Localized;
}

/** The score of a number against a number by the row's operator (docs/domain/self-evaluation.md, "Scoring"). */
const numberScore = (
  operator: SelfEvaluationRow['operator'],
  a: Quantity,
  t: Quantity,
  unit: string,
  weight: number,
  settings: ScoringSettings,
): Formula => {
  const w = pointsRatio(weight);
  const [A, T] = [`${a.text}${unit}`, `${t.text}${unit}`];
  const s = (r: Ratio) => scoreText(scoreFigure(r, settings.rounding), settings.rounding);
  const full = (sign: string): Formula => ({
    exact: w,
    met: true,
    text: both(
      `实际 ${A} ${sign} 目标 ${T}，得满分 ${weight}`,
      `Actual ${A} ${sign} target ${T}: full marks ${weight}`,
    ),
  });
  const zero = (zh: string, en: string): Formula => ({ exact: ZERO, met: false, text: both(zh, en) });
  const cmp = compare(a.value, t.value);
  const positiveTarget = compare(t.value, ZERO) > 0;

  const atLeast = (): Formula => {
    if (cmp >= 0) return full('≥');
    if (!positiveTarget || compare(a.value, ZERO) <= 0) {
      return zero(`实际 ${A} 低于目标 ${T}，得 0 分`, `Actual ${A} below target ${T}: 0`);
    }
    const exact = div(mul(w, a.value), t.value);
    return {
      exact,
      met: false,
      text: both(
        `实际 ${A} 低于目标 ${T}：${weight} × ${a.text}/${t.text} = ${s(exact)}`,
        `Actual ${A} below target ${T}: ${weight} × ${a.text}/${t.text} = ${s(exact)}`,
      ),
    };
  };

  if (operator === 'GTE' || operator === 'GT') return atLeast();
  if (operator === 'LTE' || operator === 'LT') {
    if (cmp <= 0) return full('≤');
    if (!positiveTarget) return zero(`实际 ${A} 高于目标 ${T}，得 0 分`, `Actual ${A} above target ${T}: 0`);
    if (settings.lteFormula === 'PROPORTIONAL') {
      const exact = div(mul(w, t.value), a.value);
      return {
        exact,
        met: false,
        text: both(
          `实际 ${A} 高于目标 ${T}：${weight} × ${t.text}/${a.text} = ${s(exact)}`,
          `Actual ${A} above target ${T}: ${weight} × ${t.text}/${a.text} = ${s(exact)}`,
        ),
      };
    }
    // Linear to zero: w × (1 − (A − T)/T), which is w × (2T − A)/T, 0 from twice the target on.
    const left = sub(mul(t.value, ratio(2)), a.value);
    if (compare(left, ZERO) <= 0) {
      return zero(`实际 ${A} 达到目标 ${T} 的两倍及以上，得 0 分`, `Actual ${A} is twice the target ${T} or more: 0`);
    }
    const exact = div(mul(w, left), t.value);
    return {
      exact,
      met: false,
      text: both(
        `实际 ${A} 高于目标 ${T}：${weight} × (1 − (${a.text} − ${t.text})/${t.text}) = ${s(exact)}`,
        `Actual ${A} above target ${T}: ${weight} × (1 − (${a.text} − ${t.text})/${t.text}) = ${s(exact)}`,
      ),
    };
  }
  // EQ. A zero target ("安全事故 0 起") is met by zero or less; a negative one only by itself.
  if (!positiveTarget) {
    if (compare(t.value, ZERO) === 0 ? compare(a.value, ZERO) <= 0 : cmp === 0) return full('=');
    return zero(`实际 ${A} 未达到目标 ${T}，得 0 分`, `Actual ${A} misses target ${T}: 0`);
  }
  if (settings.eqFormula === 'AS_GTE') return atLeast();
  if (cmp === 0) return full('=');
  const off = div(absolute(sub(a.value, t.value)), t.value);
  if (compare(off, ratio(1)) >= 0) {
    return zero(
      `实际 ${A} 偏离目标 ${T} 一倍及以上，得 0 分`,
      `Actual ${A} is off target ${T} by the target or more: 0`,
    );
  }
  const exact = mul(w, sub(ratio(1), off));
  return {
    exact,
    met: false,
    text: both(
      `实际 ${A} 偏离目标 ${T}：${weight} × (1 − |${a.text} − ${t.text}|/${t.text}) = ${s(exact)}`,
      `Actual ${A} is off target ${T}: ${weight} × (1 − |${a.text} − ${t.text}|/${t.text}) = ${s(exact)}`,
    ),
  };
};

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** A date against a date: on time is full marks; late by the year's rule. */
const dateScore = (
  row: SelfEvaluationRow,
  actual: string,
  target: string,
  fiscalYear: number,
  settings: ScoringSettings,
) => {
  const late = dayNumber(actual) - dayNumber(target);
  if (late <= 0) {
    return {
      exact: pointsRatio(row.weight) as Ratio | null,
      met: true,
      band: null,
      text: both(
        `${actual} 完成，不晚于目标 ${target}，得满分 ${row.weight}`,
        `Done ${actual}, by the target ${target}: full marks ${row.weight}`,
      ),
    };
  }
  const lateText = both(`逾期 ${late} 天`, `${late} days late`);
  if (settings.lateDateRule === 'TIER') {
    const tier = byTier(row, settings);
    return {
      exact: tier.exact,
      met: false,
      band: tier.band,
      text: join(lateText, tier.text, '，按档次评分：', ', scored by tier: '),
    };
  }
  // Days allowed: from 1 January of the fiscal year to the target day, both counted.
  const allowed = Math.max(1, dayNumber(target) - dayNumber(`${fiscalYear}-01-01`) + 1);
  if (late >= allowed) {
    return {
      exact: ZERO as Ratio | null,
      met: false,
      band: null,
      text: join(
        lateText,
        both(`，不少于允许的 ${allowed} 天，得 0 分`, `, not fewer than the ${allowed} days allowed: 0`),
        '',
        '',
      ),
    };
  }
  const exact = mul(pointsRatio(row.weight), ratio(allowed - late, allowed));
  const s = scoreText(scoreFigure(exact, settings.rounding), settings.rounding);
  return {
    exact: exact as Ratio | null,
    met: false,
    band: null,
    text: join(
      lateText,
      both(`${row.weight} × (1 − ${late}/${allowed}) = ${s}`, `${row.weight} × (1 − ${late}/${allowed}) = ${s}`),
      '：',
      ': ',
    ),
  };
};

const up = (operator: SelfEvaluationRow['operator']) => operator === 'GTE' || operator === 'GT' || operator === 'EQ';

export const scoreRow = (row: SelfEvaluationRow, fiscalYear: number, settings: ScoringSettings): RowScore => {
  const base = {
    rowId: row.rowId,
    weight: row.weight,
    achievementPct: null,
    belowTarget: false,
    overAchieved: false,
    band: null,
  };
  if (row.notApplicable) {
    return {
      ...base,
      kind: 'NOT_APPLICABLE',
      score: null,
      exact: null,
      derivation: both(`不适用，${row.weight} 分不计入`, `Not applicable: its ${row.weight} points are left out`),
    };
  }
  const actual = row.actual.trim();
  const tierGiven = row.tier !== null || Boolean(row.tierScore?.trim());
  if (!actual && !tierGiven) {
    return { ...base, kind: 'EMPTY', score: null, exact: null, derivation: both('未填写', 'Nothing written') };
  }

  const finish = (
    kind: RowKind,
    formula: { exact: Ratio | null; band: ReturnType<typeof tierBand> | null; text: Localized },
    extra: Partial<Pick<RowScore, 'achievementPct' | 'belowTarget' | 'overAchieved'>>,
  ): RowScore => {
    const band = formula.band && {
      tier: formula.band.tier,
      min: bound(formula.band.min),
      max: bound(formula.band.max),
      maxInclusive: formula.band.maxInclusive,
    };
    const deduction = parseDecimal(row.deduction?.trim() ?? '');
    if (formula.exact === null)
      return { ...base, ...extra, kind, band, score: null, exact: null, derivation: formula.text };
    // A deduction (a target set too low, or a reviewer's) is taken off the formula's score, never below 0.
    const exact =
      deduction && compare(deduction, ZERO) > 0
        ? compare(formula.exact, deduction) > 0
          ? sub(formula.exact, deduction)
          : ZERO
        : formula.exact;
    const score = scoreFigure(exact, settings.rounding);
    const derivation =
      exact === formula.exact
        ? formula.text
        : join(
            formula.text,
            both(
              `；扣减 ${row.deduction?.trim()} 分，得 ${scoreText(score, settings.rounding)}`,
              `; less ${row.deduction?.trim()}: ${scoreText(score, settings.rounding)}`,
            ),
            '',
            '',
          );
    return { ...base, ...extra, kind, band, score, exact, derivation };
  };

  const tiered = (kind: RowKind, lead: Localized) => {
    const tier = byTier(row, settings);
    return finish(
      kind,
      { ...tier, text: join(lead, tier.text, '', '') },
      {
        belowTarget: row.tier !== null && row.tier !== 'ACHIEVED',
      },
    );
  };

  if (row.operator === 'QUALITATIVE') return tiered('QUALITATIVE', both('', ''));

  const notComputable = () =>
    tiered(
      'NOT_COMPUTABLE',
      actual
        ? both(
            `实际值“${actual}”不是以“${row.unit}”计的数值，按档次评分：`,
            `"${actual}" is not a number in ${row.unit}, scored by tier: `,
          )
        : both('未填写实际值，按档次评分：', 'No actual written, scored by tier: '),
    );

  const target = parseQuantity(row.targetValue, row.unit);
  if (target) {
    const a = parseQuantity(actual, row.unit);
    if (!a) return notComputable();
    const formula = numberScore(row.operator, a, target, row.unit, row.weight, settings);
    const positive = compare(target.value, ZERO) > 0;
    const achieved = positive ? div(a.value, target.value) : null;
    return finish(
      'NUMBER',
      { exact: formula.exact, band: null, text: formula.text },
      {
        achievementPct: achieved && percentFigure(achieved),
        belowTarget: !formula.met,
        overAchieved:
          achieved !== null && up(row.operator) && compare(achieved, ratio(settings.overAchievementPct, 100)) >= 0,
      },
    );
  }
  const due = targetDate(row.targetValue, fiscalYear);
  const done = actual ? targetDate(actual, fiscalYear) : null;
  if (due && done) {
    const result = dateScore(row, done, due, fiscalYear, settings);
    return finish('DATE', result, { belowTarget: !result.met });
  }
  return notComputable();
};

/** The rounded score as an exact fraction, for sums of rounded rows. */
export const roundedExact = (score: RowScore, settings: ScoringSettings): Ratio | null =>
  score.exact && roundScore(score.exact, settings.rounding);
