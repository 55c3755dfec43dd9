import { describe, expect, it } from 'vitest';
import type { Questionnaire, RespondentGroup, SurveyQuestion } from '#core/fieldwork/engagement.ts';
import { fieldworkDefaults } from '#core/fieldwork/fieldwork-config.ts';
import {
  round2,
  type SurveyAnswer,
  type SurveyResponseLike,
  satisfactionPoints,
  summariseSurvey,
} from '#core/fieldwork/survey-summary.ts';
import { uuidV7 } from '#core/ids.ts';

const likertQuestion = (text = '您对项目总体是否满意？'): SurveyQuestion => ({
  id: uuidV7(),
  text,
  kind: 'LIKERT',
  options: [],
  indicatorId: null,
});

const choiceQuestion = (options: string[]): SurveyQuestion => ({
  id: uuidV7(),
  text: '您平时的出行方式？',
  kind: 'CHOICE',
  options,
  indicatorId: null,
});

const questionnaire = (overrides: Partial<Questionnaire> = {}): Questionnaire => ({
  id: uuidV7(),
  title: '受益对象满意度问卷',
  respondentGroup: 'BENEFICIARY',
  groupWeight: 100,
  minimumSample: 1,
  questions: [likertQuestion()],
  ...overrides,
});

/** One response: the Likert answers in the order of the questionnaire's Likert questions, then the choices. */
const respond = (q: Questionnaire, likerts: (number | null)[], choices: (string | null)[] = []): SurveyResponseLike => {
  const likertIds = q.questions.filter((x) => x.kind === 'LIKERT').map((x) => x.id);
  const choiceIds = q.questions.filter((x) => x.kind === 'CHOICE').map((x) => x.id);
  const answers: SurveyAnswer[] = [
    ...likertIds.map((questionId, i) => ({ questionId, likert: likerts[i] ?? null, choice: null })),
    ...choiceIds.map((questionId, i) => ({ questionId, likert: null, choice: choices[i] ?? null })),
  ];
  return { questionnaireId: q.id, answers };
};

const levels = { 非常满意: 5, 满意: 4, 一般: 3, 不满意: 2, 非常不满意: 1 } as const;
type Tally = Partial<Record<keyof typeof levels, number>>;

/** Responses to a one-question questionnaire, so many of each level. */
const responses = (q: Questionnaire, tally: Tally): SurveyResponseLike[] =>
  Object.entries(tally).flatMap(([level, n]) =>
    Array.from({ length: n }, () => respond(q, [levels[level as keyof typeof levels]])),
  );

const only = (q: Questionnaire, tally: Tally, likertWeights?: readonly number[]) =>
  summariseSurvey([q], responses(q, tally), likertWeights).questionnaires[0]!;

describe('summariseSurvey: one question', () => {
  it('computes the rate version: 非常满意 + 满意 over valid responses', () => {
    const q = questionnaire();
    const s = only(q, { 非常满意: 3, 满意: 4, 一般: 2, 不满意: 1 });
    // (3 + 4) / 10 = 70 %.
    expect(s.rate).toBe(70);
    expect(s.questions[0]!.rate).toBe(70);
    expect(s.questions[0]!.counts).toEqual([0, 1, 2, 4, 3]);
    expect(s.questions[0]!.answered).toBe(10);
    expect([s.returned, s.valid]).toEqual([10, 10]);
  });

  it('computes the score version with the default Likert weights 100/80/60/40/20', () => {
    expect(fieldworkDefaults.likertWeights).toEqual([100, 80, 60, 40, 20]);
    const q = questionnaire();
    // (3×100 + 4×80 + 2×60 + 1×40 + 1×20) / 11 = (300 + 320 + 120 + 40 + 20) / 11 = 800 / 11 = 72.7272… → 72.73.
    const s = only(q, { 非常满意: 3, 满意: 4, 一般: 2, 不满意: 1, 非常不满意: 1 });
    expect(s.score).toBe(72.73);
    // Rate: 7 / 11 = 63.6363…% → 63.64.
    expect(s.rate).toBe(63.64);
  });

  it('scores with other Likert weights, e.g. 100/80/60/30/0', () => {
    const q = questionnaire();
    // (3×100 + 4×80 + 2×60 + 1×30 + 1×0) / 11 = 770 / 11 = 70.
    expect(only(q, { 非常满意: 3, 满意: 4, 一般: 2, 不满意: 1, 非常不满意: 1 }, [100, 80, 60, 30, 0]).score).toBe(70);
  });

  it('gives 100 for all 非常满意 and 0 % / 20 points for all 非常不满意', () => {
    const q = questionnaire();
    expect(only(q, { 非常满意: 4 })).toMatchObject({ rate: 100, score: 100 });
    expect(only(q, { 非常不满意: 4 })).toMatchObject({ rate: 0, score: 20 });
    // 一般 is neither satisfied nor scored full: rate 0 %, score 60.
    expect(only(q, { 一般: 2 })).toMatchObject({ rate: 0, score: 60 });
  });

  it('rounds half up to two decimals: 23 of 160 satisfied is 14.38 %, not 14.37 %', () => {
    const q = questionnaire();
    const s = only(q, { 满意: 23, 一般: 137 });
    // 23 / 160 = 0.14375 → 14.375 % → 14.38.
    expect(s.rate).toBe(14.38);
    // (23×80 + 137×60) / 160 = (1840 + 8220) / 160 = 10060 / 160 = 62.875 → 62.88.
    expect(s.score).toBe(62.88);
  });

  it('has no rate or score without responses', () => {
    const q = questionnaire({ minimumSample: 5 });
    const s = summariseSurvey([q], []).questionnaires[0]!;
    expect(s).toMatchObject({ returned: 0, valid: 0, rate: null, score: null, belowMinimumSample: true });
    expect(s.questions[0]).toMatchObject({ answered: 0, counts: [0, 0, 0, 0, 0], rate: null, score: null });
  });
});

