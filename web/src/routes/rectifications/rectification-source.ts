import { type Rectification, rectificationName } from '@jixiao/core/monitoring/rectification.ts';
import { m } from '#lib/paraglide/messages.js';

/**
 * Where a rectification came from, as its pages show it (docs/domain/monitoring.md, "Rectification"): the source's
 * name and a link to it — the monitoring report, the key evaluation, the self-evaluation or the department evaluation.
 */
type Sourced = Pick<Rectification, 'source' | 'sourceId' | 'reportId'>;

export const sourceName = (r: Pick<Rectification, 'source'>): string => {
  switch (r.source) {
    case 'MONITORING':
      return m.mon_rect_source_monitoring();
    case 'KEY_EVALUATION':
      return m.mon_rect_source_key_evaluation();
    case 'SELF_EVALUATION':
      return m.mon_rect_source_self_evaluation();
    case 'DEPARTMENT_EVALUATION':
      return m.mon_rect_source_department_evaluation();
  }
};

/** The source's page and the link's text; a monitoring one without its report has none. */
export const sourceLink = (r: Sourced): { href: string; label: string } | null => {
  switch (r.source) {
    case 'MONITORING':
      return r.reportId ? { href: `/monitoring/reports/${r.reportId}`, label: m.mon_rect_open_report() } : null;
    case 'KEY_EVALUATION':
      return { href: `/engagements/${r.sourceId}`, label: m.mon_rect_open_key_evaluation() };
    case 'SELF_EVALUATION':
      return { href: `/self-evaluations/${r.sourceId}`, label: m.mon_rect_open_self_evaluation() };
    case 'DEPARTMENT_EVALUATION':
      return { href: `/department-evaluations/${r.sourceId}`, label: m.mon_rect_open_department_evaluation() };
  }
};

/** The name a rectification is listed and headed by: its project, else its source's title, else its department. */
export { rectificationName };
