import type { FieldRecord } from '@jixiao/core/fieldwork/field-record.ts';
import { summariseSurvey } from '@jixiao/core/fieldwork/survey-summary.ts';
import { engagementScore } from '@jixiao/core/key-evaluation/engagement-score.ts';
import { describeKeyEvaluation } from '@jixiao/core/key-evaluation/key-evaluation-messages.ts';
import { type PaperState, paperStateOf } from '@jixiao/core/key-evaluation/paper-state.ts';
import { reportProblems } from '@jixiao/core/key-evaluation/report-readiness.ts';
import { blankPaper, paperDocuments, type SaveScoringPaper } from '@jixiao/core/key-evaluation/scoring-paper.ts';
import { describeScoringPaper } from '@jixiao/core/key-evaluation/scoring-paper-messages.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { bureauSees, departmentSees, isPerformanceSection, leadsAgencyOf } from '@jixiao/core/scope/fieldwork-scope.ts';
import { engagementAccess } from '#functions/fieldwork/engagement-access.ts';
import { fieldPhotoKind, fieldRecordKind, type StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { paperLocks } from '#functions/key-evaluation/paper-lock.ts';
import {
  papersOfFramework,
  readScoringPapers,
  type StoredScoringPaper,
  scoringPaperId,
  scoringPaperKind,
} from '#functions/key-evaluation/scoring-paper-kind.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { listAll } from '#functions/records/list-all.ts';
import { recordAttachmentKey, recordFileLinks } from '#functions/records/record-attachment-operations.ts';
import { checkUploadedAttachments } from '#functions/records/uploaded-attachments.ts';
import { scoringSettingsOperations } from '#functions/self-evaluation/scoring-settings-operations.ts';

type StoredFieldRecord = FieldRecord & StoredRecord;
type Params = { id: string; indicatorId: string };

/**
 * Scoring papers (绩效指标底稿, docs/domain/key-evaluation.md#scoring-papers): the engagement's papers with the score
 * sheet worked out by core and rule 10's list of what is missing; and the save of one paper, through the
 * engagement's paper lock. The commissioned agency's lead writes; its evaluators on the engagement, the bureau and
 * (once the final report is out) the evaluated department read; the performance section may amend after the lock.
 * A paper's documents go to the evidence bucket at the paper's own key and are listed with the paper's save.
 */
export const scoringPaperOperations = (store: RecordStore, evidence: EvidenceStore): Operations => {
  const engagements = engagementAccess(store);
  const settings = scoringSettingsOperations(store);
  const locks = paperLocks(store);

  /** The engagement's state as far as its papers go: the lock's, once a step has written one. */
  const papersState = async (tenant: string, e: StoredEngagement) =>
    paperStateOf((await locks.read(tenant, e.id))?.state ?? e.state);

  /**
   * The engagement if the caller may read its papers: the bureau, the agency's lead, an evaluator assigned to it,
   * and the evaluated department only once the final report is out (before, the papers are the agency's drafts).
   */
  const readable = async (request: OperationRequest, id: string) => {
    const p = request.principal;
    const e = await engagements.visible(request, id);
    if (departmentSees(p, e) && !bureauSees(p, e) && !leadsAgencyOf(p, e)) {
      if ((await papersState(p.tenant, e)) !== 'locked') throw new HttpProblem('not-found');
    }
    return e;
  };

  /** One paper per framework indicator, in the framework's order: the saved one, or a blank with the plan's standard. */
  const sheetOf = async (request: OperationRequest, e: StoredEngagement, saved: readonly StoredScoringPaper[]) => {
    const tenant = request.principal.tenant;
    const papers = papersOfFramework(e, saved);
    const scoring = await settings.scoringFor(tenant, e.fiscalYear);
    return {
      engagementId: e.id,
      engagementVersion: e.version,
      papersState: await papersState(tenant, e),
      papers,
      score: engagementScore(e, papers, scoring),
      problems: reportProblems(e, papers, request.language),
      rounding: scoring.rounding,
    };
  };

  const list: Operation = async (request: OperationRequest<{ id: string }>) => {
    const e = await readable(request, request.params.id);
    const saved = await readScoringPapers(store, request.principal.tenant, e.id);
    return { status: 200, body: await sheetOf(request, e, saved) };
  };

  const unprocessable = (request: OperationRequest, errors: { pointer: string; code: string }[]) =>
    new HttpProblem('rules-not-met', {
      errors: errors.map((e): FieldError => ({ ...e, message: describeScoringPaper(e.code, request.language) })),
    });

  /** Every link names something of this engagement: its field records and photos, its plan's questionnaires. */
  const checkLinks = async (request: OperationRequest, e: StoredEngagement, body: SaveScoringPaper) => {
    const tenant = request.principal.tenant;
    const { recordIds, photoIds, questionnaireIds } = body.evidence;
    const [records, photos] = await Promise.all([
      store.getMany<StoredRecord>(tenant, fieldRecordKind, [...new Set(recordIds)]),
      store.getMany<StoredRecord>(tenant, fieldPhotoKind, [...new Set(photoIds)]),
    ]);
    const ours = (found: readonly StoredRecord[]) =>
      new Set(found.filter((r) => r.engagementId === e.id).map((r) => r.id));
    const recordsOurs = ours(records);
    const photosOurs = ours(photos);
    const questionnairesOurs = new Set(e.questionnaires.map((q) => q.id));
    const errors = [
      ...recordIds.flatMap((id, i) => (recordsOurs.has(id) ? [] : [`/evidence/recordIds/${i}`])),
      ...photoIds.flatMap((id, i) => (photosOurs.has(id) ? [] : [`/evidence/photoIds/${i}`])),
      ...questionnaireIds.flatMap((id, i) => (questionnairesOurs.has(id) ? [] : [`/evidence/questionnaireIds/${i}`])),
    ].map((pointer) => ({ pointer, code: 'evidence_not_in_engagement' }));
    if (errors.length) throw unprocessable(request, errors);
  };

  /** The survey's combined satisfaction rate now, for a paper scored by satisfaction (null when no questionnaire counts). */
  const surveyRateOf = async (request: OperationRequest, e: StoredEngagement, body: SaveScoringPaper) => {
    if (body.scoring?.method !== 'SATISFACTION') return null;
    const records = await listAll<StoredFieldRecord>(store, request.principal.tenant, fieldRecordKind, {
      ownerId: e.id,
      filters: [{ field: 'type', op: 'eq', value: 'SURVEY_RESPONSE' }],
    });
    const responses = records.flatMap((r) => (r.type === 'SURVEY_RESPONSE' ? [r] : []));
    return summariseSurvey(e.questionnaires, responses).combinedRate;
  };

  /**
   * The engagement as someone who may write its papers: the agency's lead; the performance section only after the
   * lock (which then takes the write only as an amendment with a reason).
   */
  const writable = async (request: OperationRequest, id: string) => {
    const p = request.principal;
    const e = await engagements.visible(request, id);
    const lead = leadsAgencyOf(p, e);
    if (!lead && !bureauSees(p, e)) throw new HttpProblem('not-found');
    const state = await papersState(p.tenant, e);
    if (!lead && !(isPerformanceSection(p) && state === 'locked')) throw new HttpProblem('forbidden');
    return { e, state };
  };

  const indicatorOf = (e: StoredEngagement, indicatorId: string) => {
    const indicator = e.indicators.find((i) => i.id === indicatorId);
    if (!indicator) throw new HttpProblem('not-found');
    return indicator;
  };

  /** Where a paper's document lies in the evidence bucket (docs/architecture.md#evidence-files). */
  const documentKey = (tenant: string, paperId: string) => (attachmentId: string) =>
    recordAttachmentKey(tenant, 'scoring-paper', paperId, attachmentId);

  type PaperWithState = StoredScoringPaper & { papersState: PaperState };
  const paperOf = async (
    request: OperationRequest,
    e: StoredEngagement,
    state: PaperState,
  ): Promise<PaperWithState> => {
    const indicator = indicatorOf(e, (request.params as Params).indicatorId);
    const id = scoringPaperId(e.id, indicator.id);
    const stored = await store.get<StoredScoringPaper>(request.principal.tenant, scoringPaperKind, id);
    const paper = stored ?? ({ ...blankPaper(e.id, indicator), id, updatedAt: '' } as unknown as StoredScoringPaper);
    return { ...paper, papersState: state };
  };

  const documentFiles = (visible: (request: OperationRequest, id: string) => Promise<PaperWithState>) =>
    recordFileLinks<PaperWithState>(evidence, {
      key: (tenant, paperId, attachmentId) => documentKey(tenant, paperId)(attachmentId),
      visible,
      // As the lock takes a paper's write (paper-lock.ts): not while the papers are under review or not started.
      editable: (request, current) => {
        if (current.papersState === 'under-review' || current.papersState === 'not-started') {
          const code = current.papersState === 'under-review' ? 'papers_under_review' : 'papers_not_started';
          throw new HttpProblem('invalid-transition', {
            errors: [{ pointer: '', code, message: describeKeyEvaluation(code, request.language) }],
          });
        }
      },
      listed: (paper) => paperDocuments(paper.evidence),
    });
  // A document is asked for by whoever may save the paper, while the lock would take the save: the lead while the
  // papers are open, the performance section once they are locked (the save is then an amendment).
  const uploads = documentFiles(async (request, id) => {
    const { e, state } = await writable(request, id);
    return paperOf(request, e, state);
  });
  // Readers of the papers download what a paper lists.
  const downloads = documentFiles(async (request, id) => {
    const e = await readable(request, id);
    return paperOf(request, e, await papersState(request.principal.tenant, e));
  });

  const save: Operation = async (request: OperationRequest<Params, unknown, SaveScoringPaper>) => {
    const p = request.principal;
    const { e } = await writable(request, request.params.id);
    const indicator = indicatorOf(e, request.params.indicatorId);
    const { version, amendmentReason, ...fields } = request.body;
    const id = scoringPaperId(e.id, indicator.id);
    const current = await store.get<StoredScoringPaper>(p.tenant, scoringPaperKind, id);
    if ((current?.version ?? 0) !== version) {
      throw new HttpProblem('version-conflict', { current: current ?? null });
    }
    await checkLinks(request, e, request.body);
    // Left out, the documents stay as they are; sent, a new one must be in the bucket at this paper's key as its
    // upload asked, and a listed one stays as it was.
    const before = current ? paperDocuments(current.evidence) : [];
    const documents = request.body.evidence.documents ?? before;
    await checkUploadedAttachments(
      evidence,
      before,
      documents,
      documentKey(p.tenant, id),
      request.language,
      '/evidence/documents',
    );
    const surveyRate = await surveyRateOf(request, e, request.body);
    const content = {
      ...fields,
      evidence: { ...fields.evidence, documents },
      engagementId: e.id,
      indicatorId: indicator.id,
      surveyRate,
      updatedByName: p.displayName ?? p.userId,
    };
    const written = await locks.save(
      request,
      e,
      scoringPaperKind,
      { id, current, content },
      { amendmentReason, paperType: 'scoring-paper' },
    );
    const saved = (await readScoringPapers(store, p.tenant, e.id)).filter((paper) => paper.id !== id);
    return { status: 200, body: await sheetOf(request, e, [...saved, written as StoredScoringPaper]) };
  };

  return {
    listScoringPapers: list,
    saveScoringPaper: save,
    uploadScoringPaperDocument: uploads.upload,
    getScoringPaperDocument: downloads.download,
  };
};
