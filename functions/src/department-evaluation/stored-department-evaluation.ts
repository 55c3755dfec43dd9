import type { DepartmentEvaluation } from '@jixiao/core/department-evaluation/department-evaluation.ts';
import type { Attachment } from '@jixiao/core/evidence/attachment.ts';
import type { StoredRecord } from '#functions/ports/record-store.ts';

/** The record as kept: `entryAttachments` holds the evidence files per indicator code (attachment-operations.ts). */
export type StoredDepartmentEvaluation = DepartmentEvaluation &
  StoredRecord & { entryAttachments?: Record<string, Attachment[]> };

/** The files listed per indicator code; a record written before evidence files existed has none. */
export const entryAttachmentsOf = (r: StoredDepartmentEvaluation): Record<string, Attachment[]> =>
  r.entryAttachments ?? {};
