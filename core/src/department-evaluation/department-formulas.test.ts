import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { sampleFigures, wan } from '#core/department-evaluation/department-example.ts';
import {
  type DepartmentFigures,
  departmentFiguresSchema,
  figureText,
  wanText,
} from '#core/department-evaluation/department-figures.ts';
import { departmentFormulas, formulaCodes, formulaValue } from '#core/department-evaluation/department-formulas.ts';
import { ratio } from '#core/monitoring/exact-ratio.ts';

const computed = (code: (typeof formulaCodes)[number], figures: DepartmentFigures = sampleFigures) => {
  const result = formulaValue(code, figures);
  if (!result.computable) throw new Error(result.reason.en);
  return result;
};

describe('formula indicators of the department sheet, exactly (docs/domain/self-evaluation.md)', () => {
  it('computes every rate as an exact fraction of the figures', () => {
    expect(computed('BUDGET_COMPLETION').value).toEqual(ratio(1200_000_000 - 43_200_000, 1200_000_000));
    expect(computed('BUDGET_ADJUSTMENT').value).toEqual(ratio(15, 100));
    expect(computed('PAYMENT_PROGRESS').value).toEqual(ratio(1080, 1100));
    expect(computed('CARRY_OVER_BALANCE').value).toEqual(ratio(432, 12_000));
    expect(computed('CARRY_OVER_BALANCE_CHANGE').value).toEqual(ratio(432 - 1200, 1200));
    expect(computed('PUBLIC_FUNDS_CONTROL').value).toEqual(ratio(585, 600));
    expect(computed('THREE_PUBLIC_CONTROL').value).toEqual(ratio(114, 120));
    expect(computed('THREE_PUBLIC_CHANGE').value).toEqual(ratio(-6, 120));
    expect(computed('PROCUREMENT_EXECUTION').value).toEqual(ratio(19, 20));
    expect(computed('STAFF_CONTROL').value).toEqual(ratio(48, 50));
    expect(computed('KEY_SPENDING_SHARE').value).toEqual(ratio(6, 10));
    expect(computed('FIXED_ASSET_UTILISATION').value).toEqual(ratio(93, 100));
  });

  it('writes out each formula with its figures, in 万元 and heads', () => {
    expect(computed('BUDGET_COMPLETION').expression).toEqual({
      'zh-CN':
        '预算完成率 = (上年结转结余 120 万元 + 年初预算 1,000 万元 + 年中追加（减） 80 万元 − 年末结转结余 43.2 万元) ÷ (上年结转结余 120 万元 + 年初预算 1,000 万元 + 年中追加（减） 80 万元)',
      en: 'Budget completion rate = (carried over from last year 120 万元 + initial budget 1,000 万元 + supplementary (net) 80 万元 − year-end carry-over and balance 43.2 万元) ÷ (carried over from last year 120 万元 + initial budget 1,000 万元 + supplementary (net) 80 万元)',
    });
    expect(computed('STAFF_CONTROL').expression).toEqual({
      'zh-CN': '在职人员控制率 = 在职人员数 48 人 ÷ 编制数 50 人',
      en: 'Staff control rate = staff in post 48 ÷ authorised posts 50',
    });
    expect(computed('THREE_PUBLIC_CHANGE').expression['zh-CN']).toBe(
      '“三公经费”变动率 = (三公经费支出数 11.4 万元 − 上年三公经费支出数 12 万元) ÷ 上年三公经费支出数 12 万元',
    );
  });

  it('takes a net cut of the budget (追减) as a negative supplementary figure', () => {
    const cut = { ...sampleFigures, supplementaryFen: -wan(20) };
    expect(computed('BUDGET_COMPLETION', cut).value).toEqual(ratio(11_000 - 432, 11_000));
    expect(computed('BUDGET_COMPLETION', cut).expression['zh-CN']).toContain('+ 年中追加（减） −20 万元');
  });

  it('is not computable when a figure is missing, and names every missing figure', () => {
    const { yearEndBalanceFen: _, ...missing } = sampleFigures;
    expect(formulaValue('BUDGET_COMPLETION', missing)).toEqual({
      computable: false,
      missing: ['yearEndBalanceFen'],
      reason: {
        'zh-CN': '预算完成率无法计算：缺少年末结转结余',
        en: 'Budget completion rate cannot be computed: year-end carry-over and balance missing',
      },
    });
    expect(formulaValue('STAFF_CONTROL', { ...sampleFigures, staffInPost: null, authorisedPosts: null })).toMatchObject(
      {
        computable: false,
        missing: ['staffInPost', 'authorisedPosts'],
        reason: {
          'zh-CN': '在职人员控制率无法计算：缺少在职人员数、编制数',
          en: 'Staff control rate cannot be computed: staff in post, authorised posts missing',
        },
      },
    );
    expect(formulaValue('BUDGET_ADJUSTMENT', {})).toMatchObject({ missing: ['adjustmentFen', 'initialBudgetFen'] });
  });

  it('is not computable when the denominator is 0 (no "three public" spending last year)', () => {
    expect(formulaValue('THREE_PUBLIC_CHANGE', { ...sampleFigures, threePublicLastYearFen: 0 })).toEqual({
      computable: false,
      missing: [],
      reason: {
        'zh-CN': '“三公经费”变动率无法计算：分母上年三公经费支出数 0 万元为 0',
        en: 'Change in "three public" expenses cannot be computed: the denominator "three public" spent last year 0 万元 is 0',
      },
    });
    const nothing = { ...sampleFigures, carryOverFen: 0, initialBudgetFen: 0, supplementaryFen: 0 };
    expect(formulaValue('BUDGET_COMPLETION', nothing)).toMatchObject({ computable: false, missing: [] });
    expect(formulaValue('STAFF_CONTROL', { ...sampleFigures, authorisedPosts: 0 })).toMatchObject({
      computable: false,
    });
  });

  it('defines every formula in both languages', () => {
    for (const code of formulaCodes) {
      const { name, definition } = departmentFormulas[code];
      expect(definition['zh-CN'].startsWith(name['zh-CN'])).toBe(true);
      expect(definition.en.startsWith(name.en)).toBe(true);
    }
    expect(formulaCodes).toHaveLength(12);
  });
});

