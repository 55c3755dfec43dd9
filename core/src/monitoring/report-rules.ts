import type { Language } from '#core/language.ts';
import { parseDecimal } from '#core/monitoring/exact-ratio.ts';
import type { MonitoringReport } from '#core/monitoring/monitoring-report.ts';
import { budgetWarnings } from '#core/monitoring/monitoring-warnings.ts';
import { forecastDate, lineTargetDate, reportFiscalYear } from '#core/monitoring/report-line.ts';
import type { FieldError } from '#core/problem.ts';
import { annualTotal } from '#core/submission/project.ts';
import { describe } from '#core/validation.ts';

/**
 * The rules a monitoring report must meet before it is sent on (docs/domain/monitoring.md,
 * "Check-in rules"). The check-in form runs them as the department types and the handler runs
 * them again on submit and on every approval, so both say the same thing. A draft may break them.
 */
export type ReportContent = Pick<
  MonitoringReport,
  | 'dataDate'
  | 'thresholds'
  | 'budget'
  | 'executed'
  | 'forecastFullYearFen'
  | 'goalProgress'
  | 'budgetDeviationReason'
  | 'budgetCorrectiveMeasures'
  | 'lines'
>;

/** The rules' own wording, in both languages (codes the shared validation messages do not have). */
const ownMessages: Record<string, Record<Language, string>> = {
  budget_reason_required: {
    'zh-CN': '预算执行为红色预警时，须填写预算执行偏差原因',
    en: 'When the budget warning is red, give the reason for the deviation',
  },
  budget_measures_required: {
    'zh-CN': '预算执行为红色预警时，须填写纠偏措施',
    en: 'When the budget warning is red, give the corrective measures',
  },
  date_forecast: {
    'zh-CN': '完成时间指标的全年预计须填写预计完成日期，如 2027-11-30',
    en: 'For a completion-date indicator, give the expected completion date, e.g. 2027-11-30',
  },
};

const sources = ['fiscal', 'carryOver', 'other'] as const;

export const reportErrors = (report: ReportContent, language: Language): FieldError[] => {
  const errors: FieldError[] = [];
  const add = (pointer: string, code: string) =>
    errors.push({ pointer, code, message: ownMessages[code]?.[language] ?? describe(code, language) });

  for (const source of sources) {
    if (report.executed[source] > report.budget[source]) add(`/executed/${source}`, 'executed_above_budget');
  }
  const executed = annualTotal(report.executed);
  if (report.forecastFullYearFen === null) add('/forecastFullYearFen', 'required');
  else if (report.forecastFullYearFen < executed) add('/forecastFullYearFen', 'forecast_below_executed');
  else if (report.forecastFullYearFen > annualTotal(report.budget))
    add('/forecastFullYearFen', 'forecast_above_budget');
  if (!report.goalProgress.trim()) add('/goalProgress', 'required');
  // A red budget needs its reason at the report level even when every line says 确定能 (the lines
  // speak for the indicators, not for the money).
  const red = budgetWarnings(annualTotal(report.budget), executed, report.dataDate, report.thresholds).some(
    (w) => w.colour === 'RED',
  );
  if (red) {
    if (!report.budgetDeviationReason?.trim()) add('/budgetDeviationReason', 'budget_reason_required');
    if (!report.budgetCorrectiveMeasures?.trim()) add('/budgetCorrectiveMeasures', 'budget_measures_required');
  }

  const fiscalYear = reportFiscalYear(report.dataDate);
  report.lines.forEach((line, i) => {
    const at = (field: string) => `/lines/${i}/${field}`;
    // A date line (完成时间) reports progress in words and forecasts a date, not a number
    // (docs/domain/monitoring.md, "Date targets").
    const dateLine = lineTargetDate(line, fiscalYear) !== null;
    const numeric = line.operator !== 'QUALITATIVE' && !dateLine;
    for (const field of ['actualToDate', 'forecastYearEnd'] as const) {
      if (!line[field].trim()) add(at(field), 'required');
      else if (numeric && parseDecimal(line[field]) === undefined) add(at(field), 'numeric_actual');
    }
    if (dateLine && line.forecastYearEnd.trim() && forecastDate(line, fiscalYear) === null) {
      add(at('forecastYearEnd'), 'date_forecast');
    }
    if (line.likelihood === null) add(at('likelihood'), 'likelihood_required');
    else if (line.likelihood !== 'CERTAIN') {
      // Rule 8: not certain → at least one reason; and what will be done about it [I].
      if (line.deviationReasons.length === 0) add(at('deviationReasons'), 'deviation_reason_required');
      if (!line.correctiveMeasures.trim()) add(at('correctiveMeasures'), 'corrective_measures_required');
    }
    if (line.deviationReasons.includes('OTHER') && !line.deviationAnalysis.trim()) {
      add(at('deviationAnalysis'), 'deviation_analysis_required');
    }
  });
  return errors;
};
