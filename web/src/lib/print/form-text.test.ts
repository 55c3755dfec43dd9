import type { TargetRow } from '@jixiao/core/submission/performance-target.ts';
import { describe, expect, it } from 'vitest';
import {
  executionRate,
  indicatorLines,
  indicatorValueText,
  level1Name,
  level2Name,
  levelSpans,
  lineBasisText,
  orderRows,
  percent,
  periodText,
  targetValueText,
  wan,
} from '#lib/print/form-text.ts';

/**
 * The printed forms' words and figures: the XLSX exports' rules (functions/src/export/target-table.ts and
 * its tests) restated for the web, so a printed 申报表 reads as the downloaded one.
 */
const row = (over: Partial<TargetRow>): TargetRow =>
  ({
    rowId: 'r',
    period: 'ANNUAL',
    level1: 'OUTPUT',
    level2: 'QUANTITY',
    name: '补助幼儿园数量',
    libraryIndicatorId: null,
    custom: false,
    operator: 'GTE',
    value: '42',
    valueDate: null,
    unit: '所',
    weight: 10,
    explanation: '',
    scoringStandard: '',
    valueBasis: 'PLAN',
    lastYearActual: '',
    dataSource: '',
    core: false,
    spendingStandardCap: null,
    ...over,
  }) as TargetRow;

describe('the 申报表 grid', () => {
  it('orders rows by the framework and pairs a medium-term and an annual row of the same indicator', () => {
    const rows = [
      row({
        rowId: 'a',
        level1: 'SATISFACTION',
        level2: 'SERVICE_RECIPIENT',
        name: '家长满意度',
        value: '90',
        unit: '%',
      }),
      row({ rowId: 'b', period: 'ANNUAL', name: '补助幼儿园数量 ' }),
      row({ rowId: 'c', period: 'MEDIUM_TERM', name: '补助幼儿园数量', value: '120' }),
    ];
    const lines = indicatorLines(rows);
    expect(lines.map((l) => l.name)).toEqual(['补助幼儿园数量', '家长满意度']);
    expect(indicatorValueText(lines[0]?.MEDIUM_TERM)).toBe('≥120所');
    expect(indicatorValueText(lines[0]?.ANNUAL)).toBe('≥42所');
    expect(level1Name('OUTPUT')).toBe('产出指标');
    expect(level2Name('OUTPUT', 'QUANTITY')).toBe('数量指标');
  });

  it('writes a qualitative value as its words and a blank value as nothing', () => {
    expect(indicatorValueText(row({ operator: 'QUALITATIVE', value: '全部可追溯' }))).toBe('全部可追溯');
    expect(indicatorValueText(row({ value: ' ' }))).toBe('');
    expect(indicatorValueText(undefined)).toBe('');
  });

  it('gives the basis once when both periods agree, else each period’s', () => {
    const [same] = indicatorLines([row({ period: 'MEDIUM_TERM' }), row({ dataSource: '' })]);
    expect(lineBasisText(same!)).toBe('计划标准');
    const [apart] = indicatorLines([
      row({ period: 'MEDIUM_TERM', valueBasis: 'HISTORICAL' }),
      row({ dataSource: ' 统计台账 ' }),
    ]);
    expect(lineBasisText(apart!)).toBe('中期：历史标准\n年度：计划标准；数据来源：统计台账');
  });

  it('spans levels 1 and 2 down their runs, as the XLSX merges them', () => {
    const rows = orderRows([
      { level1: 'OUTPUT', level2: 'QUANTITY' },
      { level1: 'OUTPUT', level2: 'QUANTITY' },
      { level1: 'OUTPUT', level2: 'TIMELINESS' },
      { level1: 'BENEFIT', level2: 'SOCIAL' },
    ]);
    expect(levelSpans(rows)).toEqual([
      { level1: 3, level2: 2 },
      { level1: 0, level2: 0 },
      { level1: 0, level2: 1 },
      { level1: 1, level2: 1 },
    ]);
  });
});

describe('figures by core’s one rule', () => {
  it('shows 万元 from integer fen exactly, and nothing for none', () => {
    expect(wan(12_345_600)).toBe('12.3456');
    expect(wan(8_600_000_000)).toBe('8,600');
    expect(wan(null)).toBe('');
  });

  it('prints rates with one decimal at least, an execution rate exactly, none without a budget', () => {
    expect(percent(20)).toBe('20.0%');
    expect(percent(null)).toBe('');
    expect(executionRate(3_960_000, 19_800_000)).toBe('20.0%');
    expect(executionRate(1, 0)).toBe('');
  });

  it('writes a period and a target value as the forms do', () => {
    expect(periodText(2027, 2027)).toBe('2027年');
    expect(periodText(2026, 2028)).toBe('2026–2028年');
    expect(targetValueText({ operator: 'LTE', targetValue: '4' }, '小时')).toBe('≤4小时');
    expect(targetValueText({ operator: 'GTE', targetValue: '58' })).toBe('≥58');
    expect(targetValueText({ operator: 'QUALITATIVE', targetValue: '全部可追溯' }, '%')).toBe('全部可追溯');
  });
});
