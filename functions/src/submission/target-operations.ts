import type { Language } from '@jixiao/core/language.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { step } from '@jixiao/core/review/review-engine.ts';
import { type WithdrawSubmission, withdrawalFor } from '@jixiao/core/review/withdrawal.ts';
import { publishedTarget } from '@jixiao/core/scope/observer-scope.ts';
import { canSee, isUnitMember, mayActAs } from '@jixiao/core/scope/project-scope.ts';
import {
  finalReviewDecision,
  type PerformanceTarget,
  type ReviewGrade,
  type ReviewStep,
  reviewDecision,
  type TargetRow,
  type TargetStatus,
} from '@jixiao/core/submission/performance-target.ts';
import { annualTotal, type Project } from '@jixiao/core/submission/project.ts';
import { mayAdjust } from '@jixiao/core/submission/project-steps.ts';
import {
  editableStatuses,
  finalActionFor,
  projectStageAfter,
  type TargetAction,
  targetActions,
} from '@jixiao/core/submission/review-workflow.ts';
import type { SubmissionConfig } from '@jixiao/core/submission/submission-config.ts';
import { rowValueDate, targetErrors, targetWarnings } from '@jixiao/core/submission/target-rules.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { HistoryRequest, RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { bulkReview } from '#functions/records/bulk-review.ts';
import { historyPage, listPage, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { reviewRefusal } from '#functions/records/review-refusal.ts';
import { allOfProject, visibleProject } from '#functions/submission/project-operations.ts';
import { indicatorKind, projectKind, targetKind } from '#functions/submission/record-kinds.ts';
import { nextTargetVersion } from '#functions/submission/target-version.ts';
import { weightOperations } from '#functions/submission/weight-operations.ts';

type StoredTarget = PerformanceTarget & StoredRecord;
type StoredProject = Project & StoredRecord;

const fieldError = (pointer: string, code: string, language: Language): FieldError => ({
  pointer,
  code,
  message: describe(code, language),
});

const multiYear = (project: StoredProject) => project.periodEnd > project.periodStart;

const checksOf = (
  target: StoredTarget,
  project: StoredProject,
  config: SubmissionConfig,
  language: Language,
): FieldError[] =>
  targetErrors(target, config, language, { multiYear: multiYear(project), fiscalYear: target.fiscalYear });

/** How many times a transition re-reads and retries when only the project moved underneath it. */
const attempts = 3;

export const targetOperations = (store: RecordStore) => {
  const weights = weightOperations(store);
  const visibleTarget = async (request: OperationRequest, id: string): Promise<StoredTarget> => {
    const target = await store.get<StoredTarget>(request.principal.tenant, targetKind, id);
    if (!target || !canSee(request.principal, target, publishedTarget(target.reviewStatus))) {
      throw new HttpProblem('not-found');
    }
    return target;
  };

  /** The library entries a target's rows came from: reviewers read the reference values beside each row. */
  const libraryReferences = async (tenant: string, rows: readonly TargetRow[]) => {
    const ids = rows.map((r) => r.libraryIndicatorId).filter((id): id is string => Boolean(id));
    const entries = await store.getMany(tenant, indicatorKind, ids);
    return Object.fromEntries(
      entries.map((e) => [
        e.id,
        {
          code: e.code,
          name: e.name,
          operator: e.operator,
          referenceValue: e.referenceValue,
          unit: e.unit,
          scoringStandard: e.scoringStandard,
          spendingStandardCap: e.spendingStandardCap ?? null,
        },
      ]),
    );
  };

  const withChecks = async (request: OperationRequest, target: StoredTarget, project?: StoredProject) => {
    const p = project ?? (await store.get<StoredProject>(request.principal.tenant, projectKind, target.projectId));
    const config = await weights.configFor(request.principal.tenant, target.fiscalYear);
    return {
      ...target,
      checks: p ? checksOf(target, p, config, request.language) : [],
      // What reviewers should see but that stops nothing: a departure from the weights with its reason, money as output.
      warnings: targetWarnings(target, config, request.language),
      libraryReferences: await libraryReferences(request.principal.tenant, target.rows),
    };
  };

  const listForProject: Operation = async (request: OperationRequest<{ id: string }, Record<string, unknown>>) => {
    const project = await visibleProject(store, request, request.params.id);
    if (!canSee(request.principal, project, false)) {
      // An observer: the project's sent versions only. A project has a handful; all of them in one
      // page, and more than the limit is a fault refused rather than shown in part.
      const versions = await allOfProject<StoredTarget>(store, request.principal.tenant, targetKind, project.id);
      return { status: 200, body: { items: versions.filter((t) => publishedTarget(t.reviewStatus)) } };
    }
    const page = await listPage(
      store,
      request.principal.tenant,
      targetKind,
      {
        limit: Number(request.query.limit),
        cursor: request.query.cursor as string | undefined,
        ownerId: request.params.id,
      },
      request.language,
    );
    return { status: 200, body: page };
  };

  /** The first version, or the next one after an approved version (目标调整). */
  const create: Operation = async (request: OperationRequest<{ id: string }, unknown, { id: string }>) => {
    const tenant = request.principal.tenant;
    const project = await visibleProject(store, request, request.params.id);
    if (!isUnitMember(request.principal, project)) throw new HttpProblem('forbidden');
    const hash = requestHash({ projectId: project.id, id: request.body.id });
    const existing = await store.get<StoredTarget>(tenant, targetKind, request.body.id);
    const current = project.currentTargetId
      ? await store.get<StoredTarget>(tenant, targetKind, project.currentTargetId)
      : undefined;
    // A new version follows an approved one; after an adjustment graded 差, the approved version
    // that still stands is adjusted again.
    const previous =
      current?.reviewStatus === 'REJECTED' && project.approvedTargetId
        ? await store.get<StoredTarget>(tenant, targetKind, project.approvedTargetId)
        : current;
    if (!existing && current && !mayAdjust(project, current)) {
      throw new HttpProblem('invalid-transition');
    }
    const { target, project: nextProject } = nextTargetVersion(project, previous, request.body.id, request);
    const writes: TransactionWrite[] = existing
      ? [{ kind: targetKind, create: target, hash }]
      : [
          { kind: targetKind, create: target, hash },
          { kind: projectKind, before: project, after: nextProject },
        ];
    const result = await store.transact(tenant, writes, { ...writeContext(request), operation: 'create-target' });
    switch (result.outcome) {
      case 'done':
        return { status: 201, body: target };
      case 'replayed':
        return { status: 201, body: result.record, headers: { 'idempotent-replayed': 'true' } };
      case 'id-conflict':
        throw new HttpProblem('idempotency-conflict');
      case 'version-conflict':
        throw new HttpProblem('version-conflict', { current: result.current });
    }
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => {
    const target = await visibleTarget(request, request.params.id);
    return { status: 200, body: await withChecks(request, target) };
  };

  /** Rows from the library take the library's spending standard; the client cannot set its own. */
  const enrichRows = async (
    tenant: string,
    rows: readonly TargetRow[],
    fiscalYear: number,
    language: Language,
  ): Promise<TargetRow[]> => {
    const ids = rows.map((r) => r.libraryIndicatorId).filter((id): id is string => Boolean(id));
    const entries = new Map((await store.getMany(tenant, indicatorKind, ids)).map((e) => [e.id, e]));
    const missing: FieldError[] = [];
    const enriched = rows.map((row, i) => {
      const entry = row.libraryIndicatorId ? entries.get(row.libraryIndicatorId) : undefined;
      if (row.libraryIndicatorId && !entry) {
        missing.push(fieldError(`/rows/${i}/libraryIndicatorId`, 'reference_not_found', language));
      }
      return {
        ...row,
        // What a library indicator is (its place in the framework, its unit, its spending
        // standard) comes from the library, whatever the client sent.
        ...(entry ? { level1: entry.level1, level2: entry.level2, unit: entry.unit } : {}),
        libraryIndicatorId: row.libraryIndicatorId ?? null,
        custom: !row.libraryIndicatorId,
        spendingStandardCap: (entry?.spendingStandardCap as number | null | undefined) ?? null,
        // A date target is compared as the date it means, read once here with the target's year.
        valueDate: rowValueDate(row, fiscalYear),
      } as TargetRow;
    });
    if (missing.length > 0) throw new HttpProblem('reference-not-found', { errors: missing });
    const rowIds = new Set<string>();
    for (const [i, row] of enriched.entries()) {
      if (rowIds.has(row.rowId)) {
        throw new HttpProblem('validation-failed', {
          errors: [fieldError(`/rows/${i}/rowId`, 'duplicate_row', language)],
        });
      }
      rowIds.add(row.rowId);
    }
    return enriched;
  };

  const save: Operation = async (
    request: OperationRequest<{ id: string }, unknown, { version: number } & Record<string, unknown>>,
  ) => {
    const tenant = request.principal.tenant;
    for (let attempt = 1; ; attempt++) {
      const current = await visibleTarget(request, request.params.id);
      if (!isUnitMember(request.principal, current)) throw new HttpProblem('forbidden');
      if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
      if (!editableStatuses.includes(current.reviewStatus)) throw new HttpProblem('invalid-transition');
      const project = await visibleProject(store, request, current.projectId);
      if (current.id !== project.currentTargetId) throw new HttpProblem('invalid-transition', { current });
      const { version: _expected, ...changes } = request.body;
      const rows = changes.rows
        ? await enrichRows(tenant, changes.rows as TargetRow[], current.fiscalYear, request.language)
        : current.rows;
      // Editing a returned version makes it a draft again; the return's comments stay in its log.
      const reviewStatus: TargetStatus = 'DRAFT';
      const next: StoredTarget = {
        ...current,
        ...(changes as Partial<StoredTarget>),
        rows,
        reviewStatus,
        statusSince: current.reviewStatus === reviewStatus ? current.statusSince : request.receivedAt,
        version: current.version + 1,
        updatedAt: request.receivedAt,
        updatedBy: request.principal.userId,
      };
      const writes: TransactionWrite[] = [{ kind: targetKind, before: current, after: next }];
      if (project.currentTargetStatus !== reviewStatus) {
        writes.push({ kind: projectKind, before: project, after: projectAfter(project, next, request) });
      }
      const result = await store.transact(tenant, writes, { ...writeContext(request), operation: 'save-target' });
      if (result.outcome === 'done') return { status: 200, body: await withChecks(request, next, project) };
      if (result.outcome === 'version-conflict' && result.index === 0) {
        throw new HttpProblem('version-conflict', { current: result.current });
      }
      if (attempt >= attempts) throw new HttpProblem('version-conflict');
    }
  };

  /** The project as a target transition leaves it: its stage and the pointers to the versions. */
  const projectAfter = (
    project: StoredProject,
    target: StoredTarget,
    request: OperationRequest,
    approved?: { id: string | null; grade: string | null },
  ): StoredProject => {
    const approvedTargetId = approved ? approved.id : project.approvedTargetId;
    return {
      ...project,
      currentTargetId: target.id,
      currentTargetStatus: target.reviewStatus,
      approvedTargetId,
      approvedGrade: approved ? approved.grade : project.approvedGrade,
      stage: projectStageAfter(
        project.stage,
        target.reviewStatus,
        approvedTargetId !== null,
        project.exAnteConclusion === 'REJECT',
      ),
      version: project.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
  };

  interface Decision {
    version: number;
    opinion: string;
    grade?: ReviewGrade | undefined;
    rowComments?: Record<string, string>;
  }

  /** Moves a version one step along the two-level review, with its project, in one transaction. */
  const transition = async (
    request: OperationRequest<{ id: string }, unknown, Decision>,
    pick: (target: StoredTarget) => TargetAction,
  ) => {
    const tenant = request.principal.tenant;
    const language = request.language;
    for (let attempt = 1; ; attempt++) {
      const current = await visibleTarget(request, request.params.id);
      const action = pick(current);
      const project = await visibleProject(store, request, current.projectId);
      const config = await weights.configFor(tenant, current.fiscalYear);
      const rowComments = request.body.rowComments ?? {};
      const rowIds = new Set(current.rows.map((r) => r.rowId));
      // Core decides (docs/architecture.md#review-engine); this only gathers what its guards read.
      const decision = step(
        targetActions,
        { status: current.reviewStatus, version: current.version },
        action,
        // Seeing a version through one role does not let another of the caller's roles act on it.
        { actsAs: (role) => mayActAs(request.principal, role, current) },
        {
          version: request.body.version,
          facts: {
            newest: current.id === project.currentTargetId && !current.superseded,
            unknownRowIds: Object.keys(rowComments).filter((id) => !rowIds.has(id)),
            ruleErrors: checksOf(current, project, config, language),
            gate: {
              stage: project.stage,
              approvedTargetId: project.approvedTargetId,
              approvedGrade: project.approvedGrade,
              exAnteRequired: project.exAnteRequired,
              exAnteConclusion: project.exAnteConclusion,
            },
            config,
            language,
            // A withdrawal undoes the last step only (core/src/review/withdrawal.ts).
            lastAction: current.reviewLog.at(-1)?.action,
          },
        },
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
        grade: effects.includes('grade') ? (request.body.grade ?? null) : null,
        rowComments,
      };
      const next: StoredTarget = {
        ...current,
        // What the reviewers see is the project as it is when it is sent on.
        ...(effects.includes('snapshot-project')
          ? {
              projectName: project.name,
              annualTotalFen: annualTotal(project.funds),
            }
          : {}),
        reviewStatus: to,
        statusSince: request.receivedAt,
        grade: effects.includes('clear-grade') ? null : (reviewStep.grade ?? current.grade),
        reviewLog: [...current.reviewLog, reviewStep],
        version: current.version + 1,
        updatedAt: request.receivedAt,
        updatedBy: request.principal.userId,
      };
      const writes: TransactionWrite[] = [{ kind: targetKind, before: current, after: next }];
      let approved: { id: string | null; grade: string | null } | undefined;
      if (effects.includes('record-approval')) {
        approved = { id: next.id, grade: next.grade };
        // The version it replaces stays, read-only, for comparison.
        const earlier = project.approvedTargetId
          ? await store.get<StoredTarget>(tenant, targetKind, project.approvedTargetId)
          : undefined;
        if (earlier && earlier.id !== next.id) writes.push(supersede(earlier, true, request));
      }
      if (effects.includes('withdraw-approval')) {
        // The approval is withdrawn: the version this one adjusted, if any, stands again.
        const earlier = current.basedOnId
          ? await store.get<StoredTarget>(tenant, targetKind, current.basedOnId)
          : undefined;
        approved = earlier ? { id: earlier.id, grade: earlier.grade } : { id: null, grade: null };
        if (earlier) writes.push(supersede(earlier, false, request));
      }
      const nextProject = projectAfter(project, next, request, approved);
      writes.push({ kind: projectKind, before: project, after: nextProject });
      const result = await store.transact(tenant, writes, { ...writeContext(request), operation: action });
      if (result.outcome === 'done') return { status: 200, body: await withChecks(request, next, nextProject) };
      // Another reviewer acted on this version first: theirs stands, this one is told so.
      if (result.outcome === 'version-conflict' && result.index === 0) {
        throw new HttpProblem('version-conflict', { current: result.current });
      }
      if (attempt >= attempts) throw new HttpProblem('version-conflict');
    }
  };

  const supersede = (target: StoredTarget, superseded: boolean, request: OperationRequest): TransactionWrite => ({
    kind: targetKind,
    before: target,
    after: {
      ...target,
      superseded,
      version: target.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    },
  });

  type DecisionRequest = OperationRequest<{ id: string }, unknown, Decision & { decision: 'approve' | 'return' }>;

  const submit: Operation = (request) => transition(request, () => 'submit');
  const departmentReview: Operation = (request: DecisionRequest) =>
    transition(request, () => (request.body.decision === 'approve' ? 'department-approve' : 'department-return'));
  const firstReview: Operation = (request: DecisionRequest) =>
    transition(request, () => (request.body.decision === 'approve' ? 'first-approve' : 'first-return'));
  const finalReview: Operation = (request: DecisionRequest) =>
    transition(request, () => finalActionFor(request.body.decision, request.body.grade));
  const cancelApproval: Operation = (request) => transition(request, () => 'cancel-approval');
  /** 撤回 (docs/domain/submission.md#withdrawal): the caller's own last step taken back; its comment is the step's opinion. */
  const withdraw: Operation = (request: OperationRequest<{ id: string }, unknown, WithdrawSubmission>) =>
    transition(
      { ...request, body: { version: request.body.version, opinion: request.body.comment ?? '' } },
      (current) =>
        withdrawalFor(targetActions, current.reviewStatus, (role) => mayActAs(request.principal, role, current)),
    );

  const history: Operation = async (request: OperationRequest<{ id: string }, HistoryRequest>) => {
    await visibleTarget(request, request.params.id);
    return historyPage(store, targetKind, request.params.id, request);
  };

  return {
    listForProject,
    create,
    get,
    save,
    submit,
    departmentReview,
    firstReview,
    finalReview,
    cancelApproval,
    withdraw,
    history,
    visibleTarget,
  };
};

/**
 * 批量审核 (docs/domain/submission.md#bulk-review): many versions, one opinion, each through the
 * single step above; the final approval's one grade is checked by the single final review's schema.
 */
export const bulkTargetReview = (store: RecordStore): Operation =>
  bulkReview(
    store,
    (over) => {
      const steps = targetOperations(over);
      return {
        'department-reviewer': steps.departmentReview,
        'business-section-reviewer': steps.firstReview,
        'performance-section-reviewer': steps.finalReview,
      };
    },
    (role) => (role === 'performance-section-reviewer' ? finalReviewDecision : reviewDecision),
  );
