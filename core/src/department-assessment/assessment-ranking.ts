import type { AssessmentGrade, AssessmentScheme } from '#core/department-assessment/assessment-scheme.ts';
import { compare, mul, parseDecimal, type Ratio, ratio } from '#core/monitoring/exact-ratio.ts';

/**
 * Ranking within a series and the grades (docs/domain/department-assessment.md#ranking-and-grades):
 * departments ordered by their published (rounded) final score, equal scores sharing a rank
 * (1, 2, 2, 4); each graded by the bands, then the quotas applied from the top grade down: beyond a
 * grade's quota, departments fall to the next grade in rank order. A tie across a quota's edge goes
 * all out (the quota is never exceeded) or all in, as the scheme says.
 */
export interface RankedDepartment {
  departmentId: string;
  final: Ratio;
  rank: number;
  /** The grade the score's band gives. */
  bandGrade: AssessmentGrade;
  /** After the quotas. */
  grade: AssessmentGrade;
}

const gradeOrder: readonly AssessmentGrade[] = ['EXCELLENT', 'GOOD', 'PASS', 'FAIL'];

export const bandGradeOf = (scheme: AssessmentScheme, final: Ratio): AssessmentGrade => {
  const bands = [...scheme.gradeBands].sort((a, b) => gradeOrder.indexOf(a.grade) - gradeOrder.indexOf(b.grade));
  for (const band of bands) {
    const floor = parseDecimal(band.atLeast);
    if (!floor) throw new RangeError(`grade band is not a number: ${band.atLeast}`);
    if (compare(final, floor) >= 0) return band.grade;
  }
  return 'FAIL';
};

/** How many of `size` departments a quota (percent) admits: rounded down, so "at most 30 %" holds. */
export const quotaSeats = (size: number, quotaPct: string): number => {
  const pct = parseDecimal(quotaPct);
  if (!pct) throw new RangeError(`quota is not a number: ${quotaPct}`);
  const seats = mul(ratio(size), mul(pct, ratio(1, 100)));
  return Number(seats.n / seats.d);
};

export const rankSeries = (
  scheme: AssessmentScheme,
  entries: readonly { departmentId: string; final: Ratio }[],
): RankedDepartment[] => {
  const sorted = [...entries].sort((a, b) => compare(b.final, a.final) || a.departmentId.localeCompare(b.departmentId));
  const ranked: RankedDepartment[] = [];
  sorted.forEach((entry, i) => {
    const previous = ranked[i - 1];
    const rank = previous && compare(previous.final, entry.final) === 0 ? previous.rank : i + 1;
    const bandGrade = bandGradeOf(scheme, entry.final);
    ranked.push({ ...entry, rank, bandGrade, grade: bandGrade });
  });

  for (const [index, grade] of gradeOrder.entries()) {
    const quota = scheme.quotas[grade];
    const next = gradeOrder[index + 1];
    if (quota === undefined || next === undefined) continue;
    const seats = quotaSeats(ranked.length, quota);
    const candidates = ranked.filter((r) => r.grade === grade);
    // Walk the candidates by rank in groups of equal score; a group that does not fit entirely is cut by the tie rule.
    let taken = 0;
    let full = false;
    for (let i = 0; i < candidates.length; ) {
      const group = candidates.filter((c) => compare(c.final, (candidates[i] as RankedDepartment).final) === 0);
      const fits = !full && (taken + group.length <= seats || (scheme.quotaTies === 'ALL_IN' && taken < seats));
      if (fits) taken += group.length;
      else {
        full = true;
        for (const member of group) member.grade = next;
      }
      i += group.length;
    }
  }
  return ranked;
};
