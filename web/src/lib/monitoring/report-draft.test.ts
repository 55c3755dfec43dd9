import { defaultThresholds } from '@jixiao/core/monitoring/monitoring-config.ts';
import type { ReportLine } from '@jixiao/core/monitoring/monitoring-report.ts';
import { assess } from '@jixiao/core/monitoring/monitoring-warnings.ts';
import { reportErrors } from '@jixiao/core/monitoring/report-rules.ts';
import { describe, expect, it } from 'vitest';
import {
  type DraftSource,
  differences,
  draftOf,
  isReportDraft,
  moneyProblems,
  sameDraft,
  saveBody,
  upgradeDraft,
  withDraft,
} from '#lib/monitoring/report-draft.ts';

const line = (rowId: string, extra: Partial<ReportLine> = {}): ReportLine => ({
  rowId,
  period: 'ANNUAL',
  level1: 'OUTPUT',
  level2: 'QUANTITY',
  name: `指标${rowId}`,
  operator: 'GTE',
  targetValue: '1200',
  unit: '人次',
  actualToDate: '',
  forecastYearEnd: '',
  likelihood: null,
  deviationReasons: [],
  deviationAnalysis: '',
  correctiveMeasures: '',
  remarks: '',
  ...extra,
});

const report = (): DraftSource & {
  budget: { fiscal: number; carryOver: number; other: number };
  dataDate: string;
  thresholds: typeof defaultThresholds;
} => ({
  dataDate: '2026-06-30',
  thresholds: defaultThresholds,
  budget: { fiscal: 1_000_000_00, carryOver: 0, other: 0 },
  executed: { fiscal: 0, carryOver: 0, other: 0 },
  forecastFullYearFen: null,
  goalProgress: '',
  lines: [line('r1'), line('r2', { operator: 'QUALITATIVE', targetValue: '按期完成', unit: '' })],
});

