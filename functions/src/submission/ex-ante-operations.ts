import { exAnteToDoPlaces } from '@jixiao/core/daily-work/to-do.ts';
import type { Principal } from '@jixiao/core/principal.ts';
import { publishedAssessment, publishedAssessmentState } from '@jixiao/core/scope/observer-scope.ts';
import { canSee, seesTenant } from '@jixiao/core/scope/project-scope.ts';
import {
  conclusionErrors,
  type ExAnteAssessment,
  exAnteAttachmentKey,
  totalScore,
} from '@jixiao/core/submission/ex-ante-assessment.ts';
import { concludesFrom, isAgencyOf, worksOnAssessment } from '@jixiao/core/submission/ex-ante-steps.ts';
import type { TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import { annualTotal, type Project } from '@jixiao/core/submission/project.ts';
import { projectStageAfter } from '@jixiao/core/submission/review-workflow.ts';
import { describe } from '@jixiao/core/validation.ts';
import { exAnteToDoKind, toDoEntryWrites } from '#functions/daily-work/record-kinds.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { agencyKind } from '#functions/organisation/record-kinds.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { HistoryRequest, RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { createWith } from '#functions/records/create-with.ts';
import { recordFileLinks } from '#functions/records/record-attachment-operations.ts';
import {
  historyPage,
  listPage,
  newRecord,
  updatedResponse,
  writeContext,
} from '#functions/records/record-operations.ts';
import { checkUploadedAttachments } from '#functions/records/uploaded-attachments.ts';
import { visibleProject } from '#functions/submission/project-operations.ts';
import { exAnteKind, projectKind } from '#functions/submission/record-kinds.ts';

type StoredAssessment = ExAnteAssessment & StoredRecord;
type StoredProject = Project & StoredRecord;

/** The bureau and the commissioned agency work on an assessment; the project's own people may read it. */
const mayRead = (p: Principal, a: StoredAssessment) => canSee(p, a, publishedAssessment(a.state)) || isAgencyOf(p, a);

const attempts = 3;

/** Ex-ante performance assessment (事前绩效评估, docs/domain/submission.md#ex-ante-assessment). */
export const exAnteOperations = (store: RecordStore, evidence: EvidenceStore) => {
  /**
   * The assessment's places on the to-do lists (docs/domain/daily-work.md#how-the-lists-are-kept), to write with
   * it: it stays in its agency's queue for the agency's list page, so its to-do places are entries of their own.
   */
  const toDoWrites = (tenant: string, a: StoredAssessment, at: string) =>
    toDoEntryWrites(
      store,
      tenant,
      exAnteToDoKind,
      a.id,
      exAnteToDoPlaces(a),
      {
        projectName: a.projectName,
        projectCode: a.projectCode,
        // The list's "where" line: who is working on it (the commissioned agency), as the agency's list page shows.
        unitName: null,
        departmentName: a.agencyName ?? null,
        state: a.state,
      },
      at,
    );

  const visible = async (request: OperationRequest, id: string) => {
    const a = await store.get<StoredAssessment>(request.principal.tenant, exAnteKind, id);
    if (!a || !mayRead(request.principal, a)) throw new HttpProblem('not-found');
    return a;
  };

  const list: Operation = async (
    request: OperationRequest<unknown, { limit: number; cursor?: string; q?: string; projectId?: string }>,
  ) => {
    const { principal, query } = request;
    const tenant = principal.tenant;
    const base = { limit: query.limit, cursor: query.cursor, q: query.q };
    if (query.projectId) {
      // Reading a project's assessments needs sight of the project (or the commission).
      if (!seesTenant(principal) && !principal.agencyId) await visibleProject(store, request, query.projectId);
      const page = await listPage<StoredAssessment>(
        store,
        tenant,
        exAnteKind,
        { ...base, ownerId: query.projectId },
        request.language,
      );
      return { status: 200, body: { ...page, items: page.items.filter((a) => mayRead(principal, a)) } };
    }
    if (seesTenant(principal)) {
      // The observer (without the performance section's role) sees concluded assessments only.
      const filters = principal.roles.includes('performance-section-reviewer')
        ? []
        : [{ field: 'state', op: 'eq' as const, value: publishedAssessmentState }];
      return { status: 200, body: await listPage(store, tenant, exAnteKind, { ...base, filters }, request.language) };
    }
    if (principal.agencyId) {
      const page = await listPage(
        store,
        tenant,
        exAnteKind,
        { ...base, queue: { name: `AGENCY#${principal.agencyId}` } },
        request.language,
      );
      return { status: 200, body: page };
    }
    return { status: 200, body: { items: [] } };
  };

  const create: Operation = async (request: OperationRequest<unknown, unknown, Record<string, unknown>>) => {
    const tenant = request.principal.tenant;
    const body = request.body;
    const project = await store.get<StoredProject>(tenant, projectKind, String(body.projectId));
    const missing = (pointer: string) =>
      new HttpProblem('reference-not-found', {
        errors: [{ pointer, code: 'reference_not_found', message: describe('reference_not_found', request.language) }],
      });
    if (!project) throw missing('/projectId');
    const agency = body.agencyId ? await store.get(tenant, agencyKind, String(body.agencyId)) : undefined;
    if (body.agencyId && !agency) throw missing('/agencyId');
    const record = {
      ...newRecord({ ...body, id: String(body.id) }, request),
      // Files arrive only through the upload flow, never with the create.
      attachments: [],
      agencyId: (body.agencyId as string | undefined) ?? null,
      agencyName: agency ? String(agency.name) : null,
      departmentId: project.departmentId,
      unitId: project.unitId,
      financeSectionId: project.financeSectionId ?? null,
      projectName: project.name,
      projectCode: project.code,
      requestedAmount: annualTotal(project.funds),
      totalScore: totalScore(body.dimensions as StoredAssessment['dimensions']),
      state: 'DRAFT',
      concludedAt: null,
    } as unknown as StoredAssessment;
    // Created with its to-do entry in one transaction; the same id and body replay the original answer.
    return createWith(store, request, exAnteKind, record, await toDoWrites(tenant, record, request.receivedAt));
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => ({
    status: 200,
    body: await visible(request, request.params.id),
  });

  const update: Operation = async (
    request: OperationRequest<{ id: string }, unknown, { version: number } & Record<string, unknown>>,
  ) => {
    const current = await visible(request, request.params.id);
    if (!worksOnAssessment(request.principal, current)) throw new HttpProblem('forbidden');
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    // A concluded assessment is the record the budget relies on: it is not edited afterwards.
    if (current.state !== 'DRAFT') throw new HttpProblem('invalid-transition', { current });
    const { version: _expected, ...changes } = request.body;
    const merged = { ...current, ...changes } as StoredAssessment;
    if (changes.attachments) {
      const keyOf = files.keyOf(request, current);
      await checkUploadedAttachments(evidence, current.attachments, merged.attachments, keyOf, request.language);
    }
    const next: StoredAssessment = {
      ...merged,
      totalScore: totalScore(merged.dimensions),
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const result = await store.update(request.principal.tenant, exAnteKind, current, next, writeContext(request));
    return updatedResponse(result, request.language);
  };

  /** Every dimension scored and a conclusion chosen, or 422 with what is missing. */
  const assertComplete = (request: OperationRequest, current: StoredAssessment) => {
    const missing = conclusionErrors(current);
    if (missing.length > 0) {
      throw new HttpProblem('rules-not-met', {
        errors: missing.map((e) => ({ ...e, message: describe(e.code, request.language) })),
      });
    }
  };

  /**
   * The performance section concludes its own (or an expert panel's) assessment, or accepts one a
   * commissioned agency submitted; the conclusion goes onto the project in the same transaction.
   */
  const conclude: Operation = async (request: OperationRequest<{ id: string }, unknown, { version: number }>) => {
    const tenant = request.principal.tenant;
    for (let attempt = 1; ; attempt++) {
      const current = await visible(request, request.params.id);
      if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
      // A third party's work reaches the project only once the bureau has accepted it.
      if (current.state !== concludesFrom(current)) throw new HttpProblem('invalid-transition', { current });
      assertComplete(request, current);
      const project = await store.get<StoredProject>(tenant, projectKind, current.projectId);
      if (!project) throw new HttpProblem('not-found');
      const next: StoredAssessment = {
        ...current,
        state: 'CONCLUDED',
        concludedAt: request.receivedAt,
        version: current.version + 1,
        updatedAt: request.receivedAt,
        updatedBy: request.principal.userId,
      };
      // "Do not support" takes the project out of the running (docs/domain/submission.md#the-budget-gate-rule-13), unless it is already budgeted;
      // a later assessment that supports it (after adjustment) lets it back in.
      const stage = projectStageAfter(
        project.stage,
        (project.currentTargetStatus as TargetStatus | null) ?? 'DRAFT',
        project.approvedTargetId !== null,
        current.conclusion === 'REJECT',
      );
      const writes: TransactionWrite[] = [
        { kind: exAnteKind, before: current, after: next },
        ...(await toDoWrites(tenant, next, request.receivedAt)),
        {
          kind: projectKind,
          before: project,
          after: {
            ...project,
            exAnteConclusion: current.conclusion,
            stage,
            version: project.version + 1,
            updatedAt: request.receivedAt,
            updatedBy: request.principal.userId,
          },
        },
      ];
      const result = await store.transact(tenant, writes, { ...writeContext(request), operation: 'conclude-ex-ante' });
      if (result.outcome === 'done') return { status: 200, body: next };
      if (result.outcome === 'version-conflict' && result.index === 0) {
        throw new HttpProblem('version-conflict', { current: result.current });
      }
      if (attempt >= attempts) throw new HttpProblem('version-conflict');
    }
  };

  /**
   * The assessment's files: a presigned PUT for one while it is a draft, for those who work on it (listed then by the
   * PATCH, which checks each new one against the bucket); a short-lived link to a listed one for whoever reads it.
   */
  const files = recordFileLinks<StoredAssessment>(evidence, {
    key: exAnteAttachmentKey,
    visible,
    editable: (request, current) => {
      if (!worksOnAssessment(request.principal, current)) throw new HttpProblem('forbidden');
      if (current.state !== 'DRAFT') throw new HttpProblem('invalid-transition', { current });
    },
    listed: (a) => a.attachments,
  });

  /** A commissioned agency sends its finished assessment to the performance section. */
  const submit: Operation = async (request: OperationRequest<{ id: string }, unknown, { version: number }>) => {
    const current = await visible(request, request.params.id);
    if (!isAgencyOf(request.principal, current)) throw new HttpProblem('not-found');
    return changeState(request, current, 'DRAFT', () => {
      assertComplete(request, current);
      return { state: 'SUBMITTED' };
    });
  };

  /** The performance section sends a submitted assessment back to the agency, saying why. */
  const sendBack: Operation = async (
    request: OperationRequest<{ id: string }, unknown, { version: number; opinion: string }>,
  ) => {
    const current = await visible(request, request.params.id);
    return changeState(request, current, 'SUBMITTED', () => ({
      state: 'DRAFT',
      lastReturn: {
        by: request.principal.userId,
        byName: request.principal.displayName ?? request.principal.userId,
        at: request.receivedAt,
        opinion: request.body.opinion,
      },
    }));
  };

  const changeState = async (
    request: OperationRequest<unknown, unknown, { version: number }>,
    current: StoredAssessment,
    from: StoredAssessment['state'],
    change: () => Partial<StoredAssessment>,
  ) => {
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    if (current.state !== from) throw new HttpProblem('invalid-transition', { current });
    const next: StoredAssessment = {
      ...current,
      ...change(),
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const tenant = request.principal.tenant;
    // The step moves the assessment between to-do lists: its entries change in the same transaction.
    const result = await store.transact(
      tenant,
      [{ kind: exAnteKind, before: current, after: next }, ...(await toDoWrites(tenant, next, request.receivedAt))],
      writeContext(request),
    );
    if (result.outcome === 'done') return { status: 200, body: next };
    if (result.outcome === 'version-conflict' && result.index === 0)
      throw new HttpProblem('version-conflict', { current: result.current });
    // Another step moved the entries first: the caller reads again and retries, as after any conflict.
    throw new HttpProblem('version-conflict', { current: await store.get(tenant, exAnteKind, current.id) });
  };

  const history: Operation = async (request: OperationRequest<{ id: string }, HistoryRequest>) => {
    await visible(request, request.params.id);
    return historyPage(store, exAnteKind, request.params.id, request);
  };

  return {
    list,
    create,
    get,
    update,
    conclude,
    submit,
    sendBack,
    history,
    uploadAttachment: files.upload,
    downloadAttachment: files.download,
  };
};
