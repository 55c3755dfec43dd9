import type { Language } from '@jixiao/core/language.ts';
import { resultGateFactsOf } from '@jixiao/core/results-application/result-gate.ts';
import { canSee, isUnitMember } from '@jixiao/core/scope/project-scope.ts';
import {
  budgetGateErrors,
  budgetGateFacts,
  exAnteRequired,
  needsOverrideReason,
} from '@jixiao/core/submission/budget-gate.ts';
import type { ExAnteAssessment } from '@jixiao/core/submission/ex-ante-assessment.ts';
import type { PerformanceTarget } from '@jixiao/core/submission/performance-target.ts';
import type { Project } from '@jixiao/core/submission/project.ts';
import { projectEditable } from '@jixiao/core/submission/project-steps.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { departmentKind, unitKind } from '#functions/organisation/record-kinds.ts';
import type {
  HistoryRequest,
  ListFilter,
  RecordKind,
  RecordStore,
  StoredRecord,
} from '#functions/ports/record-store.ts';
import {
  createOnce,
  historyPage,
  listPage,
  newRecord,
  updatedResponse,
  writeContext,
} from '#functions/records/record-operations.ts';
import { projectResults } from '#functions/results-application/project-results.ts';
import { listScope } from '#functions/submission/project-scope.ts';
import { exAnteKind, projectKind, targetKind } from '#functions/submission/record-kinds.ts';
import { weightOperations } from '#functions/submission/weight-operations.ts';

type StoredProject = Project & StoredRecord;

const fieldError = (pointer: string, code: string, language: Language) => ({
  pointer,
  code,
  message: describe(code, language),
});

/** Reads a project the caller may see, or answers 404 as if it did not exist. */
export const visibleProject = async (
  store: RecordStore,
  request: OperationRequest,
  id: string,
): Promise<StoredProject> => {
  const project = await store.get<StoredProject>(request.principal.tenant, projectKind, id);
  if (!project || !canSee(request.principal, project)) throw new HttpProblem('not-found');
  return project;
};

/**
 * Every record of one project (its target versions, its assessments), page after page to the end.
 * A project has a handful; more than `limit` would be a fault, refused rather than judged on part.
 */
export const allOfProject = async <T extends StoredRecord>(
  store: RecordStore,
  tenant: string,
  kind: RecordKind,
  projectId: string,
  limit = 1000,
): Promise<T[]> => {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list<T>(tenant, kind, { limit: 100, cursor, ownerId: projectId });
    items.push(...page.items);
    cursor = page.nextCursor;
    if (items.length > limit) throw new Error(`more than ${limit} ${kind.type} records for project ${projectId}`);
  } while (cursor);
  return items;
};