describe('summariseSurvey: several questions', () => {
  it('tallies each Likert question and pools them for the questionnaire', () => {
    const q = questionnaire({ questions: [likertQuestion('路灯亮度'), likertQuestion('维修及时')] });
    const all = [respond(q, [5, 2]), respond(q, [5, 4]), respond(q, [4, 1]), respond(q, [3, 5])];
    const s = summariseSurvey([q], all).questionnaires[0]!;
    const [first, second] = s.questions;
    // Question 1: 5,5,4,3 → rate 3/4 = 75; score (100+100+80+60)/4 = 340/4 = 85.
    expect(first).toMatchObject({ answered: 4, counts: [0, 0, 1, 1, 2], rate: 75, score: 85 });
    // Question 2: 2,4,1,5 → rate 2/4 = 50; score (40+80+20+100)/4 = 240/4 = 60.
    expect(second).toMatchObject({ answered: 4, counts: [1, 1, 0, 1, 1], rate: 50, score: 60 });
    // Pooled: 5 satisfied of 8 answers = 62.5; score (340 + 240) / 8 = 72.5.
    expect(s).toMatchObject({ rate: 62.5, score: 72.5 });
  });

  it('counts as valid only responses that answered every Likert question', () => {
    const q = questionnaire({
      questions: [likertQuestion('路灯亮度'), likertQuestion('维修及时'), choiceQuestion(['步行', '公交'])],
    });
    const skipped: SurveyResponseLike = { questionnaireId: q.id, answers: [respond(q, [5]).answers[0]!] };
    const all = [
      respond(q, [5, 4]),
      respond(q, [4, 4], [null]), // a choice left open does not make a response invalid
      respond(q, [1, null]), // the second Likert question left open
      skipped, // the second Likert question not even present
    ];
    const s = summariseSurvey([q], all).questionnaires[0]!;
    expect([s.returned, s.valid]).toEqual([4, 2]);
    // Only the two valid responses count: question 1 has 5 and 4 (the 1 of the invalid one is left out).
    expect(s.questions[0]).toMatchObject({ answered: 2, counts: [0, 0, 0, 1, 1], rate: 100, score: 90 });
    expect(s.questions[1]).toMatchObject({ answered: 2, counts: [0, 0, 0, 2, 0], rate: 100, score: 80 });
  });

  it('ignores responses to other questionnaires', () => {
    const mine = questionnaire();
    const other = questionnaire();
    const s = summariseSurvey([mine], [...responses(mine, { 满意: 2 }), ...responses(other, { 非常不满意: 5 })]);
    expect(s.questionnaires).toHaveLength(1);
    expect(s.questionnaires[0]).toMatchObject({ returned: 2, valid: 2, rate: 100, score: 80 });
  });

  it('counts choices by option, from every returned response, ignoring blanks and unknown options', () => {
    const q = questionnaire({ questions: [likertQuestion(), choiceQuestion(['步行', '公交', '自驾'])] });
    const all = [
      respond(q, [5], ['公交']),
      respond(q, [4], ['公交']),
      respond(q, [3], ['步行']),
      respond(q, [2], [null]),
      respond(q, [4], ['骑车']), // not an option
      respond(q, [null], ['公交']), // invalid for the Likert part, but the choice was still made
    ];
    const s = summariseSurvey([q], all).questionnaires[0]!;
    expect(s.choices).toEqual([{ questionId: q.questions[1]!.id, counts: { 步行: 1, 公交: 3, 自驾: 0 } }]);
    // Choice questions are not Likert tallies.
    expect(s.questions.map((t) => t.questionId)).toEqual([q.questions[0]!.id]);
  });

  it('has no rate for a questionnaire of choice questions only', () => {
    const q = questionnaire({ questions: [choiceQuestion(['是', '否'])] });
    const s = summariseSurvey([q], [respond(q, [], ['是']), respond(q, [], ['否'])]);
    expect(s.questionnaires[0]).toMatchObject({ returned: 2, valid: 2, rate: null, score: null, questions: [] });
    expect(s.combinedRate).toBeNull();
  });
});

