import { describe, expect, it } from 'vitest';
import { frameworkIndicators } from '#core/department-evaluation/department-framework.ts';
import { copyTemplate } from '#core/department-evaluation/framework-templates.ts';
import { planProblems } from '#core/fieldwork/evaluation-framework.ts';
import { uuidV7 } from '#core/ids.ts';
import { departmentEngagementFramework } from '#core/key-evaluation/department-engagement-framework.ts';

const newId = () => uuidV7();

describe('departmentEngagementFramework', () => {
  it('lays the national framework (投入/过程/产出/效果) onto the four levels with its points and names', () => {
    const framework = copyTemplate('NATIONAL_2013', 2026);
    const built = departmentEngagementFramework(framework, newId)!;
    expect(built.weights).toEqual({ DECISION: 10, PROCESS: 60, OUTPUT: 15, BENEFIT: 15 });
    expect(built.levelNames).toMatchObject({
      DECISION: { 'zh-CN': '投入' },
      PROCESS: { 'zh-CN': '过程' },
      OUTPUT: { 'zh-CN': '产出' },
      BENEFIT: { 'zh-CN': '效果' },
    });
    expect(built.indicators).toHaveLength(frameworkIndicators(framework).length);
    const completion = built.indicators.find((i) => i.name === '预算完成率')!;
    expect(completion).toMatchObject({ level1: 'PROCESS', source: 'ENGAGEMENT', target: '≥ 100%' });
    expect(completion.standard).toContain('≥ 100% 得满分');
    // Every level's points add up to its weight, every indicator has a standard: the plan can be approved as built.
    const plan = {
      weights: built.weights,
      indicators: built.indicators,
      sites: [{ id: newId(), name: '部门机关', address: '', latitude: null, longitude: null, note: '' }],
      sampling: { population: '', method: 'JUDGEMENTAL' as const, note: '' },
      interviewQuestions: [],
      questionnaires: [],
      gpsAccuracyLimitMetres: 50,
    };
    expect(planProblems(plan)).toEqual([]);
  });

  it('leaves the fourth level empty for a three-level framework (四川: 部门决策/综合管理/部门绩效)', () => {
    const built = departmentEngagementFramework(copyTemplate('SICHUAN', 2026), newId)!;
    expect(built.weights).toEqual({ DECISION: 25, PROCESS: 30, OUTPUT: 45, BENEFIT: 0 });
    expect(built.levelNames.BENEFIT).toBeUndefined();
    expect(built.indicators.filter((i) => i.level1 === 'BENEFIT')).toEqual([]);
  });

  it("shows the department's own self-evaluation score beside each indicator it scored", () => {
    const framework = copyTemplate('NATIONAL_2013', 2026);
    const first = frameworkIndicators(framework)[0]!.indicator;
    const built = departmentEngagementFramework(framework, newId, new Map([[first.code, '自评 4.5 分']]))!;
    expect(built.indicators[0]!.claim).toEqual({ source: 'SELF_EVALUATION', value: '自评 4.5 分' });
    expect(built.indicators[1]!.claim).toBeNull();
  });

  it('refuses a framework with more level-1 groups than an engagement has levels', () => {
    const framework = copyTemplate('NATIONAL_2013', 2026);
    const five = { ...framework, level1: [...framework.level1, { ...framework.level1[0]!, code: 'EXTRA' }] };
    expect(departmentEngagementFramework(five, newId)).toBeUndefined();
  });
});
