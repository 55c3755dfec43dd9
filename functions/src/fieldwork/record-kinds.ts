import type { Assignment } from '@jixiao/core/fieldwork/assignment.ts';
import type { Engagement } from '@jixiao/core/fieldwork/engagement.ts';
import type { RecordKind, StoredRecord } from '#functions/ports/record-store.ts';

/** An engagement as stored, with the business section of its department copied when it was made. */
export type StoredEngagement = Engagement & StoredRecord & { financeSectionId: string | null };
export type StoredAssignment = Assignment & StoredRecord;

/**
 * Engagements: listed per evaluated department (owner index, for a department's released ones);
 * a commissioned engagement sits in its agency's queue so the agency lists its own.
 */
export const engagementKind: RecordKind = {
  type: 'engagement',
  sortField: 'createdAt',
  ownerField: 'departmentId',
  searchFields: ['title', 'projectName', 'projectCode', 'departmentName'],
  uniqueFields: [],
  queue: (record) =>
    typeof record.agencyId === 'string'
      ? { queue: `AGENCY#${record.agencyId}`, position: String(record.createdAt) }
      : undefined,
};

/** Assignments: listed per engagement; each evaluator's in their own queue (the field app's list). */
export const assignmentKind: RecordKind = {
  type: 'fieldwork-assignment',
  sortField: 'createdAt',
  ownerField: 'engagementId',
  searchFields: ['evaluatorName'],
  uniqueFields: [],
  queue: (record) => ({ queue: `EVALUATOR#${String(record.evaluatorId)}`, position: String(record.createdAt) }),
};

/**
 * Field records: listed per engagement in order of arrival; per assignment through the queue index,
 * so an evaluator's or a lead's view of one assignment reads only that assignment's records.
 */
export const fieldRecordKind: RecordKind = {
  type: 'field-record',
  sortField: 'receivedAt',
  ownerField: 'engagementId',
  searchFields: [],
  uniqueFields: [],
  queue: (record) => ({ queue: `ASSIGNMENT#${String(record.assignmentId)}`, position: String(record.receivedAt) }),
};

/**
 * Received photos, one record each (so attaching one never races an edit of its field record):
 * listed per engagement (progress, working papers) and per field record through the queue index.
 */
export const fieldPhotoKind: RecordKind = {
  type: 'field-photo',
  sortField: 'createdAt',
  ownerField: 'engagementId',
  searchFields: [],
  uniqueFields: [],
  queue: (record) => ({ queue: `RECORD#${String(record.recordId)}`, position: String(record.createdAt) }),
};
