import { reviewerQueue } from '@jixiao/core/daily-work/to-do.ts';
import type { TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import { queueStatusOf, reviewerRoles } from '@jixiao/core/submission/review-workflow.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import type { ListFilter, RecordKind, RecordStore } from '#functions/ports/record-store.ts';
import { listPage } from '#functions/records/record-operations.ts';
import { targetKind } from '#functions/submission/record-kinds.ts';

const dayMs = 24 * 60 * 60 * 1000;

interface QueueQuery {
  limit: number;
  cursor?: string;
  q?: string;
  departmentId?: string;
  series?: string;
  reviewStatus?: TargetStatus;
  minAgeDays?: number;
  roundId?: string;
}

/**
 * What waits for the caller (oldest first), read from the queue index: a department reviewer's
 * department queue, or the tenant queue of the caller's section. Someone with several reviewer
 * roles picks one with `reviewStatus`. Target versions and monitoring reports queue alike.
 */
export const reviewQueue =
  (store: RecordStore, kind: RecordKind = targetKind): Operation =>
  async (request: OperationRequest<unknown, QueueQuery>) => {
    const { principal, query } = request;
    const mine = reviewerRoles
      .filter((role) => principal.roles.includes(role))
      .map((role) => ({ role, status: queueStatusOf[role] }));
    const chosen = query.reviewStatus ? mine.find((m) => m.status === query.reviewStatus) : mine[0];
    // A reviewer without the organisation the role needs has no queue (docs/domain/daily-work.md reads the same).
    const queue = chosen ? reviewerQueue(chosen.role, principal) : undefined;
    if (queue === undefined) return { status: 200, body: { items: [] } };
    const filters: ListFilter[] = [];
    if (query.departmentId) filters.push({ field: 'departmentId', op: 'eq', value: query.departmentId });
    if (query.series) filters.push({ field: 'departmentSeries', op: 'eq', value: query.series });
    if (query.roundId) filters.push({ field: 'roundId', op: 'eq', value: query.roundId });
    const before =
      query.minAgeDays !== undefined
        ? new Date(Date.parse(request.receivedAt) - query.minAgeDays * dayMs).toISOString()
        : undefined;
    const page = await listPage(
      store,
      principal.tenant,
      kind,
      { limit: query.limit, cursor: query.cursor, q: query.q, queue: { name: queue, before }, filters },
      request.language,
    );
    return { status: 200, body: page };
  };
