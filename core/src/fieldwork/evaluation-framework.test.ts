import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  type Engagement,
  type FrameworkIndicator,
  frameworkIndicator,
  type InterviewQuestion,
  type Questionnaire,
  type SurveyQuestion,
  type Weights,
} from '#core/fieldwork/engagement.ts';
import { buildFramework, planProblems, targetText } from '#core/fieldwork/evaluation-framework.ts';
import { evaluationLevel1Codes, fieldworkDefaults } from '#core/fieldwork/fieldwork-config.ts';
import { isUuidV7, uuidV7 } from '#core/ids.ts';
import type { TargetRow } from '#core/submission/performance-target.ts';
import { newTargetRow } from '#core/submission/target-row.ts';

const row = (fields: Partial<Omit<TargetRow, 'rowId'>> = {}): TargetRow =>
  newTargetRow(uuidV7(), { name: '指标', value: '10', unit: '个', weight: 10, scoringStandard: '', ...fields });

/** The approved annual rows of a typical project target: output 50, benefit 30, satisfaction 10 (rule 4, docs/domain/submission.md#weights). */
const approvedRows = (): TargetRow[] => [
  row({ name: '新建路灯数量', level2: 'QUANTITY', value: '1200', unit: '盏', weight: 20 }),
  row({ name: '验收合格率', level2: 'QUALITY', value: '95', unit: '%', weight: 15, scoringStandard: '≥95% 得满分' }),
  row({ name: '按期完工率', level2: 'TIMELINESS', value: '100', unit: '%', weight: 10 }),
  row({ name: '单盏成本', level2: 'COST', operator: 'LTE', value: '3000', unit: '元', weight: 5 }),
  row({
    name: '夜间出行安全',
    level1: 'BENEFIT',
    level2: 'SOCIAL',
    operator: 'QUALITATIVE',
    value: '明显改善',
    unit: '',
    weight: 30,
  }),
  row({ name: '居民满意度', level1: 'SATISFACTION', level2: 'SERVICE_RECIPIENT', value: '90', unit: '%', weight: 10 }),
];

const weights = (overrides: Partial<Weights> = {}): Weights => ({ ...fieldworkDefaults.weights, ...overrides });

const ids = () => {
  const made: string[] = [];
  const newId = () => {
    const id = uuidV7();
    made.push(id);
    return id;
  };
  return { made, newId };
};

const build = (rows: readonly TargetRow[], w: Weights = weights()) => buildFramework(rows, w, ids().newId);

const pointsOf = (framework: FrameworkIndicator[], level: FrameworkIndicator['level1']) =>
  framework.filter((i) => i.level1 === level).map((i) => i.points);

const site = () => ({ id: uuidV7(), name: '和平街道', address: '', latitude: null, longitude: null, note: '' });

type Plan = Pick<Engagement, 'weights' | 'indicators' | 'sites' | 'questionnaires' | 'interviewQuestions'>;
const planOf = (indicators: FrameworkIndicator[], w: Weights = weights()): Plan => ({
  weights: w,
  indicators,
  sites: [site()],
  questionnaires: [],
  interviewQuestions: [],
});

const codes = (plan: Plan) => planProblems(plan).map((e) => `${e.pointer} ${e.code}`);

const likert = (indicatorId: string | null): SurveyQuestion => ({
  id: uuidV7(),
  text: '您对路灯建设是否满意？',
  kind: 'LIKERT',
  options: [],
  indicatorId,
});

const questionnaire = (groupWeight: number, questions: SurveyQuestion[] = [likert(null)]): Questionnaire => ({
  id: uuidV7(),
  title: '满意度问卷',
  respondentGroup: 'BENEFICIARY',
  groupWeight,
  minimumSample: 30,
  questions,
});

