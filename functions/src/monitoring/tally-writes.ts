import type { MonitoringReport } from '@jixiao/core/monitoring/monitoring-report.ts';
import {
  applyChange,
  countsOf,
  countsOnly,
  emptyCounts,
  type RedEntry,
  redEntryOf,
  type TallyCounts,
} from '@jixiao/core/monitoring/monitoring-tally.ts';
import type { Principal } from '@jixiao/core/principal.ts';
import { seesTenant } from '@jixiao/core/scope/project-scope.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import { monitoringTallyKind, redMarkKind } from '#functions/monitoring/record-kinds.ts';
import type { RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import {
  createTallyWrite,
  type DepartmentOfRound,
  type DepartmentTallyHead,
  newDepartmentTally,
  talliesOfRound,
  tallyIncrementWrite,
} from '#functions/records/department-tally.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { requestHash } from '#functions/records/request-hash.ts';

export type StoredReport = MonitoringReport & StoredRecord & { roundDepartment: string };

export type TallyRecord = TallyCounts & DepartmentTallyHead;

export type { DepartmentOfRound };

export const tallyId = (roundId: string, departmentId: string): string =>
  derivedId(`monitoring-tally:${roundId}:${departmentId}`);

/** A department's first tally of a round, holding the reports it starts with. */
export const newTally = (
  roundId: string,
  department: DepartmentOfRound,
  reports: readonly StoredReport[],
  request: OperationRequest,
): TallyRecord =>
  newDepartmentTally(
    tallyId(roundId, department.id),
    roundId,
    department,
    reports.reduce((counts, r) => applyChange(counts, undefined, r), emptyCounts()),
    request,
  );

export const newTallyWrite = (tally: TallyRecord): TransactionWrite => createTallyWrite(monitoringTallyKind, tally);

/** Whether a change of a report changes what its department's tally counts. */
export const countsChange = (before: StoredReport, after: StoredReport): boolean =>
  JSON.stringify(countsOf(before)) !== JSON.stringify(countsOf(after));

/** What reports' changes (before undefined: a new report) add to their department's tally; undefined when nothing moved. */
export const tallyIncrement = (
  roundId: string,
  departmentId: string,
  changes: readonly { before: StoredReport | undefined; after: StoredReport }[],
): TransactionWrite | undefined =>
  tallyIncrementWrite(
    monitoringTallyKind,
    tallyId(roundId, departmentId),
    countsOnly(changes.reduce<TallyCounts>((c, { before, after }) => applyChange(c, before, after), emptyCounts())),
  );

/** A report's red-list record: its entry, and whether it is on the list now. */
export interface RedMark extends RedEntry, StoredRecord {
  roundId: string;
  departmentId: string;
  departmentCode: string;
  departmentName: string;
  financeSectionId: string | null;
  red: boolean;
}

export const redMarkId = (reportId: string): string => derivedId(`monitoring-red-mark:${reportId}`);

/** Whether a change of a report moves it onto, off or within the red list. */
export const redChange = (before: StoredReport, after: StoredReport): boolean =>
  JSON.stringify(redEntryOf(before)) !== JSON.stringify(redEntryOf(after));

/**
 * The write that keeps a report's red-list record in step with it: made the first time the report
 * is red once reported, updated on every later change (off the list when it is no longer red).
 */
export const redMarkWrite = (
  current: RedMark | undefined,
  after: StoredReport,
  departmentCode: string,
  request: OperationRequest,
): TransactionWrite | undefined => {
  const entry = redEntryOf(after);
  if (!current && !entry) return undefined;
  const fields = {
    ...(entry ?? {
      reportId: after.id,
      projectCode: after.projectCode,
      projectName: after.projectName,
      unitName: after.unitName,
      executionRatePct: after.assessment.executionRatePct,
      warnings: [],
    }),
    roundId: after.roundId,
    departmentId: after.departmentId,
    departmentCode,
    departmentName: after.departmentName,
    financeSectionId: after.financeSectionId ?? null,
    red: entry !== null,
    updatedAt: request.receivedAt,
    updatedBy: request.principal.userId,
  };
  if (current)
    return { kind: redMarkKind, before: current, after: { ...current, ...fields, version: current.version + 1 } };
  const mark: RedMark = {
    ...fields,
    id: redMarkId(after.id),
    version: 1,
    status: 'active',
    createdAt: request.receivedAt,
    createdBy: request.principal.userId,
  };
  return { kind: redMarkKind, create: mark, hash: requestHash({ redMark: mark.id }) };
};

/** Every department tally of a round (one item each). */
export const talliesOf = (store: RecordStore, tenant: string, roundId: string): Promise<TallyRecord[]> =>
  talliesOfRound<TallyRecord>(store, tenant, monitoringTallyKind, roundId);

/**
 * Whose figures a reviewer may read: the tenant's for the performance section, a business
 * section's departments', a department reviewer's own. (A unit reads its own department's export.)
 */
export const reviewsTally = (p: Principal, tally: TallyRecord): boolean =>
  seesTenant(p) ||
  (p.roles.includes('business-section-reviewer') &&
    p.sectionId !== undefined &&
    p.sectionId === tally.financeSectionId) ||
  (p.roles.includes('department-reviewer') && p.departmentId === tally.departmentId);
