import { deepStrictEqual } from 'node:assert/strict';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { reportActions } from '@jixiao/core/monitoring/report-workflow.ts';
import { type DepartmentSeries, departmentSeries } from '@jixiao/core/organisation/department.ts';
import { gradeOf, scoreSheet } from '@jixiao/core/self-evaluation/score-sheet.ts';
import { defaultScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import type { SelfEvaluationRound } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { blankEntry, type SelfEvaluationRow } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import {
  emptySelfEvaluationCounts,
  plusCounts,
  recountSelfEvaluations,
  type SelfEvaluationCounts,
  selfEvaluationCountsOnly,
  selfEvaluationDelta,
} from '@jixiao/core/self-evaluation/self-evaluation-tally.ts';
import type { SelfEvaluationAction } from '@jixiao/core/self-evaluation/self-evaluation-workflow.ts';
import type { ReviewStep, TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import { defaultTargetWeights } from '@jixiao/core/submission/target-weights.ts';
import type { OperationRequest } from '@jixiao/functions/http/api-event.ts';
import type { StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import { type DepartmentOfRound, newDepartmentTally } from '@jixiao/functions/records/department-tally.ts';
import {
  type SelfEvaluationTally,
  type StoredSelfEvaluation,
  selfEvaluationTallyId,
} from '@jixiao/functions/self-evaluation/tally-writes.ts';

/**
 * The self-evaluation bench lines' data (test/bench/self-evaluation-summary.ts and
 * self-evaluation-deadline-rush.ts): departments, rounds and 项目支出绩效自评表 shaped like those the
 * API issues, filled in and moved along the review as units and reviewers would, each scored by
 * core's `scoreSheet`, and every department's tally kept as the API keeps it (each write's
 * `selfEvaluationDelta` added) so that it can be held against `recountSelfEvaluations`.
 */

/** A small seeded generator (mulberry32), so every run writes the same shape of data. */
export const seeded = (seed: number) => {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (lo: number, hi: number) => lo + next() * (hi - lo),
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    weighted: <T extends string>(weights: Partial<Record<T, number>>): T => {
      const entries = Object.entries(weights) as [T, number][];
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [key, w] of entries) {
        r -= w;
        if (r < 0) return key;
      }
      return entries.at(-1)![0];
    },
  };
};
export type Random = ReturnType<typeof seeded>;

/**
 * `total` self-evaluations over `n` departments, every department at least one, the rest by a
 * long-tailed weight (the k-th largest gets about 1/k^0.9 of it) in a shuffled order: a few
 * departments with hundreds of projects, most with a handful.
 */
export const spread = (total: number, n: number, random: Random): number[] => {
  if (total < n) throw new RangeError(`${total} self-evaluations cannot give each of ${n} departments one`);
  const weights = Array.from({ length: n }, (_, k) => 1 / (k + 1) ** 0.9);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [weights[i], weights[j]] = [weights[j]!, weights[i]!];
  }
  const sum = weights.reduce((s, w) => s + w, 0);
  const shares = weights.map((w) => ((total - n) * w) / sum);
  const counts = shares.map((s) => 1 + Math.floor(s));
  const order = shares.map((s, i) => ({ i, rest: s - Math.floor(s) })).sort((a, b) => b.rest - a.rest);
  for (let k = 0; counts.reduce((s, c) => s + c, 0) < total; k++) counts[order[k % n]!.i]! += 1;
  return counts;
};

export interface BenchDepartment extends DepartmentOfRound {
  unitId: string;
  unitName: string;
}

export const benchSectionCodes = ['JKW', 'SNK', 'JJK', 'ZHK', 'XZK'] as const;

/** `n` departments: about half government, a fifth party and mass organisations, the rest streets and parks. */
export const benchDepartments = (n: number, sectionIds: readonly string[]): BenchDepartment[] =>
  Array.from({ length: n }, (_, i) => {
    const series: DepartmentSeries =
      i % 20 < 11 ? departmentSeries[0] : i % 20 < 15 ? departmentSeries[1] : departmentSeries[2];
    const code = `9${String(i + 1).padStart(3, '0')}`;
    return {
      id: uuidV7(),
      code,
      name: `${{ GOVERNMENT: '区直部门', PARTY_MASS: '党群部门', STREET_PARK: '街道园区' }[series]}${code}`,
      series,
      financeSectionId: sectionIds[i % sectionIds.length] ?? null,
      unitId: uuidV7(),
      unitName: `${code}本级`,
    };
  });