describe('department figures', () => {
  it('takes integer fen and head counts, and leaves unknown figures out', () => {
    expect(v.safeParse(departmentFiguresSchema, sampleFigures).success).toBe(true);
    expect(v.safeParse(departmentFiguresSchema, {}).success).toBe(true);
    expect(v.safeParse(departmentFiguresSchema, { initialBudgetFen: null }).success).toBe(true);
    expect(v.safeParse(departmentFiguresSchema, { initialBudgetFen: 1.5 }).success).toBe(false);
    expect(v.safeParse(departmentFiguresSchema, { initialBudgetFen: -1 }).success).toBe(false);
    expect(v.safeParse(departmentFiguresSchema, { supplementaryFen: -1 }).success).toBe(true);
    expect(v.safeParse(departmentFiguresSchema, { staffInPost: 2.5 }).success).toBe(false);
    expect(v.safeParse(departmentFiguresSchema, { staffInPost: -1 }).success).toBe(false);
    expect(v.safeParse(departmentFiguresSchema, { somethingElse: 1 }).success).toBe(false);
    const messages = (figures: unknown) => v.safeParse(departmentFiguresSchema, figures).issues?.map((i) => i.message);
    expect(messages({ staffInPost: 1.5 })).toEqual(['integer']);
    expect(messages({ supplementaryFen: -1.5 })).toEqual(['integer']);
  });

  it('prints fen as exact 万元 with a true minus sign', () => {
    expect(wanText(0)).toBe('0');
    expect(wanText(1)).toBe('0.000001');
    expect(wanText(1_234_567_890_000)).toBe('1,234,567.89');
    expect(wanText(-20_500_000)).toBe('−20.5');
    expect(figureText('paidFen', 1_000_000)).toEqual({ 'zh-CN': '实际支付数 1 万元', en: 'paid 1 万元' });
    expect(figureText('authorisedPosts', 7)).toEqual({ 'zh-CN': '编制数 7 人', en: 'authorised posts 7' });
  });
});