describe('targetText', () => {
  it('writes a quantitative target as operator, value and unit', () => {
    expect(targetText({ operator: 'GTE', value: '1200', unit: '人' })).toBe('≥ 1200 人');
    expect(targetText({ operator: 'LTE', value: '100', unit: '万元' })).toBe('≤ 100 万元');
    expect(targetText({ operator: 'EQ', value: '0', unit: '起' })).toBe('= 0 起');
    expect(targetText({ operator: 'GT', value: '5', unit: '个' })).toBe('> 5 个');
    expect(targetText({ operator: 'LT', value: '3', unit: '天' })).toBe('< 3 天');
  });

  it('leaves no trailing space when there is no unit', () => {
    expect(targetText({ operator: 'GTE', value: '95', unit: '' })).toBe('≥ 95');
  });

  it('writes a qualitative target as its wording alone', () => {
    expect(targetText({ operator: 'QUALITATIVE', value: '明显改善', unit: '' })).toBe('明显改善');
  });
});

describe('buildFramework', () => {
  it('orders the indicators decision, process, output, benefit', () => {
    const framework = build(approvedRows());
    const order = framework.map((i) => i.level1);
    expect([...new Set(order)]).toEqual(['DECISION', 'PROCESS', 'OUTPUT', 'BENEFIT']);
    expect(order).toEqual([...order].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  });

  it('writes four decision and four process indicators of its own, each with a standard and a new id', () => {
    const { made, newId } = ids();
    const framework = buildFramework(approvedRows(), weights(), newId);
    const own = framework.filter((i) => i.source === 'ENGAGEMENT');
    expect(own.map((i) => i.level1)).toEqual([...Array(4).fill('DECISION'), ...Array(4).fill('PROCESS')]);
    expect(own.every((i) => i.target === '' && i.claim === null && i.standard.trim() !== '')).toBe(true);
    // The annex's formula indicators are among them.
    expect(own.map((i) => i.name)).toEqual(expect.arrayContaining(['资金到位率', '预算执行率']));
    // Every own indicator has one of the ids the caller made, each a UUIDv7, none twice.
    expect(own.map((i) => i.id).sort()).toEqual([...made].sort());
    expect(new Set(made).size).toBe(8);
    expect(made.every(isUuidV7)).toBe(true);
  });

  it('takes output and benefit from the approved annual rows, keeping their row ids', () => {
    const rows = approvedRows();
    const framework = build(rows);
    const fromTargets = framework.filter((i) => i.source === 'TARGET');
    expect(fromTargets.map((i) => [i.id, i.level1, i.level2, i.name, i.target])).toEqual([
      [rows[0]!.rowId, 'OUTPUT', '产出数量', '新建路灯数量', '≥ 1200 盏'],
      [rows[1]!.rowId, 'OUTPUT', '产出质量', '验收合格率', '≥ 95 %'],
      [rows[2]!.rowId, 'OUTPUT', '产出时效', '按期完工率', '≥ 100 %'],
      [rows[3]!.rowId, 'OUTPUT', '产出成本', '单盏成本', '≤ 3000 元'],
      // Satisfaction counts as benefit in the key-evaluation framework (docs/domain/fieldwork.md#the-evaluation-framework).
      [rows[4]!.rowId, 'BENEFIT', '社会效益', '夜间出行安全', '明显改善'],
      [rows[5]!.rowId, 'BENEFIT', '满意度', '居民满意度', '≥ 90 %'],
    ]);
    expect(fromTargets.every((i) => i.claim === null)).toBe(true);
  });

  it('keeps a row’s own scoring standard and gives the proportional standard to a row without one', () => {
    const framework = build(approvedRows());
    expect(framework.find((i) => i.name === '验收合格率')!.standard).toBe('≥95% 得满分');
    expect(framework.find((i) => i.name === '新建路灯数量')!.standard).toBe(
      '达到目标值得满分；未达到的按实际完成值 ÷ 目标值 × 分值计分',
    );
  });

  it('leaves out medium-term rows', () => {
    const medium = row({ name: '三年累计路灯', period: 'MEDIUM_TERM', weight: 40 });
    const framework = build([...approvedRows(), medium]);
    expect(framework.some((i) => i.id === medium.rowId || i.name === '三年累计路灯')).toBe(false);
    // …and they take no points: output is still 30 over 20/15/10/5.
    expect(pointsOf(framework, 'OUTPUT')).toEqual([12, 9, 6, 3]);
  });

  it('spreads each level’s weight by the rows’ self-evaluation weights (20/20/30/30)', () => {
    const framework = build(approvedRows());
    // Decision 20 over four equal own indicators: 20 / 4 = 5 each; process likewise.
    expect(pointsOf(framework, 'DECISION')).toEqual([5, 5, 5, 5]);
    expect(pointsOf(framework, 'PROCESS')).toEqual([5, 5, 5, 5]);
    // Output 30 over 20/15/10/5 (sum 50): 30×20/50 = 12, 30×15/50 = 9, 30×10/50 = 6, 30×5/50 = 3.
    expect(pointsOf(framework, 'OUTPUT')).toEqual([12, 9, 6, 3]);
    // Benefit 30 over 30 (social) and 10 (satisfaction), sum 40: 30×30/40 = 22.5, 30×10/40 = 7.5.
    expect(pointsOf(framework, 'BENEFIT')).toEqual([22.5, 7.5]);
  });

  it('gives each indicator its exact share when that share is a whole number of hundredths', () => {
    const rows = [
      row({ level2: 'QUANTITY', weight: 57 }),
      row({ level2: 'QUALITY', weight: 43 }),
      row({ level1: 'BENEFIT', level2: 'SOCIAL', weight: 3 }),
      row({ level1: 'BENEFIT', level2: 'ECONOMIC', weight: 2 }),
    ];
    const framework = build(rows, weights({ OUTPUT: 30, BENEFIT: 3 }));
    // 30 × 57/100 = 17.1 and 30 × 43/100 = 12.9.
    expect(pointsOf(framework, 'OUTPUT')).toEqual([17.1, 12.9]);
    // 3 × 3/5 = 1.8 and 3 × 2/5 = 1.2.
    expect(pointsOf(framework, 'BENEFIT')).toEqual([1.8, 1.2]);
  });

  it('rounds shares down to the hundredth and puts the remainder on the last indicator', () => {
    const rows = Array.from({ length: 7 }, () => row({ level1: 'BENEFIT', level2: 'SOCIAL', weight: 1 }));
    // 30 / 7 = 4.2857… → 4.28 for the first six (25.68); the last takes 30 − 25.68 = 4.32.
    expect(pointsOf(build(rows), 'BENEFIT')).toEqual([4.28, 4.28, 4.28, 4.28, 4.28, 4.28, 4.32]);
    // Decision 33.3 over four: 8.325 → 8.32 three times (24.96); the last 33.3 − 24.96 = 8.34.
    expect(pointsOf(build(rows, weights({ DECISION: 33.3 })), 'DECISION')).toEqual([8.32, 8.32, 8.32, 8.34]);
  });

  it('counts a row weighted 0 as one share, so it still gets points', () => {
    const rows = [row({ level2: 'QUANTITY', weight: 0 }), row({ level2: 'QUALITY', weight: 3 })];
    // Shares 1 and 3: 30 × 1/4 = 7.5, 30 × 3/4 = 22.5.
    expect(pointsOf(build(rows), 'OUTPUT')).toEqual([7.5, 22.5]);
    const zeros = [row({ level2: 'QUANTITY', weight: 0 }), row({ level2: 'QUALITY', weight: 0 })];
    expect(pointsOf(build(zeros), 'OUTPUT')).toEqual([15, 15]);
  });

  it('has no output indicators without annual output rows, which the plan check then reports', () => {
    const rows = approvedRows().filter((r) => r.level1 !== 'OUTPUT');
    const framework = build(rows);
    expect(pointsOf(framework, 'OUTPUT')).toEqual([]);
    expect(codes(planOf(framework))).toEqual(['/weights/OUTPUT level_points_mismatch']);
  });

  it('builds indicators that the engagement schema accepts and a plan with no problems', () => {
    const framework = build(approvedRows());
    for (const indicator of framework) expect(v.safeParse(frameworkIndicator, indicator).success).toBe(true);
    expect(framework.every((i) => !('share' in i))).toBe(true);
    expect(codes(planOf(framework))).toEqual([]);
  });
});

describe('planProblems (rule 10 and the plan’s own sense)', () => {
  const framework = () => build(approvedRows());

  it('refuses level-1 weights totalling 99.99 or 100.01, and accepts exactly 100', () => {
    // Built with the same weights, so each level's points match and only the total is wrong.
    const low = weights({ DECISION: 19.99 });
    expect(codes(planOf(build(approvedRows(), low), low))).toEqual(['/weights weights_total_100']);
    const high = weights({ OUTPUT: 30.01 });
    expect(codes(planOf(build(approvedRows(), high), high))).toEqual(['/weights weights_total_100']);
    expect(codes(planOf(framework()))).toEqual([]);
  });

  it('accepts a total of 100 reached through decimals despite floating-point sums', () => {
    // 10.1 + 20.2 + 30.3 + 39.4 = 100 (99.99999999999999 in floating point).
    const w = { DECISION: 10.1, PROCESS: 20.2, OUTPUT: 30.3, BENEFIT: 39.4 };
    expect(codes(planOf(build(approvedRows(), w), w))).toEqual([]);
  });

  it('refuses a level whose indicator points do not total its weight', () => {
    const indicators = framework();
    const first = indicators.findIndex((i) => i.level1 === 'OUTPUT');
    indicators[first] = { ...indicators[first]!, points: indicators[first]!.points - 0.01 };
    expect(codes(planOf(indicators))).toEqual(['/weights/OUTPUT level_points_mismatch']);
  });

  it('needs a scoring standard on every indicator', () => {
    const indicators = framework();
    indicators[2] = { ...indicators[2]!, standard: '  ' };
    expect(codes(planOf(indicators))).toEqual(['/indicators/2/standard standard_required']);
  });

  it('needs a site to visit', () => {
    expect(codes({ ...planOf(framework()), sites: [] })).toEqual(['/sites site_required']);
  });

  it('refuses an indicator id used twice', () => {
    const indicators = framework();
    const last = indicators.length - 1;
    indicators[last] = { ...indicators[last]!, id: indicators[0]!.id };
    expect(codes(planOf(indicators))).toEqual(['/indicators duplicate_id']);
  });

  it('refuses an interview question pointing at an indicator not in the framework', () => {
    const indicators = framework();
    const outline: InterviewQuestion[] = [
      { id: uuidV7(), text: '资金是否按时到位？', indicatorIds: [indicators[4]!.id] },
      { id: uuidV7(), text: '有无挪用？', indicatorIds: [indicators[5]!.id, uuidV7()] },
      { id: uuidV7(), text: '其他意见', indicatorIds: [] },
    ];
    expect(codes({ ...planOf(indicators), interviewQuestions: outline })).toEqual([
      '/interviewQuestions/1 unknown_indicator',
    ]);
  });

  it('refuses a questionnaire question pointing at an unknown indicator, and a choice with one option', () => {
    const indicators = framework();
    const satisfaction = indicators.find((i) => i.level2 === '满意度')!.id;
    const q = questionnaire(100, [
      likert(satisfaction),
      likert(null),
      likert(uuidV7()),
      { id: uuidV7(), text: '出行方式', kind: 'CHOICE', options: ['步行'], indicatorId: null },
      { id: uuidV7(), text: '是否夜间出行', kind: 'CHOICE', options: ['是', '否'], indicatorId: null },
    ]);
    expect(codes({ ...planOf(indicators), questionnaires: [q] })).toEqual([
      '/questionnaires/0/questions/2 unknown_indicator',
      '/questionnaires/0/questions/3 choice_options',
    ]);
  });

  it('takes any group weight for a single questionnaire, and needs several to total 100', () => {
    const plan = planOf(framework());
    expect(codes({ ...plan, questionnaires: [questionnaire(40)] })).toEqual([]);
    expect(codes({ ...plan, questionnaires: [questionnaire(60), questionnaire(20), questionnaire(20)] })).toEqual([]);
    expect(codes({ ...plan, questionnaires: [questionnaire(60), questionnaire(39.99)] })).toEqual([
      '/questionnaires group_weights_100',
    ]);
    expect(codes({ ...plan, questionnaires: [questionnaire(60), questionnaire(40.01)] })).toEqual([
      '/questionnaires group_weights_100',
    ]);
  });

  it('refuses a questionnaire id or a question id used twice, as it promises', () => {
    const plan = planOf(framework());
    const a = questionnaire(50);
    expect(codes({ ...plan, questionnaires: [a, { ...questionnaire(50), id: a.id }] })).toEqual([
      '/questionnaires duplicate_id',
    ]);
    const repeated = likert(null);
    expect(codes({ ...plan, questionnaires: [questionnaire(100, [repeated, likert(null), repeated])] })).toEqual([
      '/questionnaires/0/questions duplicate_id',
    ]);
    const asked = { id: uuidV7(), text: '资金是否到位？', indicatorIds: [] };
    expect(codes({ ...plan, interviewQuestions: [asked, { ...asked, text: '有无挪用？' }] })).toEqual([
      '/interviewQuestions duplicate_id',
    ]);
  });

  it('reports every problem at once', () => {
    const indicators = framework();
    indicators[0] = { ...indicators[0]!, standard: '' };
    const plan = { ...planOf(indicators, weights({ BENEFIT: 40 })), sites: [] };
    expect(codes(plan)).toEqual([
      '/weights weights_total_100',
      '/weights/BENEFIT level_points_mismatch',
      '/indicators/0/standard standard_required',
      '/sites site_required',
    ]);
  });
});

/** A small seeded generator, so a failing run can be repeated. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe('buildFramework properties (random input)', () => {
  it('always gives each level points that total its weight, in hundredths, each within its exact share', () => {
    const next = random(4242);
    const int = (max: number) => Math.floor(next() * (max + 1));
    for (let run = 0; run < 500; run++) {
      // Four weights in tenths of a point that total 100: three cuts of 0…1000 tenths.
      const cuts = [int(1000), int(1000), int(1000)].sort((a, b) => a - b);
      const tenths = [cuts[0]!, cuts[1]! - cuts[0]!, cuts[2]! - cuts[1]!, 1000 - cuts[2]!];
      const w: Weights = {
        DECISION: tenths[0]! / 10,
        PROCESS: tenths[1]! / 10,
        OUTPUT: tenths[2]! / 10,
        BENEFIT: tenths[3]! / 10,
      };
      const rows = Array.from({ length: 1 + int(9) }, (_, i) =>
        row({
          level1: (['OUTPUT', 'BENEFIT', 'SATISFACTION'] as const)[i % 3]!,
          level2: i % 3 === 0 ? 'QUANTITY' : 'SOCIAL',
          weight: int(30),
        }),
      );
      if (!rows.some((r) => r.level1 !== 'OUTPUT')) rows.push(row({ level1: 'BENEFIT', level2: 'SOCIAL' }));
      const framework = buildFramework(rows, w, uuidV7);
      evaluationLevel1Codes.forEach((level, l) => {
        const points = pointsOf(framework, level);
        const cents = points.map((p) => Math.round(p * 100));
        // Every value is a whole number of hundredths, not negative.
        points.forEach((p, i) => {
          expect(Math.abs(p * 100 - cents[i]!)).toBeLessThan(1e-6);
          expect(p).toBeGreaterThanOrEqual(0);
        });
        // The level's points total its weight exactly, in hundredths (weight in tenths × 10).
        expect(cents.reduce((a, b) => a + b, 0)).toBe(tenths[l]! * 10);
        // All but the last get their share rounded down to the hundredth, worked out in whole numbers.
        const shares =
          level === 'DECISION' || level === 'PROCESS'
            ? [1, 1, 1, 1]
            : rows
                .filter((r) => (level === 'OUTPUT' ? r.level1 === 'OUTPUT' : r.level1 !== 'OUTPUT'))
                .map((r) => (r.weight > 0 ? r.weight : 1));
        const sum = shares.reduce((a, b) => a + b, 0);
        const expected = shares.map((s) => Math.floor((s * tenths[l]! * 10) / sum));
        expect(cents.slice(0, -1)).toEqual(expected.slice(0, -1));
      });
      expect(codes(planOf(framework, w))).toEqual([]);
    }
  });
});