/** Who and when the generated records say made them. */
export const benchMeta = (id: string, at: string) => ({
  id,
  version: 1,
  status: 'active' as const,
  createdAt: at,
  updatedAt: at,
  createdBy: 'bench',
  updatedBy: 'bench',
});

/** An issued round of `fiscalYear` (one per tenant and year), deadline 31 March of the next year. */
export const benchRound = (fiscalYear: number, selfEvaluationCount: number): SelfEvaluationRound & StoredRecord => ({
  ...benchMeta(uuidV7(), `${fiscalYear + 1}-01-10T02:00:00.000Z`),
  fiscalYear,
  yearKey: String(fiscalYear),
  name: `${fiscalYear}年度项目支出绩效自评`,
  deadline: `${fiscalYear + 1}-03-31`,
  carriedOverProjectIds: [],
  roundStatus: 'ISSUED',
  scoring: defaultScoringSettings,
  weights: defaultTargetWeights,
  selfEvaluationCount,
  pendingDepartmentIds: [],
});

/** The approved rows: output 50, benefit 30, satisfaction 10 (plus 10 for budget execution), as the default weights say. */
const targetRows = [
  ['OUTPUT', 'QUANTITY', '培训教师人次', 'GTE', '1200', '人次', 20],
  ['OUTPUT', 'QUALITY', '培训合格率', 'GTE', '95', '%', 15],
  ['OUTPUT', 'TIMELINESS', '培训完成时限', 'LTE', '11', '月', 10],
  ['OUTPUT', 'COST', '人均培训成本', 'LTE', '650', '元/人次', 5],
  ['BENEFIT', 'SOCIAL', '教师教学能力', 'QUALITATIVE', '明显提升', '', 30],
  ['SATISFACTION', 'SERVICE_RECIPIENT', '参训教师满意度', 'GTE', '90', '%', 10],
] as const;

const issuedRows = (): SelfEvaluationRow[] =>
  targetRows.map(([level1, level2, name, operator, targetValue, unit, weight], i) => ({
    level1,
    level2,
    name,
    operator,
    targetValue,
    unit,
    weight,
    scoringStandard: '完成值达到目标值得满分，未达到的按完成比例计分',
    ...blankEntry(`r${i + 1}`),
  }));

/** A self-evaluation as issuing makes it: a blank draft of one project of the department's unit. */
export const issuedSelfEvaluation = (
  round: SelfEvaluationRound & StoredRecord,
  department: BenchDepartment,
  n: number,
  budgetFen: number,
): StoredSelfEvaluation => ({
  ...benchMeta(uuidV7(), round.createdAt),
  roundId: round.id,
  roundName: round.name,
  roundDepartment: `${round.id}#${department.id}`,
  fiscalYear: round.fiscalYear,
  deadline: round.deadline,
  scoring: round.scoring,
  weights: round.weights,
  projectId: uuidV7(),
  projectCode: `120110${round.fiscalYear}${department.code}${String(n).padStart(4, '0')}`,
  projectName: `${department.name}教师培训项目${n}`,
  departmentId: department.id,
  departmentCode: department.code,
  departmentName: department.name,
  departmentSeries: department.series,
  unitId: department.unitId,
  unitName: department.unitName,
  financeSectionId: department.financeSectionId,
  carriedOver: false,
  targetId: uuidV7(),
  targetVersionNo: 1,
  weightReason: '',
  annualGoal: '全年完成教师培训1200人次，培训合格率不低于95%，参训教师满意度不低于90%。',
  goalCompletion: '',
  money: [
    {
      source: 'FISCAL',
      initialBudgetFen: budgetFen,
      annualBudgetFen: budgetFen,
      executedFen: null,
      origin: 'PROJECT',
      importedExecutedFen: null,
      overrideReason: '',
    },
  ],
  rows: issuedRows(),
  claimedTotal: null,
  rowAttachments: {},
  reviewStatus: 'DRAFT',
  statusSince: round.createdAt,
  firstSubmittedAt: null,
  reviewLog: [],
  total: null,
  grade: null,
  spotCheck: null,
});

