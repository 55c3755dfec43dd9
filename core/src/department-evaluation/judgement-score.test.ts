import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { judgementEntry, scoreJudgement } from '#core/department-evaluation/judgement-score.ts';
import { ratio } from '#core/monitoring/exact-ratio.ts';
import { defaultScoringSettings } from '#core/self-evaluation/scoring-settings.ts';

const rounding = defaultScoringSettings.rounding;
const entry = (score: string | null, note = '') => ({ code: 'FUNDS_COMPLIANT', score, note, evidence: [] });
const indicator = { points: 5 };

describe('judgement indicators (docs/domain/self-evaluation.md)', () => {
  it('takes a score within [0, points] and says it is full marks', () => {
    expect(scoreJudgement(indicator, entry('5'), rounding)).toEqual({
      exact: ratio(5),
      score: 5,
      problems: [],
      derivation: { 'zh-CN': '评分 5.00，得满分', en: 'Scored 5.00: full marks' },
    });
    expect(scoreJudgement(indicator, entry('0', '未建立制度'), rounding)).toMatchObject({ score: 0, problems: [] });
  });

  it('needs a reason and its evidence below full marks, and shows it', () => {
    expect(scoreJudgement(indicator, entry('4'), rounding)).toEqual({
      exact: ratio(4),
      score: 4,
      problems: ['reason_required'],
      derivation: { 'zh-CN': '评分 4.00（满分 5）', en: 'Scored 4.00 of 5' },
    });
    expect(scoreJudgement(indicator, entry('4.99', '一笔会议费超标准'), rounding)).toEqual({
      exact: ratio(499, 100),
      score: 4.99,
      problems: [],
      derivation: { 'zh-CN': '评分 4.99（满分 5）：一笔会议费超标准', en: 'Scored 4.99 of 5: 一笔会议费超标准' },
    });
  });

  it('refuses a score above the points, and a missing score', () => {
    expect(scoreJudgement(indicator, entry('5.01', '超额完成'), rounding)).toEqual({
      exact: null,
      score: null,
      problems: ['score_above_points'],
      derivation: { 'zh-CN': '评分 5.01 超过分值 5', en: 'The score 5.01 is above the points 5' },
    });
    const missing = {
      exact: null,
      score: null,
      problems: ['score_required'],
      derivation: { 'zh-CN': '待评分（满分 5）', en: 'Not scored yet (out of 5)' },
    };
    expect(scoreJudgement(indicator, entry(null), rounding)).toEqual(missing);
    expect(scoreJudgement(indicator, undefined, rounding)).toEqual(missing);
  });

  it('rounds by the year’s rule', () => {
    const whole = { decimals: 0, mode: 'FLOOR', rateFirst: false } as const;
    expect(scoreJudgement(indicator, entry('4.5', '扣半分'), whole)).toMatchObject({ score: 4, exact: ratio(9, 2) });
  });

  it('takes evidence as attachment ids and refuses what is not one', () => {
    const id = '0190f5a4-8c7e-7cc3-8b6a-2f1d0e9c4b3a';
    expect(v.safeParse(judgementEntry, { ...entry('4', '见附件'), evidence: [id] }).success).toBe(true);
    expect(v.safeParse(judgementEntry, { ...entry('4'), evidence: ['not-an-id'] }).success).toBe(false);
    expect(v.safeParse(judgementEntry, { ...entry('4'), evidence: Array(21).fill(id) }).success).toBe(false);
    expect(v.safeParse(judgementEntry, entry('4.555')).success).toBe(false);
    expect(v.safeParse(judgementEntry, entry('-1')).success).toBe(false);
    expect(v.safeParse(judgementEntry, { ...entry('4'), note: 'x'.repeat(1001) }).success).toBe(false);
  });
});
