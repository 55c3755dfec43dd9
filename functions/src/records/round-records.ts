import type { Language } from '@jixiao/core/language.ts';
import type { RoundStatus } from '@jixiao/core/monitoring/monitoring-report.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { type ReviewTable, step } from '@jixiao/core/review/review-engine.ts';
import {
  defaultPublishedReportStatus,
  isObserver,
  publishedReport,
  publishedRound,
  readsRound,
} from '@jixiao/core/scope/observer-scope.ts';
import { canSee, mayActAs, type ScopedRecord, seesTenant } from '@jixiao/core/scope/project-scope.ts';
import type { ReviewStep, TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type {
  ListFilter,
  RecordKind,
  RecordStore,
  StoredRecord,
  TransactionOutcome,
} from '#functions/ports/record-store.ts';
import { listPage } from '#functions/records/record-operations.ts';
import { reviewRefusal } from '#functions/records/review-refusal.ts';

/**
 * What a record a round issues per project (a monitoring report, a self-evaluation) shares with
 * every other: it is read in the scope of its project, listed a department at a time, and reviewed
 * along the same steps (docs/architecture.md, "Issued rounds").
 */
export interface RoundRecord extends StoredRecord, ScopedRecord {
  roundId: string;
  reviewStatus: TargetStatus;
  statusSince: string;
  firstSubmittedAt: string | null;
  reviewLog: ReviewStep[];
}

type RoundOfRecord = StoredRecord & { roundStatus: RoundStatus };

const fieldError = (pointer: string, code: string, language: Language): FieldError => ({
  pointer,
  code,
  message: describe(code, language),
});

/** How many times a change re-reads and retries when only the department's tally moved underneath it. */
const attempts = 5;

/**
 * The record as the caller may read it, else not found: the observer reads a sent record of a round
 * already issued only (core/src/scope/observer-scope.ts).
 */
export const readRoundRecord = async <R extends RoundRecord>(
  store: RecordStore,
  kinds: { record: RecordKind; round: RecordKind },
  request: OperationRequest,
  id: string,
): Promise<R> => {
  const p = request.principal;
  const found = await store.get<R>(p.tenant, kinds.record, id);
  if (!found) throw new HttpProblem('not-found');
  if (!canSee(p, found, false)) {
    const round = publishedReport(found.reviewStatus)
      ? await store.get<RoundOfRecord>(p.tenant, kinds.round, found.roundId)
      : undefined;
    if (!canSee(p, found, round !== undefined && publishedRound(round))) throw new HttpProblem('not-found');
  }
  return found;
};

/**
 * A round's records of one department, a page at a time. Units and department reviewers read
 * their own department; a business section its departments; the bureau names the department (its
 * dashboard lists them); the observer what was sent, one review status at a time (the store
 * filters by equality only).
 */
export const listRoundRecords =
  <R extends RoundRecord>(store: RecordStore, kinds: { record: RecordKind; round: RecordKind }): Operation =>
  async (request: OperationRequest<{ id: string }, Record<string, string | number | undefined>>) => {
    const p = request.principal;
    const { limit, cursor, q, departmentId, reviewStatus } = request.query;
    const round = await store.get<RoundOfRecord>(p.tenant, kinds.round, request.params.id);
    if (!round || !readsRound(p, round)) throw new HttpProblem('not-found');
    const department = (departmentId as string | undefined) ?? p.departmentId;
    if (!department) {
      throw new HttpProblem('validation-failed', {
        errors: [fieldError('/departmentId', 'required', request.language)],
      });
    }
    const filters: ListFilter[] = [];
    let status = reviewStatus as TargetStatus | undefined;
    if (!p.roles.includes('performance-section-reviewer') && isObserver(p)) {
      status ??= defaultPublishedReportStatus;
      if (!publishedReport(status)) return { status: 200, body: { items: [] } };
    } else if (!seesTenant(p)) {
      if (p.roles.includes('business-section-reviewer') && p.sectionId) {
        filters.push({ field: 'financeSectionId', op: 'eq', value: p.sectionId });
      } else if (p.departmentId !== department) {
        return { status: 200, body: { items: [] } };
      } else if (!p.roles.includes('department-reviewer')) {
        if (!p.unitId) return { status: 200, body: { items: [] } };
        filters.push({ field: 'unitId', op: 'eq', value: p.unitId });
      }
    }
    if (status) filters.push({ field: 'reviewStatus', op: 'eq', value: status });
    const page = await listPage<R>(
      store,
      p.tenant,
      kinds.record,
      {
        limit: Number(limit),
        cursor: cursor as string | undefined,
        q: q as string | undefined,
        ownerId: `${request.params.id}#${department}`,
        filters,
      },
      request.language,
    );
    return { status: 200, body: page };
  };

/** A decision a reviewer sends: the version they saw, an opinion, and on a return the rows it is about. */
export interface ReviewDecision {
  version: number;
  opinion?: string;
  decision?: 'approve' | 'return';
  rowComments?: Record<string, string>;
}

/**
 * The record one review step on, as core's table decides it (docs/architecture.md#review-engine):
 * this only gathers what its guards read. Refused in the problem core names.
 */
export const reviewedOnce = <R extends RoundRecord, A extends string, F, E extends string>(
  table: ReviewTable<A, TargetStatus, F, E>,
  request: OperationRequest<{ id: string }, unknown, ReviewDecision>,
  current: R,
  action: A,
  facts: F,
): R => {
  const decision = step(
    table,
    { status: current.reviewStatus, version: current.version },
    action,
    // Seeing a record through one role does not let another of the caller's roles act on it.
    { actsAs: (role) => mayActAs(request.principal, role, current) },
    { version: request.body.version, facts },
  );
  if (!decision.ok) throw reviewRefusal(decision.problem, current);
  const { to, role, effects } = decision;
  const reviewStep: ReviewStep = {
    action,
    from: current.reviewStatus,
    to,
    by: request.principal.userId,
    byName: request.principal.displayName ?? request.principal.userId,
    role,
    at: request.receivedAt,
    opinion: request.body.opinion ?? '',
    grade: null,
    rowComments: request.body.rowComments ?? {},
  };
  return {
    ...current,
    reviewStatus: to,
    statusSince: request.receivedAt,
    firstSubmittedAt:
      current.firstSubmittedAt ??
      ((effects as readonly string[]).includes('first-submitted') ? request.receivedAt : null),
    reviewLog: [...current.reviewLog, reviewStep],
    version: current.version + 1,
    updatedAt: request.receivedAt,
    updatedBy: request.principal.userId,
  };
};

/**
 * Runs a read–decide–write of a record until it lands: a conflict on the record itself (someone
 * else changed it first) is the caller's to hear about; a conflict only on what is written beside
 * it (the department's tally, a red-list mark) is read again and retried, a few times.
 */
export const untilWritten = async <T>(
  attempt: () => Promise<{ result: TransactionOutcome; body: T }>,
): Promise<{ status: 200; body: T }> => {
  for (let tries = 1; ; tries++) {
    const { result, body } = await attempt();
    if (result.outcome === 'done') return { status: 200, body };
    if (result.outcome === 'version-conflict' && result.index === 0) {
      throw new HttpProblem('version-conflict', { current: result.current });
    }
    if (tries >= attempts) throw new HttpProblem('version-conflict');
  }
};

/** Entries by row id merged over a record's rows; an entry for a row the record lacks is refused by its index. */
export const mergeRowsById = <Row extends { rowId: string }, Entry extends Partial<Row> & { rowId: string }>(
  rows: readonly Row[],
  entries: readonly Entry[],
  pointer: string,
  language: Language,
): Row[] => {
  const unknown = entries.map((e, i) => [e, i] as const).filter(([e]) => !rows.some((r) => r.rowId === e.rowId));
  if (unknown.length > 0) {
    throw new HttpProblem('validation-failed', {
      errors: unknown.map(([, i]) => fieldError(`${pointer}/${i}/rowId`, 'unknown_row', language)),
    });
  }
  const byId = new Map(entries.map((e) => [e.rowId, e]));
  return rows.map((row): Row => ({ ...row, ...(byId.get(row.rowId) ?? {}) }));
};
