import { defaultTemplateFor } from '@jixiao/core/department-evaluation/department-evaluation.ts';
import type { CreateAssignment } from '@jixiao/core/fieldwork/assignment.ts';
import {
  type CreateEngagement,
  defaultPlan,
  type EngagementState,
  type FrameworkIndicator,
} from '@jixiao/core/fieldwork/engagement.ts';
import { stepStates, takesStep } from '@jixiao/core/fieldwork/engagement-steps.ts';
import { buildFramework, planProblems } from '@jixiao/core/fieldwork/evaluation-framework.ts';
import type { FieldPackage } from '@jixiao/core/fieldwork/field-package.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { departmentEngagementFramework } from '@jixiao/core/key-evaluation/department-engagement-framework.ts';
import type { DepartmentSeries } from '@jixiao/core/organisation/department.ts';
import {
  bureauSees,
  departmentSees,
  isAssignee,
  isPerformanceSection,
  leadsAgencyOf,
  observerSees,
} from '@jixiao/core/scope/fieldwork-scope.ts';
import { isObserver } from '@jixiao/core/scope/observer-scope.ts';
import type { PerformanceTarget } from '@jixiao/core/submission/performance-target.ts';
import type { Project } from '@jixiao/core/submission/project.ts';
import { describe } from '@jixiao/core/validation.ts';
import { copyPackedTemplate } from '#functions/department-evaluation/packed-templates.ts';
import { departmentEvaluationId, departmentEvaluationKind } from '#functions/department-evaluation/record-kinds.ts';
import type { StoredDepartmentEvaluation } from '#functions/department-evaluation/stored-department-evaluation.ts';
import { engagementAccess } from '#functions/fieldwork/engagement-access.ts';
import type { StoredAssignment, StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import { assignmentKind, engagementKind } from '#functions/fieldwork/record-kinds.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { rulesNotMet } from '#functions/http/rules-not-met.ts';
import { agencyKind, departmentKind, userKind } from '#functions/organisation/record-kinds.ts';
import type { HistoryRequest, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { createWith } from '#functions/records/create-with.ts';
import { listAll } from '#functions/records/list-all.ts';
import { createOnce, historyPage, listPage, newRecord } from '#functions/records/record-operations.ts';
import { exAnteKind, projectKind, targetKind } from '#functions/submission/record-kinds.ts';

type StoredProject = Project & StoredRecord;

/**
 * The department's own self-evaluation scores by indicator code, as claims beside what the agency verifies: the scores
 * it entered for its judgement indicators (its formula indicators are computed from figures the agency verifies anyway);
 * none while its sheet is a draft.
 */
const selfScores = (own: StoredDepartmentEvaluation): Map<string, string> =>
  own.reviewStatus === 'DRAFT'
    ? new Map()
    : new Map(own.entries.flatMap((e) => (e.score === null ? [] : [[e.code, `自评 ${e.score} 分`] as const])));

const ruleError = (pointer: string, code: string, request: OperationRequest) =>
  rulesNotMet([{ pointer, code, message: code }], request);

/** Engagements, their work plan and commissioning, and the assignment of evaluators (docs/domain/fieldwork.md#engagement-lifecycle). */
export const engagementOperations = (store: RecordStore) => {
  const { visible, assignmentsOf, save, inState, toDoWrites } = engagementAccess(store);
  const list: Operation = async (
    request: OperationRequest<unknown, { limit: number; cursor?: string; q?: string; state?: EngagementState }>,
  ) => {
    const { principal: p, query } = request;
    const filters = query.state ? [{ field: 'state', op: 'eq' as const, value: query.state }] : [];
    const base = { limit: query.limit, cursor: query.cursor, q: query.q, filters };
    const page = async (extra: object) =>
      listPage<StoredEngagement>(store, p.tenant, engagementKind, { ...base, ...extra }, request.language);
    if (isPerformanceSection(p)) return { status: 200, body: await page({}) };
    if (p.roles.includes('business-section-reviewer') && p.sectionId) {
      return {
        status: 200,
        body: await page({ filters: [...filters, { field: 'financeSectionId', op: 'eq', value: p.sectionId }] }),
      };
    }
    if (p.roles.includes('agency-lead') && p.agencyId)
      return { status: 200, body: await page({ queue: { name: `AGENCY#${p.agencyId}` } }) };
    if (isObserver(p)) {
      const found = await page({});
      return { status: 200, body: { ...found, items: found.items.filter((e) => observerSees(p, e)) } };
    }
    if (p.departmentId) {
      const found = await page({ ownerId: p.departmentId });
      return { status: 200, body: { ...found, items: found.items.filter((e) => departmentSees(p, e)) } };
    }
    return { status: 200, body: { items: [] } };
  };

  const create: Operation = async (request: OperationRequest<unknown, unknown, CreateEngagement>) => {
    const { body, principal } = request;
    const tenant = principal.tenant;
    const existing = await store.get(tenant, engagementKind, body.id);
    const invalid = (pointer: string) =>
      new HttpProblem('validation-failed', {
        errors: [{ pointer, code: 'required', message: describe('required', request.language) }],
      });
    const missing = (pointer: string) =>
      new HttpProblem('reference-not-found', {
        errors: [{ pointer, code: 'reference_not_found', message: describe('reference_not_found', request.language) }],
      });
    const plan = defaultPlan();
    let object: Record<string, unknown>;
    let indicators: FrameworkIndicator[];
    if (existing) {
      // A replay: the store answers with the original (or a conflict) without building anything.
      object = {};
      indicators = [];
    } else if (body.kind === 'PROJECT') {
      if (!body.projectId || body.departmentId) throw invalid('/projectId');
      const project = await store.get<StoredProject>(tenant, projectKind, body.projectId);
      if (!project) throw missing('/projectId');
      // The framework starts from the last approved targets (rule 14), never a draft.
      if (!project.approvedTargetId) throw ruleError('/projectId', 'evaluation_needs_approved_targets', request);
      const target = await store.get<PerformanceTarget & StoredRecord>(tenant, targetKind, project.approvedTargetId);
      if (!target) throw missing('/projectId');
      indicators = buildFramework(target.rows, plan.weights, uuidV7);
      object = {
        projectId: project.id,
        projectCode: project.code,
        projectName: project.name,
        approvedTargetId: target.id,
        departmentId: project.departmentId,
        departmentName: project.departmentName ?? '',
        financeSectionId: project.financeSectionId ?? null,
      };
    } else {
      if (!body.departmentId || body.projectId) throw invalid('/departmentId');
      const department = await store.get(tenant, departmentKind, body.departmentId);
      if (!department) throw missing('/departmentId');
      // The department's overall spending is evaluated with the department framework (财预〔2013〕53号): the
      // department's own copy of the year when it made its self-evaluation, else its series' default.
      const own = await store.get<StoredDepartmentEvaluation>(
        tenant,
        departmentEvaluationKind,
        departmentEvaluationId(body.fiscalYear, department.id),
      );
      const framework =
        own?.framework ??
        copyPackedTemplate(defaultTemplateFor(department.series as DepartmentSeries), body.fiscalYear);
      const built = departmentEngagementFramework(framework, uuidV7, own ? selfScores(own) : undefined);
      if (!built) throw ruleError('/departmentId', 'department_framework_too_many_levels', request);
      indicators = built.indicators;
      plan.weights = built.weights;
      object = {
        levelNames: built.levelNames,
        projectId: null,
        projectCode: null,
        projectName: null,
        approvedTargetId: null,
        departmentId: department.id,
        departmentName: String(department.name),
        financeSectionId: (department.financeSectionId as string | undefined) ?? null,
      };
    }
    const record = {
      ...newRecord({ ...body }, request),
      ...plan,
      ...object,
      indicators,
      state: 'SELECTED',
      agencyId: null,
      agencyName: null,
      conflictDeclaration: null,
      releasedAt: null,
    } as unknown as StoredEngagement;
    // A replay is answered by the store from the original, whose entry was written with it.
    if (existing) return createOnce(store, request, engagementKind, record);
    return createWith(store, request, engagementKind, record, await toDoWrites(tenant, record, request.receivedAt));
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => ({
    status: 200,
    body: await visible(request, request.params.id),
  });

  /** The bureau drafts the plan; once commissioned, the agency's lead works on it too, until approval. */
  const updatePlan: Operation = async (
    request: OperationRequest<{ id: string }, unknown, { version: number } & Partial<StoredEngagement>>,
  ) => {
    const current = await visible(request, request.params.id);
    const p = request.principal;
    if (!takesStep(p, 'editPlan', current)) throw new HttpProblem('forbidden');
    inState(current, stepStates.editPlan);
    const { version: _version, ...changes } = request.body;
    return save(request, current, changes);
  };

  /**
   * Rule 11: an agency on the blacklist, one that declares a conflict, or one that assessed the
   * same project before it was funded (its own ex-ante work) cannot evaluate it.
   */
  const commission: Operation = async (
    request: OperationRequest<
      { id: string },
      unknown,
      { version: number; agencyId: string; declaration: StoredEngagement['conflictDeclaration'] }
    >,
  ) => {
    const current = await visible(request, request.params.id);
    const tenant = request.principal.tenant;
    inState(current, stepStates.commission);
    const agency = await store.get(tenant, agencyKind, request.body.agencyId);
    if (agency?.status !== 'active') {
      throw new HttpProblem('reference-not-found', {
        errors: [
          {
            pointer: '/agencyId',
            code: 'reference_not_found',
            message: describe('reference_not_found', request.language),
          },
        ],
      });
    }
    if (agency.creditStatus === 'BLACKLISTED') throw ruleError('/agencyId', 'agency_blacklisted', request);
    if (!request.body.declaration?.noConflict) throw ruleError('/declaration/noConflict', 'conflict_declared', request);
    if (current.projectId) {
      const assessments = await listAll<StoredRecord>(store, tenant, exAnteKind, { ownerId: current.projectId });
      if (assessments.some((a) => a.agencyId === agency.id))
        throw ruleError('/agencyId', 'agency_assessed_project', request);
    }
    return save(
      request,
      current,
      {
        state: 'AGENCY_CONTRACTED',
        agencyId: agency.id,
        agencyName: String(agency.name),
        conflictDeclaration: request.body.declaration,
      },
      'commission',
    );
  };

  const approvePlan: Operation = async (request: OperationRequest<{ id: string }, unknown, { version: number }>) => {
    const current = await visible(request, request.params.id);
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    inState(current, stepStates.approvePlan);
    const problems = planProblems(current);
    if (problems.length > 0) throw rulesNotMet(problems, request);
    return save(request, current, { state: 'FIELDWORK' }, 'approve-plan');
  };

  const closeFieldwork: Operation = async (request: OperationRequest<{ id: string }, unknown, { version: number }>) => {
    const current = await visible(request, request.params.id);
    if (!takesStep(request.principal, 'closeFieldwork', current)) throw new HttpProblem('not-found');
    inState(current, stepStates.closeFieldwork);
    return save(request, current, { state: 'PRELIM_FINDINGS' }, 'close-fieldwork');
  };

  const release: Operation = async (request: OperationRequest<{ id: string }, unknown, { version: number }>) => {
    const current = await visible(request, request.params.id);
    inState(current, stepStates.release);
    if (current.releasedAt !== null) throw new HttpProblem('invalid-transition', { current });
    return save(request, current, { releasedAt: request.receivedAt }, 'release');
  };

  const history: Operation = async (request: OperationRequest<{ id: string }, HistoryRequest>) => {
    const current = await visible(request, request.params.id);
    if (!bureauSees(request.principal, current) && !leadsAgencyOf(request.principal, current))
      throw new HttpProblem('not-found');
    return historyPage(store, engagementKind, current.id, request);
  };

  const listAssignments: Operation = async (request: OperationRequest<{ id: string }>) => {
    const current = await visible(request, request.params.id);
    if (!bureauSees(request.principal, current) && !leadsAgencyOf(request.principal, current))
      throw new HttpProblem('not-found');
    const items = await listAll(store, request.principal.tenant, assignmentKind, { ownerId: current.id });
    return { status: 200, body: { items } };
  };

  /** The lead assigns one of the agency's own evaluators to sites of the approved sample. */
  const createAssignment: Operation = async (request: OperationRequest<{ id: string }, unknown, CreateAssignment>) => {
    const current = await visible(request, request.params.id);
    const tenant = request.principal.tenant;
    if (!takesStep(request.principal, 'assign', current)) throw new HttpProblem('not-found');
    inState(current, stepStates.assign);
    const { body } = request;
    const evaluator = await store.get(tenant, userKind, body.evaluatorId);
    const roles = (evaluator?.roles as string[] | undefined) ?? [];
    if (
      evaluator?.status !== 'active' ||
      evaluator.agencyId !== current.agencyId ||
      !(roles.includes('evaluator') || roles.includes('agency-lead'))
    ) {
      throw ruleError('/evaluatorId', 'evaluator_not_in_agency', request);
    }
    const sites = new Set(current.sites.map((s) => s.id));
    const outside = body.siteIds.findIndex((id) => !sites.has(id));
    if (outside >= 0) throw ruleError(`/siteIds/${outside}`, 'site_not_in_plan', request);
    // A site is one evaluator's to visit. The assignment's own id is left out, so a replayed create
    // still answers with the original. (Two leads assigning the same site at the same instant could
    // both pass; an agency has one lead per engagement.)
    const taken = (await listAll<StoredAssignment>(store, tenant, assignmentKind, { ownerId: current.id })).filter(
      (a) => a.id !== body.id && a.status === 'active',
    );
    const clash = body.siteIds.findIndex((id) => taken.some((a) => a.siteIds.includes(id)));
    if (clash >= 0) throw ruleError(`/siteIds/${clash}`, 'site_already_assigned', request);
    const record = {
      ...newRecord({ ...body }, request),
      engagementId: current.id,
      agencyId: current.agencyId,
      evaluatorName: String(evaluator.displayName),
    };
    return createOnce(store, request, assignmentKind, record, { engagementId: current.id, ...body });
  };

  /** The agency's people who can take an assignment: active evaluators and leads. */
  const evaluators: Operation = async (request: OperationRequest<{ id: string }>) => {
    const current = await visible(request, request.params.id);
    const p = request.principal;
    if (!isPerformanceSection(p) && !leadsAgencyOf(p, current)) throw new HttpProblem('not-found');
    if (!current.agencyId) return { status: 200, body: { items: [] } };
    const people = await listAll<StoredRecord & { roles?: string[] }>(store, p.tenant, userKind, {
      filters: [
        { field: 'agencyId', op: 'eq', value: current.agencyId },
        { field: 'status', op: 'eq', value: 'active' },
      ],
    });
    const items = people
      .filter((u) => (u.roles ?? []).some((r) => r === 'evaluator' || r === 'agency-lead'))
      .map((u) => ({
        id: u.id,
        username: String(u.username),
        displayName: String(u.displayName),
        roles: u.roles ?? [],
      }));
    return { status: 200, body: { items } };
  };

  const myAssignments: Operation = async (request: OperationRequest) => ({
    status: 200,
    body: { items: (await assignmentsOf(request)).filter((a) => a.status === 'active') },
  });

  /** An assignment its evaluator (or the agency's lead) may work with. */
  const visibleAssignment = async (request: OperationRequest, id: string) => {
    const p = request.principal;
    const a = await store.get<StoredAssignment>(p.tenant, assignmentKind, id);
    if (!a || !(isAssignee(p, a) || leadsAgencyOf(p, a))) throw new HttpProblem('not-found');
    return a;
  };

  const fieldPackage: Operation = async (request: OperationRequest<{ id: string }>) => {
    const assignment = await visibleAssignment(request, request.params.id);
    const e = await store.get<StoredEngagement>(request.principal.tenant, engagementKind, assignment.engagementId);
    if (!e) throw new HttpProblem('not-found');
    const body: FieldPackage = {
      assignment,
      engagement: {
        id: e.id,
        version: e.version,
        kind: e.kind,
        title: e.title,
        state: e.state,
        fiscalYear: e.fiscalYear,
        projectName: e.projectName,
        projectCode: e.projectCode,
        departmentName: e.departmentName,
        agencyName: e.agencyName,
        weights: e.weights,
        indicators: e.indicators,
        interviewQuestions: e.interviewQuestions,
        questionnaires: e.questionnaires,
        gpsAccuracyLimitMetres: e.gpsAccuracyLimitMetres,
      },
      sites: assignment.siteIds.flatMap((id) => e.sites.filter((s) => s.id === id)),
      downloadedAt: request.receivedAt,
    };
    return { status: 200, body };
  };

  return {
    visible,
    save,
    inState,
    visibleAssignment,
    list,
    create,
    get,
    updatePlan,
    commission,
    approvePlan,
    closeFieldwork,
    release,
    history,
    listAssignments,
    createAssignment,
    evaluators,
    myAssignments,
    fieldPackage,
  };
};
