import type { Language } from '@jixiao/core/language.ts';
import { type BudgetSource, budgetBase } from '@jixiao/core/monitoring/budget-base.ts';
import type { LineEntry, RoundStatus, SaveReport } from '@jixiao/core/monitoring/monitoring-report.ts';
import { assess } from '@jixiao/core/monitoring/monitoring-warnings.ts';
import { reportErrors } from '@jixiao/core/monitoring/report-rules.ts';
import { editableReportStatuses, type ReportAction, reportActions } from '@jixiao/core/monitoring/report-workflow.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { step } from '@jixiao/core/review/review-engine.ts';
import {
  defaultPublishedReportStatus,
  isObserver,
  publishedReport,
  publishedRound,
  readsRound,
} from '@jixiao/core/scope/observer-scope.ts';
import { canSee, isUnitMember, mayActAs, seesTenant } from '@jixiao/core/scope/project-scope.ts';
import type { ReviewStep, TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import { describe } from '@jixiao/core/validation.ts';
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
import type {
  HistoryRequest,
  ListFilter,
  RecordStore,
  StoredRecord,
  TransactionWrite,
} from '#functions/ports/record-store.ts';
import { historyPage, listPage, writeContext } from '#functions/records/record-operations.ts';
import { reviewRefusal } from '#functions/records/review-refusal.ts';
import { projectKind } from '#functions/submission/record-kinds.ts';

/** How many times a change re-reads and retries when only the department's tally moved underneath it. */
const attempts = 5;

const fieldError = (pointer: string, code: string, language: Language): FieldError => ({
  pointer,
  code,
  message: describe(code, language),
});

export const reportOperations = (store: RecordStore) => {
  const visibleReport = async (request: OperationRequest, id: string): Promise<StoredReport> => {
    const p = request.principal;
    const report = await store.get<StoredReport>(p.tenant, monitoringReportKind, id);
    if (!report) throw new HttpProblem('not-found');
    // Read only as the observer: a sent report of a round already issued (core/src/scope/observer-scope.ts).
    if (!canSee(p, report, false)) {
      const round = publishedReport(report.reviewStatus)
        ? await store.get<StoredRecord & { roundStatus: RoundStatus }>(p.tenant, monitoringRoundKind, report.roundId)
        : undefined;
      if (!canSee(p, report, round !== undefined && publishedRound(round))) throw new HttpProblem('not-found');
    }
    return report;
  };

  const withChecks = (report: StoredReport, language: Language) => ({
    ...report,
    checks: reportErrors(report, language),
  });

  /**
   * A round's reports of one department. Units and department reviewers read their own
   * department; the bureau names the department (its dashboard lists them).
   */
  const list: Operation = async (
    request: OperationRequest<{ id: string }, Record<string, string | number | undefined>>,
  ) => {
    const p = request.principal;
    const { limit, cursor, q, departmentId, reviewStatus } = request.query;
    const round = await store.get<StoredRecord & { roundStatus: RoundStatus }>(
      p.tenant,
      monitoringRoundKind,
      request.params.id,
    );
    if (!round || !readsRound(p, round)) throw new HttpProblem('not-found');
    const department = (departmentId as string | undefined) ?? p.departmentId;
    if (!department)
      throw new HttpProblem('validation-failed', {
        errors: [fieldError('/departmentId', 'required', request.language)],
      });
    const filters: ListFilter[] = [];
    let status = reviewStatus as TargetStatus | undefined;
    if (!p.roles.includes('performance-section-reviewer') && isObserver(p)) {
      // The observer reads what departments have reported, one review status at a time (the store
      // filters by equality only): the approved reports unless another published status is asked.
      status ??= defaultPublishedReportStatus;
      if (!publishedReport(status)) return { status: 200, body: { items: [] } };
    } else if (!seesTenant(p)) {
      if (p.roles.includes('business-section-reviewer') && p.sectionId) {
        filters.push({ field: 'financeSectionId', op: 'eq', value: p.sectionId });
      } else if (p.departmentId !== department) {
        return { status: 200, body: { items: [] } };
      } else if (!p.roles.includes('department-reviewer')) {
        if (!p.unitId) return { status: 200, body: { items: [] } };
        filters.push({ field: 'unitId', op: 'eq', value: p.unitId });
      }
    }
    if (status) filters.push({ field: 'reviewStatus', op: 'eq', value: status });
    const page = await listPage<StoredReport>(
      store,
      p.tenant,
      monitoringReportKind,
      {
        limit: Number(limit),
        cursor: cursor as string | undefined,
        q: q as string | undefined,
        ownerId: `${request.params.id}#${department}`,
        filters,
      },
      request.language,
    );
    return { status: 200, body: page };
  };

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

  const mergeLines = (report: StoredReport, entries: readonly LineEntry[], language: Language) => {
    const byId = new Map(entries.map((e) => [e.rowId, e]));
    const unknown = entries
      .map((e, i) => [e, i] as const)
      .filter(([e]) => !report.lines.some((l) => l.rowId === e.rowId));
    if (unknown.length > 0) {
      throw new HttpProblem('validation-failed', {
        errors: unknown.map(([, i]) => fieldError(`/lines/${i}/rowId`, 'unknown_row', language)),
      });
    }
    return report.lines.map((line) => ({ ...line, ...(byId.get(line.rowId) ?? {}) }));
  };

  /** Saves what the unit filled in (a draft, or a returned report, which becomes a draft again). */
  const save: Operation = async (request: OperationRequest<{ id: string }, unknown, SaveReport>) => {
    for (let attempt = 1; ; attempt++) {
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
        lines: lines ? mergeLines(current, lines, request.language) : current.lines,
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
      if (result.outcome === 'done') return { status: 200, body: withChecks(next, request.language) };
      if (result.outcome === 'version-conflict' && result.index === 0) {
        throw new HttpProblem('version-conflict', { current: result.current });
      }
      if (attempt >= attempts) throw new HttpProblem('version-conflict');
    }
  };

  interface Decision {
    version: number;
    opinion?: string;
    decision?: 'approve' | 'return';
  }

  /** Moves a report one step along the review, with its department's tally, in one transaction. */
  const transition = async (request: OperationRequest<{ id: string }, unknown, Decision>, pick: () => ReportAction) => {
    const action = pick();
    for (let attempt = 1; ; attempt++) {
      const current = await visibleReport(request, request.params.id);
      // Core decides (docs/architecture.md#review-engine); this only gathers what its guards read.
      const decision = step(
        reportActions,
        { status: current.reviewStatus, version: current.version },
        action,
        // Seeing a report through one role does not let another of the caller's roles act on it.
        { actsAs: (role) => mayActAs(request.principal, role, current) },
        { version: request.body.version, facts: { ruleErrors: reportErrors(current, request.language) } },
      );
      if (!decision.ok) throw reviewRefusal(decision.problem, current);
      const { to, role, effects } = decision;
      const reviewStep: ReviewStep = {
        action,
        from: current.reviewStatus,
        to,
        by: request.principal.userId,
        byName: request.principal.displayName ?? request.principal.userId,
        role,
        at: request.receivedAt,
        opinion: request.body.opinion ?? '',
        grade: null,
        rowComments: {},
      };
      const next: StoredReport = {
        ...current,
        reviewStatus: to,
        statusSince: request.receivedAt,
        firstSubmittedAt: current.firstSubmittedAt ?? (effects.includes('first-submitted') ? request.receivedAt : null),
        reviewLog: [...current.reviewLog, reviewStep],
        version: current.version + 1,
        updatedAt: request.receivedAt,
        updatedBy: request.principal.userId,
      };
      const result = await write(request, current, next, action);
      if (result.outcome === 'done') return { status: 200, body: withChecks(next, request.language) };
      // Another reviewer acted on this report first: theirs stands, this one is told so.
      if (result.outcome === 'version-conflict' && result.index === 0) {
        throw new HttpProblem('version-conflict', { current: result.current });
      }
      if (attempt >= attempts) throw new HttpProblem('version-conflict');
    }
  };

  type DecisionRequest = OperationRequest<{ id: string }, unknown, Decision>;
  const submit: Operation = (request) => transition(request, () => 'submit');
  const departmentReview: Operation = (request: DecisionRequest) =>
    transition(request, () => (request.body.decision === 'approve' ? 'department-approve' : 'department-return'));
  const firstReview: Operation = (request: DecisionRequest) =>
    transition(request, () => (request.body.decision === 'approve' ? 'first-approve' : 'first-return'));
  const finalReview: Operation = (request: DecisionRequest) =>
    transition(request, () => (request.body.decision === 'approve' ? 'final-approve' : 'final-return'));

  const history: Operation = async (request: OperationRequest<{ id: string }, HistoryRequest>) => {
    await visibleReport(request, request.params.id);
    return historyPage(store, monitoringReportKind, request.params.id, request);
  };

  return { list, get, save, submit, departmentReview, firstReview, finalReview, history, visibleReport };
};
