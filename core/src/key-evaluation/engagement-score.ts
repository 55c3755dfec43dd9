import type { Engagement, FrameworkIndicator } from '#core/fieldwork/engagement.ts';
import { evaluationLevel1Codes } from '#core/fieldwork/fieldwork-config.ts';
import { formulaScore } from '#core/key-evaluation/formula-indicator.ts';
import type { ScoringPaper } from '#core/key-evaluation/scoring-paper.ts';
import {
  add,
  compare,
  div,
  mul,
  parseDecimal,
  type Ratio,
  ratio,
  sub,
  toNumber,
} from '#core/monitoring/exact-ratio.ts';
import { roundScore, scoreFigure } from '#core/self-evaluation/score-rounding.ts';
import { gradeOf } from '#core/self-evaluation/score-sheet.ts';
import type { ScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import type { ReviewGrade } from '#core/submission/performance-target.ts';

/**
 * An engagement's score from its papers (docs/domain/key-evaluation.md#scoring-papers), by the self-evaluation
 * engine's rules: each indicator's points worked out exactly and rounded once by the year's rule, the total the sum
 * of the rounded rows, level subtotals beside the engagement's weights, and the grade by the year's bands once
 * every indicator is scored. The screen, the API and the report all read this.
 */
export type PaperForScore = Pick<ScoringPaper, 'indicatorId' | 'scoring' | 'surveyRate'>;

/** Why a row has no score. */
export type UnscoredReason =
  | 'indicator_not_scored'
  | 'formula_zero_denominator'
  | 'formula_figure_invalid'
  | 'satisfaction_no_survey';

export interface PaperScoreResult {
  /** Points before rounding, exact; null when the row has no score. */
  exact: Ratio | null;
  /** The formula's rate or the survey's rate, percent for display (two decimals). */
  rate: number | null;
  reason: UnscoredReason | null;
}

export interface IndicatorScoreRow {
  indicatorId: string;
  level1: FrameworkIndicator['level1'];
  name: string;
  points: number;
  /** Rounded by the year's rule; null when not scored (or not computable). */
  score: number | null;
  rate: number | null;
  reason: UnscoredReason | null;
}

export interface LevelSubtotal {
  level1: FrameworkIndicator['level1'];
  /** The engagement's weight for the level (the four sum to 100). */
  weight: number;
  /** The sum of the level's rounded row scores. */
  score: number;
  scored: number;
  indicators: number;
}

export interface EngagementScore {
  rows: IndicatorScoreRow[];
  levels: LevelSubtotal[];
  /** The sum of the rounded rows (of those scored so far), never above 100. */
  total: number;
  /** Every indicator of the framework has a score. */
  complete: boolean;
  /** Only once complete. */
  grade: ReviewGrade | null;
}

const zero = ratio(0);
const pointsOf = (points: number): Ratio => parseDecimal(String(points)) ?? zero;
const clamp = (x: Ratio, top: Ratio): Ratio => (compare(x, zero) < 0 ? zero : compare(x, top) > 0 ? top : x);

/** One paper's points out of its indicator's, exact. */
export const paperScore = (paper: PaperForScore | undefined, indicator: Pick<FrameworkIndicator, 'points'>) => {
  const weight = pointsOf(indicator.points);
  const scoring = paper?.scoring;
  if (!scoring) return { exact: null, rate: null, reason: 'indicator_not_scored' } satisfies PaperScoreResult;
  switch (scoring.method) {
    case 'JUDGEMENT': {
      // Points less every deduction, never below 0 (the deductions may add up to more than the weight).
      const off = scoring.deductions.reduce((sum, d) => add(sum, parseDecimal(d.points) ?? zero), zero);
      return { exact: clamp(sub(weight, off), weight), rate: null, reason: null } satisfies PaperScoreResult;
    }
    case 'FORMULA': {
      const result = formulaScore(scoring, indicator.points);
      return result.computable
        ? ({ exact: result.points, rate: result.rateFigure, reason: null } satisfies PaperScoreResult)
        : ({ exact: null, rate: null, reason: result.code } satisfies PaperScoreResult);
    }
    case 'SATISFACTION': {
      // 满意度: the full weight at or above the target rate, else weight × actual ÷ target (survey-summary.ts).
      if (paper.surveyRate === null) {
        return { exact: null, rate: null, reason: 'satisfaction_no_survey' } satisfies PaperScoreResult;
      }
      const actual = pointsOf(paper.surveyRate);
      const target = parseDecimal(scoring.target) ?? zero;
      const exact =
        compare(target, zero) <= 0 || compare(actual, target) >= 0
          ? weight
          : clamp(div(mul(weight, actual), target), weight);
      return { exact, rate: toNumber(actual, 2), reason: null } satisfies PaperScoreResult;
    }
  }
};

export const engagementScore = (
  engagement: Pick<Engagement, 'indicators' | 'weights'>,
  papers: readonly PaperForScore[],
  settings: ScoringSettings,
): EngagementScore => {
  const { rounding } = settings;
  const byIndicator = new Map(papers.map((p) => [p.indicatorId, p]));
  const scored = engagement.indicators.map((indicator) => {
    const result = paperScore(byIndicator.get(indicator.id), indicator);
    const rounded = result.exact ? roundScore(result.exact, rounding) : null;
    return { indicator, result, rounded };
  });
  const rows: IndicatorScoreRow[] = scored.map(({ indicator, result, rounded }) => ({
    indicatorId: indicator.id,
    level1: indicator.level1,
    name: indicator.name,
    points: indicator.points,
    score: rounded ? scoreFigure(rounded, rounding) : null,
    rate: result.rate,
    reason: result.reason,
  }));
  const sumOf = (items: typeof scored) => items.reduce((s, x) => (x.rounded ? add(s, x.rounded) : s), zero);
  const levels: LevelSubtotal[] = evaluationLevel1Codes.map((level1) => {
    const mine = scored.filter((x) => x.indicator.level1 === level1);
    return {
      level1,
      weight: engagement.weights[level1],
      score: scoreFigure(sumOf(mine), rounding),
      scored: mine.filter((x) => x.rounded !== null).length,
      indicators: mine.length,
    };
  });
  const hundred = ratio(100);
  const sum = sumOf(scored);
  const total = scoreFigure(compare(sum, hundred) > 0 ? hundred : sum, rounding);
  const complete = scored.length > 0 && scored.every((x) => x.rounded !== null);
  return { rows, levels, total, complete, grade: complete ? gradeOf(total, settings) : null };
};
