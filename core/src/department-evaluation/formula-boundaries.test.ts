import { describe, expect, it } from 'vitest';
import { sampleEntries, sampleFigures, wan } from '#core/department-evaluation/department-example.ts';
import type { DepartmentFigures } from '#core/department-evaluation/department-figures.ts';
import type { FormulaCode } from '#core/department-evaluation/department-formulas.ts';
import { scoreDepartmentSheet } from '#core/department-evaluation/department-sheet.ts';
import { frameworkTemplates } from '#core/department-evaluation/framework-templates.ts';
import { defaultScoringSettings as settings } from '#core/self-evaluation/scoring-settings.ts';

/**
 * Every formula of the national template at its threshold exactly, and one fen (or one person) past it: the
 * figures of docs/domain/self-evaluation.md's table, scored end to end.
 */
const scored = (code: FormulaCode, figures: Partial<DepartmentFigures>) => {
  const sheet = scoreDepartmentSheet(
    {
      framework: frameworkTemplates.NATIONAL_2013,
      figures: { ...sampleFigures, ...figures },
      entries: sampleEntries,
      projects: [],
    },
    settings,
  );
  const indicator = sheet.indicators.find((i) => i.code === code);
  return [indicator?.valuePct, indicator?.score];
};

const cases: [FormulaCode, Partial<DepartmentFigures>, Partial<DepartmentFigures>, number[], number[]][] = [
  // code, figures at the threshold, one unit past it, [value %, score] at it and past it: the value is printed
  // with as many decimals as it takes not to read as the threshold (a pro-rata score may still round to full).
  ['BUDGET_COMPLETION', { yearEndBalanceFen: 0 }, { yearEndBalanceFen: 1 }, [100, 10], [99.9999999, 8]],
  ['BUDGET_COMPLETION', { yearEndBalanceFen: wan(60) }, { yearEndBalanceFen: wan(60) + 1 }, [95, 8], [94.9999999, 6]],
  ['BUDGET_ADJUSTMENT', { adjustmentFen: wan(100) }, { adjustmentFen: wan(100) + 1 }, [10, 4], [10.0000001, 3]],
  ['PAYMENT_PROGRESS', { paidFen: wan(1100) }, { paidFen: wan(1089) }, [100, 4], [99, 3.96]],
  ['CARRY_OVER_BALANCE', { yearEndBalanceFen: wan(60) }, { yearEndBalanceFen: wan(60) + 1 }, [5, 4], [5.0000001, 3]],
  [
    'CARRY_OVER_BALANCE_CHANGE',
    { yearEndBalanceFen: wan(120) },
    { yearEndBalanceFen: wan(120) + 1 },
    [0, 3],
    [0.000001, 2],
  ],
  [
    'PUBLIC_FUNDS_CONTROL',
    { publicFundsSpentFen: wan(60) },
    { publicFundsSpentFen: wan(60) + 1 },
    [100, 4],
    [100.000002, 3],
  ],
  [
    'THREE_PUBLIC_CONTROL',
    { threePublicSpentFen: wan(12) },
    { threePublicSpentFen: wan(12) + 1 },
    [100, 4],
    [100.00001, 0],
  ],
  ['THREE_PUBLIC_CHANGE', { threePublicSpentFen: wan(12) }, { threePublicSpentFen: wan(12) + 1 }, [0, 2], [0.00001, 1]],
  ['PROCUREMENT_EXECUTION', { procurementSpentFen: wan(200) }, { procurementSpentFen: wan(198) }, [100, 3], [99, 2.97]],
  ['STAFF_CONTROL', { staffInPost: 50 }, { staffInPost: 51 }, [100, 2], [102, 0]],
  ['KEY_SPENDING_SHARE', { keySpendingFen: wan(420) }, { keySpendingFen: wan(420) - 1 }, [60, 2], [59.9999999, 2]],
  [
    'FIXED_ASSET_UTILISATION',
    { fixedAssetsInUseFen: wan(950) },
    { fixedAssetsInUseFen: wan(950) - 1 },
    [95, 3],
    [94.9999999, 2],
  ],
];

describe('every formula of the national template at its threshold (docs/domain/self-evaluation.md)', () => {
  it.each(cases)(
    '%s: full marks at the threshold, points off one unit past it',
    (code, at, past, atExpected, pastExpected) => {
      expect(scored(code, at)).toEqual(atExpected);
      expect(scored(code, past)).toEqual(pastExpected);
    },
  );

  it('prints the value that decided the score: 99.9999999% is not shown as 100.0%', () => {
    const sheet = scoreDepartmentSheet(
      {
        framework: frameworkTemplates.NATIONAL_2013,
        figures: { ...sampleFigures, yearEndBalanceFen: 1 },
        entries: sampleEntries,
        projects: [],
      },
      settings,
    );
    expect(sheet.indicators.find((i) => i.code === 'BUDGET_COMPLETION')?.derivation['zh-CN']).toMatch(
      /= 99\.9999999%，每低 5% 扣 2 分（不足一档按一档计）：10 − 2 × 1 = 8\.00$/u,
    );
  });
});