/** The formula's total and grade, kept on the record as the handler keeps them (none until complete). */
export const scored = (s: StoredSelfEvaluation): StoredSelfEvaluation => {
  const sheet = scoreSheet(
    { fiscalYear: s.fiscalYear, money: s.money, rows: s.rows, executionPoints: s.weights.budgetExecution },
    s.scoring,
  );
  return { ...s, total: sheet.complete ? sheet.total : null, grade: sheet.complete ? sheet.grade : null };
};

/**
 * What the unit fills in so the table may be sent (its rules hold): `shortfall` 0 meets every
 * target; above 0 the quantity row, the budget and the qualitative tier fall short by about that
 * share, with the deviation reasons and improvement measures rule 7 asks for.
 */
export const filledIn = (s: StoredSelfEvaluation, shortfall: number, at: string): StoredSelfEvaluation => {
  const budget = s.money[0]!.annualBudgetFen ?? 0;
  const short = shortfall > 0;
  const why = short
    ? { deviationReasons: '部分学校教师因教学任务未能按期参训', improvementMeasures: '次年分批次错峰安排培训' }
    : {};
  const actual: Record<string, Partial<SelfEvaluationRow>> = {
    r1: { actual: String(Math.round(1200 * (1 - shortfall))), ...why },
    r2: { actual: '96' },
    r3: { actual: '11' },
    r4: { actual: '640' },
    // 21 of 30 points: inside the partly-achieved band (rule 5).
    r5: short ? { tier: 'PARTIAL', tierScore: '21', ...why } : { tier: 'ACHIEVED', tierScore: '30' },
    r6: { actual: '92' },
  };
  return scored({
    ...s,
    goalCompletion: short ? '完成年度培训任务的主要部分，个别学校参训不足。' : '全年完成培训任务，各项指标均已达到。',
    money: s.money.map((line) => ({
      ...line,
      executedFen: Math.round(budget * (short ? Math.max(0.6, 1 - shortfall) : 0.98)),
      origin: 'UNIT',
    })),
    rows: s.rows.map((row) => ({ ...row, ...actual[row.rowId] })),
    version: s.version + 1,
    updatedAt: at,
  });
};

/** A review step as `reviewedOnce` writes it (functions/src/records/round-records.ts). */
export const reviewedBy = (s: StoredSelfEvaluation, action: SelfEvaluationAction, at: string): StoredSelfEvaluation => {
  const { to, role } = reportActions[action];
  const step: ReviewStep = {
    action,
    from: s.reviewStatus,
    to,
    by: `bench-${role}`,
    byName: '基准审核人',
    role,
    at,
    opinion: action.endsWith('return') ? '请补充偏差原因分析。' : '同意。',
    grade: null,
    rowComments: {},
  };
  return {
    ...s,
    reviewStatus: to,
    statusSince: at,
    firstSubmittedAt: s.firstSubmittedAt ?? (action === 'submit' ? at : null),
    reviewLog: [...s.reviewLog, step],
    version: s.version + 1,
    updatedAt: at,
  };
};

/** Mid-review: most sent on, many final-approved, some still drafts or sent back. */
const reviewWeights: Partial<Record<TargetStatus, number>> = {
  DRAFT: 10,
  RETURNED: 5,
  UNIT_SUBMITTED: 12,
  DEPT_APPROVED: 13,
  FIRST_REVIEWED: 15,
  FINAL_APPROVED: 45,
};

/** The actions that lead from a draft to `status`, in order; a fifth sent back once on the way. */
const pathTo = (status: TargetStatus, random: Random): SelfEvaluationAction[] => {
  const forward = ['submit', 'department-approve', 'first-approve', 'final-approve'] as const;
  const steps: Partial<Record<TargetStatus, number>> = {
    UNIT_SUBMITTED: 1,
    DEPT_APPROVED: 2,
    FIRST_REVIEWED: 3,
    FINAL_APPROVED: 4,
  };
  if (status === 'DRAFT') return [];
  if (status === 'RETURNED') {
    const by = random.pick(['department-return', 'first-return', 'final-return'] as const);
    return [...forward.slice(0, { 'department-return': 1, 'first-return': 2, 'final-return': 3 }[by]), by];
  }
  const detour: SelfEvaluationAction[] = random.next() < 0.2 ? ['submit', 'department-return'] : [];
  return [...detour, ...forward.slice(0, steps[status] ?? 0)];
};

