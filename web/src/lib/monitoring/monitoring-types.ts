import type { WarningColour } from '@jixiao/core/monitoring/monitoring-config.ts';
import type { MonitoringReport, Warning } from '@jixiao/core/monitoring/monitoring-report.ts';
import type { FieldError } from '@jixiao/core/problem.ts';

/**
 * What the monitoring API answers, as the screens read it. The report and the round come from
 * core's schemas; the dashboard's shape is the route table's (functions/src/routes/monitoring-routes.ts),
 * which the web cannot import, so it is written out here.
 */
export type ReportWithChecks = MonitoringReport & { checks: FieldError[] };

export interface DashboardCounts {
  reports: number;
  submitted: number;
  notSubmitted: number;
  late: number;
  byStatus: Record<string, number>;
  /** Reports sent on and not sent back, by colour. */
  byColour: Partial<Record<WarningColour, number>>;
  indicatorsByColour: Partial<Record<WarningColour, number>>;
  /** Budget and execution of the reports sent on (fen). */
  budgetFen: number;
  executedFen: number;
  executionRatePct: number | null;
}

export interface DashboardDepartment extends DashboardCounts {
  departmentId: string;
  departmentCode: string;
  departmentName: string;
  series: string;
}

export interface RedListEntry {
  reportId: string;
  projectCode: string;
  projectName: string;
  unitName: string;
  departmentId: string;
  departmentName: string;
  executionRatePct: number | null;
  warnings: Warning[];
}

export interface Dashboard {
  round: {
    id: string;
    name: string;
    fiscalYear: number;
    dataDate: string;
    deadline: string;
    roundStatus: string;
  };
  timeProgressPct: number;
  pastDeadline: boolean;
  total: DashboardCounts;
  series: (DashboardCounts & { series: string })[];
  departments: DashboardDepartment[];
  red: RedListEntry[];
  itemsRead: number;
}
