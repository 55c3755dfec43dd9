import type { CreateExportJob, ExportJob } from '@jixiao/core/export-jobs/export-job.ts';

/** What the person asks for; the id (the request's idempotency key) is made when it is sent, once per request. */
export type ExportRequest = CreateExportJob extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;

/** What asks for a job again as it was (a new job; the old one stays in the list), whatever its kind. */
export const requestOf = (job: Pick<ExportJob, 'kind' | 'fiscalYear' | 'roundId' | 'engagementId'>): ExportRequest => {
  if (job.kind === 'year') return { kind: 'year', fiscalYear: job.fiscalYear };
  if (job.kind === 'working-papers') return { kind: 'working-papers', engagementId: job.engagementId ?? '' };
  return { kind: job.kind, roundId: job.roundId ?? '' };
};
