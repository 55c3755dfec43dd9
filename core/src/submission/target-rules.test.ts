import { describe, expect, it } from 'vitest';
import type { TargetRow } from '#core/submission/performance-target.ts';
import { submissionConfig, withWeights } from '#core/submission/submission-config.ts';
import { newTargetRow } from '#core/submission/target-row.ts';
import { rowValueDate, type TargetContent, targetErrors, targetWarnings } from '#core/submission/target-rules.ts';

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

/** A target that meets every rule: output 50, benefit 30, satisfaction 10. */
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

const codes = (t: TargetContent, config = submissionConfig, multiYear = false) =>
  targetErrors(t, config, 'zh-CN', { multiYear, fiscalYear: 2027 }).map((e) => `${e.pointer} ${e.code}`);

describe('target rules (docs/domain/submission.md, rules 1–4)', () => {
  it('passes a complete target', () => {
    expect(codes(valid())).toEqual([]);
  });

  it('needs an annual goal, and a medium-term goal for a multi-year project', () => {
    expect(codes({ ...valid(), annualGoal: ' ' })).toEqual(['/annualGoal required']);
    expect(codes(valid(), submissionConfig, true)).toEqual(['/mediumTermGoal medium_term_goal_required']);
    expect(codes({ ...valid(), mediumTermGoal: '三年目标' }, submissionConfig, true)).toEqual([]);
  });

  describe('rule 1: a quantitative row has a value that is a number or a date, and a unit', () => {
    it('refuses a missing value, a value that is neither a number nor a date, and a missing unit', () => {
      const t = valid();
      const rows = [...t.rows];
      rows[0] = { ...rows[0]!, value: '' };
      rows[1] = { ...rows[1]!, value: '约九成' };
      rows[2] = { ...rows[2]!, unit: ' ' };
      expect(codes({ ...t, rows })).toEqual([
        '/rows/0/value required',
        '/rows/1/value numeric_or_date_value',
        '/rows/2/unit unit_required_quantitative',
      ]);
    });

    it('asks a qualitative row for its wording and scoring standard instead of a unit', () => {
      const t = valid();
      const rows = [...t.rows];
      rows[4] = { ...rows[4]!, value: '', scoringStandard: '' };
      expect(codes({ ...t, rows })).toEqual([
        '/rows/4/value qualitative_value_required',
        '/rows/4/scoringStandard scoring_standard_required',
      ]);
    });

    it('accepts decimals and negative numbers as values', () => {
      const t = valid();
      const rows = [...t.rows];
      rows[0] = { ...rows[0]!, value: '-0.5' };
      rows[1] = { ...rows[1]!, value: '99.95' };
      expect(codes({ ...t, rows })).toEqual([]);
    });
  });

  describe('rule 2: every level-1 has an annual indicator; satisfaction may be exempted with a reason', () => {
    it('names each missing level-1', () => {
      const t = valid();
      expect(codes({ ...t, rows: t.rows.filter((r) => r.level1 === 'OUTPUT') })).toEqual([
        '/rows missing_benefit',
        '/rows missing_satisfaction',
        '/rows weights_total',
      ]);
    });

    it('does not count medium-term rows', () => {
      const t = valid();
      const rows = t.rows.map((r) => (r.level1 === 'BENEFIT' ? { ...r, period: 'MEDIUM_TERM' as const } : r));
      expect(codes({ ...t, rows })).toContain('/rows missing_benefit');
    });

    it('with an exemption reason, satisfaction is not needed and its points move to benefit', () => {
      const t = valid();
      const rows = t.rows
        .filter((r) => r.level1 !== 'SATISFACTION')
        .map((r) => (r.level1 === 'BENEFIT' ? { ...r, weight: 40 } : r));
      expect(codes({ ...t, rows, satisfactionExemptReason: '内部运转项目，无直接服务对象' })).toEqual([]);
      // Without a reason there is no exemption, and benefit's 40 is a departure from 30 that needs one.
      expect(codes({ ...t, rows, satisfactionExemptReason: '  ' })).toEqual([
        '/rows missing_satisfaction',
        '/weightReason weights_reason_required',
      ]);
    });

    it('refuses an exemption when a satisfaction row is there', () => {
      expect(codes({ ...valid(), satisfactionExemptReason: '无' })).toEqual([
        '/satisfactionExemptReason exempt_but_present',
      ]);
    });
  });

  describe('rule 3: a cost row stays within its spending standard', () => {
    it('refuses a value above the cap, in Chinese with the cap', () => {
      const t = valid();
      const rows = [...t.rows];
      rows[3] = { ...rows[3]!, value: '100.01' };
      const errors = targetErrors({ ...t, rows }, submissionConfig, 'zh-CN', { multiYear: false, fiscalYear: 2027 });
      expect(errors).toEqual([
        { pointer: '/rows/3/value', code: 'above_spending_cap', message: '成本指标不得高于支出标准（100）' },
      ]);
    });

    it('accepts a value equal to the cap, and any value when the row has no standard', () => {
      const t = valid();
      const rows = [...t.rows];
      rows[3] = { ...rows[3]!, value: '100' };
      expect(codes({ ...t, rows })).toEqual([]);
      rows[3] = { ...rows[3]!, value: '5000', spendingStandardCap: null };
      expect(codes({ ...t, rows })).toEqual([]);
    });
  });

  describe('rule 4: the points add up to the configured total; a departure needs a reason', () => {
    it('says the total and the expected total, in Chinese and English', () => {
      const t = valid();
      const rows = [...t.rows];
      rows[0] = { ...rows[0]!, weight: 25 };
      const errors = targetErrors({ ...t, rows }, submissionConfig, 'zh-CN', { multiYear: false, fiscalYear: 2027 });
      expect(errors).toEqual([
        {
          pointer: '/rows',
          code: 'weights_total',
          message: '年度指标权重合计应为 90 分（另有预算执行率 10 分，共 100 分；当前 95 分）',
        },
      ]);
      expect(
        targetErrors({ ...t, rows }, submissionConfig, 'en', { multiYear: false, fiscalYear: 2027 })[0]!.message,
      ).toBe('Annual indicator weights must add up to 90 (plus 10 for budget execution, 100 in all; now 95)');
    });

    it('counts only annual rows towards the total', () => {
      const t = valid();
      const extra = { ...t.rows[0]!, rowId: '0190f0f0-0000-7000-8000-0000000000ff', period: 'MEDIUM_TERM' as const };
      expect(codes({ ...t, rows: [...t.rows, extra] })).toEqual([]);
    });

    it('adds decimals without floating-point drift', () => {
      const t = valid();
      const rows = [...t.rows];
      rows[0] = { ...rows[0]!, weight: 19.9 };
      rows[1] = { ...rows[1]!, weight: 15.1 };
      expect(codes({ ...t, rows })).toEqual([]);
    });

    it("follows the year's configured weights and total", () => {
      const config = withWeights({ OUTPUT: 40, BENEFIT: 40, SATISFACTION: 10, budgetExecution: 10, total: 100 });
      expect(codes(valid(), config)).toEqual(['/weightReason weights_reason_required']);
      expect(codes({ ...valid(), weightReason: '按往年口径' }, config)).toEqual([]);
      const noExecution = withWeights({ OUTPUT: 50, BENEFIT: 30, SATISFACTION: 20, budgetExecution: 0, total: 100 });
      expect(codes(valid(), noExecution)).toEqual(['/rows weights_total']);
    });

    it('shows no departure flag when the split is the default, even with a reason written', () => {
      expect(targetWarnings({ ...valid(), weightReason: '无' }, submissionConfig, 'zh-CN')).toEqual([]);
    });
  });

  describe('date targets', () => {
    it('stores the last day a date value allows, and nothing for numbers or qualitative rows', () => {
      expect(rowValueDate({ operator: 'LTE', value: '≤ 2027-11-30' }, 2027)).toBe('2027-11-30');
      expect(rowValueDate({ operator: 'LTE', value: '10' }, 2027)).toBeNull();
      expect(rowValueDate({ operator: 'QUALITATIVE', value: '9月前' }, 2027)).toBeNull();
    });
  });
});
