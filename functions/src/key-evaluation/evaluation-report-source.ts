import { methodText } from '@jixiao/core/key-evaluation/account-check-sample.ts';
import { engagementScore } from '@jixiao/core/key-evaluation/engagement-score.ts';
import { blankReport, draftMark, type EvaluationReport } from '@jixiao/core/key-evaluation/evaluation-report.ts';
import { type ReportFilled, reportFilled } from '@jixiao/core/key-evaluation/evaluation-report-filled.ts';
import { scoringTable } from '@jixiao/core/key-evaluation/evaluation-report-scoring-table.ts';
import { type PaperState, paperStateOf } from '@jixiao/core/key-evaluation/paper-state.ts';
import { evaluationReportDocx } from '#functions/export/docx/evaluation-report-docx.ts';
import type { StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import { accountCheckKind, type StoredAccountCheck } from '#functions/key-evaluation/account-check-kind.ts';
import { evaluationReportKind, type StoredEvaluationReport } from '#functions/key-evaluation/evaluation-report-kind.ts';
import { readFindings } from '#functions/key-evaluation/finding-kind.ts';
import { paperLocks } from '#functions/key-evaluation/paper-lock.ts';
import { papersOfFramework, readScoringPapers } from '#functions/key-evaluation/scoring-paper-kind.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { scoringSettingsOperations } from '#functions/self-evaluation/scoring-settings-operations.ts';

/**
 * The evaluation report as it stands (docs/domain/key-evaluation.md#the-report): the narrative the lead wrote, what
 * is filled from the papers (scoring table, analysis per indicator, findings and suggestions, sampling statement)
 * worked out afresh, the papers' state and the draft mark (none once the final report locked the papers). One
 * reading for the report's screen and downloads and for the archive, so the archived report is the one the bureau
 * approved.
 */
export interface AssembledReport {
  report: EvaluationReport;
  filled: ReportFilled;
  state: PaperState;
  /** The mark a draft carries on every page; null on the final report. */
  mark: string | null;
}

export const evaluationReportSource = (store: RecordStore) => {
  const settings = scoringSettingsOperations(store);
  const locks = paperLocks(store);

  const papersState = async (tenant: string, e: StoredEngagement): Promise<PaperState> =>
    paperStateOf((await locks.read(tenant, e.id))?.state ?? e.state);

  const assemble = async (tenant: string, e: StoredEngagement): Promise<AssembledReport> => {
    const [stored, saved, findings, check, scoring, state] = await Promise.all([
      store.get<StoredEvaluationReport>(tenant, evaluationReportKind, e.id),
      readScoringPapers(store, tenant, e.id),
      readFindings(store, tenant, e.id),
      store.get<StoredAccountCheck>(tenant, accountCheckKind, e.id),
      settings.scoringFor(tenant, e.fiscalYear),
      papersState(tenant, e),
    ]);
    const papers = papersOfFramework(e, saved);
    const score = engagementScore(e, papers, scoring);
    const draw = check?.draws.at(-1);
    const filled = reportFilled({
      scoringTable: scoringTable(e.indicators, papers, score, scoring.rounding),
      papers,
      findings,
      sampling: draw ? methodText(draw, draw.random) : null,
    });
    const report: EvaluationReport = stored ?? blankReport(e.id);
    // The papers' lock says when the report is final (the step that locks them moves the engagement too).
    const mark = state === 'locked' ? null : draftMark(e.state);
    return { report, filled, state, mark };
  };

  /** Who commissioned the evaluation, as the cover names it: the tenant's finance bureau. */
  const commissioner = async (tenant: string): Promise<string> => {
    const record = await store.getTenant(tenant);
    return record ? `${record.name}财政局` : '财政局';
  };

  /** The report as DOCX, as it stands (a draft carries its mark). */
  const docx = async (
    tenant: string,
    e: StoredEngagement,
    meta: { generatedAt: string; generatedBy: string },
    assembled?: AssembledReport,
  ): Promise<Uint8Array> => {
    const [{ report, filled, mark }, by] = await Promise.all([
      assembled ? Promise.resolve(assembled) : assemble(tenant, e),
      commissioner(tenant),
    ]);
    return evaluationReportDocx({ engagement: e, report, filled, mark, commissioner: by, ...meta });
  };

  return { papersState, assemble, docx };
};
