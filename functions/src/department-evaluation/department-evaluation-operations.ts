import {
  actsOnDepartmentEvaluation,
  type CreateDepartmentEvaluation,
  type DepartmentEvaluationAction,
  defaultTemplateFor,
  departmentEvaluationActions,
  isDepartmentMember,
  projectSummaryFromCounts,
  type SaveDepartmentEvaluation,
  seesDepartmentEvaluation,
} from '@jixiao/core/department-evaluation/department-evaluation.ts';
import { frameworkIndicators } from '@jixiao/core/department-evaluation/department-framework.ts';
import {
  type DepartmentSheet,
  departmentSheetErrors,
  scoreDepartmentSheet,
} from '@jixiao/core/department-evaluation/department-sheet.ts';
import type { Language } from '@jixiao/core/language.ts';
import type { DepartmentSeries } from '@jixiao/core/organisation/department.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { step } from '@jixiao/core/review/review-engine.ts';
import { isObserver } from '@jixiao/core/scope/observer-scope.ts';
import type { ReviewStep } from '@jixiao/core/submission/performance-target.ts';
import { describe } from '@jixiao/core/validation.ts';
import { departmentEvaluationAttachmentOperations } from '#functions/department-evaluation/attachment-operations.ts';
import { copyPackedTemplate } from '#functions/department-evaluation/packed-templates.ts';
import { departmentEvaluationId, departmentEvaluationKind } from '#functions/department-evaluation/record-kinds.ts';
import {
  entryAttachmentsOf,
  type StoredDepartmentEvaluation,
} from '#functions/department-evaluation/stored-department-evaluation.ts';
import { FileBody, type Operation, type OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { departmentKind } from '#functions/organisation/record-kinds.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { HistoryRequest, ListFilter, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { historyPage, listPage, newRecord, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { reviewRefusal } from '#functions/records/review-refusal.ts';
import type { ReviewDecision } from '#functions/records/round-records.ts';
import { selfEvaluationRoundKind, selfEvaluationTallyKind } from '#functions/self-evaluation/record-kinds.ts';
import { scoringSettingsOperations } from '#functions/self-evaluation/scoring-settings-operations.ts';
import { type SelfEvaluationTally, selfEvaluationTallyId } from '#functions/self-evaluation/tally-writes.ts';

const fieldError = (pointer: string, code: string, language: Language): FieldError => ({
  pointer,
  code,
  message: describe(code, language),
});

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The department overall self-evaluation (docs/domain/self-evaluation.md, "Department overall self-evaluation"):
 * made per department and year by the performance section, filled in by the department, scored by core on every
 * write and read, reviewed on the shared review engine, exported as the 部门整体支出绩效自评表.
 */
export const departmentEvaluationOperations = (store: RecordStore, evidence: EvidenceStore): Operations => {
  const settings = scoringSettingsOperations(store);
  /**
   * The department's project self-evaluations as its tally of the year's round counts them (kept on write by
   * every self-evaluation write; two reads, whatever the number of projects). No round yet: nothing issued.
   */
  const projectCounts = async (tenant: string, r: StoredDepartmentEvaluation) => {
    const rounds = await store.list<StoredRecord>(tenant, selfEvaluationRoundKind, { limit: 1, ownerId: r.yearKey });
    const round = rounds.items[0];
    if (!round) return undefined;
    return store.get<SelfEvaluationTally>(
      tenant,
      selfEvaluationTallyKind,
      selfEvaluationTallyId(round.id, r.departmentId),
    );
  };

  const sheetOf = async (tenant: string, r: StoredDepartmentEvaluation): Promise<DepartmentSheet> => {
    const input = { framework: r.framework, figures: r.figures, entries: r.entries, projects: [] };
    const sheet = scoreDepartmentSheet(input, r.scoring);
    return { ...sheet, projects: projectSummaryFromCounts(await projectCounts(tenant, r), r.scoring.rounding) };
  };

  const checksOf = (r: StoredDepartmentEvaluation, language: Language): FieldError[] =>
    departmentSheetErrors(
      { framework: r.framework, figures: r.figures, entries: r.entries, projects: [] },
      r.scoring,
      language,
    );

  /** The record with its sheet (every indicator's score and derivation) and what stops it from being sent. */
  const view = async (request: OperationRequest, r: StoredDepartmentEvaluation) => ({
    ...r,
    entryAttachments: entryAttachmentsOf(r),
    sheet: await sheetOf(request.principal.tenant, r),
    checks: checksOf(r, request.language),
  });

  /** The record as the caller may read it; anything out of their scope is not found. */
  const visible = async (request: OperationRequest, id: string): Promise<StoredDepartmentEvaluation> => {
    const found = await store.get<StoredDepartmentEvaluation>(request.principal.tenant, departmentEvaluationKind, id);
    if (!found || !seesDepartmentEvaluation(request.principal, found)) throw new HttpProblem('not-found');
    return found;
  };

  /** The total and grade kept on the record after every write (for lists), as core scores the sheet. */
  const scored = (r: StoredDepartmentEvaluation): StoredDepartmentEvaluation => {
    const sheet = scoreDepartmentSheet(
      { framework: r.framework, figures: r.figures, entries: r.entries, projects: [] },
      r.scoring,
    );
    return { ...r, total: sheet.complete ? sheet.total : null, grade: sheet.grade };
  };

  const update = async (
    request: OperationRequest,
    before: StoredDepartmentEvaluation,
    after: StoredDepartmentEvaluation,
    operation: string,
  ) => {
    const result = await store.update(request.principal.tenant, departmentEvaluationKind, before, scored(after), {
      ...writeContext(request),
      operation,
    });
    if (result.outcome !== 'updated') throw new HttpProblem('version-conflict', { current: before });
    return { status: 200, body: await view(request, result.record) };
  };

  /** Makes the department's evaluation of the year, or answers the one it has (200), unchanged. */
  const create: Operation = async (request: OperationRequest<unknown, unknown, CreateDepartmentEvaluation>) => {
    const tenant = request.principal.tenant;
    const { fiscalYear, departmentId, template } = request.body;
    const id = departmentEvaluationId(fiscalYear, departmentId);
    const existing = await store.get<StoredDepartmentEvaluation>(tenant, departmentEvaluationKind, id);
    if (existing) return { status: 200, body: await view(request, existing) };
    const department = await store.get<StoredRecord>(tenant, departmentKind, departmentId);
    if (!department) {
      throw new HttpProblem('reference-not-found', {
        errors: [fieldError('/departmentId', 'reference_not_found', request.language)],
      });
    }
    const series = department.series as DepartmentSeries;
    const chosen = template ?? defaultTemplateFor(series);
    const record = scored({
      ...newRecord({ id }, request),
      fiscalYear,
      yearKey: String(fiscalYear),
      departmentId,
      departmentCode: String(department.code),
      departmentName: String(department.name),
      departmentSeries: series,
      financeSectionId: (department.financeSectionId as string | undefined) ?? null,
      unitId: null,
      template: chosen,
      framework: copyPackedTemplate(chosen, fiscalYear),
      scoring: await settings.scoringFor(tenant, fiscalYear),
      figures: {},
      entries: [],
      reviewStatus: 'DRAFT',
      statusSince: request.receivedAt,
      firstSubmittedAt: null,
      reviewLog: [],
      total: null,
      grade: null,
    } as unknown as StoredDepartmentEvaluation);
    const made = await store.create(tenant, departmentEvaluationKind, record, {
      // The id is the department and year: two callers at once make one record, the later one reads it.
      hash: requestHash({ departmentEvaluation: id }),
      context: { ...writeContext(request), operation: 'create-department-evaluation' },
    });
    if (made.outcome === 'created') return { status: 201, body: await view(request, made.record) };
    const now = await store.get<StoredDepartmentEvaluation>(tenant, departmentEvaluationKind, id);
    if (!now) throw new HttpProblem('version-conflict');
    return { status: 200, body: await view(request, now) };
  };

  /**
   * A year's evaluations a page at a time: the bureau names a department or reads them all, a business section
   * its departments, a department its own, the observer what was sent (final-approved unless it asks).
   */
  const list: Operation = async (
    request: OperationRequest<
      unknown,
      { limit: number; cursor?: string; q?: string; fiscalYear: number; departmentId?: string; reviewStatus?: string }
    >,
  ) => {
    const p = request.principal;
    const { limit, cursor, q, fiscalYear, departmentId, reviewStatus } = request.query;
    const filters: ListFilter[] = [];
    let status = reviewStatus;
    if (p.roles.includes('performance-section-reviewer')) {
      // the whole tenant
    } else if (isObserver(p)) {
      status ??= 'FINAL_APPROVED';
      if (status === 'DRAFT' || status === 'RETURNED') return { status: 200, body: { items: [] } };
    } else if (p.roles.includes('business-section-reviewer') && p.sectionId) {
      filters.push({ field: 'financeSectionId', op: 'eq', value: p.sectionId });
    } else if (p.departmentId && isDepartmentMember(p, { departmentId: p.departmentId })) {
      if (departmentId && departmentId !== p.departmentId) return { status: 200, body: { items: [] } };
      filters.push({ field: 'departmentId', op: 'eq', value: p.departmentId });
    } else {
      return { status: 200, body: { items: [] } };
    }
    if (departmentId) filters.push({ field: 'departmentId', op: 'eq', value: departmentId });
    if (status) filters.push({ field: 'reviewStatus', op: 'eq', value: status });
    const page = await listPage<StoredDepartmentEvaluation>(
      store,
      p.tenant,
      departmentEvaluationKind,
      { limit, cursor, q, ownerId: String(fiscalYear), filters },
      request.language,
    );
    return { status: 200, body: page };
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => ({
    status: 200,
    body: await view(request, await visible(request, request.params.id)),
  });

  /**
   * Entries by indicator code over the stored ones; an entry for an indicator the framework lacks is refused.
   * An indicator with evidence files listed keeps their ids as its entry's evidence, whatever ids the save gives.
   */
  const mergeEntries = (
    current: StoredDepartmentEvaluation,
    given: SaveDepartmentEvaluation['entries'],
    language: Language,
  ) => {
    if (!given) return current.entries;
    const codes = new Set(frameworkIndicators(current.framework).map((x) => x.indicator.code));
    const errors = given.flatMap((e, i) => {
      if (!codes.has(e.code)) return [fieldError(`/entries/${i}/code`, 'unknown_indicator', language)];
      if (given.findIndex((x) => x.code === e.code) !== i)
        return [fieldError(`/entries/${i}/code`, 'unique_items', language)];
      return [];
    });
    if (errors.length > 0) throw new HttpProblem('validation-failed', { errors });
    const files = entryAttachmentsOf(current);
    const kept = given.map((e) => (files[e.code] ? { ...e, evidence: files[e.code]!.map((a) => a.id) } : e));
    return [...current.entries.filter((e) => !given.some((g) => g.code === e.code)), ...kept];
  };

  /** The department saves figures and scores while it is a draft or returned (a returned one becomes a draft). */
  const save: Operation = async (request: OperationRequest<{ id: string }, unknown, SaveDepartmentEvaluation>) => {
    const current = await visible(request, request.params.id);
    if (!isDepartmentMember(request.principal, current)) throw new HttpProblem('forbidden');
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    if (current.reviewStatus !== 'DRAFT' && current.reviewStatus !== 'RETURNED') {
      throw new HttpProblem('invalid-transition', { current });
    }
    const figures = { ...current.figures, ...(request.body.figures ?? {}) };
    const next: StoredDepartmentEvaluation = {
      ...current,
      figures,
      entries: mergeEntries(current, request.body.entries, request.language),
      reviewStatus: 'DRAFT',
      statusSince: current.reviewStatus === 'DRAFT' ? current.statusSince : request.receivedAt,
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    return update(request, current, next, 'save-department-evaluation');
  };

  /** One step of the review, decided by core's table; the sheet's rules hold when sent and when approved. */
  const transition = async (
    request: OperationRequest<{ id: string }, unknown, ReviewDecision>,
    action: DepartmentEvaluationAction,
  ) => {
    const current = await visible(request, request.params.id);
    const decision = step(
      departmentEvaluationActions,
      { status: current.reviewStatus, version: current.version },
      action,
      { actsAs: (role) => actsOnDepartmentEvaluation(request.principal, role, current) },
      { version: request.body.version, facts: { ruleErrors: checksOf(current, request.language) } },
    );
    if (!decision.ok) throw reviewRefusal(decision.problem, current);
    const reviewStep: ReviewStep = {
      action,
      from: current.reviewStatus,
      to: decision.to,
      by: request.principal.userId,
      byName: request.principal.displayName ?? request.principal.userId,
      role: decision.role,
      at: request.receivedAt,
      opinion: request.body.opinion ?? '',
      grade: null,
      rowComments: request.body.rowComments ?? {},
    };
    const next: StoredDepartmentEvaluation = {
      ...current,
      reviewStatus: decision.to,
      statusSince: request.receivedAt,
      firstSubmittedAt: current.firstSubmittedAt ?? (action === 'submit' ? request.receivedAt : null),
      reviewLog: [...current.reviewLog, reviewStep],
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    return update(request, current, next, `department-evaluation-${action}`);
  };

  type DecisionRequest = OperationRequest<{ id: string }, unknown, ReviewDecision>;
  const approve = (request: DecisionRequest) => request.body.decision === 'approve';

  const history: Operation = async (request: OperationRequest<{ id: string }, HistoryRequest>) => {
    await visible(request, request.params.id);
    return historyPage(store, departmentEvaluationKind, request.params.id, request);
  };

  /** The 部门整体支出绩效自评表 as XLSX; the layout and writer load only when someone exports. */
  const exportTable: Operation = async (request: OperationRequest<{ id: string }>) => {
    const found = await visible(request, request.params.id);
    const [{ departmentEvaluationWorkbook }, { writeXlsx }] = await Promise.all([
      import('#functions/export/department-evaluation-table.ts'),
      import('#functions/export/xlsx/write-xlsx.ts'),
    ]);
    const bytes = writeXlsx(departmentEvaluationWorkbook(found, await sheetOf(request.principal.tenant, found)));
    return {
      status: 200,
      body: new FileBody(bytes, xlsx, `${found.departmentCode}-${found.departmentName}-部门整体支出绩效自评表.xlsx`),
    };
  };

  return {
    createDepartmentEvaluation: create,
    listDepartmentEvaluations: list,
    getDepartmentEvaluation: get,
    saveDepartmentEvaluation: save,
    submitDepartmentEvaluation: ((request: DecisionRequest) => transition(request, 'submit')) as Operation,
    departmentReviewDepartmentEvaluation: ((request: DecisionRequest) =>
      transition(request, approve(request) ? 'department-approve' : 'department-return')) as Operation,
    firstReviewDepartmentEvaluation: ((request: DecisionRequest) =>
      transition(request, approve(request) ? 'first-approve' : 'first-return')) as Operation,
    finalReviewDepartmentEvaluation: ((request: DecisionRequest) =>
      transition(request, approve(request) ? 'final-approve' : 'final-return')) as Operation,
    getDepartmentEvaluationHistory: history,
    exportDepartmentEvaluationTable: exportTable,
    ...departmentEvaluationAttachmentOperations(store, evidence),
  };
};