export interface BenchSelfEvaluationRound {
  label: string;
  round: SelfEvaluationRound & StoredRecord;
  departments: BenchDepartment[];
  selfEvaluations: StoredSelfEvaluation[];
  tallies: SelfEvaluationTally[];
}

/**
 * A round's self-evaluations spread over `departments`, each issued as a blank draft, then (unless
 * it stays a draft) filled in, sent on between mid-January and a few days past the deadline (some
 * late), and moved along the review; a tenth of the final-approved ones spot-checked, most of those
 * finished with a reviewed total a few points off the unit's. Every write is added to the
 * department's tally as the API adds it.
 */
export const benchSelfEvaluationRound = (
  label: string,
  fiscalYear: number,
  departments: BenchDepartment[],
  count: number,
  random: Random,
): BenchSelfEvaluationRound => {
  const round = benchRound(fiscalYear, count);
  const perDepartment = spread(count, departments.length, random);
  const request = { receivedAt: round.createdAt, principal: { userId: 'bench' } } as OperationRequest;
  const selfEvaluations: StoredSelfEvaluation[] = [];
  const tallies: SelfEvaluationTally[] = [];
  const deadline = Date.parse(`${round.deadline}T23:59:59+08:00`);
  departments.forEach((department, d) => {
    let counts: SelfEvaluationCounts = emptySelfEvaluationCounts();
    let current: StoredSelfEvaluation | undefined;
    const write = (next: StoredSelfEvaluation) => {
      counts = plusCounts(counts, selfEvaluationDelta(current, next));
      current = next;
    };
    for (let p = 1; p <= perDepartment[d]!; p++) {
      current = undefined;
      write(issuedSelfEvaluation(round, department, p, random.int(5, 2000) * 1_000_000));
      const status = random.weighted(reviewWeights);
      if (status === 'DRAFT' && random.next() < 0.5) {
        selfEvaluations.push(current!);
        continue;
      }
      let clock = deadline - random.between(-5, 75) * 86_400_000;
      const shortfall = random.next() < 0.55 ? 0 : random.pick([0.05, 0.15, 0.3, 0.45]);
      write(filledIn(current!, shortfall, new Date(clock - 86_400_000).toISOString()));
      for (const action of pathTo(status, random)) {
        clock += random.between(0.1, 3) * 86_400_000;
        write(reviewedBy(current!, action, new Date(clock).toISOString()));
      }
      const made = current!;
      if (made.reviewStatus === 'FINAL_APPROVED' && random.next() < 0.1) {
        const finished = random.next() < 0.7;
        const reviewedTotal = finished
          ? Math.max(0, Math.round((made.total! - random.between(0, 6)) * 100) / 100)
          : null;
        write({
          ...made,
          version: made.version + 1,
          spotCheck: {
            reason: random.next() < 0.8 ? 'RANDOM' : 'NAMED',
            drawnAt: new Date(clock).toISOString(),
            adjustments: [],
            reviewedTotal,
            reviewedGrade: reviewedTotal === null ? null : gradeOf(reviewedTotal, made.scoring),
            reviewedAt: finished ? new Date(clock + 86_400_000).toISOString() : null,
            reviewedBy: finished ? 'bench-performance-section-reviewer' : null,
            opinion: finished ? '佐证材料不足，酌情扣分。' : '',
          },
        });
      }
      if (current!.reviewStatus !== status) throw new Error(`bench data: ${current!.reviewStatus} is not ${status}`);
      selfEvaluations.push(current!);
    }
    tallies.push(
      newDepartmentTally(
        selfEvaluationTallyId(round.id, department.id),
        round.id,
        department,
        selfEvaluationCountsOnly(counts),
        request,
      ),
    );
  });
  return { label, round, departments, selfEvaluations, tallies };
};

/** Every tally equals the recount of its department's self-evaluations (in memory). */
export const checkBenchTallies = (r: BenchSelfEvaluationRound): void => {
  const byDepartment = Map.groupBy(r.selfEvaluations, (s) => s.departmentId);
  for (const tally of r.tallies) {
    deepStrictEqual(
      selfEvaluationCountsOnly(tally),
      recountSelfEvaluations(byDepartment.get(tally.departmentId) ?? []),
      `tally of ${tally.departmentCode} in ${r.label}`,
    );
  }
};
