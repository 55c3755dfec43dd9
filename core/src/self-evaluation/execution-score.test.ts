import { describe, expect, it } from 'vitest';
import { ratio } from '#core/monitoring/exact-ratio.ts';
import { scoreExecution } from '#core/self-evaluation/execution-score.ts';
import { defaultScoringSettings, type ScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import type { MoneyLine } from '#core/self-evaluation/self-evaluation-row.ts';

const s = defaultScoringSettings;
const with_ = (over: Partial<ScoringSettings>): ScoringSettings => ({ ...s, ...over });
const wan = (n: number) => Math.round(n * 1_000_000);
const line = (
  source: MoneyLine['source'],
  budget: number | null,
  executed: number | null,
  initial = budget,
): MoneyLine => ({
  source,
  initialBudgetFen: initial === null ? null : wan(initial),
  annualBudgetFen: budget === null ? null : wan(budget),
  executedFen: executed === null ? null : wan(executed),
});

describe('budget execution', () => {
  it('scores the worked example: 92 of 100 万元 is 9.20 of 10', () => {
    const e = scoreExecution([line('FISCAL', 100, 92)], 10, s);
    expect(e).toMatchObject({
      rate: 92,
      rateExact: ratio(23, 25),
      score: 9.2,
      exact: ratio(46, 5),
      points: 10,
      totalMismatch: false,
    });
    expect(e.derivation).toEqual({
      'zh-CN': '全年执行数 92 万元 ÷ 全年预算数 100 万元 = 92.0%，10 × 92/100 = 9.20',
      en: '92 ÷ 100 (万元) executed = 92.0%; 10 × 92/100 = 9.20',
    });
  });

  it('shows each source and their total, and scores the total', () => {
    const e = scoreExecution(
      [line('FISCAL', 80, 76, 70), line('CARRY_OVER', 20, 10), line('OTHER', null, null)],
      20,
      s,
    );
    expect(e.lines).toEqual([
      {
        source: 'FISCAL',
        initialBudgetFen: wan(70),
        annualBudgetFen: wan(80),
        executedFen: wan(76),
        rate: 95,
        rateExact: ratio(19, 20),
      },
      {
        source: 'CARRY_OVER',
        initialBudgetFen: wan(20),
        annualBudgetFen: wan(20),
        executedFen: wan(10),
        rate: 50,
        rateExact: ratio(1, 2),
      },
      {
        source: 'OTHER',
        initialBudgetFen: null,
        annualBudgetFen: null,
        executedFen: null,
        rate: null,
        rateExact: null,
      },
      {
        source: 'TOTAL',
        initialBudgetFen: wan(90),
        annualBudgetFen: wan(100),
        executedFen: wan(86),
        rate: 86,
        rateExact: ratio(43, 50),
      },
    ]);
    expect(e.score).toBe(17.2);
  });

  it('prints the rate by the percent rule and keeps it exact for the score', () => {
    const e = scoreExecution([line('FISCAL', 3, 2)], 10, s);
    expect(e.rate).toBe(66.7);
    expect(e.score).toBe(6.67);
    expect(e.exact).toEqual(ratio(20, 3));
    expect(e.derivation['zh-CN']).toBe('全年执行数 2 万元 ÷ 全年预算数 3 万元 = 66.7%，10 × 2/3 = 6.67');
  });

  it('caps the rate at 100 %', () => {
    const e = scoreExecution([line('FISCAL', 100, 105)], 10, s);
    expect(e).toMatchObject({ rate: 105, score: 10 });
    expect(e.derivation['zh-CN']).toBe(
      '全年执行数 105 万元 ÷ 全年预算数 100 万元 = 105.0%，10 × 100%（超过 100% 按 100% 计） = 10.00',
    );
    expect(e.derivation.en).toBe('105 ÷ 100 (万元) executed = 105.0%; 10 × 100% (capped at 100%) = 10.00');
    expect(scoreExecution([line('FISCAL', 100, 100)], 10, s).score).toBe(10);
  });

  it('rounds the rate to a whole percent first when the year says so', () => {
    const money = [line('FISCAL', 100, 92.49)];
    expect(scoreExecution(money, 10, s).score).toBe(9.25);
    const first = scoreExecution(money, 10, with_({ rounding: { decimals: 2, mode: 'HALF_UP', rateFirst: true } }));
    expect(first.score).toBe(9.2);
    expect(first.derivation['zh-CN']).toBe(
      '全年执行数 92.49 万元 ÷ 全年预算数 100 万元 = 92.5%，取整为 92%：10 × 92% = 9.20',
    );
    expect(first.derivation.en).toBe('92.49 ÷ 100 (万元) executed = 92.5%; rounded to 92%: 10 × 92% = 9.20');
  });

  it('scores 0 below the year’s floor, and from the floor on as usual', () => {
    const floor = with_({ executionFloorPct: 60 });
    expect(scoreExecution([line('FISCAL', 100, 59.99)], 10, floor).score).toBe(0);
    expect(scoreExecution([line('FISCAL', 100, 59.99)], 10, floor).derivation['zh-CN']).toBe(
      '全年执行数 59.99 万元 ÷ 全年预算数 100 万元 = 60.0%（59.99%），低于 60%，得 0 分',
    );
    expect(scoreExecution([line('FISCAL', 100, 59.99)], 10, floor).derivation.en).toBe(
      '59.99 ÷ 100 (万元) executed = 60.0% (59.99%), below 60%: 0',
    );
    expect(scoreExecution([line('FISCAL', 100, 59.9)], 10, floor).derivation.en).toBe(
      '59.9 ÷ 100 (万元) executed = 59.9% (59.9%), below 60%: 0',
    );
    expect(scoreExecution([line('FISCAL', 300, 179)], 10, floor).derivation.en).toBe(
      '179 ÷ 300 (万元) executed = 59.7% (59.7%), below 60%: 0',
    );
    expect(scoreExecution([line('FISCAL', 100, 59.99999)], 10, floor).derivation.en).toBe(
      '59.99999 ÷ 100 (万元) executed = 60.0% (59.99999%), below 60%: 0',
    );
    expect(scoreExecution([line('FISCAL', 100, 60)], 10, floor).score).toBe(6);
    expect(scoreExecution([line('FISCAL', 100, 0)], 10, s).derivation['zh-CN']).toBe(
      '全年执行数 0 万元 ÷ 全年预算数 100 万元 = 0.0%，10 × 0/100 = 0.00',
    );
    expect(scoreExecution([line('FISCAL', 100, 59.99)], 10, s).score).toBe(6);
    // Rounded first, 59.5 % is 60 % and passes the floor.
    const both = with_({ executionFloorPct: 60, rounding: { decimals: 2, mode: 'HALF_UP', rateFirst: true } });
    expect(scoreExecution([line('FISCAL', 100, 59.5)], 10, both).score).toBe(6);
  });

  it('scores nothing without a budget or an executed amount, and 0 points as 0', () => {
    expect(scoreExecution([line('FISCAL', null, 5)], 10, s)).toMatchObject({ score: null, exact: null, rate: null });
    expect(scoreExecution([line('FISCAL', 0, 0)], 10, s).score).toBeNull();
    expect(scoreExecution([line('FISCAL', 10, null)], 10, s).score).toBeNull();
    expect(scoreExecution([], 10, s).derivation['zh-CN']).toBe(
      '未填写全年预算数或全年执行数（或全年预算数为 0），无法计算执行率',
    );
    const none = scoreExecution([line('FISCAL', 100, 50)], 0, s);
    expect(none).toMatchObject({ score: 0, exact: ratio(0), rate: 50 });
    expect(none.derivation).toEqual({
      'zh-CN': '本年度预算执行率不计分（分值 0）',
      en: 'Budget execution carries no points this year',
    });
  });

  it('flags a stated total that is not the sum of its sources', () => {
    const money = [line('FISCAL', 80, 76), line('CARRY_OVER', 20, 10)];
    const sum = { initialBudgetFen: wan(100), annualBudgetFen: wan(100), executedFen: wan(86) };
    expect(scoreExecution(money, 10, s, sum).totalMismatch).toBe(false);
    expect(scoreExecution(money, 10, s, { ...sum, executedFen: wan(88) }).totalMismatch).toBe(true);
    expect(scoreExecution(money, 10, s, { ...sum, initialBudgetFen: wan(99) }).totalMismatch).toBe(true);
    expect(scoreExecution(money, 10, s, { ...sum, annualBudgetFen: wan(99) }).totalMismatch).toBe(true);
    expect(
      scoreExecution(money, 10, s, { initialBudgetFen: null, annualBudgetFen: null, executedFen: null }).totalMismatch,
    ).toBe(false);
    expect(scoreExecution(money, 10, s, null).totalMismatch).toBe(false);
  });
});
