import {
  createExportJob,
  exportingRoles,
  exportJob,
  exportJobPage,
  exportJobQuery,
} from '@jixiao/core/export-jobs/export-job.ts';
import { idParams } from '@jixiao/core/schema-parts.ts';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const dailyWork = { capability: 'daily-work', tag: 'daily-work' } as const;

/** The bureau's exports across departments (docs/domain/daily-work.md#exports-across-departments). */
export const exportJobRoutes: RouteDefinition[] = [
  {
    ...dailyWork,
    operationId: 'createExportJob',
    method: 'POST',
    path: '/api/v1/export-jobs',
    summary:
      'Ask for an export across departments — every department’s tables of a monitoring round, of the self-evaluation round, or of a whole budget year — packed by a job off the request path (at most 20,000 records; more fails the job, saying so). Answers at once with the job, QUEUED',
    access: exportingRoles,
    body: createExportJob,
    idempotentCreate: true,
    response: { status: 201, description: 'The job', schema: exportJob },
  },
  {
    ...dailyWork,
    operationId: 'listExportJobs',
    method: 'GET',
    path: '/api/v1/export-jobs',
    summary: 'The exports asked for in this tenant, newest first (a page of at most 50; no download links)',
    access: exportingRoles,
    query: exportJobQuery,
    response: { status: 200, description: 'A page', schema: exportJobPage },
  },
  {
    ...dailyWork,
    operationId: 'getExportJob',
    method: 'GET',
    path: '/api/v1/export-jobs/{id}',
    summary: 'One export: its state and progress, and once done a download link valid for 10 minutes',
    access: exportingRoles,
    params: idParams,
    response: { status: 200, description: 'The job', schema: exportJob },
  },
];
