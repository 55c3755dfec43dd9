import { unitOpenQueue } from '@jixiao/core/daily-work/to-do.ts';
import type { RecordKind, StoredRecord } from '#functions/ports/record-store.ts';

/** The indicator library: one entry per code and fiscal year, listed per year through the owner index. */
export const indicatorKind: RecordKind = {
  type: 'indicator',
  sortField: 'code',
  ownerField: 'fiscalYear',
  searchFields: ['code', 'name', 'keywords', 'explanation'],
  uniqueFields: ['code'],
  uniqueScope: 'fiscalYear',
};

/** Projects: unique code per fiscal year; listed per department through the owner index. */
export const projectKind: RecordKind = {
  type: 'project',
  sortField: 'code',
  ownerField: 'departmentId',
  searchFields: ['code', 'name'],
  uniqueFields: ['code'],
  uniqueScope: 'fiscalYear',
};

/**
 * Where a target version (or a monitoring report) waits, and for whom (docs/domain/submission.md, "Review"): a
 * department's reviewer sees their department's queue, a business section the queue of the
 * departments it is responsible for, the performance section one queue for the tenant. Oldest
 * first, so "waiting at least N days" is a key range.
 */
export const reviewQueuePlace = (record: StoredRecord): { queue: string; position: string } | undefined => {
  const since = String(record.statusSince);
  switch (record.reviewStatus) {
    // The unit's own to-do (docs/domain/daily-work.md): what it has still to send, and what came back.
    // A report or self-evaluation is placed by its deadline, so "overdue" is a key range like "waiting N days".
    case 'DRAFT':
    case 'RETURNED':
      return {
        queue: unitOpenQueue(record.reviewStatus, String(record.unitId)),
        position: typeof record.deadline === 'string' ? record.deadline : since,
      };
    case 'UNIT_SUBMITTED':
      return { queue: `UNIT_SUBMITTED#${String(record.departmentId)}`, position: since };
    case 'DEPT_APPROVED':
      return { queue: `DEPT_APPROVED#${String(record.financeSectionId ?? '-')}`, position: since };
    case 'FIRST_REVIEWED':
      return { queue: 'FIRST_REVIEWED', position: since };
    default:
      return undefined;
  }
};

/** Performance-target versions: listed per project (owner index), queued while under review. */
export const targetKind: RecordKind = {
  type: 'performance-target',
  sortField: 'createdAt',
  ownerField: 'projectId',
  searchFields: ['projectCode', 'projectName'],
  uniqueFields: [],
  queue: reviewQueuePlace,
};

/** Ex-ante assessments: listed per project; a third party's appear in its agency's queue. */
export const exAnteKind: RecordKind = {
  type: 'ex-ante-assessment',
  sortField: 'createdAt',
  ownerField: 'projectId',
  searchFields: ['projectCode', 'projectName'],
  uniqueFields: [],
  queue: (record) =>
    typeof record.agencyId === 'string'
      ? { queue: `AGENCY#${record.agencyId}`, position: String(record.createdAt) }
      : undefined,
};

/** The year's target weights (rule 4): one record per fiscal year, its id derived from the year. */
export const weightSettingsKind: RecordKind = {
  type: 'target-weight-settings',
  sortField: 'fiscalYear',
  searchFields: [],
  uniqueFields: [],
};
