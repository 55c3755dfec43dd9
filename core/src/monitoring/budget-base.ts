import type { MonitoringReport } from '#core/monitoring/monitoring-report.ts';
import type { ProjectFunds } from '#core/submission/project.ts';

/**
 * The budget a report is judged against after a mid-year adjustment (docs/domain/monitoring.md,
 * "Budget base"). 全年预算数 is the current budget: when the project has a newer approved target
 * version than the one the report was made from, or when a disposition adjusted its budget, its
 * funds as they are now. 年初预算数 is the
 * budget at the start of the year: the report's own once kept, the one the project kept when a
 * monitoring disposition adjusted it, or else the report's budget before it followed the
 * adjustment. Every rate is worked out against the current one.
 */
export interface BudgetSource {
  funds: ProjectFunds;
  approvedTargetId: string | null;
  /** 年初预算数, kept on the project by a disposition that adjusts budget and targets. */
  initialFunds?: ProjectFunds;
}

export type BudgetBase = Pick<MonitoringReport, 'budget' | 'initialBudget'>;

export const sameFunds = (a: ProjectFunds, b: ProjectFunds): boolean =>
  a.fiscal === b.fiscal && a.carryOver === b.carryOver && a.other === b.other;

export const budgetBase = (
  report: Pick<MonitoringReport, 'budget' | 'initialBudget' | 'targetId'>,
  project: BudgetSource,
): BudgetBase => {
  const adjusted =
    project.initialFunds !== undefined ||
    (project.approvedTargetId !== null && project.approvedTargetId !== report.targetId);
  const budget = adjusted ? project.funds : report.budget;
  const initial =
    report.initialBudget ?? project.initialFunds ?? (sameFunds(budget, report.budget) ? undefined : report.budget);
  return initial && !sameFunds(initial, budget) ? { budget, initialBudget: initial } : { budget };
};

/** 年初预算数 as shown: the kept one, or the current budget while nothing was adjusted. */
export const initialBudgetOf = (report: Pick<MonitoringReport, 'budget' | 'initialBudget'>): ProjectFunds =>
  report.initialBudget ?? report.budget;