describe('summariseSurvey: minimum sample', () => {
  it('defaults the minimum sample to 30', () => {
    expect(fieldworkDefaults.surveyMinimumSample).toBe(30);
  });

  it('is not below the minimum sample when valid responses exactly reach it', () => {
    const q = questionnaire({ minimumSample: 30 });
    const s = summariseSurvey([q], responses(q, { 满意: 30 }));
    expect(s.questionnaires[0]).toMatchObject({ valid: 30, belowMinimumSample: false });
    expect(s.combinedRate).toBe(100);
  });

  it('flags a questionnaire one valid response short, even with enough returned, and leaves it out', () => {
    const q = questionnaire({ minimumSample: 30 });
    const all = [...responses(q, { 满意: 29 }), respond(q, [null])];
    const s = summariseSurvey([q], all);
    expect(s.questionnaires[0]).toMatchObject({ returned: 30, valid: 29, belowMinimumSample: true });
    // Its own figures are still shown for the evaluator…
    expect(s.questionnaires[0]!.rate).toBe(100);
    // …but it is not used.
    expect(s.combinedRate).toBeNull();
    expect(s.combinedScore).toBeNull();
  });
});

describe('summariseSurvey: combining respondent groups', () => {
  const group = (respondentGroup: RespondentGroup, groupWeight: number, minimumSample: number) =>
    questionnaire({ respondentGroup, groupWeight, minimumSample });

  /** Beneficiaries 60 %, implementers 20 %, the public 20 % (group weights). */
  const setUp = (publicMinimum = 4) => {
    const beneficiaries = group('BENEFICIARY', 60, 10);
    const implementers = group('IMPLEMENTER', 20, 5);
    const publicQ = group('PUBLIC', 20, publicMinimum);
    const all = [
      // rate 9/10 = 90; score (5×100 + 4×80 + 1×60)/10 = 880/10 = 88.
      ...responses(beneficiaries, { 非常满意: 5, 满意: 4, 一般: 1 }),
      // rate 4/5 = 80; score (2×100 + 2×80 + 1×40)/5 = 400/5 = 80.
      ...responses(implementers, { 非常满意: 2, 满意: 2, 不满意: 1 }),
      // rate 2/4 = 50; score (100 + 80 + 60 + 20)/4 = 260/4 = 65.
      ...responses(publicQ, { 非常满意: 1, 满意: 1, 一般: 1, 非常不满意: 1 }),
    ];
    return { questionnaires: [beneficiaries, implementers, publicQ], all };
  };

  it('weights each group by its group weight', () => {
    const { questionnaires, all } = setUp();
    const s = summariseSurvey(questionnaires, all);
    expect(s.questionnaires.map((q) => [q.respondentGroup, q.rate, q.score])).toEqual([
      ['BENEFICIARY', 90, 88],
      ['IMPLEMENTER', 80, 80],
      ['PUBLIC', 50, 65],
    ]);
    // Rate: (90×60 + 80×20 + 50×20) / 100 = (5400 + 1600 + 1000) / 100 = 80.
    expect(s.combinedRate).toBe(80);
    // Score: (88×60 + 80×20 + 65×20) / 100 = (5280 + 1600 + 1300) / 100 = 81.8.
    expect(s.combinedScore).toBe(81.8);
  });

  it('excludes a questionnaire below its minimum sample from the combined result and reweights the rest', () => {
    const { questionnaires, all } = setUp(5); // the public returned 4 of 5 needed
    const s = summariseSurvey(questionnaires, all);
    expect(s.questionnaires.map((q) => q.belowMinimumSample)).toEqual([false, false, true]);
    // Rate: (90×60 + 80×20) / (60 + 20) = 7000 / 80 = 87.5.
    expect(s.combinedRate).toBe(87.5);
    // Score: (88×60 + 80×20) / 80 = 6880 / 80 = 86.
    expect(s.combinedScore).toBe(86);
  });

  it('combines a single usable questionnaire with weight 1, whatever its group weight', () => {
    const beneficiaries = group('BENEFICIARY', 60, 1);
    const implementers = group('IMPLEMENTER', 40, 50);
    const all = [...responses(beneficiaries, { 非常满意: 1, 一般: 1 }), ...responses(implementers, { 满意: 3 })];
    const s = summariseSurvey([beneficiaries, implementers], all);
    // Only the beneficiaries count: rate 1/2 = 50, score (100 + 60)/2 = 80.
    expect([s.combinedRate, s.combinedScore]).toEqual([50, 80]);
    const zero = group('PUBLIC', 0, 1);
    const alone = summariseSurvey([zero], responses(zero, { 满意: 1, 不满意: 1 }));
    // A weight of 0 would divide by zero if it were used: rate 1/2 = 50, score (80 + 40)/2 = 60.
    expect([alone.combinedRate, alone.combinedScore]).toEqual([50, 60]);
  });

  it('rounds the combined result half up: (100 + 45.45) / 2 is 72.73', () => {
    const a = group('BENEFICIARY', 50, 1);
    const b = group('PUBLIC', 50, 1);
    const all = [...responses(a, { 非常满意: 1 }), ...responses(b, { 满意: 5, 一般: 6 })];
    const s = summariseSurvey([a, b], all);
    // b: rate 5/11 = 45.4545… → 45.45; score (5×80 + 6×60)/11 = 760/11 = 69.0909… → 69.09.
    expect(s.questionnaires.map((q) => [q.rate, q.score])).toEqual([
      [100, 100],
      [45.45, 69.09],
    ]);
    // Rate: (100×50 + 45.45×50) / 100 = 72.725 → 72.73. Score: (100 + 69.09) / 2 = 84.545 → 84.55.
    expect(s.combinedRate).toBe(72.73);
    expect(s.combinedScore).toBe(84.55);
  });

  it('has no combined result when no questionnaire reached its minimum sample, or with no questionnaires', () => {
    const { questionnaires, all } = setUp();
    const strict = questionnaires.map((q) => ({ ...q, minimumSample: 100 }));
    expect(summariseSurvey(strict, all)).toMatchObject({ combinedRate: null, combinedScore: null });
    expect(summariseSurvey([], all)).toEqual({ questionnaires: [], combinedRate: null, combinedScore: null });
  });

  it('has no combined result, rather than NaN, when several usable groups all weigh 0', () => {
    const a = group('BENEFICIARY', 0, 1);
    const b = group('PUBLIC', 0, 1);
    const s = summariseSurvey([a, b], [...responses(a, { 满意: 1 }), ...responses(b, { 一般: 1 })]);
    expect([s.combinedRate, s.combinedScore]).toEqual([null, null]);
  });
});

