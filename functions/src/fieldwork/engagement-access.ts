import { engagementToDoPlaces } from '@jixiao/core/daily-work/to-do.ts';
import type { EngagementState } from '@jixiao/core/fieldwork/engagement.ts';
import { seesEngagement } from '@jixiao/core/scope/fieldwork-scope.ts';
import { engagementToDoKind, toDoEntryWrites } from '#functions/daily-work/record-kinds.ts';
import {
  assignmentKind,
  engagementKind,
  type StoredAssignment,
  type StoredEngagement,
} from '#functions/fieldwork/record-kinds.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { opinionExchangeKind, type StoredOpinionExchange } from '#functions/key-evaluation/finding-kind.ts';
import type { RecordStore, TransactionWrite } from '#functions/ports/record-store.ts';
import { listAll } from '#functions/records/list-all.ts';
import { writeContext } from '#functions/records/record-operations.ts';

/**
 * Reading an engagement as the caller may see it and taking a step on it at the version they saw, with its to-do
 * entries: what every capability that acts on an engagement needs (fieldwork, the key evaluation's conclusion), kept
 * apart from opening and planning one so those capabilities do not carry that code.
 */
export const engagementAccess = (store: RecordStore) => {
  /**
   * The engagement's places on the bureau's, the agency lead's and the evaluated department's to-do lists
   * (docs/domain/daily-work.md#how-the-lists-are-kept), written with it: it stays in its agency's queue for the
   * agency's list page, so its to-do places are entries of their own. While the opinions are exchanged the place
   * depends on whether the department has submitted its answers: the step that submits them says so, any other
   * step reads the exchange.
   */
  const toDoWrites = async (tenant: string, e: StoredEngagement, at: string, answersSubmitted?: boolean) => {
    const submitted =
      e.state !== 'OPINION_EXCHANGE'
        ? false
        : (answersSubmitted ??
          Boolean((await store.get<StoredOpinionExchange>(tenant, opinionExchangeKind, e.id))?.submittedAt));
    return toDoEntryWrites(
      store,
      tenant,
      engagementToDoKind,
      e.id,
      engagementToDoPlaces(e, submitted),
      {
        projectName: e.title,
        projectCode: e.projectCode,
        unitName: e.agencyName,
        departmentName: e.departmentName,
        state: e.state,
      },
      at,
    );
  };

  /** The engagement if the caller may see it; an evaluator may when one of their assignments is on it. */
  const visible = async (request: OperationRequest, id: string): Promise<StoredEngagement> => {
    const p = request.principal;
    const e = await store.get<StoredEngagement>(p.tenant, engagementKind, id);
    if (!e) throw new HttpProblem('not-found');
    if (seesEngagement(p, e)) return e;
    if (p.agencyId === e.agencyId && (await assignmentsOf(request)).some((a) => a.engagementId === e.id)) return e;
    throw new HttpProblem('not-found');
  };

  const assignmentsOf = (request: OperationRequest) =>
    listAll<StoredAssignment>(store, request.principal.tenant, assignmentKind, {
      queue: { name: `EVALUATOR#${request.principal.userId}` },
    });

  /**
   * A change at the version the caller saw, with the actor and the step recorded, its to-do entries and any `extra`
   * writes of the step (the papers' lock, a notice) in the same transaction.
   */
  const save = async (
    request: OperationRequest<unknown, unknown, { version: number }>,
    current: StoredEngagement,
    change: Partial<StoredEngagement>,
    operation?: string,
    extra: readonly TransactionWrite[] = [],
  ) => {
    if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
    const next: StoredEngagement = {
      ...current,
      ...change,
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const context = { ...writeContext(request), ...(operation ? { operation } : {}) };
    const tenant = request.principal.tenant;
    // A step may move the engagement between to-do lists (or rename it): its entries change in the same transaction.
    const result = await store.transact(
      tenant,
      [
        { kind: engagementKind, before: current, after: next },
        ...(await toDoWrites(tenant, next, request.receivedAt)),
        ...extra,
      ],
      context,
    );
    if (result.outcome === 'done') return { status: 200, body: next };
    if (result.outcome === 'version-conflict' && result.index === 0)
      throw new HttpProblem('version-conflict', { current: result.current });
    // Another step moved the entries first: the caller reads again and retries, as after any conflict.
    throw new HttpProblem('version-conflict', { current: await store.get(tenant, engagementKind, current.id) });
  };

  const inState = (current: StoredEngagement, states: readonly EngagementState[]) => {
    if (!states.includes(current.state)) throw new HttpProblem('invalid-transition', { current });
  };

  return { visible, assignmentsOf, save, inState, toDoWrites };
};
