import type { RecordKind, StoredRecord } from '#functions/ports/record-store.ts';

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

/**
 * Where a report waits in the review, and for whom (as targets, domain.md §7.1): its
 * department's reviewer, the responsible business section, the performance section; oldest first.
 */
const reportQueue = (record: StoredRecord): { queue: string; position: string } | undefined => {
  const since = String(record.statusSince);
  switch (record.reviewStatus) {
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

/** Reports, listed per round and department (`roundDepartment`), queued while under review. */
export const monitoringReportKind: RecordKind = {
  type: 'monitoring-report',
  sortField: 'projectCode',
  ownerField: 'roundDepartment',
  searchFields: ['projectCode', 'projectName', 'unitName'],
  uniqueFields: [],
  queue: reportQueue,
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
      : undefined,
};
