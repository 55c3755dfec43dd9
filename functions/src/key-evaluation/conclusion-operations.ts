import type { ReviewEntry, StoredResultNotice } from '@jixiao/core/fieldwork/engagement.ts';
import {
  type ConclusionStep,
  conclusionStepStates,
  nextQualityLevel,
  qualityReviewRefusal,
  type ResultNotice,
  type ReviewDecision,
  takesConclusionStep,
} from '@jixiao/core/key-evaluation/conclusion-steps.ts';
import { describeKeyEvaluation } from '@jixiao/core/key-evaluation/key-evaluation-messages.ts';
import { bureauSees, leadsAgencyOf } from '@jixiao/core/scope/fieldwork-scope.ts';
import { engagementAccess } from '#functions/fieldwork/engagement-access.ts';
import type { StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { rulesNotMet } from '#functions/http/rules-not-met.ts';
import { conclusionPapers } from '#functions/key-evaluation/conclusion-papers.ts';
import { type PaperLock, paperLocks } from '#functions/key-evaluation/paper-lock.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore, TransactionWrite } from '#functions/ports/record-store.ts';

type Step<B> = OperationRequest<{ id: string }, unknown, B>;

/**
 * The key evaluation's steps after the exchange of opinions (docs/domain/key-evaluation.md#from-findings-to-the-archive):
 * the agency submits its report, reviews it in three levels, the bureau reviews it and fixes the conclusion with the
 * final report (locking the papers), notifies the result, and archives. Each step is taken at the engagement's
 * version, in one transaction with the papers' lock, and audited.
 */
export const conclusionOperations = (store: RecordStore, _evidence: EvidenceStore): Operations => {
  const engagements = engagementAccess(store);
  const locks = paperLocks(store);
  const papers = conclusionPapers(store);

  const refusal = (code: string, request: OperationRequest) =>
    rulesNotMet([{ pointer: '', code, message: describeKeyEvaluation(code, request.language) }], request);

  /** The engagement at the version the caller saw, in the step's state, and the caller allowed to take it. */
  const open = async (request: Step<{ version: number }>, step: ConclusionStep) => {
    const current = await engagements.visible(request, request.params.id);
    if (!takesConclusionStep(request.principal, step, current)) throw new HttpProblem('not-found');
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    engagements.inState(current, [conclusionStepStates[step]]);
    return current;
  };

  /**
   * Moves the engagement, with the lock following the state, and whatever else the step writes. `lock` is the lock as
   * read before the step looked at the papers: a paper written since then fails the step (409) rather than slipping
   * past the check it was not part of.
   */
  const move = async (
    request: Step<{ version: number }>,
    current: StoredEngagement,
    change: Partial<StoredEngagement>,
    operation: string,
    extra: TransactionWrite[] = [],
    lock?: PaperLock | undefined,
  ) => {
    const read = lock ?? (await locks.read(request.principal.tenant, current.id));
    const next = change.state ?? current.state;
    return engagements.save(request, current, change, operation, [
      locks.stepWrite(request, current, read, next),
      ...extra,
    ]);
  };

  const entry = (request: OperationRequest, level: ReviewEntry['level'], decision: ReviewDecision): ReviewEntry => ({
    level,
    decision: decision.decision,
    reviewerId: request.principal.userId,
    reviewerName: request.principal.displayName ?? request.principal.userId,
    comments: decision.comments,
    resolution: decision.resolution,
    at: request.receivedAt,
  });

  /** The agency's lead sends the drafted report into the agency's review; rule 10 must hold (every indicator scored with evidence). */
  const submitReport: Operation = async (request: Step<{ version: number }>) => {
    const current = await open(request, 'submitReport');
    const lock = await locks.read(request.principal.tenant, current.id);
    const problems = await papers.problems(request, current);
    if (problems.length > 0) throw rulesNotMet(problems, request);
    return move(request, current, { state: 'QC_REVIEW' }, 'submit-report', [], lock ?? undefined);
  };

  /**
   * One level of the agency's review (质量复核): project manager, then quality control, then the signing partner, each
   * by a different person. A return sends the report back to drafting and the next submission starts a new round.
   */
  const qualityReview: Operation = async (request: Step<ReviewDecision>) => {
    const current = await open(request, 'qualityReview');
    const reason = qualityReviewRefusal(request.principal, current);
    if (reason === 'not_reviewer') throw new HttpProblem('forbidden');
    if (reason) throw refusal(reason, request);
    const level = nextQualityLevel(current.reviews ?? []);
    if (!level) throw new HttpProblem('invalid-transition', { current });
    const reviews = [...(current.reviews ?? []), entry(request, level, request.body)];
    if (request.body.decision === 'return')
      return move(request, current, { state: 'DRAFT_REPORT', reviews }, 'quality-return');
    const state = level === 'SIGNING_PARTNER' ? 'FINANCE_REVIEW' : 'QC_REVIEW';
    return move(request, current, { state, reviews }, `quality-approve-${level.toLowerCase()}`);
  };

  /**
   * The bureau's review (委托方审核, 财预〔2021〕6号: the commissioner stays responsible for the result). A return sends the
   * report back to drafting. An approval is the final report: it fixes the score of the papers as they stand and its
   * grade, and locks the papers in the same transaction.
   */
  const financeReview: Operation = async (request: Step<ReviewDecision>) => {
    const current = await open(request, 'financeReview');
    const reviews = [...(current.reviews ?? []), entry(request, 'FINANCE', request.body)];
    if (request.body.decision === 'return')
      return move(request, current, { state: 'DRAFT_REPORT', reviews }, 'finance-return');
    const lock = await locks.read(request.principal.tenant, current.id);
    const problems = await papers.problems(request, current);
    if (problems.length > 0) throw rulesNotMet(problems, request);
    const { score, grade } = await papers.score(request, current);
    const conclusion = {
      score,
      grade,
      finalizedAt: request.receivedAt,
      finalizedBy: request.principal.userId,
      finalizedByName: request.principal.displayName ?? request.principal.userId,
    };
    return move(
      request,
      current,
      { state: 'FINAL_REPORT', reviews, conclusion },
      'final-report',
      [],
      lock ?? undefined,
    );
  };

  /** The result notice to the evaluated department, with the rectification it orders (if any) started in the same write. */
  const notifyResult: Operation = async (request: Step<ResultNotice>) => {
    const current = await open(request, 'notifyResult');
    const { rectification, notice } = request.body;
    const started = rectification ? await papers.rectification(request, current, rectification, notice) : null;
    const resultNotice: StoredResultNotice = {
      notice,
      notifiedAt: request.receivedAt,
      notifiedBy: request.principal.userId,
      notifiedByName: request.principal.displayName ?? request.principal.userId,
      rectificationId: started?.id ?? null,
    };
    // The department is told the result of an evaluation it can open: one not yet released is released with it.
    const releasedAt = current.releasedAt ?? request.receivedAt;
    return move(
      request,
      current,
      { state: 'RESULT_NOTIFIED', resultNotice, releasedAt },
      'notify-result',
      started ? [started.write] : [],
    );
  };

  /** The archive (建立档案, 10号's ninth step) closes the engagement. */
  const archive: Operation = async (request: Step<{ version: number }>) => {
    const current = await open(request, 'archive');
    return move(request, current, { state: 'ARCHIVED', archivedAt: request.receivedAt }, 'archive');
  };

  /**
   * Where the engagement stands after fieldwork: the review sheet and the level that signs next, the lock, the
   * amendments made after the final report, and (for the bureau and the agency) what still blocks the report.
   */
  const getConclusion: Operation = async (request: OperationRequest<{ id: string }>) => {
    const current = await engagements.visible(request, request.params.id);
    const p = request.principal;
    const insider = bureauSees(p, current) || leadsAgencyOf(p, current) || p.agencyId === current.agencyId;
    const tenant = p.tenant;
    const lock = await locks.read(tenant, current.id);
    const amendments = await locks.amendments(tenant, current.id);
    const problems = insider ? await papers.problems(request, current) : [];
    return {
      status: 200,
      body: {
        engagementId: current.id,
        state: current.state,
        version: current.version,
        // The agency's review sheet is the bureau's and the agency's; the department sees the conclusion and the notice.
        reviews: insider ? (current.reviews ?? []) : [],
        nextQualityLevel: current.state === 'QC_REVIEW' ? nextQualityLevel(current.reviews ?? []) : null,
        conclusion: current.conclusion ?? null,
        resultNotice: current.resultNotice ?? null,
        papersState: lock?.state ?? current.state,
        amendments: amendments.map((a) => ({
          id: a.id,
          paperType: a.paperType,
          paperId: a.paperId,
          reason: a.reason,
          amendedBy: a.amendedByName,
          at: a.createdAt,
        })),
        problems,
      },
    };
  };

  return { submitReport, qualityReview, financeReview, notifyResult, archiveEngagement: archive, getConclusion };
};
