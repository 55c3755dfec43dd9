import { describe, expect, it } from 'vitest';
import type { TargetRow } from '#core/submission/performance-target.ts';
import { submissionConfig } from '#core/submission/submission-config.ts';
import { newTargetRow } from '#core/submission/target-row.ts';
import {
  expectedWeights,
  type TargetContent,
  targetErrors,
  targetWarnings,
  valueKind,
  weightSplit,
} from '#core/submission/target-rules.ts';

/**
 * Target rules 1–4 (docs/domain/submission.md, "Target rules") at their edges: a level 2 under the wrong level 1,
 * fields of only spaces, the spending standard to the cent, and money written as an output.
 */
let n = 0;
const row = (overrides: Partial<TargetRow>): TargetRow =>
  newTargetRow(`0190f0f0-0000-7000-8000-${String(++n).padStart(12, '0')}`, {
    name: '指标',
    value: '10',
    unit: '个',
    weight: 10,
    scoringStandard: '按完成比例计分',
    ...overrides,
  });

/** Output 50, benefit 30, satisfaction 10: every rule met. */
const valid = (): TargetContent => ({
  annualGoal: '年度目标',
  mediumTermGoal: '',
  rows: [
    row({ level2: 'QUANTITY', weight: 20 }),
    row({ level2: 'QUALITY', weight: 15, unit: '%', value: '95' }),
    row({ level2: 'TIMELINESS', weight: 10 }),
    row({ level2: 'COST', operator: 'LTE', weight: 5, value: '80', spendingStandardCap: 100 }),
    row({ level1: 'BENEFIT', level2: 'SOCIAL', operator: 'QUALITATIVE', value: '明显改善', unit: '', weight: 30 }),
    row({ level1: 'SATISFACTION', level2: 'SERVICE_RECIPIENT', unit: '%', value: '90', weight: 10 }),
  ],
});

const withRow = (i: number, fields: Partial<TargetRow>): TargetContent => {
  const t = valid();
  return { ...t, rows: t.rows.map((r, j) => (j === i ? { ...r, ...fields } : r)) };
};

const codes = (t: TargetContent, multiYear = false) =>
  targetErrors(t, submissionConfig, 'zh-CN', { multiYear, fiscalYear: 2027 }).map((e) => `${e.pointer} ${e.code}`);

describe('a level 2 under the wrong level 1', () => {
  it('is refused on the row, whichever way round', () => {
    expect(codes(withRow(0, { level2: 'SOCIAL' }))).toEqual(['/rows/0/level2 level2_mismatch']);
    expect(codes(withRow(4, { level2: 'QUANTITY' }))).toEqual(['/rows/4/level2 level2_mismatch']);
    expect(codes(withRow(5, { level2: 'COST' }))).toEqual(['/rows/5/level2 level2_mismatch']);
  });

  it('is refused under the framework the target is written in', () => {
    expect(codes({ ...withRow(0, { level2: 'SOCIAL' }), framework: 'mof-2020' })).toEqual([
      '/rows/0/level2 level2_mismatch',
    ]);
  });
});

describe('fields of only spaces count as empty', () => {
  it('a quantitative value or unit', () => {
    expect(codes(withRow(0, { value: '   ' }))).toEqual(['/rows/0/value required']);
    expect(codes(withRow(0, { unit: '  ' }))).toEqual(['/rows/0/unit unit_required_quantitative']);
  });

  it("a qualitative row's wording and scoring standard", () => {
    expect(codes(withRow(4, { value: ' ' }))).toEqual(['/rows/4/value qualitative_value_required']);
    expect(codes(withRow(4, { scoringStandard: '  ' }))).toEqual(['/rows/4/scoringStandard scoring_standard_required']);
  });

  it('the goals and the reason for departing from the weights', () => {
    expect(codes({ ...valid(), annualGoal: '\t ' })).toEqual(['/annualGoal required']);
    expect(codes({ ...valid(), mediumTermGoal: '   ' }, true)).toEqual(['/mediumTermGoal medium_term_goal_required']);
    const departing = withRow(0, { weight: 25 });
    departing.rows = departing.rows.map((r) => (r.level1 === 'BENEFIT' ? { ...r, weight: 25 } : r));
    expect(codes({ ...departing, weightReason: '   ' })).toEqual(['/weightReason weights_reason_required']);
    expect(codes({ ...departing, weightReason: '本年度侧重产出' })).toEqual([]);
  });
});

