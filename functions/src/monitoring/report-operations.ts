import type { Language } from '@jixiao/core/language.ts';
import { type BudgetSource, budgetBase } from '@jixiao/core/monitoring/budget-base.ts';
import { reportDecision, type SaveReport } from '@jixiao/core/monitoring/monitoring-report.ts';
import { assess } from '@jixiao/core/monitoring/monitoring-warnings.ts';
import { reportErrors } from '@jixiao/core/monitoring/report-rules.ts';
import { editableReportStatuses, type ReportAction, reportActions } from '@jixiao/core/monitoring/report-workflow.ts';
import { type WithdrawSubmission, withdrawalFor } from '@jixiao/core/review/withdrawal.ts';
import { isUnitMember, mayActAs } from '@jixiao/core/scope/project-scope.ts';
import type { TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import {
  monitoringReportKind,
  monitoringRoundKind,
  monitoringTallyKind,
  redMarkKind,
} from '#functions/monitoring/record-kinds.ts';
import {
  countsChange,
  type RedMark,
  redChange,
  redMarkId,
  redMarkWrite,
  type StoredReport,
  type TallyRecord,
  tallyId,
  tallyIncrement,
} from '#functions/monitoring/tally-writes.ts';
import type { HistoryRequest, RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { bulkReview } from '#functions/records/bulk-review.ts';
import { historyPage, writeContext } from '#functions/records/record-operations.ts';
import {
  listRoundRecords,
  mergeRowsById,
  type ReviewDecision,
  readRoundRecord,
  reviewedOnce,
  untilWritten,
} from '#functions/records/round-records.ts';
import { projectKind } from '#functions/submission/record-kinds.ts';

export const reportOperations = (store: RecordStore) => {
  const kinds = { record: monitoringReportKind, round: monitoringRoundKind };

  const visibleReport = (request: OperationRequest, id: string): Promise<StoredReport> =>
    readRoundRecord<StoredReport>(store, kinds, request, id);

  const withChecks = (report: StoredReport, language: Language) => ({
    ...report,
    checks: reportErrors(report, language),
  });

  /** A round's reports of one department (functions/src/records/round-records.ts). */
  const list = listRoundRecords<StoredReport>(store, kinds);

  const get: Operation = async (request: OperationRequest<{ id: string }>) => ({
    status: 200,
    body: withChecks(await visibleReport(request, request.params.id), request.language),
  });

  /** Writes a report together with its department's tally when what the tally counts changed. */
  const write = async (request: OperationRequest, before: StoredReport, after: StoredReport, operation: string) => {
    const tenant = request.principal.tenant;
    const writes: TransactionWrite[] = [{ kind: monitoringReportKind, before, after }];
    const counts = countsChange(before, after);
    const red = redChange(before, after);
    if (counts || red) {
      const tally = await store.get<TallyRecord>(
        tenant,
        monitoringTallyKind,
        tallyId(before.roundId, before.departmentId),
      );
      if (!tally) throw new Error(`monitoring tally missing for ${before.roundId}/${before.departmentId}`);
      // Added to the tally, not put over it: the department's other saves may land in between.
      const increment = counts ? tallyIncrement(before.roundId, before.departmentId, [{ before, after }]) : undefined;
      if (increment) writes.push(increment);
      if (red) {
        const mark = await store.get<RedMark>(tenant, redMarkKind, redMarkId(before.id));
        const write = redMarkWrite(mark, after, tally.departmentCode, request);
        if (write) writes.push(write);
      }
    }
    return store.transact(tenant, writes, { ...writeContext(request), operation });
  };

  /** Saves what the unit filled in (a draft, or a returned report, which becomes a draft again). */
  const save: Operation = (request: OperationRequest<{ id: string }, unknown, SaveReport>) =>
    untilWritten(async () => {
      const current = await visibleReport(request, request.params.id);
      if (!isUnitMember(request.principal, current)) throw new HttpProblem('forbidden');
      if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
      if (!editableReportStatuses.includes(current.reviewStatus))
        throw new HttpProblem('invalid-transition', { current });
      const { version: _expected, lines, ...changes } = request.body;
      // The budget follows a mid-year adjustment made since the report was made (a newer approved
      // target version with other funds), keeping the start-of-year budget beside it.
      const project = await store.get<BudgetSource & StoredRecord>(
        request.principal.tenant,
        projectKind,
        current.projectId,
      );
      const { initialBudget: _kept, ...rest } = current;
      const merged = {
        ...rest,
        ...changes,
        ...(project ? budgetBase(current, project) : { budget: current.budget, initialBudget: current.initialBudget }),
        lines: lines ? mergeRowsById(current.lines, lines, '/lines', request.language) : current.lines,
      };
      const reviewStatus: TargetStatus = 'DRAFT';
      const next: StoredReport = {
        ...merged,
        assessment: assess(merged, current.thresholds),
        reviewStatus,
        statusSince: current.reviewStatus === reviewStatus ? current.statusSince : request.receivedAt,
        version: current.version + 1,
        updatedAt: request.receivedAt,
        updatedBy: request.principal.userId,
      };
      const result = await write(request, current, next, 'save-monitoring-report');
      return { result, body: withChecks(next, request.language) };
    });

  /** Moves a report one step along the review, with its department's tally, in one transaction. */
  const transition = (
    request: OperationRequest<{ id: string }, unknown, ReviewDecision>,
    pick: ReportAction | ((current: StoredReport) => ReportAction),
  ) =>
    untilWritten(async () => {
      const current = await visibleReport(request, request.params.id);
      const action = typeof pick === 'function' ? pick(current) : pick;
      const next = reviewedOnce(reportActions, request, current, action, {
        ruleErrors: reportErrors(current, request.language),
        lastAction: current.reviewLog.at(-1)?.action,
      });
      const result = await write(request, current, next, action);
      return { result, body: withChecks(next, request.language) };
    });

  type DecisionRequest = OperationRequest<{ id: string }, unknown, ReviewDecision>;
  const submit: Operation = (request) => transition(request, 'submit');
  const departmentReview: Operation = (request: DecisionRequest) =>
    transition(request, request.body.decision === 'approve' ? 'department-approve' : 'department-return');
  const firstReview: Operation = (request: DecisionRequest) =>
    transition(request, request.body.decision === 'approve' ? 'first-approve' : 'first-return');
  const finalReview: Operation = (request: DecisionRequest) =>
    transition(request, request.body.decision === 'approve' ? 'final-approve' : 'final-return');
  /** 撤回 (docs/domain/submission.md#withdrawal): the caller's own last step taken back, with the tally. */
  const withdraw: Operation = (request: OperationRequest<{ id: string }, unknown, WithdrawSubmission>) =>
    transition(
      { ...request, body: { version: request.body.version, opinion: request.body.comment ?? '' } },
      (current) =>
        withdrawalFor(reportActions, current.reviewStatus, (role) => mayActAs(request.principal, role, current)),
    );

  const history: Operation = async (request: OperationRequest<{ id: string }, HistoryRequest>) => {
    await visibleReport(request, request.params.id);
    return historyPage(store, monitoringReportKind, request.params.id, request);
  };

  return { list, get, save, submit, departmentReview, firstReview, finalReview, withdraw, history, visibleReport };
};

/** 批量审核 (docs/domain/submission.md#bulk-review): many reports, one opinion, each through the single step above. */
export const bulkReportReview = (store: RecordStore): Operation =>
  bulkReview(
    store,
    (over) => {
      const steps = reportOperations(over);
      return {
        'department-reviewer': steps.departmentReview,
        'business-section-reviewer': steps.firstReview,
        'performance-section-reviewer': steps.finalReview,
      };
    },
    () => reportDecision,
  );
