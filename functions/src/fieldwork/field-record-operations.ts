import { createHash } from 'node:crypto';
import { checksumHeader } from '@jixiao/core/evidence/attachment.ts';
import {
  type CreateFieldRecord,
  type FieldPhoto,
  type FieldRecord,
  type FieldRecordContent,
  fieldPhotoKey,
  isClosedVisit,
  positionFlag,
  recordProblems,
  type UpdateFieldRecord,
} from '@jixiao/core/fieldwork/field-record.ts';
import { fieldPlan, planProblems } from '@jixiao/core/fieldwork/plan-rules.ts';
import { acceptsFieldRecords } from '@jixiao/core/key-evaluation/paper-state.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { departmentSees, isAssignee, leadsAgencyOf, seesEngagement } from '@jixiao/core/scope/fieldwork-scope.ts';
import type { engagementOperations } from '#functions/fieldwork/engagement-operations.ts';
import type { StoredAssignment, StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import { engagementKind, fieldPhotoKind, fieldRecordKind } from '#functions/fieldwork/record-kinds.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { rulesNotMet } from '#functions/http/rules-not-met.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { listAll } from '#functions/records/list-all.ts';
import { createdResponse, newRecord, updatedResponse, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';

type StoredFieldRecord = FieldRecord & StoredRecord;
type StoredPhoto = FieldPhoto & StoredRecord;

/**
 * What evaluators send from their phones (issue 4, items 3–7): creates are idempotent on the
 * client-made id (same id and body: the original answer; same id, other body: 409), edits carry
 * the version they were made from, photos are uploaded under the evaluator's own assignment
 * prefix and attached only once the bytes are there with the declared size and SHA-256.
 */
export const fieldRecordOperations = (
  store: RecordStore,
  evidence: EvidenceStore,
  engagements: ReturnType<typeof engagementOperations>,
) => {
  /** A record's own rules (core) and the plan rules against the assignment and the engagement as stored now. */
  const contentProblems = (
    content: FieldRecordContent,
    assignment: StoredAssignment,
    engagement: StoredEngagement,
  ): FieldError[] => [...recordProblems(content), ...planProblems(content, fieldPlan(assignment, engagement))];

  /** The server's view of the content: receipt times and the position flag. */
  const derived = (content: FieldRecordContent, engagement: StoredEngagement, before?: StoredFieldRecord) => {
    const departedNow = content.type === 'SITE_VISIT' && content.departedAt !== null;
    return {
      departureReceivedAt: before?.departureReceivedAt ?? (departedNow ? undefined : null),
      positionFlag:
        content.type === 'SITE_VISIT' ? positionFlag(content, engagement.gpsAccuracyLimitMetres) : (null as null),
    };
  };

  const engagementOf = async (request: OperationRequest, id: string) => {
    const e = await store.get<StoredEngagement>(request.principal.tenant, engagementKind, id);
    if (!e) throw new HttpProblem('not-found');
    return e;
  };

  const create: Operation = async (request: OperationRequest<unknown, unknown, CreateFieldRecord>) => {
    const { body, principal } = request;
    const tenant = principal.tenant;
    const context = writeContext(request);
    const hash = requestHash(body);
    // A replay is answered from what was stored, whatever has changed in the plan since. The two
    // reads go together: a phone's outbox sends hundreds of these one after another.
    const [existing, assignment] = await Promise.all([
      store.get<StoredFieldRecord>(tenant, fieldRecordKind, body.id),
      engagements.visibleAssignment(request, body.assignmentId),
    ]);
    if (existing) {
      const stub = { ...existing, version: 1 };
      return createdResponse(await store.create(tenant, fieldRecordKind, stub, { hash, context }), request.language);
    }
    if (!isAssignee(principal, assignment)) throw new HttpProblem('forbidden');
    const engagement = await engagementOf(request, assignment.engagementId);
    if (!acceptsFieldRecords(engagement.state)) throw new HttpProblem('invalid-transition');
    const { id, assignmentId, ...content } = body;
    const problems = contentProblems(content, assignment, engagement);
    if (problems.length > 0) throw rulesNotMet(problems, request);
    const { departureReceivedAt, positionFlag: flag } = derived(content, engagement);
    const record = {
      ...newRecord({ ...body }, request),
      engagementId: engagement.id,
      evaluatorId: principal.userId,
      evaluatorName: principal.displayName ?? principal.userId,
      agencyId: assignment.agencyId,
      departmentId: engagement.departmentId,
      receivedAt: request.receivedAt,
      departureReceivedAt: departureReceivedAt === undefined ? request.receivedAt : departureReceivedAt,
      positionFlag: flag,
    };
    return createdResponse(await store.create(tenant, fieldRecordKind, record, { hash, context }), request.language);
  };

  /** A record the caller may read: its evaluator, the agency's lead, the bureau, the released department. */
  const visible = async (request: OperationRequest, id: string) => {
    const p = request.principal;
    const record = await store.get<StoredFieldRecord>(p.tenant, fieldRecordKind, id);
    if (!record) throw new HttpProblem('not-found');
    if (p.userId === record.evaluatorId && p.agencyId === record.agencyId) return record;
    if (leadsAgencyOf(p, record)) return record;
    const engagement = await engagementOf(request, record.engagementId);
    if (seesEngagement(p, engagement) || departmentSees(p, engagement)) return record;
    throw new HttpProblem('not-found');
  };

  const receivedPhotos = (request: OperationRequest, recordId: string) =>
    listAll<StoredPhoto>(store, request.principal.tenant, fieldPhotoKind, { queue: { name: `RECORD#${recordId}` } });

  const get: Operation = async (request: OperationRequest<{ id: string }>) => {
    const record = await visible(request, request.params.id);
    const photos = await receivedPhotos(request, record.id);
    return { status: 200, body: { ...record, receivedPhotoIds: photos.map((p) => p.id) } };
  };

  /** The evaluator (or the agency's lead) replaces the content at the version they edited. */
  const update: Operation = async (request: OperationRequest<{ id: string }, unknown, UpdateFieldRecord>) => {
    const current = await visible(request, request.params.id);
    const p = request.principal;
    if (!(p.userId === current.evaluatorId && p.agencyId === current.agencyId) && !leadsAgencyOf(p, current))
      throw new HttpProblem('forbidden');
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    if (isClosedVisit(current)) {
      throw rulesNotMet([{ pointer: '/departedAt', code: 'visit_closed', message: '' }], request);
    }
    const { version: _version, ...content } = request.body;
    if (content.type !== current.type) {
      throw rulesNotMet([{ pointer: '/type', code: 'record_type_fixed', message: '' }], request);
    }
    const assignment = await engagements.visibleAssignment(request, current.assignmentId);
    const engagement = await engagementOf(request, current.engagementId);
    if (!acceptsFieldRecords(engagement.state)) throw new HttpProblem('invalid-transition', { current });
    const problems = contentProblems(content, assignment, engagement);
    // A received photo is evidence: it stays declared, exactly as it was.
    const received = await receivedPhotos(request, current.id);
    for (const photo of received) {
      const declared = content.photos.find((d) => d.id === photo.id);
      if (!declared || declared.sha256 !== photo.sha256)
        problems.push({ pointer: '/photos', code: 'photo_received_fixed', message: '' });
    }
    if (problems.length > 0) throw rulesNotMet(problems, request);
    const { departureReceivedAt, positionFlag: flag } = derived(content, engagement, current);
    const next = {
      ...current,
      ...content,
      departureReceivedAt: departureReceivedAt === undefined ? request.receivedAt : departureReceivedAt,
      positionFlag: flag,
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: p.userId,
    } as StoredFieldRecord;
    return updatedResponse(
      await store.update(p.tenant, fieldRecordKind, current, next, writeContext(request)),
      request.language,
    );
  };

  /** A presigned PUT under the caller's own assignment prefix, for one photo. */
  const signUpload: Operation = async (
    request: OperationRequest<
      { id: string },
      unknown,
      { id: string; contentType: string; sizeBytes: number; sha256: string }
    >,
  ) => {
    const assignment = await engagements.visibleAssignment(request, request.params.id);
    if (!isAssignee(request.principal, assignment)) throw new HttpProblem('forbidden');
    const engagement = await engagementOf(request, assignment.engagementId);
    if (!acceptsFieldRecords(engagement.state)) throw new HttpProblem('invalid-transition');
    const tenant = request.principal.tenant;
    if (await store.get(tenant, fieldPhotoKind, request.body.id)) throw new HttpProblem('invalid-transition');
    const key = fieldPhotoKey(tenant, engagement.id, assignment.id, request.body.id);
    const upload = await evidence.signUpload(key, request.body, 15 * 60);
    return { status: 201, body: { key, upload: { method: 'PUT', ...upload } } };
  };

  /**
   * Attaches a photo the record declares once the bytes are in the bucket at the evaluator's key,
   * with the declared size and SHA-256. Where the store does not report a verified checksum (the
   * local stand-in), the bytes are read back and hashed here.
   */
  const attachPhoto: Operation = async (request: OperationRequest<{ id: string }, unknown, { id: string }>) => {
    const record = await visible(request, request.params.id);
    const p = request.principal;
    if (!(p.userId === record.evaluatorId && p.agencyId === record.agencyId)) throw new HttpProblem('forbidden');
    const tenant = p.tenant;
    const declared = record.photos.find((d) => d.id === request.body.id);
    const refuse = (code: string) => rulesNotMet([{ pointer: '/id', code, message: '' }], request);
    if (!declared) throw refuse('photo_not_declared');
    const key = fieldPhotoKey(tenant, record.engagementId, record.assignmentId, declared.id);
    const photo = {
      ...newRecord({ id: declared.id }, request),
      recordId: record.id,
      engagementId: record.engagementId,
      assignmentId: record.assignmentId,
      key,
      sha256: declared.sha256,
      sizeBytes: declared.sizeBytes,
      contentType: declared.contentType,
    };
    const hash = requestHash({ recordId: record.id, id: declared.id, sha256: declared.sha256 });
    const context = writeContext(request);
    if (!(await store.get(tenant, fieldPhotoKind, declared.id))) {
      const stored = await evidence.head(key);
      if (!stored || stored.sizeBytes !== declared.sizeBytes) throw refuse('photo_not_uploaded');
      if (stored.checksumSha256 !== undefined) {
        if (stored.checksumSha256 !== checksumHeader(declared.sha256)) throw refuse('photo_checksum_mismatch');
      } else {
        const bytes = await evidence.read(key);
        if (!bytes) throw refuse('photo_not_uploaded');
        if (createHash('sha256').update(bytes).digest('hex') !== declared.sha256)
          throw refuse('photo_checksum_mismatch');
      }
    }
    return createdResponse(await store.create(tenant, fieldPhotoKind, photo, { hash, context }), request.language);
  };

  const photoLink: Operation = async (request: OperationRequest<{ id: string; photoId: string }>) => {
    const record = await visible(request, request.params.id);
    const photo = await store.get<StoredPhoto>(request.principal.tenant, fieldPhotoKind, request.params.photoId);
    if (!photo || photo.recordId !== record.id) throw new HttpProblem('not-found');
    const extension = photo.contentType === 'image/png' ? 'png' : photo.contentType === 'image/webp' ? 'webp' : 'jpg';
    const link = await evidence.signDownload(photo.key, `${photo.id}.${extension}`, 5 * 60);
    return { status: 200, body: { url: link.url, expiresAt: link.expiresAt } };
  };

  return { create, get, update, signUpload, attachPhoto, photoLink, visible };
};
