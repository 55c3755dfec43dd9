import { rectificationAnswerQueue } from '@jixiao/core/daily-work/to-do.ts';
import type { Rectification } from '@jixiao/core/monitoring/rectification.ts';
import type { RecordKind, StoredRecord } from '#functions/ports/record-store.ts';
import { reviewQueuePlace } from '#functions/submission/record-kinds.ts';

/** The year's warning thresholds: one record per fiscal year, its id derived from the year. */
export const monitoringSettingsKind: RecordKind = {
  type: 'monitoring-settings',
  sortField: 'fiscalYear',
  searchFields: [],
  uniqueFields: [],
};

/** Monitoring rounds, listed per fiscal year. */
export const monitoringRoundKind: RecordKind = {
  type: 'monitoring-round',
  sortField: 'dataDate',
  ownerField: 'fiscalYear',
  searchFields: ['name'],
  uniqueFields: [],
};

/** Reports, listed per round and department (`roundDepartment`), queued while under review. */
export const monitoringReportKind: RecordKind = {
  type: 'monitoring-report',
  sortField: 'projectCode',
  ownerField: 'roundDepartment',
  searchFields: ['projectCode', 'projectName', 'unitName'],
  uniqueFields: [],
  // Reports wait for the same reviewers, in the same places, as target versions.
  queue: reviewQueuePlace,
};

/** One tally per round and department, kept on write; the dashboard reads these, never the reports. */
export const monitoringTallyKind: RecordKind = {
  type: 'monitoring-tally',
  sortField: 'sortKey',
  ownerField: 'roundId',
  searchFields: [],
  uniqueFields: [],
};

/** Dispositions of a round's reports (one per report at most), listed per round. */
export const dispositionKind: RecordKind = {
  type: 'monitoring-disposition',
  sortField: 'decidedAt',
  ownerField: 'roundId',
  searchFields: ['projectCode', 'projectName', 'departmentName'],
  uniqueFields: [],
};

/**
 * Rectifications, listed per department (owner index) or tenant-wide by due date; those whose
 * feedback awaits the bureau's verification wait in its queue, oldest first.
 */
export const rectificationKind: RecordKind = {
  type: 'rectification',
  sortField: 'dueDate',
  ownerField: 'departmentId',
  searchFields: ['projectCode', 'projectName', 'unitName'],
  uniqueFields: [],
  queue: (record) =>
    record.state === 'FEEDBACK_SUBMITTED'
      ? { queue: 'FEEDBACK_SUBMITTED', position: String(record.feedbackSubmittedAt) }
      : record.state === 'NOTICE_ISSUED' || record.state === 'FEEDBACK_DRAFT'
        ? // the unit's (or, department-level, the department's) to-do: notices still to answer, by due date, so the
          // overdue ones are a key range
          { queue: rectificationAnswerQueue(record), position: String(record.dueDate) }
        : undefined,
};

/**
 * A project's place on a round's red list, one per report that has ever been red once reported.
 * While it is red it sits in the round's red queue (ordered by department, then project); when it
 * stops being red it leaves the queue, so the red list is read from the queue alone.
 */
export const redMarkKind: RecordKind = {
  type: 'monitoring-red-mark',
  sortField: 'projectCode',
  searchFields: [],
  uniqueFields: [],
  queue: (record) =>
    record.red === true
      ? {
          queue: `RED#${String(record.roundId)}`,
          position: `${String(record.departmentCode)}#${String(record.projectCode)}`,
        }
      : undefined,
};

/** A rectification as stored (docs/domain/monitoring.md). */
export type StoredRectification = Rectification & StoredRecord;
