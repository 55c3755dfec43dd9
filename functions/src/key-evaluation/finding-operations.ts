import { beijingDay } from '@jixiao/core/beijing-day.ts';
import {
  type CreateFinding,
  evidenceProblems,
  type FindingEvidence,
  maxFindings,
  type UpdateFinding,
} from '@jixiao/core/key-evaluation/finding.ts';
import { describeFinding } from '@jixiao/core/key-evaluation/finding-messages.ts';
import {
  type CloseExchange,
  closesLate,
  exchangeProblems,
  type RecordHandling,
  type SaveAnswers,
  type SendFindings,
  submitProblems,
} from '@jixiao/core/key-evaluation/opinion-exchange.ts';
import { bureauSees, departmentSees, isPerformanceSection, leadsAgencyOf } from '@jixiao/core/scope/fieldwork-scope.ts';
import { engagementAccess } from '#functions/fieldwork/engagement-access.ts';
import { fieldPhotoKind, fieldRecordKind, type StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import {
  findingAnswerKind,
  findingKind,
  opinionExchangeKind,
  readAnswers,
  readFindings,
  type StoredFinding,
  type StoredFindingAnswer,
  type StoredOpinionExchange,
} from '#functions/key-evaluation/finding-kind.ts';
import { paperLocks } from '#functions/key-evaluation/paper-lock.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { newRecord, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';

type Problem = { pointer: string; code: string };

/** Rules of the summary or the exchange not met, in the request's language (422). */
const notMet = (problems: readonly Problem[], request: OperationRequest) =>
  new HttpProblem('rules-not-met', {
    errors: problems.map((e) => ({ ...e, message: describeFinding(e.code, request.language) })),
  });

/** A step the exchange's own state refuses (409), saying why. */
const refused = (code: string, request: OperationRequest, current?: unknown) =>
  new HttpProblem('invalid-transition', {
    current,
    errors: [{ pointer: '', code, message: describeFinding(code, request.language) }],
  });

const nameOf = (request: OperationRequest) => request.principal.displayName ?? request.principal.userId;

/**
 * The issue summary (问题汇总表) and the exchange of opinions (意见交换)
 * (docs/domain/key-evaluation.md#findings-and-the-exchange-of-opinions). Findings are papers: written through the
 * engagement's lock. The department's answers are not papers, but are taken only while the exchange runs; the
 * agency's handling of each answer is a paper of the exchange.
 */
export const findingOperations = (store: RecordStore, _evidence: EvidenceStore): Operations => {
  const engagements = engagementAccess(store);
  const locks = paperLocks(store);

  /** The agency's lead of the engagement writes the summary; the performance section may too (and amend it). */
  const writable = async (request: OperationRequest, id: string): Promise<StoredEngagement> => {
    const e = await engagements.visible(request, id);
    const p = request.principal;
    if (!leadsAgencyOf(p, e) && !isPerformanceSection(p)) throw new HttpProblem('not-found');
    return e;
  };

  /** The engagement as its agency's lead, who takes the exchange's steps. */
  const led = async (request: OperationRequest, id: string): Promise<StoredEngagement> => {
    const e = await engagements.visible(request, id);
    if (!leadsAgencyOf(request.principal, e)) throw new HttpProblem('not-found');
    return e;
  };

  /** The engagement as the evaluated department's reviewer, who answers for the department. */
  const answering = async (request: OperationRequest, id: string): Promise<StoredEngagement> => {
    const e = await engagements.visible(request, id);
    const p = request.principal;
    if (!departmentSees(p, e) || !p.roles.includes('department-reviewer')) throw new HttpProblem('not-found');
    return e;
  };

  const exchangeOf = (tenant: string, engagementId: string) =>
    store.get<StoredOpinionExchange>(tenant, opinionExchangeKind, engagementId);

  /** Each evidence link must name a field record, photo or indicator of this engagement. */
  const checkEvidence = async (request: OperationRequest, e: StoredEngagement, evidence: FindingEvidence) => {
    const tenant = request.principal.tenant;
    const [records, photos] = await Promise.all([
      evidence.fieldRecordIds.length > 0 ? store.getMany(tenant, fieldRecordKind, evidence.fieldRecordIds) : [],
      evidence.photoIds.length > 0 ? store.getMany(tenant, fieldPhotoKind, evidence.photoIds) : [],
    ]);
    const ofEngagement = (items: readonly StoredRecord[]) =>
      new Set(items.filter((r) => r.engagementId === e.id).map((r) => r.id));
    const problems = evidenceProblems(evidence, {
      fieldRecordIds: ofEngagement(records),
      photoIds: ofEngagement(photos),
      indicatorIds: new Set(e.indicators.map((i) => i.id)),
    });
    if (problems.length > 0) throw notMet(problems, request);
  };

  /**
   * The summary with its exchange. The department sees it once the findings were sent to it; the agency sees the
   * department's answers once submitted (drafts are the department's own).
   */
  const listFindings: Operation = async (request: OperationRequest<{ id: string }>) => {
    const e = await engagements.visible(request, request.params.id);
    const p = request.principal;
    const tenant = p.tenant;
    const agencyOrBureau = bureauSees(p, e) || leadsAgencyOf(p, e);
    const department = departmentSees(p, e);
    if (!agencyOrBureau && !department) throw new HttpProblem('not-found');
    const exchange = (await exchangeOf(tenant, e.id)) ?? null;
    if (!agencyOrBureau && exchange === null) throw new HttpProblem('not-found');
    const [findings, answers] = await Promise.all([
      readFindings(store, tenant, e.id),
      exchange ? readAnswers(store, tenant, e.id) : Promise.resolve([]),
    ]);
    const answersShown = department || exchange?.submittedAt ? answers : [];
    return {
      status: 200,
      body: { engagementState: e.state, findings, exchange, answers: answersShown, limit: maxFindings },
    };
  };

  const createFinding: Operation = async (request: OperationRequest<{ id: string }, unknown, CreateFinding>) => {
    const e = await writable(request, request.params.id);
    const { amendmentReason, ...body } = request.body;
    const tenant = request.principal.tenant;
    const existing = await store.get<StoredFinding>(tenant, findingKind, body.id);
    if (!existing) {
      const count = (await readFindings(store, tenant, e.id)).length;
      if (count >= maxFindings)
        throw new HttpProblem('rules-not-met', {
          errors: [{ pointer: '', code: 'max_items', message: describeFinding('max_items', request.language, {}) }],
        });
      await checkEvidence(request, e, body.evidence);
    } else if (existing.engagementId !== e.id) {
      throw new HttpProblem('idempotency-conflict');
    }
    const record = {
      ...newRecord({ ...body }, request),
      engagementId: e.id,
      withdrawn: false,
    } as StoredFinding;
    const [written] = await locks.write(
      request,
      e,
      () => [{ kind: findingKind, create: record, hash: requestHash({ finding: e.id, ...body }) }],
      { amendmentReason, paperType: 'finding' },
    );
    return { status: 201, body: written };
  };

  const updateFinding: Operation = async (
    request: OperationRequest<{ id: string; findingId: string }, unknown, UpdateFinding>,
  ) => {
    const e = await writable(request, request.params.id);
    const tenant = request.principal.tenant;
    const current = await store.get<StoredFinding>(tenant, findingKind, request.params.findingId);
    if (!current || current.engagementId !== e.id) throw new HttpProblem('not-found');
    const { version, amendmentReason, ...changes } = request.body;
    if (current.version !== version) throw new HttpProblem('version-conflict', { current });
    if (changes.evidence) await checkEvidence(request, e, changes.evidence);
    const after: StoredFinding = {
      ...current,
      ...changes,
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const [written] = await locks.write(request, e, () => [{ kind: findingKind, before: current, after }], {
      amendmentReason,
      paperType: 'finding',
    });
    return { status: 200, body: written };
  };

  /**
   * The lead sends the draft findings to the evaluated department (PRELIM_FINDINGS → OPINION_EXCHANGE) with the
   * day its answers are due. The department sees the evidence from now on, if the bureau had not released it yet.
   */
  const sendFindings: Operation = async (request: OperationRequest<{ id: string }, unknown, SendFindings>) => {
    const current = await led(request, request.params.id);
    engagements.inState(current, ['PRELIM_FINDINGS']);
    const tenant = request.principal.tenant;
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    if (request.body.dueDate < beijingDay(request.receivedAt))
      throw notMet([{ pointer: '/dueDate', code: 'due_date_past' }], request);
    const findings = await readFindings(store, tenant, current.id);
    if (!findings.some((f) => !f.withdrawn)) throw notMet([{ pointer: '', code: 'findings_none' }], request);
    const [lock, before] = await Promise.all([locks.read(tenant, current.id), exchangeOf(tenant, current.id)]);
    const sent = {
      engagementId: current.id,
      departmentId: current.departmentId,
      dueDate: request.body.dueDate,
      sentAt: request.receivedAt,
      sentByName: nameOf(request),
      submittedAt: null,
      submittedByName: null,
      closedAt: null,
      closedByName: null,
      lateNote: null,
    };
    // Sent once per engagement; a record left from an exchange reopened later is brought up to date.
    const exchangeWrite: TransactionWrite = before
      ? {
          kind: opinionExchangeKind,
          before,
          after: { ...before, ...sent, version: before.version + 1, updatedAt: request.receivedAt },
        }
      : {
          kind: opinionExchangeKind,
          create: { ...newRecord({ id: current.id }, request), ...sent },
          hash: requestHash({ exchange: current.id, at: request.requestId }),
        };
    return engagements.save(
      request,
      current,
      { state: 'OPINION_EXCHANGE', releasedAt: current.releasedAt ?? request.receivedAt },
      'send-findings',
      [locks.stepWrite(request, current, lock, 'OPINION_EXCHANGE'), exchangeWrite],
    );
  };

  /** The exchange the department answers in: running, and not yet submitted. */
  const openExchange = async (
    request: OperationRequest<unknown, unknown, { version: number }>,
    e: StoredEngagement,
  ) => {
    engagements.inState(e, ['OPINION_EXCHANGE']);
    const exchange = await exchangeOf(request.principal.tenant, e.id);
    if (!exchange) throw new HttpProblem('not-found');
    if (exchange.submittedAt !== null) throw refused('answers_submitted', request, exchange);
    if (exchange.version !== request.body.version) throw new HttpProblem('version-conflict', { current: exchange });
    return exchange;
  };

  const bumped = (request: OperationRequest, exchange: StoredOpinionExchange, change = {}): StoredOpinionExchange => ({
    ...exchange,
    ...change,
    version: exchange.version + 1,
    updatedAt: request.receivedAt,
    updatedBy: request.principal.userId,
  });

  const transact = async (request: OperationRequest, writes: TransactionWrite[]) => {
    const result = await store.transact(request.principal.tenant, writes, writeContext(request));
    if (result.outcome === 'done') return;
    if (result.outcome === 'version-conflict') throw new HttpProblem('version-conflict', { current: result.current });
    throw new HttpProblem('idempotency-conflict');
  };

  /**
   * The department saves answers as a draft, any number of times until it submits. Each save raises the exchange's
   * version in the same transaction, so a save and a submission (or the lead's close) never cross.
   */
  const saveFindingAnswers: Operation = async (request: OperationRequest<{ id: string }, unknown, SaveAnswers>) => {
    const e = await answering(request, request.params.id);
    const exchange = await openExchange(request, e);
    const tenant = request.principal.tenant;
    const findings = new Map((await readFindings(store, tenant, e.id)).map((f) => [f.id, f]));
    const seen = new Set<string>();
    const problems = request.body.answers.flatMap((a, i): Problem[] => {
      const finding = findings.get(a.findingId);
      if (!finding || finding.withdrawn)
        return [{ pointer: `/answers/${i}/findingId`, code: 'finding_not_in_engagement' }];
      if (seen.has(a.findingId)) return [{ pointer: `/answers/${i}/findingId`, code: 'duplicate_id' }];
      seen.add(a.findingId);
      return [];
    });
    if (problems.length > 0) throw notMet(problems, request);
    const existing = new Map(
      (
        await store.getMany<StoredFindingAnswer>(
          tenant,
          findingAnswerKind,
          request.body.answers.map((a) => a.findingId),
        )
      ).map((a) => [a.id, a]),
    );
    const answered = { answeredByName: nameOf(request), updatedAt: request.receivedAt };
    const writes = request.body.answers.map((a): TransactionWrite => {
      const before = existing.get(a.findingId);
      const content = { position: a.position, explanation: a.explanation, ...answered };
      if (before)
        return {
          kind: findingAnswerKind,
          before,
          after: { ...before, ...content, version: before.version + 1, updatedBy: request.principal.userId },
        };
      const create = {
        ...newRecord({ id: a.findingId }, request),
        engagementId: e.id,
        findingId: a.findingId,
        handling: null,
        ...content,
      } as StoredFindingAnswer;
      return { kind: findingAnswerKind, create, hash: requestHash({ answer: a.findingId, at: request.requestId }) };
    });
    const after = bumped(request, exchange);
    await transact(request, [{ kind: opinionExchangeKind, before: exchange, after }, ...writes]);
    return { status: 200, body: { exchange: after, answers: await readAnswers(store, tenant, e.id) } };
  };

  /** The department submits its answers once: every finding answered; fixed from then on. */
  const submitFindingAnswers: Operation = async (
    request: OperationRequest<{ id: string }, unknown, { version: number }>,
  ) => {
    const e = await answering(request, request.params.id);
    const exchange = await openExchange(request, e);
    const tenant = request.principal.tenant;
    const [findings, answers] = await Promise.all([
      readFindings(store, tenant, e.id),
      readAnswers(store, tenant, e.id),
    ]);
    const problems = submitProblems(findings, answers);
    if (problems.length > 0) throw notMet(problems, request);
    const after = bumped(request, exchange, { submittedAt: request.receivedAt, submittedByName: nameOf(request) });
    // Off the department's list and onto the lead's, in the same write.
    const toDo = await engagements.toDoWrites(tenant, e, request.receivedAt, true);
    await transact(request, [{ kind: opinionExchangeKind, before: exchange, after }, ...toDo]);
    return { status: 200, body: after };
  };

  /**
   * The agency records how it handled one submitted answer (意见交换记录), while the exchange runs and while the
   * report is drafted: a paper of the exchange, written through the lock.
   */
  const recordAnswerHandling: Operation = async (
    request: OperationRequest<{ id: string; findingId: string }, unknown, RecordHandling>,
  ) => {
    const e = await led(request, request.params.id);
    engagements.inState(e, ['OPINION_EXCHANGE', 'DRAFT_REPORT']);
    const tenant = request.principal.tenant;
    const exchange = await exchangeOf(tenant, e.id);
    if (!exchange?.submittedAt) throw refused('answers_not_submitted', request, exchange);
    const current = await store.get<StoredFindingAnswer>(tenant, findingAnswerKind, request.params.findingId);
    if (!current || current.engagementId !== e.id) throw new HttpProblem('not-found');
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    const p = request.principal;
    const after: StoredFindingAnswer = {
      ...current,
      handling: {
        decision: request.body.decision,
        reason: request.body.reason,
        at: request.receivedAt,
        by: p.userId,
        byName: nameOf(request),
      },
      version: current.version + 1,
      updatedBy: p.userId,
    };
    const [written] = await locks.write(request, e, () => [{ kind: findingAnswerKind, before: current, after }], {
      paperType: 'opinion-exchange',
    });
    return { status: 200, body: written };
  };

  /**
   * The lead closes the exchange (OPINION_EXCHANGE → DRAFT_REPORT) once the department submitted and every answer
   * has its handling; or, the due date passed without answers, with a note saying so, kept on the exchange.
   */
  const closeOpinionExchange: Operation = async (request: OperationRequest<{ id: string }, unknown, CloseExchange>) => {
    const current = await led(request, request.params.id);
    engagements.inState(current, ['OPINION_EXCHANGE']);
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    const tenant = request.principal.tenant;
    const exchange = await exchangeOf(tenant, current.id);
    if (!exchange) throw new HttpProblem('not-found');
    const today = beijingDay(request.receivedAt);
    const answers = exchange.submittedAt ? await readAnswers(store, tenant, current.id) : [];
    const problems = exchangeProblems(exchange, answers, today, request.body.lateNote);
    if (problems.length > 0) throw notMet(problems, request);
    const late = closesLate(exchange, today);
    const after = bumped(request, exchange, {
      closedAt: request.receivedAt,
      closedByName: nameOf(request),
      lateNote: late ? (request.body.lateNote ?? '').trim() : null,
    });
    const lock = await locks.read(tenant, current.id);
    return engagements.save(request, current, { state: 'DRAFT_REPORT' }, 'close-opinion-exchange', [
      locks.stepWrite(request, current, lock, 'DRAFT_REPORT'),
      { kind: opinionExchangeKind, before: exchange, after },
    ]);
  };

  return {
    listFindings,
    createFinding,
    updateFinding,
    sendFindings,
    saveFindingAnswers,
    submitFindingAnswers,
    recordAnswerHandling,
    closeOpinionExchange,
  };
};