export const projectOperations = (store: RecordStore) => {
  // The ex-ante threshold and the passing grades are the settings of the project's fiscal year.
  const settings = weightOperations(store);

  const list: Operation = async (request: OperationRequest<unknown, Record<string, string | number | undefined>>) => {
    const { limit, cursor, q, fiscalYear, departmentId, unitId, stage, category } = request.query;
    const scope = listScope(request.principal, {
      departmentId: departmentId as string | undefined,
      unitId: unitId as string | undefined,
    });
    if (scope === 'nothing') return { status: 200, body: { items: [] } };
    const filters: ListFilter[] = [...scope.filters];
    if (fiscalYear) filters.push({ field: 'fiscalYear', op: 'eq', value: Number(fiscalYear) });
    if (stage) filters.push({ field: 'stage', op: 'eq', value: String(stage) });
    if (category) filters.push({ field: 'category', op: 'eq', value: String(category) });
    const page = await listPage(
      store,
      request.principal.tenant,
      projectKind,
      {
        limit: Number(limit),
        cursor: cursor as string | undefined,
        q: q as string | undefined,
        ownerId: scope.ownerId,
        filters,
      },
      request.language,
    );
    return { status: 200, body: page };
  };

  const create: Operation = async (request: OperationRequest<unknown, unknown, Record<string, unknown>>) => {
    const tenant = request.principal.tenant;
    const body = request.body;
    // A unit registers its own projects: the unit comes from the body but must be the caller's.
    if (body.unitId !== request.principal.unitId) {
      throw new HttpProblem('validation-failed', {
        errors: [fieldError('/unitId', 'unit_not_yours', request.language)],
      });
    }
    const unit = await store.get(tenant, unitKind, String(body.unitId));
    if (!unit) {
      throw new HttpProblem('reference-not-found', {
        errors: [fieldError('/unitId', 'reference_not_found', request.language)],
      });
    }
    const department = await store.get(tenant, departmentKind, String(unit.departmentId));
    const base = newRecord({ ...body, id: String(body.id) }, request);
    const record = {
      ...base,
      departmentId: unit.departmentId,
      departmentName: String(department?.name ?? ''),
      departmentSeries: String(department?.series ?? ''),
      unitName: String(unit.name ?? ''),
      financeSectionId: department?.financeSectionId ?? null,
      stage: 'PROPOSED',
      exAnteRequired: exAnteRequired(
        body as unknown as Project,
        await settings.configFor(tenant, Number(body.fiscalYear)),
      ),
      currentTargetId: null,
      currentTargetStatus: null,
      targetVersionNo: 0,
      approvedTargetId: null,
      approvedGrade: null,
      exAnteConclusion: null,
      budgetedAt: null,
    };
    return createOnce(store, request, projectKind, record);
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => ({
    status: 200,
    body: await visibleProject(store, request, request.params.id),
  });

  const update: Operation = async (
    request: OperationRequest<{ id: string }, unknown, { version: number } & Record<string, unknown>>,
  ) => {
    const current = await visibleProject(store, request, request.params.id);
    if (!isUnitMember(request.principal, current)) throw new HttpProblem('forbidden');
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    // Its details are the unit's to change until the targets are sent on; once a version has been
    // approved, the project as approved (money above all) stands, and only the targets are adjusted.
    if (!projectEditable(current)) throw new HttpProblem('invalid-transition', { current });
    const { version: _expected, ...changes } = request.body;
    const merged = { ...current, ...changes } as StoredProject;
    if (merged.periodEnd < merged.periodStart) {
      throw new HttpProblem('validation-failed', {
        errors: [fieldError('/periodEnd', 'period_backwards', request.language)],
      });
    }
    const next: StoredProject = {
      ...merged,
      exAnteRequired: exAnteRequired(merged, await settings.configFor(request.principal.tenant, merged.fiscalYear)),
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const result = await store.update(request.principal.tenant, projectKind, current, next, writeContext(request));
    return updatedResponse(result, request.language);
  };

  const history: Operation = async (request: OperationRequest<{ id: string }, HistoryRequest>) => {
    await visibleProject(store, request, request.params.id);
    return historyPage(store, projectKind, request.params.id, request);
  };

  /** 纳入预算: only through the budget gate (rule 13, docs/domain/submission.md). */
  const markBudgeted: Operation = async (
    request: OperationRequest<{ id: string }, unknown, { version: number; overrideReason: string }>,
  ) => {
    const tenant = request.principal.tenant;
    const current = await visibleProject(store, request, request.params.id);
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    // The same facts the project page reads: the versions (when the standing one was approved),
    // the assessments (the latest conclusion, its date and recommended amount) and last year's results
    // (docs/domain/results-application.md#the-budget-gate: one query of the project's results, one of its
    // department's rectifications with its code).
    const [versions, assessments, results] = await Promise.all([
      allOfProject<PerformanceTarget & StoredRecord>(store, tenant, targetKind, current.id),
      allOfProject<ExAnteAssessment & StoredRecord>(store, tenant, exAnteKind, current.id),
      projectResults(store, tenant, current),
    ]);
    const overrideReason = request.body.overrideReason ?? '';
    const facts = budgetGateFacts(current, versions, assessments, resultGateFactsOf(results));
    const config = await settings.configFor(tenant, current.fiscalYear);
    const errors = budgetGateErrors(facts, config, request.language, overrideReason);
    if (errors.length > 0) throw new HttpProblem('rules-not-met', { errors });
    // Above the ex-ante or the results' recommendation, after 差, or with a rectification open: the reason overrode it.
    const above = needsOverrideReason(facts, config);
    const next: StoredProject = {
      ...current,
      stage: 'BUDGETED',
      budgetedAt: request.receivedAt,
      // Kept only where it was needed, so the project page and the trace show it as the reason for the override.
      budgetOverrideReason: above ? overrideReason.trim() : null,
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const result = await store.update(request.principal.tenant, projectKind, current, next, {
      ...writeContext(request),
      operation: 'mark-budgeted',
    });
    return updatedResponse(result, request.language);
  };

  return { list, create, get, update, history, markBudgeted };
};