describe('values', () => {
  it('a number needs a unit; a date carries its own; anything else is neither', () => {
    expect(valueKind(' 12.5 ', 2027)).toBe('number');
    expect(valueKind('-3', 2027)).toBe('number');
    expect(valueKind('11月底前', 2027)).toBe('date');
    expect(valueKind('若干', 2027)).toBe('neither');
    expect(valueKind('1.', 2027)).toBe('neither');
    expect(codes(withRow(2, { value: '11月底前', unit: '' }))).toEqual([]);
    expect(codes(withRow(2, { value: '若干', unit: '' }))).toEqual([
      '/rows/2/value numeric_or_date_value',
      '/rows/2/unit unit_required_quantitative',
    ]);
  });

  it('the spending standard: 100.00 passes a cap of 100, 100.001 does not; a date is not held to it', () => {
    expect(codes(withRow(3, { value: '100.00' }))).toEqual([]);
    expect(codes(withRow(3, { value: '100.001' }))).toEqual(['/rows/3/value above_spending_cap']);
    expect(codes(withRow(3, { value: '0', spendingStandardCap: 0 }))).toEqual([]);
    expect(codes(withRow(3, { value: '1', spendingStandardCap: 0 }))).toEqual(['/rows/3/value above_spending_cap']);
    expect(codes(withRow(3, { value: '11月底前', unit: '', spendingStandardCap: 1 }))).toEqual([]);
  });
});

describe('weights', () => {
  it('adds each level-1 of the annual rows and compares the split with the defaults', () => {
    expect(weightSplit(valid(), submissionConfig)).toEqual({
      actual: { OUTPUT: 50, BENEFIT: 30, SATISFACTION: 10 },
      expected: { OUTPUT: 50, BENEFIT: 30, SATISFACTION: 10 },
      departs: false,
    });
    expect(weightSplit(withRow(0, { weight: 19 }), submissionConfig).departs).toBe(true);
    expect(expectedWeights(submissionConfig, true)).toEqual({ OUTPUT: 50, BENEFIT: 40, SATISFACTION: 0 });
    expect(expectedWeights(submissionConfig, false)).toEqual({ OUTPUT: 50, BENEFIT: 30, SATISFACTION: 10 });
  });

  it('a total one point off is refused before any departure is asked about', () => {
    expect(codes(withRow(0, { weight: 21 }))).toEqual(['/rows weights_total']);
    expect(codes(withRow(0, { weight: 19 }))).toEqual(['/rows weights_total']);
  });
});

describe('warnings that never stop a target', () => {
  const warnings = (t: TargetContent) =>
    targetWarnings(t, submissionConfig, 'zh-CN').map((w) => `${w.pointer} ${w.code}`);

  it('money written as an output, in its unit, its value or its name, once per row', () => {
    expect(warnings(valid())).toEqual([]);
    expect(warnings(withRow(0, { unit: ' 万元 ' }))).toEqual(['/rows/0/unit money_as_output']);
    expect(warnings(withRow(0, { unit: '元' }))).toEqual(['/rows/0/unit money_as_output']);
    expect(warnings(withRow(0, { unit: '亿元' }))).toEqual(['/rows/0/unit money_as_output']);
    expect(warnings(withRow(0, { unit: '元/人' }))).toEqual([]);
    // A rate per amount of money is an output measure, not money.
    expect(warnings(withRow(0, { unit: '人次/万元' }))).toEqual([]);
    expect(warnings(withRow(1, { value: '不少于50 万元', unit: '项' }))).toEqual(['/rows/1/value money_as_output']);
    expect(warnings(withRow(2, { name: '发放补助200万元' }))).toEqual(['/rows/2/name money_as_output']);
    expect(warnings(withRow(2, { name: '万元户数量' }))).toEqual([]);
    expect(warnings(withRow(0, { unit: '万元', name: '发放补助200万元' }))).toEqual(['/rows/0/unit money_as_output']);
  });

  it('not on a cost row, nor outside the outputs', () => {
    expect(warnings(withRow(3, { unit: '万元' }))).toEqual([]);
    expect(warnings(withRow(4, { unit: '万元' }))).toEqual([]);
  });

  it('a departure with its reason is shown, with the reason trimmed; without a departure nothing', () => {
    const departing = withRow(0, { weight: 25 });
    departing.rows = departing.rows.map((r) => (r.level1 === 'BENEFIT' ? { ...r, weight: 25 } : r));
    const [shown] = targetWarnings({ ...departing, weightReason: '  侧重产出 ' }, submissionConfig, 'en');
    expect(shown).toMatchObject({ pointer: '/weightReason', code: 'weights_departed' });
    expect(shown!.message).toContain('侧重产出');
    expect(shown!.message).not.toContain('  侧重产出 ');
    expect(warnings({ ...departing, weightReason: '   ' })).toEqual([]);
    expect(warnings({ ...valid(), weightReason: '侧重产出' })).toEqual([]);
  });
});
