import type { ExportJob } from '@jixiao/core/export-jobs/export-job.ts';
import type { RecordKind, StoredRecord } from '#functions/ports/record-store.ts';

/** An export as stored: the job without what is worked out when it is read (stalled, the download link). */
export type StoredExportJob = StoredRecord &
  Omit<ExportJob, 'stalled' | 'download' | 'engagementId'> & {
    /** Where the file is in the evidence bucket, once packed. */
    fileKey: string | null;
    /** An archive's engagement; absent on the exports across departments recorded before archives were jobs. */
    engagementId?: string | null;
  };

/** The tenant's queue of exports: every export sits in it, placed by when it was asked for, read newest first. */
export const exportJobsQueue = 'EXPORT-JOBS';

export const exportJobKind: RecordKind = {
  type: 'export-job',
  sortField: 'requestedAt',
  searchFields: ['title'],
  uniqueFields: [],
  queue: (r) => ({ queue: exportJobsQueue, position: `${String(r.requestedAt)}#${r.id}` }),
};

/** The file of an export in the evidence bucket, under the tenant's prefix (docs/architecture.md#evidence-files). */
export const exportFileKey = (tenant: string, jobId: string): string => `T/${tenant}/export-job/${jobId}/export.zip`;
