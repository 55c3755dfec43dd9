import type { DepartmentEvaluation } from '#core/department-evaluation/department-evaluation.ts';
import type { Engagement } from '#core/fieldwork/engagement.ts';
import type { Disposition } from '#core/monitoring/disposition.ts';
import type { ResultFacts } from '#core/results-application/result-application.ts';
import type { ResultMeasure } from '#core/results-application/result-measure.ts';
import type { SelfEvaluation } from '#core/self-evaluation/self-evaluation.ts';
import { countedScore } from '#core/self-evaluation/self-evaluation-tally.ts';
import { annualTotal, type ProjectFunds } from '#core/submission/project.ts';

/**
 * The facts of each source a result is applied from (docs/domain/results-application.md#sources), or null when the
 * source has no result yet. `amount` is this year's annual funds of the project (fen), read by the caller.
 */
type Amount = number | null;

/** A key evaluation counts once the final report has fixed its conclusion (score and grade). */
export const engagementFacts = (e: Engagement, amount: Amount): ResultFacts | null =>
  e.conclusion
    ? {
        source: 'KEY_EVALUATION',
        sourceId: e.id,
        fiscalYear: e.fiscalYear,
        objectType: e.kind === 'DEPARTMENT' || !e.projectId ? 'DEPARTMENT' : 'PROJECT',
        projectId: e.kind === 'DEPARTMENT' ? null : e.projectId,
        projectCode: e.kind === 'DEPARTMENT' ? null : e.projectCode,
        projectName: e.kind === 'DEPARTMENT' ? null : e.projectName,
        departmentId: e.departmentId,
        departmentName: e.departmentName,
        grade: e.conclusion.grade,
        score: e.conclusion.score,
        amount: e.kind === 'DEPARTMENT' ? null : amount,
        orderedMeasure: null,
        orderedAmountFen: null,
        basis: e.title,
      }
    : null;

/** A self-evaluation counts with the score that counts: the spot-check's reviewed one, otherwise the final-approved self score. */
export const selfEvaluationFacts = (s: SelfEvaluation, amount: Amount): ResultFacts | null => {
  const counted = countedScore(s);
  if (!counted) return null;
  return {
    source: 'SELF_EVALUATION',
    sourceId: s.id,
    fiscalYear: s.fiscalYear,
    objectType: 'PROJECT',
    projectId: s.projectId,
    projectCode: s.projectCode,
    projectName: s.projectName,
    departmentId: s.departmentId,
    departmentName: s.departmentName,
    grade: counted.grade,
    score: counted.total,
    amount,
    orderedMeasure: null,
    orderedAmountFen: null,
    basis: counted.reviewed ? 'REVIEWED' : 'SELF',
  };
};

/** A department's overall evaluation counts once final-approved, with its grade. */
export const departmentEvaluationFacts = (d: DepartmentEvaluation): ResultFacts | null =>
  d.reviewStatus === 'FINAL_APPROVED' && d.grade
    ? {
        source: 'DEPARTMENT_EVALUATION',
        sourceId: d.id,
        fiscalYear: d.fiscalYear,
        objectType: 'DEPARTMENT',
        projectId: null,
        projectCode: null,
        projectName: null,
        departmentId: d.departmentId,
        departmentName: d.departmentName,
        grade: d.grade,
        score: d.total,
        amount: null,
        orderedMeasure: null,
        orderedAmountFen: null,
        basis: '',
      }
    : null;

/**
 * The measure a monitoring disposition orders: a rectification withholds next year's money until done, a suspension
 * (while it stands) suspends it, a recovery recovers it, an adjustment that lowers the annual budget cuts it by the
 * difference (one that does not is a policy adjustment). No action, or a suspension lifted, orders nothing.
 */
export const dispositionMeasure = (
  d: Pick<Disposition, 'decision' | 'state' | 'adjustedFunds'>,
  amount: Amount,
): { measure: ResultMeasure; amountFen: number | null } | null => {
  switch (d.decision) {
    case 'RECTIFY':
      return { measure: 'NO_FUNDING_UNTIL_RECTIFIED', amountFen: null };
    case 'SUSPEND_FUNDS':
      return d.state === 'RESUMED'
        ? null
        : d.state === 'RECOVERED'
          ? { measure: 'RECOVER_FUNDS', amountFen: null }
          : { measure: 'SUSPEND', amountFen: null };
    case 'RECOVER_FUNDS':
      return { measure: 'RECOVER_FUNDS', amountFen: null };
    case 'ADJUST_BUDGET_AND_TARGETS': {
      const adjusted = d.adjustedFunds ? annualTotal(d.adjustedFunds as ProjectFunds) : null;
      return adjusted !== null && amount !== null && adjusted < amount
        ? { measure: 'REDUCE_AMOUNT', amountFen: amount - adjusted }
        : { measure: 'ADJUST_POLICY', amountFen: null };
    }
    default:
      return null;
  }
};

export const dispositionFacts = (d: Disposition, fiscalYear: number, amount: Amount): ResultFacts | null => {
  const ordered = dispositionMeasure(d, amount);
  return ordered
    ? {
        source: 'MONITORING',
        sourceId: d.id,
        fiscalYear,
        objectType: 'PROJECT',
        projectId: d.projectId,
        projectCode: d.projectCode,
        projectName: d.projectName,
        departmentId: d.departmentId,
        departmentName: d.departmentName,
        grade: null,
        score: null,
        amount,
        orderedMeasure: ordered.measure,
        orderedAmountFen: ordered.amountFen,
        basis: d.decision,
      }
    : null;
};
