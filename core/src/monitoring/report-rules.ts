import type { Language } from '#core/language.ts';
import { parseDecimal } from '#core/monitoring/exact-ratio.ts';
import type { MonitoringReport } from '#core/monitoring/monitoring-report.ts';
import type { FieldError } from '#core/problem.ts';
import { annualTotal } from '#core/submission/project.ts';
import { describe } from '#core/validation.ts';

/**
 * The rules a monitoring report must meet before it is sent on (domain.md §5.4 and rule 8). The
 * check-in form runs them as the department types and the handler runs them again on submit and
 * on every approval, so both say the same thing. A draft may break them.
 */
export type ReportContent = Pick<
  MonitoringReport,
  'budget' | 'executed' | 'forecastFullYearFen' | 'goalProgress' | 'lines'
>;

const sources = ['fiscal', 'carryOver', 'other'] as const;

export const reportErrors = (report: ReportContent, language: Language): FieldError[] => {
  const errors: FieldError[] = [];
  const add = (pointer: string, code: string) => errors.push({ pointer, code, message: describe(code, language) });

  for (const source of sources) {
    if (report.executed[source] > report.budget[source]) add(`/executed/${source}`, 'executed_above_budget');
  }
  const executed = annualTotal(report.executed);
  if (report.forecastFullYearFen === null) add('/forecastFullYearFen', 'required');
  else if (report.forecastFullYearFen < executed) add('/forecastFullYearFen', 'forecast_below_executed');
  else if (report.forecastFullYearFen > annualTotal(report.budget))
    add('/forecastFullYearFen', 'forecast_above_budget');
  if (!report.goalProgress.trim()) add('/goalProgress', 'required');

  report.lines.forEach((line, i) => {
    const at = (field: string) => `/lines/${i}/${field}`;
    const quantitative = line.operator !== 'QUALITATIVE';
    for (const field of ['actualToDate', 'forecastYearEnd'] as const) {
      if (!line[field].trim()) add(at(field), 'required');
      else if (quantitative && parseDecimal(line[field]) === undefined) add(at(field), 'numeric_actual');
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
