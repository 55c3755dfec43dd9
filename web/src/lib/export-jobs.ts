import type { ExportJob } from '@jixiao/core/export-jobs/export-job.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { api, type Page } from '#lib/api.ts';
import type { ExportReads } from '#lib/export-jobs-manager.svelte.ts';
import type { ExportRequest } from '#lib/export-jobs-request.ts';

export { type ExportRequest, requestOf } from '#lib/export-jobs-request.ts';

/** Asks for an export (the round pages, the exports page, an engagement's archive). */
export const startExport = (request: ExportRequest): Promise<ExportJob> =>
  api.post<ExportJob>('/export-jobs', { id: uuidV7(), ...request });

export const exportReads: ExportReads = {
  page: (cursor) => api.get<Page<ExportJob>>('/export-jobs', { limit: 20, cursor }),
  one: (id) => api.get<ExportJob>(`/export-jobs/${id}`),
};
