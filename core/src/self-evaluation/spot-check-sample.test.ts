import { describe, expect, it } from 'vitest';
import { reviewedScore } from '#core/self-evaluation/reviewed-score.ts';
import { scoreSheet } from '#core/self-evaluation/score-sheet.ts';
import { defaultScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import { blankEntry } from '#core/self-evaluation/self-evaluation-row.ts';
import { amountBand, drawSample, type SampleCandidate } from '#core/self-evaluation/spot-check-sample.ts';

const candidates = (department: string, series: string, amountFen: number, n: number): SampleCandidate[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${department}-${amountFen}-${String(i).padStart(3, '0')}`,
    projectId: `p-${department}-${amountFen}-${i}`,
    departmentId: department,
    departmentSeries: series,
    amountFen,
  }));

const all = [
  ...candidates('d1', 'EDU', 50_000_00, 20),
  ...candidates('d1', 'EDU', 2_000_000_00, 7),
  ...candidates('d1', 'EDU', 9_000_000_00, 3),
  ...candidates('d2', 'HEALTH', 50_000_00, 11),
];

describe('drawSample', () => {
  it('bands amounts below 100万, 100万–500万 and from 500万', () => {
    expect([0, 99_999_999, 1_000_000_00, 4_999_999_99, 5_000_000_00].map((a) => amountBand(a))).toEqual([
      0, 0, 1, 1, 2,
    ]);
  });

  it('takes ceil(share × size) from every stratum', () => {
    const drawn = drawSample(all, { seed: 'a1b2c3d4', sharePct: 20, namedProjectIds: [] });
    const per = (stratum: string) => drawn.filter((d) => d.stratum === stratum).length;
    expect(per('d1|EDU|0')).toBe(4);
    expect(per('d1|EDU|1')).toBe(2);
    expect(per('d1|EDU|2')).toBe(1);
    expect(per('d2|HEALTH|0')).toBe(3);
    expect(new Set(drawn.map((d) => d.id)).size).toBe(drawn.length);
    expect(drawn.every((d) => d.reason === 'RANDOM')).toBe(true);
  });

  it('draws the same sample from the same seed whatever the order, another from another seed', () => {
    const options = { seed: 'a1b2c3d4', sharePct: 30, namedProjectIds: [] };
    const once = drawSample(all, options);
    expect(drawSample([...all].reverse(), options)).toEqual(once);
    const other = drawSample(all, { ...options, seed: 'ffee0011' });
    expect(other.map((d) => d.id)).not.toEqual(once.map((d) => d.id));
  });

  it('always takes the named projects, counting them in their stratum’s share', () => {
    const named = ['p-d1-5000000-3', 'p-d2-5000000-10'];
    const drawn = drawSample(all, { seed: 'a1b2c3d4', sharePct: 10, namedProjectIds: named });
    expect(
      drawn
        .filter((d) => d.reason === 'NAMED')
        .map((d) => d.projectId)
        .sort(),
    ).toEqual(named.sort());
    expect(drawn.filter((d) => d.stratum === 'd1|EDU|0')).toHaveLength(2);
    expect(drawn.filter((d) => d.stratum === 'd2|HEALTH|0')).toHaveLength(2);
    expect(drawSample(all, { seed: 'a1b2c3d4', sharePct: 0, namedProjectIds: named })).toHaveLength(2);
  });

  it('takes a whole stratum at 100%', () => {
    expect(drawSample(all, { seed: '00000000', sharePct: 100, namedProjectIds: [] })).toHaveLength(all.length);
  });
});

describe('reviewedScore', () => {
  const row = (rowId: string, weight: number, actual: string) => ({
    level1: 'OUTPUT' as const,
    level2: 'QUANTITY' as const,
    name: '培训教师人次',
    operator: 'GTE' as const,
    targetValue: '1200',
    unit: '人次',
    weight,
    scoringStandard: '',
    ...blankEntry(rowId),
    actual,
  });
  const sheet = scoreSheet(
    {
      fiscalYear: 2026,
      money: [{ source: 'FISCAL', initialBudgetFen: 100_00, annualBudgetFen: 100_00, executedFen: 100_00 }],
      rows: [row('r1', 50, '1200'), row('r2', 40, '900')],
      executionPoints: 10,
    },
    defaultScoringSettings,
  );

  it('is the sheet’s total without adjustments, and replaces an adjusted row’s score', () => {
    expect(reviewedScore(sheet, [], defaultScoringSettings)).toEqual({ total: sheet.total, grade: sheet.grade });
    const r1 = sheet.rows[0]?.score as number;
    const adjusted = reviewedScore(sheet, [{ rowId: 'r1', score: '35' }], defaultScoringSettings);
    expect(adjusted.total).toBeCloseTo(sheet.total - (r1 - 35), 2);
    expect(adjusted.grade).toBe(adjusted.total >= 90 ? 'EXCELLENT' : adjusted.total >= 80 ? 'GOOD' : 'FAIR');
  });
});
