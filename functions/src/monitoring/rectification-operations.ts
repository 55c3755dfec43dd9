import type { Attachment } from '@jixiao/core/evidence/attachment.ts';
import type { RoundStatus } from '@jixiao/core/monitoring/monitoring-report.ts';
import {
  canTakeRectificationAction,
  mayAnswerRectification,
  type RectificationAction,
  type RectificationState,
  rectificationActions,
  rectificationAttachmentKey,
  type StartRectification,
} from '@jixiao/core/monitoring/rectification.ts';
import type { Principal } from '@jixiao/core/principal.ts';
import {
  isObserver,
  publishedRectification,
  publishedRectificationState,
  publishedRound,
} from '@jixiao/core/scope/observer-scope.ts';
import { canSee } from '@jixiao/core/scope/project-scope.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { StoredRectification } from '#functions/monitoring/record-kinds.ts';
import { monitoringRoundKind, rectificationKind } from '#functions/monitoring/record-kinds.ts';
import { sourceFacts, startRectification } from '#functions/monitoring/rectification-start.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { recordFileLinks } from '#functions/records/record-attachment-operations.ts';
import { listPage, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { checkUploadedAttachments } from '#functions/records/uploaded-attachments.ts';
import { listScope } from '#functions/submission/project-scope.ts';

/**
 * What the caller reads of a rectification: all of it when its scope shows the unit's drafts (the unit, its department,
 * the bureau), else — reading it as the observer — what was published (core/src/scope/observer-scope.ts): a draft's
 * notice as issued, without the draft's text, files or drafting steps.
 */
const shownTo = (p: Principal, r: StoredRectification): StoredRectification =>
  canSee(p, r, false) ? r : publishedRectification(r);

/**
 * Rectification (docs/domain/monitoring.md, "Rectification"): the unit drafts and sends its feedback on the notice, the
 * performance section verifies it — closed, or a follow-up notice with new requirements and date.
 */
export const rectificationOperations = (store: RecordStore, evidence: EvidenceStore) => {
  /**
   * Of these rectifications' rounds, those still being issued: what hangs off them is not found to whoever reads it
   * only as the observer, like the round itself (core/src/scope/observer-scope.ts).
   */
  const roundsBeingIssued = async (tenant: string, rectifications: readonly StoredRectification[]) => {
    const ids = [...new Set(rectifications.flatMap((r) => (r.roundId ? [r.roundId] : [])))];
    if (ids.length === 0) return new Set<string>();
    const rounds = await store.getMany<StoredRecord & { roundStatus: RoundStatus }>(tenant, monitoringRoundKind, ids);
    return new Set(rounds.filter((r) => !publishedRound(r)).map((r) => r.id));
  };

  const visible = async (request: OperationRequest, id: string): Promise<StoredRectification> => {
    const p = request.principal;
    const found = await store.get<StoredRectification>(p.tenant, rectificationKind, id);
    if (!found || !canSee(p, found)) throw new HttpProblem('not-found');
    if (!canSee(p, found, false) && (await roundsBeingIssued(p.tenant, [found])).size > 0)
      throw new HttpProblem('not-found');
    return found;
  };

  const list: Operation = async (request: OperationRequest<unknown, Record<string, string | number | undefined>>) => {
    const { limit, cursor, q, departmentId, state } = request.query;
    const p = request.principal;
    const scope = listScope(p, { departmentId: departmentId as string | undefined });
    if (scope === 'nothing') return { status: 200, body: { items: [] } };
    // The observer is shown a draft's notice as issued: asking for that state reads the drafts too, and
    // every record is filtered by the state it is shown in, so the list says what the single read says
    // (a page may then hold fewer than `limit`; `nextCursor` goes on).
    const readsDrafts = isObserver(p) && state === publishedRectificationState('FEEDBACK_DRAFT');
    const filters = [
      ...scope.filters,
      ...(state && !readsDrafts ? [{ field: 'state', op: 'eq' as const, value: String(state) }] : []),
    ];
    const page = await listPage<StoredRectification>(
      store,
      request.principal.tenant,
      rectificationKind,
      {
        limit: Number(limit),
        cursor: cursor as string | undefined,
        q: q as string | undefined,
        ownerId: scope.ownerId,
        filters,
      },
      request.language,
    );
    const observed = page.items.filter((r) => !canSee(p, r, false));
    const hidden = await roundsBeingIssued(p.tenant, observed);
    const items = page.items
      .filter((r) => !r.roundId || !hidden.has(r.roundId) || canSee(p, r, false))
      .map((r) => shownTo(p, r))
      .filter((r) => !state || r.state === state);
    return { status: 200, body: { ...page, items } };
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => ({
    status: 200,
    body: shownTo(request.principal, await visible(request, request.params.id)),
  });

  /**
   * Whether the caller may take the action on this rectification: the feedback's steps by whoever answers it (its unit,
   * or its department for a department-level one: core's `mayAnswerRectification`), the verification by its roles.
   */
  const mayTake = (request: OperationRequest, current: StoredRectification, action: RectificationAction) =>
    action === 'save-feedback' || action === 'submit-feedback'
      ? mayAnswerRectification(request.principal, current, action)
      : request.principal.roles.some((r) => (rectificationActions[action].roles as readonly string[]).includes(r));

  const step = async (
    request: OperationRequest<{ id: string }, unknown, { version: number } & Record<string, unknown>>,
    action: RectificationAction,
    change: (current: StoredRectification) => Partial<StoredRectification> | Promise<Partial<StoredRectification>>,
  ) => {
    const current = await visible(request, request.params.id);
    if (!mayTake(request, current, action)) throw new HttpProblem('forbidden');
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    if (!canTakeRectificationAction(action, current.state)) throw new HttpProblem('invalid-transition', { current });
    const changes = await change(current);
    const to = rectificationActions[action].to as RectificationState;
    const now = request.receivedAt;
    const next: StoredRectification = {
      ...current,
      ...changes,
      state: to,
      log: [
        ...current.log,
        {
          action,
          from: current.state,
          to,
          by: request.principal.userId,
          byName: request.principal.displayName ?? request.principal.userId,
          at: now,
          opinion: String(request.body.opinion ?? ''),
        },
      ],
      version: current.version + 1,
      updatedAt: now,
      updatedBy: request.principal.userId,
    };
    const result = await store.update(request.principal.tenant, rectificationKind, current, next, {
      ...writeContext(request),
      operation: action,
    });
    if (result.outcome !== 'updated')
      throw new HttpProblem('version-conflict', { current: await visible(request, current.id) });
    return { status: 200, body: next };
  };

  /**
   * The feedback's evidence files: a presigned PUT for one, while the feedback may still be drafted (not once it is
   * sent or the rectification is closed), listed by the feedback's own save; a short-lived link to a listed one for
   * everyone who sees the rectification, among the files it is shown with (the observer: none of a draft's, answered
   * as not found like any file not listed).
   */
  const files = recordFileLinks<StoredRectification>(evidence, {
    key: rectificationAttachmentKey,
    visible,
    editable: (request, current) => {
      if (!mayTake(request, current, 'save-feedback')) throw new HttpProblem('forbidden');
      if (!canTakeRectificationAction('save-feedback', current.state))
        throw new HttpProblem('invalid-transition', { current });
    },
    shown: (request, record) => shownTo(request.principal, record),
  });

  /** The text, the list of evidence files, or both; a file new to the list must have arrived as registered. */
  const saveFeedback: Operation = (request) =>
    step(request, 'save-feedback', async (current) => {
      const { feedback, attachments } = request.body as { feedback?: string; attachments?: Attachment[] };
      if (attachments) {
        await checkUploadedAttachments(
          evidence,
          current.attachments ?? [],
          attachments,
          files.keyOf(request, current),
          request.language,
        );
      }
      return {
        ...(feedback === undefined ? {} : { feedback }),
        ...(attachments === undefined ? {} : { attachments }),
      };
    });

  const submitFeedback: Operation = async (request) => {
    const current = await visible(request, request.params.id);
    if (!current.feedback.trim()) {
      throw new HttpProblem('rules-not-met', {
        errors: [
          { pointer: '/feedback', code: 'feedback_required', message: describe('feedback_required', request.language) },
        ],
      });
    }
    return step(request, 'submit-feedback', () => ({ feedbackSubmittedAt: request.receivedAt }));
  };

  const verify: Operation = (request) => {
    const accept = request.body.decision === 'accept';
    return step(request, accept ? 'accept' : 'insufficient', (current) =>
      accept
        ? { closedAt: request.receivedAt }
        : {
            requirements: String(request.body.requirements),
            dueDate: String(request.body.dueDate),
            round: current.round + 1,
            feedbackSubmittedAt: null,
          },
    );
  };

  /**
   * The bureau starts a rectification from a source it has concluded on (rectification-start.ts reads and checks it).
   * Its id is derived from the source: the same request again answers the first result, another request for a source
   * that already has its rectification is refused (409) and names it.
   */
  const start: Operation = async (request: OperationRequest<unknown, unknown, StartRectification>) => {
    const tenant = request.principal.tenant;
    const facts = await sourceFacts(store, request);
    const started = startRectification(facts, request, requestHash(request.body));
    const result = await store.transact(tenant, [started.write], { ...writeContext(request), operation: 'start' });
    if (result.outcome === 'done') return { status: 201, body: started.rectification };
    if (result.outcome === 'replayed')
      return { status: 201, body: result.record, headers: { 'idempotent-replayed': 'true' } };
    const current = await store.get<StoredRectification>(tenant, rectificationKind, started.id);
    throw new HttpProblem('invalid-transition', {
      current,
      errors: [
        {
          pointer: '/sourceId',
          code: 'already_rectifying',
          message: request.language === 'en' ? 'This source already has its rectification' : '该来源已下达整改通知',
        },
      ],
    });
  };

  return {
    start,
    list,
    get,
    saveFeedback,
    submitFeedback,
    verify,
    uploadAttachment: files.upload,
    downloadAttachment: files.download,
  };
};
