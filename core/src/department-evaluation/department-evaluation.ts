import * as v from 'valibot';
import { departmentFiguresSchema } from '#core/department-evaluation/department-figures.ts';
import { departmentFramework, frameworkTemplateIds } from '#core/department-evaluation/department-framework.ts';
import { judgementEntry } from '#core/department-evaluation/judgement-score.ts';
import type { ProjectSummary } from '#core/department-evaluation/project-summary.ts';
import { div, ratio } from '#core/monitoring/exact-ratio.ts';
import { percentFigure } from '#core/monitoring/percent-text.ts';
import { type ReportEffect, type ReportReviewFacts, reportActions } from '#core/monitoring/report-workflow.ts';
import { departmentSeries } from '#core/organisation/department.ts';
import type { Principal } from '#core/principal.ts';
import type { ReviewTable } from '#core/review/review-engine.ts';
import { departmentRoles } from '#core/roles.ts';
import { anyId, pageQuery, recordMeta, version } from '#core/schema-parts.ts';
import { observerReads, publishedReport } from '#core/scope/observer-scope.ts';
import { type ScoreRounding, scoreFigure } from '#core/self-evaluation/score-rounding.ts';
import { scoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import type { SelfEvaluationCounts } from '#core/self-evaluation/self-evaluation-tally.ts';
import {
  type ReviewGrade,
  reviewGradeCodes,
  reviewStep,
  type TargetStatus,
  targetStatusCodes,
} from '#core/submission/performance-target.ts';

/**
 * The department overall self-evaluation as a record (部门整体支出绩效自评; docs/domain/self-evaluation.md,
 * "Department overall self-evaluation"): one per department and fiscal year, holding its framework (a copy of a
 * template, chosen per department), the department's figures, the scores given by hand with their evidence, the
 * scoring settings of the year, the review and, kept after every write, the total and grade.
 */
const fiscalYear = v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100));

/** At most 60 entries (a framework has well under that many level-3 indicators; each entry at most ~3 KB). */
const entries = v.pipe(v.array(judgementEntry), v.maxLength(60));

export const departmentEvaluation = v.object({
  ...recordMeta,
  fiscalYear,
  yearKey: v.string(),
  departmentId: anyId,
  departmentCode: v.string(),
  departmentName: v.string(),
  departmentSeries: v.picklist(departmentSeries),
  financeSectionId: v.nullable(v.string()),
  /** A department's overall evaluation belongs to no unit. */
  unitId: v.null(),
  template: v.picklist(frameworkTemplateIds),
  framework: departmentFramework,
  scoring: scoringSettings,
  figures: departmentFiguresSchema,
  entries,
  reviewStatus: v.picklist(targetStatusCodes),
  statusSince: v.string(),
  firstSubmittedAt: v.nullable(v.string()),
  reviewLog: v.array(reviewStep),
  total: v.nullable(v.number()),
  grade: v.nullable(v.picklist(reviewGradeCodes)),
});
export type DepartmentEvaluation = v.InferOutput<typeof departmentEvaluation>;

/** Made by the performance section for a department and year; asking again answers the one there is. */
export const createDepartmentEvaluation = v.strictObject({
  fiscalYear,
  departmentId: anyId,
  /** The framework; by default the streets one for a STREET_PARK department, else the national one. */
  template: v.optional(v.picklist(frameworkTemplateIds)),
});
export type CreateDepartmentEvaluation = v.InferOutput<typeof createDepartmentEvaluation>;

/**
 * What the department saves: figures (a figure given replaces the stored one; null clears it) and entries
 * by indicator code (an entry replaces the stored one of its code).
 */
export const saveDepartmentEvaluation = v.strictObject({
  version,
  figures: v.optional(v.partial(departmentFiguresSchema)),
  entries: v.optional(entries),
});
export type SaveDepartmentEvaluation = v.InferOutput<typeof saveDepartmentEvaluation>;

export const departmentEvaluationQuery = v.strictObject({
  ...pageQuery,
  fiscalYear: v.pipe(
    v.string(),
    v.regex(/^\d{4}$/, 'fiscal_year'),
    v.transform(Number),
    v.minValue(2000, 'fiscal_year'),
    v.maxValue(2100, 'fiscal_year'),
  ),
  departmentId: v.optional(anyId),
  reviewStatus: v.optional(v.picklist(targetStatusCodes)),
});