describe('round2', () => {
  it('rounds half up on the two-decimal scale', () => {
    expect(round2(0.125)).toBe(0.13);
    expect(round2(0.124)).toBe(0.12);
    expect(round2(1.005)).toBe(1.01);
    expect(round2(2.675)).toBe(2.68);
    expect(round2(72.725)).toBe(72.73);
    expect(round2(62.875)).toBe(62.88);
    expect(round2(100)).toBe(100);
    expect(round2(0)).toBe(0);
  });

  it('rounds values that carry binary noise from a division the way the exact fraction rounds', () => {
    // 23/160 × 100 is 14.374999999999998 in floating point; the exact value 14.375 rounds up.
    expect(round2((23 / 160) * 100)).toBe(14.38);
    // 2/3 × 100 = 66.666… → 66.67; 1/3 × 100 = 33.333… → 33.33.
    expect(round2((2 / 3) * 100)).toBe(66.67);
    expect(round2((1 / 3) * 100)).toBe(33.33);
  });
});

describe('satisfactionPoints (A ≥ T → w; else w × A/T)', () => {
  it('gives the full weight at or above the target', () => {
    expect(satisfactionPoints(90, 90, 10)).toBe(10);
    expect(satisfactionPoints(95.5, 90, 10)).toBe(10);
  });

  it('scales below the target: the worked example 10 × 86/90 = 9.555… → 9.56', () => {
    expect(satisfactionPoints(86, 90, 10)).toBe(9.56);
    // 8 × 72.73 / 85 = 581.84 / 85 = 6.8451… → 6.85.
    expect(satisfactionPoints(72.73, 85, 8)).toBe(6.85);
    expect(satisfactionPoints(0, 90, 10)).toBe(0);
  });

  it('gives the full weight for a target of 0', () => {
    expect(satisfactionPoints(0, 0, 10)).toBe(10);
  });
});

