import { describe, expect, it } from 'vitest';
import type { WarningColour } from '#core/monitoring/monitoring-config.ts';
import type { Warning } from '#core/monitoring/monitoring-report.ts';
import {
  applyChange,
  countsOf,
  countsOnly,
  emptyCounts,
  minus,
  plus,
  recount,
  redEntryOf,
  type TallySource,
  tallyStatuses,
} from '#core/monitoring/monitoring-tally.ts';
import type { TargetStatus } from '#core/submission/performance-target.ts';

/**
 * The tally against totals worked out by hand: the property test of monitoring-tally.test.ts holds the kept tally
 * equal to a recount, but both are built on the same `plus`, so an error in it (a sign, a field left out) passes
 * there and is caught here.
 */
const warning = (colour: WarningColour, code: string): Warning => ({
  scope: 'BUDGET',
  rowId: null,
  colour,
  code,
  params: {},
});

const source = (
  id: string,
  reviewStatus: TargetStatus,
  colour: WarningColour,
  money: { budget: [number, number, number]; executed: [number, number, number] },
  indicatorColours: Record<string, WarningColour | null>,
  firstSubmittedAt: string | null,
): TallySource => ({
  id,
  projectCode: `DL2026${id}`,
  projectName: `项目${id}`,
  unitName: '区教育局（本级）',
  reviewStatus,
  budget: { fiscal: money.budget[0], carryOver: money.budget[1], other: money.budget[2] },
  executed: { fiscal: money.executed[0], carryOver: money.executed[1], other: money.executed[2] },
  firstSubmittedAt,
  deadline: '2026-07-20',
  assessment: {
    colour,
    budgetColour: colour,
    indicatorColours,
    executionRatePct: 12.5,
    timeProgressPct: 49.6,
    elapsedDays: 181,
    daysInYear: 365,
    indicatorProgressPct: null,
    warnings: [warning('RED', 'budget_below_checkpoint'), warning('YELLOW', 'forecast_execution_low')],
  },
});

// Four reports of one department, their figures chosen so no two fields share a total.
const draft = source('A', 'DRAFT', 'RED', { budget: [5_000_000, 0, 0], executed: [1_000, 0, 0] }, { x: 'RED' }, null);
const submittedOnTime = source(
  'B',
  'UNIT_SUBMITTED',
  'RED',
  { budget: [1_000_000, 200_000, 30_000], executed: [400_000, 50_000, 6_000] },
  { x: 'RED', y: 'GREEN', z: null },
  '2026-07-20T15:59:59Z',
);
const approvedLate = source(
  'C',
  'FINAL_APPROVED',
  'YELLOW',
  { budget: [2_000_000, 0, 7], executed: [900_000, 0, 0] },
  { x: 'YELLOW', y: 'YELLOW' },
  '2026-07-20T16:00:00Z',
);
const returnedLate = source(
  'D',
  'RETURNED',
  'GREEN',
  { budget: [3_000_000, 0, 0], executed: [3_000_000, 0, 0] },
  { x: 'GREEN' },
  '2026-07-22T01:00:00Z',
);
const reports = [draft, submittedOnTime, approvedLate, returnedLate];

// By hand: B and C are reported (sent on, not sent back); A is a draft, D was returned.
const handTotals = {
  reports: 4,
  byStatus: { DRAFT: 1, RETURNED: 1, UNIT_SUBMITTED: 1, DEPT_APPROVED: 0, FIRST_REVIEWED: 0, FINAL_APPROVED: 1 },
  byColour: { GREEN: 0, YELLOW: 1, RED: 1 },
  indicatorsByColour: { GREEN: 1, YELLOW: 2, RED: 1 },
  budgetFen: 1_230_000 + 2_000_007,
  executedFen: 456_000 + 900_000,
  submitted: 3,
  late: 2,
};

