import { reportFileLabel, type SaveEvaluationReport } from '@jixiao/core/key-evaluation/evaluation-report.ts';
import { bureauSees, departmentSees, isPerformanceSection, leadsAgencyOf } from '@jixiao/core/scope/fieldwork-scope.ts';
import { scoringTableXlsx } from '#functions/export/docx/scoring-table-xlsx.ts';
import { engagementAccess } from '#functions/fieldwork/engagement-access.ts';
import type { StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { evaluationReportKind, type StoredEvaluationReport } from '#functions/key-evaluation/evaluation-report-kind.ts';
import { evaluationReportSource } from '#functions/key-evaluation/evaluation-report-source.ts';
import { paperLocks } from '#functions/key-evaluation/paper-lock.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';

/** How long a download link lives: long enough to start the download, short enough not to be passed around. */
const linkSeconds = 10 * 60;

/**
 * The evaluation report (项目支出绩效评价报告, docs/domain/key-evaluation.md#the-report): its narrative as written by
 * the commissioned agency's lead, with what is filled from the papers (scoring table, analysis per indicator,
 * problems and suggestions, sampling statement) worked out on every read; the save of the narrative through the
 * engagement's paper lock; and the report as DOCX and its scoring table as XLSX, written to the evidence bucket and
 * linked (as the working papers are), since a report with its annex can outgrow a Lambda answer and a link lets the
 * browser save the file under its name. Readers: the bureau, the agency's lead, and the evaluated department once
 * the final report is out.
 */
export const evaluationReportOperations = (store: RecordStore, evidence: EvidenceStore): Operations => {
  const engagements = engagementAccess(store);
  const locks = paperLocks(store);

  const { papersState, assemble: assembleFor, docx } = evaluationReportSource(store);
  const assemble = (request: OperationRequest, e: StoredEngagement) => assembleFor(request.principal.tenant, e);

  const readable = async (request: OperationRequest, id: string) => {
    const p = request.principal;
    const e = await engagements.visible(request, id);
    if (bureauSees(p, e) || leadsAgencyOf(p, e)) return e;
    if (departmentSees(p, e) && (await papersState(p.tenant, e)) === 'locked') return e;
    throw new HttpProblem('not-found');
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => {
    const e = await readable(request, request.params.id);
    const { report, filled, state, mark } = await assemble(request, e);
    return {
      status: 200,
      body: { engagementId: e.id, engagementState: e.state, papersState: state, mark, report, filled },
    };
  };

  const save: Operation = async (request: OperationRequest<{ id: string }, unknown, SaveEvaluationReport>) => {
    const p = request.principal;
    const e = await engagements.visible(request, request.params.id);
    // The agency's lead writes the report; the performance section only corrects it after the lock (the lock checks
    // that the write is then an amendment with a reason).
    const lead = leadsAgencyOf(p, e);
    if (!lead && !bureauSees(p, e)) throw new HttpProblem('not-found');
    if (!lead && !(isPerformanceSection(p) && (await papersState(p.tenant, e)) === 'locked')) {
      throw new HttpProblem('forbidden');
    }
    const { version, amendmentReason, sections, recommendations } = request.body;
    const current = await store.get<StoredEvaluationReport>(p.tenant, evaluationReportKind, e.id);
    if ((current?.version ?? 0) !== version) throw new HttpProblem('version-conflict', { current: current ?? null });
    const content = { engagementId: e.id, sections, recommendations, updatedByName: p.displayName ?? p.userId };
    await locks.save(
      request,
      e,
      evaluationReportKind,
      { id: e.id, current, content },
      { amendmentReason, paperType: 'evaluation-report' },
    );
    const { report, filled, state, mark } = await assemble(request, e);
    return {
      status: 200,
      body: { engagementId: e.id, engagementState: e.state, papersState: state, mark, report, filled },
    };
  };

  /**
   * A file of the report, under the client-made id: asked again, the same file is linked, not made again. Each
   * download is its own file, so a draft downloaded before a change and one after are both what they said then.
   */
  const download =
    (format: 'docx' | 'xlsx'): Operation =>
    async (request: OperationRequest<{ id: string }, unknown, { id: string }>) => {
      const e = await readable(request, request.params.id);
      const p = request.principal;
      const label = reportFileLabel[format][request.language === 'en' ? 'en' : 'zh-CN'];
      const name = `${label}-${e.title}.${format}`;
      const key = `T/${p.tenant}/evaluation-report/${e.id}/${request.body.id}.${format}`;
      if (await evidence.head(key)) {
        const link = await evidence.signDownload(key, name, linkSeconds);
        return {
          status: 201,
          body: { url: link.url, expiresAt: link.expiresAt },
          headers: { 'idempotent-replayed': 'true' },
        };
      }
      const assembled = await assemble(request, e);
      const by = p.displayName ?? p.userId;
      const meta = { generatedAt: request.receivedAt, generatedBy: by };
      const bytes =
        format === 'docx'
          ? await docx(p.tenant, e, meta, assembled)
          : scoringTableXlsx(
              assembled.filled.scoringTable,
              {
                title: `${e.projectName ?? e.departmentName}绩效评价评分表`,
                subtitle: `评价项目：${e.title}　被评价单位：${e.departmentName}　评价机构：${e.agencyName ?? '—'}`,
              },
              { creator: by, createdAt: request.receivedAt },
            );
      const contentType =
        format === 'docx'
          ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      await evidence.write(key, bytes as Uint8Array<ArrayBuffer>, contentType);
      const link = await evidence.signDownload(key, name, linkSeconds);
      return { status: 201, body: { url: link.url, expiresAt: link.expiresAt } };
    };

  return {
    getEvaluationReport: get,
    saveEvaluationReport: save,
    downloadEvaluationReport: download('docx'),
    downloadScoringTable: download('xlsx'),
  };
};
