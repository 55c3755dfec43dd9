import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  type DepartmentFramework,
  departmentFramework,
  frameworkErrors,
  frameworkIndicators,
  labelText,
} from '#core/department-evaluation/department-framework.ts';
import { copyTemplate } from '#core/department-evaluation/framework-templates.ts';

const judgement = (code: string, points: number) => ({
  code,
  kind: 'JUDGEMENT' as const,
  name: { 'zh-CN': `指标${code}`, en: '' },
  points,
  standard: { 'zh-CN': '酌情扣分', en: 'As judged' },
});
const small = (points: number[][][]): DepartmentFramework => ({
  name: { 'zh-CN': '测试框架', en: 'Test' },
  basis: { 'zh-CN': '测试', en: '' },
  basedOn: null,
  fiscalYear: 2026,
  level1: points.map((l2s, i) => ({
    code: `L${i}`,
    name: { 'zh-CN': `一级${i}`, en: `Level 1 no. ${i}` },
    points: l2s.flat().reduce((a, b) => a + b, 0),
    children: l2s.map((l3s, j) => ({
      code: `L${i}_${j}`,
      name: { 'zh-CN': `二级${i}${j}`, en: '' },
      points: l3s.reduce((a, b) => a + b, 0),
      indicators: l3s.map((p, k) => judgement(`I${i}${j}${k}`, p)),
    })),
  })),
});

describe('framework weights (docs/domain/self-evaluation.md)', () => {
  it('accepts points that add up at every level, in hundredths exactly', () => {
    const f = small([[[10.1, 19.9], [20]], [[33.33, 16.67]]]);
    expect(v.safeParse(departmentFramework, f).success).toBe(true);
    expect(frameworkErrors(f, 'zh-CN')).toEqual([]);
  });

  it('says which level does not add up, by how much, in the reader’s language', () => {
    const f = small([[[10, 20], [20]], [[30, 20]]]);
    f.level1[0]!.points = 45;
    f.level1[1]!.children[0]!.points = 49.5;
    expect(frameworkErrors(f, 'zh-CN')).toEqual([
      { pointer: '/level1', code: 'weights_total', message: '一级指标的分值合计应为 100 分，当前为 95 分' },
      {
        pointer: '/level1/0/children',
        code: 'weights_total',
        message: '“一级0”下的二级指标的分值合计应为 45 分，当前为 50 分',
      },
      {
        pointer: '/level1/1/children',
        code: 'weights_total',
        message: '“一级1”下的二级指标的分值合计应为 50 分，当前为 49.5 分',
      },
      {
        pointer: '/level1/1/children/0/indicators',
        code: 'weights_total',
        message: '“二级10”下的三级指标的分值合计应为 49.5 分，当前为 50 分',
      },
    ]);
    expect(frameworkErrors(f, 'en').map((e) => e.message)).toEqual([
      'The points of the level-1 indicators must add up to 100; they add up to 95',
      'The points of the level 2 under “Level 1 no. 0” must add up to 45; they add up to 50',
      'The points of the level 2 under “Level 1 no. 1” must add up to 50; they add up to 49.5',
      'The points of the level 3 under “二级10” must add up to 49.5; they add up to 50',
    ]);
  });

  it('refuses a code used twice and an indicator worth nothing', () => {
    const f = small([[[50, 0]], [[50]]]);
    f.level1[1]!.children[0]!.indicators[0]!.code = 'I000';
    f.level1[1]!.code = 'L0';
    f.level1[1]!.children[0]!.code = 'L0_0';
    expect(frameworkErrors(f, 'zh-CN')).toEqual([
      {
        pointer: '/level1/0/children/0/indicators/1/points',
        code: 'zero_points',
        message: '三级指标“指标I001”的分值应大于 0',
      },
      { pointer: '/level1/1/code', code: 'duplicate_code', message: '指标编码 L0 重复' },
      { pointer: '/level1/1/children/0/code', code: 'duplicate_code', message: '指标编码 L0_0 重复' },
      { pointer: '/level1/1/children/0/indicators/0/code', code: 'duplicate_code', message: '指标编码 I000 重复' },
    ]);
    expect(frameworkErrors(f, 'en').map((e) => e.message)).toEqual([
      'The indicator “指标I001” must be worth more than 0',
      'The code L0 is used twice',
      'The code L0_0 is used twice',
      'The code I000 is used twice',
    ]);
  });

  it('lists every level-3 indicator with its place and pointer', () => {
    const f = small([[[60], [20]], [[20]]]);
    expect(
      frameworkIndicators(f).map(({ level1, level2, indicator, pointer }) => [level1, level2, indicator.code, pointer]),
    ).toEqual([
      ['L0', 'L0_0', 'I000', '/level1/0/children/0/indicators/0'],
      ['L0', 'L0_1', 'I010', '/level1/0/children/1/indicators/0'],
      ['L1', 'L1_0', 'I100', '/level1/1/children/0/indicators/0'],
    ]);
  });

  it('shows the Chinese where a name has no English', () => {
    expect(labelText({ 'zh-CN': '投入', en: '' }, 'en')).toBe('投入');
    expect(labelText({ 'zh-CN': '投入', en: 'Input' }, 'en')).toBe('Input');
    expect(labelText({ 'zh-CN': '投入', en: 'Input' }, 'zh-CN')).toBe('投入');
  });

  it('is data a tenant edits: the schema refuses what cannot be scored', () => {
    const ok = (f: unknown) => v.safeParse(departmentFramework, f).success;
    const f = copyTemplate('NATIONAL_2013', 2027);
    expect(ok(f)).toBe(true);
    expect(ok({ ...f, level1: [] })).toBe(false);
    expect(ok({ ...f, fiscalYear: 1999 })).toBe(false);
    expect(ok({ ...f, basedOn: 'OTHER' })).toBe(false);
    const withIndicator = (indicator: Record<string, unknown>) => {
      const copy = structuredClone(f);
      Object.assign(copy.level1[0]!.children[0]!.indicators[0]!, indicator);
      return ok(copy);
    };
    expect(withIndicator({ points: 2.555 })).toBe(false);
    expect(withIndicator({ points: -1 })).toBe(false);
    expect(withIndicator({ code: 'lower' })).toBe(false);
    expect(withIndicator({ code: 'xA' })).toBe(false);
    expect(withIndicator({ code: 'Ab' })).toBe(false);
    expect(withIndicator({ code: `A${'B'.repeat(39)}` })).toBe(true);
    const messages = (indicator: Record<string, unknown>) => {
      const copy = structuredClone(f);
      Object.assign(copy.level1[0]!.children[0]!.indicators[0]!, indicator);
      return v.safeParse(departmentFramework, copy).issues?.map((i) => i.message);
    };
    expect(messages({ code: 'a' })).toEqual(['code']);
    expect(messages({ points: 1.001 })).toEqual(['two_decimals']);
    expect(withIndicator({ name: { 'zh-CN': '', en: '' } })).toBe(false);
    expect(withIndicator({ kind: 'FORMULA' })).toBe(false);
    const formula = structuredClone(f);
    formula.level1[0]!.children[0]!.indicators[0] = {
      code: 'TARGET_REASONABLE',
      kind: 'FORMULA',
      name: { 'zh-CN': '在职人员控制率', en: '' },
      points: 2,
      formula: 'STAFF_CONTROL',
      rule: { direction: 'AT_MOST', thresholdPct: 100, shortfall: { kind: 'ZERO' } },
    };
    expect(ok(formula)).toBe(true);
  });
});
