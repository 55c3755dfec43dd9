import type { CreateExportJob, ExportJob } from '@jixiao/core/export-jobs/export-job.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { api, type Page } from '#lib/api.ts';
import type { ExportReads } from '#lib/export-jobs-manager.svelte.ts';

/** What the person asks for; the id (the request's idempotency key) is made here, once per request. */
export type ExportRequest = CreateExportJob extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;

/** Asks for an export across departments (the round pages and the exports page). */
export const startExport = (request: ExportRequest): Promise<ExportJob> =>
  api.post<ExportJob>('/export-jobs', { id: uuidV7(), ...request });

export const exportReads: ExportReads = {
  page: (cursor) => api.get<Page<ExportJob>>('/export-jobs', { limit: 20, cursor }),
  one: (id) => api.get<ExportJob>(`/export-jobs/${id}`),
};