/** A small seeded generator, so a failing run can be repeated. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const randomTally = (next: () => number, max: number): Tally => ({
  非常满意: Math.floor(next() * max),
  满意: Math.floor(next() * max),
  一般: Math.floor(next() * max),
  不满意: Math.floor(next() * max),
  非常不满意: Math.floor(next() * max) + 1, // at least one response
});

describe('summariseSurvey properties (random input)', () => {
  it('adding a 非常满意 response never lowers the rate or the score; adding a 非常不满意 never raises them', () => {
    const next = random(20250512);
    for (let run = 0; run < 300; run++) {
      const q = questionnaire();
      const tally = randomTally(next, 40);
      const before = only(q, tally);
      const better = only(q, { ...tally, 非常满意: (tally.非常满意 ?? 0) + 1 });
      const worse = only(q, { ...tally, 非常不满意: (tally.非常不满意 ?? 0) + 1 });
      expect(better.rate!).toBeGreaterThanOrEqual(before.rate!);
      expect(better.score!).toBeGreaterThanOrEqual(before.score!);
      expect(worse.rate!).toBeLessThanOrEqual(before.rate!);
      expect(worse.score!).toBeLessThanOrEqual(before.score!);
    }
  });

  it('matches the exact half-up rounding of the fraction, computed in whole numbers', () => {
    const next = random(7);
    for (let run = 0; run < 400; run++) {
      const q = questionnaire();
      const tally = randomTally(next, 200);
      const [v5, v4, v3, v2, v1] = [tally.非常满意!, tally.满意!, tally.一般!, tally.不满意!, tally.非常不满意!];
      const n = v5 + v4 + v3 + v2 + v1;
      // In hundredths: rate = (v5 + v4) × 10000 / n, score = Σ weight × count × 100 / n; half up is
      // floor((2 × numerator + n) / (2n)), all in integers.
      const rateCents = Math.floor((2 * (v5 + v4) * 10_000 + n) / (2 * n));
      const scoreCents = Math.floor((2 * (100 * v5 + 80 * v4 + 60 * v3 + 40 * v2 + 20 * v1) * 100 + n) / (2 * n));
      const s = only(q, tally);
      expect([s.rate, s.score, tally]).toEqual([rateCents / 100, scoreCents / 100, tally]);
    }
  });

  it('keeps the rate within 0–100, the score within 20–100, and the combined result between the groups', () => {
    const next = random(99);
    for (let run = 0; run < 150; run++) {
      const a = questionnaire({ respondentGroup: 'BENEFICIARY', groupWeight: 1 + Math.floor(next() * 98) });
      const b = questionnaire({ respondentGroup: 'PUBLIC', groupWeight: 100 - a.groupWeight });
      const s = summariseSurvey(
        [a, b],
        [...responses(a, randomTally(next, 30)), ...responses(b, randomTally(next, 30))],
      );
      const [sa, sb] = s.questionnaires;
      for (const q of [sa!, sb!]) {
        expect(q.rate!).toBeGreaterThanOrEqual(0);
        expect(q.rate!).toBeLessThanOrEqual(100);
        expect(q.score!).toBeGreaterThanOrEqual(20);
        expect(q.score!).toBeLessThanOrEqual(100);
      }
      expect(s.combinedRate!).toBeGreaterThanOrEqual(Math.min(sa!.rate!, sb!.rate!));
      expect(s.combinedRate!).toBeLessThanOrEqual(Math.max(sa!.rate!, sb!.rate!));
      expect(s.combinedScore!).toBeGreaterThanOrEqual(Math.min(sa!.score!, sb!.score!));
      expect(s.combinedScore!).toBeLessThanOrEqual(Math.max(sa!.score!, sb!.score!));
    }
  });
});