describe('the check-in draft', () => {
  it('shows stored fen as the 万元 people type (as projects and exports do), and sends typed 万元 back as exact fen', () => {
    const draft = draftOf({
      ...report(),
      executed: { fiscal: 30_000_012, carryOver: 0, other: 0 },
      forecastFullYearFen: 1_000_000_00,
    });
    expect(draft.unit).toBe('wan');
    expect(draft.executed).toEqual({ fiscal: '30.000012', carryOver: '0', other: '0' });
    expect(draft.forecast).toBe('100');
    draft.executed.fiscal = '１２,３４５.６７８９０１';
    draft.executed.other = '';
    expect(saveBody(draft, 3)).toMatchObject({
      version: 3,
      executed: { fiscal: 12_345_678_901, carryOver: 0, other: 0 },
      forecastFullYearFen: 1_000_000_00,
    });
  });

  it('converts edits kept on a phone in 元 before the form moved to 万元, never reading them as 万元', () => {
    const legacy = {
      ...draftOf(report()),
      executed: { fiscal: '300000.12', carryOver: '', other: '0' },
      forecast: '1000000',
    };
    const { unit: _unit, budgetDeviationReason: _r, budgetCorrectiveMeasures: _m, ...old } = legacy;
    expect(isReportDraft(old)).toBe(false);
    const upgraded = upgradeDraft(JSON.parse(JSON.stringify(old)));
    expect(upgraded).toMatchObject({
      unit: 'wan',
      executed: { fiscal: '30.000012', carryOver: '', other: '0' },
      forecast: '100',
      budgetDeviationReason: '',
    });
    expect(saveBody(upgraded!, 1)).toMatchObject({
      executed: { fiscal: 30_000_012 },
      forecastFullYearFen: 1_000_000_00,
    });
    expect(upgradeDraft({ ...old, unit: 'yuan' })).toBeNull();
    expect(upgradeDraft(draftOf(report()))).toEqual(draftOf(report()));
  });

  it('sends the report-level reason and corrective measures for a red budget', () => {
    const draft = draftOf(report());
    draft.budgetDeviationReason = '招标延期';
    draft.budgetCorrectiveMeasures = '加快支付';
    expect(saveBody(draft, 2)).toMatchObject({
      budgetDeviationReason: '招标延期',
      budgetCorrectiveMeasures: '加快支付',
    });
    expect(withDraft(report(), draft)).toMatchObject({ budgetDeviationReason: '招标延期' });
  });

  it('will not send an amount it cannot read, and says which and why', () => {
    const draft = draftOf(report());
    draft.executed.fiscal = '12.3456789';
    draft.forecast = 'abc';
    expect(moneyProblems(draft)).toEqual([
      { pointer: '/executed/fiscal', reason: 'decimals' },
      { pointer: '/forecastFullYearFen', reason: 'format' },
    ]);
    expect(saveBody(draft, 1)).toBeNull();
  });

  it('lets core judge the report as typed: execution 30 % at the end of June is red, with its reason, and rule 8 speaks', () => {
    const stored = report();
    const draft = draftOf(stored);
    draft.executed.fiscal = '30';
    draft.lines[0]!.likelihood = 'IMPOSSIBLE';
    const typed = withDraft(stored, draft);
    const assessment = assess(typed, defaultThresholds);
    expect(assessment).toMatchObject({ colour: 'RED', executionRatePct: 30, timeProgressPct: 49.6 });
    expect(assessment.warnings.map((w) => [w.code, w.colour])).toEqual([
      ['budget_below_checkpoint', 'RED'],
      ['budget_behind_time', 'YELLOW'],
      ['likelihood', 'RED'],
    ]);
    const errors = reportErrors(typed, 'zh-CN');
    expect(errors).toContainEqual(
      expect.objectContaining({
        pointer: '/budgetDeviationReason',
        message: '预算执行为红色预警时，须填写预算执行偏差原因',
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        pointer: '/lines/0/deviationReasons',
        message: '完成目标可能性不是“确定能”时，至少勾选一项偏差原因',
      }),
    );
    // The stored report is untouched: the form compares against it.
    expect(stored.executed.fiscal).toBe(0);
  });

  it('counts "30" and "30.000000" as the same amount, and a changed reason as a change', () => {
    const stored = report();
    const a = draftOf({ ...stored, executed: { fiscal: 30_000_000, carryOver: 0, other: 0 } });
    const b = draftOf(stored);
    b.executed.fiscal = '30.000000';
    expect(sameDraft(a, b)).toBe(true);
    b.lines[1]!.deviationReasons = ['FUNDING'];
    expect(sameDraft(a, b)).toBe(false);
  });

  it('lists what differs from the server’s copy, field by field, for the conflict panel', () => {
    const mine = draftOf(report());
    const theirs = draftOf(report());
    mine.executed.fiscal = '30';
    theirs.goalProgress = '按计划推进。';
    mine.lines[0]!.deviationReasons = ['FUNDING', 'STAFFING'];
    expect(differences(mine, theirs)).toEqual([
      { field: 'executed.fiscal', rowId: null, mine: '30', theirs: '0' },
      { field: 'goalProgress', rowId: null, mine: '', theirs: '按计划推进。' },
      { field: 'line.deviationReasons', rowId: 'r1', mine: 'FUNDING,STAFFING', theirs: '' },
    ]);
  });

  it('accepts back from storage only what has the draft’s shape', () => {
    expect(isReportDraft(draftOf(report()))).toBe(true);
    expect(isReportDraft(JSON.parse(JSON.stringify(draftOf(report()))))).toBe(true);
    expect(isReportDraft({ executed: {}, forecast: '', goalProgress: '', lines: [] })).toBe(false);
    expect(isReportDraft({ ...draftOf(report()), lines: [{ rowId: 'r1' }] })).toBe(false);
    expect(isReportDraft(null)).toBe(false);
  });
});
