import type { RoundStatus } from '@jixiao/core/monitoring/monitoring-report.ts';
import { readsRound } from '@jixiao/core/scope/observer-scope.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { departmentKind } from '#functions/organisation/record-kinds.ts';
import type { RecordKind, RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { type DepartmentOfRound, departmentOfRound } from '#functions/records/department-tally.ts';
import { listPage, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { projectKind } from '#functions/submission/record-kinds.ts';

/**
 * A round that issues one record per project, department by department (monitoring's reports,
 * self-evaluation's tables): the departments still to issue wait in `pendingDepartmentIds`, and
 * the round is ISSUED once none is left. docs/architecture.md, "Issued rounds".
 */
export interface IssuingRound extends StoredRecord {
  fiscalYear: number;
  roundStatus: string;
  pendingDepartmentIds: string[];
}

export interface IssuedRecord extends StoredRecord {
  projectId: string;
}

export interface IssuedRoundSpec<
  Round extends IssuingRound,
  Issued extends IssuedRecord,
  Project extends StoredRecord,
  Context,
> {
  roundKind: RecordKind;
  issuedKind: RecordKind;
  tallyKind: RecordKind;
  issuedId: (roundId: string, projectId: string) => string;
  tallyId: (roundId: string, departmentId: string) => string;
  /** Records written per transaction: each costs three items (record, create marker, audit), the tally two, under 100. */
  perTransaction: number;
  /** One call issues until this many records are made or this much time has passed; the caller calls again. */
  perCall: number;
  millisecondsPerCall: number;
  /** The audit's operation names: a chunk of records, a finished department, the finished round. */
  operations: { records: string; department: string; round: string };
  /** The round's running count of what it issued, and where a department's tally holds its share. */
  addIssued: (round: Round, count: number) => Round;
  tallyCount: (tally: StoredRecord) => number;
  /** Whether a department with nothing to issue still gets its (empty) tally, so summaries list it. */
  tallyForEmptyDepartment: boolean;
  projectsOf: (tenant: string, round: Round, departmentId: string) => Promise<Project[]>;
  /** What is read once per department before its records are built, not once per transaction. */
  contextOf: (tenant: string, round: Round, missing: readonly Project[]) => Promise<Context>;
  build: (
    tenant: string,
    round: Round,
    department: DepartmentOfRound,
    projects: readonly Project[],
    request: OperationRequest,
    context: Context,
  ) => Promise<Issued[]>;
  newTally: (
    roundId: string,
    department: DepartmentOfRound,
    made: readonly Issued[],
    request: OperationRequest,
  ) => TransactionWrite;
  tallyIncrement: (
    roundId: string,
    departmentId: string,
    changes: readonly { before: undefined; after: Issued }[],
  ) => TransactionWrite | undefined;
}

/** Every active department that spends budget (not the bureau itself), followed to the last page. */
export const activeDepartmentIds = async (store: RecordStore, tenant: string): Promise<string[]> => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list<StoredRecord>(tenant, departmentKind, { limit: 100, cursor });
    ids.push(...page.items.filter((d) => d.status === 'active' && d.isFinanceBureau !== true).map((d) => d.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
};

/** A department's budgeted projects of a year, followed to the last page. */
export const budgetedProjectsOf = async <Project extends StoredRecord>(
  store: RecordStore,
  tenant: string,
  departmentId: string,
  fiscalYear: number,
): Promise<Project[]> => {
  const projects: Project[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list<Project>(tenant, projectKind, {
      limit: 100,
      cursor,
      ownerId: departmentId,
      filters: [
        { field: 'fiscalYear', op: 'eq', value: fiscalYear },
        { field: 'stage', op: 'eq', value: 'BUDGETED' },
      ],
    });
    projects.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return projects;
};

/**
 * Issuing, resumable and safe to repeat: each call goes on with the round's first pending
 * department and stops after `perCall` records or `millisecondsPerCall`; a department larger than
 * that stays first in line for the next call. Two issuers racing both converge: a transaction that
 * finds its records already made re-reads the round and goes on.
 */
export const roundIssuer = <
  Round extends IssuingRound,
  Issued extends IssuedRecord,
  Project extends StoredRecord,
  Context,
>(
  store: RecordStore,
  spec: IssuedRoundSpec<Round, Issued, Project, Context>,
  reread: (request: OperationRequest, id: string) => Promise<Round>,
) => {
  /** Makes up to `budget.count` of the department's missing records, with its tally; `raced` when another issuer got there first. */
  const issueDepartment = async (
    round: Round,
    department: DepartmentOfRound,
    request: OperationRequest,
    budget: { count: number; until: number },
  ): Promise<{ made: number; state: 'done' | 'more' | 'raced' }> => {
    const tenant = request.principal.tenant;
    const projects = await spec.projectsOf(tenant, round, department.id);
    const existing = new Set(
      (
        await store.getMany(
          tenant,
          spec.issuedKind,
          projects.map((p) => spec.issuedId(round.id, p.id)),
        )
      ).map((r) => r.id),
    );
    const missing = projects.filter((p) => !existing.has(spec.issuedId(round.id, p.id)));
    const now = missing.slice(0, Math.max(0, budget.count));
    const context = await spec.contextOf(tenant, round, now);
    let tallyExists =
      now.length > 0 && (await store.get(tenant, spec.tallyKind, spec.tallyId(round.id, department.id))) !== undefined;
    let made = 0;
    for (let i = 0; i < now.length; i += spec.perTransaction) {
      if (i > 0 && Date.now() >= budget.until) return { made, state: 'more' };
      const chunk = await spec.build(
        tenant,
        round,
        department,
        now.slice(i, i + spec.perTransaction),
        request,
        context,
      );
      const writes: TransactionWrite[] = chunk.map((record) => ({
        kind: spec.issuedKind,
        create: record,
        hash: requestHash({ roundId: round.id, projectId: record.projectId }),
      }));
      // Added to, not put over: units may already be saving the department's first records.
      const tally = tallyExists
        ? spec.tallyIncrement(
            round.id,
            department.id,
            chunk.map((after) => ({ before: undefined, after })),
          )
        : spec.newTally(round.id, department, chunk, request);
      if (tally) writes.unshift(tally);
      const result = await store.transact(tenant, writes, {
        ...writeContext(request),
        operation: spec.operations.records,
      });
      if (result.outcome !== 'done') return { made, state: 'raced' };
      tallyExists = true;
      made += chunk.length;
    }
    return { made, state: now.length < missing.length ? 'more' : 'done' };
  };

  /** The department's tally once all its records are made: made empty when the spec wants every department listed. */
  const finishedTally = async (
    round: Round,
    department: DepartmentOfRound,
    request: OperationRequest,
  ): Promise<{ count: number } | 'raced'> => {
    const tenant = request.principal.tenant;
    const tally = await store.get<StoredRecord>(tenant, spec.tallyKind, spec.tallyId(round.id, department.id));
    if (tally) return { count: spec.tallyCount(tally) };
    if (spec.tallyForEmptyDepartment) {
      const result = await store.transact(tenant, [spec.newTally(round.id, department, [], request)], {
        ...writeContext(request),
        operation: spec.operations.records,
      });
      if (result.outcome !== 'done' && result.outcome !== 'replayed') return 'raced';
    }
    return { count: 0 };
  };

  return async (request: OperationRequest<{ id: string }>): Promise<Round> => {
    const tenant = request.principal.tenant;
    const started = Date.now();
    let round = await reread(request, request.params.id);
    let made = 0;
    while (round.roundStatus === 'OPENING' && made < spec.perCall && Date.now() - started < spec.millisecondsPerCall) {
      const next = round.pendingDepartmentIds[0];
      let count = 0;
      if (next) {
        const department = await departmentOfRound(store, tenant, next);
        const issued = await issueDepartment(round, department, request, {
          count: spec.perCall - made,
          until: started + spec.millisecondsPerCall,
        });
        made += issued.made;
        if (issued.state === 'raced') {
          round = await reread(request, round.id);
          continue;
        }
        if (issued.state === 'more') break;
        const finished = await finishedTally(round, department, request);
        if (finished === 'raced') {
          round = await reread(request, round.id);
          continue;
        }
        count = finished.count;
      }
      const pendingDepartmentIds = round.pendingDepartmentIds.slice(1);
      const after: Round = {
        ...spec.addIssued(round, count),
        pendingDepartmentIds,
        roundStatus: pendingDepartmentIds.length === 0 ? 'ISSUED' : 'OPENING',
        version: round.version + 1,
        updatedAt: request.receivedAt,
        updatedBy: request.principal.userId,
      };
      const result = await store.update(tenant, spec.roundKind, round, after, {
        ...writeContext(request),
        operation: after.roundStatus === 'ISSUED' ? spec.operations.round : spec.operations.department,
      });
      round = result.outcome === 'updated' ? after : await reread(request, round.id);
    }
    return round;
  };
};

/**
 * Reading rounds: one by id, or a year's page. Whoever works on projects reads a round being
 * issued; the observer only once it is issued (core/src/scope/observer-scope.ts); issuing's own
 * bookkeeping (`pendingDepartmentIds`, a uniqueness key) is not shown.
 */
export const roundReads = <Round extends IssuingRound & { roundStatus: RoundStatus }>(
  store: RecordStore,
  kind: RecordKind,
) => {
  const visibleRound = async (request: OperationRequest, id: string): Promise<Round> => {
    const round = await store.get<Round>(request.principal.tenant, kind, id);
    if (!round || !readsRound(request.principal, round)) throw new HttpProblem('not-found');
    return round;
  };

  const publicRound = (round: Round): Omit<Round, 'pendingDepartmentIds' | 'yearKey'> => {
    const { pendingDepartmentIds: _pending, yearKey: _key, ...shown } = round as Round & { yearKey?: string };
    return shown;
  };

  const list: Operation = async (request: OperationRequest<unknown, Record<string, string | number | undefined>>) => {
    const { limit, cursor, fiscalYear } = request.query;
    const page = await listPage<Round>(
      store,
      request.principal.tenant,
      kind,
      {
        limit: Number(limit),
        cursor: cursor as string | undefined,
        ownerId: fiscalYear ? String(fiscalYear) : undefined,
      },
      request.language,
    );
    // Rounds the observer does not read yet are left out (a page may then hold fewer than `limit`; `nextCursor` goes on).
    const items = page.items.filter((r) => readsRound(request.principal, r)).map(publicRound);
    return { status: 200, body: { ...page, items } };
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => ({
    status: 200,
    body: publicRound(await visibleRound(request, request.params.id)),
  });

  return { visibleRound, publicRound, list, get };
};
