import { describe, expect, it } from 'vitest';
import { defaultAssessmentScheme } from '#core/department-assessment/assessment-scheme.ts';
import { inputValue, scoreDepartment } from '#core/department-assessment/assessment-scoring.ts';
import {
  budgetExecutionPace,
  monitoringOnTime,
  selfEvaluationCoverage,
  selfEvaluationOnTime,
  spotCheckGap,
  trainingAttendance,
} from '#core/department-assessment/tally-inputs.ts';
import { parseDecimal, type Ratio, ratio } from '#core/monitoring/exact-ratio.ts';

const r = (text: string): Ratio => parseDecimal(text) as Ratio;

/** Two rounds of a department: 8 reports due, 7 sent, 1 of them late; the latest round's money. */
const mid = { reports: 4, submitted: 4, late: 1, budgetFen: 10_000_000, executedFen: 4_000_000 };
const late = { reports: 4, submitted: 3, late: 0, budgetFen: 10_000_000, executedFen: 8_850_000 };
/** Two rounds of self-evaluation: 10 issued, 9 sent, 2 late; 3 spot-checked with gaps 2.5, 4 and 8.5 points. */
const selfA = { selfEvaluations: 6, submitted: 6, late: 2, reviewed: 2, absoluteGapHundredths: 650 };
const selfB = { selfEvaluations: 4, submitted: 3, late: 0, reviewed: 1, absoluteGapHundredths: 850 };

describe('inputs read from the tallies kept on write', () => {
  it('monitoring on time: (4 − 1) + (3 − 0) of 8 reports = 75 %', () => {
    expect(inputValue(monitoringOnTime([mid, late]))).toEqual(ratio(75));
  });

  it('budget execution from the latest round only: 885 of 1,000 thousand = 88.5 %', () => {
    expect(inputValue(budgetExecutionPace([late]))).toEqual(r('88.5'));
  });

  it('self-evaluation on time 7 of 10, coverage 9 of 10, spot-check gap 15 points over 3 = 5', () => {
    expect(inputValue(selfEvaluationOnTime([selfA, selfB]))).toEqual(ratio(70));
    expect(inputValue(selfEvaluationCoverage([selfA, selfB]))).toEqual(ratio(90));
    expect(inputValue(spotCheckGap([selfA, selfB]))).toEqual(ratio(5));
  });

  it('nothing issued is nothing to count, not zero', () => {
    expect(inputValue(monitoringOnTime([]))).toBeNull();
    expect(inputValue(spotCheckGap([{ ...selfA, reviewed: 0, absoluteGapHundredths: 0 }]))).toBeNull();
  });

  it('training: 3 of the 4 sessions meant for the government series', () => {
    const counts = {
      requiredBySeries: { GOVERNMENT: 4, PARTY_MASS: 2, STREET_PARK: 0 },
      attendedByDepartment: { d: 3 },
    };
    expect(inputValue(trainingAttendance(counts, { id: 'd', series: 'GOVERNMENT' }))).toEqual(ratio(75));
    expect(inputValue(trainingAttendance(counts, { id: 'e', series: 'STREET_PARK' }))).toBeNull();
  });

  it('scored by the default scheme: monitoring 75 % of the way from 60 to 100 → 3.75 of 10 points', () => {
    const card = scoreDepartment(defaultAssessmentScheme(2026), {
      series: 'GOVERNMENT',
      measured: { MONITORING_ON_TIME: monitoringOnTime([mid, late]) },
      manual: {},
      bonuses: {},
      deductions: {},
    });
    expect(card.leaves.find((l) => l.leafId === 'MONITORING_ON_TIME')?.score).toEqual(r('3.75'));
  });
});