/** The framework a department gets unless the performance section names one. */
export const defaultTemplateFor = (series: (typeof departmentSeries)[number]) =>
  series === 'STREET_PARK' ? ('STREET_PARK' as const) : ('NATIONAL_2013' as const);

/**
 * The review (docs/domain/self-evaluation.md, "Department overall self-evaluation"): the department's preparer
 * sends it to the department's approver (部门负责人, the department reviewer), then the business section and the
 * performance section review it; anyone on the way may return it. It is the monitoring report's table of the
 * shared review engine with two changes: the sender is the department's preparer, as no unit owns it, and there is
 * no withdrawal.
 */
const {
  // Withdrawal (撤回) is not offered here yet: the department's sheet has no route for it (docs/domain/self-evaluation.md).
  'unit-withdraw': _unitWithdraw,
  'department-withdraw': _departmentWithdraw,
  'first-withdraw': _firstWithdraw,
  ...reviewActions
} = reportActions;
export const departmentEvaluationActions = {
  ...reviewActions,
  submit: { ...reportActions.submit, role: 'unit-preparer' },
} as const satisfies ReviewTable<string, TargetStatus, ReportReviewFacts, ReportEffect>;
export type DepartmentEvaluationAction = keyof typeof departmentEvaluationActions;

type Who = Pick<Principal, 'roles' | 'departmentId' | 'sectionId'>;
type Scoped = Pick<DepartmentEvaluation, 'departmentId' | 'financeSectionId' | 'reviewStatus'>;

/** The department's own people (preparer, approver, reviewer) of this department. */
export const isDepartmentMember = (p: Who, r: Pick<Scoped, 'departmentId'>): boolean =>
  departmentRoles.some((role) => p.roles.includes(role)) &&
  p.departmentId !== undefined &&
  p.departmentId === r.departmentId;

/**
 * Who reads a department's overall evaluation: its department, the business section responsible for it, the
 * performance section, and the observer once it was sent on. Anyone else is answered "not found".
 */
export const seesDepartmentEvaluation = (p: Who, r: Scoped): boolean =>
  p.roles.includes('performance-section-reviewer') ||
  observerReads(p, publishedReport(r.reviewStatus)) ||
  (p.roles.includes('business-section-reviewer') && p.sectionId !== undefined && p.sectionId === r.financeSectionId) ||
  isDepartmentMember(p, r);

/** Whether the caller may act in a review step's role on this department's evaluation. */
export const actsOnDepartmentEvaluation = (p: Who, role: string, r: Scoped): boolean => {
  if (!(p.roles as readonly string[]).includes(role)) return false;
  switch (role) {
    case 'unit-preparer':
    case 'department-reviewer':
      return p.departmentId !== undefined && p.departmentId === r.departmentId;
    case 'business-section-reviewer':
      return p.sectionId !== undefined && p.sectionId === r.financeSectionId;
    default:
      return true;
  }
};

const sentStatuses = ['UNIT_SUBMITTED', 'DEPT_APPROVED', 'FIRST_REVIEWED', 'FINAL_APPROVED'] as const;

/**
 * The department's project self-evaluations summarised from its tally of the year's round (kept on write,
 * core/src/self-evaluation/self-evaluation-tally.ts), never from the self-evaluations themselves: the same
 * figures `summariseProjects` gives from the lines (project-summary.ts; a test holds them equal). No round or
 * no tally: nothing issued.
 */
export const projectSummaryFromCounts = (
  counts: SelfEvaluationCounts | undefined,
  rounding: ScoreRounding,
): ProjectSummary => {
  const issued = counts?.selfEvaluations ?? 0;
  const submitted = sentStatuses.reduce((n, s) => n + (counts?.byStatus[s] ?? 0), 0);
  const approved = counts?.byStatus.FINAL_APPROVED ?? 0;
  const grades = Object.fromEntries(reviewGradeCodes.map((g) => [g, counts?.byGrade[g] ?? 0])) as Record<
    ReviewGrade,
    number
  >;
  const graded = reviewGradeCodes.reduce((n, g) => n + grades[g], 0);
  const share = (n: number) => (issued === 0 ? null : percentFigure(ratio(n, issued)));
  return {
    issued,
    submitted,
    approved,
    submittedPct: share(submitted),
    approvedPct: share(approved),
    averageScore:
      graded === 0 ? null : scoreFigure(div(ratio(counts?.countedHundredths ?? 0, 100), ratio(graded)), rounding),
    grades,
    ungraded: approved - graded,
  };
};
