import { describe, expect, it } from 'vitest';
import { claimCauses, claimDifferences } from '#core/self-evaluation/claimed-score.ts';
import { scoreSheet } from '#core/self-evaluation/score-sheet.ts';
import { defaultScoringSettings, type ScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import type { MoneyLine, SelfEvaluationRow } from '#core/self-evaluation/self-evaluation-row.ts';
import { exampleMoney, exampleRows } from '#core/self-evaluation/worked-example.ts';

const s = defaultScoringSettings;
const with_ = (over: Partial<ScoringSettings>): ScoringSettings => ({ ...s, ...over });
const computedClaims: Record<string, string> = {
  quantity: '14.61',
  quality: '15',
  timeliness: '10.5',
  cost: '5',
  social: '27',
  satisfaction: '9.56',
};
const claimed = (over: Record<string, string | null> = {}, rows = exampleRows): SelfEvaluationRow[] =>
  rows.map((r) => ({
    ...r,
    claimedScore: r.rowId in over ? (over[r.rowId] ?? null) : (computedClaims[r.rowId] ?? null),
  }));
const diff = (
  rows: SelfEvaluationRow[],
  total: string | null = null,
  execution: string | null = null,
  settings = s,
  money: MoneyLine[] = exampleMoney,
  points = 10,
) =>
  claimDifferences(
    rows,
    scoreSheet({ fiscalYear: 2026, money, rows, executionPoints: points }, settings),
    total,
    settings,
    execution,
  );
const causes = (...args: Parameters<typeof diff>) => diff(...args).map((d) => `${d.pointer} ${d.cause}`);
const wan = (n: number) => Math.round(n * 1_000_000);
const money = (budget: number, executed: number): MoneyLine[] => [
  { source: 'FISCAL', initialBudgetFen: wan(budget), annualBudgetFen: wan(budget), executedFen: wan(executed) },
];

describe('claimed row scores', () => {
  it('agree within the tolerance', () => {
    expect(diff(claimed(), '90.87', '9.2')).toEqual([]);
    expect(diff(claimed({ quantity: '14.56', satisfaction: '9.61' }))).toEqual([]);
    expect(causes(claimed({ quantity: '14.55' }))).toEqual(['/rows/0/claimedScore OTHER']);
    expect(diff(claimed({ quantity: '14.55' }), null, null, with_({ claimToleranceHundredths: 6 }))).toEqual([]);
  });

  it('name the likely cause of each difference', () => {
    expect(
      causes(
        claimed({ quantity: '14', quality: '14', timeliness: '11', cost: '6', social: '25', satisfaction: '0.96' }),
      ),
    ).toEqual([
      '/rows/0/claimedScore WHOLE_POINT_CUT',
      '/rows/1/claimedScore MET_BELOW_FULL',
      '/rows/2/claimedScore ROUNDING',
      '/rows/3/claimedScore ABOVE_WEIGHT',
      '/rows/4/claimedScore OTHER',
      '/rows/5/claimedScore WEIGHT_TWICE',
    ]);
    expect(causes(claimed({ quantity: '15' }))).toEqual(['/rows/0/claimedScore ROUNDING']);
    expect(causes(claimed({ quantity: '219.15' }))).toEqual(['/rows/0/claimedScore WEIGHT_TWICE']);
    expect(causes(claimed({ quantity: '2.19' }))).toEqual(['/rows/0/claimedScore WEIGHT_TWICE']);
    expect(causes(claimed({ quality: '15.5' }))).toEqual(['/rows/1/claimedScore ABOVE_WEIGHT']);
  });

  it('says it in words, with the figures', () => {
    const [d] = diff(claimed({ quantity: '14' }));
    expect(d).toEqual({
      pointer: '/rows/0/claimedScore',
      rowId: 'quantity',
      claimed: 14,
      computed: 14.61,
      difference: -0.61,
      cause: 'WHOLE_POINT_CUT',
      message: {
        'zh-CN': '填报 14，计算 14.61：公式得分舍去小数后取整',
        en: "Claimed 14, computed 14.61: the formula's score cut to whole points",
      },
    });
    expect(diff(claimed({ quality: '14' }))[0]!.message).toEqual({
      'zh-CN': '填报 14，计算 15.00：已达成目标，却低于分值 15，且未说明扣分理由',
      en: 'Claimed 14, computed 15.00: the target is met, yet below the weight 15 with no reason for a deduction',
    });
    expect(diff(claimed({ cost: '6' }))[0]!.message.en).toBe('Claimed 6, computed 5.00: above the weight 5');
    expect(diff(claimed({ timeliness: '11' }))[0]!.message['zh-CN']).toBe('填报 11，计算 10.50：仅取舍规则不同');
    expect(diff(claimed({ social: '25' }))[0]!.message.en).toBe(
      'Claimed 25, computed 27.00: no likely cause found: check it',
    );
    expect(diff(claimed({ satisfaction: '0.96' }))[0]!.message['zh-CN']).toBe(
      '填报 0.96，计算 9.56：相当于得分再乘以分值 10（或其百分比），分值被重复计算',
    );
  });

  it('a met target below full marks with a reason for a deduction is not MET_BELOW_FULL', () => {
    const rows = claimed({ quality: '14' }).map((r) =>
      r.rowId === 'quality' ? { ...r, deductionReason: '目标偏低' } : r,
    );
    expect(causes(rows)).toEqual(['/rows/1/claimedScore OTHER']);
  });

  it('leaves out rows not applicable, unclaimed or not scored', () => {
    const rows = claimed({ quantity: null, timeliness: '3' }).map((r) =>
      r.rowId === 'timeliness'
        ? { ...r, tier: null }
        : r.rowId === 'cost'
          ? { ...r, notApplicable: true, claimedScore: '1' }
          : r,
    );
    expect(diff(rows)).toEqual([]);
  });
});

describe('the claimed execution score', () => {
  it('spots a misprinted rate', () => {
    for (const c of ['92', '0.92', '920', '0.09'])
      expect(causes(claimed(), null, c)).toEqual(['/execution/claimedScore RATE_MISPRINT']);
    // 92.49 % of 20 points is 18.50; 20 × 92 % is 18.40.
    expect(causes(claimed(), null, '18.4', s, money(100, 92.49), 20)).toEqual([
      '/execution/claimedScore RATE_MISPRINT',
    ]);
    const first = with_({ rounding: { decimals: 2, mode: 'HALF_UP', rateFirst: true } });
    expect(causes(claimed(), null, '18.5', first, money(100, 92.49), 20)).toEqual([
      '/execution/claimedScore RATE_MISPRINT',
    ]);
    expect(diff(claimed(), null, '92')[0]!.message).toEqual({
      'zh-CN': '填报 92，计算 9.20：与执行率 92% 的错写相符（百分数错位或执行率取整方式不同）',
      en: 'Claimed 92, computed 9.20: matches the rate 92% misprinted (a factor of 100, or the rate rounded otherwise)',
    });
  });

  it('and the other causes', () => {
    expect(causes(claimed(), null, '10.5')).toEqual(['/execution/claimedScore ABOVE_WEIGHT']);
    expect(diff(claimed(), null, '10.5')[0]!.message.en).toBe('Claimed 10.5, computed 9.20: above the weight 10');
    expect(causes(claimed(), null, '9')).toEqual(['/execution/claimedScore WHOLE_POINT_CUT']);
    expect(causes(claimed(), null, '10', s, money(100, 96))).toEqual(['/execution/claimedScore ROUNDING']);
    expect(causes(claimed(), null, '5')).toEqual(['/execution/claimedScore OTHER']);
    expect(causes(claimed(), null, '9.2')).toEqual([]);
    expect(causes(claimed(), null, '5', s, [])).toEqual([]);
  });
});

describe('the claimed total', () => {
  it('that is not the sum of the claimed rows', () => {
    expect(causes(claimed(), '91', '9.2')).toEqual(['/claimedTotal TOTAL_NOT_SUM']);
    expect(diff(claimed(), '91', '9.2')[0]!.message).toEqual({
      'zh-CN': '填报 91，计算 90.87：不等于各项填报得分之和 90.87',
      en: 'Claimed 91, computed 90.87: not the sum of the claimed rows, 90.87',
    });
  });

  it('that is the sum of rows claimed otherwise', () => {
    expect(causes(claimed({ quantity: '14' }), '90.26', '9.2')).toEqual([
      '/rows/0/claimedScore WHOLE_POINT_CUT',
      '/claimedTotal FROM_ROWS',
    ]);
    // No execution points: no execution claim is needed for the sum.
    const rows = claimed({ quantity: '14' });
    expect(causes(rows, '81.06', null, s, exampleMoney, 0)).toEqual([
      '/rows/0/claimedScore WHOLE_POINT_CUT',
      '/claimedTotal FROM_ROWS',
    ]);
  });

  it('not rescaled, above 100, cut, or otherwise', () => {
    const na = claimed().map((r) => (r.rowId === 'cost' ? { ...r, notApplicable: true } : r));
    expect(causes(na, '85.87')).toEqual(['/claimedTotal NOT_RESCALED']);
    expect(diff(na, '85.87')[0]!.message['zh-CN']).toBe('填报 85.87，计算 90.39：为折算前的合计，未按不适用指标折算');
    expect(causes(claimed(), '85.87')).toEqual(['/claimedTotal OTHER']);
    expect(causes(claimed(), '101')).toEqual(['/claimedTotal ABOVE_WEIGHT']);
    expect(causes(claimed(), '90')).toEqual(['/claimedTotal WHOLE_POINT_CUT']);
    expect(causes(claimed(), '80')).toEqual(['/claimedTotal OTHER']);
    expect(causes(claimed(), '90.9')).toEqual([]);
    expect(causes(claimed(), ' ')).toEqual([]);
  });
});

describe('every cause, in both languages', () => {
  const message = (d: { message: { 'zh-CN': string; en: string } }) => [d.message['zh-CN'], d.message.en];

  it('on rows', () => {
    const rows = claimed({
      quantity: '14',
      quality: '14',
      timeliness: '11',
      cost: '6',
      social: '25',
      satisfaction: '0.96',
    });
    expect(diff(rows).map(message)).toEqual([
      [
        '填报 14，计算 14.61：公式得分舍去小数后取整',
        "Claimed 14, computed 14.61: the formula's score cut to whole points",
      ],
      [
        '填报 14，计算 15.00：已达成目标，却低于分值 15，且未说明扣分理由',
        'Claimed 14, computed 15.00: the target is met, yet below the weight 15 with no reason for a deduction',
      ],
      ['填报 11，计算 10.50：仅取舍规则不同', 'Claimed 11, computed 10.50: only the rounding differs'],
      ['填报 6，计算 5.00：超过分值 5', 'Claimed 6, computed 5.00: above the weight 5'],
      ['填报 25，计算 27.00：原因不明，请核对', 'Claimed 25, computed 27.00: no likely cause found: check it'],
      [
        '填报 0.96，计算 9.56：相当于得分再乘以分值 10（或其百分比），分值被重复计算',
        'Claimed 0.96, computed 9.56: as if the score were multiplied by the weight 10 (or its percent) again',
      ],
    ]);
  });

  it('on execution', () => {
    const cases: [string, string, string][] = [
      ['10.5', '填报 10.5，计算 9.20：超过分值 10', 'Claimed 10.5, computed 9.20: above the weight 10'],
      [
        '9',
        '填报 9，计算 9.20：公式得分舍去小数后取整',
        "Claimed 9, computed 9.20: the formula's score cut to whole points",
      ],
      ['5', '填报 5，计算 9.20：原因不明，请核对', 'Claimed 5, computed 9.20: no likely cause found: check it'],
    ];
    for (const [c, zh, en] of cases) expect(message(diff(claimed(), null, c)[0]!)).toEqual([zh, en]);
    expect(message(diff(claimed(), null, '10', s, money(100, 96))[0]!)).toEqual([
      '填报 10，计算 9.60：仅取舍规则不同',
      'Claimed 10, computed 9.60: only the rounding differs',
    ]);
    expect(diff(claimed(), null, '92')[0]).toMatchObject({
      pointer: '/execution/claimedScore',
      rowId: null,
      claimed: 92,
      computed: 9.2,
      difference: 82.8,
    });
  });

  it('on the total', () => {
    const na = claimed().map((r) => (r.rowId === 'cost' ? { ...r, notApplicable: true } : r));
    expect(message(diff(na, '85.87')[0]!)).toEqual([
      '填报 85.87，计算 90.39：为折算前的合计，未按不适用指标折算',
      'Claimed 85.87, computed 90.39: the sum before rescaling for the rows not applicable',
    ]);
    expect(message(diff(claimed({ quantity: '14' }), '90.26', '9.2')[1]!)).toEqual([
      '填报 90.26，计算 90.87：等于各项填报得分之和，差异来自上列各项',
      'Claimed 90.26, computed 90.87: the sum of the claimed rows: the difference comes from them',
    ]);
    expect(message(diff(claimed(), '101')[0]!)).toEqual([
      '填报 101，计算 90.87：超过 100 分',
      'Claimed 101, computed 90.87: above 100',
    ]);
    expect(message(diff(claimed(), '90')[0]!)).toEqual([
      '填报 90，计算 90.87：总分舍去小数后取整',
      'Claimed 90, computed 90.87: the total cut to whole points',
    ]);
    expect(message(diff(claimed(), '80')[0]!)).toEqual([
      '填报 80，计算 90.87：原因不明，请核对',
      'Claimed 80, computed 90.87: no likely cause found: check it',
    ]);
    expect(diff(claimed(), '80')[0]).toMatchObject({
      pointer: '/claimedTotal',
      rowId: null,
      claimed: 80,
      computed: 90.87,
      difference: -10.87,
    });
  });
});

describe('the causes’ names', () => {
  it('read in both languages', () => {
    expect(claimCauses).toEqual({
      WEIGHT_TWICE: { 'zh-CN': '分值被重复计算', en: 'The weight applied twice' },
      RATE_MISPRINT: { 'zh-CN': '执行率错写', en: 'The execution rate misprinted' },
      ABOVE_WEIGHT: { 'zh-CN': '得分超过分值', en: 'Above the weight' },
      WHOLE_POINT_CUT: { 'zh-CN': '舍去小数取整', en: 'Cut to whole points' },
      ROUNDING: { 'zh-CN': '取舍规则不同', en: 'Another rounding' },
      MET_BELOW_FULL: { 'zh-CN': '达成目标未得满分', en: 'Target met, below full marks' },
      NOT_RESCALED: { 'zh-CN': '未按不适用指标折算', en: 'Not rescaled for rows not applicable' },
      TOTAL_NOT_SUM: { 'zh-CN': '总分不等于各项之和', en: 'Total is not the sum of the rows' },
      FROM_ROWS: { 'zh-CN': '差异来自各项得分', en: 'The difference comes from the rows' },
      OTHER: { 'zh-CN': '其他', en: 'Other' },
    });
  });
});

describe('edges the mutation run asked about', () => {
  it('reads claims written with spaces', () => {
    expect(diff(claimed({ quantity: ' 14 ' }))[0]!.message['zh-CN']).toBe(
      '填报 14，计算 14.61：公式得分舍去小数后取整',
    );
    expect(diff(claimed(), null, ' 92 ')[0]!.message.en).toMatch(/^Claimed 92, /u);
    expect(diff(claimed(), ' 90 ')[0]!.message.en).toMatch(/^Claimed 90, /u);
  });

  it('leaves a claim on a row not applicable out of the claimed sum', () => {
    const na = claimed().map((r) => (r.rowId === 'cost' ? { ...r, notApplicable: true } : r));
    expect(causes(na, '85.87', '9.2')).toEqual(['/claimedTotal FROM_ROWS']);
    expect(causes(na, '80')).toEqual(['/claimedTotal OTHER']);
  });

  it('judges the claimed sum only once every row is claimed', () => {
    expect(causes(claimed({ quantity: null }), '80', '9.2')).toEqual(['/claimedTotal OTHER']);
    expect(causes(claimed(), '100')).toEqual(['/claimedTotal OTHER']);
  });

  it('a met date claimed below full marks, and a deduction reason of spaces', () => {
    const dateRow = exampleRows.map((r) =>
      r.rowId === 'cost'
        ? {
            ...r,
            operator: 'LTE' as const,
            targetValue: '2026-11-30',
            unit: '',
            actual: '2026-10-01',
            claimedScore: '4',
          }
        : r,
    );
    expect(causes(claimed({}, dateRow).map((r) => (r.rowId === 'cost' ? { ...r, claimedScore: '4' } : r)))).toEqual([
      '/rows/3/claimedScore MET_BELOW_FULL',
    ]);
    const spaces = claimed({ quality: '14' }).map((r) => (r.rowId === 'quality' ? { ...r, deductionReason: ' ' } : r));
    expect(causes(spaces)).toEqual(['/rows/1/claimedScore MET_BELOW_FULL']);
  });

  it('a rate misprint that matches once rounded by the year’s rule', () => {
    const whole = with_({ rounding: { decimals: 0, mode: 'HALF_UP', rateFirst: false } });
    expect(causes(claimed(), null, '92', whole, money(100, 92.49)).filter((c) => c.startsWith('/execution'))).toEqual([
      '/execution/claimedScore RATE_MISPRINT',
    ]);
  });
});
