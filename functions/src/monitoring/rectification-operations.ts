import {
  canTakeRectificationAction,
  type RectificationAction,
  type RectificationState,
  rectificationActions,
} from '@jixiao/core/monitoring/rectification.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { StoredRectification } from '#functions/monitoring/disposition-operations.ts';
import { rectificationKind } from '#functions/monitoring/record-kinds.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { listPage, writeContext } from '#functions/records/record-operations.ts';
import { canSee, isUnitMember, listScope } from '#functions/submission/project-scope.ts';

/**
 * Rectification (docs/domain/monitoring.md, "Rectification"): the unit drafts and sends its feedback on the notice, the
 * performance section verifies it — closed, or a follow-up notice with new requirements and date.
 */
export const rectificationOperations = (store: RecordStore) => {
  const visible = async (request: OperationRequest, id: string): Promise<StoredRectification> => {
    const found = await store.get<StoredRectification>(request.principal.tenant, rectificationKind, id);
    if (!found || !canSee(request.principal, found)) throw new HttpProblem('not-found');
    return found;
  };

  const list: Operation = async (request: OperationRequest<unknown, Record<string, string | number | undefined>>) => {
    const { limit, cursor, q, departmentId, state } = request.query;
    const scope = listScope(request.principal, { departmentId: departmentId as string | undefined });
    if (scope === 'nothing') return { status: 200, body: { items: [] } };
    const filters = [...scope.filters, ...(state ? [{ field: 'state', op: 'eq' as const, value: String(state) }] : [])];
    const page = await listPage(
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
    return { status: 200, body: page };
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => ({
    status: 200,
    body: await visible(request, request.params.id),
  });

  const step = async (
    request: OperationRequest<{ id: string }, unknown, { version: number } & Record<string, unknown>>,
    action: RectificationAction,
    change: (current: StoredRectification) => Partial<StoredRectification>,
  ) => {
    const current = await visible(request, request.params.id);
    const allowed = rectificationActions[action].roles as readonly string[];
    const byUnit = allowed.includes('unit-approver');
    const may =
      request.principal.roles.some((r) => allowed.includes(r)) && (!byUnit || isUnitMember(request.principal, current));
    if (!may) throw new HttpProblem('forbidden');
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    if (!canTakeRectificationAction(action, current.state)) throw new HttpProblem('invalid-transition', { current });
    const to = rectificationActions[action].to as RectificationState;
    const now = request.receivedAt;
    const next: StoredRectification = {
      ...current,
      ...change(current),
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

  const saveFeedback: Operation = (request) =>
    step(request, 'save-feedback', () => ({ feedback: String(request.body.feedback) }));

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

  return { list, get, saveFeedback, submitFeedback, verify };
};
