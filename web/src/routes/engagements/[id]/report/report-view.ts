import type { EvaluationReport, ReportSection } from '@jixiao/core/key-evaluation/evaluation-report.ts';
import { reportSectionKeys, reportSections } from '@jixiao/core/key-evaluation/evaluation-report.ts';
import type { ReportFilled } from '@jixiao/core/key-evaluation/evaluation-report-filled.ts';
import type { PaperState } from '@jixiao/core/key-evaluation/paper-state.ts';

/** What GET /engagements/{id}/report answers (functions/src/key-evaluation/evaluation-report-operations.ts). */
export interface ReportView {
  engagementId: string;
  engagementState: string;
  papersState: PaperState;
  /** 征求意见稿 or 草稿 on the DOCX until the final report; null once final. */
  mark: string | null;
  report: EvaluationReport;
  filled: ReportFilled;
}

/** The narrative sections of one part of the outline, in order. */
export const sectionsOf = (part: number): ReportSection[] =>
  reportSectionKeys.filter((k) => reportSections[k].part === part);

/** The report as its form edits it. */
export interface ReportDraft {
  sections: Record<ReportSection, string>;
  recommendations: string[];
  amendmentReason: string;
}

export const draftOf = (report: EvaluationReport): ReportDraft => ({
  sections: { ...report.sections },
  recommendations: [...report.recommendations],
  amendmentReason: '',
});

/** The save's body: blank recommendations are dropped (a removed line is not a blank one to refuse). */
export const bodyOf = (draft: ReportDraft, version: number, locked: boolean) => ({
  version,
  sections: draft.sections,
  recommendations: draft.recommendations.map((r) => r.trim()).filter((r) => r !== ''),
  ...(locked ? { amendmentReason: draft.amendmentReason } : {}),
});

/**
 * How many rows each row's level-2 cell spans, as the DOCX and XLSX merge it: the first of a run of equal names spans
 * the run, the others 0 (no cell). The rows come grouped by level 2 (core's scoringTable).
 */
export const level2Spans = (rows: readonly { level2: string }[]): number[] =>
  rows.map((row, i) => {
    if (i > 0 && rows[i - 1]?.level2 === row.level2) return 0;
    let n = 1;
    while (rows[i + n]?.level2 === row.level2) n += 1;
    return n;
  });
