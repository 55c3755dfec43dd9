import * as v from 'valibot';
import type { DepartmentIndicator } from '#core/department-evaluation/department-framework.ts';
import type { Localized } from '#core/language.ts';
import { compare, parseDecimal, type Ratio } from '#core/monitoring/exact-ratio.ts';
import { anyId, text } from '#core/schema-parts.ts';
import { type ScoreRounding, scoreFigure, scoreText } from '#core/self-evaluation/score-rounding.ts';
import { pointsText } from '#core/self-evaluation/self-evaluation-row.ts';

/**
 * What a person writes for a judgement indicator of the department sheet (docs/domain/self-evaluation.md,
 * "Department overall self-evaluation"): a score within [0, points], the reason and evidence behind it (a
 * reason is required below full marks), and the attachments that prove it. The same entry scores a formula
 * indicator whose figures are missing, so such an indicator is never left at full marks by default.
 */
export const judgementEntry = v.strictObject({
  code: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
  score: v.nullable(pointsText),
  /** 扣分理由及依据: why points were lost, or what shows full marks were earned. */
  note: text(0, 1000),
  /** Attachment ids of the evidence (documents, photos, survey results). */
  evidence: v.pipe(v.array(anyId), v.maxLength(20)),
});
export type JudgementEntry = v.InferOutput<typeof judgementEntry>;

export const judgementProblems = {
  score_required: { 'zh-CN': '请填写得分', en: 'Give a score' },
  score_above_points: { 'zh-CN': '得分不能超过该指标分值', en: 'The score cannot exceed the indicator’s points' },
  reason_required: {
    'zh-CN': '未得满分的指标须填写扣分理由及依据',
    en: 'A score below full marks needs the reason and its evidence',
  },
} as const satisfies Record<string, Localized>;
export type JudgementProblem = keyof typeof judgementProblems;

export interface JudgementScore {
  exact: Ratio | null;
  score: number | null;
  problems: JudgementProblem[];
  derivation: Localized;
}

/** A judgement entry scored against its indicator: the score as given when it is within [0, points]. */
export const scoreJudgement = (
  indicator: Pick<DepartmentIndicator, 'points'>,
  entry: JudgementEntry | undefined,
  rounding: ScoreRounding,
): JudgementScore => {
  const full = parseDecimal(String(indicator.points)) as Ratio;
  if (entry?.score == null)
    return {
      exact: null,
      score: null,
      problems: ['score_required'],
      derivation: { 'zh-CN': `待评分（满分 ${indicator.points}）`, en: `Not scored yet (out of ${indicator.points})` },
    };
  const given = parseDecimal(entry.score) as Ratio;
  if (compare(given, full) > 0)
    return {
      exact: null,
      score: null,
      problems: ['score_above_points'],
      derivation: {
        'zh-CN': `评分 ${entry.score} 超过分值 ${indicator.points}`,
        en: `The score ${entry.score} is above the points ${indicator.points}`,
      },
    };
  const score = scoreFigure(given, rounding);
  const below = compare(given, full) < 0;
  const { note } = entry;
  const shown = scoreText(score, rounding);
  return {
    exact: given,
    score,
    problems: below && note === '' ? ['reason_required'] : [],
    derivation: below
      ? {
          'zh-CN': `评分 ${shown}（满分 ${indicator.points}）${note ? `：${note}` : ''}`,
          en: `Scored ${shown} of ${indicator.points}${note ? `: ${note}` : ''}`,
        }
      : { 'zh-CN': `评分 ${shown}，得满分`, en: `Scored ${shown}: full marks` },
  };
};
