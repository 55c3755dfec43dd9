import {
  type AttendanceEntry,
  type CreateTrainingSession,
  departmentAttendance,
  noTrainingCounts,
  recountTraining,
  type TrainingAttendanceRow,
  type TrainingCounts,
  type UpdateTrainingSession,
} from '@jixiao/core/department-assessment/training-session.ts';
import type { DepartmentSeries } from '@jixiao/core/organisation/department.ts';
import { describe } from '@jixiao/core/validation.ts';
import { trainingSessionKind, trainingTallyKind } from '#functions/department-assessment/record-kinds.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { departmentKind } from '#functions/organisation/record-kinds.ts';
import type { RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { listAll } from '#functions/records/list-all.ts';
import { listPage, newRecord, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';

type SessionRecord = StoredRecord & {
  fiscalYear: number;
  topic: string;
  heldOn: string;
  organiser: string;
  audience: DepartmentSeries[];
  attendance: AttendanceEntry[];
};
type TallyRecord = StoredRecord & TrainingCounts & { fiscalYear: number };
type DepartmentRecord = StoredRecord & { code: string; name: string; series: DepartmentSeries };

export const trainingTallyId = (fiscalYear: number) => derivedId(`training-tally:${fiscalYear}`);

/**
 * Training sessions (docs/domain/department-assessment.md#training): the performance section records them with their
 * attendance; each write changes the year's counts in the same transaction, so the attendance the assessment reads is
 * never a scan of the sessions and never out of step with them.
 */
export const trainingOperations = (store: RecordStore) => {
  const tallyOf = (tenant: string, fiscalYear: number) =>
    store.get<TallyRecord>(tenant, trainingTallyKind, trainingTallyId(fiscalYear));

  /** Every attending department exists in the tenant and is in the session's audience; 422 naming each that is not. */
  const checkAttendance = async (
    request: OperationRequest,
    audience: readonly DepartmentSeries[],
    attendance: readonly AttendanceEntry[],
  ) => {
    const found = await store.getMany<DepartmentRecord>(
      request.principal.tenant,
      departmentKind,
      attendance.map((e) => e.departmentId),
    );
    const byId = new Map(found.map((d) => [d.id, d]));
    const missing = attendance.flatMap((entry, i) =>
      byId.has(entry.departmentId)
        ? []
        : [
            {
              pointer: `/attendance/${i}/departmentId`,
              code: 'reference_not_found',
              message: describe('reference_not_found', request.language),
            },
          ],
    );
    if (missing.length) throw new HttpProblem('reference-not-found', { errors: missing });
    const outside = attendance.flatMap((entry, i) => {
      const department = byId.get(entry.departmentId) as DepartmentRecord;
      return audience.includes(department.series)
        ? []
        : [
            {
              pointer: `/attendance/${i}/departmentId`,
              code: 'attendance_not_in_audience',
              message: describe('attendance_not_in_audience', request.language),
            },
          ];
    });
    if (outside.length) throw new HttpProblem('rules-not-met', { errors: outside });
  };

  /** The tally's write for counts going from `tally` (absent: none yet) to `next`. */
  const tallyWrite = (
    request: OperationRequest,
    fiscalYear: number,
    tally: TallyRecord | undefined,
    next: TrainingCounts,
  ): TransactionWrite =>
    tally
      ? {
          kind: trainingTallyKind,
          before: tally,
          after: {
            ...tally,
            ...next,
            version: tally.version + 1,
            updatedAt: request.receivedAt,
            updatedBy: request.principal.userId,
          },
        }
      : {
          kind: trainingTallyKind,
          create: { ...newRecord({ id: trainingTallyId(fiscalYear) }, request), fiscalYear, ...next },
          hash: requestHash({ tally: trainingTallyId(fiscalYear), session: (request.body as { id?: string }).id }),
        };

  const list: Operation = async (
    request: OperationRequest<unknown, { fiscalYear: number; limit: number; cursor?: string }>,
  ) => {
    const { fiscalYear, limit, cursor } = request.query;
    const page = await listPage<SessionRecord>(
      store,
      request.principal.tenant,
      trainingSessionKind,
      { limit, cursor, ownerId: String(fiscalYear) },
      request.language,
    );
    return { status: 200, body: page };
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => {
    const session = await store.get<SessionRecord>(request.principal.tenant, trainingSessionKind, request.params.id);
    if (!session) throw new HttpProblem('not-found');
    return { status: 200, body: session };
  };

  const create: Operation = async (request: OperationRequest<unknown, unknown, CreateTrainingSession>) => {
    const body = request.body;
    await checkAttendance(request, body.audience, body.attendance);
    const tally = await tallyOf(request.principal.tenant, body.fiscalYear);
    const record: SessionRecord = { ...newRecord({ id: body.id }, request), ...body } as SessionRecord;
    const next = recountTraining(tally ?? noTrainingCounts(), undefined, body);
    const result = await store.transact(
      request.principal.tenant,
      [
        { kind: trainingSessionKind, create: record, hash: requestHash(body) },
        tallyWrite(request, body.fiscalYear, tally, next),
      ],
      writeContext(request),
    );
    if (result.outcome === 'done') return { status: 201, body: record };
    if (result.outcome === 'replayed' && result.index === 0) {
      return { status: 201, body: result.record, headers: { 'idempotent-replayed': 'true' } };
    }
    if (result.outcome === 'id-conflict' && result.index === 0) throw new HttpProblem('idempotency-conflict');
    // The year's counts moved under us (another session saved at the same moment): nothing was written; send again.
    throw new HttpProblem('version-conflict');
  };

  const update: Operation = async (request: OperationRequest<{ id: string }, unknown, UpdateTrainingSession>) => {
    const tenant = request.principal.tenant;
    const current = await store.get<SessionRecord>(tenant, trainingSessionKind, request.params.id);
    if (!current) throw new HttpProblem('not-found');
    const { version, ...changes } = request.body;
    if (current.version !== version) throw new HttpProblem('version-conflict', { current });
    const after: SessionRecord = {
      ...current,
      ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    await checkAttendance(request, after.audience, after.attendance);
    const tally = await tallyOf(tenant, current.fiscalYear);
    const next = recountTraining(tally ?? noTrainingCounts(), current, after);
    const result = await store.transact(
      tenant,
      [{ kind: trainingSessionKind, before: current, after }, tallyWrite(request, current.fiscalYear, tally, next)],
      writeContext(request),
    );
    if (result.outcome === 'done') return { status: 200, body: after };
    const latest = await store.get<SessionRecord>(tenant, trainingSessionKind, current.id);
    throw new HttpProblem('version-conflict', { current: latest });
  };

  /**
   * Each department's attendance of the year, as the assessment reads it: the bureau sees every department of the
   * tenant (at most `listAllCap`, refused beyond), a department reviewer its own.
   */
  const attendance: Operation = async (request: OperationRequest<{ fiscalYear: number }>) => {
    const tenant = request.principal.tenant;
    const counts = (await tallyOf(tenant, request.params.fiscalYear)) ?? noTrainingCounts();
    const bureau = request.principal.roles.some(
      (r) => r === 'performance-section-reviewer' || r === 'business-section-reviewer',
    );
    const own = request.principal.departmentId;
    const departments = bureau
      ? await listAll<DepartmentRecord>(store, tenant, departmentKind, {})
      : own
        ? await store.getMany<DepartmentRecord>(tenant, departmentKind, [own])
        : [];
    const items: TrainingAttendanceRow[] = departments
      .filter((d) => d.status === 'active' && d.isFinanceBureau !== true)
      .sort((a, b) => a.series.localeCompare(b.series) || a.code.localeCompare(b.code))
      .map((d) => ({
        departmentId: d.id,
        departmentCode: d.code,
        departmentName: d.name,
        series: d.series,
        ...departmentAttendance(counts, d),
      }));
    return { status: 200, body: { fiscalYear: request.params.fiscalYear, items } };
  };

  return {
    listTrainingSessions: list,
    getTrainingSession: get,
    createTrainingSession: create,
    updateTrainingSession: update,
    getTrainingAttendance: attendance,
  };
};