describe('a department tally against totals worked out by hand', () => {
  it('counts reports, statuses, colours, money, submissions and late ones', () => {
    expect(countsOnly(recount(reports))).toEqual(handTotals);
  });

  it('kept report by report, it reaches the same totals', () => {
    const kept = reports.reduce((tally, report) => applyChange(tally, undefined, report), emptyCounts());
    expect(countsOnly(kept)).toEqual(handTotals);
  });

  it('takes a report away again when it changes: a return removes its colour and money but not its submission', () => {
    const returned = { ...submittedOnTime, reviewStatus: 'RETURNED' as const };
    const after = applyChange(recount(reports), submittedOnTime, returned);
    expect(countsOnly(after)).toEqual({
      reports: 4,
      byStatus: { DRAFT: 1, RETURNED: 2, UNIT_SUBMITTED: 0, DEPT_APPROVED: 0, FIRST_REVIEWED: 0, FINAL_APPROVED: 1 },
      byColour: { GREEN: 0, YELLOW: 1, RED: 0 },
      indicatorsByColour: { GREEN: 0, YELLOW: 2, RED: 0 },
      budgetFen: 2_000_007,
      executedFen: 900_000,
      submitted: 3,
      late: 2,
    });
  });

  it('plus adds and minus subtracts every field', () => {
    const a = countsOf(submittedOnTime);
    const b = countsOf(approvedLate);
    expect(countsOnly(plus(a, b))).toMatchObject({
      reports: 2,
      byColour: { RED: 1, YELLOW: 1, GREEN: 0 },
      budgetFen: 3_230_007,
      executedFen: 1_356_000,
      submitted: 2,
      late: 1,
    });
    expect(countsOnly(minus(a, b))).toEqual({
      reports: 0,
      byStatus: { DRAFT: 0, RETURNED: 0, UNIT_SUBMITTED: 1, DEPT_APPROVED: 0, FIRST_REVIEWED: 0, FINAL_APPROVED: -1 },
      byColour: { GREEN: 0, YELLOW: -1, RED: 1 },
      indicatorsByColour: { GREEN: 1, YELLOW: -2, RED: 1 },
      budgetFen: 1_230_000 - 2_000_007,
      executedFen: 456_000 - 900_000,
      submitted: 0,
      late: -1,
    });
    expect(countsOnly(minus(plus(a, b), b))).toEqual(countsOnly(a));
  });

  it('adds whole tallies, not only one report at a time', () => {
    const two = plus(countsOf(submittedOnTime), countsOf(approvedLate));
    const four = plus(two, two);
    expect(four.reports).toBe(4);
    expect(four.submitted).toBe(4);
    expect(countsOnly(minus(four, two))).toEqual(countsOnly(two));
  });

  it('counts a report of a status it does not tally (不予通过) without inventing a status for it', () => {
    const money = { budget: [100, 0, 0] as [number, number, number], executed: [0, 0, 0] as [number, number, number] };
    const rejected = countsOf(source('R', 'REJECTED', 'RED', money, {}, '2026-07-01T00:00:00Z'));
    expect(Object.keys(rejected.byStatus)).toEqual([...tallyStatuses]);
    expect(Object.values(rejected.byStatus).every((n) => n === 0)).toBe(true);
    expect(rejected.reports).toBe(1);
  });

  it('an empty tally is all zeros, one entry for every status', () => {
    const empty = emptyCounts();
    expect(Object.keys(empty.byStatus)).toEqual([...tallyStatuses]);
    expect(countsOnly(empty)).toEqual({
      reports: 0,
      byStatus: Object.fromEntries(tallyStatuses.map((s) => [s, 0])),
      byColour: { GREEN: 0, YELLOW: 0, RED: 0 },
      indicatorsByColour: { GREEN: 0, YELLOW: 0, RED: 0 },
      budgetFen: 0,
      executedFen: 0,
      submitted: 0,
      late: 0,
    });
  });
});

describe('the red list', () => {
  const statuses: TargetStatus[] = [
    'DRAFT',
    'RETURNED',
    'UNIT_SUBMITTED',
    'DEPT_APPROVED',
    'FIRST_REVIEWED',
    'FINAL_APPROVED',
  ];
  const money = { budget: [100, 0, 0] as [number, number, number], executed: [0, 0, 0] as [number, number, number] };

  it('never holds a yellow or green project, whatever its status', () => {
    for (const status of statuses) {
      for (const colour of ['GREEN', 'YELLOW'] as const) {
        expect(redEntryOf(source('E', status, colour, money, {}, '2026-07-01T00:00:00Z'))).toBeNull();
      }
    }
  });

  it('holds a red project only once it is reported, with its red warnings alone', () => {
    const onList = statuses.filter((status) => redEntryOf(source('E', status, 'RED', money, {}, null)) !== null);
    expect(onList).toEqual(['UNIT_SUBMITTED', 'DEPT_APPROVED', 'FIRST_REVIEWED', 'FINAL_APPROVED']);
    expect(redEntryOf(source('E', 'DEPT_APPROVED', 'RED', money, {}, null))).toEqual({
      reportId: 'E',
      projectCode: 'DL2026E',
      projectName: '项目E',
      unitName: '区教育局（本级）',
      executionRatePct: 12.5,
      warnings: [warning('RED', 'budget_below_checkpoint')],
    });
  });
});
