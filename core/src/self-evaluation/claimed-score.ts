import type { Localized } from '#core/language.ts';
import {
  absolute,
  add,
  compare,
  div,
  mul,
  parseDecimal,
  percent,
  type Ratio,
  ratio,
  sub,
  toNumber,
} from '#core/monitoring/exact-ratio.ts';
import { pointsRatio } from '#core/self-evaluation/indicator-value.ts';
import type { RowScore } from '#core/self-evaluation/row-score.ts';
import { executionRateUsed, roundScore, scoreFigure, scoreText } from '#core/self-evaluation/score-rounding.ts';
import type { ScoreSheet } from '#core/self-evaluation/score-sheet.ts';
import type { ScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import type { SelfEvaluationRow } from '#core/self-evaluation/self-evaluation-row.ts';

/**
 * The unit's claimed scores beside the computed ones (docs/domain/self-evaluation.md, "Claimed and
 * computed scores"). Published tables often depart from the formula; each difference larger than
 * the year's tolerance is shown with its likely cause, tried from the most specific to OTHER. It
 * reads only the rows, the sheet and the claims, so a paper table's parsed rows go through it as
 * well as a record's.
 */
export const claimCauses = {
  WEIGHT_TWICE: { 'zh-CN': '分值被重复计算', en: 'The weight applied twice' },
  RATE_MISPRINT: { 'zh-CN': '执行率错写', en: 'The execution rate misprinted' },
  ABOVE_WEIGHT: { 'zh-CN': '得分超过分值', en: 'Above the weight' },
  WHOLE_POINT_CUT: { 'zh-CN': '舍去小数取整', en: 'Cut to whole points' },
  ROUNDING: { 'zh-CN': '取舍规则不同', en: 'Another rounding' },
  MET_BELOW_FULL: { 'zh-CN': '达成目标未得满分', en: 'Target met, below full marks' },
  NOT_RESCALED: { 'zh-CN': '未按不适用指标折算', en: 'Not rescaled for rows not applicable' },
  TOTAL_NOT_SUM: { 'zh-CN': '总分不等于各项之和', en: 'Total is not the sum of the rows' },
  FROM_ROWS: { 'zh-CN': '差异来自各项得分', en: 'The difference comes from the rows' },
  OTHER: { 'zh-CN': '其他', en: 'Other' },
} as const satisfies Record<string, Localized>;
export type ClaimCause = keyof typeof claimCauses;

export interface ClaimDifference {
  /** Where the claim is: `/rows/{i}/claimedScore`, `/execution/claimedScore` or `/claimedTotal`. */
  pointer: string;
  rowId: string | null;
  claimed: number;
  computed: number;
  /** Claimed less computed. */
  difference: number;
  cause: ClaimCause;
  message: Localized;
}

const HUNDREDTH = ratio(1, 100);
const near = (a: Ratio, b: Ratio) => compare(absolute(sub(a, b)), HUNDREDTH) < 0;
/** Every rounding a table might have used: 2, 1 or 0 decimals, half up or down. */
const roundings = ([0, 1, 2] as const).flatMap((decimals) =>
  (['HALF_UP', 'FLOOR'] as const).map((mode) => ({ decimals, mode, rateFirst: false })),
);
/** Only reached for a claim that differs from the rounded score, so an exact whole score never matches. */
const cutToWhole = (exact: Ratio, claimed: Ratio) =>
  compare(claimed, roundScore(exact, { decimals: 0, mode: 'FLOOR', rateFirst: false })) === 0;
const otherRounding = (exact: Ratio, claimed: Ratio) =>
  roundings.some((r) => compare(roundScore(exact, r), claimed) === 0);

export const claimDifferences = (
  rows: readonly SelfEvaluationRow[],
  sheet: ScoreSheet,
  claimedTotal: string | null,
  settings: ScoringSettings,
  /** The claimed budget-execution score (the money block's 得分), when the table states one. */
  claimedExecution: string | null = null,
): ClaimDifference[] => {
  const { rounding } = settings;
  const tolerance = ratio(settings.claimToleranceHundredths, 100);
  const t = (r: Ratio) => scoreText(scoreFigure(r, rounding), rounding);
  const differences: ClaimDifference[] = [];
  const record = (
    pointer: string,
    rowId: string | null,
    written: string,
    claimed: Ratio,
    computed: Ratio,
    cause: ClaimCause,
    detail: Localized,
  ) => {
    differences.push({
      pointer,
      rowId,
      claimed: toNumber(claimed, 2),
      computed: toNumber(computed, 2),
      difference: toNumber(sub(claimed, computed), 2),
      cause,
      message: {
        'zh-CN': `填报 ${written}，计算 ${t(computed)}：${detail['zh-CN']}`,
        en: `Claimed ${written}, computed ${t(computed)}: ${detail.en}`,
      },
    });
  };
  const differs = (claimed: Ratio, computed: Ratio) => compare(absolute(sub(claimed, computed)), tolerance) > 0;

  // Rows.
  const claims: Ratio[] = [];
  let everyRowClaimed = true;
  rows.forEach((row, i) => {
    const score = sheet.rows[i] as RowScore;
    const written = row.claimedScore?.trim() ?? '';
    const claimed = parseDecimal(written);
    if (score.kind === 'NOT_APPLICABLE') return;
    if (!claimed) {
      everyRowClaimed = false;
      return;
    }
    claims.push(claimed);
    if (score.exact === null) return;
    const computed = roundScore(score.exact, rounding);
    if (!differs(claimed, computed)) return;
    const w = pointsRatio(row.weight);
    const at = `/rows/${i}/claimedScore`;
    const cause = (c: ClaimCause, zh: string, en: string) =>
      record(at, row.rowId, written, claimed, computed, c, { 'zh-CN': zh, en });
    if (near(claimed, mul(score.exact, w)) || near(claimed, div(mul(score.exact, w), ratio(100)))) {
      cause(
        'WEIGHT_TWICE',
        `相当于得分再乘以分值 ${row.weight}（或其百分比），分值被重复计算`,
        `as if the score were multiplied by the weight ${row.weight} (or its percent) again`,
      );
    } else if (compare(claimed, w) > 0) {
      cause('ABOVE_WEIGHT', `超过分值 ${row.weight}`, `above the weight ${row.weight}`);
    } else if (cutToWhole(score.exact, claimed)) {
      cause('WHOLE_POINT_CUT', '公式得分舍去小数后取整', "the formula's score cut to whole points");
    } else if (otherRounding(score.exact, claimed)) {
      cause('ROUNDING', '仅取舍规则不同', 'only the rounding differs');
    } else if (
      (score.kind === 'NUMBER' || score.kind === 'DATE') &&
      !score.belowTarget &&
      !row.deductionReason.trim()
    ) {
      cause(
        'MET_BELOW_FULL',
        `已达成目标，却低于分值 ${row.weight}，且未说明扣分理由`,
        `the target is met, yet below the weight ${row.weight} with no reason for a deduction`,
      );
    } else {
      cause('OTHER', '原因不明，请核对', 'no likely cause found: check it');
    }
  });

  // Budget execution.
  const execution = sheet.execution;
  const executionWritten = claimedExecution?.trim() ?? '';
  const executionClaim = parseDecimal(executionWritten);
  if (executionClaim) claims.push(executionClaim);
  if (executionClaim && execution.exact && execution.rateExact) {
    const computed = roundScore(execution.exact, rounding);
    if (differs(executionClaim, computed)) {
      const points = ratio(execution.points);
      const rate = execution.rateExact;
      const otherRate = executionRateUsed(rate, { ...rounding, rateFirst: !rounding.rateFirst });
      const misprints = [
        mul(points, percent(rate)),
        div(mul(points, rate), ratio(100)),
        percent(rate),
        rate,
        mul(points, otherRate),
      ];
      const cause = (c: ClaimCause, zh: string, en: string) =>
        record('/execution/claimedScore', null, executionWritten, executionClaim, computed, c, { 'zh-CN': zh, en });
      if (misprints.some((m) => near(executionClaim, m) || compare(roundScore(m, rounding), executionClaim) === 0)) {
        cause(
          'RATE_MISPRINT',
          `与执行率 ${execution.rate}% 的错写相符（百分数错位或执行率取整方式不同）`,
          `matches the rate ${execution.rate}% misprinted (a factor of 100, or the rate rounded otherwise)`,
        );
      } else if (compare(executionClaim, points) > 0) {
        cause('ABOVE_WEIGHT', `超过分值 ${execution.points}`, `above the weight ${execution.points}`);
      } else if (cutToWhole(execution.exact, executionClaim)) {
        cause('WHOLE_POINT_CUT', '公式得分舍去小数后取整', "the formula's score cut to whole points");
      } else if (otherRounding(execution.exact, executionClaim)) {
        cause('ROUNDING', '仅取舍规则不同', 'only the rounding differs');
      } else {
        cause('OTHER', '原因不明，请核对', 'no likely cause found: check it');
      }
    }
  }

  // The total.
  const totalWritten = claimedTotal?.trim() ?? '';
  const total = parseDecimal(totalWritten);
  if (total) {
    const computed = sheet.totalExact;
    if (differs(total, computed)) {
      const cause = (c: ClaimCause, zh: string, en: string) =>
        record('/claimedTotal', null, totalWritten, total, computed, c, { 'zh-CN': zh, en });
      const allClaimed = everyRowClaimed && (executionClaim !== undefined || execution.points === 0);
      const claimedSum = claims.reduce(add, ratio(0));
      const sumText = toNumber(claimedSum, 2);
      if (allClaimed && differs(total, claimedSum)) {
        cause('TOTAL_NOT_SUM', `不等于各项填报得分之和 ${sumText}`, `not the sum of the claimed rows, ${sumText}`);
      } else if (allClaimed) {
        cause(
          'FROM_ROWS',
          '等于各项填报得分之和，差异来自上列各项',
          'the sum of the claimed rows: the difference comes from them',
        );
      } else if (sheet.rescaled && compare(total, sheet.sumExact) === 0) {
        cause(
          'NOT_RESCALED',
          `为折算前的合计，未按不适用指标折算`,
          'the sum before rescaling for the rows not applicable',
        );
      } else if (compare(total, ratio(100)) > 0) {
        cause('ABOVE_WEIGHT', '超过 100 分', 'above 100');
      } else if (cutToWhole(computed, total)) {
        cause('WHOLE_POINT_CUT', '总分舍去小数后取整', 'the total cut to whole points');
      } else {
        cause('OTHER', '原因不明，请核对', 'no likely cause found: check it');
      }
    }
  }
  return differences;
};
