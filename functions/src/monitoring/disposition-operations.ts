import type { Disposition, RecordDisposition } from '@jixiao/core/monitoring/disposition.ts';
import type { RoundStatus } from '@jixiao/core/monitoring/monitoring-report.ts';
import { publishedRound, readsRound } from '@jixiao/core/scope/observer-scope.ts';
import { canSee, seesTenant } from '@jixiao/core/scope/project-scope.ts';
import type { PerformanceTarget } from '@jixiao/core/submission/performance-target.ts';
import type { Project, ProjectFunds } from '@jixiao/core/submission/project.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { dispositionKind, monitoringReportKind, monitoringRoundKind } from '#functions/monitoring/record-kinds.ts';
import { startRectification } from '#functions/monitoring/rectification-start.ts';
import type { reportOperations } from '#functions/monitoring/report-operations.ts';
import type { StoredReport } from '#functions/monitoring/tally-writes.ts';
import type { ListFilter, RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { listPage, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { projectKind, targetKind } from '#functions/submission/record-kinds.ts';
import { nextTargetVersion } from '#functions/submission/target-version.ts';

export type StoredDisposition = Disposition & StoredRecord;
type StoredProject = Project & StoredRecord & { initialFunds?: ProjectFunds };
type StoredTarget = PerformanceTarget & StoredRecord;

const rulesNotMet = (code: string, request: OperationRequest) =>
  new HttpProblem('rules-not-met', { errors: [{ pointer: '', code, message: describe(code, request.language) }] });

/** A report's one disposition has an id derived from the report's, so the red list finds it by a batch get. */
export const dispositionIdOf = (reportId: string): string => derivedId(`monitoring-disposition:${reportId}`);

/**
 * The bureau's decision on a report with a large deviation (docs/domain/monitoring.md,
 * "Dispositions"), written with what it
 * starts in one transaction: a rectification notice, or the project's next target version
 * (adjusting budget and targets through the submission workflow). One decision per report; the
 * same request again answers the first result.
 */
export const dispositionOperations = (store: RecordStore, reports: ReturnType<typeof reportOperations>) => {
  const record: Operation = async (request: OperationRequest<{ id: string }, unknown, RecordDisposition>) => {
    const tenant = request.principal.tenant;
    const body = request.body;
    const report = await reports.visibleReport(request, request.params.id);
    const id = dispositionIdOf(report.id);
    const hash = requestHash({ reportId: report.id, ...body });
    const existing = await store.get<StoredDisposition>(tenant, dispositionKind, id);
    if (!existing) {
      if (report.version !== body.version) throw new HttpProblem('version-conflict', { current: report });
      if (report.reviewStatus !== 'FINAL_APPROVED' || report.assessment.colour === 'GREEN') {
        throw rulesNotMet('disposition_needs_deviation', request);
      }
    }
    const now = request.receivedAt;
    const meta = {
      version: 1,
      status: 'active' as const,
      createdAt: now,
      updatedAt: now,
      createdBy: request.principal.userId,
      updatedBy: request.principal.userId,
    };
    const writes: TransactionWrite[] = [];
    let rectificationId: string | null = null;
    let targetId: string | null = null;
    if (body.decision === 'RECTIFY') {
      const started = startRectification(
        {
          source: 'MONITORING',
          sourceId: id,
          reportId: report.id,
          roundId: report.roundId,
          fiscalYear: report.fiscalYear,
          project: {
            id: report.projectId,
            code: report.projectCode,
            name: report.projectName,
            unitId: report.unitId,
            unitName: report.unitName,
          },
          departmentId: report.departmentId,
          departmentName: report.departmentName,
          financeSectionId: report.financeSectionId ?? null,
          requirements: body.requirements,
          dueDate: body.dueDate!,
          opinion: body.reason,
        },
        request,
      );
      rectificationId = started.id;
      writes.push(started.write);
    }
    if (body.decision === 'ADJUST_BUDGET_AND_TARGETS' && !existing) {
      const project = await store.get<StoredProject>(tenant, projectKind, report.projectId);
      if (!project?.approvedTargetId) throw new HttpProblem('not-found');
      if (project.currentTargetId !== project.approvedTargetId) throw rulesNotMet('adjustment_in_progress', request);
      const approved = await store.get<StoredTarget>(tenant, targetKind, project.approvedTargetId);
      // The budget is adjusted with the targets: the next version is made for the adjusted money,
      // and the project keeps its start-of-year budget, which later reports show beside it.
      const funds = body.adjustedFunds ?? project.funds;
      const adjusted = { ...project, funds };
      const next = nextTargetVersion(adjusted, approved, derivedId(`disposition-target:${id}`), request);
      targetId = next.target.id;
      const initialFunds = project.initialFunds ?? report.initialBudget ?? project.funds;
      writes.push(
        { kind: targetKind, create: next.target, hash: requestHash({ dispositionTarget: targetId }) },
        {
          kind: projectKind,
          before: project,
          after: body.adjustedFunds ? { ...next.project, initialFunds } : next.project,
        },
      );
    } else if (body.decision === 'ADJUST_BUDGET_AND_TARGETS') {
      targetId = existing?.targetId ?? null;
    }
    const disposition: StoredDisposition = {
      ...meta,
      id,
      reportId: report.id,
      roundId: report.roundId,
      projectId: report.projectId,
      projectCode: report.projectCode,
      projectName: report.projectName,
      departmentId: report.departmentId,
      departmentName: report.departmentName,
      unitId: report.unitId,
      financeSectionId: report.financeSectionId ?? null,
      decision: body.decision,
      reason: body.reason,
      dueDate: body.dueDate,
      amountFen: body.amountFen,
      state: body.decision === 'SUSPEND_FUNDS' ? 'SUSPENDED' : 'DECIDED',
      colour: report.assessment.colour,
      decidedBy: request.principal.displayName ?? request.principal.userId,
      decidedAt: now,
      rectificationId,
      targetId,
      adjustedFunds: body.decision === 'ADJUST_BUDGET_AND_TARGETS' ? body.adjustedFunds : null,
      resolution: null,
    };
    const nextReport: StoredReport = {
      ...report,
      disposition: { id, decision: disposition.decision, state: disposition.state, dueDate: disposition.dueDate },
      version: report.version + 1,
      updatedAt: now,
      updatedBy: request.principal.userId,
    };
    // The decision first: a repeated request is recognised by it before anything else is looked at.
    writes.unshift({ kind: dispositionKind, create: disposition, hash });
    if (!existing) writes.push({ kind: monitoringReportKind, before: report, after: nextReport });
    const result = await store.transact(tenant, writes, {
      ...writeContext(request),
      operation: `dispose-${body.decision}`,
    });
    switch (result.outcome) {
      case 'done':
        return { status: 201, body: disposition };
      case 'replayed':
        if (result.index === 0) return { status: 201, body: result.record, headers: { 'idempotent-replayed': 'true' } };
        throw new HttpProblem('version-conflict');
      case 'id-conflict':
        throw new HttpProblem('invalid-transition', {
          errors: [{ pointer: '', code: 'already_disposed', message: describe('already_disposed', request.language) }],
        });
      case 'version-conflict':
        throw new HttpProblem('version-conflict', { current: result.current });
    }
  };

  const visibleDisposition = async (request: OperationRequest, id: string): Promise<StoredDisposition> => {
    const p = request.principal;
    const found = await store.get<StoredDisposition>(p.tenant, dispositionKind, id);
    if (!found || !canSee(p, found)) throw new HttpProblem('not-found');
    // Read only as the observer: a decision in a round already issued (core/src/scope/observer-scope.ts).
    if (!canSee(p, found, false)) {
      const round = await store.get<StoredRecord & { roundStatus: RoundStatus }>(
        p.tenant,
        monitoringRoundKind,
        found.roundId,
      );
      if (!round || !publishedRound(round)) throw new HttpProblem('not-found');
    }
    return found;
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => ({
    status: 200,
    body: await visibleDisposition(request, request.params.id),
  });

  /** A round's decisions: the tenant's for the performance section, a section's departments' for a business section. */
  const listForRound: Operation = async (
    request: OperationRequest<{ id: string }, Record<string, string | number>>,
  ) => {
    const p = request.principal;
    const round = await store.get<StoredRecord & { roundStatus: RoundStatus }>(
      p.tenant,
      monitoringRoundKind,
      request.params.id,
    );
    if (!round || !readsRound(p, round)) throw new HttpProblem('not-found');
    const filters: ListFilter[] =
      !seesTenant(p) && p.sectionId ? [{ field: 'financeSectionId', op: 'eq', value: p.sectionId }] : [];
    if (!seesTenant(p) && !p.sectionId) return { status: 200, body: { items: [] } };
    const page = await listPage<StoredDisposition>(
      store,
      p.tenant,
      dispositionKind,
      {
        limit: Number(request.query.limit),
        cursor: request.query.cursor as string | undefined,
        ownerId: request.params.id,
        filters,
      },
      request.language,
    );
    return { status: 200, body: page };
  };

  /** A suspension ends: the money is released again, or recovered. */
  const resolve: Operation = async (
    request: OperationRequest<
      { id: string },
      unknown,
      { version: number; outcome: 'RESUMED' | 'RECOVERED'; reason: string }
    >,
  ) => {
    const tenant = request.principal.tenant;
    const current = await visibleDisposition(request, request.params.id);
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    if (current.state !== 'SUSPENDED') throw new HttpProblem('invalid-transition', { current });
    const report = await store.get<StoredReport>(tenant, monitoringReportKind, current.reportId);
    if (!report) throw new HttpProblem('not-found');
    const now = request.receivedAt;
    const next: StoredDisposition = {
      ...current,
      state: request.body.outcome,
      resolution: { outcome: request.body.outcome, reason: request.body.reason, by: request.principal.userId, at: now },
      version: current.version + 1,
      updatedAt: now,
      updatedBy: request.principal.userId,
    };
    const nextReport: StoredReport = {
      ...report,
      disposition: { id: next.id, decision: next.decision, state: next.state, dueDate: next.dueDate },
      version: report.version + 1,
      updatedAt: now,
      updatedBy: request.principal.userId,
    };
    const result = await store.transact(
      tenant,
      [
        { kind: dispositionKind, before: current, after: next },
        { kind: monitoringReportKind, before: report, after: nextReport },
      ],
      { ...writeContext(request), operation: `resolve-${request.body.outcome}` },
    );
    if (result.outcome !== 'done')
      throw new HttpProblem('version-conflict', { current: await visibleDisposition(request, current.id) });
    return { status: 200, body: next };
  };

  return { record, get, listForRound, resolve };
};
