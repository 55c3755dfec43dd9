import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beijingDay } from '#core/beijing-day.ts';
import { defaultThresholds } from '#core/monitoring/monitoring-config.ts';
import type { ReportLine } from '#core/monitoring/monitoring-report.ts';
import {
  applyChange,
  countsOf,
  emptyCounts,
  recount,
  redEntryOf,
  type TallySource,
} from '#core/monitoring/monitoring-tally.ts';
import { assess } from '#core/monitoring/monitoring-warnings.ts';
import { sampleReportLine } from '#core/monitoring/report-line.ts';
import { canTakeReportAction, reportActionNames, reportActions } from '#core/monitoring/report-workflow.ts';

const line = (rowId: string, forecast: string, likelihood: ReportLine['likelihood']): ReportLine =>
  sampleReportLine({ rowId, name: rowId, actualToDate: '40', forecastYearEnd: forecast, likelihood });

const report = (executedFen: number, forecast: string, likelihood: ReportLine['likelihood']): TallySource => {
  const budget = { fiscal: 1_000_000, carryOver: 0, other: 0 };
  const executed = { fiscal: executedFen, carryOver: 0, other: 0 };
  const lines = [line('a', forecast, likelihood), line('b', '100', 'CERTAIN')];
  return {
    id: `report-${executedFen}`,
    projectCode: 'DL2026ZJ0001',
    projectName: '项目',
    unitName: '单位',
    reviewStatus: 'DRAFT',
    budget,
    executed,
    firstSubmittedAt: null,
    deadline: '2026-07-20',
    assessment: assess({ dataDate: '2026-06-30', budget, executed, lines }, defaultThresholds),
  };
};

describe('a department tally', () => {
  it('counts colours and money only once a report is sent on', () => {
    const draft = report(100_000, '80', 'IMPOSSIBLE');
    expect(countsOf(draft)).toMatchObject({ reports: 1, byStatus: { DRAFT: 1 }, byColour: { RED: 0 }, budgetFen: 0 });
    const sent = { ...draft, reviewStatus: 'UNIT_SUBMITTED' as const, firstSubmittedAt: '2026-07-20T15:59:59Z' };
    expect(countsOf(sent)).toMatchObject({
      byStatus: { UNIT_SUBMITTED: 1, DRAFT: 0 },
      byColour: { RED: 1 },
      indicatorsByColour: { RED: 1, GREEN: 1 },
      budgetFen: 1_000_000,
      executedFen: 100_000,
      submitted: 1,
      late: 0,
    });
    expect(redEntryOf(draft)).toBeNull();
    expect(redEntryOf(sent)).toMatchObject({
      reportId: 'report-100000',
      projectCode: 'DL2026ZJ0001',
      executionRatePct: 10,
    });
    expect(redEntryOf(sent)!.warnings.map((w) => w.code)).toEqual([
      'budget_below_checkpoint',
      'budget_behind_time',
      'likelihood',
      'forecast_far_off',
    ]);
  });

  it('counts a report first sent after the deadline day in Beijing as late', () => {
    expect(beijingDay('2026-07-20T15:59:59Z')).toBe('2026-07-20');
    expect(beijingDay('2026-07-20T16:00:00Z')).toBe('2026-07-21');
    const late = {
      ...report(0, '100', 'CERTAIN'),
      reviewStatus: 'UNIT_SUBMITTED' as const,
      firstSubmittedAt: '2026-07-20T16:00:00Z',
    };
    expect(countsOf(late).late).toBe(1);
  });

  it('property: kept on every change, it equals a recount of the reports', () => {
    const step = fc.record({
      which: fc.nat(),
      action: fc.constantFrom(...reportActionNames, 'edit' as const),
      executedFen: fc.integer({ min: 0, max: 1_000_000 }),
      forecast: fc.constantFrom('100', '95', '80', '40'),
      likelihood: fc.constantFrom('CERTAIN' as const, 'POSSIBLE' as const, 'IMPOSSIBLE' as const, null),
      at: fc.constantFrom('2026-07-10T02:00:00Z', '2026-07-25T02:00:00Z'),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(step, { maxLength: 60 }), (size, steps) => {
        const ids = (i: number) => ({ id: `r${i}`, projectCode: `P${(i * 7) % 5}` });
        const reports: TallySource[] = Array.from({ length: size }, (_, i) => ({
          ...report(0, '100', null),
          ...ids(i),
        }));
        let tally = reports.reduce((t, r) => applyChange(t, undefined, r), emptyCounts());
        for (const s of steps) {
          const i = s.which % reports.length;
          const before = reports[i]!;
          let after: TallySource;
          if (s.action === 'edit') {
            if (!['DRAFT', 'RETURNED'].includes(before.reviewStatus)) continue;
            after = {
              ...report(s.executedFen, s.forecast, s.likelihood),
              reviewStatus: before.reviewStatus,
              firstSubmittedAt: before.firstSubmittedAt,
            };
          } else {
            if (!canTakeReportAction(s.action, before.reviewStatus)) continue;
            after = {
              ...before,
              reviewStatus: reportActions[s.action].to,
              firstSubmittedAt: before.firstSubmittedAt ?? (s.action === 'submit' ? s.at : null),
            };
          }
          reports[i] = after;
          tally = applyChange(tally, before, after);
        }
        expect(tally).toEqual(recount(reports));
        expect(Object.values(tally.byStatus).reduce((a, b) => a + b, 0)).toBe(reports.length);
      }),
    );
  });
});
