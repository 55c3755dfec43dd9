import { type Attachment, checksumHeader } from '@jixiao/core/evidence/attachment.ts';
import type { Principal } from '@jixiao/core/principal.ts';
import {
  conclusionErrors,
  type ExAnteAssessment,
  exAnteAttachmentKey,
  totalScore,
} from '@jixiao/core/submission/ex-ante-assessment.ts';
import type { TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import type { Project } from '@jixiao/core/submission/project.ts';
import { projectStageAfter } from '@jixiao/core/submission/review-workflow.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { agencyKind } from '#functions/organisation/record-kinds.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { listPage, newRecord, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { visibleProject } from '#functions/submission/project-operations.ts';
import { canSee, seesTenant } from '#functions/submission/project-scope.ts';
import { exAnteKind, projectKind } from '#functions/submission/record-kinds.ts';

type StoredAssessment = ExAnteAssessment & StoredRecord;
type StoredProject = Project & StoredRecord;

const isAgencyOf = (p: Principal, a: { agencyId: string | null }) =>
  (p.roles.includes('agency-lead') || p.roles.includes('evaluator')) &&
  p.agencyId !== undefined &&
  p.agencyId === a.agencyId;

/** The bureau and the commissioned agency work on an assessment; the project's own people may read it. */
const mayRead = (p: Principal, a: StoredAssessment) => canSee(p, a) || isAgencyOf(p, a);
const mayWrite = (p: Principal, a: StoredAssessment) =>
  p.roles.includes('performance-section-reviewer') || isAgencyOf(p, a);

const attempts = 3;

/** Ex-ante performance assessment (事前绩效评估, domain.md §5.2). */
export const exAnteOperations = (store: RecordStore, evidence: EvidenceStore) => {
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
      return { status: 200, body: await listPage(store, tenant, exAnteKind, base, request.language) };
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
    if (body.agencyId && !(await store.get(tenant, agencyKind, String(body.agencyId)))) throw missing('/agencyId');
    const record = {
      ...newRecord({ ...body, id: String(body.id) }, request),
      agencyId: (body.agencyId as string | undefined) ?? null,
      departmentId: project.departmentId,
      unitId: project.unitId,
      financeSectionId: project.financeSectionId ?? null,
      projectName: project.name,
      projectCode: project.code,
      requestedAmount: project.funds.fiscal + project.funds.carryOver + project.funds.other,
      totalScore: totalScore(body.dimensions as StoredAssessment['dimensions']),
      state: 'DRAFT',
      concludedAt: null,
    };
    const result = await store.create(tenant, exAnteKind, record, {
      hash: requestHash(body),
      context: writeContext(request),
    });
    if (result.outcome === 'created') return { status: 201, body: result.record };
    if (result.outcome === 'replayed') {
      return { status: 201, body: result.record, headers: { 'idempotent-replayed': 'true' } };
    }
    throw new HttpProblem('idempotency-conflict');
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => ({
    status: 200,
    body: await visible(request, request.params.id),
  });

  const update: Operation = async (
    request: OperationRequest<{ id: string }, unknown, { version: number } & Record<string, unknown>>,
  ) => {
    const current = await visible(request, request.params.id);
    if (!mayWrite(request.principal, current)) throw new HttpProblem('forbidden');
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    // A concluded assessment is the record the budget relies on: it is not edited afterwards.
    if (current.state !== 'DRAFT') throw new HttpProblem('invalid-transition', { current });
    const { version: _expected, ...changes } = request.body;
    const merged = { ...current, ...changes } as StoredAssessment;
    if (changes.attachments) await checkUploaded(request, current, merged.attachments);
    const next: StoredAssessment = {
      ...merged,
      totalScore: totalScore(merged.dimensions),
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const result = await store.update(request.principal.tenant, exAnteKind, current, next, writeContext(request));
    if (result.outcome !== 'updated') {
      throw new HttpProblem('version-conflict', { current: 'current' in result ? result.current : undefined });
    }
    return { status: 200, body: result.record };
  };

  /** Concludes it and writes the conclusion onto the project, in one transaction. */
  const conclude: Operation = async (request: OperationRequest<{ id: string }, unknown, { version: number }>) => {
    const tenant = request.principal.tenant;
    for (let attempt = 1; ; attempt++) {
      const current = await visible(request, request.params.id);
      if (!mayWrite(request.principal, current)) throw new HttpProblem('forbidden');
      if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
      if (current.state !== 'DRAFT') throw new HttpProblem('invalid-transition', { current });
      const missing = conclusionErrors(current);
      if (missing.length > 0) {
        throw new HttpProblem('rules-not-met', {
          errors: missing.map((e) => ({ ...e, message: describe(e.code, request.language) })),
        });
      }
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
      // "Do not support" takes the project out of the running (§7.2), unless it is already budgeted;
      // a later assessment that supports it (after adjustment) lets it back in.
      const stage = projectStageAfter(
        project.stage,
        (project.currentTargetStatus as TargetStatus | null) ?? 'DRAFT',
        project.approvedTargetId !== null,
        current.conclusion === 'REJECT',
      );
      const writes: TransactionWrite[] = [
        { kind: exAnteKind, before: current, after: next },
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
   * Files new to the list must be in the bucket, at this assessment's key for their id, with the
   * size and type (and, where the store reports it, the checksum) that were registered.
   */
  const checkUploaded = async (request: OperationRequest, current: StoredAssessment, attachments: Attachment[]) => {
    const known = new Set(current.attachments.map((a) => a.id));
    const errors = [];
    for (const [i, a] of attachments.entries()) {
      if (known.has(a.id)) continue;
      const expected = exAnteAttachmentKey(request.principal.tenant, current.id, a.id);
      const stored = a.key === expected ? await evidence.head(a.key) : undefined;
      const matches =
        stored !== undefined &&
        stored.sizeBytes === a.sizeBytes &&
        (stored.contentType === undefined || stored.contentType === a.contentType) &&
        (stored.checksumSha256 === undefined || stored.checksumSha256 === checksumHeader(a.sha256));
      if (!matches) {
        errors.push({
          pointer: `/attachments/${i}`,
          code: 'attachment_not_uploaded',
          message: describe('attachment_not_uploaded', request.language),
        });
      }
    }
    if (errors.length > 0) throw new HttpProblem('rules-not-met', { errors });
  };

  /** A presigned PUT for one file of a draft assessment; asking again for the same id gives the same key. */
  const uploadAttachment: Operation = async (
    request: OperationRequest<{ id: string }, unknown, Omit<Attachment, 'key'>>,
  ) => {
    const current = await visible(request, request.params.id);
    if (!mayWrite(request.principal, current)) throw new HttpProblem('forbidden');
    if (current.state !== 'DRAFT') throw new HttpProblem('invalid-transition', { current });
    const key = exAnteAttachmentKey(request.principal.tenant, current.id, request.body.id);
    const upload = await evidence.signUpload(key, request.body, 15 * 60);
    return { status: 201, body: { attachment: { ...request.body, key }, upload: { method: 'PUT', ...upload } } };
  };

  const downloadAttachment: Operation = async (request: OperationRequest<{ id: string; attachmentId: string }>) => {
    const current = await visible(request, request.params.id);
    const file = current.attachments.find((a) => a.id === request.params.attachmentId);
    if (!file) throw new HttpProblem('not-found');
    const link = await evidence.signDownload(file.key, file.name, 5 * 60);
    return { status: 200, body: { url: link.url, expiresAt: link.expiresAt } };
  };

  const history: Operation = async (request: OperationRequest<{ id: string }>) => {
    await visible(request, request.params.id);
    return {
      status: 200,
      body: { items: await store.history(request.principal.tenant, exAnteKind, request.params.id, 100) },
    };
  };

  return { list, create, get, update, conclude, history, uploadAttachment, downloadAttachment };
};
