import { planProblems } from '@jixiao/core/fieldwork/evaluation-framework.ts';
import { describe, expect, it } from 'vitest';
import {
  balanced,
  draftOf,
  levelPoints,
  newIndicator,
  newQuestionnaire,
  newSite,
  type PlanDraft,
  planBody,
  problemTexts,
  samePlan,
  weightTotal,
  withIndicator,
  withoutIndicator,
} from '#lib/engagements/plan-draft.ts';

const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

const plan = (): PlanDraft => ({
  weights: { DECISION: 20, PROCESS: 20, OUTPUT: 30, BENEFIT: 30 },
  indicators: [
    { ...newIndicator(id(1), 'DECISION'), name: '立项', level2: '项目立项', points: 20, standard: '满分' },
    { ...newIndicator(id(2), 'PROCESS'), name: '执行率', level2: '资金管理', points: 20, standard: '满分' },
    { ...newIndicator(id(3), 'OUTPUT'), name: '覆盖', level2: '产出数量', points: 17.1, standard: '满分' },
    { ...newIndicator(id(4), 'OUTPUT'), name: '及时', level2: '产出时效', points: 12.9, standard: '满分' },
    { ...newIndicator(id(5), 'BENEFIT'), name: '满意度', level2: '满意度', points: 30, standard: '满分' },
  ],
  sites: [{ ...newSite(id(6)), name: '成林道小区' }],
  sampling: { population: '', method: 'JUDGEMENTAL', note: '' },
  interviewQuestions: [{ id: id(7), text: '补贴是否到位？', indicatorIds: [id(2), id(3)] }],
  questionnaires: [
    {
      ...newQuestionnaire(id(8), id(9), []),
      title: '居民满意度',
      questions: [{ id: id(9), text: '满意吗？', kind: 'LIKERT', options: [], indicatorId: id(5) }],
    },
  ],
  gpsAccuracyLimitMetres: 50,
});

describe('the live sums', () => {
  it('adds the weights and each level’s points to two decimals, empty inputs counting as nothing', () => {
    const p = plan();
    expect(weightTotal(p.weights)).toBe(100);
    expect(levelPoints(p.indicators)).toEqual({ DECISION: 20, PROCESS: 20, OUTPUT: 30, BENEFIT: 30 });
    expect(weightTotal({ ...p.weights, BENEFIT: null as unknown as number })).toBe(70);
    expect(
      levelPoints([
        { level1: 'OUTPUT', points: 0.1 },
        { level1: 'OUTPUT', points: 0.2 },
      ]).OUTPUT,
    ).toBe(0.3);
    expect(balanced(30, 29.999)).toBe(true);
    expect(balanced(30, 29.99)).toBe(false);
    expect(planProblems(p)).toEqual([]);
  });
});

describe('editing the plan', () => {
  it('inserts a new indicator after its level and removes one with every link to it', () => {
    const p = withIndicator(plan(), newIndicator(id(10), 'PROCESS'));
    expect(p.indicators.map((i) => i.id)).toEqual([id(1), id(2), id(10), id(3), id(4), id(5)]);
    const q = withoutIndicator(plan(), id(2));
    expect(q.indicators.map((i) => i.id)).not.toContain(id(2));
    expect(q.interviewQuestions[0]?.indicatorIds).toEqual([id(3)]);
    const r = withoutIndicator(plan(), id(5));
    expect(r.questionnaires[0]?.questions[0]?.indicatorId).toBeNull();
  });

  it('copies the stored plan deeply, and compares drafts by what would be sent', () => {
    const stored = plan();
    const draft = draftOf(stored);
    draft.weights.DECISION = 15;
    expect(stored.weights.DECISION).toBe(20);
    const a = draftOf(stored);
    const b = draftOf(stored);
    b.questionnaires[0]!.questions[0] = {
      ...b.questionnaires[0]!.questions[0]!,
      kind: 'CHOICE',
      options: [' 是', '', '否 '],
    };
    expect(planBody(b).questionnaires[0]?.questions[0]?.options).toEqual(['是', '否']);
    expect(samePlan(a, b)).toBe(false);
    expect(samePlan(a, draftOf(stored))).toBe(true);
  });

  it('copies a plan held in Svelte state too (a proxy, which structuredClone refuses)', () => {
    const proxied = new Proxy(plan(), {});
    expect(() => structuredClone(proxied)).toThrow();
    expect(draftOf(proxied)).toEqual(plan());
  });

  it('gives a second questionnaire no group weight, for the person to share out', () => {
    const first = newQuestionnaire(id(11), id(12), []);
    expect(first.groupWeight).toBe(100);
    expect(newQuestionnaire(id(13), id(14), [first]).groupWeight).toBe(0);
  });
});

describe('problemTexts', () => {
  it('words core’s plan problems once each, naming the level whose points do not add up', () => {
    const p = plan();
    p.weights.BENEFIT = 31;
    p.indicators[0]!.standard = '';
    p.indicators[1]!.standard = ' ';
    p.sites = [];
    const texts = problemTexts(planProblems(p), 'zh-CN', (l) => ({ BENEFIT: '效益' })[l as 'BENEFIT'] ?? l);
    expect(texts).toEqual([
      '一级指标权重合计应为 100 分',
      '效益：该一级指标下各指标分值之和应等于其权重',
      '每项指标都须有评分标准',
      '评价方案至少要有一个核查点位',
    ]);
  });
});
