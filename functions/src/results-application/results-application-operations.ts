import { decidedAmount, departsFrom, proposal } from '@jixiao/core/results-application/proposal.ts';
import {
  continuationKey,
  type DecideResult,
  departmentKey,
  type ResultApplication,
  type ResultSource,
} from '@jixiao/core/results-application/result-application.ts';
import { resultGateFactsOf, resultRecommendation } from '@jixiao/core/results-application/result-gate.ts';
import { describeResults } from '@jixiao/core/results-application/results-application-messages.ts';
import { termsErrors } from '@jixiao/core/results-application/results-policy.ts';
import { canSee } from '@jixiao/core/scope/project-scope.ts';
import { annualTotal, type Project } from '@jixiao/core/submission/project.ts';
import { writeXlsx } from '#functions/export/xlsx/write-xlsx.ts';
import { FileBody, type Operation, type OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { ListFilter, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { listAll } from '#functions/records/list-all.ts';
import { createOnce, listPage, newRecord } from '#functions/records/record-operations.ts';
import { policyOperations } from '#functions/results-application/policy-operations.ts';
import { projectResults } from '#functions/results-application/project-results.ts';
import { resultApplicationKind } from '#functions/results-application/record-kinds.ts';
import { sourceFacts, sourcePage } from '#functions/results-application/result-sources.ts';
import { traceWorkbook } from '#functions/results-application/trace-workbook.ts';
import { projectKind } from '#functions/submission/record-kinds.ts';

type StoredResult = ResultApplication & StoredRecord;
type StoredProject = Project & StoredRecord;

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The most projects of one department and year the trace reads to find next year's continuations. */
export const projectsPerDepartmentCap = 5000;

/** The most decisions of one target year read to mark which proposals are decided (loud beyond it). */
export const decisionsPerYearCap = 5000;

const problems = {
  reference_not_found: 'reference-not-found',
  not_evaluated: 'rules-not-met',
  departure_reason_required: 'validation-failed',
} as const;

const problem = (code: keyof typeof problems, pointer: string, language: 'zh-CN' | 'en') =>
  new HttpProblem(problems[code], { errors: [{ pointer, code, message: describeResults(code, language) }] });

/** Results application (docs/domain/results-application.md), by operationId (routes/results-application-routes.ts). */
export const resultsApplicationOperations = (store: RecordStore): Operations => {
  const policy = policyOperations(store);

  const decisionsOf = async (tenant: string, targetYear: number) =>
    listAll<StoredResult>(
      store,
      tenant,
      resultApplicationKind,
      { queue: { name: `YEAR#${targetYear}` } },
      decisionsPerYearCap,
    );

  /** A page of one source's records of a year with what the policy proposes and what was decided. */
  const listResultProposals: Operation = async (
    request: OperationRequest<unknown, { fiscalYear: number; source: ResultSource; limit: number; cursor?: string }>,
  ) => {
    const tenant = request.principal.tenant;
    const { fiscalYear, source, limit, cursor } = request.query;
    const [page, rules, decisions] = await Promise.all([
      sourcePage(store, tenant, source, fiscalYear, { limit, cursor }),
      policy.rulesFor(tenant, fiscalYear),
      decisionsOf(tenant, fiscalYear + 1),
    ]);
    const decided = new Map(decisions.map((d) => [d.sourceKey, d]));
    const items = page.facts.map((facts) => ({
      ...facts,
      targetYear: fiscalYear + 1,
      proposal: proposal(facts, rules),
      decision: decided.get(`${facts.source}#${facts.sourceId}`) ?? null,
    }));
    return {
      status: 200,
      body: { items, read: page.read, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
    };
  };

  /** The performance section decides the measure of one result: the policy's, or another with a reason. */
  const decideResult: Operation = async (request: OperationRequest<unknown, unknown, DecideResult>) => {
    const tenant = request.principal.tenant;
    const { language } = request;
    const decided = request.body;
    const termErrors = termsErrors(decided, '', language);
    if (termErrors.length > 0) throw new HttpProblem('validation-failed', { errors: termErrors });
    // A replay of the same decision answers as the first time, whatever has changed since.
    const existing = await store.get<StoredResult>(tenant, resultApplicationKind, decided.id);
    if (existing) return createOnce(store, request, resultApplicationKind, existing);
    const facts = await sourceFacts(store, tenant, decided.source, decided.sourceId);
    if (facts === 'missing') throw problem('reference_not_found', '/sourceId', language);
    if (facts === 'no-result') throw problem('not_evaluated', '/sourceId', language);
    const proposed = proposal(facts, await policy.rulesFor(tenant, facts.fiscalYear));
    const departed = departsFrom(decided, proposed);
    if (departed && !decided.reason.trim()) throw problem('departure_reason_required', '/reason', language);
    const targetYear = facts.fiscalYear + 1;
    const record: StoredResult = {
      ...(newRecord({ id: decided.id }, request) as StoredRecord & { status: 'active' }),
      ...facts,
      sourceKey: `${facts.source}#${facts.sourceId}`,
      targetYear,
      nextKey:
        facts.objectType === 'PROJECT' && facts.projectCode
          ? continuationKey(targetYear, facts.projectCode)
          : departmentKey(targetYear, facts.departmentId),
      measure: decided.measure,
      pct: decided.measure === 'REDUCE_PCT' ? (decided.pct ?? null) : null,
      amountFen: decided.measure === 'REDUCE_AMOUNT' ? (decided.amountFen ?? null) : null,
      recommendedAmount: decidedAmount(facts, decided),
      proposedMeasure: proposed?.measure ?? null,
      departed,
      reason: decided.reason.trim(),
      note: decided.note.trim(),
      decidedBy: request.principal.userId,
      decidedByName: request.principal.displayName ?? request.principal.userId,
      decidedAt: request.receivedAt,
    } as StoredResult;
    return createOnce(store, request, resultApplicationKind, record);
  };

  const filtersOf = (query: { source?: string; departmentId?: string }): ListFilter[] => [
    ...(query.source ? [{ field: 'source', op: 'eq' as const, value: query.source }] : []),
    ...(query.departmentId ? [{ field: 'departmentId', op: 'eq' as const, value: query.departmentId }] : []),
  ];

  type ResultQuery = { targetYear: number; source?: string; departmentId?: string; limit: number; cursor?: string };

  const readResults = (request: OperationRequest<unknown, ResultQuery>) =>
    listPage<StoredResult>(
      store,
      request.principal.tenant,
      resultApplicationKind,
      {
        queue: { name: `YEAR#${request.query.targetYear}` },
        filters: filtersOf(request.query),
        limit: request.query.limit,
        cursor: request.query.cursor,
      },
      request.language,
    );

  /** The decisions of a target year, by department and project code; filter by source and department. */
  const listResultApplications: Operation = async (request: OperationRequest<unknown, ResultQuery>) => ({
    status: 200,
    body: await readResults(request),
  });

  /**
   * The trace (docs/domain/results-application.md#the-trace): each decision of a target year with next year's
   * continuation (same code, the target year) as it stands — its amount, whether budgeted, and the override reason.
   */
  /** Next year's continuations (same code, the target year) of decisions, read once per department. */
  const withContinuations = async (tenant: string, targetYear: number, results: readonly StoredResult[]) => {
    const departments = [...new Set(results.filter((r) => r.objectType === 'PROJECT').map((r) => r.departmentId))];
    const byCode = new Map<string, StoredProject>();
    for (const departmentId of departments) {
      const projects = await listAll<StoredProject>(
        store,
        tenant,
        projectKind,
        { ownerId: departmentId, filters: [{ field: 'fiscalYear', op: 'eq', value: targetYear }] },
        projectsPerDepartmentCap,
      );
      for (const p of projects) byCode.set(p.code, p);
    }
    return results.map((result) => {
      const next = result.projectCode ? byCode.get(result.projectCode) : undefined;
      return {
        result,
        next: next
          ? {
              id: next.id,
              code: next.code,
              name: next.name,
              stage: next.stage,
              amount: annualTotal(next.funds),
              budgetedAt: next.budgetedAt,
              overrideReason: next.budgetOverrideReason ?? null,
            }
          : null,
      };
    });
  };

  /**
   * The trace (docs/domain/results-application.md#the-trace): each decision of a target year with next year's
   * continuation (same code, the target year) as it stands — its amount, whether budgeted, and the override reason.
   */
  const getResultTrace: Operation = async (request: OperationRequest<unknown, ResultQuery>) => {
    const page = await readResults(request);
    const items = await withContinuations(request.principal.tenant, request.query.targetYear, page.items);
    return { status: 200, body: { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
  };

  /** The whole trace of a target year as XLSX (up to `decisionsPerYearCap` decisions, refused beyond, never cut). */
  const exportResultTrace: Operation = async (request: OperationRequest<unknown, ResultQuery>) => {
    const tenant = request.principal.tenant;
    const { targetYear } = request.query;
    const results = await listAll<StoredResult>(
      store,
      tenant,
      resultApplicationKind,
      { queue: { name: `YEAR#${targetYear}` }, filters: filtersOf(request.query) },
      decisionsPerYearCap,
    );
    const rows = await withContinuations(tenant, targetYear, results);
    const name = `${targetYear}年度绩效评价结果应用追踪表.xlsx`;
    return { status: 200, body: new FileBody(writeXlsx(traceWorkbook(targetYear, rows)), xlsxType, name) };
  };

  /** Last year's results of a project the caller may see, for its page, its form and the budget gate's dialog. */
  const getProjectResults: Operation = async (request: OperationRequest<{ id: string }>) => {
    const tenant = request.principal.tenant;
    const project = await store.get<StoredProject>(tenant, projectKind, request.params.id);
    if (!project || !canSee(request.principal, project)) throw new HttpProblem('not-found');
    const read = await projectResults(store, tenant, project);
    return {
      status: 200,
      body: {
        projectId: project.id,
        fiscalYear: project.fiscalYear,
        code: project.code,
        results: read.results,
        rectifications: read.rectifications,
        recommendedAmount: resultRecommendation(resultGateFactsOf(read)),
      },
    };
  };

  return {
    getResultsPolicy: policy.get,
    saveResultsPolicy: policy.save,
    listResultProposals,
    decideResult,
    listResultApplications,
    getResultTrace,
    exportResultTrace,
    getProjectResults,
  };
};
